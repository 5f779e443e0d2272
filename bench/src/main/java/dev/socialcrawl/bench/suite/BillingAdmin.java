package dev.socialcrawl.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * The billing admin and ledger calls the benchmark needs for its set-up and its integrity check
 * (docs/api.md#running-an-install), with the admin bearer token.
 */
public final class BillingAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** billing's upper bound per settlement call ({@code InternalChargeResource.MAX_SETTLE_BATCH}). */
    private static final int SETTLE_CHUNK = 500;
    private static final int SETTLE_IN_FLIGHT = 4;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String adminToken;

    public BillingAdmin(String base, String adminToken) {
        this.base = base;
        this.adminToken = adminToken;
    }

    /** An account with a top-up, and one API key for it. */
    public record Account(long id, String apiKey) {
    }

    /** Creates an account, tops it up by {@code credits} (when > 0) and, when asked, creates a key. */
    public Account createAccount(String name, long credits, boolean withKey) {
        return createAccountAsync(name, credits, withKey).join();
    }

    /** Creates {@code count} accounts, at most 16 set-up calls in flight. */
    public List<Account> createAccounts(String prefix, int count, long credits, boolean withKey) {
        Semaphore permits = new Semaphore(16);
        List<CompletableFuture<Account>> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            permits.acquireUninterruptibly();
            all.add(createAccountAsync(prefix + "-" + i, credits, withKey).whenComplete((a, e) -> permits.release()));
        }
        return all.stream().map(CompletableFuture::join).toList();
    }

    private CompletableFuture<Account> createAccountAsync(String name, long credits, boolean withKey) {
        return post("/admin/accounts", JSON.createObjectNode().put("name", name), 201)
                .thenCompose(account -> {
                    long id = account.path("id").asLong();
                    CompletableFuture<JsonNode> topUp = credits <= 0 ? CompletableFuture.completedFuture(null)
                            : post("/admin/accounts/" + id + "/credits", JSON.createObjectNode()
                                    .put("amount", credits).put("type", "topup").put("note", "benchmark"), 201);
                    return topUp.thenCompose(ignored -> withKey
                            ? post("/admin/accounts/" + id + "/keys", JSON.createObjectNode().put("name", "bench"), 201)
                                    .thenApply(key -> new Account(id, key.path("key").asText()))
                            : CompletableFuture.completedFuture(new Account(id, null)));
                });
    }

    /**
     * Settles the given debits with {@code POST /internal/settlements}, in chunks of the endpoint's maximum, a few
     * at a time; returns how many billing counted as settled (ids that were never debited count 0).
     */
    public long settle(List<String> requestIds, String internalToken) {
        List<CompletableFuture<Long>> chunks = new ArrayList<>();
        long settled = 0;
        for (int from = 0; from < requestIds.size(); from += SETTLE_CHUNK) {
            ArrayNode ids = JSON.createArrayNode();
            requestIds.subList(from, Math.min(requestIds.size(), from + SETTLE_CHUNK)).forEach(ids::add);
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/internal/settlements"))
                    .header("X-Internal-Token", internalToken)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofMinutes(1))
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().set("request_ids", ids).toString()))
                    .build();
            chunks.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .thenApply(r -> parse("POST /internal/settlements", r, 200).path("settled").asLong()));
            if (chunks.size() == SETTLE_IN_FLIGHT) {
                settled += chunks.remove(0).join();
            }
        }
        for (CompletableFuture<Long> chunk : chunks) {
            settled += chunk.join();
        }
        return settled;
    }

    /** {@code GET /ledger/integrity}: the whole answer ({@code violations}, {@code accounts_checked}, …). */
    public JsonNode integrity() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/ledger/integrity"))
                .header("Authorization", "Bearer " + adminToken)
                .timeout(Duration.ofMinutes(5))
                .GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> parse("GET /ledger/integrity", r, 200)).join();
    }

    private CompletableFuture<JsonNode> post(String path, JsonNode body, int expected) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> parse("POST " + path, r, expected));
    }

    private static JsonNode parse(String call, HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected && response.statusCode() != 200) {
            throw new IllegalStateException(call + " answered " + response.statusCode() + " (expected " + expected
                    + "): " + abbreviate(response.body()));
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(call + " answered a body that is not JSON: "
                    + abbreviate(response.body()), e);
        }
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
