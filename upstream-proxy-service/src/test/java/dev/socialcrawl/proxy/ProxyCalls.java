package dev.socialcrawl.proxy;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** REST Assured requests as the gateway sends them: with the test profile's internal service token. */
public final class ProxyCalls {
    public static final String TOKEN_HEADER = "X-Internal-Token";
    /** {@code %test.proxy.internal-token} in application.properties. */
    public static final String TEST_TOKEN = "test-proxy-token";

    private ProxyCalls() {
    }

    public static RequestSpecification given() {
        return RestAssured.given().header(TOKEN_HEADER, TEST_TOKEN);
    }
}
