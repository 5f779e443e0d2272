package dev.socialcrawl.billing;

import static dev.socialcrawl.billing.Api.admin;
import static dev.socialcrawl.billing.Api.ledger;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** {@code /admin/dashboard-users}: who may sign in to the dashboard, created, reset and disabled by the admin token. */
@QuarkusTest
@QuarkusTestResource(value = FreshDatabaseResource.class, restrictToAnnotatedClass = false)
class DashboardUserApiTest {

    @Test
    void aUserCreatedWithoutAPasswordGetsAOneTimePasswordThatSignsInOnlyToChooseItsOwn() {
        long account = Api.newAccount();
        Response created = admin().body(Map.of("name", "carol-" + account, "role", "customer", "account_id", account))
                .post("/admin/dashboard-users");
        created.then().statusCode(201)
                .body("role", equalTo("customer"))
                .body("account_id", equalTo((int) account))
                .body("must_change_password", equalTo(true))
                .body("one_time_password", matchesPattern("[A-Za-z0-9]{20}"))
                .body("$", not(org.hamcrest.Matchers.hasKey("password_hash")));
        DashboardClient carol = new DashboardClient("carol-" + account, created.jsonPath().getString("one_time_password"));
        Response in = carol.signIn();
        in.then().statusCode(303).header("Location", "/dashboard/password");
        carol.get("/dashboard/overview").then().statusCode(303).header("Location", "/dashboard/password");
    }

    @Test
    void aUserCreatedWithAPasswordGetsNoneBackAndMustStillChangeIt() {
        admin().body(Map.of("name", "dora", "role", "billing", "password", "a long chosen password"))
                .post("/admin/dashboard-users").then().statusCode(201)
                .body("account_id", nullValue())
                .body("$", not(org.hamcrest.Matchers.hasKey("one_time_password")))
                .body("must_change_password", equalTo(true));
        new DashboardClient("dora", "a long chosen password").signIn().then().statusCode(303)
                .header("Location", "/dashboard/password");
    }

    @Test
    void badUsersAreRefusedWithAMessageNamingTheField() {
        long account = Api.newAccount();
        Map<Map<String, Object>, String> cases = new java.util.LinkedHashMap<>();
        cases.put(Map.of("name", "x", "role", "billing"), "Field 'name' must be 3 to 64 letters, digits and . _ @ -.");
        cases.put(Map.of("name", "with space", "role", "billing"), "Field 'name' must be 3 to 64 letters, digits and . _ @ -.");
        cases.put(Map.of("name", "eve1", "role", "root"), "Field 'role' must be one of customer, billing, billing-admin.");
        cases.put(Map.of("name", "eve2", "role", "customer"), "Invalid request body: field 'account_id' is required.");
        cases.put(Map.of("name", "eve3", "role", "billing", "account_id", account),
                "Field 'account_id' is only for role customer: the billing roles see every account.");
        cases.put(Map.of("name", "eve4", "role", "billing", "password", "short"),
                "Field 'password' must have at least 12 characters.");
        cases.put(Map.of("name", "eve5", "role", "billing", "password", "xx-eve5-is-my-name"),
                "Field 'password' must not contain the user name.");
        cases.put(Map.of("name", "eve6", "role", "billing", "password", "é".repeat(40)),
                "Field 'password' must be at most 72 bytes long (UTF-8).");
        cases.forEach((body, message) -> admin().body(body).post("/admin/dashboard-users").then().statusCode(400)
                .body("error.type", equalTo("INVALID_REQUEST")).body("error.message", equalTo(message)));
        admin().body(Map.of("name", "eve7", "role", "customer", "account_id", 99_999_999)).post("/admin/dashboard-users")
                .then().statusCode(404).body("error.type", equalTo("RESOURCE_NOT_FOUND"));
        admin().body(Map.of("name", "eve8", "role", "billing", "extra", 1)).post("/admin/dashboard-users").then().statusCode(400)
                .body("error.message", equalTo("Invalid request body: unknown field 'extra'."));
    }

    @Test
    void namesAreUniqueWhateverTheirCase() {
        admin().body(Map.of("name", "Frank", "role", "billing")).post("/admin/dashboard-users").then().statusCode(201);
        admin().body(Map.of("name", "frank", "role", "billing")).post("/admin/dashboard-users").then().statusCode(400)
                .body("error.message", equalTo("A dashboard user named frank already exists (names are unique in any case)."));
    }

    @Test
    void theLedgerTokenListsUsersWithoutTheirHashesAndCannotCreateOne() {
        admin().body(Map.of("name", "gina", "role", "billing")).post("/admin/dashboard-users").then().statusCode(201);
        String list = ledger().get("/admin/dashboard-users").then().statusCode(200).body("find { it.name == 'gina' }.role",
                equalTo("billing")).extract().asString();
        assertEquals(false, list.contains("$2a$") || list.contains("password_hash") || list.contains("one_time"), list);
        ledger().body(Map.of("name", "gina2", "role", "billing-admin")).post("/admin/dashboard-users").then().statusCode(403);
    }

    @Test
    void aResetGivesANewOneTimePasswordAndEndsTheSessionsAndADisabledUserCannotSignIn() {
        long account = Api.newAccount();
        DashboardClient user = DashboardClient.signedIn("customer", account);
        user.get("/dashboard/overview").then().statusCode(200);
        long id = DashboardClient.userId(user.name);

        String fresh = admin().post("/admin/dashboard-users/" + id + "/password-reset").then().statusCode(200)
                .body("name", equalTo(user.name)).extract().jsonPath().getString("one_time_password");
        user.get("/dashboard/overview").then().statusCode(302).header("Location", "/dashboard/login?ended=1");
        new DashboardClient(user.name, user.password).signIn().then().statusCode(401);
        DashboardClient again = new DashboardClient(user.name, fresh).signInFirstTime();
        again.get("/dashboard/overview").then().statusCode(200);

        admin().delete("/admin/dashboard-users/" + id).then().statusCode(204);
        admin().delete("/admin/dashboard-users/" + id).then().statusCode(204);
        again.get("/dashboard/overview").then().statusCode(302);
        new DashboardClient(user.name, again.password).signIn().then().statusCode(401);
        admin().get("/admin/dashboard-users").then().body("find { it.id == " + id + " }.disabled_at", not(nullValue()));

        JsonPath audit = admin().queryParam("account", account).get("/admin/audit").then().statusCode(200).extract().jsonPath();
        List<String> userActions = audit.getList("items.findAll { it.target_id == " + id + " && it.action.startsWith('dashboard_user') }.action");
        assertEquals(List.of("dashboard_user.disabled", "dashboard_user.password_reset", "dashboard_user.created"), userActions,
                "one row per change; disabling again changed nothing");
        assertEquals(List.of("token"), audit.getList("items.findAll { it.target_id == " + id + " && it.action.startsWith('dashboard_user') }.actor_kind")
                .stream().distinct().toList());
        String rows = audit.prettify();
        assertEquals(false, rows.contains(fresh) || rows.contains(again.password), "no password in the audit log");
        admin().post("/admin/dashboard-users/99999999/password-reset").then().statusCode(404);
        admin().delete("/admin/dashboard-users/abc").then().statusCode(400);
    }

    @Test
    void aBillingUserIsAuditedWithoutAnAccount() {
        Map<String, Object> body = new HashMap<>(Map.of("name", "hank", "role", "billing-admin"));
        long id = admin().body(body).post("/admin/dashboard-users").then().statusCode(201).extract().jsonPath().getLong("id");
        admin().get("/admin/audit").then().statusCode(200)
                .body("items.find { it.target_id == " + id + " && it.action == 'dashboard_user.created' }.account_id", nullValue())
                .body("items.find { it.target_id == " + id + " && it.action == 'dashboard_user.created' }.details.role",
                        equalTo("billing-admin"))
                .body(not(containsString("one_time_password")));
    }
}
