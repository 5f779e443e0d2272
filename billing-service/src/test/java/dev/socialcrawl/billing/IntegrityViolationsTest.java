package dev.socialcrawl.billing;

import static dev.socialcrawl.billing.Api.admin;
import static dev.socialcrawl.billing.Api.internal;
import static dev.socialcrawl.billing.Api.rid;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The integrity check reports what the constraints would never let the service write. The damage is planted
 * with triggers switched off (session_replication_role = replica) and repaired the same way afterwards.
 */
@QuarkusTest
@QuarkusTestResource(value = FreshDatabaseResource.class, restrictToAnnotatedClass = false)
class IntegrityViolationsTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Scheduler scheduler;

    @Test
    void aTamperedBalanceAndAnOrphanRefundAreReportedByAccountAndRepairedToZero() throws Exception {
        long account = Api.newAccount();
        long bonusEntry = admin().get("/ledger/accounts/" + account + "/entries").jsonPath().getLong("items[0].id");
        try {
            raw("UPDATE accounts SET balance = balance + 8 WHERE id = " + account,
                    "INSERT INTO ledger_entries (id, account_id, type, amount, balance_after, request_id, refund_of)"
                            + " VALUES (-" + account + ", " + account + ", 'refund', 7, 107, 'orphan-" + account + "', "
                            + bonusEntry + ")");
            admin().get("/ledger/integrity").then().statusCode(200)
                    .body("violations", equalTo(1 + 1))
                    .body("details.kind", hasItem("refund_without_debit"))
                    .body("details.kind", hasItem("balance_mismatch"))
                    .body("details.findAll { it.account_id == " + account + " }", hasSize(2));
        } finally {
            raw("DELETE FROM ledger_entries WHERE id = -" + account,
                    "UPDATE accounts SET balance = balance - 8 WHERE id = " + account);
        }
        admin().get("/ledger/integrity").then().body("violations", equalTo(0));
    }

    @Test
    void aDebitLeftUnresolvedPastTheSweeperBoundIsReported() throws Exception {
        long account = Api.newAccount();
        String id = rid();
        scheduler.pause("billing-sweeper");
        try {
            Api.debit(id, account, 2);
            // made an hour ago, and billing was up for ten minutes after it (the bound counts uptime only)
            raw("UPDATE pending_debits SET created_at = now() - interval '1 hour' WHERE request_id = '" + id + "'",
                    "INSERT INTO billing_uptime VALUES (now() - interval '1 hour', now() - interval '50 minutes')");
            admin().get("/ledger/integrity").then().statusCode(200)
                    .body("violations", equalTo(1))
                    .body("details[0].kind", equalTo("unresolved_debit"))
                    .body("details[0].account_id", equalTo((int) account));
        } finally {
            internal().body(Map.of("request_id", id)).post("/internal/refunds");
            raw("DELETE FROM billing_uptime WHERE started_at = ended_at - interval '10 minutes'");
            scheduler.resume("billing-sweeper");
        }
        admin().get("/ledger/integrity").then().body("violations", equalTo(0));
    }

    @Test
    void aVoidBesideADebitAndARefundOfASettledDebitAreReported() throws Exception {
        long account = Api.newAccount();
        String voided = rid();
        String settled = rid();
        Api.debit(voided, account, 1);
        Api.debit(settled, account, 2);
        internal().body(Map.of("request_ids", List.of(voided, settled))).post("/internal/settlements").then()
                .statusCode(200);
        long settledEntry = admin().get("/ledger/requests/" + settled).jsonPath().getLong("items[0].id");
        try {
            raw("INSERT INTO pending_debits (request_id, voided) VALUES ('" + voided + "', true)",
                    "INSERT INTO ledger_entries (id, account_id, type, amount, balance_after, request_id, endpoint,"
                            + " refund_of) VALUES (-" + account + ", " + account + ", 'refund', 2, 99, '" + settled
                            + "', '/v1/tiktok/profile', " + settledEntry + ")");
            admin().get("/ledger/integrity").then().statusCode(200)
                    .body("violations", equalTo(3))
                    .body("details.kind", hasItem("voided_debit"))
                    .body("details.kind", hasItem("settled_debit_refunded"))
                    .body("details.kind", hasItem("balance_mismatch"))
                    .body("details.findAll { it.account_id == " + account + " }", hasSize(3));
        } finally {
            raw("DELETE FROM pending_debits WHERE request_id = '" + voided + "'",
                    "DELETE FROM ledger_entries WHERE id = -" + account);
        }
        admin().get("/ledger/integrity").then().body("violations", equalTo(0));
    }

    private void raw(String... statements) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET session_replication_role = replica");
            try {
                for (String sql : statements) {
                    s.execute(sql);
                }
            } finally {
                s.execute("SET session_replication_role = DEFAULT");
            }
        }
    }
}
