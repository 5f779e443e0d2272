package dev.socialcrawl.billing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** The OpenAPI document and Swagger UI of the admin and ledger APIs: on the management port only, without /internal. */
@QuarkusTest
@QuarkusTestResource(value = FreshDatabaseResource.class, restrictToAnnotatedClass = false)
class OpenApiTest {
    @TestHTTPResource(value = "/", management = true)
    URI managementUri;

    private RequestSpecification management() {
        return given().baseUri("http://" + managementUri.getHost()).port(managementUri.getPort());
    }

    @Test
    void theDocumentListsTheAdminAndLedgerApisAndNoInternalRoute() {
        JsonPath doc = management().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Object> paths = doc.getMap("paths");
        List<String> internal = paths.keySet().stream().filter(p -> p.startsWith("/internal")).toList();
        assertEquals(List.of(), internal, "the gateway's API stays out of the document");
        for (String path : List.of("/admin/accounts", "/admin/accounts/{id}/credits", "/admin/audit", "/ledger/usage",
                "/ledger/usage.csv", "/ledger/low-balance", "/ledger/activity", "/ledger/accounts/{id}/entries.csv")) {
            assertTrue(paths.containsKey(path), path + " is documented: " + paths.keySet());
        }
        assertEquals("http", doc.getString("components.securitySchemes.bearer.type"));
        assertEquals("bearer", doc.getString("components.securitySchemes.bearer.scheme"));
    }

    @Test
    void swaggerUiIsServedFromTheManagementPortWithItsOwnFiles() {
        String page = management().get("/q/swagger-ui/").then().statusCode(200).extract().asString();
        assertTrue(page.contains("swagger-ui"), page);
        assertTrue(!page.contains("unpkg.com") && !page.contains("cdn.jsdelivr"), "no CDN: works offline");
        management().get("/q/swagger-ui/swagger-ui-bundle.js").then().statusCode(200).body(containsString("SwaggerUI"));
    }

    @Test
    void theApiPortServesNeitherTheDocumentNorTheUi() {
        given().get("/q/openapi").then().statusCode(404);
        given().get("/q/swagger-ui/").then().statusCode(404);
    }
}
