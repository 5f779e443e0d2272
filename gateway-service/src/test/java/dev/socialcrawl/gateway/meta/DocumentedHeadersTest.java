package dev.socialcrawl.gateway.meta;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import dev.socialcrawl.catalog.data.DataExamples;
import dev.socialcrawl.catalog.data.SchemaCheck;
import dev.socialcrawl.gateway.support.CacheEntries;
import dev.socialcrawl.gateway.support.FakeProxy.Behaviour;
import dev.socialcrawl.gateway.support.GatewayTest;
import dev.socialcrawl.gateway.support.Slots;

/**
 * The document's headers are the gateway's: every response header it declares is on a live answer of an operation
 * and status that declares it, and every such header on a live answer is declared for that operation and status.
 * The live bodies the gateway builds itself (an envelope around the data, the status, the balance) are valid against
 * the documented schemas.
 */
@QuarkusTest
class DocumentedHeadersTest extends GatewayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROFILE = "/v1/tiktok/profile";

    private record Seen(String path, Response response) {
    }

    @Test
    void everyDocumentedHeaderIsOnALiveAnswerAndEveryLiveHeaderIsDocumented() throws Exception {
        JsonNode doc = JSON.readTree(given().get(OpenApiDocument.PATH).asString());
        Map<String, JsonNode> schemas = new LinkedHashMap<>();
        doc.at("/components/schemas").fields().forEachRemaining(e -> schemas.put(e.getKey(), e.getValue()));
        SchemaCheck check = new SchemaCheck(schemas, ApiSchemas.PREFIX);
        List<Seen> seen = answers();

        Set<String> declared = new TreeSet<>();
        doc.at("/components/headers").fieldNames().forEachRemaining(declared::add);
        Set<String> observed = new TreeSet<>();
        List<String> undocumented = new ArrayList<>();
        for (Seen s : seen) {
            Set<String> documented = documentedHeaders(doc, s.path(), s.response().statusCode());
            for (String header : declared) {
                if (s.response().headers().hasHeaderWithName(header)) {
                    if (documented.contains(header)) {
                        observed.add(header);
                    } else {
                        undocumented.add(s.path() + " " + s.response().statusCode() + " " + header);
                    }
                }
            }
        }
        assertEquals(List.of(), undocumented, "headers on live answers that the document does not declare there");
        Set<String> missing = new TreeSet<>(declared);
        missing.removeAll(observed);
        assertEquals(Set.of(), missing, "declared headers never seen on a live answer");
        Set<String> cacheValues = new TreeSet<>();
        seen.forEach(s -> {
            if (s.response().header(ApiHeaders.CACHE) != null) {
                cacheValues.add(s.response().header(ApiHeaders.CACHE));
            }
        });
        assertEquals(Set.of("HIT", "MISS", "STALE"), cacheValues);

        for (Seen s : seen) {
            if (s.response().statusCode() == 200 && !s.path().equals("/v1/activity")
                    && !s.path().equals(OpenApiDocument.PATH)) {
                JsonNode schema = doc.at("/paths/" + s.path().replace("/", "~1")
                        + "/get/responses/200/content/application~1json/schema");
                assertEquals(List.of(), check.errors(schema, JSON.readTree(s.response().asString())), s.path());
            }
        }
    }

    /** One answer of each kind the document describes, from the gateway with its fake billing and proxy. */
    private List<Seen> answers() {
        List<Seen> seen = new ArrayList<>();
        Account a = account(1000);
        String fresh = token("fresh");
        proxy().on(fresh, Behaviour.ok(DataExamples.load().get(PROFILE).data().toString()));
        seen.add(new Seen(PROFILE, as(a).get(PROFILE + "?handle=" + fresh)));
        seen.add(new Seen(PROFILE, as(a).get(PROFILE + "?handle=" + fresh)));
        String key = UUID.randomUUID().toString();
        String keyed = token("keyed");
        seen.add(new Seen(PROFILE, as(a).header("Idempotency-Key", key).get(PROFILE + "?handle=" + keyed)));
        seen.add(new Seen(PROFILE, as(a).header("Idempotency-Key", key).get(PROFILE + "?handle=" + keyed)));
        seen.add(new Seen(PROFILE, as(a).header("Idempotency-Key", key).get(PROFILE + "?handle=" + token("other"))));
        seen.add(new Seen(PROFILE, as(account(10)).header("Idempotency-Key", key).get(PROFILE + "?handle=" + keyed)));
        String notFound = token("gone");
        proxy().on(notFound, Behaviour.error(404, "RESOURCE_NOT_FOUND", Map.of("X-Upstream-Empty", "false")));
        String notFoundKey = UUID.randomUUID().toString();
        seen.add(new Seen(PROFILE, as(a).header("Idempotency-Key", notFoundKey).get(PROFILE + "?handle=" + notFound)));
        seen.add(new Seen(PROFILE, as(a).header("Idempotency-Key", notFoundKey).get(PROFILE + "?handle=" + notFound)));
        for (int status : new int[] { 502, 503, 500 }) {
            String failing = token("failing");
            String type = status == 502 ? "UPSTREAM_ERROR" : status == 503 ? "SERVICE_UNAVAILABLE" : "INTERNAL_ERROR";
            proxy().on(failing, Behaviour.error(status, type, status == 503 ? Map.of("Retry-After", "17") : Map.of()));
            seen.add(new Seen(PROFILE, as(a).get(PROFILE + "?handle=" + failing)));
        }
        Account busy = account(100);
        Slots.takeByOthers(busy.key(), 50);
        seen.add(new Seen(PROFILE, as(busy).get(PROFILE + "?handle=" + token("busy"))));
        seen.add(new Seen(PROFILE, as(account(0)).get(PROFILE + "?handle=" + token("poor"))));
        seen.add(new Seen(PROFILE, as(a).get(PROFILE + "?handle=x&colour=red")));
        seen.add(new Seen(PROFILE, given().get(PROFILE + "?handle=x")));
        seen.add(new Seen(PROFILE, given().post(PROFILE + "?handle=x")));
        seen.add(new Seen("/v1/status", given().get("/v1/status")));
        seen.add(new Seen("/v1/credits/balance", as(a).get("/v1/credits/balance")));
        seen.add(new Seen("/v1/activity", as(a).get("/v1/activity?limit=5")));
        seen.add(new Seen(OpenApiDocument.PATH, given().get(OpenApiDocument.PATH)));
        String stale = token("stale");
        proxy().on(stale, Behaviour.ok("{\"author\":{\"handle\":\"" + stale + "\"}}"));
        as(a).get(PROFILE + "?handle=" + stale).then().statusCode(200);
        CacheEntries.backdate(stale, 2 * 3600);
        proxy().on(stale, Behaviour.error(502, "UPSTREAM_ERROR", Map.of()));
        seen.add(new Seen(PROFILE, as(a).header("Cache-Control", "max-stale").get(PROFILE + "?handle=" + stale)));
        int[] statuses = { 200, 200, 200, 200, 422, 409, 404, 404, 502, 503, 500, 429, 402, 400, 401, 405, 200, 200,
            200, 200, 200 };
        for (int i = 0; i < statuses.length; i++) {
            Response r = seen.get(i).response();
            assertEquals(statuses[i], r.statusCode(), i + ": " + r.asString());
        }
        assertEquals("HIT", seen.get(1).response().header(ApiHeaders.CACHE));
        assertEquals("true", seen.get(3).response().header(ApiHeaders.REPLAY));
        assertEquals("true", seen.get(7).response().header(ApiHeaders.REPLAY), "a 404 replays too");
        assertEquals("STALE", seen.get(20).response().header(ApiHeaders.CACHE));
        return seen;
    }

    private static Set<String> documentedHeaders(JsonNode doc, String path, int status) {
        JsonNode response = doc.at("/paths/" + path.replace("/", "~1") + "/get/responses/" + status);
        if (response.has("$ref")) {
            response = doc.at(response.get("$ref").asText().substring(1));
        }
        assertTrue(!response.isMissingNode(), path + " documents status " + status);
        Set<String> names = new TreeSet<>();
        response.path("headers").fieldNames().forEachRemaining(names::add);
        return names;
    }
}
