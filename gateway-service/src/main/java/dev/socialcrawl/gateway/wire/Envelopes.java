package dev.socialcrawl.gateway.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.util.RawValue;

import dev.socialcrawl.errors.ApiException;
import dev.socialcrawl.errors.ErrorCode;
import dev.socialcrawl.errors.ErrorEnvelope;
import dev.socialcrawl.errors.SuccessEnvelope;
import dev.socialcrawl.errors.rest.ErrorResponses;

/** Builds the public envelopes and their headers (docs/api.md#envelopes, #headers) as {@link Answer}s. */
@Singleton
public class Envelopes {
    public static final String CREDITS_USED = "X-Credits-Used";
    public static final String CREDITS_REMAINING = "X-Credits-Remaining";
    public static final String CACHE = "X-Cache";
    public static final String REPLAY = "X-Idempotent-Replay";
    public static final String ORIGINAL_REQUEST_ID = "X-Idempotent-Original-Request-Id";
    public static final String CACHE_CONTROL = "Cache-Control";
    public static final String HIT = "HIT";
    public static final String MISS = "MISS";
    public static final String STALE = "STALE";
    public static final String AGE = "Age";
    private static final String ZERO = "0";

    private final String docBaseUrl;
    private final ObjectWriter writer;
    private final Map<String, byte[]> hitHeads = new ConcurrentHashMap<>();

    public Envelopes(ErrorResponses errorResponses, ObjectMapper mapper) {
        this.docBaseUrl = errorResponses.docBaseUrl();
        this.writer = mapper.writer();
    }

    /** A success whose {@code data} is JSON text written as is (no re-parsing of cached or proxied bodies). */
    public Answer success(String platform, String endpoint, String dataJson, long creditsUsed, Long creditsRemaining,
            String requestId, boolean cached) {
        return success(platform, endpoint, (Object) new RawValue(dataJson), creditsUsed, creditsRemaining, requestId,
                cached);
    }

    public Answer success(String platform, String endpoint, Object data, long creditsUsed, Long creditsRemaining,
            String requestId, boolean cached) {
        SuccessEnvelope body = SuccessEnvelope.of(platform, endpoint, data, creditsUsed, creditsRemaining, requestId,
                cached);
        return credits(Answer.json(200, bytes(body)), creditsUsed, creditsRemaining);
    }

    /** A success of a public route (no key, no account): no credit headers, since no account is known. */
    public Answer publicSuccess(String platform, String endpoint, Object data, String requestId) {
        return Answer.json(200, bytes(SuccessEnvelope.of(platform, endpoint, data, 0, null, requestId, false)));
    }

    /**
     * A cache hit, its envelope written around the cached data bytes as Redis returned them: no parsing, no
     * re-serialising. The bytes are those {@link #success} would produce for the same values (the field order of
     * {@link SuccessEnvelope}, strings quoted as Jackson quotes them).
     */
    public Answer cachedHit(String platform, String endpoint, byte[] stored, int dataOffset, Long creditsRemaining,
            String requestId) {
        return credits(Answer.json(200, cachedBody(platform, endpoint, stored, dataOffset, creditsRemaining,
                requestId)), 0, creditsRemaining).header(CACHE, HIT).cacheLabel(Answer.HIT);
    }

    /**
     * A stale answer (docs/api.md#caching-and-stale-answers): the cached data past its TTL, given to a request that
     * accepted it when the live fetch failed; free, with {@code X-Cache: STALE} and its {@code Age}.
     */
    public Answer staleHit(String platform, String endpoint, byte[] stored, int dataOffset, Long creditsRemaining,
            String requestId, long ageSeconds) {
        return credits(Answer.json(200, cachedBody(platform, endpoint, stored, dataOffset, creditsRemaining,
                requestId)), 0, creditsRemaining).header(CACHE, STALE).header(AGE, Long.toString(ageSeconds))
                .cacheLabel(Answer.STALE);
    }

    /** The data bytes from {@code dataOffset} of {@code stored}, inside the success envelope of a cached answer. */
    private byte[] cachedBody(String platform, String endpoint, byte[] stored, int dataOffset, Long creditsRemaining,
            String requestId) {
        byte[] head = hitHeads.computeIfAbsent(endpoint, e -> envelopeHead(platform, e));
        StringBuilder tail = new StringBuilder(96).append(",\"credits_used\":0");
        if (creditsRemaining != null) {
            tail.append(",\"credits_remaining\":").append(creditsRemaining.longValue());
        }
        quoted(tail.append(",\"request_id\":"), requestId).append(",\"cached\":true}");
        byte[] after = tail.toString().getBytes(StandardCharsets.UTF_8);
        int dataLength = stored.length - dataOffset;
        byte[] body = Arrays.copyOf(head, head.length + dataLength + after.length);
        System.arraycopy(stored, dataOffset, body, head.length, dataLength);
        System.arraycopy(after, 0, body, head.length + dataLength, after.length);
        return body;
    }

    /** The error envelope of {@code code} with the status the code carries. */
    public Answer error(ErrorCode code, String message, Long creditsRemaining, String requestId) {
        return Answer.json(code.status(),
                bytes(ErrorEnvelope.of(code, message, creditsRemaining, requestId, docBaseUrl))).errorType(code.name());
    }

    /** The envelope of a request that ended with {@code e}, with the headers it asks for. */
    public Answer error(ApiException e, Long creditsRemaining, String requestId) {
        Answer answer = error(e.code(), e.getMessage(), creditsRemaining, requestId);
        e.headers().forEach(answer::header);
        return answer;
    }

    /** Adds X-Credits-Used and, when known, X-Credits-Remaining. */
    public static Answer credits(Answer answer, long used, Long remaining) {
        answer.header(CREDITS_USED, used == 0 ? ZERO : Long.toString(used));
        if (remaining != null) {
            answer.header(CREDITS_REMAINING, Long.toString(remaining));
        }
        return answer;
    }

    private byte[] bytes(Object envelope) {
        try {
            return writer.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an envelope is always serialisable", e);
        }
    }

    /** {@code {"success":true,"platform":…,"endpoint":…,"data":}, the same for every hit on one endpoint. */
    private static byte[] envelopeHead(String platform, String endpoint) {
        StringBuilder head = new StringBuilder(128).append("{\"success\":true,\"platform\":");
        quoted(head, platform).append(",\"endpoint\":");
        quoted(head, endpoint).append(",\"data\":");
        return head.toString().getBytes(StandardCharsets.UTF_8);
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
}
