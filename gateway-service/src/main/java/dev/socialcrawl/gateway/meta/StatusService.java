package dev.socialcrawl.gateway.meta;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import dev.socialcrawl.catalog.Catalog;
import dev.socialcrawl.catalog.Platform;
import dev.socialcrawl.gateway.proxy.ProxyClient;
import dev.socialcrawl.gateway.redis.RedisClient;
import dev.socialcrawl.gateway.redis.RedisKeys;
import dev.socialcrawl.gateway.redis.RedisOp;

/**
 * Breaker states of every catalogue platform across all proxy replicas, from their {@code {p}proxy-breakers:*}
 * keys: open anywhere is open, then half-open, else closed; no data at all falls back to {@code /proxy/status}.
 */
@Singleton
public class StatusService {
    private static final Logger LOG = Logger.getLogger(StatusService.class);
    private static final List<String> SEVERITY = List.of("closed", "half_open", "open");

    private final RedisClient redis;
    private final RedisKeys keys;
    private final Catalog catalog;
    private final ProxyClient proxy;
    private final ObjectMapper mapper;

    public StatusService(RedisClient redis, RedisKeys keys, Catalog catalog, ProxyClient proxy, ObjectMapper mapper) {
        this.redis = redis;
        this.keys = keys;
        this.catalog = catalog;
        this.proxy = proxy;
        this.mapper = mapper;
    }

    public Uni<ObjectNode> status(String requestId) {
        return scan("0", new ArrayList<>()).chain(found -> {
            if (found.isEmpty()) {
                return fromProxy(requestId);
            }
            Request mget = Request.cmd(Command.MGET);
            found.forEach(mget::arg);
            return redis.send(new RedisOp<>(mget, values -> {
                List<JsonNode> reports = new ArrayList<>();
                values.forEach(v -> {
                    if (v != null) {
                        parse(v.toString(), reports);
                    }
                });
                return reports;
            }));
        }).map(this::merge);
    }

    private Uni<List<String>> scan(String cursor, List<String> found) {
        Request scan = Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(keys.proxyBreakersPattern())
                .arg("COUNT").arg(200);
        return redis.send(new RedisOp<>(scan, (Response r) -> r)).chain(r -> {
            r.get(1).forEach(k -> found.add(k.toString()));
            String next = r.get(0).toString();
            return "0".equals(next) ? Uni.createFrom().item(found) : scan(next, found);
        });
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
