package dev.socialcrawl.gateway.pipeline;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.util.RawValue;

import dev.socialcrawl.errors.ErrorCode;
import dev.socialcrawl.errors.ErrorEnvelope;
import dev.socialcrawl.errors.SuccessEnvelope;
import dev.socialcrawl.errors.rest.ErrorResponses;

/** Builds the public envelopes and their headers (api-contract §2). */
@ApplicationScoped
public class Responses {
    public static final String CREDITS_USED = "X-Credits-Used";
    public static final String CREDITS_REMAINING = "X-Credits-Remaining";
    public static final String CACHE = "X-Cache";
    public static final String REPLAY = "X-Idempotent-Replay";
    public static final String ORIGINAL_REQUEST_ID = "X-Idempotent-Original-Request-Id";

    private final String docBaseUrl;

    public Responses(ErrorResponses errorResponses) {
        this.docBaseUrl = errorResponses.docBaseUrl();
    }

    /** A success whose {@code data} is JSON text written as is (no re-parsing of cached or proxied bodies). */
    public Response.ResponseBuilder success(String platform, String endpoint, String dataJson, long creditsUsed,
            Long creditsRemaining, String requestId, boolean cached) {
        return success(platform, endpoint, (Object) new RawValue(dataJson), creditsUsed, creditsRemaining, requestId,
                cached);
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

    /** Adds X-Credits-Used and, when known, X-Credits-Remaining. */
    public static Response.ResponseBuilder credits(Response.ResponseBuilder builder, long used, Long remaining) {
        builder.header(CREDITS_USED, Long.toString(used));
        if (remaining != null) {
            builder.header(CREDITS_REMAINING, Long.toString(remaining));
        }
        return builder;
    }
}
