package dev.socialcrawl.proxy.upstream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Catalogue requests answered by the proxy's Vert.x route and those the REST layer still answers (a path that needs
 * decoding, the status, unknown paths) look the same to the gateway and in the metrics.
 */
@QuarkusTest
@TestProfile(FakeUpstreamProfile.class)
class ProxyRouteTest {
    private static final Pattern SERIES = Pattern.compile(
            "http_server_requests_seconds_count\\{method=\"GET\",outcome=\"SUCCESS\",status=\"200\","
                    + "uri=\"/proxy/\\{platform}/\\{resource: \\.\\+}\"} ([0-9.E]+)");

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    BreakerRegistry breakers;

    @BeforeEach
    void freshUpstream() {
        wireMock.resetAll();
        breakers.resetAll();
        wireMock.stubFor(get(urlPathEqualTo("/v1/tiktok/profile")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(UpstreamOutcomesTest.TIKTOK_PROFILE)));
    }

    @Test
    void aPlainAndAPercentEncodedPathGiveTheSameAnswerAndTheSameMetricSeries() {
        double before = served();
        Response plain = given().queryParam("handle", "charlidamelio").get("/proxy/tiktok/profile");
        Response encoded = given().urlEncodingEnabled(false).get("/proxy/tiktok/%70rofile?handle=charlidamelio");

        for (Response r : new Response[] {plain, encoded}) {
            r.then().statusCode(200).contentType("application/json")
                    .body("author.username", equalTo("charlidamelio"));
        }
        assertEquals(plain.jsonPath().getMap("$"), encoded.jsonPath().getMap("$"));
        assertEquals(before + 2, served(), "both counted under the REST layer's template");
    }

    @Test
    void theUpstreamGetsTheParametersInTheRequestsOrderWithTheirOwnNames() {
        given().urlEncodingEnabled(false)
                .get("/proxy/tiktok/profile?handle=charli%20d&format=raw").then().statusCode(200);
        LoggedRequest seen = wireMock.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/v1/tiktok/profile"))).get(0);
        assertEquals("/v1/tiktok/profile?handle=charli%20d", seen.getUrl(), "decoded, re-encoded, format kept back");
    }

    @Test
    void aFailureIsTheSameEnvelopeAsTheRestLayersAndTheRestStillAnswersWhatTheRouteLeaves() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/tiktok/profile")).willReturn(aResponse().withStatus(503)));
        given().header("X-Request-Id", UpstreamOutcomesTest.REQUEST_ID).queryParam("handle", "x")
                .get("/proxy/tiktok/profile").then().statusCode(502).contentType("application/json")
                .header("X-Request-Id", UpstreamOutcomesTest.REQUEST_ID)
                .body("success", equalTo(false))
                .body("error.type", equalTo("UPSTREAM_ERROR"))
                .body("error.status", equalTo(502))
                .body("error.doc_url", equalTo("https://www.socialcrawl.dev/docs/errors/upstream-error"))
                .body("request_id", equalTo(UpstreamOutcomesTest.REQUEST_ID));

        given().get("/proxy/tiktok/no-such-resource").then().statusCode(404)
                .body("error.type", equalTo("ENDPOINT_NOT_FOUND"));
        given().get("/proxy/status").then().statusCode(200).body("platforms.tiktok.state", equalTo("closed"));
        given().post("/proxy/tiktok/profile").then().statusCode(405);
    }

    private static double served() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = SERIES.matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
