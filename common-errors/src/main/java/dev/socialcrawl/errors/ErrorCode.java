package dev.socialcrawl.errors;

import java.util.Locale;

/**
 * The one table of errors. Status, doc slug and refund rule are decided here and nowhere else.
 */
public enum ErrorCode {
    MISSING_API_KEY(401, RefundRule.NEVER_CHARGED,
            "Missing API key. Send your key in the x-api-key header."),
    INVALID_API_KEY(401, RefundRule.NEVER_CHARGED,
            "Invalid API key. The key is malformed, unknown, revoked or expired."),
    INSUFFICIENT_CREDITS(402, RefundRule.NEVER_CHARGED,
            "Your account does not have enough credits for this endpoint."),
    INVALID_REQUEST(400, RefundRule.NEVER_CHARGED,
            "The request is invalid."),
    METHOD_NOT_ALLOWED(405, RefundRule.NEVER_CHARGED,
            "Method not allowed. Use GET."),
    ENDPOINT_NOT_FOUND(404, RefundRule.NEVER_CHARGED,
            "Endpoint not found. Check the API reference for supported platforms and resources."),
    RESOURCE_NOT_FOUND(404, RefundRule.REFUNDED_IF_EMPTY_UPSTREAM,
            "The requested resource was not found."),
    IDEMPOTENCY_KEY_CONFLICT(409, RefundRule.NEVER_CHARGED,
            "The Idempotency-Key is already in use by another account."),
    IDEMPOTENCY_KEY_PAYLOAD_MISMATCH(422, RefundRule.NEVER_CHARGED,
            "The Idempotency-Key was already used with different query parameters."),
    CONCURRENCY_LIMIT(429, RefundRule.NEVER_CHARGED,
            "Too many concurrent requests on this API key."),
    UPSTREAM_ERROR(502, RefundRule.REFUNDED,
            "The upstream platform returned an error. Credits were refunded."),
    SERVICE_UNAVAILABLE(503, RefundRule.REFUNDED,
            "The platform is temporarily unavailable. Credits were refunded."),
    INTERNAL_ERROR(500, RefundRule.REFUNDED,
            "An unexpected error occurred. Credits were refunded.");

    private final int status;
    private final RefundRule refundRule;
    private final String defaultMessage;
    private final String slug;

    ErrorCode(int status, RefundRule refundRule, String defaultMessage) {
        this.status = status;
        this.refundRule = refundRule;
        this.defaultMessage = defaultMessage;
        this.slug = name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public int status() {
        return status;
    }

    public RefundRule refundRule() {
        return refundRule;
    }

    public String defaultMessage() {
        return defaultMessage;
    }

    /** The kebab-case form of the type, the last segment of {@code doc_url}. */
    public String slug() {
        return slug;
    }

    public String docUrl(String docBaseUrl) {
        String base = docBaseUrl.endsWith("/") ? docBaseUrl.substring(0, docBaseUrl.length() - 1) : docBaseUrl;
        return base + "/" + slug;
    }

    /**
     * Whether a request that was debited and then ended with this code gets its credits back.
     *
     * @param emptyUpstream the upstream answered 200 but with no usable data (only matters for RESOURCE_NOT_FOUND)
     */
    public boolean refundsDebit(boolean emptyUpstream) {
        return switch (refundRule) {
            case REFUNDED -> true;
            case REFUNDED_IF_EMPTY_UPSTREAM -> emptyUpstream;
            case CHARGED, NEVER_CHARGED -> false;
        };
    }

    /** Finds a code by its wire type; {@code null} when unknown. */
    public static ErrorCode fromType(String type) {
        if (type == null) {
            return null;
        }
        for (ErrorCode code : values()) {
            if (code.name().equals(type)) {
                return code;
            }
        }
        return null;
    }
}
