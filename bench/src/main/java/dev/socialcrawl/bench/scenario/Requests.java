package dev.socialcrawl.bench.scenario;

import dev.socialcrawl.bench.load.RequestSpec;
import dev.socialcrawl.bench.load.RequestSupplier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The request shapes of the scenarios. Every paid request gets a handle no earlier request used, so it misses
 * the cache; the fake upstream reads its latency from the handle's {@code w<millis>_} prefix.
 */
final class Requests {

    /** A standard-tier (1 credit) PostList endpoint whose only required parameter is {@code handle}. */
    static final String ENDPOINT = "/v1/tiktok/user/following";
    static final String HOST = "127.0.0.1";

    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final AtomicLong unique = new AtomicLong();
    /** Request ids of the direct billing debits handed out and not yet given to {@link #takeDebitIds}. */
    private final List<String> debitIds = new ArrayList<>();

    /** Any path on the bare loopback server. */
    RequestSupplier bare(int port) {
        RequestSpec fixed = RequestSpec.get(HOST, port, ENDPOINT + "?handle=bare", Map.of());
        return seq -> fixed;
    }

    /** The fake upstream called directly, the way the proxy calls it. */
    RequestSupplier upstreamDirect(int port, int latencyMs) {
        return seq -> RequestSpec.get(HOST, port, ENDPOINT + "?handle=" + handle(latencyMs),
                Map.of("x-api-key", "bench-upstream-key"));
    }

    /** The same URL every time: after one priming request, every answer is a cache hit. */
    RequestSupplier cacheHit(int gatewayPort, List<String> apiKeys) {
        String uri = cacheHitUri();
        return seq -> RequestSpec.get(HOST, gatewayPort, uri, Map.of("x-api-key", apiKeys.get((int) (seq % apiKeys.size()))));
    }

    String cacheHitUri() {
        return ENDPOINT + "?handle=w0_" + run + "_hot";
    }

    /** A fresh handle per request: debit, proxy, upstream, settle. Keys rotate to stay under the per-key limit. */
    RequestSupplier paid(int gatewayPort, List<String> apiKeys, int latencyMs) {
        return seq -> RequestSpec.get(HOST, gatewayPort, ENDPOINT + "?handle=" + handle(latencyMs),
                Map.of("x-api-key", apiKeys.get((int) (seq % apiKeys.size()))));
    }

    /** The {@code i}-th (idempotency key, URL, API key) triple of the replay scenario. */
    RequestSpec keyed(int gatewayPort, List<String> apiKeys, int i) {
        return RequestSpec.get(HOST, gatewayPort, ENDPOINT + "?handle=w0_" + run + "_idem" + i,
                Map.of("x-api-key", apiKeys.get(i % apiKeys.size()), "Idempotency-Key", "bench-idem-" + run + "-" + i));
    }

    RequestSupplier replays(int gatewayPort, List<String> apiKeys, int keys) {
        return replays(gatewayPort, apiKeys, 0, keys);
    }

    /** The keyed requests {@code from … from + keys − 1} in turn: the first round stores, later rounds replay. */
    RequestSupplier replays(int gatewayPort, List<String> apiKeys, int from, int keys) {
        List<RequestSpec> all = java.util.stream.IntStream.range(from, from + keys)
                .mapToObj(i -> keyed(gatewayPort, apiKeys, i)).toList();
        return seq -> all.get((int) (seq % keys));
    }

    /** Request {@code i} comes from part {@code i % n}, as that part's request {@code i / n}. */
    static RequestSupplier interleave(List<RequestSupplier> parts) {
        List<RequestSupplier> all = List.copyOf(parts);
        return seq -> all.get((int) (seq % all.size())).next(seq / all.size());
    }

    /** Billing debits of 1 credit with a fresh request id, round-robin over the given accounts. */
    RequestSupplier debits(int billingPort, String internalToken, List<Long> accounts) {
        return seq -> {
            String id = requestId();
            synchronized (debitIds) {
                debitIds.add(id);
            }
            return RequestSpec.postJson(HOST, billingPort, "/internal/debits", Map.of("X-Internal-Token", internalToken),
                    "{\"request_id\":\"" + id + "\",\"account_id\":" + accounts.get((int) (seq % accounts.size()))
                            + ",\"amount\":1,\"endpoint\":\"" + ENDPOINT + "\"}");
        };
    }

    /**
     * The direct debits' request ids handed out since the last call. No gateway settles these debits, so the
     * harness does (as the gateway's outbox would for served requests): else billing's sweeper refunds them five
     * minutes later, in the middle of later scenarios, and the integrity check counts those it has not reached.
     */
    List<String> takeDebitIds() {
        synchronized (debitIds) {
            List<String> taken = List.copyOf(debitIds);
            debitIds.clear();
            return taken;
        }
    }

    private String handle(int latencyMs) {
        return "w" + latencyMs + "_" + run + "_" + unique.incrementAndGet();
    }

    private String requestId() {
        return String.format("req-bench%s%015d", run, unique.incrementAndGet());
    }
}
