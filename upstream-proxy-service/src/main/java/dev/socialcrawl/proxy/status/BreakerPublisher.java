package dev.socialcrawl.proxy.status;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import dev.socialcrawl.proxy.upstream.BreakerSnapshot;

/**
 * Publishes this replica's breaker view to Redis ({@code {p}proxy-breakers:{replicaId}}, TTL 15 s) every 2 s and on
 * every state change, so the gateway can show a platform open on any replica as open. Redis trouble never affects
 * proxying: a failed write is logged once and retried on the next tick.
 */
@ApplicationScoped
public class BreakerPublisher {
    static final long TTL_SECONDS = 15;
    private static final Logger LOG = Logger.getLogger(BreakerPublisher.class);

    private final ReactiveValueCommands<String, String> values;
    private final BreakerStatusView view;
    private final ObjectMapper mapper;
    private final String key;
    private final AtomicBoolean failing = new AtomicBoolean();

    public BreakerPublisher(ReactiveRedisDataSource redis, BreakerStatusView view, ReplicaIdentity replica,
            ObjectMapper mapper, @ConfigProperty(name = "socialcrawl.redis.key-prefix") String prefix) {
        this.values = redis.value(String.class, String.class);
        this.view = view;
        this.mapper = mapper;
        this.key = prefix + "proxy-breakers:" + replica.id();
    }

    public String key() {
        return key;
    }

    @Scheduled(every = "${upstream.status.publish-interval:2s}", delay = 0,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return publish();
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
        return values.setex(key, TTL_SECONDS, json)
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
                });
    }
}
