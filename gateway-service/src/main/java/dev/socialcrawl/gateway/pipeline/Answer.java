package dev.socialcrawl.gateway.pipeline;

import jakarta.ws.rs.core.Response;

/** A finished public response and the label it gets in {@code gateway_requests_total{cache=…}}. */
public record Answer(Response response, String cacheLabel) {
    public static final String HIT = "hit";
    public static final String MISS = "miss";
    public static final String NONE = "none";
}
