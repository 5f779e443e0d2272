package dev.socialcrawl.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The success body of the public API. {@code data} is any JSON value (usually an object). */
@JsonPropertyOrder({ "success", "platform", "endpoint", "data", "credits_used", "credits_remaining", "request_id",
        "cached" })
public record SuccessEnvelope(
        @JsonProperty("success") boolean success,
        @JsonProperty("platform") String platform,
        @JsonProperty("endpoint") String endpoint,
        @JsonProperty("data") Object data,
        @JsonProperty("credits_used") long creditsUsed,
        @JsonProperty("credits_remaining") @JsonInclude(JsonInclude.Include.NON_NULL) Long creditsRemaining,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("cached") boolean cached) {

    public static SuccessEnvelope of(String platform, String endpoint, Object data, long creditsUsed,
            Long creditsRemaining, String requestId, boolean cached) {
        return new SuccessEnvelope(true, platform, endpoint, data, creditsUsed, creditsRemaining, requestId, cached);
    }
}
