package dev.socialcrawl.errors;

import java.util.Locale;

/**
 * The one table of errors. Status, doc slug, refund rule and what each error's page says (its title, what it means,
 * what to do, an example) are decided here and nowhere else. Texts are plain text in which {@code `backticks`} mark
 * code (header names, paths), so that the same words read well in Markdown and on the HTML pages.
 */
public enum ErrorCode {
    MISSING_API_KEY(401, RefundRule.NEVER_CHARGED,
            "Missing API key. Send your key in the x-api-key header.",
            "No API key",
            "The request had no `x-api-key` header, or an empty one. Every `/v1` route needs a key except "
                    + "`/v1/status` and `/v1/openapi.json`.",
            "Send your key in the `x-api-key` header (not in the query string, not as `Authorization`). Keys "
                    + "start with `sc_`; if you have none, ask the operator of this install for one. Retrying without "
                    + "the header gets the same answer.",
            null, null),
    INVALID_API_KEY(401, RefundRule.NEVER_CHARGED,
            "Invalid API key. The key is malformed, unknown, revoked or expired.",
            "The API key is not accepted",
            "The `x-api-key` header does not hold a usable key: it is not `sc_` followed by 43 characters, or it is "
                    + "unknown, revoked or past its expiry. The message is the same in all four cases on purpose, so "
                    + "that it reveals nothing about other keys.",
            "Check that the header carries the whole key, without quotes, spaces or a line break. A revoked or "
                    + "expired key stays refused: ask the operator of this install for a new one. Retrying with the "
                    + "same key gets the same answer.",
            null, null),
    INSUFFICIENT_CREDITS(402, RefundRule.NEVER_CHARGED,
            "Your account does not have enough credits for this endpoint.",
            "Not enough credits",
            "The account's balance is lower than the endpoint's cost (standard 1, advanced 5, premium 10 "
                    + "credits). `credits_remaining` and `X-Credits-Remaining` hold the balance.",
            "See the balance with `GET /v1/credits/balance` and where the credits went with `GET /v1/activity`. "
                    + "Ask the operator of this install to top the account up, then send the request again. Answers "
                    + "already in the cache stay free and are served whatever the balance.",
            "Your account has 0 credits remaining. This endpoint requires 1 credits.", 0L),
    INVALID_REQUEST(400, RefundRule.NEVER_CHARGED,
            "The request is invalid.",
            "The request is invalid",
            "A parameter or header is wrong: a required parameter is missing or empty, none of a group of "
                    + "alternatives is given, a value does not parse (a number, `true`/`false`, one of a list), a "
                    + "handle has `@` or spaces, a URL is not on the platform's host, a parameter is unknown or "
                    + "repeated, a value is over 2,048 characters or holds control characters, or the "
                    + "`Idempotency-Key` header is not 16 to 255 printable ASCII characters. Requests the HTTP layer "
                    + "cannot read (malformed percent-encoding, a request line or headers over their limit) get this "
                    + "type too. The message names the parameter, header or limit.",
            "Fix what the message names. Each endpoint's parameters, with their types and allowed values, are in "
                    + "`GET /v1/openapi.json`. Retrying the same request gets the same answer.",
            "Missing required parameter(s): handle", 100L),
    METHOD_NOT_ALLOWED(405, RefundRule.NEVER_CHARGED,
            "Method not allowed. Use GET.",
            "Only GET is allowed",
            "The request used a method other than GET (POST, PUT, DELETE, HEAD, OPTIONS, or any other) on a `/v1` "
                    + "path. The API only reads; the answer carries `Allow: GET`. This check comes before the key "
                    + "is looked at.",
            "Send the request with GET and its parameters in the query string; no request body is read.",
            null, null),
    ENDPOINT_NOT_FOUND(404, RefundRule.NEVER_CHARGED,
            "Endpoint not found. Check the API reference for supported platforms and resources.",
            "No such endpoint",
            "The path names no endpoint: its platform or resource is not in the catalogue (a typo such as "
                    + "`/v1/tiktok/profiles`, a trailing slash), or it is not a route of this service at all.",
            "Compare the path with the list of endpoints in `GET /v1/openapi.json` (lower-case platform and "
                    + "resource, no trailing slash). Retrying gets the same answer.",
            "No endpoint /v1/tiktok/profiles. Check the API reference for supported platforms and resources.", 100L),
    RESOURCE_NOT_FOUND(404, RefundRule.REFUNDED_IF_EMPTY_UPSTREAM,
            "The requested resource was not found.",
            "Nothing found on the platform",
            "The endpoint exists and the request was valid, but the platform has nothing there: either it said the "
                    + "handle, URL or id does not exist (an upstream 404), or it answered with no usable data (an "
                    + "empty profile, an empty list, such as the page after the last one).",
            "Check the handle, URL or id on the platform itself (handles without `@`, full URLs). "
                    + "`X-Credits-Used` tells the two cases apart: 0 means the credits were given back. When paging, "
                    + "stop: there are no more items. With an `Idempotency-Key` the same request replays this "
                    + "answer for 24 hours; use a new key once you have fixed the input.",
            "The tiktok upstream returned no usable data for this request. Credits were refunded.", 100L),
    IDEMPOTENCY_KEY_CONFLICT(409, RefundRule.NEVER_CHARGED,
            "The Idempotency-Key is already in use by another account.",
            "The Idempotency-Key is taken",
            "The `Idempotency-Key` belongs to another account (a key belongs for 24 hours to the account that "
                    + "used it first), or the first request with this key is still running and did not finish while "
                    + "this one waited for it.",
            "If the key was another account's: make a fresh key for every new request, such as a random UUIDv4. If "
                    + "the first request is still running (the message says so): send the same request with the same "
                    + "key again a little later; once the first one has finished you get its answer, replayed for "
                    + "free.",
            "The Idempotency-Key is already in use by another account.", 100L),
    IDEMPOTENCY_KEY_PAYLOAD_MISMATCH(422, RefundRule.NEVER_CHARGED,
            "The Idempotency-Key was already used with different query parameters.",
            "The Idempotency-Key was used for another request",
            "Your account used this `Idempotency-Key` in the last 24 hours for a different request: another path "
                    + "or other query parameters (`format` included).",
            "Use a new key for a new request; send a key again only to repeat exactly the same request (same "
                    + "path, same parameters). The first request and its charge are not affected.",
            null, 100L),
    CONCURRENCY_LIMIT(429, RefundRule.NEVER_CHARGED,
            "Too many concurrent requests on this API key.",
            "Too many requests in flight",
            "This API key already has as many requests in flight as it may (50 unless the operator changed it), "
                    + "counted across every gateway of the install. The answer carries `Retry-After: 1`.",
            "Wait the `Retry-After` seconds, then retry. Better: keep your client's parallelism per key below the "
                    + "limit (a bounded pool or semaphore); a slot is free again as soon as one of your requests "
                    + "ends.",
            "Too many concurrent requests on this API key: at most 50 may be in flight.", 100L),
    UPSTREAM_ERROR(502, RefundRule.REFUNDED,
            "The upstream platform returned an error. Credits were refunded.",
            "The platform's provider failed",
            "The platform's data provider failed: it answered an error status, did not answer in time (30 seconds "
                    + "unless the operator changed it), dropped the connection, or sent a body that is not exactly "
                    + "one JSON value or is over the size limit (5 MiB).",
            "Retry after a short backoff (1 s, then 2 s, 4 s, with some jitter). If it keeps failing for an input "
                    + "you know is good, look at the platform's state in `GET /v1/status` and give the operator the "
                    + "`request_id`. A request with `Cache-Control: max-stale` can get a recently expired cached "
                    + "answer instead of this error.",
            "The tiktok upstream answered HTTP 500. Credits were refunded.", 100L),
    SERVICE_UNAVAILABLE(503, RefundRule.REFUNDED,
            "The platform is temporarily unavailable. Credits were refunded.",
            "Temporarily unavailable",
            "The request was not sent: the platform's circuit breaker is open (its provider failed too often "
                    + "lately) or too many requests to it are in flight, or a store the gateway needs is unreachable. "
                    + "The answer carries `Retry-After`.",
            "Wait the `Retry-After` seconds, then retry: that is when the breaker lets a trial request through (30 "
                    + "right after it opens). `GET /v1/status` shows every platform's state and its "
                    + "`retry_after_seconds`. A request with `Cache-Control: max-stale` can get a recently expired "
                    + "cached answer instead of this error.",
            "The tiktok upstream is failing and its circuit breaker is open; retry in 30 seconds.", 100L),
    INTERNAL_ERROR(500, RefundRule.REFUNDED,
            "An unexpected error occurred. Credits were refunded.",
            "Unexpected error",
            "Something went wrong inside this install: a fault in its code, or one of its own services (billing, "
                    + "the upstream proxy) could not be reached.",
            "Retry once after a few seconds. If it persists, give the operator the `request_id` (it is also in the "
                    + "`X-Request-Id` header): every log line of every service that handled the request carries it.",
            null, 100L);

    /** The request id shown in every example envelope: well formed, and obviously not a real one. */
    public static final String EXAMPLE_REQUEST_ID = "req-EXAMPLExEXAMPLExEXAMPLE";

    private final int status;
    private final RefundRule refundRule;
    private final String defaultMessage;
    private final String slug;
    private final String title;
    private final String meaning;
    private final String whatToDo;
    private final String exampleMessage;
    private final Long exampleCreditsRemaining;

    ErrorCode(int status, RefundRule refundRule, String defaultMessage, String title, String meaning, String whatToDo,
            String exampleMessage, Long exampleCreditsRemaining) {
        this.status = status;
        this.refundRule = refundRule;
        this.defaultMessage = defaultMessage;
        this.slug = name().toLowerCase(Locale.ROOT).replace('_', '-');
        this.title = title;
        this.meaning = meaning;
        this.whatToDo = whatToDo;
        this.exampleMessage = exampleMessage == null ? defaultMessage : exampleMessage;
        this.exampleCreditsRemaining = exampleCreditsRemaining;
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

    /** A few words naming the error, for headings and lists. */
    public String title() {
        return title;
    }

    /** What happened, for the client who got this error. */
    public String meaning() {
        return meaning;
    }

    /** Whether the credits of a request that ended with this error were charged or given back (its refund rule). */
    public String refundText() {
        return refundRule.text();
    }

    /** What to do next: what to fix, whether and when to retry, where to look. */
    public String whatToDo() {
        return whatToDo;
    }

    /** An envelope as the API writes it for this error, with {@link #EXAMPLE_REQUEST_ID}. */
    public ErrorEnvelope exampleEnvelope(String docBaseUrl) {
        return ErrorEnvelope.of(this, exampleMessage, exampleCreditsRemaining, EXAMPLE_REQUEST_ID, docBaseUrl);
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
