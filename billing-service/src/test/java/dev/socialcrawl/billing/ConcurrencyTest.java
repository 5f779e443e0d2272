package dev.socialcrawl.billing;

import static dev.socialcrawl.billing.Api.admin;
import static dev.socialcrawl.billing.Api.rid;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Many real HTTP calls released at once against one account; the database decides, never a Java lock. */
@QuarkusTest
@QuarkusTestResource(value = FreshDatabaseResource.class, restrictToAnnotatedClass = false)
class ConcurrencyTest {
    private static final int THREADS = 64;

    @TestHTTPResource("/")
    URL base;

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private ExecutorService pool;

    @BeforeEach
    void startPool() {
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void twoHundredParallelDebitsOfOneOnAHundredCreditAccountSucceedExactlyAHundredTimes() throws Exception {
        long account = Api.newAccount();
        List<Integer> statuses = inParallel(200, i -> post("/internal/debits",
                "{\"request_id\":\"" + rid() + "\",\"account_id\":" + account + ",\"amount\":1,\"endpoint\":\"/v1/x/y\"}"));

        Map<Integer, Long> counts = statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertEquals(Map.of(200, 100L, 402, 100L), counts);
        assertEquals(0, Api.balance(account));
        assertIntegrityClean();
    }

    @Test
    void fiftyParallelRefundsOfOneRequestWriteExactlyOneRefundEntry() throws Exception {
        long account = Api.newAccount();
        String id = rid();
        Api.debit(id, account, 7);
        List<Integer> statuses = inParallel(50, i -> post("/internal/refunds", "{\"request_id\":\"" + id + "\"}"));

        assertEquals(List.of(200), statuses.stream().distinct().toList());
        admin().get("/ledger/requests/" + id).then().statusCode(200)
                .body("items", hasSize(2))
                .body("items.findAll { it.type == 'refund' }", hasSize(1));
        assertEquals(100, Api.balance(account));
        assertIntegrityClean();
    }

    @Test
    void concurrentDuplicateDebitsWithOneRequestIdWriteOneEntry() throws Exception {
        long account = Api.newAccount();
        String id = rid();
        String body = "{\"request_id\":\"" + id + "\",\"account_id\":" + account + ",\"amount\":4,\"endpoint\":\"/v1/x/y\"}";
        List<Integer> statuses = inParallel(40, i -> post("/internal/debits", body));

        assertEquals(List.of(200), statuses.stream().distinct().toList());
        admin().get("/ledger/requests/" + id).then().statusCode(200).body("items", hasSize(1));
        assertEquals(96, Api.balance(account));
        assertIntegrityClean();
    }

    @Test
    void parallelDebitsOfOneHotAccountShareTransactionsAndEachKeepsItsOwnOutcome() throws Exception {
        long account = Api.accountWith(1000);
        List<Integer> statuses = inParallel(150, i -> post("/internal/debits",
                "{\"request_id\":\"" + rid() + "\",\"account_id\":" + account + ",\"amount\":3,\"endpoint\":\"/v1/x/y\"}"));

        assertEquals(List.of(200), statuses.stream().distinct().toList());
        assertEquals(1000 - 150 * 3, Api.balance(account));
        try (java.sql.Connection c = dataSource.getConnection();
                java.sql.PreparedStatement ps = c.prepareStatement("SELECT count(*), count(DISTINCT xmin::text)"
                        + " FROM ledger_entries WHERE account_id = ? AND type = 'debit'")) {
            ps.setLong(1, account);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(150, rs.getLong(1), "one entry per debit");
                long transactions = rs.getLong(2);
                org.junit.jupiter.api.Assertions.assertTrue(transactions < 150,
                        "150 simultaneous debits of one account went into " + transactions + " transactions");
            }
        }
        assertIntegrityClean();
    }

    @Test
    void parallelDebitsOfSeveralAccountsShareTransactionsAndEachAccountKeepsItsOwnBalance() throws Exception {
        List<Long> accounts = List.of(Api.accountWith(1000), Api.newAccount(), Api.accountWith(500), Api.newAccount());
        List<Integer> statuses = inParallel(240, i -> post("/internal/debits", "{\"request_id\":\"" + rid()
                + "\",\"account_id\":" + accounts.get(i % 4) + ",\"amount\":2,\"endpoint\":\"/v1/x/y\"}"));

        // 60 debits of 2 each: the 100-credit accounts pay 50 of them and refuse 10, the others pay all 60
        Map<Integer, Long> counts = statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertEquals(Map.of(200, 220L, 402, 20L), counts);
        assertEquals(List.of(880L, 0L, 380L, 0L), accounts.stream().map(Api::balance).toList());
        try (java.sql.Connection c = dataSource.getConnection();
                java.sql.PreparedStatement ps = c.prepareStatement("SELECT xmin::text FROM ledger_entries"
                        + " WHERE type = 'debit' AND account_id = ANY (?) GROUP BY 1 HAVING count(DISTINCT account_id) > 1")) {
            ps.setArray(1, c.createArrayOf("bigint", accounts.toArray()));
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                org.junit.jupiter.api.Assertions.assertTrue(rs.next(), "no transaction carried debits of two accounts");
            }
        }
        assertIntegrityClean();
    }

    private static void assertIntegrityClean() {
        admin().get("/ledger/integrity").then().statusCode(200)
                .body("violations", equalTo(0))
                .body("details", hasSize(0));
    }

    private int post(String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Internal-Token", Api.INTERNAL_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Runs {@code n} calls that all wait on one latch, so they hit the service together. */
    private List<Integer> inParallel(int n, ThrowingCall call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            Callable<Integer> task = () -> {
                start.await();
                return call.apply(index);
            };
            futures.add(pool.submit(task));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : futures) {
            statuses.add(f.get());
        }
        return statuses;
    }

    @FunctionalInterface
    private interface ThrowingCall {
        int apply(int index) throws Exception;
    }

}
