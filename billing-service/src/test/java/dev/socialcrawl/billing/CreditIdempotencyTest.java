package dev.socialcrawl.billing;

import static dev.socialcrawl.billing.Api.admin;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * {@code POST /admin/accounts/{id}/credits} with an {@code Idempotency-Key}: a retry is written once and answers
 * with the first entry; another body under the key is a 422; the database's primary key decides a race.
 */
@QuarkusTest
@QuarkusTestResource(value = FreshDatabaseResource.class, restrictToAnnotatedClass = false)
class CreditIdempotencyTest {
    private static final Map<String, Object> TOP_UP = Map.of("amount", 250, "type", "topup", "note", "invoice 77");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aRetriedTopUpIsWrittenOnceAndAnswersWithTheFirstEntry() {
        long account = Api.newAccount();
        String key = "5b0f6c1e-2f7a-4c1d-9d7e-" + Api.rid().substring(4, 16);
        Response first = credit(account, key, TOP_UP);
        first.then().statusCode(201).body("balance_after", equalTo(350)).header("X-Idempotent-Replay", nullValue());
        Response again = credit(account, key, TOP_UP);
        again.then().statusCode(200).header("X-Idempotent-Replay", "true");
        assertEquals(first.jsonPath().getMap(""), again.jsonPath().getMap(""), "the same entry");
        assertEquals(350, Api.balance(account), "credited once");
        admin().queryParam("type", "topup").get("/ledger/accounts/" + account + "/entries").then().body("items.size()", equalTo(1));
    }

    @Test
    void theSameKeyWithAnotherBodyOrAnotherAccountIsA422AndWritesNothing() {
        long account = Api.newAccount();
        long other = Api.newAccount();
        String key = "topup-key-" + Api.rid();
        credit(account, key, TOP_UP).then().statusCode(201);
        for (Map<String, Object> body : List.of(Map.<String, Object>of("amount", 251, "type", "topup", "note", "invoice 77"),
                Map.<String, Object>of("amount", 250, "type", "bonus", "note", "invoice 77"),
                Map.<String, Object>of("amount", 250, "type", "topup", "note", "invoice 78"),
                Map.<String, Object>of("amount", 250, "type", "topup"))) {
            credit(account, key, body).then().statusCode(422)
                    .body("error.type", equalTo("IDEMPOTENCY_KEY_PAYLOAD_MISMATCH"))
                    .body("error.status", equalTo(422));
        }
        credit(other, key, TOP_UP).then().statusCode(422).body("error.type", equalTo("IDEMPOTENCY_KEY_PAYLOAD_MISMATCH"));
        assertEquals(350, Api.balance(account));
        assertEquals(100, Api.balance(other));
    }

    @Test
    void aKeyThatIsTooShortTooLongOrNotPrintableAsciiIsA400() {
        long account = Api.newAccount();
        for (String key : List.of("short", "x".repeat(256), "é".repeat(20))) {
            credit(account, key, TOP_UP).then().statusCode(400)
                    .body("error.message", equalTo("Header 'Idempotency-Key' must be 16 to 255 printable ASCII characters (a UUIDv4 is recommended)."));
        }
        assertEquals(100, Api.balance(account));
    }

    @Test
    void twoRetriesArrivingTogetherAreWrittenOnce() throws Exception {
        long account = Api.newAccount();
        String key = "concurrent-key-" + Api.rid();
        ExecutorService clients = Executors.newFixedThreadPool(2);
        List<Response> answers;
        try (Database.OpenTransaction lock = new Database.OpenTransaction(dataSource).lockAccount(account)) {
            List<CompletableFuture<Response>> calls = Stream.generate(
                    () -> CompletableFuture.supplyAsync(() -> credit(account, key, TOP_UP), clients)).limit(2).toList();
            awaitWaiting(2, "from accounts"); // both wait for the account's row lock: their key checks come after it
            lock.commit();
            answers = calls.stream().map(CompletableFuture::join).toList();
        } finally {
            clients.shutdown();
        }
        assertEquals(List.of(200, 201), answers.stream().map(Response::statusCode).sorted().toList());
        assertEquals(350, Api.balance(account));
    }

    @Test
    void aRaceOnOneKeyAcrossTwoAccountsIsDecidedByThePrimaryKey() throws Exception {
        long account = Api.newAccount();
        long winner = Api.newAccount();
        String key = "raced-key-" + Api.rid();
        long winnersEntry = Database.count(dataSource, "SELECT max(id) FROM ledger_entries WHERE account_id = " + winner);
        try (Database.OpenTransaction other = new Database.OpenTransaction(dataSource)
                .execute("INSERT INTO credit_requests (idempotency_key, entry_id, created_at) VALUES ('" + key + "', "
                        + winnersEntry + ", now())")) {
            CompletableFuture<Response> call = CompletableFuture.supplyAsync(() -> credit(account, key, TOP_UP));
            awaitWaiting(1, "credit_requests"); // its key check saw nothing; its insert waits for ours
            other.commit();
            call.join().then().statusCode(422).body("error.type", equalTo("IDEMPOTENCY_KEY_PAYLOAD_MISMATCH"));
        }
        assertEquals(100, Api.balance(account), "the loser's entry was rolled back with its key");
    }

    private void awaitWaiting(int statements, String sqlFragment) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> waiting(sqlFragment) >= statements);
    }

    private long waiting(String sqlFragment) throws SQLException {
        return Database.count(dataSource, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND wait_event_type = 'Lock' AND pid <> pg_backend_pid() AND query ILIKE '%" + sqlFragment + "%'");
    }

    private static Response credit(long account, String key, Map<String, Object> body) {
        return admin().header("Idempotency-Key", key).body(body).post("/admin/accounts/" + account + "/credits");
    }
}
