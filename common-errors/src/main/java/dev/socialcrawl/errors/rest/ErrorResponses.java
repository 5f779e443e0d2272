package dev.socialcrawl.errors.rest;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.socialcrawl.errors.ApiException;
import dev.socialcrawl.errors.ErrorCode;
import dev.socialcrawl.errors.ErrorEnvelope;

/**
 * Builds envelope responses with the configured {@code doc_url} base and the current request id. The error pages are
 * served by the gateway ({@code GET /docs/errors/{slug}}); the gateway derives the base from its public address
 * ({@code errors.doc-base-url=${gateway.public-base-url}/docs/errors}), and billing and the proxy, which serve no
 * pages, should set {@code errors.doc-base-url} (env {@code ERRORS_DOC_BASE_URL}) to the same value. The default is
 * the pages of a gateway running locally on its default port.
 */
@ApplicationScoped
public class ErrorResponses {
    public static final String DEFAULT_DOC_BASE_URL = "http://localhost:8080/docs/errors";

    private final String docBaseUrl;
    private final CurrentRequestId currentRequestId;

    public ErrorResponses(
            @ConfigProperty(name = "errors.doc-base-url", defaultValue = DEFAULT_DOC_BASE_URL) String docBaseUrl,
            CurrentRequestId currentRequestId) {
        this.docBaseUrl = docBaseUrl;
        this.currentRequestId = currentRequestId;
    }

    public String docBaseUrl() {
        return docBaseUrl;
    }

    public ErrorEnvelope envelope(ErrorCode code, String message, Long creditsRemaining) {
        return ErrorEnvelope.of(code, message, creditsRemaining, currentRequestId.get(), docBaseUrl);
    }

    /** The envelope response; {@code X-Request-Id} is already on every response (see {@link RequestIdRoute}). */
    public Response response(ErrorCode code, String message, Long creditsRemaining, Map<String, String> headers) {
        ErrorEnvelope body = envelope(code, message, creditsRemaining);
        Response.ResponseBuilder builder = Response.status(code.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body);
        headers.forEach(builder::header);
        return builder.build();
    }

    public Response response(ApiException e) {
        return response(e.code(), e.getMessage(), e.creditsRemaining(), e.headers());
    }

    public Response response(ErrorCode code, String message) {
        return response(code, message, null, Map.of());
    }
}
