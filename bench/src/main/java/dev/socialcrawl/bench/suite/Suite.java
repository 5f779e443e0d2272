package dev.socialcrawl.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A freshly started suite for one benchmark run: the bench servers (bare loopback + fake upstream) in their own
 * JVM, then billing, upstream proxy and gateway from their packaged jars (prod profile) on free ports, with a
 * fresh PostgreSQL database, a fresh Redis key prefix and random tokens. {@link #close()} stops everything and
 * removes the database and the Redis keys.
 */
public final class Suite implements AutoCloseable {

    public static final String BILLING = "billing-service";
    public static final String PROXY = "upstream-proxy-service";
    public static final String GATEWAY = "gateway-service";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    private final SuiteConfig config;
    private final List<ChildProcess> processes = new ArrayList<>();
    private final Map<String, ChildProcess> services = new HashMap<>();
    private final String redisPrefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    private final String adminToken = randomToken();
    private final String internalToken = randomToken();
    private final String proxyToken = randomToken();
    private FreshDatabase database;
    private final Map<String, String> serviceEnv = new HashMap<>();
    private ChildProcess benchServers;
    private int barePort;
    private int upstreamPort;

    private final AtomicBoolean closed = new AtomicBoolean();

    private Suite(SuiteConfig config) {
        this.config = config;
        // Java does not stop child processes on exit: Ctrl-C must not leave services running.
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "bench-suite-stop"));
    }

    /** Starts the bench servers only (enough for the baselines and the harness's own checks). */
    public static Suite startServers(SuiteConfig config) throws IOException {
        Suite suite = new Suite(config);
        try {
            suite.startBenchServers();
            return suite;
        } catch (IOException | RuntimeException e) {
            suite.close();
            throw e;
        }
    }

    /** Starts the three services, one after the other so each start-up time is its own. */
    public void startServices() throws IOException, SQLException {
        for (String module : List.of(BILLING, PROXY, GATEWAY)) {
            if (!Files.isRegularFile(config.jar(module))) {
                throw new IllegalStateException("No packaged " + module + " at " + config.jar(module)
                        + ": build it with ./mvnw -B -DskipTests package");
            }
        }
        database = FreshDatabase.create(config.pgHost(), config.pgPort(), config.pgUser(), config.pgPassword());
        int billingPort = Ports.free();
        int proxyPort = Ports.free();
        int gatewayPort = Ports.free();
        Map<String, String> env = serviceEnv;
        env.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", config.pgUser());
        env.put("QUARKUS_DATASOURCE_PASSWORD", config.pgPassword());
        env.put("QUARKUS_REDIS_HOSTS", config.redisHosts());
        env.put("SOCIALCRAWL_REDIS_KEY_PREFIX", redisPrefix);
        env.put("BILLING_ADMIN_TOKEN", adminToken);
        env.put("BILLING_INTERNAL_TOKEN", internalToken);
        env.put("PROXY_INTERNAL_TOKEN", proxyToken);
        env.put("QUARKUS_REST_CLIENT_BILLING_URL", "http://127.0.0.1:" + billingPort);
        env.put("QUARKUS_REST_CLIENT_PROXY_URL", "http://127.0.0.1:" + proxyPort);
        env.put("UPSTREAM_BASE_URL", "http://127.0.0.1:" + upstreamPort);
        env.put("UPSTREAM_API_KEY", "bench-upstream-key");
        env.put("UPSTREAM_SANDBOX_ENABLED", "false");
        startService(BILLING, billingPort, env);
        startService(PROXY, proxyPort, env);
        startService(GATEWAY, gatewayPort, env);
    }

    /**
     * Stops billing and starts it again on the same port, database and tokens with {@code overrides} on top of its
     * environment (e.g. another {@code BILLING_DEBIT_*} setting); the gateway reconnects on its next call.
     * Returns the new process.
     */
    public ChildProcess restartBilling(Map<String, String> overrides) throws IOException {
        ChildProcess old = service(BILLING);
        old.close();
        processes.remove(old);
        services.remove(BILLING);
        Map<String, String> env = new HashMap<>(serviceEnv);
        env.putAll(overrides);
        startService(BILLING, old.port(), env);
        return service(BILLING);
    }

    private void startBenchServers() throws IOException {
        barePort = Ports.free();
        upstreamPort = Ports.free();
        List<String> command = List.of(javaBin(), "-cp", System.getProperty("java.class.path"),
                "dev.socialcrawl.bench.servers.BenchServers", Integer.toString(barePort), Integer.toString(upstreamPort));
        benchServers = ChildProcess.start("bench-servers", barePort, command, Map.of(),
                config.logs().resolve("bench-servers.log"));
        processes.add(benchServers);
        benchServers.awaitReady("/", Duration.ofSeconds(60));
    }

    private void startService(String module, int port, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaBin());
        command.addAll(config.serviceJavaOpts());
        command.add("-jar");
        command.add(config.jar(module).toString());
        Map<String, String> own = new HashMap<>(env);
        own.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        int managementPort = Ports.free();
        own.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        ChildProcess service = ChildProcess.start(module, port, command, own, config.logs().resolve(module + ".log"));
        processes.add(service);
        services.put(module, service);
        service.awaitReady(managementPort, "/q/health/ready", READY_TIMEOUT);
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public ChildProcess service(String module) {
        ChildProcess service = services.get(module);
        if (service == null) {
            throw new IllegalStateException(module + " is not running");
        }
        return service;
    }

    public List<ChildProcess> services() {
        return List.of(service(BILLING), service(PROXY), service(GATEWAY));
    }

    public ChildProcess benchServers() {
        return benchServers;
    }

    public int barePort() {
        return barePort;
    }

    public int upstreamPort() {
        return upstreamPort;
    }

    public String adminToken() {
        return adminToken;
    }

    public String internalToken() {
        return internalToken;
    }

    public String redisPrefix() {
        return redisPrefix;
    }

    public BillingAdmin billingAdmin() {
        return new BillingAdmin("http://127.0.0.1:" + service(BILLING).port(), adminToken);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        if (database != null) {
            database.close();
            deleteRedisKeys();
        }
    }

    /** Best effort through redis-cli; the prefix is unique to this run, so leftovers never collide. */
    private void deleteRedisKeys() {
        String script = "redis-cli -u \"$1\" --scan --pattern \"$2*\" | xargs -r -n 500 redis-cli -u \"$1\" del >/dev/null";
        try {
            Process p = new ProcessBuilder("bash", "-c", script, "cleanup", config.redisHosts(), redisPrefix)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor();
        } catch (IOException e) {
            System.err.println("bench: redis-cli not available; keys under " + redisPrefix + " are left in Redis");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
