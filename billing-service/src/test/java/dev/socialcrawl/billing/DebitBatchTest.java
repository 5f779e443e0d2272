package dev.socialcrawl.billing;

import static dev.socialcrawl.billing.Api.rid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code billing_debit_batch} answers each debit exactly as {@code billing_debit} would one after the other, also
 * where it reuses the balance the previous debit of the same account left instead of locking the row again.
 */
@QuarkusTest
@QuarkusTestResource(value = FreshDatabaseResource.class, restrictToAnnotatedClass = false)
class DebitBatchTest {

    @Inject
    AgroalDataSource dataSource;

    private record Debit(String requestId, long accountId, long amount) {
    }

    @Test
    void aMixedBatchGivesEachDebitTheOutcomeAndBalanceOfRunningThemOneByOne() throws SQLException {
        long hot = Api.accountWith(3);
        long other = Api.accountWith(10);
        long missing = 9_000_000_000L;
        String first = rid();
        String alreadyDone = rid();
        Api.debit(alreadyDone, other, 2);
        List<Debit> batch = List.of(
                new Debit(first, hot, 1),
                new Debit(rid(), hot, 1),
                new Debit(rid(), hot, 5),
                new Debit(first, hot, 1),
                new Debit(rid(), hot, 1),
                new Debit(rid(), hot, 1),
                new Debit(alreadyDone, hot, 2),
                new Debit(rid(), missing, 1),
                new Debit(alreadyDone, other, 2),
                new Debit(rid(), other, 8),
                new Debit(rid(), other, 1));

        List<String> answers = batch(batch);

        assertEquals(List.of(
                "debited 1 2", "debited 1 1", "insufficient 5 1", "replayed 1 2", "debited 1 0", "insufficient 1 0",
                "conflict 2 8", "no_account 1 null", "replayed 2 8", "debited 8 0", "insufficient 1 0"), answers);
        assertEquals(0, Api.balance(hot));
        assertEquals(0, Api.balance(other));
        assertEquals(3, count("SELECT count(*) FROM ledger_entries WHERE account_id = " + hot + " AND type = 'debit'"));
        assertEquals(3, count("SELECT count(*) FROM pending_debits WHERE account_id = " + hot));
        assertEquals(0, count("SELECT count(*) FROM ledger_entries e JOIN accounts a ON a.id = e.account_id"
                + " WHERE e.account_id IN (" + hot + ", " + other + ") GROUP BY a.id, a.balance"
                + " HAVING sum(e.amount) <> a.balance"));
    }

    @Test
    void anAccountThatComesBackAfterAnotherIsLockedAndReadAgain() throws SQLException {
        long a = Api.accountWith(2);
        long b = Api.accountWith(2);

        List<String> answers = batch(List.of(new Debit(rid(), a, 1), new Debit(rid(), b, 2), new Debit(rid(), a, 1),
                new Debit(rid(), a, 1)));

        assertEquals(List.of("debited 1 1", "debited 2 0", "debited 1 0", "insufficient 1 0"), answers);
    }

    private List<String> batch(List<Debit> debits) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT d.idx, d.outcome, d.amount, d.balance"
                        + " FROM billing_debit_batch(?, ?, ?, ?, 60000) d ORDER BY d.idx")) {
            ps.setArray(1, c.createArrayOf("varchar", debits.stream().map(Debit::requestId).toArray()));
            ps.setArray(2, c.createArrayOf("bigint", debits.stream().map(Debit::accountId).toArray()));
            ps.setArray(3, c.createArrayOf("bigint", debits.stream().map(Debit::amount).toArray()));
            ps.setArray(4, c.createArrayOf("varchar", debits.stream().map(d -> "/v1/x").toArray()));
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(2) + " " + rs.getLong(3) + " " + rs.getObject(4));
                }
            }
            return out;
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
