package dev.socialcrawl.billing;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

import dev.socialcrawl.billing.dashboard.session.SessionStore;
import dev.socialcrawl.billing.dashboard.session.SignInLimiter;

/**
 * Sessions end when idle or too old, failed sign-ins are limited per user and per client address (the last
 * {@code X-Forwarded-For} entry from the loopback proxy, never one the client wrote), and the cleanup forgets both.
 * Time moves by {@link SettableClock}, never by waiting.
 */
@QuarkusTest
@TestProfile(DashboardClockProfile.class)
@QuarkusTestResource(value = FreshDatabaseResource.class, restrictToAnnotatedClass = false)
class DashboardSessionLimitsTest {
    @Inject
    SettableClock clock;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SessionStore sessions;

    @Inject
    SignInLimiter limiter;

    @Test
    void aSessionEndsAfterThirtyIdleMinutesAndTwoHoursAfterItsSignInHoweverBusy() {
        DashboardClient user = DashboardClient.signedIn("billing", null);
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofMinutes(29));
            user.get("/dashboard/accounts").then().statusCode(200);
        }
        clock.advance(Duration.ofMinutes(5));
        user.get("/dashboard/accounts").then().statusCode(302).header("Location", "/dashboard/login?ended=1");

        user.signIn().then().statusCode(303);
        user.get("/dashboard/accounts").then().statusCode(200);
        clock.advance(Duration.ofMinutes(31));
        user.get("/dashboard/accounts").then().statusCode(302).header("Location", "/dashboard/login?ended=1");
        user.get("/dashboard/login?ended=1").then().statusCode(200).body(containsString("Your session has ended"));
    }

    @Test
    void failedSignInsOfOneUserAreLimitedFromEveryAddressUntilTheWindowEnds() {
        DashboardClient user = DashboardClient.newUser("billing", null).from("203.0.113.10").signInFirstTime();
        for (int i = 1; i <= 3; i++) {
            new DashboardClient(user.name, "wrong guess " + i).from("203.0.113." + (20 + i)).signIn().then().statusCode(401);
        }
        Response limited = new DashboardClient(user.name, user.password).from("203.0.113.99").signIn();
        limited.then().statusCode(429).header("Retry-After", "900")
                .body(containsString("Too many failed sign-ins. Try again in 15 minutes."));
        assertEquals(false, limited.getHeaders().getValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("sc_dashboard_session")));

        clock.advance(Duration.ofMinutes(14));
        new DashboardClient(user.name, user.password).from("203.0.113.99").signIn().then().statusCode(429)
                .header("Retry-After", "60");
        clock.advance(Duration.ofMinutes(1));
        new DashboardClient(user.name, user.password).from("203.0.113.99").signIn().then().statusCode(303);
    }

    @Test
    void failedSignInsFromOneAddressAreLimitedWhateverTheNamesAndASpoofedForwardedForDoesNotHelp() {
        DashboardClient user = DashboardClient.newUser("billing", null).from("198.51.100.1").signInFirstTime();
        for (int i = 1; i <= 5; i++) {
            new DashboardClient("guess-" + UUID.randomUUID(), "x").from("198.51.100.7").signIn().then().statusCode(401);
        }
        new DashboardClient(user.name, user.password).from("198.51.100.7").signIn().then().statusCode(429);
        new DashboardClient(user.name, user.password).from("10.9.8.7, 198.51.100.7").signIn().then().statusCode(429);
        new DashboardClient(user.name, user.password).from("198.51.100.8").signIn().then().statusCode(303);
        new DashboardClient(user.name, user.password).from("198.51.100.7, 198.51.100.9").signIn().then().statusCode(303);
    }

    @Test
    void aSuccessGivesTheAttemptBackAndForgetsTheUsersFailures() {
        DashboardClient user = DashboardClient.newUser("billing", null).from("192.0.2.50").signInFirstTime();
        for (int round = 0; round < 3; round++) {
            String address = "192.0.2." + (60 + round);
            new DashboardClient(user.name, "wrong").from(address).signIn().then().statusCode(401);
            new DashboardClient(user.name, "wrong").from(address).signIn().then().statusCode(401);
            new DashboardClient(user.name, user.password).from(address).signIn().then().statusCode(303);
        }
    }

    @Test
    void theCleanupDeletesEndedSessionsAndEndedWindowsOnly() throws SQLException {
        sessions.deleteEnded(clock.instant());
        limiter.deleteEnded(clock.instant());
        DashboardClient user = DashboardClient.signedIn("billing", null);
        new DashboardClient(user.name, "wrong").from("192.0.2.77").signIn().then().statusCode(401);
        long liveSessions = count("SELECT count(*) FROM dashboard_sessions");
        long liveWindows = count("SELECT count(*) FROM dashboard_sign_in_failures");
        assertEquals(true, liveSessions >= 1 && liveWindows >= 2, liveSessions + " sessions, " + liveWindows + " windows");

        sessions.deleteEnded(clock.instant());
        limiter.deleteEnded(clock.instant());
        assertEquals(liveSessions, count("SELECT count(*) FROM dashboard_sessions"), "live sessions stay");
        assertEquals(liveWindows, count("SELECT count(*) FROM dashboard_sign_in_failures"), "open windows stay");

        clock.advance(Duration.ofHours(3));
        sessions.deleteEnded(clock.instant());
        limiter.deleteEnded(clock.instant());
        assertEquals(0, count("SELECT count(*) FROM dashboard_sessions"));
        assertEquals(0, count("SELECT count(*) FROM dashboard_sign_in_failures"));
        user.get("/dashboard/accounts").then().statusCode(302);
    }

    private long count(String sql) throws SQLException {
        return Database.count(dataSource, sql);
    }
}
