package dev.socialcrawl.gateway.site;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import dev.socialcrawl.errors.ErrorCode;
import dev.socialcrawl.gateway.support.GatewayTest;

/** The pages for people: the error pages every doc_url points at, and the landing page. */
@QuarkusTest
class SitePagesTest extends GatewayTest {
    private static final String HTML = "text/html; charset=utf-8";
    /** The default gateway.public-base-url; the tests' gateway runs on a random port, so links are followed by path. */
    private static final String DOC_BASE = "http://localhost:8080/docs/errors/";
    private static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");
    /** What a page loads by itself: style sheets, icons and scripts. */
    private static final Pattern ASSET = Pattern.compile("<(?:link[^>]*href|script[^>]*src)=\"([^\"]+)\"");

    @Inject
    SitePages pages;

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyErrorTypeHasAPageWithItsStatusTheRefundRuleAndWhatToDo(ErrorCode code) {
        String page = given().get("/docs/errors/" + code.slug()).then().statusCode(200)
                .header("Content-Type", HTML)
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("X-Request-Id", not(equalTo("")))
                .extract().asString();
        assertTrue(page.contains("<h1><code>" + code.name() + "</code>"), "the type is the heading");
        assertTrue(page.contains("HTTP status <strong>" + code.status() + "</strong>"), "the status");
        assertTrue(page.contains(Html.text(code.refundText())), "the refund sentence");
        assertTrue(page.contains(Html.text(code.meaning())), "what it means");
        assertTrue(page.contains(Html.text(code.whatToDo())), "what to do");
        assertTrue(page.contains("&quot;doc_url&quot; : &quot;" + DOC_BASE + code.slug() + "&quot;"),
                "the example envelope, with this page's own address");
        assertTrue(page.contains("<title>" + code.name() + " (" + code.status() + ")"), "a title naming the type");
        assertTrue(page.contains("<html lang=\"en\">"));
    }

    @Test
    void theIndexLinksEveryErrorTypeWithItsStatus() {
        String index = given().get("/docs/errors").then().statusCode(200).header("Content-Type", HTML)
                .extract().asString();
        for (ErrorCode code : ErrorCode.values()) {
            assertTrue(index.contains("<a href=\"/docs/errors/" + code.slug() + "\"><code>" + code.name()
                    + "</code></a></td><td>" + code.status() + "</td>"), code.name());
        }
        given().get("/docs/errors/").then().statusCode(200).header("Content-Type", HTML).body(equalTo(index));
    }

    @Test
    void anUnknownErrorTypeIsA404Page() {
        for (String path : new String[] { "/docs/errors/no-such-error", "/docs/errors/INSUFFICIENT_CREDITS",
            "/docs/errors/insufficient-credits/more" }) {
            given().get(path).then().statusCode(404).header("Content-Type", HTML)
                    .body(containsString("<h1>No such error type</h1>"))
                    .body(containsString("href=\"/docs/errors\""));
        }
    }

    @Test
    void whatIsNoPageStaysTheJsonEnvelope() {
        given().get("/docs").then().statusCode(404).contentType("application/json")
                .body("error.type", equalTo("ENDPOINT_NOT_FOUND"));
        given().post("/docs/errors/invalid-request").then().statusCode(404).contentType("application/json")
                .body("error.type", equalTo("ENDPOINT_NOT_FOUND"));
        given().get("/v1/docs/errors").then().statusCode(401).contentType("application/json");
    }

    @Test
    void theDocUrlOfEveryErrorTheGatewayWritesIsAPageOnTheGatewayItself() {
        Account rich = account(100);
        Account poor = account(0);
        List<Response> errors = List.of(
                given().get("/v1/tiktok/profile?handle=someone"),
                as(rich).get("/v1/tiktok/profiles?handle=someone"),
                as(rich).get("/v1/tiktok/profile"),
                as(poor).get("/v1/tiktok/profile?handle=" + token("poor")),
                given().delete("/v1/tiktok/profile?handle=someone"),
                given().get("/no/such/route"));
        int[] statuses = { 401, 404, 400, 402, 405, 404 };
        for (int i = 0; i < errors.size(); i++) {
            Response r = errors.get(i);
            r.then().statusCode(statuses[i]);
            String type = r.jsonPath().getString("error.type");
            String docUrl = r.jsonPath().getString("error.doc_url");
            assertEquals(DOC_BASE + ErrorCode.valueOf(type).slug(), docUrl);
            given().get(URI.create(docUrl).getPath()).then().statusCode(200).header("Content-Type", HTML)
                    .body(containsString("<code>" + type + "</code>"));
        }
    }

    @Test
    void theLandingPageLinksTheReferenceTheErrorsTheStatusAndTheOpenApiDocument() {
        String landing = given().get("/").then().statusCode(200).header("Content-Type", HTML).extract().asString();
        List<String> links = new ArrayList<>();
        Matcher m = HREF.matcher(landing);
        while (m.find()) {
            links.add(m.group(1));
        }
        assertTrue(links.containsAll(List.of("/docs/api", "/docs/errors", "/v1/status", "/v1/openapi.json")), links
                .toString());
        for (String link : links) {
            assertFalse(link.startsWith("http"), "links stay on this install: " + link);
            given().get(link).then().statusCode(200);
        }
    }

    @Test
    void theApiReferenceIsSwaggerUiOverTheOpenApiDocumentWithEveryFileServedFromThisInstall() {
        String page = given().get("/docs/api").then().statusCode(200).header("Content-Type", HTML)
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .extract().asString();
        given().get("/docs/api/").then().statusCode(200).body(equalTo(page));
        List<String> assets = new ArrayList<>();
        Matcher m = ASSET.matcher(page);
        while (m.find()) {
            assets.add(m.group(1));
        }
        assertEquals(List.of("/docs/api/swagger-ui.css", "/docs/api/favicon-32x32.png", "/docs/api/favicon-16x16.png",
                "/docs/api/swagger-ui-bundle.js", "/docs/api/start.js"), assets, "only files of this install");
        assertFalse(page.contains("//"), "no absolute or protocol-relative address: nothing from a CDN");
        String[] types = { "text/css; charset=utf-8", "image/png", "image/png", "text/javascript; charset=utf-8",
            "text/javascript; charset=utf-8" };
        for (int i = 0; i < assets.size(); i++) {
            byte[] body = given().get(assets.get(i)).then().statusCode(200).header("Content-Type", types[i])
                    .header("X-Content-Type-Options", "nosniff").extract().asByteArray();
            assertTrue(body.length > 0, assets.get(i));
        }
        String bundle = given().get("/docs/api/swagger-ui-bundle.js").asString();
        assertTrue(bundle.contains("SwaggerUIBundle"), "the real Swagger UI bundle");
        String start = given().get("/docs/api/start.js").asString();
        assertTrue(start.contains("url: '/v1/openapi.json'"), start);
        assertTrue(start.contains("validatorUrl: null"), "no call to the online validator");
        assertFalse(start.contains("http"), "the start script names no other host");
        given().get("/docs/api/index.html").then().statusCode(404).contentType("application/json");
    }

    @Test
    void pagesAreWrittenOnceAndServedAsTheSameBytes() {
        assertSame(pages.page("/docs/errors/upstream-error").body(), pages.page("/docs/errors/upstream-error").body());
        assertSame(pages.page("/").body(), pages.page("/").body());
        assertEquals(null, pages.page("/v2"));
    }
}
