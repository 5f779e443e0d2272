package dev.socialcrawl.billing.web;

import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.socialcrawl.errors.ErrorCode;
import dev.socialcrawl.errors.ErrorEnvelope;
import dev.socialcrawl.errors.rest.ErrorResponses;

/**
 * The envelope of an {@link ErrorCode} answered with another HTTP status, where a contract fixes a status the
 * shared table does not give that type (the 13 codes stay the only types). The envelope's {@code status} is the
 * HTTP status, so the two never disagree.
 */
public final class OtherStatus {
    private OtherStatus() {
    }

    public static Response response(ErrorResponses errors, ErrorCode code, int status, String message,
            Map<String, String> headers) {
        ErrorEnvelope base = errors.envelope(code, message, null);
        ErrorEnvelope.Error e = base.error();
        ErrorEnvelope body = new ErrorEnvelope(false, new ErrorEnvelope.Error(e.type(), e.message(), status, e.docUrl()),
                null, base.requestId());
        Response.ResponseBuilder builder = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
        headers.forEach(builder::header);
        return builder.build();
    }
}
