package dev.socialcrawl.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Every system test: the suite up, the fake upstream reset, and the ledger's integrity clean afterwards. */
abstract class SystemTestBase {
    protected final SystemSuite suite = SystemSuite.get();
    protected final Operator operator = new Operator(suite);

    @BeforeEach
    void everythingUpAndUpstreamHealthy() {
        suite.ensureAllUp();
        suite.upstream.reset();
    }

    @AfterEach
    void ledgerIntegrityIsClean() {
        suite.ensureAllUp();
        var report = operator.integrity();
        assertEquals(0, report.getInt("violations"), "ledger integrity: " + report.prettify());
    }

    protected RequestSpecification customer(ServiceProcess gateway, String key) {
        RequestSpecification spec = given().baseUri(gateway.url()).urlEncodingEnabled(true);
        return key == null ? spec : spec.header("x-api-key", key);
    }

    protected RequestSpecification customer(String key) {
        return customer(suite.gatewayA, key);
    }

    protected static void requestIdHeaderMatchesBody(Response r) {
        assertEquals(r.header("X-Request-Id"), r.jsonPath().getString("request_id"), "X-Request-Id = request_id");
    }
}
