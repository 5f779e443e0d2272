package dev.socialcrawl.billing.charge;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;

/**
 * The PostgreSQL connection of the debit lanes, read from the datasource's own settings
 * ({@code quarkus.datasource.jdbc.url}, {@code .username}, {@code .password}) so that operators configure one
 * database, once. The JDBC URL must name one host; of its parameters {@code user}, {@code password},
 * {@code sslmode} and {@code sslrootcert} are honoured as pgjdbc reads them, the others only concern pgjdbc.
 */
final class DebitConnections {
    private static final String PREFIX = "jdbc:postgresql://";
    private static final int DEFAULT_PORT = 5432;

    private DebitConnections() {
    }

    static PgConnectOptions fromJdbc(String jdbcUrl, Optional<String> username, Optional<String> password) {
        if (jdbcUrl == null || !jdbcUrl.startsWith(PREFIX)) {
            throw unusable(jdbcUrl, "it does not start with " + PREFIX);
        }
        String rest = jdbcUrl.substring(PREFIX.length());
        int query = rest.indexOf('?');
        Map<String, String> params = params(query < 0 ? "" : rest.substring(query + 1));
        String authority = query < 0 ? rest : rest.substring(0, query);
        int slash = authority.indexOf('/');
        String database = slash < 0 ? "" : decode(authority.substring(slash + 1));
        String hostPort = slash < 0 ? authority : authority.substring(0, slash);
        if (hostPort.isEmpty() || hostPort.contains(",")) {
            throw unusable(jdbcUrl, "the debit lanes need exactly one host");
        }
        String host = hostPort;
        int port = DEFAULT_PORT;
        int colon = hostPort.lastIndexOf(':');
        if (colon > 0 && !hostPort.endsWith("]")) {
            host = hostPort.substring(0, colon);
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw unusable(jdbcUrl, "the port is not a number");
            }
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        PgConnectOptions options = new PgConnectOptions()
                .setHost(host)
                .setPort(port)
                .setDatabase(database.isEmpty() ? username.orElse(params.getOrDefault("user", "postgres")) : database)
                .setUser(username.orElse(params.getOrDefault("user", "postgres")))
                .setPassword(password.orElse(params.getOrDefault("password", "")))
                .setCachePreparedStatements(true)
                .setTcpNoDelay(true);
        ssl(options, jdbcUrl, params.getOrDefault("sslmode", "prefer"), params.get("sslrootcert"));
        return options;
    }

    /** pgjdbc's meaning of each mode: only verify-ca and verify-full check the server's certificate. */
    private static void ssl(PgConnectOptions options, String jdbcUrl, String mode, String rootCert) {
        switch (mode) {
            case "disable" -> options.setSslMode(SslMode.DISABLE);
            case "allow" -> options.setSslMode(SslMode.ALLOW).setTrustAll(true);
            case "prefer" -> options.setSslMode(SslMode.PREFER).setTrustAll(true);
            case "require" -> {
                options.setSslMode(SslMode.REQUIRE);
                if (rootCert == null) {
                    options.setTrustAll(true);
                } else {
                    options.setPemTrustOptions(new PemTrustOptions().addCertPath(rootCert));
                }
            }
            case "verify-ca", "verify-full" -> {
                if (rootCert == null) {
                    throw unusable(jdbcUrl, "sslmode=" + mode + " needs sslrootcert");
                }
                options.setSslMode(mode.equals("verify-ca") ? SslMode.VERIFY_CA : SslMode.VERIFY_FULL)
                        .setPemTrustOptions(new PemTrustOptions().addCertPath(rootCert));
                if (mode.equals("verify-full")) {
                    options.setHostnameVerificationAlgorithm("HTTPS");
                }
            }
            default -> throw unusable(jdbcUrl, "sslmode=" + mode + " is not one of pgjdbc's modes");
        }
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            params.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return params;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException unusable(String jdbcUrl, String why) {
        // The URL may carry a password: only its scheme and host part are worth showing.
        String shown = jdbcUrl == null ? "(none)" : jdbcUrl.replaceAll("\\?.*$", "?…");
        return new IllegalArgumentException("quarkus.datasource.jdbc.url " + shown + " cannot be used for debits: "
                + why);
    }
}
