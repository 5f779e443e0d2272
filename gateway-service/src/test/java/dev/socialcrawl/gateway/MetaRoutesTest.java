package dev.socialcrawl.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.socialcrawl.catalog.Catalog;
import dev.socialcrawl.gateway.support.FakeServices;
import dev.socialcrawl.gateway.support.GatewayTest;
import dev.socialcrawl.gateway.support.RedisStats;

/** /v1/credits/balance, /v1/status and /v1/openapi.json. */
@QuarkusTest
class MetaRoutesTest extends GatewayTest {
    @Inject
    RedisDataSource redis;

    private static final String REPORTS = FakeServices.PREFIX + "proxy-breakers";

    @AfterEach
    void noBreakerReportsLeft() {
        redis.key().del(REPORTS);
    }

    /** A replica's report as the proxy publishes it, {@code ageSeconds} old. */
    private void report(String replica, long ageSeconds, String platformsJson) {
        redis.hash(String.class).hset(REPORTS, replica, "{\"replica\":\"" + replica + "\",\"updated_at\":\""
                + java.time.Instant.now().minusSeconds(ageSeconds) + "\",\"platforms\":" + platformsJson + "}");
    }

    @Test
    void theBalanceIsTheAccountsWithRecentDeductionsAndIsNeverStored() {
        Account a = account(100);
        as(a).get("/v1/tiktok/trending?region=" + token("spend")).then().statusCode(200);
        checkedId(as(a).get("/v1/credits/balance")).then().statusCode(200)
                .header("Cache-Control", "no-store")
                .header("X-Credits-Used", "0")
                .header("X-Credits-Remaining", "95")
                .body("platform", equalTo("meta"))
                .body("endpoint", equalTo("/v1/credits/balance"))
                .body("data.balance", equalTo(95))
                .body("data.recent_deductions.last_24h", equalTo(5))
                .body("data.recent_deductions.last_7d", equalTo(5))
                .body("credits_used", equalTo(0))
                .body("credits_remaining", equalTo(95));
        given().get("/v1/credits/balance").then().statusCode(401).body("error.type", equalTo("MISSING_API_KEY"));
    }

    @Test
    void statusShowsEveryPlatformAndAPlatformOpenOnAnyReplicaIsOpen() {
        report("r1", 0, "{\"tiktok\":{\"state\":\"closed\"},\"reddit\":{\"state\":\"open\",\"retry_after_seconds\":17},"
                + "\"kick\":{\"state\":\"half_open\"}}");
        report("r2", 0, "{\"tiktok\":{\"state\":\"open\",\"retry_after_seconds\":9},\"reddit\":{\"state\":\"closed\"}}");
        report("gone", 60, "{\"youtube\":{\"state\":\"open\",\"retry_after_seconds\":5}}");
        // The view is shared for up to a second: wait for one taken after these reports.
        await().atMost(Duration.ofSeconds(10)).until(() -> "open".equals(
                given().get("/v1/status").jsonPath().getString("data.platforms.tiktok.state")));
        JsonPath body = checkedId(given().get("/v1/status")).then().statusCode(200)
                .body("success", equalTo(true))
                .body("platform", equalTo("meta"))
                .body("$", not(hasKey("credits_remaining")))
                .extract().jsonPath();
        assertEquals("open", body.getString("data.platforms.tiktok.state"));
        assertEquals(9, body.getInt("data.platforms.tiktok.retry_after_seconds"));
        assertEquals("open", body.getString("data.platforms.reddit.state"));
        assertEquals(17, body.getInt("data.platforms.reddit.retry_after_seconds"));
        assertEquals("half_open", body.getString("data.platforms.kick.state"));
        assertEquals("closed", body.getString("data.platforms.youtube.state"), "a report 60 s old is ignored");
        Map<String, Object> platforms = body.getMap("data.platforms");
        assertEquals(Catalog.loadDefault().platforms().size(), platforms.size());
    }

    @Test
    void statusAsksTheProxyWhenNoReplicaReportedInRedis() {
        proxy().statusBody("{\"replica\":\"p\",\"platforms\":{\"twitch\":{\"state\":\"open\",\"retry_after_seconds\":4}}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> "open".equals(
                given().get("/v1/status").jsonPath().getString("data.platforms.twitch.state")));
        given().get("/v1/status").then().statusCode(200)
                .body("data.platforms.twitch.state", equalTo("open"))
                .body("data.platforms.twitch.retry_after_seconds", equalTo(4))
                .body("data.platforms.tiktok.state", equalTo("closed"));
        proxy().statusBody("{\"replica\":\"fake\",\"platforms\":{}}");
    }

    @Test
    void statusReadsOneHashAtMostOnceASecondHoweverOftenItIsAsked() {
        report("r1", 0, "{\"tiktok\":{\"state\":\"closed\"}}");
        given().get("/v1/status").then().statusCode(200);
        long reads = RedisStats.calls("hgetall");
        long scans = RedisStats.calls("scan");
        long started = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            given().get("/v1/status").then().statusCode(200);
        }
        long seconds = Math.max(1, Duration.ofNanos(System.nanoTime() - started).toSeconds() + 1);
        assertTrue(RedisStats.calls("hgetall") - reads <= seconds + 1,
                "at most one read per second: " + (RedisStats.calls("hgetall") - reads) + " in " + seconds + " s");
        assertEquals(scans, RedisStats.calls("scan"), "never a SCAN of the keyspace");
    }

    @Test
    void theOpenApiDocumentListsEveryCatalogueEndpointWithItsParamsEnumsTierAndErrors() {
        Catalog catalog = Catalog.loadDefault();
        JsonNode doc = readTree(given().get("/v1/openapi.json").then().statusCode(200)
                .contentType("application/json").extract().asString());
        assertEquals(catalog.endpoints().size() + 4, doc.path("paths").size(), "the catalogue and four meta routes");
        catalog.endpoints().forEach(e -> {
            JsonNode get = doc.path("paths").path(e.path()).path("get");
            assertEquals(e.tier().wireName(), get.path("x-tier").asText(), e.path());
            assertEquals(e.cost(), get.path("x-cost").asLong(), e.path());
            assertEquals(e.params().size() + 3, get.path("parameters").size(), e.path());
        });
        given().get("/v1/openapi.json").then()
                .body("paths.'/v1/tiktok/profile/videos'.get.parameters.find { it.name == 'sort_by' }.schema.enum",
                        hasItems("latest", "popular"))
                .body("paths.'/v1/tiktok/profile'.get.parameters.find { it.name == 'handle' }.required", equalTo(true))
                .body("paths.'/v1/tiktok/profile'.get.responses", hasKey("402"))
                .body("paths.'/v1/tiktok/profile'.get.responses", hasKey("429"))
                .body("paths.'/v1/tiktok/profile'.get.responses", hasKey("503"))
                .body("paths.'/v1/tiktok/user/followers'.get.x-one-of[0]", hasItems("handle", "user_id"));
    }

    private static JsonNode readTree(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError("the OpenAPI document is JSON", e);
        }
    }
}
