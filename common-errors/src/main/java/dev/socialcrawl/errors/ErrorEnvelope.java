package dev.socialcrawl.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The error body of every service: {@code {success:false, error:{…}, credits_remaining?, request_id}}. */
@JsonPropertyOrder({ "success", "error", "credits_remaining", "request_id" })
public record ErrorEnvelope(
        @JsonProperty("success") boolean success,
        @JsonProperty("error") Error error,
        @JsonProperty("credits_remaining") @JsonInclude(JsonInclude.Include.NON_NULL) Long creditsRemaining,
        @JsonProperty("request_id") String requestId) {

    @JsonPropertyOrder({ "type", "message", "status", "doc_url" })
    public record Error(
            @JsonProperty("type") String type,
            @JsonProperty("message") String message,
            @JsonProperty("status") int status,
            @JsonProperty("doc_url") String docUrl) {
    }

    public static ErrorEnvelope of(ErrorCode code, String message, Long creditsRemaining, String requestId,
            String docBaseUrl) {
        String text = message == null || message.isBlank() ? code.defaultMessage() : message;
        return new ErrorEnvelope(false, new Error(code.name(), text, code.status(), code.docUrl(docBaseUrl)),
                creditsRemaining, requestId);
    }

    /** The code named by {@code error.type}, or {@code null} when the type is not one of ours. */
    public ErrorCode code() {
        return error == null ? null : ErrorCode.fromType(error.type());
    }
}
