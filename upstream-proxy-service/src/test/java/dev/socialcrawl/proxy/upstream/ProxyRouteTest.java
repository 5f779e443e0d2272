package dev.socialcrawl.proxy.upstream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.socialcrawl.proxy.ProxyCalls.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

import dev.socialcrawl.proxy.Management;
import dev.socialcrawl.proxy.ProxyCalls;
import dev.socialcrawl.proxy.RawHttp;

/** What the proxy's one door puts on the wire for each kind of request: status, headers, envelope and bytes. */
@QuarkusTest
@TestProfile(FakeUpstreamProfile.class)
class ProxyRouteTest {
    @TestHTTPResource(value = "/", management = true)
    java.net.URI managementUri;

    private static final String REQUEST_ID = UpstreamOutcomesTest.REQUEST_ID;
    private static final Map<String, String> TOKEN = Map.of(ProxyCalls.TOKEN_HEADER, ProxyCalls.TEST_TOKEN);
    private static final Pattern URI_LABEL = Pattern.compile("http_server_requests_seconds_count\\{[^}]*uri=\"([^\"]*)\"");

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
    void aFetchIsTwoHundredJsonWithTheCallersRequestIdAndNoProxyHeaders() {
        Response r = given().header("X-Request-Id", REQUEST_ID).queryParam("handle", "charlidamelio")
                .get("/proxy/tiktok/profile");
        r.then().statusCode(200)
                .header("Content-Type", "application/json")
                .header("X-Request-Id", REQUEST_ID)
                .header("X-Upstream-Empty", nullValue())
                .header("Allow", nullValue())
                .body("author.username", equalTo("charlidamelio"))
                .body("success", nullValue());
        byte[] body = r.asByteArray();
        assertEquals(Integer.toString(body.length), r.header("Content-Length"));
        assertTrue(new String(body, StandardCharsets.UTF_8).startsWith("{\"author\":{"), "the data value itself");
    }

    @Test
    void aPercentEncodedPathIsDecodedOnceAndGivesTheSameBytesAsThePlainOne() {
        byte[] plain = given().queryParam("handle", "charlidamelio").get("/proxy/tiktok/profile")
                .then().statusCode(200).extract().asByteArray();
        byte[] encoded = given().urlEncodingEnabled(false).get("/proxy/tiktok/%70rofile?handle=charlidamelio")
                .then().statusCode(200).extract().asByteArray();
        assertArrayEquals(plain, encoded);
        given().urlEncodingEnabled(false).get("/proxy/tiktok/%2570rofile?handle=charlidamelio")
                .then().statusCode(404).body("error.type", equalTo("ENDPOINT_NOT_FOUND"));
    }

    @Test
    void queryValuesAreDecodedOnceAndReachTheUpstreamWithoutFormat() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/youtube/channel")).willReturn(aResponse().withStatus(200)
                .withBody("{\"id\":\"UCX6OQ3DkcsbYNE6H8uQQuVA\",\"name\":\"MrBeast\",\"handle\":\"MrBeast\"}")));
        given().urlEncodingEnabled(false)
                .get("/proxy/youtube/channel?channelId=charli%20d+x%2By%2525&format=raw").then().statusCode(200);
        wireMock.verify(1, getRequestedFor(urlPathEqualTo("/v1/youtube/channel"))
                .withQueryParam("channelId", com.github.tomakehurst.wiremock.client.WireMock.equalTo("charli d x+y%25"))
                .withQueryParam("format", absent()));
    }

    @Test
    void paramsAreCheckedAgainstTheCatalogueAndABadOneNeverReachesTheUpstream() {
        Map<String, String> bad = Map.ofEntries(
                Map.entry("/proxy/tiktok/profile", "Missing required parameter(s): handle"),
                Map.entry("/proxy/tiktok/profile?handle=", "Missing required parameter(s): handle"),
                Map.entry("/proxy/tiktok/profile?handle=a&typo=1", "Unknown parameter 'typo'"),
                Map.entry("/proxy/tiktok/profile?handle=a&handle=b", "Parameter 'handle' is repeated"),
                Map.entry("/proxy/tiktok/profile?handle=%40charli", "Parameter 'handle' must be a handle"),
                Map.entry("/proxy/tiktok/profile?handle=a%01b", "control character"),
                Map.entry("/proxy/tiktok/profile?handle=a&format=json", "Parameter 'format' must be one of: raw"),
                Map.entry("/proxy/facebook/profile?url=https%3A%2F%2Fevil.example%2FMeta", "Parameter 'url'"),
                Map.entry("/proxy/facebook/profile?url=http%3A%2F%2F127.0.0.1%2Fx", "Parameter 'url'"),
                Map.entry("/proxy/youtube/channel?channelId=" + "x".repeat(2049), "longer than 2048"));
        bad.forEach((target, message) -> expectEnvelope(given().urlEncodingEnabled(false)
                .header("X-Request-Id", REQUEST_ID).get(target), 400, "INVALID_REQUEST")
                .body("error.message", containsString(message)));
        assertTrue(wireMock.getAllServeEvents().isEmpty(), "nothing reached the upstream");
    }

    @Test
    void malformedPercentEncodingIsInvalidRequestAndNeverReachesTheUpstream() throws Exception {
        for (String bad : List.of("/proxy/tiktok/profile?handle=%zz", "/proxy/tiktok/profile?handle=ab%4",
                "/proxy/tiktok/profile?ha%G1ndle=x", "/proxy/tiktok/pro%zzfile?handle=x", "/proxy/status%")) {
            RawHttp.Answer answer = RawHttp.send("GET", bad, Map.of("X-Request-Id", REQUEST_ID, ProxyCalls.TOKEN_HEADER, ProxyCalls.TEST_TOKEN));
            assertEquals(400, answer.status(), bad);
            assertEquals("application/json", answer.header("Content-Type"), answer.toString());
            assertEquals(REQUEST_ID, answer.header("X-Request-Id"));
            JsonNode body = new ObjectMapper().readTree(answer.body());
            assertEquals("INVALID_REQUEST", body.at("/error/type").asText(), bad);
            assertEquals(400, body.at("/error/status").asInt());
            assertTrue(body.at("/error/message").asText().contains("malformed percent-encoding"), answer.body());
            assertEquals("http://localhost:8080/docs/errors/invalid-request", body.at("/error/doc_url").asText());
            assertEquals(REQUEST_ID, body.at("/request_id").asText());
        }
        assertTrue(wireMock.getAllServeEvents().isEmpty(), "nothing reached the upstream");
    }

    @Test
    void everyMethodButGetIsMethodNotAllowedWithAllowGet() {
        for (String path : List.of("/proxy/tiktok/profile?handle=x", "/proxy/status", "/proxy/myspace/profile")) {
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND", "FROBNICATE")) {
                expectEnvelope(given().header("X-Request-Id", REQUEST_ID).request(method, path), 405,
                        "METHOD_NOT_ALLOWED").header("Allow", "GET");
            }
            given().head(path).then().statusCode(405).header("Allow", "GET");
        }
        assertTrue(wireMock.getAllServeEvents().isEmpty(), "nothing reached the upstream");
    }

    @Test
    void pathsOutsideTheCatalogueAreEndpointNotFound() {
        for (String path : List.of("/proxy/tiktok/no-such-resource", "/proxy/myspace/profile", "/proxy/tiktok",
                "/proxy/tiktok/", "/proxy/", "/proxy", "/proxy/status/extra", "/proxy//profile")) {
            expectEnvelope(given().header("X-Request-Id", REQUEST_ID).get(path), 404, "ENDPOINT_NOT_FOUND")
                    .header("X-Upstream-Empty", nullValue());
        }
        assertTrue(wireMock.getAllServeEvents().isEmpty(), "nothing reached the upstream");
    }

    @Test
    void theStatusIsTwoHundredJson() {
        given().header("X-Request-Id", REQUEST_ID).get("/proxy/status").then().statusCode(200)
                .header("Content-Type", "application/json")
                .header("X-Request-Id", REQUEST_ID)
                .body("platforms.tiktok.state", equalTo("closed"));
    }

    @Test
    void anErrorIsExactlyTheCommonEnvelopeWithItsHeaders() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/tiktok/profile")).willReturn(aResponse().withStatus(503)));
        Response r = given().header("X-Request-Id", REQUEST_ID).queryParam("handle", "x").get("/proxy/tiktok/profile");
        r.then().statusCode(502).header("Content-Type", "application/json").header("X-Request-Id", REQUEST_ID);
        assertEquals("{\"success\":false,\"error\":{\"type\":\"UPSTREAM_ERROR\","
                + "\"message\":\"The tiktok upstream answered HTTP 503. Credits were refunded.\",\"status\":502,"
                + "\"doc_url\":\"http://localhost:8080/docs/errors/upstream-error\"},"
                + "\"request_id\":\"" + REQUEST_ID + "\"}", r.asString());

        wireMock.stubFor(get(urlPathEqualTo("/v1/tiktok/profile")).willReturn(aResponse().withStatus(404)));
        expectEnvelope(given().queryParam("handle", "x").get("/proxy/tiktok/profile"), 404, "RESOURCE_NOT_FOUND")
                .header("X-Upstream-Empty", "false");
    }

    @Test
    void everyProxyRequestIsCountedUnderOneUriLabelWhateverItsPath() {
        String junk = UUID.randomUUID().toString();
        given().queryParam("handle", "charlidamelio").get("/proxy/tiktok/profile").then().statusCode(200);
        given().urlEncodingEnabled(false).get("/proxy/tiktok/%70rofile?handle=x").then().statusCode(200);
        given().get("/proxy/status").then().statusCode(200);
        given().get("/proxy/" + junk + "/a").then().statusCode(404);
        given().get("/proxy/tiktok/" + junk).then().statusCode(404);
        assertEquals(400, RawHttp.send("GET", "/proxy/" + junk + "%zz", TOKEN).status());
        given().post("/proxy/" + junk).then().statusCode(405);

        String metrics = Management.at(managementUri).get("/q/metrics").then().statusCode(200).extract().asString();
        Set<String> proxyLabels = new TreeSet<>();
        Matcher m = URI_LABEL.matcher(metrics);
        while (m.find()) {
            if (m.group(1).startsWith("/proxy")) {
                proxyLabels.add(m.group(1));
            }
        }
        assertEquals(Set.of("/proxy/{path}"), proxyLabels);
        assertTrue(!metrics.contains(junk), "no series names the junk path");
    }

    private static ValidatableResponse expectEnvelope(Response r, int status, String type) {
        return r.then().statusCode(status)
                .header("Content-Type", "application/json")
                .body("success", equalTo(false))
                .body("error.type", equalTo(type))
                .body("error.status", equalTo(status))
                .body("error.doc_url", startsWith("http://localhost:8080/docs/errors/"))
                .body("request_id", equalTo(r.header("X-Request-Id")));
    }
}
