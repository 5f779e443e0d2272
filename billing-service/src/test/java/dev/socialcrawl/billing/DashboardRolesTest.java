package dev.socialcrawl.billing;

import static dev.socialcrawl.billing.Api.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import dev.socialcrawl.billing.apikey.KeyMaterial;

/**
 * Who may see and do what: a customer its own account only (naming another answers 403, another account's key 404),
 * {@code billing} every account read-only (no form, a forged write 403), {@code billing-admin} the writes; every
 * dashboard write in the audit log under the user's name with the request id of that write.
 */
@QuarkusTest
@QuarkusTestResource(value = FreshDatabaseResource.class, restrictToAnnotatedClass = false)
class DashboardRolesTest {
    @Inject
    AgroalDataSource dataSource;

    private static final List<String> ACCOUNT_PAGES = List.of("/dashboard/overview", "/dashboard/keys", "/dashboard/activity",
            "/dashboard/ledger", "/dashboard/usage", "/dashboard/ledger.csv", "/dashboard/usage.csv?group_by=day");
    private static final List<String> BILLING_PAGES = List.of("/dashboard/accounts", "/dashboard/reports/usage",
            "/dashboard/reports/usage.csv", "/dashboard/low-balance", "/dashboard/unsettled", "/dashboard/integrity",
            "/dashboard/audit");

    @Test
    void aCustomerSeesItsOwnAccountAndNoOtherWhateverTheUrlSays() {
        long own = Api.newAccount();
        long other = Api.newAccount();
        long otherKey = admin().body(Map.of("name", "theirs")).post("/admin/accounts/" + other + "/keys").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        DashboardClient customer = DashboardClient.signedIn("customer", own);
        for (String page : ACCOUNT_PAGES) {
            customer.get(page).then().statusCode(200);
            customer.get(withAccount(page, own)).then().statusCode(200);
            customer.get(withAccount(page, other)).then().statusCode(403);
            customer.get(withAccount(page, 99_999_999)).then().statusCode(403);
        }
        for (String page : BILLING_PAGES) {
            customer.get(page).then().statusCode(403);
        }
        customer.get("/dashboard/users").then().statusCode(403);
        customer.get("/dashboard/overview").then().body(not(containsString("Add credits")))
                .body(not(containsString("Audit trail")));

        customer.get("/dashboard/keys/revoke?key=" + otherKey).then().statusCode(404);
        customer.post("/dashboard/keys/revoke", Map.of("key", otherKey)).then().statusCode(404);
        customer.post("/dashboard/keys/revoke", Map.of("key", otherKey, "account", other)).then().statusCode(403);
        customer.post("/dashboard/keys", Map.of("name", "into theirs", "account", other)).then().statusCode(403);
        customer.post("/dashboard/credits", Map.of("account", own, "type", "topup", "amount", 1000)).then().statusCode(403);
        admin().get("/admin/accounts/" + other + "/keys").then().body("size()", equalTo(1)).body("[0].status", equalTo("active"));
        admin().get("/admin/accounts/" + own).then().body("balance", equalTo(100));
    }

    @Test
    void aCustomerCreatesAKeyShownOnceAndRevokesItAfterConfirmingAndBothAreAudited() {
        long account = Api.newAccount();
        DashboardClient customer = DashboardClient.signedIn("customer", account);
        Response created = customer.post("/dashboard/keys", Map.of("name", "ci key", "expires", "2099-12-31"));
        created.then().statusCode(201).body(containsString("it is shown only once"))
                .body(containsString("data-copy-target=\"new-key\""));
        String key = field(created.asString(), "new-key");
        assertTrue(key.startsWith(KeyMaterial.PREFIX) && key.length() == 46, key);
        JsonPath listed = admin().get("/admin/accounts/" + account + "/keys").then().statusCode(200).extract().jsonPath();
        long keyId = listed.getLong("[0].id");
        assertEquals("2100-01-01T00:00:00Z", listed.getString("[0].expires_at"), "the end of the chosen day, UTC");
        Api.internal().get("/internal/keys/" + KeyMaterial.hash(key)).then().statusCode(200).body("status", equalTo("active"));
        customer.get("/dashboard/keys").then().statusCode(200).body(containsString("…" + key.substring(key.length() - 4)))
                .body(not(containsString(key)));

        customer.get("/dashboard/keys/revoke?key=" + keyId).then().statusCode(200).body(containsString("This cannot be undone"));
        Api.internal().get("/internal/keys/" + KeyMaterial.hash(key)).then().body("status", equalTo("active"));
        Response revoked = customer.post("/dashboard/keys/revoke", Map.of("key", keyId));
        revoked.then().statusCode(303).header("Location", "/dashboard/keys?revoked=" + key.substring(key.length() - 4));
        Api.internal().get("/internal/keys/" + KeyMaterial.hash(key)).then().body("status", equalTo("revoked"));

        JsonPath audit = admin().queryParam("account", account).get("/admin/audit").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("key.revoked", "key.created"), audit.getList("items.findAll { it.actor_kind == 'user' }.action"));
        assertEquals(List.of(customer.name), audit.getList("items.findAll { it.actor_kind == 'user' }.actor").stream().distinct().toList());
        assertEquals(revoked.header("X-Request-Id"), audit.getString("items[0].request_id"));
        assertEquals("/dashboard/keys/revoke", audit.getString("items[0].path"));
        assertEquals(false, audit.prettify().contains(key), "never the key's secret");
    }

    @Test
    void billingReadsEveryAccountButHasNoFormAndAForgedWriteIsRefused() throws SQLException {
        long account = Api.newAccount();
        long keyId = admin().body(Map.of("name", "k")).post("/admin/accounts/" + account + "/keys").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        DashboardClient billing = DashboardClient.signedIn("billing", null);
        for (String page : ACCOUNT_PAGES) {
            billing.get(withAccount(page, account)).then().statusCode(200);
        }
        for (String page : BILLING_PAGES) {
            billing.get(page).then().statusCode(200);
        }
        billing.get("/dashboard/overview").then().statusCode(400).body(containsString("pick an account"));
        billing.get("/dashboard/overview?account=99999999").then().statusCode(404);
        billing.get("/dashboard/overview?account=" + account).then().body(not(containsString("Add credits")))
                .body(containsString("Audit trail of this account"));
        billing.get("/dashboard/keys?account=" + account).then().body(not(containsString("Create a key")))
                .body(not(containsString("Revoke")));
        billing.get("/dashboard/accounts").then().body(not(containsString("Create an account")));
        billing.get("/dashboard/users").then().statusCode(403);

        long auditRows = Database.count(dataSource, "SELECT count(*) FROM admin_audit_log");
        billing.post("/dashboard/credits", Map.of("account", account, "type", "topup", "amount", 1000,
                "idempotency_key", "forged-by-billing-0001")).then().statusCode(403);
        billing.post("/dashboard/keys", Map.of("account", account, "name", "forged")).then().statusCode(403);
        billing.get("/dashboard/keys/revoke?account=" + account + "&key=" + keyId).then().statusCode(403);
        billing.post("/dashboard/keys/revoke", Map.of("account", account, "key", keyId)).then().statusCode(403);
        billing.post("/dashboard/accounts", Map.of("name", "forged")).then().statusCode(403);
        billing.post("/dashboard/users", Map.of("name", "forged", "role", "billing-admin")).then().statusCode(403);
        admin().get("/admin/accounts/" + account).then().body("balance", equalTo(100));
        admin().get("/admin/accounts/" + account + "/keys").then().body("size()", equalTo(1)).body("[0].status", equalTo("active"));
        assertEquals(auditRows, Database.count(dataSource, "SELECT count(*) FROM admin_audit_log"), "no write happened");
    }

    @Test
    void aBillingAdminTopUpIsInTheLedgerAndTheAuditLogOnceEvenWhenTheFormIsSentTwice() {
        long account = Api.newAccount();
        DashboardClient admin = DashboardClient.signedIn("billing-admin", null);
        Response overview = admin.get("/dashboard/overview?account=" + account);
        overview.then().statusCode(200).body(containsString("Add credits"));
        String idempotencyKey = field(overview.asString(), "idempotency_key", "name");
        Map<String, Object> form = Map.of("account", account, "type", "topup", "amount", "500", "note", "invoice 42",
                "idempotency_key", idempotencyKey);
        Response topUp = admin.post("/dashboard/credits", form);
        topUp.then().statusCode(303);
        assertTrue(topUp.header("Location").startsWith("/dashboard/overview?account=" + account + "&credited="),
                topUp.header("Location"));
        admin.post("/dashboard/credits", form).then().statusCode(303);
        admin().get("/admin/accounts/" + account).then().body("balance", equalTo(600));

        admin.get("/dashboard/ledger?account=" + account).then().statusCode(200).body(containsString("invoice 42"))
                .body(containsString("+500"));
        JsonPath audit = admin().queryParam("account", account).get("/admin/audit").then().extract().jsonPath();
        assertEquals(1, audit.getList("items.findAll { it.action == 'credits.added' }").size());
        assertEquals(admin.name, audit.getString("items[0].actor"));
        assertEquals("user", audit.getString("items[0].actor_kind"));
        assertEquals("/dashboard/credits", audit.getString("items[0].path"));
        assertEquals(topUp.header("X-Request-Id"), audit.getString("items[0].request_id"));
        assertEquals(Map.of("type", "topup", "amount", 500, "note", "invoice 42", "idempotency_key", idempotencyKey),
                audit.getMap("items[0].details"));
        admin.get("/dashboard/overview?account=" + account).then().body(containsString("invoice 42"))
                .body(containsString(admin.name));

        admin.post("/dashboard/credits", Map.of("account", account, "type", "adjustment", "amount", "-10000")).then()
                .statusCode(400).body(containsString("would take account " + account + " below zero"));
        admin.post("/dashboard/credits", Map.of("account", account, "type", "topup", "amount", "lots")).then().statusCode(400)
                .body(containsString("must be a whole number of credits"));
    }

    @Test
    void aBillingAdminCreatesAccountsAndUsersAndThoseAreAuditedUnderItsName() {
        DashboardClient admin = DashboardClient.signedIn("billing-admin", null);
        Response account = admin.post("/dashboard/accounts", Map.of("name", "Made In Dashboard"));
        account.then().statusCode(303);
        long accountId = Long.parseLong(account.header("Location").replaceAll(".*account=", ""));
        String name = "made-" + UUID.randomUUID().toString().substring(0, 6);
        Response created = admin.post("/dashboard/users", Map.of("name", name, "role", "customer", "account", accountId));
        created.then().statusCode(201).body(containsString("One-time password"));
        String oneTime = field(created.asString(), "one-time-password");
        new DashboardClient(name, oneTime).signInFirstTime().get("/dashboard/overview").then().statusCode(200)
                .body(containsString("Made In Dashboard"));
        admin.post("/dashboard/users", Map.of("name", name + "x", "role", "customer")).then().statusCode(400)
                .body(containsString("Field &#39;account&#39; is required."));

        JsonPath audit = admin().queryParam("account", accountId).get("/admin/audit").then().extract().jsonPath();
        assertEquals(List.of("dashboard_user.created", "account.created"), audit.getList("items.action"));
        assertEquals(List.of(admin.name, admin.name), audit.getList("items.actor"));
        assertEquals(false, audit.prettify().contains(oneTime));

        long userId = DashboardClient.userId(name);
        Response reset = admin.post("/dashboard/users/reset", Map.of("user", userId));
        reset.then().statusCode(200).body(containsString("Password of " + name + " reset"));
        admin.post("/dashboard/users/disable", Map.of("user", userId)).then().statusCode(303);
        admin.post("/dashboard/users/disable", Map.of("user", DashboardClient.userId(admin.name))).then().statusCode(400);
        assertEquals(List.of("dashboard_user.disabled", "dashboard_user.password_reset"),
                admin().queryParam("account", accountId).get("/admin/audit").then().extract().jsonPath().getList("items.action")
                        .subList(0, 2));
    }

    @Test
    void theCsvDownloadsParseWithTheLedgerApisColumns() {
        long account = Api.newAccount("=cmd|' /C calc'!A0");
        Api.debit(Api.rid(), account, 3);
        DashboardClient customer = DashboardClient.signedIn("customer", account);
        Response ledger = customer.get("/dashboard/ledger.csv");
        ledger.then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", "attachment; filename=\"ledger-account-" + account + ".csv\"");
        List<String> lines = ledger.asString().lines().toList();
        assertEquals("id,account_id,type,amount,balance_after,request_id,endpoint,refund_of,note,created_at,settled_at", lines.get(0));
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(1).contains(",bonus,100,100,"), lines.get(1));
        assertTrue(lines.get(2).contains(",debit,-3,97,"), lines.get(2));

        Response byDay = customer.get("/dashboard/usage.csv?group_by=day");
        List<String> days = byDay.asString().lines().toList();
        assertEquals("day,requests,refunded,credits", days.get(0));
        assertTrue(days.get(1).endsWith(",1,0,3"), days.toString());
        customer.get("/dashboard/usage.csv?group_by=account").then().statusCode(400);

        DashboardClient billing = DashboardClient.signedIn("billing", null);
        List<String> report = billing.get("/dashboard/reports/usage.csv?group_by=account").asString().lines().toList();
        assertEquals("account_id,name,requests,refunded,credits", report.get(0));
        assertTrue(report.contains(account + ",'=cmd|' /C calc'!A0,1,0,3"), "a name is never a formula: " + report);
    }

    private static String withAccount(String page, long account) {
        return page + (page.contains("?") ? "&" : "?") + "account=" + account;
    }

    /** The value of the input with this id (or name) in a page. */
    private static String field(String html, String id) {
        return field(html, id, "id");
    }

    private static String field(String html, String value, String attribute) {
        Matcher m = Pattern.compile("<input[^>]*" + attribute + "=\"" + Pattern.quote(value) + "\"[^>]*value=\"([^\"]*)\"")
                .matcher(html);
        assertTrue(m.find(), "no input " + value + " in the page");
        return m.group(1);
    }
}
