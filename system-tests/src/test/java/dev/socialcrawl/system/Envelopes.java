package dev.socialcrawl.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.restassured.RestAssured;
import io.restassured.response.Response;

/** Assertions on the public envelopes, shared by the system tests. */
final class Envelopes {
    static final String DOCS = "http://localhost:8080/docs/errors/";
    private static final Set<String> RESOLVED_DOC_URLS = ConcurrentHashMap.newKeySet();

    private Envelopes() {
    }

    /** The error envelope of docs/api.md#envelopes with this status and type; returns the response for more checks. */
    static Response error(Response r, int status, String type) {
        assertEquals(status, r.statusCode(), () -> "status of " + r.asString());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        assertFalse(r.jsonPath().getBoolean("success"));
        assertEquals(type, r.jsonPath().getString("error.type"));
        assertEquals(status, r.jsonPath().getInt("error.status"));
        assertEquals(DOCS + type.toLowerCase().replace('_', '-'), r.jsonPath().getString("error.doc_url"));
        docPageResolves(r.jsonPath().getString("error.doc_url"));
        assertFalse(r.jsonPath().getString("error.message").isBlank());
        String id = r.jsonPath().getString("request_id");
        assertNotNull(id);
        assertTrue(id.matches("req-[A-Za-z0-9_-]{20,}"), id);
        assertEquals(id, r.header("X-Request-Id"), "X-Request-Id = request_id");
        return r;
    }

    /**
     * The page a {@code doc_url} names is served, as HTML, by the install's gateway at the URL's path (the suite's
     * gateways run on free ports, so the URL's host is the default public address, not theirs). Each URL is fetched
     * once per run, from whichever of the two gateways is up.
     */
    private static void docPageResolves(String docUrl) {
        if (RESOLVED_DOC_URLS.contains(docUrl)) {
            return;
        }
        String path = URI.create(docUrl).getPath();
        SystemSuite suite = SystemSuite.get();
        Response page;
        try {
            page = RestAssured.given().baseUri(suite.gatewayA.url()).get(path);
        } catch (RuntimeException gatewayADown) {
            page = RestAssured.given().baseUri(suite.gatewayB.url()).get(path);
        }
        assertEquals(200, page.statusCode(), docUrl);
        assertTrue(page.contentType().startsWith("text/html"), docUrl + ": " + page.contentType());
        RESOLVED_DOC_URLS.add(docUrl);
    }

    static Response success(Response r, long creditsUsed, boolean cached) {
        assertEquals(200, r.statusCode(), () -> "status of " + r.asString());
        assertTrue(r.jsonPath().getBoolean("success"));
        assertEquals(creditsUsed, r.jsonPath().getLong("credits_used"));
        assertEquals(cached, r.jsonPath().getBoolean("cached"));
        assertEquals(r.jsonPath().getString("request_id"), r.header("X-Request-Id"));
        assertEquals(Long.toString(creditsUsed), r.header("X-Credits-Used"));
        assertEquals(cached ? "HIT" : "MISS", r.header("X-Cache"));
        return r;
    }

    static String unique() {
        return "q" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
