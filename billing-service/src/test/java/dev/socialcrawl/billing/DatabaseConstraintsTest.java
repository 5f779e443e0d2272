package dev.socialcrawl.billing;

import static dev.socialcrawl.billing.Api.internal;
import static dev.socialcrawl.billing.Api.rid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The money invariants hold for raw SQL too, not only for the service's own code paths. */
@QuarkusTest
@QuarkusTestResource(value = FreshDatabaseResource.class, restrictToAnnotatedClass = false)
class DatabaseConstraintsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void ledgerEntriesCannotBeUpdatedDeletedOrTruncated() throws Exception {
        long account = Api.newAccount();
        assertRefused("UPDATE ledger_entries SET amount = 1000 WHERE account_id = " + account, "append-only");
        assertRefused("DELETE FROM ledger_entries WHERE account_id = " + account, "append-only");
        assertRefused("TRUNCATE ledger_entries CASCADE", "append-only");
        assertEquals(100, Api.balance(account));
    }

    @Test
    void aBalanceCannotBeWrittenDirectlyNorAnAccountCreatedWithCredits() throws Exception {
        long account = Api.newAccount();
        assertRefused("UPDATE accounts SET balance = 1000000 WHERE id = " + account, "only through ledger_entries");
        assertRefused("INSERT INTO accounts (name, balance) VALUES ('rich', 500)", "starts at balance 0");
        assertRefused("DELETE FROM accounts WHERE id = " + account, "never deleted");
        assertEquals(100, Api.balance(account));
    }

    @Test
    void noSessionSettingLiftsTheBalanceGuard() throws Exception {
        long account = Api.newAccount();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                s.execute("SELECT set_config('billing.ledger_write', 'on', true)");
                SQLException e = assertThrows(SQLException.class,
                        () -> s.execute("UPDATE accounts SET balance = 1000000 WHERE id = " + account));
                org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("only through ledger_entries"),
                        e.getMessage());
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
        assertEquals(100, Api.balance(account));
    }

    @Test
    void anOverdraftInsertFailsAtomically() throws Exception {
        long account = Api.newAccount();
        assertRefused("INSERT INTO ledger_entries (account_id, type, amount, balance_after, request_id, endpoint)"
                + " VALUES (" + account + ", 'debit', -101, 0, 'raw-1', '/v1/x')", "accounts_balance_not_negative");
        assertEquals(100, Api.balance(account));
    }

    @Test
    void aSecondRefundOfADebitFailsEvenInRawSql() throws Exception {
        long account = Api.newAccount();
        String id = rid();
        Api.debit(id, account, 5);
        internal().body(Map.of("request_id", id)).post("/internal/refunds").then().statusCode(200);
        long debitId = single("SELECT id FROM ledger_entries WHERE type = 'debit' AND request_id = '" + id + "'");
        assertRefused("INSERT INTO ledger_entries (account_id, type, amount, balance_after, request_id, endpoint, refund_of)"
                + " VALUES (" + account + ", 'refund', 5, 0, '" + id + "', '/v1/x', " + debitId + ")", "ledger_one_");
        assertEquals(100, Api.balance(account));
    }

    @Test
    void aSettledDebitCannotBeRefundedEvenInRawSqlAndSettlementsAreAppendOnly() throws Exception {
        long account = Api.newAccount();
        String id = rid();
        Api.debit(id, account, 5);
        internal().body(Map.of("request_ids", java.util.List.of(id))).post("/internal/settlements").then().statusCode(200);
        long debitId = single("SELECT id FROM ledger_entries WHERE type = 'debit' AND request_id = '" + id + "'");
        assertRefused("INSERT INTO ledger_entries (account_id, type, amount, balance_after, request_id, endpoint, refund_of)"
                + " VALUES (" + account + ", 'refund', 5, 0, '" + id + "', '/v1/x', " + debitId + ")",
                "would undo a settled debit");
        assertRefused("DELETE FROM debit_settlements WHERE debit_entry_id = " + debitId, "append-only");
        assertRefused("UPDATE debit_settlements SET settled_at = now() WHERE debit_entry_id = " + debitId, "append-only");
        assertEquals(95, Api.balance(account));
    }

    @Test
    void aRefundMustMatchItsDebitAndEntriesMustCarryTheRightSign() throws Exception {
        long account = Api.newAccount();
        String id = rid();
        Api.debit(id, account, 5);
        long debitId = single("SELECT id FROM ledger_entries WHERE type = 'debit' AND request_id = '" + id + "'");
        assertRefused("INSERT INTO ledger_entries (account_id, type, amount, balance_after, request_id, refund_of)"
                + " VALUES (" + account + ", 'refund', 50, 0, '" + id + "', " + debitId + ")", "does not match its debit");
        assertRefused("INSERT INTO ledger_entries (account_id, type, amount, balance_after)"
                + " VALUES (" + account + ", 'topup', -5, 0)", "ledger_sign_matches_type");
        assertRefused("INSERT INTO ledger_entries (account_id, type, amount, balance_after, endpoint)"
                + " VALUES (" + account + ", 'debit', -5, 0, '/v1/x')", "ledger_request_id_iff_debit_or_refund");
        assertEquals(95, Api.balance(account));
    }

    @Test
    void everyRuleOnTheShapeOfAnEntryRefusesWithItsOwnNameAndLeavesTheBalanceAlone() throws Exception {
        long account = Api.newAccount();
        String insert = "INSERT INTO ledger_entries (account_id, type, amount, balance_after, request_id, endpoint, refund_of)"
                + " VALUES (" + account + ", ";
        assertRefused(insert + "'debit', -5, 0, 'raw-2', NULL, NULL)", "ledger_debit_has_endpoint");
        assertRefused(insert + "'gift', 5, 0, NULL, NULL, NULL)", "ledger_entries_type_check");
        assertRefused(insert + "'topup', 5, 0, NULL, NULL, 1)", "ledger_refund_of_iff_refund");
        assertRefused(insert + "'bonus', 5, 0, 'raw-3', NULL, NULL)", "ledger_request_id_iff_debit_or_refund");
        assertRefused(insert + "'adjustment', 0, 0, NULL, NULL, NULL)", "ledger_sign_matches_type");
        assertRefused(insert + "'debit', 5, 0, 'raw-4', '/v1/x', NULL)", "ledger_sign_matches_type");
        assertEquals(100, Api.balance(account));
    }

    private void assertRefused(String sql, String reason) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(reason),
                    "expected '" + reason + "' in: " + e.getMessage());
        }
    }

    private long single(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
