package dev.socialcrawl.bench.suite;

import dev.socialcrawl.bench.report.DatabaseBaseline;
import dev.socialcrawl.bench.report.FlushLatency;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Measures PostgreSQL alone with {@code pgbench} in a throwaway database, beside the disk's flush ({@link DiskFlush}),
 * so the billing figures can be read against what the database and the disk allow on this machine.
 */
public final class PostgresBaseline {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");
    private static final String DEBIT = """
            \\set aid random(1, %d)
            BEGIN;
            %s
            SELECT balance FROM acct WHERE id = :aid FOR UPDATE;
            INSERT INTO entries(account_id, amount, request_id) VALUES (:aid, -1, md5(random()::text || clock_timestamp()::text));
            UPDATE acct SET balance = balance - 1 WHERE id = :aid;
            COMMIT;
            """;

    private final SuiteConfig config;

    public PostgresBaseline(SuiteConfig config) {
        this.config = config;
    }

    /** pgbench for {@code each} per figure; {@code flush} is the disk's flush, timed just before. */
    public DatabaseBaseline measure(Duration each, FlushLatency flush) {
        Optional<Path> pgbench = tool("pgbench");
        double fdatasync = flush.perSecond();
        if (pgbench.isEmpty()) {
            return new DatabaseBaseline(fdatasync, -1, -1, -1, "pgbench not found; PostgreSQL baseline skipped");
        }
        try (FreshDatabase db = FreshDatabase.create(config.pgHost(), config.pgPort(), config.pgUser(),
                config.pgPassword())) {
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), config.pgUser(), config.pgPassword());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE acct (id int PRIMARY KEY, balance bigint NOT NULL)");
                s.execute("INSERT INTO acct SELECT g, 1000000000 FROM generate_series(1, 1000) g");
                s.execute("CREATE TABLE entries (id bigserial PRIMARY KEY, account_id int NOT NULL, amount bigint "
                        + "NOT NULL, request_id varchar(100) UNIQUE, created_at timestamptz DEFAULT now())");
            }
            double hot = pgbench(pgbench.get(), db, 1, "", each);
            double hotAsync = pgbench(pgbench.get(), db, 1, "SET LOCAL synchronous_commit = off;", each);
            double spread = pgbench(pgbench.get(), db, 1000, "", each);
            return new DatabaseBaseline(fdatasync, hot, hotAsync, spread, String.format(Locale.ROOT,
                    "pgbench -c 16 -j 2 -T %d per figure, in a throwaway database; flushes: %s (see the disk "
                            + "flush table)", Math.max(1, each.toSeconds()), flush.when()));
        } catch (SQLException | IOException e) {
            return new DatabaseBaseline(fdatasync, -1, -1, -1, "PostgreSQL baseline failed: " + e.getMessage());
        }
    }

    private double pgbench(Path pgbench, FreshDatabase db, int accounts, String prelude, Duration each)
            throws IOException {
        Path script = Files.createTempFile("bench-debit", ".sql");
        try {
            Files.writeString(script, String.format(Locale.ROOT, DEBIT, accounts, prelude));
            List<String> command = new ArrayList<>(List.of(pgbench.toString(), "-h", config.pgHost(), "-p",
                    Integer.toString(config.pgPort()), "-U", config.pgUser(), "-n", "-c", "16", "-j", "2", "-T",
                    Long.toString(Math.max(1, each.toSeconds())), "-f", script.toString(), db.name()));
            return run(command).flatMap(out -> first(TPS, out)).orElse(-1.0);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private Optional<String> run(List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("PGPASSWORD", config.pgPassword());
            Process p = builder.start();
            String out = new String(p.getInputStream().readAllBytes());
            return p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<Double> first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
    }

    /** On the PATH, or in the Debian layout {@code /usr/lib/postgresql/<version>/bin}. */
    static Optional<Path> tool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin").resolve(name)).filter(Files::isExecutable)
                    .max(Path::compareTo);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
