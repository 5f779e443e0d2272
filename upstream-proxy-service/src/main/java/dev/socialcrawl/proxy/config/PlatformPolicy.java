package dev.socialcrawl.proxy.config;

import java.time.Duration;
import java.util.Optional;

/** The effective policy of one platform: its overrides laid over the defaults. */
public record PlatformPolicy(
        String platform,
        Optional<String> baseUrl,
        Duration timeout,
        int requestVolumeThreshold,
        double failureRatio,
        Duration breakerDelay,
        int successThreshold,
        int maxConcurrent,
        int maxRetries) {

    public static PlatformPolicy resolve(String platform, UpstreamConfig config) {
        UpstreamConfig.Defaults d = config.defaults();
        UpstreamConfig.PlatformOverrides o = config.platforms().get(platform);
        if (o == null) {
            return new PlatformPolicy(platform, config.baseUrl(), d.timeout(),
                    d.circuitBreaker().requestVolumeThreshold(), d.circuitBreaker().failureRatio(),
                    d.circuitBreaker().delay(), d.circuitBreaker().successThreshold(),
                    d.bulkhead().maxConcurrent(), d.retry().maxRetries());
        }
        return new PlatformPolicy(platform,
                o.baseUrl().or(config::baseUrl),
                o.timeout().orElse(d.timeout()),
                o.circuitBreaker().requestVolumeThreshold().orElse(d.circuitBreaker().requestVolumeThreshold()),
                o.circuitBreaker().failureRatio().orElse(d.circuitBreaker().failureRatio()),
                o.circuitBreaker().delay().orElse(d.circuitBreaker().delay()),
                o.circuitBreaker().successThreshold().orElse(d.circuitBreaker().successThreshold()),
                o.bulkhead().maxConcurrent().orElse(d.bulkhead().maxConcurrent()),
                o.retry().maxRetries().orElse(d.retry().maxRetries()));
    }

    /** Rejects values the breaker or the bulkhead cannot work with, naming the key. */
    public PlatformPolicy validate() {
        String p = "upstream.platforms." + platform + ".";
        require(!timeout.isNegative() && !timeout.isZero(), p + "timeout must be positive");
        require(requestVolumeThreshold >= 1, p + "circuit-breaker.request-volume-threshold must be at least 1");
        require(failureRatio > 0 && failureRatio <= 1, p + "circuit-breaker.failure-ratio must be in (0, 1]");
        require(!breakerDelay.isNegative(), p + "circuit-breaker.delay must not be negative");
        require(successThreshold >= 1, p + "circuit-breaker.success-threshold must be at least 1");
        require(maxConcurrent >= 1, p + "bulkhead.max-concurrent must be at least 1");
        require(maxRetries >= 0, p + "retry.max-retries must not be negative");
        return this;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException("Invalid upstream configuration: " + message);
        }
    }
}
