package dev.socialcrawl.billing.charge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;

/** The debit lanes' connection comes from the datasource's JDBC URL and credentials, read the way pgjdbc reads them. */
class DebitConnectionsTest {

    @Test
    void hostPortDatabaseAndTheDatasourceCredentials() {
        PgConnectOptions o = DebitConnections.fromJdbc("jdbc:postgresql://db.internal:6543/socialcrawl",
                Optional.of("billing"), Optional.of("s3cret"));
        assertEquals("db.internal", o.getHost());
        assertEquals(6543, o.getPort());
        assertEquals("socialcrawl", o.getDatabase());
        assertEquals("billing", o.getUser());
        assertEquals("s3cret", o.getPassword());
        assertTrue(o.getCachePreparedStatements());
        assertEquals(SslMode.PREFER, o.getSslMode(), "pgjdbc's default");
    }

    @Test
    void theDefaultPortAndCredentialsFromTheUrlWhenTheDatasourceHasNone() {
        PgConnectOptions o = DebitConnections.fromJdbc(
                "jdbc:postgresql://127.0.0.1/ledger?user=app&password=p%40ss&ApplicationName=billing",
                Optional.empty(), Optional.empty());
        assertEquals(5432, o.getPort());
        assertEquals("ledger", o.getDatabase());
        assertEquals("app", o.getUser());
        assertEquals("p@ss", o.getPassword());
    }

    @Test
    void sslModesMeanWhatTheyMeanToPgjdbc() {
        PgConnectOptions require = DebitConnections.fromJdbc("jdbc:postgresql://h/d?sslmode=require",
                Optional.of("u"), Optional.empty());
        assertEquals(SslMode.REQUIRE, require.getSslMode());
        assertTrue(require.isTrustAll(), "require encrypts without checking the certificate");

        PgConnectOptions full = DebitConnections.fromJdbc(
                "jdbc:postgresql://h/d?sslmode=verify-full&sslrootcert=/etc/pg/root.crt", Optional.of("u"),
                Optional.empty());
        assertEquals(SslMode.VERIFY_FULL, full.getSslMode());
        assertFalse(full.isTrustAll());
        assertEquals("HTTPS", full.getHostnameVerificationAlgorithm());
        assertEquals("/etc/pg/root.crt", full.getPemTrustOptions().getCertPaths().get(0));

        assertEquals(SslMode.DISABLE, DebitConnections.fromJdbc("jdbc:postgresql://h/d?sslmode=disable",
                Optional.of("u"), Optional.empty()).getSslMode());
    }

    @Test
    void whatTheDebitLanesCannotUseIsRefusedWithoutShowingTheParameters() {
        IllegalArgumentException twoHosts = assertThrows(IllegalArgumentException.class, () -> DebitConnections
                .fromJdbc("jdbc:postgresql://a:5432,b:5432/d?password=hidden", Optional.empty(), Optional.empty()));
        assertTrue(twoHosts.getMessage().contains("exactly one host"), twoHosts.getMessage());
        assertFalse(twoHosts.getMessage().contains("hidden"), "no parameter (a password) in the message");

        assertThrows(IllegalArgumentException.class, () -> DebitConnections.fromJdbc("jdbc:mysql://h/d",
                Optional.empty(), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> DebitConnections.fromJdbc(
                "jdbc:postgresql://h/d?sslmode=verify-ca", Optional.empty(), Optional.empty()));
    }
}
