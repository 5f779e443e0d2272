package dev.socialcrawl.gateway.pipeline;

/**
 * A public request as the front door read it, free of any HTTP library: whether it is a GET, the normalised path,
 * the raw query (decoded once, by {@link PublicApi}) and the three headers the API reads.
 */
public record PublicRequest(String requestId, boolean get, String path, String rawQuery, String apiKey,
        String idempotencyKey, String cacheControl) {
}
