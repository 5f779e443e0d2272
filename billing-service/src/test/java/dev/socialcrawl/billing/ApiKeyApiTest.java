package dev.socialcrawl.billing;

import static dev.socialcrawl.billing.Api.admin;
import static dev.socialcrawl.billing.Api.internal;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.socialcrawl.billing.apikey.KeyMaterial;

@QuarkusTest
@QuarkusTestResource(value = FreshDatabaseResource.class, restrictToAnnotatedClass = false)
class ApiKeyApiTest {

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "socialcrawl.redis.key-prefix")
    String prefix;

    @Test
    void aNewKeyIsShownOnceInTheScFormatAndVerifiesByItsHash() {
        long account = Api.newAccount();
        JsonPath created = admin().body(Map.of("name", "ci")).post("/admin/accounts/" + account + "/keys")
                .then().statusCode(201)
                .body("key", matchesPattern("sc_[A-Za-z0-9_-]{43}"))
                .body("name", equalTo("ci"))
                .body("expires_at", nullValue())
                .extract().jsonPath();
        String key = created.getString("key");
        assertEquals(46, key.length());
        assertEquals(key.substring(42), created.getString("last4"));

        internal().get("/internal/keys/" + KeyMaterial.hash(key)).then().statusCode(200)
                .body("account_id", equalTo((int) account))
                .body("key_id", equalTo(created.getInt("id")))
                .body("status", equalTo("active"))
                .body("expires_at", nullValue());
    }

    @Test
    void theKeyListNeverShowsTheSecretNorTheHash() {
        long account = Api.newAccount();
        String key = createKey(account, "one");
        String body = admin().get("/admin/accounts/" + account + "/keys").then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].last4", equalTo(key.substring(42)))
                .body("[0].status", equalTo("active"))
                .body(not(containsString(key)))
                .body(not(containsString(KeyMaterial.hash(key))))
                .extract().asString();
        assertFalse(body.contains("\"key\""), "no key field in the list");
    }

    @Test
    void aRevokedKeyVerifiesAsRevokedOnTheVeryNextCallAndTheGatewaysAreTold() {
        long account = Api.newAccount();
        String key = createKey(account, "to revoke");
        String hash = KeyMaterial.hash(key);
        long keyId = internal().get("/internal/keys/" + hash).then().statusCode(200).extract().jsonPath().getLong("key_id");
        List<String> messages = new CopyOnWriteArrayList<>();
        PubSubCommands.RedisSubscriber subscriber = redis.pubsub(String.class)
                .subscribe(prefix + "key-revocations", messages::add);
        try {
            admin().delete("/admin/accounts/" + account + "/keys/" + keyId).then().statusCode(204);

            internal().get("/internal/keys/" + hash).then().statusCode(200).body("status", equalTo("revoked"));
            assertEquals("1", redis.value(String.class).get(prefix + "revoked-key:" + hash));
            await().atMost(Duration.ofSeconds(5)).until(() -> messages.contains(hash));
        } finally {
            subscriber.unsubscribe();
        }
        admin().get("/admin/accounts/" + account + "/keys").then().body("[0].status", equalTo("revoked"))
                .body("[0].revoked_at", matchesPattern("\\d{4}-.*Z"));
    }

    @Test
    void revokingTwiceIsA204AndAnUnknownKeyIsA404() {
        long account = Api.newAccount();
        String key = createKey(account, "k");
        long keyId = internal().get("/internal/keys/" + KeyMaterial.hash(key)).then().extract().jsonPath().getLong("key_id");
        admin().delete("/admin/accounts/" + account + "/keys/" + keyId).then().statusCode(204);
        admin().delete("/admin/accounts/" + account + "/keys/" + keyId).then().statusCode(204);
        admin().delete("/admin/accounts/" + account + "/keys/99999999").then().statusCode(404)
                .body("error.type", equalTo("RESOURCE_NOT_FOUND"))
                .body("error.message", equalTo("Key 99999999 does not exist on account " + account + "."));
        long other = Api.newAccount();
        admin().delete("/admin/accounts/" + other + "/keys/" + keyId).then().statusCode(404);
    }

    @Test
    void anAccountHasAtMostFiveActiveKeysAndRevokingFreesASlot() {
        long account = Api.newAccount();
        for (int i = 0; i < 5; i++) {
            createKey(account, "k" + i);
        }
        admin().body(Map.of("name", "sixth")).post("/admin/accounts/" + account + "/keys").then().statusCode(400)
                .body("error.type", equalTo("INVALID_REQUEST"))
                .body("error.message", equalTo("Account " + account + " already has 5 active keys (the limit is 5); revoke one first."));
        long first = admin().get("/admin/accounts/" + account + "/keys").then().extract().jsonPath().getLong("[0].id");
        admin().delete("/admin/accounts/" + account + "/keys/" + first).then().statusCode(204);
        admin().body(Map.of("name", "sixth")).post("/admin/accounts/" + account + "/keys").then().statusCode(201);
    }

    @Test
    void anExpiredKeyVerifiesAsExpired() throws Exception {
        long account = Api.newAccount();
        Instant soon = Instant.now().plus(1, ChronoUnit.SECONDS);
        String key = admin().body(Map.of("name", "short", "expires_at", soon.toString()))
                .post("/admin/accounts/" + account + "/keys").then().statusCode(201)
                .body("expires_at", equalTo(soon.truncatedTo(ChronoUnit.MICROS).toString()))
                .extract().jsonPath().getString("key");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> internal().get("/internal/keys/" + KeyMaterial.hash(key))
                .then().statusCode(200).body("status", equalTo("expired")));
    }

    @Test
    void badKeyRequestsAreRefusedPrecisely() {
        long account = Api.newAccount();
        admin().body(Map.of("name", "old", "expires_at", "2001-01-01T00:00:00Z"))
                .post("/admin/accounts/" + account + "/keys").then().statusCode(400)
                .body("error.message", equalTo("Invalid request body: field 'expires_at' must be in the future."));
        admin().body(Map.of("name", "x", "expires_at", "tomorrow"))
                .post("/admin/accounts/" + account + "/keys").then().statusCode(400)
                .body("error.message", equalTo("Invalid request body: field 'expires_at' has the wrong type or format."));
        admin().body(Map.of("name", "y".repeat(201))).post("/admin/accounts/" + account + "/keys").then().statusCode(400)
                .body("error.message", equalTo("Invalid request body: field 'name' is longer than 200 characters."));
        admin().body(Map.of("name", "z")).post("/admin/accounts/99999999/keys").then().statusCode(404)
                .body("error.type", equalTo("RESOURCE_NOT_FOUND"));
        admin().get("/admin/accounts/99999999/keys").then().statusCode(404);
        admin().get("/admin/accounts/" + account + "/keys").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void verifyingAMalformedHashIsA400AndAnUnknownHashIsA404() {
        internal().get("/internal/keys/not-a-hash").then().statusCode(400)
                .body("error.type", equalTo("INVALID_REQUEST"));
        internal().get("/internal/keys/" + "A".repeat(64)).then().statusCode(400);
        internal().get("/internal/keys/" + KeyMaterial.hash("sc_unknown")).then().statusCode(404)
                .body("error.type", equalTo("INVALID_API_KEY"))
                .body("error.status", equalTo(404));
    }

    @Test
    void keyVerificationNeedsTheInternalTokenAndKeyAdminNeedsTheAdminToken() {
        String hash = KeyMaterial.hash("sc_x");
        given().get("/internal/keys/" + hash).then().statusCode(401)
                .body("error.type", equalTo("INVALID_API_KEY"))
                .body("error.message", equalTo("Missing or invalid internal service token."));
        given().header("X-Internal-Token", "nope").get("/internal/keys/" + hash).then().statusCode(401);
        admin().get("/internal/keys/" + hash).then().statusCode(401)
                .body("error.message", equalTo("Missing or invalid internal service token."));
        internal().get("/admin/accounts/1/keys").then().statusCode(401);
        internal().delete("/admin/accounts/1/keys/1").then().statusCode(401);
    }

    private static String createKey(long account, String name) {
        return admin().body(Map.of("name", name)).post("/admin/accounts/" + account + "/keys").then().statusCode(201)
                .extract().jsonPath().getString("key");
    }
}
