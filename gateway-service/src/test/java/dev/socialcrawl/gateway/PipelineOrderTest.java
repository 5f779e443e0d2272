package dev.socialcrawl.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import dev.socialcrawl.gateway.support.GatewayTest;
import dev.socialcrawl.gateway.support.Revocations;

/** docs/api.md#order-of-checks: each check in its order, each rejection free and in the envelope with its headers. */
@QuarkusTest
class PipelineOrderTest extends GatewayTest {
    private static final String INVALID_KEY_MESSAGE =
            "Invalid API key. The key is malformed, unknown, revoked or expired.";

    @Test
    void aNonGetMethodIsRefusedWith405AndAllowGetBeforeTheKeyIsLookedAt() {
        for (String method : new String[] { "POST", "PUT", "DELETE", "PATCH" }) {
            Response r = given().when().request(method, "/v1/tiktok/profile?handle=x");
            checkedId(r).then().statusCode(405)
                    .header("Allow", "GET")
                    .body("error.type", equalTo("METHOD_NOT_ALLOWED"))
                    .body("error.doc_url", equalTo("http://localhost:8080/docs/errors/method-not-allowed"))
                    .body("$", not(hasKey("credits_remaining")));
        }
    }

    @Test
    void statusAndOpenApiAnswerWithoutAKey() {
        checkedId(given().get("/v1/status")).then().statusCode(200).body("platform", equalTo("meta"))
                .body("$", not(hasKey("credits_remaining")));
        given().get("/v1/openapi.json").then().statusCode(200).body("openapi", equalTo("3.1.0"))
                .header("X-Request-Id", org.hamcrest.Matchers.startsWith("req-"));
    }

    @Test
    void aMissingOrEmptyKeyIs401MissingApiKeyWithoutCreditsRemaining() {
        checkedId(given().get("/v1/tiktok/profile?handle=x")).then().statusCode(401)
                .body("error.type", equalTo("MISSING_API_KEY"))
                .body("$", not(hasKey("credits_remaining")))
                .header("X-Credits-Remaining", nullValue());
        checkedId(given().header("x-api-key", "").get("/v1/tiktok/profile?handle=x")).then().statusCode(401)
                .body("error.type", equalTo("MISSING_API_KEY"));
    }

    @Test
    void malformedUnknownAndExpiredKeysGetTheSame401Message() {
        long id = billing().createAccount(100);
        String expired = billing().createKey(id, Instant.now().minusSeconds(5));
        String unknown = "sc_" + "A".repeat(43);
        for (String key : new String[] { "not-a-key", "sc_short", unknown, expired }) {
            checkedId(given().header("x-api-key", key).get("/v1/tiktok/profile?handle=x")).then().statusCode(401)
                    .body("error.type", equalTo("INVALID_API_KEY"))
                    .body("error.message", equalTo(INVALID_KEY_MESSAGE))
                    .body("$", not(hasKey("credits_remaining")));
        }
    }

    @Test
    void anUnknownPlatformOrResourceIs404EndpointNotFoundWithTheBalance() {
        Account a = account(100);
        for (String path : new String[] { "/v1/myspace/profile", "/v1/tiktok/nope", "/v1/" }) {
            checkedId(as(a).get(path)).then().statusCode(404)
                    .body("error.type", equalTo("ENDPOINT_NOT_FOUND"))
                    .body("credits_remaining", equalTo(100))
                    .header("X-Credits-Used", "0")
                    .header("X-Credits-Remaining", "100");
        }
        assertEquals(0, billing().debitsOfAccount(a.id()));
    }

    @Test
    void aMissingRequiredParamIs400NamingIt() {
        Account a = account(100);
        checkedId(as(a).get("/v1/tiktok/video/comment/replies")).then().statusCode(400)
                .body("error.type", equalTo("INVALID_REQUEST"))
                .body("error.message", equalTo("Missing required parameter(s): comment_id, url"))
                .body("credits_remaining", equalTo(100));
        checkedId(as(a).queryParam("handle", "").get("/v1/tiktok/profile")).then().statusCode(400)
                .body("error.message", equalTo("Missing required parameter(s): handle"));
    }

    @Test
    void everyFormatRuleIs400NamingTheParam() {
        Account a = account(100);
        bad(a, "/v1/tiktok/profile?handle=@someone", "Parameter 'handle' must be a handle without '@' or spaces");
        bad(a, "/v1/tiktok/profile?handle=two%20words", "Parameter 'handle'");
        bad(a, "/v1/tiktok/profile?handle=" + "h".repeat(101), "Parameter 'handle'");
        bad(a, "/v1/tiktok/post?url=ftp://tiktok.com/x", "Parameter 'url' must be an http(s) URL on tiktok.com");
        bad(a, "/v1/tiktok/post?url=https://www.youtube.com/watch", "Parameter 'url'");
        bad(a, "/v1/tiktok/post?url=https://www.tiktok.com/@a/video/1&trim=yes", "Parameter 'trim' must be true or false");
        bad(a, "/v1/tiktok/post/comments?url=https://www.tiktok.com/@a/video/1&cursor=ten",
                "Parameter 'cursor' must be a whole number");
        bad(a, "/v1/tiktok/profile/videos?handle=a&sort_by=oldest", "Parameter 'sort_by' must be one of: latest, popular");
        bad(a, "/v1/tiktok/profile?handle=a&colour=red", "Unknown parameter 'colour'");
        bad(a, "/v1/tiktok/profile?handle=a&handle=b", "Parameter 'handle' is repeated");
        bad(a, "/v1/tiktok/profile/videos?handle=a&region=" + "r".repeat(2049),
                "Parameter 'region' is longer than 2048 characters");
        bad(a, "/v1/tiktok/user/followers", "at least one of handle, user_id is required");
        bad(a, "/v1/tiktok/profile?handle=a&format=pretty", "Parameter 'format'");
        assertEquals(0, billing().debitsOfAccount(a.id()), "rejections are free");
    }

    @Test
    void aSubredditWithTheRPrefixIsRefused() {
        Account a = account(100);
        String path = dev.socialcrawl.catalog.Catalog.loadDefault().endpoints().stream()
                .filter(e -> e.params().values().stream()
                        .anyMatch(p -> p.type() == dev.socialcrawl.catalog.ParamType.SUBREDDIT)
                        && e.required().stream().allMatch(n -> e.params().get(n).type()
                                == dev.socialcrawl.catalog.ParamType.SUBREDDIT))
                .findFirst().orElseThrow().path();
        String param = dev.socialcrawl.catalog.Catalog.loadDefault().findByPath(path).orElseThrow().params().values()
                .stream().filter(p -> p.type() == dev.socialcrawl.catalog.ParamType.SUBREDDIT).findFirst()
                .orElseThrow().name();
        bad(a, path + "?" + param + "=r/pics", "Parameter '" + param + "' must be a subreddit name");
    }

    @Test
    void anInvalidIdempotencyKeyIs400() {
        Account a = account(100);
        checkedId(as(a).header("Idempotency-Key", "short").get("/v1/tiktok/profile?handle=a")).then()
                .statusCode(400).body("error.message", org.hamcrest.Matchers.containsString("Idempotency-Key"));
    }

    @Test
    void aRevokedKeyIs401EvenWhenItsParamsAreAlsoWrong() {
        Account a = account(100);
        as(a).get("/v1/tiktok/profile?handle=" + token("warm")).then().statusCode(200);
        Revocations.revoke(a.key());
        checkedId(as(a).get("/v1/tiktok/profile?handle=@bad&colour=red")).then().statusCode(401)
                .body("error.type", equalTo("INVALID_API_KEY"));
    }

    @Test
    void tooFewCreditsIs402WithTheExactMessageAndTheBalance() {
        Account a = account(3);
        String t = token("poor");
        Response r = as(a).get("/v1/tiktok/trending?region=" + t);
        checkedId(r).then().statusCode(402)
                .body("error.type", equalTo("INSUFFICIENT_CREDITS"))
                .body("error.message", equalTo("Your account has 3 credits remaining. This endpoint requires 5 credits."))
                .body("error.doc_url", equalTo("http://localhost:8080/docs/errors/insufficient-credits"))
                .body("credits_remaining", equalTo(3))
                .header("X-Credits-Used", "0")
                .header("X-Credits-Remaining", "3");
        assertEquals(0, proxy().callsWith(t).size(), "nothing reaches the proxy without a debit");
    }

    private static void bad(Account a, String url, String messageStart) {
        checkedId(as(a).urlEncodingEnabled(false).get(url)).then().statusCode(400)
                .body("error.type", equalTo("INVALID_REQUEST"))
                .body("error.message", org.hamcrest.Matchers.containsString(messageStart))
                .body("credits_remaining", equalTo(100));
    }
}
