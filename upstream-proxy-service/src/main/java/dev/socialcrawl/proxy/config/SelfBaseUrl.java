package dev.socialcrawl.proxy.config;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.vertx.http.HttpServerStart;

/**
 * The base URL of this service's own sandbox, from the port the HTTP server really bound. Configuration is not
 * enough: tests bind port 0 and only the started server knows the port.
 */
@ApplicationScoped
public class SelfBaseUrl {
    private final AtomicReference<String> url = new AtomicReference<>();

    void onStart(@Observes HttpServerStart start) {
        int port = start.options().getPort();
        if (port <= 0) {
            port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-port", Integer.class)
                    .filter(p -> p > 0)
                    .or(() -> ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", Integer.class))
                    .orElse(8082);
        }
        url.set("http://127.0.0.1:" + port + "/sandbox");
    }

    /** The sandbox base URL; falls back to the configured port if called before the server started. */
    public String sandbox() {
        String u = url.get();
        if (u != null) {
            return u;
        }
        int port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", Integer.class).orElse(8082);
        return "http://127.0.0.1:" + port + "/sandbox";
    }
}
