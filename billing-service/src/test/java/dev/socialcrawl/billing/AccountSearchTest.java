package dev.socialcrawl.billing;

import static dev.socialcrawl.billing.Api.admin;
import static dev.socialcrawl.billing.Api.ledger;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** {@code GET /admin/accounts?query=}: by part of the name in any case, by id, or by a key's last four characters. */
@QuarkusTest
@QuarkusTestResource(value = FreshDatabaseResource.class, restrictToAnnotatedClass = false)
class AccountSearchTest {

    @Test
    void findsAnAccountByPartOfItsNameInAnyCase() {
        String tag = Api.rid().substring(4, 14);
        long acme = Api.newAccount("Acme Widgets " + tag);
        long beta = Api.newAccount("beta ACME " + tag);
        Api.newAccount("Other " + tag);
        assertEquals(List.of(acme, beta), ids(ledger().queryParam("query", "aCmE"), tag));
        JsonPath found = ledger().queryParam("query", "widgets " + tag.toUpperCase()).get("/admin/accounts").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of(acme), found.getList("items.id", Long.class));
        assertEquals("Acme Widgets " + tag, found.getString("items[0].name"));
        assertEquals(100, found.getInt("items[0].balance"));
    }

    @Test
    void findsAnAccountByIdAndByAKeysLastFourCharacters() {
        long account = Api.newAccount();
        String key = Api.newKey(account);
        String last4 = key.substring(key.length() - 4);
        assertTrue(ledger().queryParam("query", String.valueOf(account)).get("/admin/accounts").then().statusCode(200)
                .extract().jsonPath().getList("items.id", Long.class).contains(account));
        assertTrue(ledger().queryParam("query", last4).get("/admin/accounts").then().statusCode(200)
                .extract().jsonPath().getList("items.id", Long.class).contains(account));
    }

    @Test
    void likeWildcardsInTheQueryAreLiteral() {
        String tag = Api.rid().substring(4, 14);
        long percent = Api.newAccount("100% " + tag);
        Api.newAccount("1000 " + tag);
        assertEquals(List.of(percent), admin().queryParam("query", "100% " + tag).get("/admin/accounts").then()
                .statusCode(200).extract().jsonPath().getList("items.id", Long.class));
        assertEquals(List.of(), admin().queryParam("query", "_00 " + tag).get("/admin/accounts").then()
                .statusCode(200).extract().jsonPath().getList("items.id", Long.class));
    }

    @Test
    void allAccountsArePagedInIdOrderAndBadParametersAreA400() {
        String tag = "paged-" + Api.rid().substring(4, 14);
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(Api.newAccount(tag + " " + i));
        }
        List<Long> seen = Api.allPages(() -> admin().queryParam("query", tag).queryParam("limit", 2), "/admin/accounts",
                "id", Long.class);
        assertEquals(created, seen);
        assertTrue(admin().get("/admin/accounts").then().statusCode(200).extract().jsonPath().getList("items").size() > 0);
        admin().queryParam("limit", 201).get("/admin/accounts").then().statusCode(400)
                .body("error.message", equalTo("Parameter 'limit' must be an integer from 1 to 200."));
        admin().queryParam("query", "x".repeat(201)).get("/admin/accounts").then().statusCode(400)
                .body("error.message", equalTo("Parameter 'query' is longer than 200 characters."));
        admin().queryParam("cursor", "garbage").get("/admin/accounts").then().statusCode(400)
                .body("error.type", equalTo("INVALID_REQUEST"));
    }

    private static List<Long> ids(RequestSpecification request, String tag) {
        return request.get("/admin/accounts").then().statusCode(200).extract().jsonPath().getList("items", Map.class)
                .stream().filter(item -> String.valueOf(item.get("name")).endsWith(tag))
                .map(item -> ((Number) item.get("id")).longValue()).toList();
    }
}
