package dev.socialcrawl.bench.suite;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Where the suite's jars, PostgreSQL and Redis are, read from the environment with local defaults.
 *
 * @param repoRoot        the repository root (holds each module's {@code target/quarkus-app/quarkus-run.jar})
 * @param pgHost          {@code PGHOST} (127.0.0.1)
 * @param pgPort          {@code PGPORT} (5432)
 * @param pgUser          {@code PGUSER} (postgres)
 * @param pgPassword      {@code PGPASSWORD} (empty)
 * @param redisHosts      {@code QUARKUS_REDIS_HOSTS} (redis://127.0.0.1:6379)
 * @param serviceJavaOpts {@code BENCH_SERVICE_JAVA_OPTS}: extra JVM flags for every service (none by default,
 *                        so the services run as shipped; e.g. {@code -XX:+FlightRecorder …} to profile)
 * @param outputDir       where logs go ({@code bench/target})
 */
public record SuiteConfig(Path repoRoot, String pgHost, int pgPort, String pgUser, String pgPassword,
                          String redisHosts, List<String> serviceJavaOpts, Path outputDir) {

    public static SuiteConfig fromEnvironment(Path repoRoot, Map<String, String> env) {
        String opts = env.getOrDefault("BENCH_SERVICE_JAVA_OPTS", "").trim();
        return new SuiteConfig(repoRoot,
                env.getOrDefault("PGHOST", "127.0.0.1"),
                Integer.parseInt(env.getOrDefault("PGPORT", "5432")),
                env.getOrDefault("PGUSER", "postgres"),
                env.getOrDefault("PGPASSWORD", ""),
                env.getOrDefault("QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:6379"),
                opts.isEmpty() ? List.of() : Arrays.asList(opts.split("\\s+")),
                repoRoot.resolve("bench/target"));
    }

    public Path jar(String module) {
        return repoRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The server's {@code postgres} database, for what the harness asks the server itself. */
    public String adminJdbcUrl() {
        return "jdbc:postgresql://" + pgHost + ":" + pgPort + "/postgres";
    }

    public Path logs() {
        return outputDir.resolve("logs");
    }
}
