package dev.socialcrawl.gateway.meta;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.socialcrawl.catalog.Catalog;
import dev.socialcrawl.catalog.Endpoint;
import dev.socialcrawl.catalog.Platform;
import dev.socialcrawl.catalog.data.DataExamples;
import dev.socialcrawl.errors.SuccessEnvelope;

/**
 * The success examples of the OpenAPI document: a catalogue endpoint's is its sandbox example
 * ({@link DataExamples}, what the proxy answers that request) in the envelope; the meta routes' are made here.
 * The tests validate every one against the document's own schemas.
 */
final class ApiExamples {
    static final String REQUEST_ID = "req-w4gGvMMACpPcCHwben8QWQ0j";
    private static final long BALANCE_BEFORE = 1000;

    private final ObjectMapper mapper;
    private final Map<String, DataExamples.Example> examples = DataExamples.load();

    ApiExamples(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The request an endpoint's example was made with. */
    Map<String, String> query(Endpoint endpoint) {
        return example(endpoint).query();
    }

    /** A paid, uncached answer to that request. */
    JsonNode catalogue(Endpoint endpoint) {
        return envelope(endpoint.platform(), endpoint.path(), example(endpoint).data(), endpoint.cost(),
                BALANCE_BEFORE - endpoint.cost());
    }

    JsonNode status(Catalog catalog) {
        ObjectNode platforms = mapper.createObjectNode();
        for (Platform p : catalog.platforms()) {
            platforms.putObject(p.name()).put("state", "closed");
        }
        Platform first = catalog.platforms().iterator().next();
        platforms.putObject(first.name()).put("state", "open").put("retry_after_seconds", 23);
        ObjectNode data = mapper.createObjectNode();
        data.set("platforms", platforms);
        return envelope(MetaRoutes.META, "/v1/status", data, 0, null);
    }

    JsonNode balance() {
        ObjectNode data = mapper.createObjectNode().put("balance", 1721);
        data.putObject("recent_deductions").put("last_24h", 379).put("last_7d", 412);
        return envelope(MetaRoutes.META, "/v1/credits/balance", data, 0, 1721L);
    }

    JsonNode activity(Endpoint endpoint) {
        ObjectNode page = mapper.createObjectNode();
        page.putArray("items").addObject().put("request_id", "req-Q1f6sd0mBvXw0Hk1n2sTzaJ9")
                .put("key_id", 34).put("key_last4", "Ab9_").put("method", "GET").put("path", endpoint.path())
                .put("query", "handle=charlidamelio").put("status", 200).putNull("error_type")
                .put("credits", endpoint.cost()).put("cached", false).put("replay", false).put("latency_ms", 412)
                .put("at", Instant.parse("2026-12-06T20:00:00.123Z").toString());
        page.put("next_cursor", "MjAyNi0xMi0wNlQyMDowMDowMC4xMjNafHJlcS1RMWY2");
        return envelope(MetaRoutes.META, "/v1/activity", page, 0, 1721L);
    }

    private DataExamples.Example example(Endpoint endpoint) {
        DataExamples.Example example = examples.get(endpoint.path());
        if (example == null) {
            throw new IllegalStateException("data-examples.json has no example of " + endpoint.path());
        }
        return example;
    }

    private JsonNode envelope(String platform, String path, JsonNode data, long used, Long remaining) {
        return mapper.valueToTree(SuccessEnvelope.of(platform, path, data, used, remaining, REQUEST_ID, false));
    }
}
