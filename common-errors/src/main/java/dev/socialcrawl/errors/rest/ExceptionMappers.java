package dev.socialcrawl.errors.rest;

import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.socialcrawl.errors.ApiException;
import dev.socialcrawl.errors.ErrorCode;

/**
 * The one mapper set every service shares: whatever ends a request becomes the error envelope.
 * Messages are written for clients; exception texts, class names and stack traces stay in the log.
 */
public class ExceptionMappers {
    private static final Logger LOG = Logger.getLogger(ExceptionMappers.class);

    private final ErrorResponses responses;

    public ExceptionMappers(ErrorResponses responses) {
        this.responses = responses;
    }

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        return responses.response(e);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .map(ExceptionMappers::describe)
                .sorted()
                .collect(Collectors.joining("; "));
        return responses.response(ErrorCode.INVALID_REQUEST,
                detail.isEmpty() ? "The request is invalid." : "Invalid request: " + detail);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        return responses.response(ErrorCode.INVALID_REQUEST,
                "Invalid request body: unknown field '" + e.getPropertyName() + "'.");
    }

    @ServerExceptionMapper
    public Response wrongType(InvalidFormatException e) {
        return responses.response(ErrorCode.INVALID_REQUEST,
                "Invalid request body: field '" + fieldPath(e) + "' has the wrong type or format.");
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        String field = fieldPath(e);
        return responses.response(ErrorCode.INVALID_REQUEST, field.isEmpty()
                ? "Invalid request body: it does not have the expected JSON shape."
                : "Invalid request body: field '" + field + "' has the wrong type or format.");
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return responses.response(ErrorCode.INVALID_REQUEST, "Invalid request body: it is not valid JSON.");
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return responses.response(ErrorCode.ENDPOINT_NOT_FOUND, "No such route on this service.");
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        String allow = e.getResponse().getAllowedMethods().isEmpty()
                ? nullToEmpty(e.getResponse().getHeaderString("Allow"))
                : String.join(", ", e.getResponse().getAllowedMethods());
        return responses.response(ErrorCode.METHOD_NOT_ALLOWED,
                allow.isEmpty() ? "Method not allowed." : "Method not allowed. Use " + allow + ".",
                null, allow.isEmpty() ? Map.of() : Map.of("Allow", allow));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 404) {
            return notFound(new NotFoundException());
        }
        if (status == 400 && causedBy(e, JsonProcessingException.class)) {
            return unreadableJson(null);
        }
        if (status >= 400 && status < 500) {
            return responses.response(ErrorCode.INVALID_REQUEST, switch (status) {
                case 406 -> "The requested media type is not available. Ask for application/json.";
                case 413 -> "The request body is too large.";
                case 415 -> "Unsupported media type. Send application/json.";
                default -> "The request is invalid.";
            });
        }
        return unexpected(e);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("Unexpected error while serving the request", e);
        return responses.response(ErrorCode.INTERNAL_ERROR, ErrorCode.INTERNAL_ERROR.defaultMessage());
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String describe(ConstraintViolation<?> v) {
        String path = v.getPropertyPath() == null ? "" : v.getPropertyPath().toString();
        int dot = path.lastIndexOf('.');
        String field = dot >= 0 ? path.substring(dot + 1) : path;
        return (field.isEmpty() ? "" : field + " ") + v.getMessage();
    }

    private static String fieldPath(MismatchedInputException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
