package dev.socialcrawl.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The whole suite for one test run: a fresh PostgreSQL database, a fresh Redis key prefix, the fake upstream,
 * billing, the proxy and two gateways on one Redis — all on free ports, so a developer's running suite is
 * never touched. Started once per JVM, stopped by a shutdown hook.
 */
final class SystemSuite {
    static final String ADMIN_TOKEN = "system-admin-" + UUID.randomUUID();
    static final String INTERNAL_TOKEN = "system-internal-" + UUID.randomUUID();
    static final String PROXY_TOKEN = "system-proxy-" + UUID.randomUUID();
    /** Short bounds so failure paths take seconds; the sweeper bound stays above the upstream timeout. */
    static final int UPSTREAM_TIMEOUT_MS = 3000;
    static final int BREAKER_VOLUME = 4;
    static final int BREAKER_DELAY_S = 4;
    static final int SWEEPER_BOUND_S = 8;

    private static SystemSuite instance;

    final String runId = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    final String database = "systest_" + runId;
    final String redisPrefix = "systest-" + runId + ":";
    final FakeUpstream upstream;
    final Path logs;
    final ServiceProcess billing;
    final ServiceProcess proxy;
    final ServiceProcess gatewayA;
    final ServiceProcess gatewayB;

    static synchronized SystemSuite get() {
        if (instance == null) {
            instance = new SystemSuite();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::shutdown));
            instance.startAll();
        }
        return instance;
    }

    private SystemSuite() {
        Path root = Path.of(System.getProperty("system.services.root", "..")).toAbsolutePath().normalize();
        logs = Path.of(System.getProperty("system.logs", "target/system-logs"));
        try {
            Files.createDirectories(logs);
            upstream = new FakeUpstream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        createDatabase();

        Map<String, String> common = Map.of(
                "QUARKUS_REDIS_HOSTS", System.getenv().getOrDefault("SYSTEM_REDIS", "redis://127.0.0.1:6379"),
                "SOCIALCRAWL_REDIS_KEY_PREFIX", redisPrefix,
                "BILLING_INTERNAL_TOKEN", INTERNAL_TOKEN,
                "PROXY_INTERNAL_TOKEN", PROXY_TOKEN,
                "QUARKUS_SHUTDOWN_TIMEOUT", "20s");

        Map<String, String> billingEnv = new HashMap<>(common);
        billingEnv.put("QUARKUS_DATASOURCE_JDBC_URL", pgBase() + database);
        billingEnv.put("QUARKUS_DATASOURCE_USERNAME", pgUser());
        billingEnv.put("QUARKUS_DATASOURCE_PASSWORD", System.getenv().getOrDefault("TEST_PG_PASSWORD", ""));
        billingEnv.put("BILLING_ADMIN_TOKEN", ADMIN_TOKEN);
        billingEnv.put("BILLING_SWEEPER_UNSETTLED_AFTER", SWEEPER_BOUND_S + "s");
        billingEnv.put("BILLING_SWEEPER_INTERVAL", "1s");
        billing = new ServiceProcess("billing", root.resolve("billing-service/target/quarkus-app/quarkus-run.jar"),
                freePort(), billingEnv, logs);

        Map<String, String> proxyEnv = new HashMap<>(common);
        proxyEnv.put("UPSTREAM_BASE_URL", "http://127.0.0.1:" + upstream.port());
        proxyEnv.put("UPSTREAM_API_KEY", FakeUpstream.UPSTREAM_KEY);
        proxyEnv.put("UPSTREAM_SANDBOX_ENABLED", "false");
        proxyEnv.put("UPSTREAM_DEFAULTS_TIMEOUT", UPSTREAM_TIMEOUT_MS + "ms");
        proxyEnv.put("UPSTREAM_DEFAULTS_CIRCUIT_BREAKER_REQUEST_VOLUME_THRESHOLD", Integer.toString(BREAKER_VOLUME));
        proxyEnv.put("UPSTREAM_DEFAULTS_CIRCUIT_BREAKER_FAILURE_RATIO", "0.5");
        proxyEnv.put("UPSTREAM_DEFAULTS_CIRCUIT_BREAKER_DELAY", BREAKER_DELAY_S + "s");
        proxyEnv.put("UPSTREAM_DEFAULTS_CIRCUIT_BREAKER_SUCCESS_THRESHOLD", "1");
        proxy = new ServiceProcess("proxy", root.resolve("upstream-proxy-service/target/quarkus-app/quarkus-run.jar"),
                freePort(), proxyEnv, logs);

        Map<String, String> gatewayEnv = new HashMap<>(common);
        gatewayEnv.put("QUARKUS_REST_CLIENT_BILLING_URL", billing.url());
        gatewayEnv.put("QUARKUS_REST_CLIENT_PROXY_URL", proxy.url());
        gatewayEnv.put("GATEWAY_ACCESS_LOG_ENABLED", "true");
        gatewayA = new ServiceProcess("gateway-a", root.resolve("gateway-service/target/quarkus-app/quarkus-run.jar"),
                freePort(), gatewayEnv, logs);
        gatewayB = new ServiceProcess("gateway-b", root.resolve("gateway-service/target/quarkus-app/quarkus-run.jar"),
                freePort(), gatewayEnv, logs);
    }

    private void startAll() {
        List<ServiceProcess> all = List.of(billing, proxy, gatewayA, gatewayB);
        all.forEach(ServiceProcess::start);
        CompletableFuture.allOf(all.stream().map(p -> CompletableFuture.runAsync(p::awaitReady))
                .toArray(CompletableFuture[]::new)).join();
    }

    List<ServiceProcess> gateways() {
        return List.of(gatewayA, gatewayB);
    }

    /** Restarts whatever a failure test stopped, so the next test finds the whole suite up. */
    void ensureAllUp() {
        for (ServiceProcess p : List.of(billing, proxy, gatewayA, gatewayB)) {
            if (!p.alive()) {
                p.start().awaitReady();
            }
        }
    }

    private void shutdown() {
        for (ServiceProcess p : List.of(gatewayA, gatewayB, proxy, billing)) {
            p.stop();
        }
        upstream.close();
        dropDatabase();
    }

    private void createDatabase() {
        sql("CREATE DATABASE " + database);
    }

    private void dropDatabase() {
        try {
            sql("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (IllegalStateException e) {
            System.err.println("could not drop " + database + ": " + e.getMessage());
        }
    }

    private static String pgServer() {
        return System.getenv().getOrDefault("TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    }

    static String pgBase() {
        String s = pgServer();
        return s.substring(0, s.lastIndexOf('/') + 1);
    }

    static String pgUser() {
        return System.getenv().getOrDefault("TEST_PG_USER", "postgres");
    }

    static void sql(String statement) {
        try (Connection c = DriverManager.getConnection(pgServer(), pgUser(),
                System.getenv().getOrDefault("TEST_PG_PASSWORD", ""));
                Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL on " + pgServer() + ": " + e.getMessage()
                    + " (is it running? see README)", e);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
