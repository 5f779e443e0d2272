package dev.socialcrawl.gateway.meta;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;

import dev.socialcrawl.catalog.Catalog;
import dev.socialcrawl.catalog.Platform;
import dev.socialcrawl.gateway.proxy.ProxyClient;
import dev.socialcrawl.gateway.redis.RedisClient;
import dev.socialcrawl.gateway.redis.RedisKeys;
import dev.socialcrawl.gateway.redis.RedisOp;

/**
 * Breaker states of every catalogue platform across all proxy replicas, from the one hash they publish into
 * ({@code {p}proxy-breakers}, a field per replica): open anywhere is open, then half-open, else closed; no fresh
 * report at all falls back to {@code /proxy/status}. O(replicas) whatever else Redis holds, and shared by every
 * caller for up to a second (docs/api.md#platform-status), so an unauthenticated flood of status calls costs Redis nothing.
 */
@Singleton
public class StatusService {
    private static final Logger LOG = Logger.getLogger(StatusService.class);
    private static final List<String> SEVERITY = List.of("closed", "half_open", "open");
    static final Duration FRESH_FOR = Duration.ofSeconds(1);
    /** A report its replica has not refreshed for this long is ignored (the replica is gone). */
    static final Duration STALE_AFTER = Duration.ofSeconds(15);

    private final RedisClient redis;
    private final RedisKeys keys;
    private final Catalog catalog;
    private final ProxyClient proxy;
    private final ObjectMapper mapper;
    private final AtomicReference<Uni<ObjectNode>> refreshing = new AtomicReference<>();
    private volatile Snapshot snapshot;

    public StatusService(RedisClient redis, RedisKeys keys, Catalog catalog, ProxyClient proxy, ObjectMapper mapper) {
        this.redis = redis;
        this.keys = keys;
        this.catalog = catalog;
        this.proxy = proxy;
        this.mapper = mapper;
    }

    /** The merged view, at most {@link #FRESH_FOR} old: one Redis command per second per replica, whatever load. */
    public Uni<ObjectNode> status(String requestId) {
        Snapshot last = snapshot;
        if (last != null && System.nanoTime() - last.takenAtNanos() < FRESH_FOR.toNanos()) {
            return Uni.createFrom().item(last.data());
        }
        return refreshing.updateAndGet(current -> current != null ? current : reports(requestId).map(this::merge)
                .invoke(data -> snapshot = new Snapshot(data, System.nanoTime()))
                .onTermination().invoke(() -> refreshing.set(null))
                .memoize().indefinitely());
    }

    private record Snapshot(ObjectNode data, long takenAtNanos) {
    }

    /**
     * Whether the last view taken (no more than {@link #STALE_AFTER} ago; none is fetched here) shows the platform's
     * breaker open: a request that accepts stale data is then answered from the cache without a debit.
     */
    public boolean knownOpen(String platform) {
        Snapshot last = snapshot;
        return last != null && System.nanoTime() - last.takenAtNanos() < STALE_AFTER.toNanos()
                && "open".equals(last.data().path("platforms").path(platform).path("state").asText());
    }

    /** Every proxy replica's report from the one hash they publish into; the proxy itself when none is fresh. */
    private Uni<List<JsonNode>> reports(String requestId) {
        RedisOp<List<JsonNode>> all = RedisOp.read(Request.cmd(Command.HGETALL).arg(keys.proxyBreakers()),
                this::freshReports);
        return redis.send(all).chain(found -> found.isEmpty() ? fromProxy(requestId) : Uni.createFrom().item(found));
    }

    /** HGETALL's reply (a map in RESP3, a flat field/value array in RESP2): the reports not older than 15 s. */
    private List<JsonNode> freshReports(Response hash) {
        List<JsonNode> reports = new ArrayList<>();
        if (hash == null) {
            return reports;
        }
        List<String> values = new ArrayList<>();
        if (hash.type() == ResponseType.MULTI && !hash.getKeys().isEmpty()) {
            hash.getKeys().forEach(field -> values.add(hash.get(field).toString()));
        }
        Instant oldest = Instant.now().minus(STALE_AFTER);
        for (String json : values) {
            int before = reports.size();
            parse(json, reports);
            if (reports.size() > before) {
                String updated = reports.get(before).path("updated_at").asText("");
                if (updated.isEmpty() || Instant.parse(updated).isBefore(oldest)) {
                    reports.remove(before);
                }
            }
        }
        return reports;
    }

    private Uni<List<JsonNode>> fromProxy(String requestId) {
        return proxy.status(requestId).map(body -> {
            List<JsonNode> reports = new ArrayList<>();
            body.ifPresent(json -> parse(json, reports));
            return reports;
        }).onFailure().recoverWithItem(e -> {
            LOG.warnf("No breaker report in Redis and the proxy did not answer: %s", String.valueOf(e));
            return List.of();
        });
    }

    private void parse(String json, List<JsonNode> into) {
        try {
            into.add(mapper.readTree(json));
        } catch (java.io.IOException e) {
            LOG.warn("Ignoring an unreadable breaker report");
        }
    }

    private ObjectNode merge(List<JsonNode> reports) {
        Map<String, ObjectNode> states = new LinkedHashMap<>();
        for (Platform p : catalog.platforms()) {
            ObjectNode closed = mapper.createObjectNode().put("state", "closed");
            states.put(p.name(), closed);
        }
        for (JsonNode report : reports) {
            report.path("platforms").properties().forEach(e -> {
                ObjectNode current = states.get(e.getKey());
                if (current == null) {
                    return;
                }
                String state = e.getValue().path("state").asText("closed");
                int rank = SEVERITY.indexOf(state);
                int currentRank = SEVERITY.indexOf(current.path("state").asText());
                if (rank > currentRank) {
                    current.put("state", state);
                    current.remove("retry_after_seconds");
                }
                if (rank >= currentRank && "open".equals(state) && e.getValue().has("retry_after_seconds")) {
                    long retry = e.getValue().path("retry_after_seconds").asLong();
                    current.put("retry_after_seconds", Math.max(retry, current.path("retry_after_seconds").asLong(0)));
                }
            });
        }
        ObjectNode data = mapper.createObjectNode();
        ObjectNode platforms = data.putObject("platforms");
        states.forEach(platforms::set);
        return data;
    }
}
