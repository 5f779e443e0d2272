package dev.socialcrawl.gateway.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.socialcrawl.gateway.redis.Hashing;

/**
 * billing-service's internal API as docs/internal-api.md fixes it, with an in-memory ledger: debits, refunds and
 * settlements idempotent on request id, the exact 402 message, key lookup by hash. Tests add accounts and keys,
 * read the ledger per request id, and can make refunds (or everything) fail as if billing were down.
 */
public final class FakeBilling {
    public static final String TOKEN = "test-internal-token";
    private static final Pattern KEY_PATH = Pattern.compile("/internal/keys/([^/]+)");
    private static final Pattern BALANCE_PATH = Pattern.compile("/internal/accounts/(\\d+)/balance");
    private static final Pattern CURRENT_BALANCE_PATH = Pattern.compile("/internal/accounts/(\\d+)/current-balance");
    private static final Pattern ACTIVITY_PATH = Pattern.compile("/internal/accounts/(\\d+)/activity");
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Key(long accountId, long keyId, String status, Instant expiresAt) {
    }

    public record Debit(long accountId, long amount, String endpoint) {
    }

    private final HttpServer server;
    private final AtomicLong ids = new AtomicLong(1000);
    private final Map<Long, AtomicLong> balances = new ConcurrentHashMap<>();
    private final Map<String, Key> keys = new ConcurrentHashMap<>();
    private final Map<String, Debit> debits = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> debitCalls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> refundsWritten = new ConcurrentHashMap<>();
    private final Map<String, Boolean> settled = new ConcurrentHashMap<>();
    private final Map<String, String> debitRequestIdHeaders = new ConcurrentHashMap<>();
    private final AtomicInteger keyLookups = new AtomicInteger();
    private final Map<Long, AtomicInteger> balanceReads = new ConcurrentHashMap<>();
    private final Map<Long, AtomicInteger> currentBalanceReads = new ConcurrentHashMap<>();
    private final AtomicInteger settlementCalls = new AtomicInteger();
    private final AtomicBoolean refundsFail = new AtomicBoolean();
    private final AtomicBoolean down = new AtomicBoolean();
    private final java.util.Set<Long> garbled = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> settlementsReceived = new ConcurrentHashMap<>();
    private final Map<Long, String> activityQueries = new ConcurrentHashMap<>();

    FakeBilling() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/internal/", this::handle);
        server.createContext("/dashboard", this::dashboard);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public long createAccount(long balance) {
        long id = ids.incrementAndGet();
        balances.put(id, new AtomicLong(balance));
        return id;
    }

    /** A new active key of that account; the plain key is returned, billing keeps only its hash. */
    public String createKey(long accountId, Instant expiresAt) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String key = "sc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        keys.put(Hashing.sha256Hex(key), new Key(accountId, ids.incrementAndGet(), "active", expiresAt));
        return key;
    }

    public String createKey(long accountId) {
        return createKey(accountId, null);
    }

    /** Billing's side of a revoke; the caller also writes the Redis marker and publishes, as billing does. */
    public void markRevoked(String key) {
        String hash = Hashing.sha256Hex(key);
        keys.computeIfPresent(hash, (h, k) -> new Key(k.accountId(), k.keyId(), "revoked", k.expiresAt()));
    }

    public long balance(long accountId) {
        return balances.get(accountId).get();
    }

    public Debit debit(String requestId) {
        return debits.get(requestId);
    }

    /** Debit calls that wrote a ledger row for this request id (replays not counted). */
    public int debitsWritten(String requestId) {
        return countOf(debitCalls, requestId);
    }

    public long debitsOfAccount(long accountId) {
        return debits.values().stream().filter(d -> d.accountId() == accountId).count();
    }

    /** The X-Request-Id header the debit of this request id came with. */
    public String debitRequestIdHeader(String requestId) {
        return debitRequestIdHeaders.get(requestId);
    }

    public int refundsWritten(String requestId) {
        return countOf(refundsWritten, requestId);
    }

    private static <K> int countOf(Map<K, AtomicInteger> counts, K key) {
        AtomicInteger n = counts.get(key);
        return n == null ? 0 : n.get();
    }

    public boolean settled(String requestId) {
        return settled.containsKey(requestId);
    }

    /** Calls of {@code /internal/accounts/{id}/balance} (balance and recent deductions) for the account. */
    public int balanceReads(long accountId) {
        return countOf(balanceReads, accountId);
    }

    /** Calls of {@code /internal/accounts/{id}/current-balance} for the account. */
    public int currentBalanceReads(long accountId) {
        return countOf(currentBalanceReads, accountId);
    }

    /** How often billing answered a settlement call that named this request id (debited or not). */
    public int settlementsReceived(String requestId) {
        AtomicInteger n = settlementsReceived.get(requestId);
        return n == null ? 0 : n.get();
    }

    /** The raw query of the last activity page asked for this account. */
    public String lastActivityQuery(long accountId) {
        return activityQueries.get(accountId);
    }

    /** Calls of POST /internal/settlements, answered or not. */
    public int settlementCalls() {
        return settlementCalls.get();
    }

    public int keyLookups() {
        return keyLookups.get();
    }

    public void refundsFail(boolean fail) {
        refundsFail.set(fail);
    }

    /** Debits of this account are answered 200 with a body that is not JSON (a bug's stack trace text). */
    public void debitsAnswerGarbage(long accountId) {
        garbled.add(accountId);
    }

    public void down(boolean isDown) {
        down.set(isDown);
    }

    /** Stands in for billing's dashboard: echoes what reached it, and answers a POST with a redirect and cookies. */
    private void dashboard(HttpExchange ex) throws IOException {
        try (ex) {
            if (down.get()) {
                JsonHttp.send(ex, 503, JsonHttp.envelope("SERVICE_UNAVAILABLE", "down", 503, null), Map.of());
                return;
            }
            Map<String, Object> echo = new LinkedHashMap<>();
            echo.put("method", ex.getRequestMethod());
            echo.put("uri", ex.getRequestURI().toString());
            echo.put("body", new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            echo.put("headers", headers);
            byte[] body = JsonHttp.MAPPER.writeValueAsBytes(echo);
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=UTF-8");
            if ("POST".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().add("Set-Cookie", "session=abc; Path=/dashboard; HttpOnly");
                ex.getResponseHeaders().add("Set-Cookie", "flash=signed-in; Path=/dashboard");
                ex.getResponseHeaders().set("Location", "/dashboard/overview");
                ex.sendResponseHeaders(303, body.length);
            } else {
                ex.sendResponseHeaders(200, body.length);
            }
            ex.getResponseBody().write(body);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            if (!TOKEN.equals(ex.getRequestHeaders().getFirst("X-Internal-Token"))) {
                JsonHttp.send(ex, 401, JsonHttp.envelope("INVALID_API_KEY",
                        "Missing or invalid internal service token.", 401, null), Map.of());
                return;
            }
            if ("/internal/settlements".equals(ex.getRequestURI().getPath())) {
                settlementCalls.incrementAndGet();
            }
            if (down.get()) {
                JsonHttp.send(ex, 503, JsonHttp.envelope("SERVICE_UNAVAILABLE", "down", 503, null), Map.of());
                return;
            }
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            Matcher key = KEY_PATH.matcher(path);
            Matcher balance = BALANCE_PATH.matcher(path);
            Matcher current = CURRENT_BALANCE_PATH.matcher(path);
            Matcher activity = ACTIVITY_PATH.matcher(path);
            if ("GET".equals(method) && key.matches()) {
                keyLookup(ex, key.group(1));
            } else if ("GET".equals(method) && balance.matches()) {
                balanceOf(ex, Long.parseLong(balance.group(1)));
            } else if ("GET".equals(method) && activity.matches()) {
                long accountId = Long.parseLong(activity.group(1));
                String query = ex.getRequestURI().getRawQuery();
                activityQueries.put(accountId, query == null ? "" : query);
                if (query != null && query.contains("status=teapot")) {
                    JsonHttp.send(ex, 400, JsonHttp.envelope("INVALID_REQUEST",
                            "Parameter 'status' must be a status code or a class such as 4xx.", 400, null), Map.of());
                } else {
                    JsonHttp.send(ex, 200, "{\"items\":[{\"request_id\":\"req-from-billing-" + accountId
                            + "\",\"status\":200}],\"next_cursor\":\"c2\"}", Map.of());
                }
            } else if ("GET".equals(method) && current.matches()) {
                currentBalanceOf(ex, Long.parseLong(current.group(1)));
            } else if ("POST".equals(method) && path.equals("/internal/debits")) {
                debit(ex, JsonHttp.body(ex));
            } else if ("POST".equals(method) && path.equals("/internal/refunds")) {
                refund(ex, JsonHttp.body(ex));
            } else if ("POST".equals(method) && path.equals("/internal/settlements")) {
                JsonNode ids = JsonHttp.body(ex).path("request_ids");
                int n = 0;
                for (JsonNode id : ids) {
                    settlementsReceived.computeIfAbsent(id.asText(), k -> new AtomicInteger()).incrementAndGet();
                    if (debits.containsKey(id.asText()) && settled.putIfAbsent(id.asText(), true) == null) {
                        n++;
                    }
                }
                JsonHttp.send(ex, 200, Map.of("settled", n), Map.of());
            } else {
                JsonHttp.send(ex, 404, JsonHttp.envelope("ENDPOINT_NOT_FOUND", "no route", 404, null), Map.of());
            }
        } finally {
            ex.close();
        }
    }

    private void keyLookup(HttpExchange ex, String hash) throws IOException {
        keyLookups.incrementAndGet();
        Key k = keys.get(hash);
        if (k == null) {
            JsonHttp.send(ex, 404, JsonHttp.envelope("INVALID_API_KEY", "unknown key", 401, null), Map.of());
            return;
        }
        String status = k.status();
        if ("active".equals(status) && k.expiresAt() != null && !Instant.now().isBefore(k.expiresAt())) {
            status = "expired";
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("account_id", k.accountId());
        body.put("key_id", k.keyId());
        body.put("status", status);
        body.put("expires_at", k.expiresAt() == null ? null : k.expiresAt().toString());
        JsonHttp.send(ex, 200, body, Map.of());
    }

    /** Counts the read in {@code reads}; the account's balance, or {@code null} after answering 404. */
    private AtomicLong readBalance(HttpExchange ex, Map<Long, AtomicInteger> reads, long accountId) throws IOException {
        reads.computeIfAbsent(accountId, id -> new AtomicInteger()).incrementAndGet();
        AtomicLong b = balances.get(accountId);
        if (b == null) {
            JsonHttp.send(ex, 404, JsonHttp.envelope("RESOURCE_NOT_FOUND", "no account", 404, null), Map.of());
        }
        return b;
    }

    private void currentBalanceOf(HttpExchange ex, long accountId) throws IOException {
        AtomicLong b = readBalance(ex, currentBalanceReads, accountId);
        if (b == null) {
            return;
        }
        JsonHttp.send(ex, 200, Map.of("account_id", accountId, "balance", b.get()), Map.of());
    }

    private void balanceOf(HttpExchange ex, long accountId) throws IOException {
        AtomicLong b = readBalance(ex, balanceReads, accountId);
        if (b == null) {
            return;
        }
        long spent = debits.entrySet().stream()
                .filter(e -> e.getValue().accountId() == accountId && !refundsWritten.containsKey(e.getKey()))
                .mapToLong(e -> e.getValue().amount()).sum();
        JsonHttp.send(ex, 200, Map.of("account_id", accountId, "balance", b.get(),
                "recent_deductions", Map.of("last_24h", spent, "last_7d", spent)), Map.of());
    }

    private synchronized void debit(HttpExchange ex, JsonNode body) throws IOException {
        String requestId = body.path("request_id").asText();
        long accountId = body.path("account_id").asLong();
        long amount = body.path("amount").asLong();
        AtomicLong b = balances.get(accountId);
        if (b == null) {
            JsonHttp.send(ex, 404, JsonHttp.envelope("RESOURCE_NOT_FOUND", "no account", 404, null), Map.of());
            return;
        }
        if (garbled.contains(accountId)) {
            JsonHttp.send(ex, 200, "java.lang.IllegalStateException: simulated secret detail", Map.of());
            return;
        }
        if (debits.containsKey(requestId)) {
            JsonHttp.send(ex, 200, ledger(requestId, amount, b.get(), true), Map.of());
            return;
        }
        if (b.get() < amount) {
            JsonHttp.send(ex, 402, JsonHttp.envelope("INSUFFICIENT_CREDITS", "Your account has " + b.get()
                    + " credits remaining. This endpoint requires " + amount + " credits.", 402, b.get()), Map.of());
            return;
        }
        long after = b.addAndGet(-amount);
        String header = ex.getRequestHeaders().getFirst("X-Request-Id");
        debitRequestIdHeaders.put(requestId, header == null ? "" : header);
        debits.put(requestId, new Debit(accountId, amount, body.path("endpoint").asText()));
        debitCalls.computeIfAbsent(requestId, k -> new AtomicInteger()).incrementAndGet();
        JsonHttp.send(ex, 200, ledger(requestId, amount, after, false), Map.of());
    }

    private synchronized void refund(HttpExchange ex, JsonNode body) throws IOException {
        if (refundsFail.get()) {
            JsonHttp.send(ex, 503, JsonHttp.envelope("SERVICE_UNAVAILABLE", "refunds are down", 503, null), Map.of());
            return;
        }
        String requestId = body.path("request_id").asText();
        Debit d = debits.get(requestId);
        if (d == null) {
            JsonHttp.send(ex, 404, JsonHttp.envelope("RESOURCE_NOT_FOUND", "no debit", 404, null), Map.of());
            return;
        }
        AtomicLong b = balances.get(d.accountId());
        if (refundsWritten.containsKey(requestId)) {
            JsonHttp.send(ex, 200, ledger(requestId, d.amount(), b.get(), true), Map.of());
            return;
        }
        refundsWritten.computeIfAbsent(requestId, k -> new AtomicInteger()).incrementAndGet();
        JsonHttp.send(ex, 200, ledger(requestId, d.amount(), b.addAndGet(d.amount()), false), Map.of());
    }

    private static Map<String, Object> ledger(String requestId, long amount, long balance, boolean replayed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("request_id", requestId);
        m.put("amount", amount);
        m.put("balance", balance);
        m.put("replayed", replayed);
        return m;
    }

    public List<String> requestIdsOf(long accountId) {
        return debits.entrySet().stream().filter(e -> e.getValue().accountId() == accountId).map(Map.Entry::getKey)
                .toList();
    }

    void stop() {
        server.stop(0);
    }
}
