package dev.socialcrawl.proxy.sandbox;

import static dev.socialcrawl.proxy.ProxyCalls.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;

import dev.socialcrawl.catalog.Catalog;
import dev.socialcrawl.catalog.Endpoint;
import dev.socialcrawl.catalog.ParamSpec;
import dev.socialcrawl.proxy.CatalogueParams;
import dev.socialcrawl.proxy.upstream.BreakerRegistry;

/** The sandbox's switches (notfound, empty, error, slow), directly and as the proxy reports them. */
@QuarkusTest
class SandboxMagicValuesTest {
    private static final Catalog CATALOG = Catalog.loadDefault();

    @Inject
    BreakerRegistry breakers;

    @BeforeEach
    void closedBreakers() {
        breakers.resetAll();
    }

    /** One endpoint per archetype and per "has a field map or not", so every empty check is exercised. */
    static Stream<Endpoint> emptyCheckCases() {
        return CATALOG.endpoints().stream()
                .collect(Collectors.toMap(e -> e.archetype() + "/" + (e.fieldMap() != null), e -> e, (a, b) -> a))
                .values().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("emptyCheckCases")
    void anEmptyValueGivesAnEmptyPayloadThatTheProxyReportsAsEmptyUpstream(Endpoint endpoint) {
        Map<String, String> params = withMagic(endpoint, "empty");
        given().queryParams(params).get(sandboxPath(endpoint)).then().statusCode(200);
        given().queryParams(params).get(proxyPath(endpoint))
                .then().statusCode(404)
                .header("X-Upstream-Empty", "true")
                .body("error.type", equalTo("RESOURCE_NOT_FOUND"));
    }

    @Test
    void anEmptyListKeepsThePlatformShapeWithAnEmptyArray() {
        Endpoint videos = CATALOG.find("tiktok", "profile/videos").orElseThrow();
        given().queryParams(withMagic(videos, "empty")).get(sandboxPath(videos))
                .then().statusCode(200)
                .body("aweme_list", empty())
                .body("has_more", equalTo(false));
    }

    @Test
    void aNotfoundValueIsAnUpstream404ThatIsCharged() {
        Endpoint profile = CATALOG.find("tiktok", "profile").orElseThrow();
        given().queryParams(withMagic(profile, "notfound")).get(sandboxPath(profile)).then().statusCode(404);
        given().queryParams(withMagic(profile, "notfound")).get(proxyPath(profile))
                .then().statusCode(404)
                .header("X-Upstream-Empty", "false")
                .body("error.type", equalTo("RESOURCE_NOT_FOUND"));
    }

    @Test
    void aNotfoundUrlWorksThroughAValidPlatformUrl() {
        Endpoint post = CATALOG.find("instagram", "post").orElseThrow();
        given().queryParams(withMagic(post, "notfound")).get(proxyPath(post))
                .then().statusCode(404).header("X-Upstream-Empty", "false");
    }

    @Test
    void anErrorValueIsAnUpstream500ThatTheProxyReportsAsUpstreamError() {
        Endpoint tweet = CATALOG.find("twitter", "tweet").orElseThrow();
        given().queryParams(withMagic(tweet, "error")).get(sandboxPath(tweet)).then().statusCode(500);
        given().queryParams(withMagic(tweet, "error")).get(proxyPath(tweet))
                .then().statusCode(502).body("error.type", equalTo("UPSTREAM_ERROR"));
    }

    @Test
    void aSlowValueAnswersAfterTheTimeoutSoTheProxyReportsUpstreamErrorInTime() {
        Endpoint channel = CATALOG.find("youtube", "channel").orElseThrow();
        given().queryParams(CatalogueParams.validFor(CATALOG, channel)).get(proxyPath(channel))
                .then().statusCode(200);
        long start = System.nanoTime();
        given().queryParams(withMagic(channel, "slow")).get(proxyPath(channel))
                .then().statusCode(502).body("error.message", org.hamcrest.Matchers.containsString("did not answer"));
        long proxyMillis = (System.nanoTime() - start) / 1_000_000;
        // 502 already proves the proxy gave up before the sandbox answered; the bounds say it was the 1.5 s timeout.
        assertTrue(proxyMillis >= 1_400 && proxyMillis < 4_000, "timed out at about 1.5 s, took " + proxyMillis);

        start = System.nanoTime();
        given().queryParams(withMagic(channel, "slow")).get(sandboxPath(channel)).then().statusCode(200);
        long sandboxMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(sandboxMillis >= 2_500, "the sandbox waited its slow delay, took " + sandboxMillis);
    }

    private static Map<String, String> withMagic(Endpoint endpoint, String word) {
        Map<String, String> params = CatalogueParams.validFor(CATALOG, endpoint);
        if (params.isEmpty()) {
            ParamSpec any = endpoint.params().values().stream()
                    .filter(p -> p.type() != dev.socialcrawl.catalog.ParamType.ENUM
                            && p.type() != dev.socialcrawl.catalog.ParamType.INT
                            && p.type() != dev.socialcrawl.catalog.ParamType.BOOL)
                    .findFirst().orElseThrow(() -> new IllegalStateException(endpoint.path() + " takes no text param"));
            params.put(any.name(), CatalogueParams.magic(CATALOG, endpoint, any, word));
            return params;
        }
        String first = params.keySet().iterator().next();
        params.put(first, CatalogueParams.magic(CATALOG, endpoint, endpoint.params().get(first), word));
        return params;
    }

    private static String sandboxPath(Endpoint e) {
        return "/sandbox/v1/" + e.platform() + "/" + e.resource();
    }

    private static String proxyPath(Endpoint e) {
        return "/proxy/" + e.platform() + "/" + e.resource();
    }
}
