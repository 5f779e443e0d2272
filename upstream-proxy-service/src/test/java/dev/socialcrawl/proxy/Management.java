package dev.socialcrawl.proxy;

import java.net.URI;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Health and metrics are served only on the management interface: requests to it, from its injected URI. */
public final class Management {
    private Management() {
    }

    public static RequestSpecification at(URI managementUri) {
        return RestAssured.given().baseUri("http://" + managementUri.getHost()).port(managementUri.getPort());
    }
}
