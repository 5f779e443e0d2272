package dev.socialcrawl.gateway;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the gateway. Quarkus answers a request whose URI {@code java.net.URI} cannot parse (a malformed
 * percent-escape, a raw {@code |}) with a bare 400 before any route runs, unless {@code vertx.disableURIValidation}
 * is set; the gateway sets it so that such requests reach its front door and get the error envelope and
 * X-Request-Id like every other answer (docs/api.md#limits). The front door decodes the path and query itself.
 */
@QuarkusMain
public class GatewayMain {
    static final String DISABLE_URI_VALIDATION = "vertx.disableURIValidation";

    public static void main(String... args) {
        if (System.getProperty(DISABLE_URI_VALIDATION) == null) {
            System.setProperty(DISABLE_URI_VALIDATION, "true");
        }
        Quarkus.run(args);
    }
}
