package dev.socialcrawl.gateway.meta;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import dev.socialcrawl.catalog.Catalog;
import dev.socialcrawl.catalog.Endpoint;
import dev.socialcrawl.catalog.data.DataExamples;
import dev.socialcrawl.catalog.data.DataSchemas;
import dev.socialcrawl.catalog.data.SchemaCheck;
import dev.socialcrawl.gateway.support.GatewayTest;

/**
 * {@code /v1/openapi.json} as served: a valid OpenAPI 3.1 document by a real validator, whose data schemas are the
 * catalogue's (which the proxy's answers are tested against) and whose every example is valid against its schema.
 */
@QuarkusTest
class OpenApiDocumentTest extends GatewayTest {
    private static final String SCHEMAS = "#/components/schemas/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Catalog CATALOG = Catalog.loadDefault();
    private static String text;
    private static JsonNode doc;
    private static SchemaCheck check;

    @BeforeEach
    void fetchOnce() throws Exception {
        if (text != null) {
            return;
        }
        text = given().get("/v1/openapi.json").then().statusCode(200).contentType("application/json").extract()
                .asString();
        doc = JSON.readTree(text);
        Map<String, JsonNode> schemas = new java.util.LinkedHashMap<>();
        doc.at("/components/schemas").fields().forEachRemaining(e -> schemas.put(e.getKey(), e.getValue()));
        check = new SchemaCheck(schemas, SCHEMAS);
    }

    @Test
    void aRealValidatorFindsNoErrorAndNoWarningInTheDocument() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);
        assertEquals(List.of(), result.getMessages());
        assertEquals("3.1.0", result.getOpenAPI().getOpenapi());
        assertEquals(CATALOG.endpoints().size() + 4, result.getOpenAPI().getPaths().size());
        // The same validator does speak up: a reference to nowhere is reported.
        String broken = text.replace("\"" + SCHEMAS + "PostData\"", "\"" + SCHEMAS + "NoSuchSchema\"");
        assertTrue(!new OpenAPIV3Parser().readContents(broken, null, options).getMessages().isEmpty());
    }

    @Test
    void theServerIsThePublicBaseUrlOfTheInstall() {
        assertEquals("http://localhost:8080", doc.at("/servers/0/url").asText());
    }

    @Test
    void theDataSchemasAreTheCataloguesAndEveryEndpointAnswersItsOwn() {
        new DataSchemas(SCHEMAS).all().forEach((name, schema) -> assertEquals(schema, doc.at("/components/schemas")
                .get(name), name + " is published as the catalogue makes it"));
        for (Endpoint e : CATALOG.endpoints()) {
            JsonNode ok = ok(e.path());
            String envelope = ok.at("/content/application~1json/schema/$ref").asText();
            assertEquals(SCHEMAS + DataSchemas.nameFor(e) + "Response", envelope, e.path());
            JsonNode data = doc.at("/components/schemas/" + DataSchemas.nameFor(e) + "Response/allOf/1/properties/data");
            assertEquals(SCHEMAS + DataSchemas.nameFor(e), data.at("/anyOf/0/$ref").asText(), e.path());
            assertEquals(SCHEMAS + DataSchemas.RAW_DATA, data.at("/anyOf/1/$ref").asText(), "format=raw");
        }
    }

    @Test
    void everyCatalogueEndpointShowsItsSandboxRequestAndAnswer() {
        Map<String, DataExamples.Example> examples = DataExamples.load();
        for (Endpoint e : CATALOG.endpoints()) {
            JsonNode example = ok(e.path()).at("/content/application~1json/examples/example/value");
            assertEquals(examples.get(e.path()).data(), example.get("data"), e.path());
            assertEquals(e.cost(), example.get("credits_used").asLong(), e.path());
            JsonNode params = doc.at("/paths/" + e.path().replace("/", "~1") + "/get/parameters");
            examples.get(e.path()).query().forEach((name, value) -> {
                JsonNode param = find(params, name);
                assertEquals(value, param.path("example").asText(), e.path() + " " + name);
            });
        }
    }

    @Test
    void everyExampleIsValidAgainstTheSchemaItIllustrates() {
        List<String> checked = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        forEachMediaType((where, media) -> {
            JsonNode schema = media.get("schema");
            for (Iterator<Map.Entry<String, JsonNode>> it = media.path("examples").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> example = it.next();
                checked.add(where);
                List<String> errors = check.errors(schema, example.getValue().get("value"));
                if (!errors.isEmpty()) {
                    failures.add(where + " " + example.getKey() + ": " + errors);
                }
            }
        });
        assertEquals(List.of(), failures);
        // 108 catalogue answers, 3 meta answers, 13 error types in 11 shared answers.
        assertEquals(CATALOG.endpoints().size() + 3 + 13, checked.size(), checked.toString());
    }

    @Test
    void everyOperationDocumentsTheRequestIdAndEveryCatalogueOperationItsRequestHeaders() {
        doc.get("paths").fields().forEachRemaining(path -> {
            JsonNode get = path.getValue().get("get");
            get.get("responses").fields().forEachRemaining(r -> {
                JsonNode response = r.getValue().has("$ref") ? resolve(r.getValue().get("$ref").asText())
                        : r.getValue();
                assertTrue(response.at("/headers/X-Request-Id").has("$ref"), path.getKey() + " " + r.getKey());
            });
            if (path.getKey().equals("/v1/status") || path.getKey().equals("/v1/openapi.json")) {
                assertEquals(0, get.get("security").size(), path.getKey() + " needs no key");
            }
        });
        for (Endpoint e : CATALOG.endpoints()) {
            JsonNode params = doc.at("/paths/" + e.path().replace("/", "~1") + "/get/parameters");
            List<String> refs = new ArrayList<>();
            params.forEach(p -> refs.add(p.path("$ref").asText()));
            assertTrue(refs.containsAll(List.of("#/components/parameters/Format",
                    "#/components/parameters/IdempotencyKey", "#/components/parameters/CacheControl")), e.path());
        }
        assertEquals(List.of("HIT", "MISS", "STALE"), JSON.convertValue(doc.at("/components/headers/X-Cache/schema/enum"),
                List.class));
    }

    private interface MediaVisitor {
        void visit(String where, JsonNode media);
    }

    private static void forEachMediaType(MediaVisitor visitor) {
        doc.get("paths").fields().forEachRemaining(path -> path.getValue().get("get").get("responses").fields()
                .forEachRemaining(r -> {
                    if (!r.getValue().has("$ref")) {
                        r.getValue().path("content").fields().forEachRemaining(m -> visitor.visit(path.getKey() + " "
                                + r.getKey(), m.getValue()));
                    }
                }));
        doc.at("/components/responses").fields().forEachRemaining(r -> r.getValue().path("content").fields()
                .forEachRemaining(m -> visitor.visit(r.getKey(), m.getValue())));
    }

    private static JsonNode ok(String path) {
        return doc.at("/paths/" + path.replace("/", "~1") + "/get/responses/200");
    }

    private static JsonNode resolve(String ref) {
        return doc.at(ref.substring(1));
    }

    private static JsonNode find(JsonNode params, String name) {
        for (JsonNode p : params) {
            if (name.equals(p.path("name").asText())) {
                return p;
            }
        }
        return ((ObjectNode) JSON.createObjectNode()).put("missing", name);
    }
}
