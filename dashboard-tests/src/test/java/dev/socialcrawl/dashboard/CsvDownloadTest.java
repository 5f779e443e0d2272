package dev.socialcrawl.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The ledger and usage downloads are CSV a spreadsheet reads, with the ledger API's columns. */
class CsvDownloadTest extends DashboardTest {

    @Test
    void theLedgerAndUsageDownloadsParse() {
        long account = suite.admin.newAccount("+Csv, \"quoted\" Ltd");
        Admin.Key key = suite.admin.newKey(account, "csv");
        for (String query : new String[] { "one", "two", "three" }) {
            assertEquals(200, gatewayGet("/v1/reddit/search?query=" + query, key.secret()).statusCode());
        }
        signedInUser("customer", account);

        browser.open("/dashboard/ledger");
        List<List<String>> ledger = download("#ledger-csv");
        assertEquals(List.of("id", "account_id", "type", "amount", "balance_after", "request_id", "endpoint", "refund_of", "note",
                "created_at", "settled_at"), ledger.get(0));
        assertEquals(5, ledger.size(), ledger.toString());
        assertEquals(List.of("bonus", "100", "100"), ledger.get(1).subList(2, 5));
        for (List<String> debit : ledger.subList(2, 5)) {
            assertEquals("debit", debit.get(2));
            assertEquals("-1", debit.get(3));
            assertEquals("/v1/reddit/search", debit.get(6));
        }
        assertEquals("97", ledger.get(4).get(4));

        browser.open("/dashboard/usage");
        List<List<String>> byEndpoint = download("#usage-endpoint-csv");
        assertEquals(List.of(List.of("endpoint", "requests", "refunded", "credits"), List.of("/v1/reddit/search", "3", "0", "3")),
                byEndpoint);
        List<List<String>> byDay = download("#usage-day-csv");
        assertEquals(List.of("day", "requests", "refunded", "credits"), byDay.get(0));
        assertEquals(List.of("3", "0", "3"), byDay.get(1).subList(1, 4));

        browser.forgetEverything();
        signedInUser("billing", null);
        browser.open("/dashboard/reports/usage?group_by=account");
        List<List<String>> byAccount = download("#report-csv");
        assertEquals(List.of("account_id", "name", "requests", "refunded", "credits"), byAccount.get(0));
        assertTrue(byAccount.contains(List.of(Long.toString(account), "'+Csv, \"quoted\" Ltd", "3", "0", "3")),
                "a name starting with + is not a formula, commas and quotes survive: " + byAccount);
    }
}
