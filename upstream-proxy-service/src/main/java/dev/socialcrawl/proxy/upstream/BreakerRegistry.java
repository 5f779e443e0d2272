package dev.socialcrawl.proxy.upstream;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import io.quarkus.runtime.Startup;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

import dev.socialcrawl.catalog.Catalog;
import dev.socialcrawl.catalog.Platform;
import dev.socialcrawl.proxy.config.PlatformPolicy;
import dev.socialcrawl.proxy.config.UpstreamConfig;

/**
 * One guard per catalogue platform, built from configuration at start-up. Keeping them apart by platform is the
 * point: a failing platform only ever opens its own breaker.
 */
@Startup
@ApplicationScoped
public class BreakerRegistry {
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Map<String, PlatformGuard> guards;
    private final CircuitBreakerMaintenance maintenance;

    public BreakerRegistry(Catalog catalog, UpstreamConfig config, CircuitBreakerMaintenance maintenance,
            Event<BreakerSnapshot> changes) {
        this.maintenance = maintenance;
        for (String configured : config.platforms().keySet()) {
            if (!catalog.hasPlatform(configured)) {
                throw new IllegalStateException("Invalid upstream configuration: upstream.platforms." + configured
                        + " names a platform that is not in the catalogue");
            }
        }
        // Breaker names are global in SmallRye; a suffix keeps a second container (dev reload) from clashing.
        String suffix = "-" + INSTANCES.incrementAndGet();
        Map<String, PlatformGuard> built = new LinkedHashMap<>();
        for (Platform platform : catalog.platforms()) {
            PlatformPolicy policy = PlatformPolicy.resolve(platform.name(), config).validate();
            built.put(platform.name(), new PlatformGuard(policy, "upstream-" + platform.name() + suffix,
                    System::nanoTime, g -> changes.fire(g.snapshot())));
        }
        this.guards = Collections.unmodifiableMap(built);
    }

    Optional<PlatformGuard> guard(String platform) {
        return Optional.ofNullable(guards.get(platform));
    }

    public Optional<PlatformPolicy> policy(String platform) {
        return guard(platform).map(PlatformGuard::policy);
    }

    public List<String> platforms() {
        return List.copyOf(guards.keySet());
    }

    public Map<String, BreakerSnapshot> snapshot() {
        Map<String, BreakerSnapshot> result = new LinkedHashMap<>();
        guards.forEach((name, g) -> result.put(name, g.snapshot()));
        return result;
    }

    /** Closes every breaker and forgets its history (operators and tests). */
    public void resetAll() {
        guards.values().forEach(g -> {
            maintenance.reset(g.breakerName());
            g.markReset();
        });
    }
}
