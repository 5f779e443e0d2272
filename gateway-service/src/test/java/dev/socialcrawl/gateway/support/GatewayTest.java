package dev.socialcrawl.gateway.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Shared helpers: accounts and keys in the fake billing, unique tokens for the fake proxy, the envelope checks. */
@QuarkusTestResource(FakeServices.class)
public abstract class GatewayTest {
    private static final AtomicInteger SEQ = new AtomicInteger();

    /** The management interface (health, metrics), which the public port does not serve. */
    @TestHTTPResource(value = "/", management = true)
    protected URI management;

    /** A request to the management interface. */
    protected RequestSpecification management() {
        return given().baseUri("http://" + management.getHost()).port(management.getPort());
    }

    /** The value of one Prometheus series (its full name with labels), 0 when it does not exist yet. */
    protected double metric(String series) {
        for (String line : management().get("/q/metrics").asString().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    protected static FakeBilling billing() {
        return FakeServices.billing();
    }

    protected static FakeProxy proxy() {
        return FakeServices.proxy();
    }

    /** A fresh account with that balance and one active key for it. */
    protected static Account account(long balance) {
        long id = billing().createAccount(balance);
        return new Account(id, billing().createKey(id));
    }

    protected record Account(long id, String key) {
    }

    /** A value no other test uses, to pick a fake proxy behaviour and to keep cache keys apart. */
    protected static String token(String label) {
        return label + "-" + SEQ.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected static RequestSpecification as(Account account) {
        return given().header("x-api-key", account.key());
    }

    /**
     * A request that was debited and then given back in full: the answer shows the whole balance again with
     * {@code X-Credits-Used: 0}, and the fake ledger holds exactly one debit and one refund for its request id.
     */
    protected static void assertRefundedInFull(Response r, Account account, long balance) {
        r.then().body("credits_remaining", org.hamcrest.Matchers.equalTo((int) balance))
                .header("X-Credits-Used", "0")
                .header("X-Credits-Remaining", Long.toString(balance));
        String id = r.jsonPath().getString("request_id");
        assertEquals(1, billing().debitsWritten(id), "debited once");
        assertEquals(1, billing().refundsWritten(id), "refunded exactly once");
        assertEquals(balance, billing().balance(account.id()));
    }

    /** Every response: one X-Request-Id header equal to the body's request_id. */
    protected static Response checkedId(Response r) {
        assertEquals(1, r.headers().getValues("X-Request-Id").size(), "exactly one X-Request-Id header");
        assertEquals(r.header("X-Request-Id"), r.jsonPath().getString("request_id"), "X-Request-Id = request_id");
        return r;
    }
}
