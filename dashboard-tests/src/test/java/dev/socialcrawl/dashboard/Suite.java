package dev.socialcrawl.dashboard;

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
 * The services behind the dashboard for one test run: the packaged billing (which serves the pages), the proxy with
 * its sandbox upstream and a gateway (to prove a key made in the dashboard works), on free ports, with a fresh
 * PostgreSQL database and Redis key prefix. Started once per JVM, stopped by a shutdown hook.
 *
 * <p>The browser's base address is one setting, {@code -Ddashboard.via=gateway|billing}: by default the gateway's public
 * port, the way users come in; {@code billing} rules the gateway out when a test fails.
 */
final class Suite {
    static final String ADMIN_TOKEN = "dashboard-admin-" + UUID.randomUUID();
    static final String INTERNAL_TOKEN = "dashboard-internal-" + UUID.randomUUID();
    static final String PROXY_TOKEN = "dashboard-proxy-" + UUID.randomUUID();

    private static Suite instance;

    private final String runId = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String database = "dashtest_" + runId;
    final ServiceProcess billing;
    final ServiceProcess proxy;
    final ServiceProcess gateway;
    final Admin admin;
    final ActivityStream activity;

    static synchronized Suite get() {
        if (instance == null) {
            instance = new Suite();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::shutdown));
            instance.startAll();
        }
        return instance;
    }

    private Suite() {
        Path root = Path.of(System.getProperty("dashboard.services.root", "..")).toAbsolutePath().normalize();
        Path logs = Path.of(System.getProperty("dashboard.logs", "target/service-logs"));
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sql("CREATE DATABASE " + database);
        String redis = System.getenv().getOrDefault("DASHBOARD_REDIS", "redis://127.0.0.1:6379");
        String prefix = "dashtest-" + runId + ":";
        Map<String, String> common = Map.of(
                "QUARKUS_REDIS_HOSTS", redis,
                "SOCIALCRAWL_REDIS_KEY_PREFIX", prefix,
                "BILLING_INTERNAL_TOKEN", INTERNAL_TOKEN,
                "PROXY_INTERNAL_TOKEN", PROXY_TOKEN,
                "QUARKUS_SHUTDOWN_TIMEOUT", "5s");

        Map<String, String> billingEnv = new HashMap<>(common);
        billingEnv.put("QUARKUS_DATASOURCE_JDBC_URL", pgBase() + database);
        billingEnv.put("QUARKUS_DATASOURCE_USERNAME", pgUser());
        billingEnv.put("QUARKUS_DATASOURCE_PASSWORD", System.getenv().getOrDefault("TEST_PG_PASSWORD", ""));
        billingEnv.put("BILLING_ADMIN_TOKEN", ADMIN_TOKEN);
        billing = new ServiceProcess("billing", root.resolve("billing-service/target/quarkus-app/quarkus-run.jar"), billingEnv,
                logs);

        Map<String, String> proxyEnv = new HashMap<>(common);
        proxyEnv.put("UPSTREAM_SANDBOX_ENABLED", "true");
        proxy = new ServiceProcess("proxy", root.resolve("upstream-proxy-service/target/quarkus-app/quarkus-run.jar"), proxyEnv,
                logs);

        Map<String, String> gatewayEnv = new HashMap<>(common);
        gatewayEnv.put("QUARKUS_REST_CLIENT_BILLING_URL", billing.url());
        gatewayEnv.put("QUARKUS_REST_CLIENT_PROXY_URL", proxy.url());
        gateway = new ServiceProcess("gateway", root.resolve("gateway-service/target/quarkus-app/quarkus-run.jar"), gatewayEnv,
                logs);
        admin = new Admin(billing.url(), ADMIN_TOKEN);
        activity = new ActivityStream(redis, prefix);
    }

    /** Where the browser finds the dashboard: billing's own port, or the gateway's public port. */
    String dashboardBase() {
        String via = System.getProperty("dashboard.via", "gateway");
        return switch (via) {
            case "billing" -> billing.url();
            case "gateway" -> gateway.url();
            default -> throw new IllegalArgumentException("-Ddashboard.via must be billing or gateway, not " + via);
        };
    }

    private void startAll() {
        List<ServiceProcess> all = List.of(billing, proxy, gateway);
        all.forEach(ServiceProcess::start);
        CompletableFuture.allOf(all.stream().map(p -> CompletableFuture.runAsync(p::awaitReady))
                .toArray(CompletableFuture[]::new)).join();
    }

    private void shutdown() {
        List.of(gateway, proxy, billing).forEach(ServiceProcess::stop);
        try {
            sql("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (IllegalStateException e) {
            System.err.println("could not drop " + database + ": " + e.getMessage());
        }
    }

    private static String pgServer() {
        return System.getenv().getOrDefault("TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    }

    private static String pgBase() {
        String s = pgServer();
        return s.substring(0, s.lastIndexOf('/') + 1);
    }

    private static String pgUser() {
        return System.getenv().getOrDefault("TEST_PG_USER", "postgres");
    }

    private static void sql(String statement) {
        try (Connection c = DriverManager.getConnection(pgServer(), pgUser(), System.getenv().getOrDefault("TEST_PG_PASSWORD", ""));
                Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL on " + pgServer() + ": " + e.getMessage() + " (is it running? see README)", e);
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
