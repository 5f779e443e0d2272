package dev.socialcrawl.gateway.wire;

import java.util.Map;

import org.jboss.logging.Logger;

import dev.socialcrawl.errors.ApiException;
import dev.socialcrawl.errors.ErrorCode;

/** A dependency of the gateway failed; the client gets a clean envelope, the cause goes to the log. */
public class GatewayException extends ApiException {
    private static final Logger LOG = Logger.getLogger(GatewayException.class);

    public GatewayException(ErrorCode code, String message, Map<String, String> headers) {
        super(code, message, null, headers);
    }

    public static GatewayException redisUnavailable(Throwable cause) {
        LOG.errorf("Redis is unavailable: %s", String.valueOf(cause));
        return new GatewayException(ErrorCode.SERVICE_UNAVAILABLE,
                "The service is temporarily unavailable. Nothing was charged; retry shortly.",
                Map.of("Retry-After", "5"));
    }

    public static GatewayException billingUnavailable(String what, Throwable cause) {
        LOG.errorf("Billing could not be reached for %s: %s", what, String.valueOf(cause));
        return new GatewayException(ErrorCode.INTERNAL_ERROR,
                "An unexpected error occurred. Nothing was charged.", Map.of());
    }
}
