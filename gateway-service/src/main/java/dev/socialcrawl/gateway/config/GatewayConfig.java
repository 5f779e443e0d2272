package dev.socialcrawl.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Every gateway tunable (docs/operations.md#configuration); each has an env override by Quarkus' naming rule. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    Concurrency concurrency();

    Idempotency idempotency();

    Cache cache();

    Keys keys();

    Outbox outbox();

    Clients clients();

    Activity activity();

    /** This replica's name among the gateways (the outbox's consumer name); hostname and a random suffix if unset. */
    Optional<String> replicaId();

    /** Timeout applied to every Redis command of the hot path, so a dead Redis fails fast. */
    @WithDefault("2s")
    Duration redisTimeout();

    interface Concurrency {
        /** In-flight requests per API key, across all replicas. */
        @WithDefault("50")
        int limit();

        /** A slot is a lease: it expires after this even if the replica holding it died. Longer than any request. */
        @WithDefault("120s")
        Duration leaseTtl();
    }

    interface Idempotency {
        /** How long a key belongs to the account that first used it. */
        @WithDefault("24h")
        Duration ttl();

        /** How long a duplicate waits for the in-flight original before answering 409. */
        @WithDefault("40s")
        Duration inFlightWait();

        /** Lifetime of an in-flight record, so a replica that died mid-request does not lock the key for a day. */
        @WithDefault("120s")
        Duration inFlightTtl();
    }

    interface Cache {
        /** Per archetype ({@code Archetype.configKey()}), e.g. {@code gateway.cache.ttl.post-list=5m}. */
        Map<String, Duration> ttl();

        /** Per endpoint path without the leading slash, e.g. {@code gateway.cache.endpoint-ttl."v1/tiktok/profile"=1m}. */
        @WithName("endpoint-ttl")
        Map<String, Duration> endpointTtl();

        /**
         * How long an entry is kept past its TTL, only to answer requests that accept stale data
         * ({@code Cache-Control: max-stale}) when the live fetch fails.
         */
        @WithDefault("24h")
        Duration staleRetention();

        /** How long a balance learnt from billing answers cache hits and replays before billing is asked again. */
        @WithDefault("10s")
        Duration balanceTtl();
    }

    interface Keys {
        /** How long a verified key is trusted in-process (revocations are still seen at once through Redis). */
        @WithDefault("60s")
        Duration cacheTtl();

        /** Upper bound on cached keys per replica. */
        @WithDefault("100000")
        int cacheMaxSize();

        /** How long a key billing refused (unknown, revoked, expired) is refused here without asking billing. */
        @WithDefault("10m")
        Duration refusedCacheTtl();

        /** Upper bound on remembered refused keys per replica. */
        @WithDefault("100000")
        int refusedCacheMaxSize();
    }

    /**
     * The internal services the gateway calls. The URLs default to the operator contract's
     * {@code quarkus.rest-client.billing.url} / {@code .proxy.url} (env {@code QUARKUS_REST_CLIENT_BILLING_URL} …),
     * which stay aliases of {@code gateway.clients.*.url}.
     */
    interface Clients {
        Client billing();

        Client proxy();
    }

    /** One internal service: everything here is honoured, nothing else is read. */
    interface Client {
        /** Base URL, {@code http://} or {@code https://}. */
        URI url();

        /** Bound on opening a TCP (and TLS) connection. */
        @WithDefault("1s")
        Duration connectTimeout();

        /** Bound on the wait for a pooled connection and on every silence while waiting for the answer. */
        Duration readTimeout();

        /** Keep-alive connections kept open to the service. */
        @WithDefault("100")
        int poolSize();

        /**
         * For {@code https://}: the name of a Quarkus TLS configuration ({@code quarkus.tls.<name>.trust-store…},
         * {@code …key-store…} for mutual TLS); without it the default TLS configuration, else the JVM's trust.
         */
        Optional<String> tlsConfigurationName();
    }

    /** The activity log (docs/api.md#activity-log): what the gateway queues for billing to store. */
    interface Activity {
        /** Whether requests are recorded at all. */
        @WithDefault("true")
        boolean enabled();

        /** How often queued records are handed to Redis (a thread of its own, not Quarkus' scheduler). */
        @WithDefault("200ms")
        Duration flushInterval();

        /** Records per stream entry. */
        @WithDefault("500")
        int batchSize();

        /** Stream entries (batches) waiting for billing beyond which new ones are dropped and counted. */
        @WithDefault("2000")
        int maxQueuedBatches();

        /** Records waiting in this replica beyond which new ones are dropped and counted. */
        @WithDefault("100000")
        int maxInProcess();
    }

    interface Outbox {
        /** How often pending refunds and settlements are sent to billing again. */
        @WithDefault("1s")
        String interval();

        /** Entries sent per batch of a drain round. */
        @WithDefault("200")
        int batchSize();

        /** After this long unconfirmed on one replica (dead or stalled), another replica takes an entry over. */
        @WithDefault("60s")
        Duration claimAfter();
    }

}
