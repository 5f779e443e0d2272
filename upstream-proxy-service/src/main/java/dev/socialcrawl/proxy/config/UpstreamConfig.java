package dev.socialcrawl.proxy.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Everything under {@code upstream.}: where each platform's provider lives and how hard the proxy protects itself
 * from it. {@code upstream.defaults.*} applies to every platform; {@code upstream.platforms.{p}.*} overrides any of it
 * for one platform (env: {@code UPSTREAM_PLATFORMS_{P}_TIMEOUT} and so on).
 */
@ConfigMapping(prefix = "upstream")
public interface UpstreamConfig {

    /** Global provider base URL; when absent the proxy calls its own sandbox on the port it actually bound. */
    @WithName("base-url")
    Optional<String> baseUrl();

    /** Sent as {@code x-api-key} to the provider; never logged. */
    @WithName("api-key")
    Optional<String> apiKey();

    /** Name under which this replica publishes its breaker states; hostname plus a random suffix when absent. */
    @WithName("replica-id")
    Optional<String> replicaId();

    /**
     * The largest upstream body the proxy reads ({@code UPSTREAM_MAX_BODY_SIZE}, e.g. {@code 5M}); a longer one is
     * abandoned as soon as it passes this and answered 502 UPSTREAM_ERROR, counted as an upstream failure.
     */
    @WithName("max-body-size")
    @WithDefault("5M")
    MemorySize maxBodySize();

    Defaults defaults();

    Map<String, PlatformOverrides> platforms();

    Sandbox sandbox();

    Status status();

    interface Defaults {
        @WithDefault("30s")
        Duration timeout();

        @WithName("circuit-breaker")
        CircuitBreaker circuitBreaker();

        Bulkhead bulkhead();

        Retry retry();
    }

    interface CircuitBreaker {
        /** Size of the rolling window of calls the failure ratio is computed over. */
        @WithName("request-volume-threshold")
        @WithDefault("10")
        int requestVolumeThreshold();

        @WithName("failure-ratio")
        @WithDefault("0.5")
        double failureRatio();

        /** How long the breaker stays open before it lets a probe through. */
        @WithDefault("30s")
        Duration delay();

        /** Successful probes needed in half-open to close again. */
        @WithName("success-threshold")
        @WithDefault("1")
        int successThreshold();
    }

    interface Bulkhead {
        /** Upstream calls allowed in flight per platform; the next one is shed with 503. */
        @WithName("max-concurrent")
        @WithDefault("100")
        int maxConcurrent();
    }

    interface Retry {
        /**
         * Extra attempts after a connection failure (refused, or closed before the answer was complete; never after
         * a complete answer), all inside the timeout.
         */
        @WithName("max-retries")
        @WithDefault("1")
        int maxRetries();
    }

    /** Per-platform overrides; whatever is absent falls back to {@link Defaults}. */
    interface PlatformOverrides {
        @WithName("base-url")
        Optional<String> baseUrl();

        Optional<Duration> timeout();

        @WithName("circuit-breaker")
        CircuitBreakerOverrides circuitBreaker();

        BulkheadOverrides bulkhead();

        RetryOverrides retry();
    }

    interface CircuitBreakerOverrides {
        @WithName("request-volume-threshold")
        OptionalInt requestVolumeThreshold();

        @WithName("failure-ratio")
        OptionalDouble failureRatio();

        Optional<Duration> delay();

        @WithName("success-threshold")
        OptionalInt successThreshold();
    }

    interface BulkheadOverrides {
        @WithName("max-concurrent")
        OptionalInt maxConcurrent();
    }

    interface RetryOverrides {
        @WithName("max-retries")
        OptionalInt maxRetries();
    }

    interface Sandbox {
        /** Serve {@code /sandbox}; off in {@code prod} unless {@code UPSTREAM_SANDBOX_ENABLED=true}. */
        @WithDefault("true")
        boolean enabled();

        /** How long a {@code slow…} value makes the sandbox wait; longer than the default timeout on purpose. */
        @WithName("slow-delay")
        @WithDefault("35s")
        Duration slowDelay();
    }

    interface Status {
        /** How often the breaker view is rewritten to Redis (it is also written on every state change). */
        @WithName("publish-interval")
        @WithDefault("2s")
        Duration publishInterval();
    }
}
