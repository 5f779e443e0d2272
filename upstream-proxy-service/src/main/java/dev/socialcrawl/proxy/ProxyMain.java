package dev.socialcrawl.proxy;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the proxy with Quarkus' request-line check off ({@code vertx.disableURIValidation}): that check answers a
 * malformed percent-encoding with an empty 400 before any route runs, so the proxy's door could not answer it with
 * the INVALID_REQUEST envelope (docs/internal-api.md). The door decodes every {@code /proxy} request line itself.
 * Tests set the same property in the Surefire configuration, because {@code @QuarkusTest} does not run this class.
 */
@QuarkusMain
public final class ProxyMain {
    static final String DISABLE_URI_VALIDATION = "vertx.disableURIValidation";

    private ProxyMain() {
    }

    public static void main(String... args) {
        if (System.getProperty(DISABLE_URI_VALIDATION) == null) {
            System.setProperty(DISABLE_URI_VALIDATION, "true");
        }
        Quarkus.run(args);
    }
}
