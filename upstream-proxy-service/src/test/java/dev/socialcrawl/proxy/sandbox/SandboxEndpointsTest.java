package dev.socialcrawl.proxy.sandbox;

import static dev.socialcrawl.proxy.ProxyCalls.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import dev.socialcrawl.catalog.Catalog;
import dev.socialcrawl.catalog.Endpoint;
import dev.socialcrawl.proxy.CatalogueParams;

/** With the default configuration the proxy calls its own sandbox: every catalogue endpoint answers end to end. */
@QuarkusTest
class SandboxEndpointsTest {
    private static final Catalog CATALOG = Catalog.loadDefault();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @jakarta.inject.Inject
    dev.socialcrawl.proxy.upstream.BreakerRegistry breakers;

    @org.junit.jupiter.api.BeforeEach
    void closedBreakers() {
        breakers.resetAll();
    }

    static Stream<Endpoint> endpoints() {
        return CATALOG.endpoints().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void everyCatalogueEndpointAnswersWithNonEmptyNormalisedDataThroughTheProxy(Endpoint endpoint) throws Exception {
        Map<String, String> params = CatalogueParams.validFor(CATALOG, endpoint);
        Response r = given().queryParams(params).when()
                .get("/proxy/" + endpoint.platform() + "/" + endpoint.resource());
        assertEquals(200, r.statusCode(), () -> endpoint.path() + " answered " + r.asString());
        assertTrue(r.contentType().startsWith("application/json"));
        JsonNode data = MAPPER.readTree(r.asByteArray());
        assertFalse(data.isEmpty(), endpoint.path() + " gave empty data");
        if (endpoint.archetype().isList()) {
            assertTrue(data.get("items").size() > 0, endpoint.path() + " has no items: " + data);
        }
        if (endpoint.fieldMap() != null) {
            String wrapper = endpoint.fieldMap().endsWith("-author") ? "author" : "post";
            assertTrue(data.get(wrapper).isObject(), endpoint.path() + " lacks data." + wrapper);
            assertNotNull(data.get("computed"), endpoint.path() + " lacks data.computed");
            JsonNode username = wrapper.equals("author") ? data.at("/author/username")
                    : data.at("/post/author/username");
            assertTrue(username.isTextual(), endpoint.path() + " has no username: " + data);
            assertTrue(data.at("/computed/content_category").isTextual());
        }
    }

    static Stream<Endpoint> oneEndpointPerArchetype() {
        return CATALOG.endpoints().stream()
                .collect(java.util.stream.Collectors.toMap(Endpoint::archetype, e -> e, (a, b) -> a))
                .values().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneEndpointPerArchetype")
    void theSandboxIsDeterministicForTheSameParams(Endpoint endpoint) {
        Map<String, String> params = CatalogueParams.validFor(CATALOG, endpoint);
        String path = "/sandbox/v1/" + endpoint.platform() + "/" + endpoint.resource();
        String first = given().queryParams(params).get(path).then().statusCode(200).extract().asString();
        String second = given().queryParams(params).get(path).then().statusCode(200).extract().asString();
        assertEquals(first, second);
    }
}
