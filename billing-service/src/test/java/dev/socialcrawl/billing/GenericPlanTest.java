package dev.socialcrawl.billing;

import static dev.socialcrawl.billing.Api.rid;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The money functions keep using their indexes in generic plans made while the tables are small, the plans
 * PL/pgSQL and the JDBC driver cache for the life of a connection. A plan that scanned every debit to find one
 * request id made each debit slower as the ledger grew; auto_explain shows the plans actually run.
 */
@QuarkusTest
@QuarkusTestResource(value = FreshDatabaseResource.class, restrictToAnnotatedClass = false)
class GenericPlanTest {
    private static final Pattern FULL_SCAN = Pattern.compile("Seq Scan on (ledger_entries|pending_debits|accounts)\\b");

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @Test
    void debitRefundSettleAndSweepLookUpRequestIdsThroughTheUniqueIndex() throws SQLException {
        long account = Api.newAccount();
        String a = rid();
        String b = rid();
        String c = rid();
        String plans = explained(List.of(
                debit(List.of(a), account),
                debit(List.of(b, c), account),
                debit(List.of(a), account),
                "SELECT * FROM billing_refund('" + b + "')",
                "SELECT * FROM billing_refund('" + b + "')",
                "SELECT billing_settle(ARRAY['" + a + "', '" + c + "']::varchar[])",
                "SELECT * FROM billing_refund('" + a + "')",
                "SELECT billing_uptime_advance(interval '30 seconds')",
                "SELECT * FROM billing_sweep_one(interval '1 hour')"));

        assertTrue(plans.contains("Index Scan using ledger_one_entry_per_request_and_type"), plans);
        assertTrue(plans.contains("Index Scan using pending_debits_pkey"), plans);
        assertFalse(FULL_SCAN.matcher(plans).find(), plans);
        assertFalse(plans.contains("ledger_debits_by_account_time"), plans);
        assertFalse(plans.contains("Rows Removed by Filter"), plans);
    }

    private static String debit(List<String> ids, long account) {
        String n = String.valueOf(ids.size());
        return "SELECT * FROM billing_debit_batch(ARRAY['" + String.join("', '", ids) + "']::varchar[], array_fill("
                + account + "::bigint, ARRAY[" + n + "]), array_fill(1::bigint, ARRAY[" + n + "]), array_fill('/v1/x'::varchar,"
                + " ARRAY[" + n + "]), 60000)";
    }

    /** Runs the statements on a connection of its own that always plans generically and logs every plan. */
    private String explained(List<String> statements) throws SQLException {
        StringBuilder plans = new StringBuilder();
        try (Connection conn = DriverManager.getConnection(url, user, ""); Statement s = conn.createStatement()) {
            for (String setting : List.of("SET plan_cache_mode = force_generic_plan", "LOAD 'auto_explain'",
                    "SET auto_explain.log_min_duration = 0", "SET auto_explain.log_nested_statements = on",
                    "SET auto_explain.log_analyze = on", "SET client_min_messages = log")) {
                s.execute(setting);
            }
            for (String sql : statements) {
                s.clearWarnings();
                s.execute(sql);
                for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
                    plans.append(w.getMessage()).append('\n');
                }
            }
        }
        return plans.toString();
    }
}
