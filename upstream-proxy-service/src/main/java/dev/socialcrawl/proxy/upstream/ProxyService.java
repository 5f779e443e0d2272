package dev.socialcrawl.proxy.upstream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

import dev.socialcrawl.catalog.Catalog;
import dev.socialcrawl.catalog.Endpoint;
import dev.socialcrawl.catalog.ValidatedRequest;
import dev.socialcrawl.errors.ErrorCode;
import dev.socialcrawl.proxy.config.UpstreamConfig;
import dev.socialcrawl.proxy.normalize.Normalised;
import dev.socialcrawl.proxy.normalize.Normaliser;
import dev.socialcrawl.proxy.upstream.UpstreamMetrics.Outcome;

/**
 * Fetches one catalogue endpoint through its platform's guard and turns what happened into a {@link ProxyOutcome}
 * (docs/api.md#credits-and-refunds): the gateway decides charge or refund from the {@link ErrorCode} alone.
 */
@ApplicationScoped
public class ProxyService {
    private static final Logger LOG = Logger.getLogger(ProxyService.class);

    private final BreakerRegistry breakers;
    private final UpstreamClient client;
    private final Normaliser normaliser;
    private final UpstreamMetrics metrics;
    private final ObjectMapper mapper;
    private final long maxBodySize;

    public ProxyService(BreakerRegistry breakers, UpstreamClient client, Normaliser normaliser,
            UpstreamMetrics metrics, ObjectMapper mapper, UpstreamConfig config) {
        this.breakers = breakers;
        this.client = client;
        this.normaliser = normaliser;
        this.metrics = metrics;
        this.mapper = mapper;
        this.maxBodySize = config.maxBodySize().asLongValue();
    }

    /**
     * Fetches one catalogue endpoint with params that passed the catalogue's rules. The chain runs to its end whatever
     * happens to the caller: nothing here is cancelled by a client that hangs up, so the breaker, the bulkhead and the
     * metrics see every call. {@code format} is read here and never forwarded.
     */
    public Uni<ProxyOutcome> fetch(ValidatedRequest request, String requestId) {
        Endpoint endpoint = request.endpoint();
        String platform = endpoint.platform();
        String resource = endpoint.resource();
        PlatformGuard guard = breakers.guard(platform).orElseThrow(() -> new IllegalStateException(
                "No guard for catalogue platform " + platform));
        boolean rawFormat = request.raw();
        List<Map.Entry<String, String>> forwarded = new ArrayList<>(request.params().size());
        request.params().forEach((name, value) -> {
            if (!name.equals(Catalog.FORMAT_PARAM)) {
                forwarded.add(Map.entry(name, value));
            }
        });

        if (!client.hasUpstream(guard.policy())) {
            LOG.errorf("No upstream for %s: set UPSTREAM_BASE_URL (or UPSTREAM_PLATFORMS_%s_BASE_URL) or enable "
                    + "the sandbox with UPSTREAM_SANDBOX_ENABLED=true", platform, platform.toUpperCase(java.util.Locale.ROOT));
            metrics.recordOutcome(platform, Outcome.INTERNAL_ERROR);
            return Uni.createFrom().item(failure(ErrorCode.INTERNAL_ERROR,
                    "No upstream provider is configured for " + platform + ". Credits were refunded.", Map.of()));
        }
        return Uni.createFrom().deferred(() -> {
            if (!guard.tryAcquire()) {
                metrics.recordOutcome(platform, Outcome.BULKHEAD_FULL);
                return Uni.createFrom().item(failure(ErrorCode.SERVICE_UNAVAILABLE,
                        "Too many requests are in flight to " + platform + "; retry shortly.",
                        Map.of("Retry-After", "1")));
            }
            long start = System.nanoTime();
            return guard.call(() -> client.get(guard.policy(), resource, forwarded, requestId))
                    .onItemOrFailure().invoke((answer, failure) -> {
                        if (!(failure instanceof CircuitBreakerOpenException)) {
                            metrics.recordLatency(platform, System.nanoTime() - start);
                        }
                    })
                    .map(answer -> interpret(endpoint, answer, rawFormat, start))
                    .onFailure().recoverWithItem(failure -> classify(guard, endpoint, failure, start))
                    .onTermination().invoke(guard::release);
        });
    }

    private ProxyOutcome interpret(Endpoint endpoint, UpstreamAnswer answer, boolean raw, long startNanos) {
        String platform = endpoint.platform();
        if (answer instanceof UpstreamAnswer.NotFound) {
            metrics.recordOutcome(platform, Outcome.NOT_FOUND);
            return failure(ErrorCode.RESOURCE_NOT_FOUND, "The " + platform + " upstream has no such resource.",
                    Map.of(ProxyOutcome.EMPTY_HEADER, "false"));
        }
        if (answer instanceof UpstreamAnswer.OtherStatus other) {
            metrics.recordOutcome(platform, Outcome.UPSTREAM_ERROR);
            UpstreamFailureLog.failed(endpoint, UpstreamFailureLog.Kind.OTHER_STATUS, startNanos,
                    "HTTP " + other.status());
            return failure(ErrorCode.UPSTREAM_ERROR, "The " + platform + " upstream answered HTTP " + other.status()
                    + ". Credits were refunded.", Map.of());
        }
        if (answer instanceof UpstreamAnswer.NoBody) {
            return empty(platform);
        }
        UpstreamAnswer.Json json = (UpstreamAnswer.Json) answer;
        Normalised normalised = normaliser.normalise(endpoint, json.raw());
        if (normalised.empty()) {
            return empty(platform);
        }
        metrics.recordOutcome(platform, Outcome.SUCCESS);
        if (raw) {
            return new ProxyOutcome.Data(json.bytes());
        }
        try {
            return new ProxyOutcome.Data(mapper.writeValueAsBytes(normalised.data()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write normalised data", e);
        }
    }

    private ProxyOutcome empty(String platform) {
        metrics.recordOutcome(platform, Outcome.EMPTY);
        return failure(ErrorCode.RESOURCE_NOT_FOUND,
                "The " + platform + " upstream returned no usable data for this request. Credits were refunded.",
                Map.of(ProxyOutcome.EMPTY_HEADER, "true"));
    }

    /**
     * What a failure of the guarded call means for the gateway; anything unrecognised is an INTERNAL_ERROR. Every
     * upstream failure is logged once, with its kind and how long the call took.
     */
    ProxyOutcome classify(PlatformGuard guard, Endpoint endpoint, Throwable failure, long startNanos) {
        String platform = guard.policy().platform();
        if (failure instanceof CircuitBreakerOpenException) {
            metrics.recordOutcome(platform, Outcome.CIRCUIT_OPEN);
            int seconds = guard.retryAfterSeconds();
            UpstreamFailureLog.failed(endpoint, UpstreamFailureLog.Kind.CIRCUIT_OPEN, startNanos,
                    "breaker open for " + seconds + " s more");
            return failure(ErrorCode.SERVICE_UNAVAILABLE, "The " + platform
                    + " upstream is failing and its circuit breaker is open; retry in " + seconds + " seconds.",
                    Map.of("Retry-After", Integer.toString(seconds)));
        }
        if (failure instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException
                || failure instanceof TimeoutException) {
            metrics.recordOutcome(platform, Outcome.TIMEOUT);
            UpstreamFailureLog.failed(endpoint, UpstreamFailureLog.Kind.TIMEOUT, startNanos,
                    "no answer within " + guard.policy().timeout().toMillis() + " ms");
            return failure(ErrorCode.UPSTREAM_ERROR, "The " + platform + " upstream did not answer within "
                    + guard.policy().timeout().toMillis() + " ms. Credits were refunded.", Map.of());
        }
        if (failure instanceof UpstreamFailure f) {
            metrics.recordOutcome(platform, Outcome.UPSTREAM_ERROR);
            UpstreamFailureLog.failed(endpoint, UpstreamFailureLog.Kind.of(f.kind()), startNanos, "HTTP " + f.status());
            String what = switch (f.kind()) {
                case SERVER_ERROR -> "answered HTTP " + f.status();
                case UNREADABLE_BODY -> "answered with a body that is not JSON";
                case TRAILING_BYTES -> "answered with bytes after its JSON value";
                case TOO_LARGE -> "answered with a body over the " + maxBodySize + "-byte limit";
            };
            return failure(ErrorCode.UPSTREAM_ERROR, "The " + platform + " upstream " + what
                    + ". Credits were refunded.", Map.of());
        }
        if (failure instanceof java.io.IOException || failure instanceof io.vertx.core.VertxException) {
            metrics.recordOutcome(platform, Outcome.UPSTREAM_ERROR);
            UpstreamFailureLog.failed(endpoint, UpstreamFailureLog.Kind.CONNECTION_FAILURE, startNanos,
                    failure.toString());
            return failure(ErrorCode.UPSTREAM_ERROR, "The " + platform
                    + " upstream could not be reached. Credits were refunded.", Map.of());
        }
        metrics.recordOutcome(platform, Outcome.INTERNAL_ERROR);
        LOG.error("Unexpected failure while fetching from " + platform, failure);
        return failure(ErrorCode.INTERNAL_ERROR, ErrorCode.INTERNAL_ERROR.defaultMessage(), Map.of());
    }

    private static ProxyOutcome failure(ErrorCode code, String message, Map<String, String> headers) {
        return new ProxyOutcome.Failure(code, message, headers);
    }
}
