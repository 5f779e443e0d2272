package dev.socialcrawl.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The wire shape of both envelopes, field by field, in the order docs/api.md ("Envelopes") shows. */
class EnvelopeJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BASE = "https://www.socialcrawl.dev/docs/errors";

    @Test
    void errorEnvelopeHasTheContractShape() throws Exception {
        ErrorEnvelope env = ErrorEnvelope.of(ErrorCode.INSUFFICIENT_CREDITS,
                "Your account has 0 credits remaining. This endpoint requires 1 credits.", 0L, "req-abcdefghijklmnopqrstuv",
                BASE);
        JsonNode json = MAPPER.readTree(MAPPER.writeValueAsString(env));

        assertEquals(List.of("success", "error", "credits_remaining", "request_id"), fieldNames(json));
        assertFalse(json.get("success").asBoolean());
        assertTrue(json.get("success").isBoolean());
        JsonNode error = json.get("error");
        assertEquals(List.of("type", "message", "status", "doc_url"), fieldNames(error));
        assertEquals("INSUFFICIENT_CREDITS", error.get("type").asText());
        assertEquals("Your account has 0 credits remaining. This endpoint requires 1 credits.",
                error.get("message").asText());
        assertTrue(error.get("status").isInt());
        assertEquals(402, error.get("status").asInt());
        assertEquals(BASE + "/insufficient-credits", error.get("doc_url").asText());
        assertTrue(json.get("credits_remaining").isIntegralNumber());
        assertEquals(0, json.get("credits_remaining").asLong());
        assertEquals("req-abcdefghijklmnopqrstuv", json.get("request_id").asText());
    }

    @Test
    void creditsRemainingIsOmittedWhenTheAccountIsUnknown() throws Exception {
        ErrorEnvelope env = ErrorEnvelope.of(ErrorCode.MISSING_API_KEY, null, null, "req-abcdefghijklmnopqrstuv", BASE);
        JsonNode json = MAPPER.readTree(MAPPER.writeValueAsString(env));
        assertEquals(List.of("success", "error", "request_id"), fieldNames(json));
        assertEquals(ErrorCode.MISSING_API_KEY.defaultMessage(), json.at("/error/message").asText());
    }

    @Test
    void errorEnvelopeReadsBackIntoTheSameRecord() throws Exception {
        ErrorEnvelope env = ErrorEnvelope.of(ErrorCode.UPSTREAM_ERROR, "boom", 12L, "req-abcdefghijklmnopqrstuv", BASE);
        ErrorEnvelope back = MAPPER.readValue(MAPPER.writeValueAsString(env), ErrorEnvelope.class);
        assertEquals(env, back);
        assertEquals(ErrorCode.UPSTREAM_ERROR, back.code());
    }

    @Test
    void successEnvelopeHasTheContractShape() throws Exception {
        SuccessEnvelope env = SuccessEnvelope.of("tiktok", "/v1/tiktok/profile", Map.of("author", Map.of("id", "1")), 1,
                4999L, "req-abcdefghijklmnopqrstuv", false);
        JsonNode json = MAPPER.readTree(MAPPER.writeValueAsString(env));

        assertEquals(List.of("success", "platform", "endpoint", "data", "credits_used", "credits_remaining",
                "request_id", "cached"), fieldNames(json));
        assertTrue(json.get("success").asBoolean());
        assertEquals("tiktok", json.get("platform").asText());
        assertEquals("/v1/tiktok/profile", json.get("endpoint").asText());
        assertEquals("1", json.at("/data/author/id").asText());
        assertTrue(json.get("credits_used").isIntegralNumber());
        assertEquals(1, json.get("credits_used").asLong());
        assertEquals(4999, json.get("credits_remaining").asLong());
        assertEquals("req-abcdefghijklmnopqrstuv", json.get("request_id").asText());
        assertTrue(json.get("cached").isBoolean());
        assertFalse(json.get("cached").asBoolean());
    }

    @Test
    void successEnvelopeOmitsCreditsRemainingWhenUnknown() throws Exception {
        SuccessEnvelope env = SuccessEnvelope.of("meta", "/v1/status", Map.of(), 0, null, "req-abcdefghijklmnopqrstuv",
                false);
        JsonNode json = MAPPER.readTree(MAPPER.writeValueAsString(env));
        assertFalse(json.has("credits_remaining"));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
