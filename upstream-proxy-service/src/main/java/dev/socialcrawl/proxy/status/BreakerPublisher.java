package dev.socialcrawl.proxy.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import dev.socialcrawl.proxy.upstream.BreakerSnapshot;

/**
 * Publishes this replica's breaker view to Redis every 2 s and on every state change, as its field of one hash
 * ({@code {p}proxy-breakers}, field = replica id, value = the view with {@code updated_at}), so the gateway reads every
 * replica's view in one O(replicas) command and shows a platform open on any replica as open (docs/api.md#platform-status).
 * Readers ignore a view older than {@link #STALE_AFTER}; publishers drop such fields now and then, and the hash
 * expires when every replica is gone. Redis trouble never affects proxying: a failed write is logged once and retried
 * on the next tick.
 */
@ApplicationScoped
public class BreakerPublisher {
    /** A view not refreshed for this long belongs to a replica that is gone. */
    public static final Duration STALE_AFTER = Duration.ofSeconds(15);
    /** The whole hash lives this long after the last write of any replica. */
    static final Duration HASH_TTL = Duration.ofSeconds(60);
    /** Every this many ticks a replica drops other replicas' stale fields. */
    private static final int CLEAN_EVERY = 15;
    private static final Logger LOG = Logger.getLogger(BreakerPublisher.class);

    private final ReactiveHashCommands<String, String, String> hashes;
    private final ReactiveKeyCommands<String> keys;
    private final BreakerStatusView view;
    private final ObjectMapper mapper;
    private final String key;
    private final String field;
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicInteger ticks = new AtomicInteger();

    public BreakerPublisher(ReactiveRedisDataSource redis, BreakerStatusView view, ReplicaIdentity replica,
            ObjectMapper mapper, @ConfigProperty(name = "socialcrawl.redis.key-prefix") String prefix) {
        this.hashes = redis.hash(String.class, String.class, String.class);
        this.keys = redis.key(String.class);
        this.view = view;
        this.mapper = mapper;
        this.key = prefix + "proxy-breakers";
        this.field = replica.id();
    }

    /** The hash every replica publishes into. */
    public String key() {
        return key;
    }

    /** This replica's field in it. */
    public String field() {
        return field;
    }

    @Scheduled(every = "${upstream.status.publish-interval:2s}", delay = 0,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        Uni<Void> published = publish();
        return ticks.incrementAndGet() % CLEAN_EVERY == 0 ? published.chain(this::dropStale) : published;
    }

    void onChange(@Observes BreakerSnapshot changed) {
        publish().subscribe().with(ignored -> {
        }, failure -> {
        });
    }

    public Uni<Void> publish() {
        String json;
        try {
            json = mapper.writeValueAsString(view.published());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return hashes.hset(key, field, json)
                .chain(() -> keys.pexpire(key, HASH_TTL))
                .invoke(() -> {
                    if (failing.compareAndSet(true, false)) {
                        LOG.info("Publishing breaker states to Redis works again");
                    }
                })
                .onFailure().recoverWithItem(failure -> {
                    if (failing.compareAndSet(false, true)) {
                        LOG.warnf("Cannot publish breaker states to Redis (%s); will keep trying", failure.toString());
                    }
                    return null;
                }).replaceWithVoid();
    }

    /** Removes the fields of replicas that stopped publishing, so the hash stays as big as the live fleet. */
    Uni<Void> dropStale() {
        return hashes.hgetall(key).chain(all -> {
            String[] stale = all.entrySet().stream().filter(e -> isStale(e.getValue()))
                    .map(Map.Entry::getKey).toArray(String[]::new);
            return stale.length == 0 ? Uni.createFrom().voidItem() : hashes.hdel(key, stale).replaceWithVoid();
        }).onFailure().recoverWithNull();
    }

    private boolean isStale(String json) {
        try {
            Instant updated = Instant.parse(mapper.readTree(json).path("updated_at").asText());
            return updated.plus(HASH_TTL).isBefore(Instant.now());
        } catch (JsonProcessingException | RuntimeException e) {
            return true;
        }
    }
}
