package dev.socialcrawl.gateway.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.util.RawValue;

import io.vertx.core.buffer.Buffer;

import dev.socialcrawl.errors.ErrorCode;
import dev.socialcrawl.errors.ErrorEnvelope;
import dev.socialcrawl.errors.SuccessEnvelope;
import dev.socialcrawl.errors.rest.ErrorResponses;

/** Builds the public envelopes and their headers (api-contract §2). */
@Singleton
public class Responses {
    public static final String CREDITS_USED = "X-Credits-Used";
    public static final String CREDITS_REMAINING = "X-Credits-Remaining";
    public static final String CACHE = "X-Cache";
    public static final String REPLAY = "X-Idempotent-Replay";
    public static final String ORIGINAL_REQUEST_ID = "X-Idempotent-Original-Request-Id";

    private final String docBaseUrl;
    private final Map<String, byte[]> hitHeads = new ConcurrentHashMap<>();

    public Responses(ErrorResponses errorResponses) {
        this.docBaseUrl = errorResponses.docBaseUrl();
    }

    /** A success whose {@code data} is JSON text written as is (no re-parsing of cached or proxied bodies). */
    public Response.ResponseBuilder success(String platform, String endpoint, String dataJson, long creditsUsed,
            Long creditsRemaining, String requestId, boolean cached) {
        return success(platform, endpoint, (Object) new RawValue(dataJson), creditsUsed, creditsRemaining, requestId,
                cached);
    }

    /**
     * The success envelope of a cache hit, written around the cached data bytes as Redis returned them: no parsing,
     * no re-serialising. The bytes are those {@link #success} would produce for the same values (the field order of
     * {@link SuccessEnvelope}, strings quoted as Jackson quotes them), with {@code X-Cache: HIT}.
     */
    public Response.ResponseBuilder cachedHit(String platform, String endpoint, byte[] dataJson, Long creditsRemaining,
            String requestId) {
        return credits(Response.ok(cachedHitBytes(platform, endpoint, dataJson, creditsRemaining, requestId),
                MediaType.APPLICATION_JSON_TYPE), 0, creditsRemaining).header(CACHE, "HIT");
    }

    /** The body of {@link #cachedHit}, for the route that writes it without the REST layer. */
    public Buffer cachedHitBody(String platform, String endpoint, byte[] dataJson, Long creditsRemaining,
            String requestId) {
        return Buffer.buffer(cachedHitBytes(platform, endpoint, dataJson, creditsRemaining, requestId));
    }

    private byte[] cachedHitBytes(String platform, String endpoint, byte[] dataJson, Long creditsRemaining,
            String requestId) {
        byte[] head = hitHeads.computeIfAbsent(endpoint, e -> envelopeHead(platform, e));
        StringBuilder tail = new StringBuilder(96).append(",\"credits_used\":0");
        if (creditsRemaining != null) {
            tail.append(",\"credits_remaining\":").append(creditsRemaining.longValue());
        }
        quoted(tail.append(",\"request_id\":"), requestId).append(",\"cached\":true}");
        byte[] after = tail.toString().getBytes(StandardCharsets.UTF_8);
        byte[] body = Arrays.copyOf(head, head.length + dataJson.length + after.length);
        System.arraycopy(dataJson, 0, body, head.length, dataJson.length);
        System.arraycopy(after, 0, body, head.length + dataJson.length, after.length);
        return body;
    }

    /** {@code {"success":true,"platform":…,"endpoint":…,"data":}, the same for every hit on one endpoint. */
    private static byte[] envelopeHead(String platform, String endpoint) {
        StringBuilder head = new StringBuilder(128).append("{\"success\":true,\"platform\":");
        quoted(head, platform).append(",\"endpoint\":");
        quoted(head, endpoint).append(",\"data\":");
        return head.toString().getBytes(StandardCharsets.UTF_8);
    }

    public Response.ResponseBuilder success(String platform, String endpoint, Object data, long creditsUsed,
            Long creditsRemaining, String requestId, boolean cached) {
        SuccessEnvelope body = SuccessEnvelope.of(platform, endpoint, data, creditsUsed, creditsRemaining, requestId,
                cached);
        return credits(Response.ok(body, MediaType.APPLICATION_JSON_TYPE), creditsUsed, creditsRemaining);
    }

    public Response.ResponseBuilder error(ErrorCode code, String message, Long creditsRemaining, String requestId,
            Map<String, String> headers) {
        ErrorEnvelope body = ErrorEnvelope.of(code, message, creditsRemaining, requestId, docBaseUrl);
        Response.ResponseBuilder builder = Response.status(code.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body);
        headers.forEach(builder::header);
        return builder;
    }

    /** A JSON string as Jackson writes it; Jackson's encoder only when a character needs escaping. */
    private static StringBuilder quoted(StringBuilder out, String value) {
        if (value == null) {
            return out.append("null");
        }
        out.append('"');
        if (needsEscaping(value)) {
            JsonStringEncoder.getInstance().quoteAsString(value, out);
        } else {
            out.append(value);
        }
        return out.append('"');
    }

    private static boolean needsEscaping(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return true;
            }
        }
        return false;
    }

    /** Adds X-Credits-Used and, when known, X-Credits-Remaining. */
    public static Response.ResponseBuilder credits(Response.ResponseBuilder builder, long used, Long remaining) {
        builder.header(CREDITS_USED, Long.toString(used));
        if (remaining != null) {
            builder.header(CREDITS_REMAINING, Long.toString(remaining));
        }
        return builder;
    }
}
