package dev.socialcrawl.billing;

import java.net.URI;

import static dev.socialcrawl.billing.Api.internal;
import static dev.socialcrawl.billing.Api.rid;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = FreshDatabaseResource.class, restrictToAnnotatedClass = false)
class MetricsTest {
    @TestHTTPResource(value = "/", management = true)
    URI managementUri;

    /** Health and metrics are served only on the management interface. */
    private io.restassured.specification.RequestSpecification management() {
        return given().baseUri("http://" + managementUri.getHost()).port(managementUri.getPort());
    }


    @Test
    void theBillingMetersAppearOnTheMetricsEndpointAfterADebitAndARefund() {
        double debitedBefore = value(scrape(), "billing_credits_debited_total");
        long account = Api.newAccount();
        String id = rid();
        Api.debit(id, account, 3);
        internal().body(Map.of("request_id", id)).post("/internal/refunds").then().statusCode(200);

        String metrics = scrape();
        assertTrue(value(metrics, "billing_credits_debited_total") >= debitedBefore + 3, "debited counter moved by 3");
        assertTrue(value(metrics, "billing_credits_refunded_total") >= 3, "refunded counter moved");
        assertTrue(value(metrics, "billing_refunds_total\\{source=\"gateway\"") >= 1, "gateway refund counted");
        org.hamcrest.MatcherAssert.assertThat(metrics, containsString("billing_refunds_total{source=\"sweeper\""));
        org.hamcrest.MatcherAssert.assertThat(metrics, containsString("billing_unsettled_debits"));
        org.hamcrest.MatcherAssert.assertThat(metrics, containsString("billing_ledger_integrity_violations"));
    }

    @Test
    void theActivityAndLowBalanceMetersAreExposedUnderTheirFixedNames() {
        String metrics = scrape();
        for (String name : new String[] { "billing_activity_stored_total", "billing_activity_stream_length",
                "billing_accounts_below_threshold" }) {
            assertTrue(Pattern.compile("(?m)^" + name + " [0-9.Ee+-]+$").matcher(metrics).find(), name + " is exposed");
        }
    }

    @Test
    void readinessStaysUpWithTheDatabaseAndRedisChecks() {
        management().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("Database connections health check"))
                .body(containsString("Redis connection health check"));
    }

    private String scrape() {
        return management().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double value(String metrics, String namePattern) {
        Matcher m = Pattern.compile("(?m)^" + namePattern + "[^ ]* ([0-9.Ee+-]+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
