package dev.socialcrawl.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

import dev.socialcrawl.catalog.Catalog;
import dev.socialcrawl.catalog.Endpoint;
import dev.socialcrawl.catalog.ParamSpec;
import dev.socialcrawl.gateway.support.GatewayTest;

/** Every one of the 108 catalogue endpoints: a valid request is served and charged, an invalid one is a free 400. */
@QuarkusTest
class CatalogueCoverageTest extends GatewayTest {
    private static final Catalog CATALOG = Catalog.loadDefault();
    private static Account account;

    static Stream<Endpoint> endpoints() {
        return CATALOG.endpoints().stream();
    }

    @BeforeAll
    static void anAccountRichEnoughForEveryEndpoint() {
        account = account(10_000);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void aValidRequestIsServedAndChargedTheEndpointsCost(Endpoint endpoint) {
        RequestSpecification request = given().header("x-api-key", account.key()).header("Cache-Control", "no-cache");
        validParams(endpoint).forEach(request::queryParam);
        request.get(endpoint.path()).then().statusCode(200)
                .body("platform", equalTo(endpoint.platform()))
                .body("endpoint", equalTo(endpoint.path()))
                .body("credits_used", equalTo((int) endpoint.cost()))
                .header("X-Cache", "MISS");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void anInvalidRequestIsA400NamingTheParam(Endpoint endpoint) {
        RequestSpecification request = given().header("x-api-key", account.key());
        if (!endpoint.required().isEmpty()) {
            Map<String, String> params = validParams(endpoint);
            endpoint.required().forEach(params::remove);
            params.forEach(request::queryParam);
            request.get(endpoint.path()).then().statusCode(400)
                    .body("error.type", equalTo("INVALID_REQUEST"))
                    .body("error.message", equalTo("Missing required parameter(s): "
                            + String.join(", ", endpoint.required())));
        } else {
            validParams(endpoint).forEach(request::queryParam);
            request.queryParam("not_a_param", "1").get(endpoint.path()).then().statusCode(400)
                    .body("error.type", equalTo("INVALID_REQUEST"))
                    .body("error.message", startsWith("Unknown parameter 'not_a_param'"));
        }
    }

    /** The required params and the first member of each oneOf group, each with a value its validator accepts. */
    static Map<String, String> validParams(Endpoint endpoint) {
        Map<String, String> params = new LinkedHashMap<>();
        endpoint.required().forEach(name -> params.put(name, value(endpoint, endpoint.params().get(name))));
        for (List<String> group : endpoint.oneOf()) {
            params.put(group.get(0), value(endpoint, endpoint.params().get(group.get(0))));
        }
        return params;
    }

    private static String value(Endpoint endpoint, ParamSpec spec) {
        return switch (spec.type()) {
            case HANDLE -> "someone_" + endpoint.platform();
            case URL -> {
                List<String> hosts = CATALOG.platform(endpoint.platform()).orElseThrow().urlHosts();
                yield "https://" + (hosts.isEmpty() ? "images.example.com" : "www." + hosts.get(0)) + "/some/thing";
            }
            case SUBREDDIT -> "pics";
            case INT -> "10";
            case BOOL -> "true";
            case ENUM -> spec.values().get(0);
            case STRING -> "some text";
        };
    }
}
