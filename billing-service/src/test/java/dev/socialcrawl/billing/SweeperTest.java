package dev.socialcrawl.billing;

import java.net.URI;

import static dev.socialcrawl.billing.Api.admin;
import static dev.socialcrawl.billing.Api.internal;
import static dev.socialcrawl.billing.Api.rid;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(ShortSweeperProfile.class)
@QuarkusTestResource(value = FreshDatabaseResource.class, restrictToAnnotatedClass = false)
class SweeperTest {
    @TestHTTPResource(value = "/", management = true)
    URI managementUri;

    /** Health and metrics are served only on the management interface. */
    private io.restassured.specification.RequestSpecification management() {
        return given().baseUri("http://" + managementUri.getHost()).port(managementUri.getPort());
    }


    @Test
    void anUnsettledDebitIsRefundedAutomaticallyAndASettledOneIsLeftAlone() {
        long account = Api.newAccount();
        String abandoned = rid();
        String served = rid();
        Api.debit(abandoned, account, 10);
        Api.debit(served, account, 5);
        internal().body(Map.of("request_ids", List.of(served))).post("/internal/settlements").then().statusCode(200)
                .body("settled", equalTo(1));

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                admin().get("/ledger/requests/" + abandoned).then().statusCode(200).body("items", hasSize(2)));

        admin().get("/ledger/requests/" + abandoned).then().body("items[1].type", equalTo("refund"))
                .body("items[1].amount", equalTo(10));
        admin().get("/ledger/requests/" + served).then().body("items", hasSize(1));
        assertEquals(95, Api.balance(account));
        internal().body(Map.of("request_id", abandoned)).post("/internal/refunds").then().statusCode(200)
                .body("replayed", equalTo(true)).body("balance", equalTo(95));
        management().get("/q/metrics").then().body(containsString("billing_refunds_total{source=\"sweeper\"} 1.0"));
        admin().get("/ledger/integrity").then().body("violations", equalTo(0));
    }
}
