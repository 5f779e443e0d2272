package dev.socialcrawl.billing;

import static dev.socialcrawl.billing.Api.ledger;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Who is about to run out: {@code GET /ledger/low-balance} and the {@code billing_accounts_below_threshold} gauge. */
@QuarkusTest
@QuarkusTestResource(value = FreshDatabaseResource.class, restrictToAnnotatedClass = false)
class LowBalanceTest {
    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource(value = "/", management = true)
    URI managementUri;

    @Test
    void accountsBelowTheThresholdAreListedLowestFirstInPages() {
        long three = Api.accountWith(3);
        long seven = Api.accountWith(7);
        long zero = Api.accountWith(0);
        long plenty = Api.accountWith(500);
        List<Long> below8 = Api.allPages(() -> ledger().queryParam("below", 8).queryParam("limit", 2), "/ledger/low-balance",
                "account_id", Long.class);
        List<Long> balances = Api.allPages(() -> ledger().queryParam("below", 8).queryParam("limit", 2), "/ledger/low-balance",
                "balance", Long.class);
        assertTrue(below8.containsAll(List.of(zero, three, seven)) && !below8.contains(plenty), below8.toString());
        assertEquals(balances.stream().sorted().toList(), balances, "lowest balance first");
        assertEquals(below8.stream().distinct().toList(), below8, "no repeats across pages");
        ledger().queryParam("below", 8).get("/ledger/low-balance").then().statusCode(200)
                .body("total", equalTo(below8.size()));
    }

    @Test
    void withoutBelowTheConfiguredThresholdApplies() {
        long ninetyNine = Api.accountWith(99);
        long hundred = Api.accountWith(100);
        List<Long> listed = ledger().queryParam("limit", 1000).get("/ledger/low-balance").then().statusCode(200)
                .body("below", equalTo(100)).extract().jsonPath().getList("items.account_id", Long.class);
        assertTrue(listed.contains(ninetyNine) && !listed.contains(hundred), listed.toString());
        ledger().queryParam("below", "lots").get("/ledger/low-balance").then().statusCode(400)
                .body("error.message", equalTo("Parameter 'below' must be a whole number of credits up to 1000000000000."));
    }

    @Test
    void theGaugeFollowsTheAccountsBelowTheThresholdWithinTheJobsInterval() throws Exception {
        Api.accountWith(1);
        long expected = Database.count(dataSource, "SELECT count(*) FROM accounts WHERE balance < 100");
        await().atMost(Duration.ofSeconds(10)).until(() -> gauge() == expected);
        Api.accountWith(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> gauge() == expected + 1);
    }

    private double gauge() {
        String metrics = given().baseUri("http://" + managementUri.getHost()).port(managementUri.getPort())
                .get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^billing_accounts_below_threshold[^ ]* ([0-9.Ee+-]+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
