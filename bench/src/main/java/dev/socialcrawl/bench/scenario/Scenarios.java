package dev.socialcrawl.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.socialcrawl.bench.load.CpuUsage;
import dev.socialcrawl.bench.load.LoadGenerator;
import dev.socialcrawl.bench.load.LoadResult;
import dev.socialcrawl.bench.load.LoadSpec;
import dev.socialcrawl.bench.load.MaxThroughputSearch;
import dev.socialcrawl.bench.load.RequestSupplier;
import dev.socialcrawl.bench.load.SearchPolicy;
import dev.socialcrawl.bench.report.BenchReport;
import dev.socialcrawl.bench.report.DatabaseBaseline;
import dev.socialcrawl.bench.report.FlushLatency;
import dev.socialcrawl.bench.report.MachineInfo;
import dev.socialcrawl.bench.report.ScenarioReport;
import dev.socialcrawl.bench.report.ServiceFacts;
import dev.socialcrawl.bench.suite.BillingAdmin;
import dev.socialcrawl.bench.suite.ChildProcess;
import dev.socialcrawl.bench.suite.CpuAccounting;
import dev.socialcrawl.bench.suite.DiskFlush;
import dev.socialcrawl.bench.suite.PostgresBaseline;
import dev.socialcrawl.bench.suite.PostgresSettings;
import dev.socialcrawl.bench.suite.RssSampler;
import dev.socialcrawl.bench.suite.Suite;
import dev.socialcrawl.bench.suite.SuiteConfig;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Runs every scenario of issue 8 in one go against a freshly started suite and assembles the report. */
public final class Scenarios {

    static final String BARE = "bare";
    static final String BARE_MAX = "bare-max";
    static final String UPSTREAM_0 = "upstream-0ms";
    static final String UPSTREAM_20 = "upstream-20ms";
    static final String CACHE_HIT = "cache-hit";
    static final String CACHE_HIT_MAX = "cache-hit-max";
    static final String PAID_0 = "paid-0ms";
    static final String PAID_20 = "paid-20ms";
    static final String PAID_MAX = "paid-max";
    static final String PAID_0_ASYNC = "paid-0ms-async-debits";
    static final String REPLAY = "replay";
    static final String DEBIT_HOT = "debit-hot";
    static final String DEBIT_HOT_MAX = "debit-hot-max";
    static final String DEBIT_SPREAD = "debit-spread";

    private static final int GATEWAY_ACCOUNTS = 8;
    private static final int SPREAD_ACCOUNTS = 1000;
    private static final int IDEMPOTENCY_KEYS = 200;
    /** The JIT warm-up's idempotency keys, apart from the replay scenario's. */
    private static final int WARMUP_KEYS_FROM = 1_000_000;
    private static final int WARMUP_KEYS = 50;
    /** Machine busy share (all cores) from which a fixed-rate scenario is called CPU-bound in the notes. */
    static final double CPU_BOUND_PERCENT = 90;

    private final Settings settings;
    private final SuiteConfig config;
    private final Requests requests = new Requests();
    private final List<ScenarioReport> reports = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<FlushLatency> flushes = new ArrayList<>();
    private FlushLatency flushBeforePaid;
    /** The processes whose CPU is accounted by name, in report column order (see {@link CpuAccounting}). */
    private final Map<String, Long> cpuPids = new LinkedHashMap<>();

    public Scenarios(Settings settings, SuiteConfig config) {
        this.settings = settings;
        this.config = config;
    }

    public BenchReport run() throws Exception {
        long started = System.nanoTime();
        Map<String, Double> idle = new HashMap<>();
        Map<String, Double> load = Map.of();
        List<ChildProcess> measured = new ArrayList<>();
        String integrity = null;
        Long violations = null;
        DatabaseBaseline database = null;
        try (LoadGenerator generator = new LoadGenerator(settings.traceDir()); Suite suite = Suite.startServers(config)) {
            measured.add(suite.benchServers());
            Fixtures fixtures = null;
            if (settings.needsServices()) {
                try {
                    suite.startServices();
                    measured.addAll(suite.services());
                    fixtures = Fixtures.create(suite.billingAdmin(), GATEWAY_ACCOUNTS, SPREAD_ACCOUNTS);
                } catch (Exception e) {
                    notes.add("The suite did not start, so only the baselines ran: " + e.getMessage());
                }
            }
            measured.forEach(p -> idle.put(p.name(), p.rssMiB()));
            measured.stream().filter(p -> p != suite.benchServers()).forEach(p -> cpuPids.put(p.name(), p.pid()));
            cpuPids.put(suite.benchServers().name(), suite.benchServers().pid());
            warmUpHarness(generator, suite);
            try (RssSampler sampler = new RssSampler(measured)) {
                if (fixtures == null) {
                    runBareServer(generator, suite);
                    runUpstreamDirect(generator, suite);
                } else {
                    warmUpServices(generator, suite, fixtures);
                    settleDirectDebits(suite);
                    runGateway(generator, suite, fixtures);
                    if (settings.wants("billing")) {
                        System.out.println("bench: PostgreSQL alone with pgbench (baseline of the debit scenarios)");
                        FlushLatency flush = measureFlush("before scenario 5 (billing)");
                        database = new PostgresBaseline(config).measure(settings.duration().dividedBy(4), flush);
                        runBilling(generator, suite, fixtures);
                        settleDirectDebits(suite);
                        JsonNode answer = suite.billingAdmin().integrity();
                        violations = answer.path("violations").asLong(-1);
                        integrity = abbreviate(answer.toString());
                    }
                }
                load = sampler.peaks();
            }
            measured.forEach(p -> {
                if (!p.isAlive()) {
                    notes.add(p.name() + " was no longer running at the end of the run; see " + p.log());
                }
            });
            if (fixtures != null && settings.wants("paid")) {
                runPaidWithAsyncDebits(generator, suite, fixtures);
            }
        }
        List<ServiceFacts> facts = new ArrayList<>();
        for (ChildProcess p : measured) {
            facts.add(new ServiceFacts(p.name(), p.readyMillis(), idle.getOrDefault(p.name(), -1.0),
                    load.getOrDefault(p.name(), -1.0)));
        }
        notes.add("The load generator is one JVM with one Vert.x event loop; the bench servers use one event loop "
                + "per core. The bare-server search therefore measures this machine's loopback limit for this client, "
                + "not the server's alone.");
        boundNote(database);
        postgresNote();
        notes.addAll(cpuBoundNotes(reports, Runtime.getRuntime().availableProcessors()));
        long wall = (System.nanoTime() - started) / 1_000_000_000L;
        return new BenchReport(MachineInfo.current(), settings.profile(), settings.describe(), facts,
                inScenarioOrder(reports), new Targets(reports, flushBeforePaid).evaluate(settings.rate(), violations), integrity,
                database, List.copyOf(flushes), List.copyOf(notes), wall);
    }

    /** The reports by scenario number (each title starts with it), in run order within one scenario. */
    static List<ScenarioReport> inScenarioOrder(List<ScenarioReport> reports) {
        return reports.stream().sorted(Comparator.comparing((ScenarioReport r) -> r.title().substring(0, 1))).toList();
    }

    /**
     * Compiles the load generator's and the bench servers' hot paths before the first measured scenario, so the
     * first baseline does not pay for class loading and JIT (its open-model latency would carry that stall).
     */
    private void warmUpHarness(LoadGenerator generator, Suite suite) {
        System.out.println("bench: warming up the load generator and the bench servers (not reported)");
        Duration length = settings.warmup();
        generator.run(LoadSpec.of("harness warm-up", settings.rate(), Duration.ZERO, length, settings.connections()),
                requests.bare(suite.barePort()));
        generator.run(LoadSpec.of("harness warm-up", settings.rate(), Duration.ZERO, length, settings.connections()),
                requests.upstreamDirect(suite.upstreamPort(), 0));
    }

    /**
     * Runs the services' hot paths (cache hit, paid miss at 0 ms, keyed first requests and replays, and with the
     * billing scenarios hot-account debits), interleaved, for {@code BENCH_JIT_WARMUP_S} ramped up to a moderate
     * rate and longer while the compilers are still busy ({@link JitWarmUp}), so the measured windows run code C2
     * has already compiled rather than the compiler threads competing for the CPU. Nothing of it is reported but
     * a note on how it went.
     */
    private void warmUpServices(LoadGenerator generator, Suite suite, Fixtures fixtures) {
        Duration length = settings.jitWarmup();
        if (length.isZero()) {
            return;
        }
        List<RequestSupplier> paths = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (settings.wantsGateway()) {
            int gateway = suite.service(Suite.GATEWAY).port();
            List<String> keys = fixtures.gatewayKeys();
            paths.add(requests.cacheHit(gateway, keys));
            paths.add(requests.paid(gateway, keys, 0));
            paths.add(requests.replays(gateway, keys, WARMUP_KEYS_FROM, WARMUP_KEYS));
            names.add("cache hits, paid misses (0 ms), keyed requests and replays");
        }
        if (settings.wants("billing")) {
            paths.add(requests.debits(suite.service(Suite.BILLING).port(), suite.internalToken(),
                    List.of(fixtures.hotAccount())));
            names.add("hot-account debits");
        }
        if (paths.isEmpty()) {
            return;
        }
        System.out.printf(Locale.ROOT, "bench: JIT warm-up of the services, %s, ramped up to %.0f/s for %d s "
                + "and on while the compilers are busy (not reported)%n", String.join(", ", names),
                Settings.JIT_WARMUP_RATE, length.toSeconds());
        try {
            if (settings.wantsGateway()) {
                Prime.expect(requests.cacheHit(suite.service(Suite.GATEWAY).port(), fixtures.gatewayKeys()).next(0),
                        200);
            }
            warmUpNote("JIT warm-up of the services", JitWarmUp.run(generator, cpuPids, "jit warm-up",
                    Settings.JIT_WARMUP_RATE, length, settings.connections(), Requests.interleave(paths)));
        } catch (RuntimeException e) {
            notes.add("The JIT warm-up of the services failed, so the first scenarios may have run cold: "
                    + e.getMessage());
        }
    }

    private void warmUpNote(String what, JitWarmUp.Outcome outcome) {
        System.out.printf(Locale.ROOT, "    -> %s, errors %d%n", outcome.summary(), outcome.errors());
        StringBuilder note = new StringBuilder(what).append(": ").append(outcome.summary());
        if (outcome.errors() > 0) {
            note.append(String.format(Locale.ROOT, "; %d of %d requests failed (statuses %s, failures %s)",
                    outcome.errors(), outcome.scheduled(), outcome.statuses(), outcome.failures()));
        }
        notes.add(note.append('.').toString());
    }

    /**
     * Scenario 1's bare server, run just before the cache-hit scenario it is the baseline of (and the fake upstream
     * called directly just before the paid scenario): this machine's speed drifts by tens of percent over minutes
     * (the bare-server search gave 31,000 to 51,000/s in runs 20 minutes apart), so a ratio holds only between
     * measurements taken side by side.
     */
    private void runBareServer(LoadGenerator generator, Suite suite) {
        if (!settings.wants("baseline")) {
            return;
        }
        String bareDesc = "load generator → bare Vert.x server answering a fixed JSON body (no parsing, no I/O)";
        fixed(generator, BARE, "1 · bare loopback server", bareDesc, settings.rate(), requests.bare(suite.barePort()));
        search(generator, BARE_MAX, "1 · bare loopback server, max throughput", bareDesc, settings.searchFrom(2000),
                r -> requests.bare(suite.barePort()));
    }

    private void runUpstreamDirect(LoadGenerator generator, Suite suite) {
        if (!settings.wants("baseline")) {
            return;
        }
        String upDesc = "load generator → fake upstream directly (the proxy's upstream call, %d ms upstream latency)";
        fixed(generator, UPSTREAM_0, "1 · fake upstream direct, 0 ms", String.format(Locale.ROOT, upDesc, 0),
                settings.rate(), requests.upstreamDirect(suite.upstreamPort(), 0));
        fixed(generator, UPSTREAM_20, "1 · fake upstream direct, 20 ms", String.format(Locale.ROOT, upDesc, 20),
                settings.rate(), requests.upstreamDirect(suite.upstreamPort(), 20));
    }

    private void runGateway(LoadGenerator generator, Suite suite, Fixtures fixtures) {
        int gateway = suite.service(Suite.GATEWAY).port();
        List<String> keys = fixtures.gatewayKeys();
        runBareServer(generator, suite);
        if (settings.wants("cache")) {
            String desc = "gateway: key check, params, concurrency lease, cache read in Redis, balance for "
                    + "credits_remaining; no debit, no proxy";
            try {
                var first = requests.cacheHit(gateway, keys).next(0);
                Prime.expect(first, 200);
                String second = Prime.expect(first, 200).headers().firstValue("X-Cache").orElse("(absent)");
                if (!second.equals("HIT")) {
                    notes.add("Cache-hit priming: the second identical request answered X-Cache: " + second);
                }
                fixed(generator, CACHE_HIT, "2 · gateway cache hit", desc, settings.rate(),
                        requests.cacheHit(gateway, keys), "X-Cache");
                expectHeader(CACHE_HIT, "X-Cache", "HIT");
                // From the bare server's first rate: with 10 steps of ×1.5, a start at 500/s could not go past 19,222/s.
                search(generator, CACHE_HIT_MAX, "2 · gateway cache hit, max throughput", desc,
                        settings.searchFrom(2000), r -> requests.cacheHit(gateway, keys));
            } catch (RuntimeException e) {
                reports.add(ScenarioReport.failed(CACHE_HIT, "2 · gateway cache hit", desc, e.getMessage()));
            }
        }
        runUpstreamDirect(generator, suite);
        if (settings.wants("paid")) {
            flushBeforePaid = measureFlush("before scenario 3 (paid)");
            String desc = "gateway: key check, params, lease, cache miss, debit (billing/PostgreSQL), proxy → fake "
                    + "upstream (%d ms), normalisation, cache write, settle";
            try {
                Prime.expect(requests.paid(gateway, keys, 0).next(0), 200);
                fixed(generator, PAID_0, "3 · gateway paid miss, 0 ms upstream", String.format(Locale.ROOT, desc, 0),
                        settings.rate(), requests.paid(gateway, keys, 0), "X-Cache");
                fixed(generator, PAID_20, "3 · gateway paid miss, 20 ms upstream", String.format(Locale.ROOT, desc, 20),
                        settings.rate(), requests.paid(gateway, keys, 20), "X-Cache");
                expectHeader(PAID_0, "X-Cache", "MISS");
                expectHeader(PAID_20, "X-Cache", "MISS");
                search(generator, PAID_MAX, "3 · gateway paid miss (0 ms upstream), max throughput",
                        String.format(Locale.ROOT, desc, 0), settings.searchFrom(250),
                        r -> requests.paid(gateway, keys, 0));
            } catch (RuntimeException e) {
                reports.add(ScenarioReport.failed(PAID_0, "3 · gateway paid miss", String.format(Locale.ROOT, desc, 0),
                        e.getMessage()));
            }
        }
        if (settings.wants("replay")) {
            String desc = "gateway: key check, params, lease, idempotency record read in Redis, replay of the stored "
                    + "answer with the current balance; no debit";
            try {
                for (int i = 0; i < IDEMPOTENCY_KEYS; i++) {
                    Prime.expect(requests.keyed(gateway, keys, i), 200);
                }
                fixed(generator, REPLAY, "4 · idempotent replay", desc, settings.rate(),
                        requests.replays(gateway, keys, IDEMPOTENCY_KEYS), "X-Idempotent-Replay");
                expectHeader(REPLAY, "X-Idempotent-Replay", "true");
            } catch (RuntimeException e) {
                reports.add(ScenarioReport.failed(REPLAY, "4 · idempotent replay", desc, e.getMessage()));
            }
        }
    }

    private void runBilling(LoadGenerator generator, Suite suite, Fixtures fixtures) {
        int billing = suite.service(Suite.BILLING).port();
        String token = suite.internalToken();
        String hotDesc = "POST /internal/debits straight to billing, 1 credit each, all on one account (row contention)";
        RequestSupplier hot = requests.debits(billing, token, List.of(fixtures.hotAccount()));
        fixed(generator, DEBIT_HOT, "5 · billing debits, one hot account", hotDesc, settings.debitRate(), hot);
        search(generator, DEBIT_HOT_MAX, "5 · billing debits, one hot account, max throughput", hotDesc,
                settings.searchFrom(1000), r -> hot);
        fixed(generator, DEBIT_SPREAD, "5 · billing debits over 1,000 accounts",
                "POST /internal/debits straight to billing, 1 credit each, round-robin over 1,000 accounts",
                settings.debitRate(), requests.debits(billing, token, fixtures.spreadAccounts()));
    }

    /** Settles the direct billing debits made so far (see {@link Requests#takeDebitIds}), outside any measurement. */
    private void settleDirectDebits(Suite suite) {
        List<String> ids = requests.takeDebitIds();
        if (ids.isEmpty()) {
            return;
        }
        try {
            long settled = suite.billingAdmin().settle(ids, suite.internalToken());
            System.out.printf(Locale.ROOT, "bench: settled %d of %d direct debits (the others were refused or failed)%n",
                    settled, ids.size());
        } catch (RuntimeException e) {
            notes.add("Settling the direct billing debits failed, so billing's sweeper refunds them later: "
                    + e.getMessage());
        }
    }

    /**
     * The 0 ms paid miss once more, with billing restarted with {@code billing.debit.async-commit=true} and warmed up
     * again: a debit's commit then does not wait for its WAL flush, so the difference to scenario 3 is what waiting
     * for the disk costs the paid path. Runs last because the shipped setting is the synchronous one; the resources
     * table keeps the first billing process.
     */
    private void runPaidWithAsyncDebits(LoadGenerator generator, Suite suite, Fixtures fixtures) {
        String title = "3 · gateway paid miss, 0 ms upstream, debits committed asynchronously";
        String desc = "as the 0 ms paid miss, billing restarted with billing.debit.async-commit=true (a debit's commit "
                + "does not wait for its WAL flush; not the shipped setting), after a warm-up of its own";
        try {
            System.out.println("bench: restarting billing with billing.debit.async-commit=true");
            ChildProcess billing = suite.restartBilling(Map.of("BILLING_DEBIT_ASYNC_COMMIT", "true"));
            cpuPids.put(billing.name(), billing.pid());
            int gateway = suite.service(Suite.GATEWAY).port();
            List<String> keys = fixtures.gatewayKeys();
            Prime.expect(requests.paid(gateway, keys, 0).next(0), 200);
            Duration warmup = settings.jitWarmup().dividedBy(2);
            if (!warmup.isZero()) {
                System.out.printf(Locale.ROOT, "bench: JIT warm-up of the restarted billing, paid misses ramped up "
                        + "to %.0f/s for %d s and on while the compilers are busy (not reported)%n",
                        Settings.JIT_WARMUP_RATE, warmup.toSeconds());
                warmUpNote("JIT warm-up of the restarted billing", JitWarmUp.run(generator, cpuPids,
                        "billing warm-up", Settings.JIT_WARMUP_RATE, warmup, settings.connections(),
                        requests.paid(gateway, keys, 0)));
            }
            measureFlush("before scenario 3 with asynchronous debits");
            fixed(generator, PAID_0_ASYNC, title, desc, settings.rate(), requests.paid(gateway, keys, 0), "X-Cache");
            expectHeader(PAID_0_ASYNC, "X-Cache", "MISS");
            asyncNote();
        } catch (IOException | RuntimeException e) {
            reports.add(ScenarioReport.failed(PAID_0_ASYNC, title, desc, e.toString()));
        }
    }

    /** Puts the synchronous and the asynchronous paid p99 side by side, each against the fake upstream's. */
    private void asyncNote() {
        Optional<LoadResult> sync = Targets.fixed(reports, PAID_0);
        Optional<LoadResult> async = Targets.fixed(reports, PAID_0_ASYNC);
        Optional<LoadResult> direct = Targets.fixed(reports, UPSTREAM_0);
        if (sync.isEmpty() || async.isEmpty() || direct.isEmpty()) {
            return;
        }
        double base = direct.get().latency().p99();
        notes.add(String.format(Locale.ROOT, "Paid miss at 0 ms, p99 added over the fake upstream called directly: "
                + "%+.2f ms with debits committed synchronously (as shipped), %+.2f ms with "
                + "billing.debit.async-commit=true (billing restarted for it at the end of the run; see the disk flush "
                + "table for the flush tail before each).", sync.get().latency().p99() - base,
                async.get().latency().p99() - base));
    }

    /**
     * Times the disk's commit flush while nothing else runs, for a quarter of a fixed-rate window (at least 1 s):
     * the debits of the scenario that follows wait for the same flush.
     */
    private FlushLatency measureFlush(String when) {
        Duration length = settings.duration().dividedBy(4);
        System.out.println("bench: disk flush latency, " + when);
        FlushLatency flush = DiskFlush.measure(when, DiskFlush.besidePostgres(config),
                length.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : length);
        flushes.add(flush);
        System.out.printf(Locale.ROOT, "    -> %d flushes, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n", flush.flushes(),
                flush.latency().p99(), flush.latency().p999(), flush.latency().max());
        return flush;
    }

    /** The server's own settings, when the run used PostgreSQL at all. */
    private void postgresNote() {
        if (!settings.needsServices()) {
            return;
        }
        try {
            notes.add(PostgresSettings.read(config).note());
        } catch (SQLException e) {
            notes.add("PostgreSQL's settings could not be read: " + e.getMessage());
        }
    }

    /** When the hot-account debits fall short, says what PostgreSQL alone allows on this machine. */
    private void boundNote(DatabaseBaseline db) {
        var hot = reports.stream().filter(r -> r.id().equals(DEBIT_HOT_MAX) && r.search() != null).findFirst();
        if (db == null || hot.isEmpty() || hot.get().search().maxGoodRps() >= 3000 || db.hotRowTps() <= 0) {
            return;
        }
        notes.add(String.format(Locale.ROOT, "Hot-account debits reached %.0f/s. PostgreSQL alone, with the same "
                + "transaction shape, did %.0f tx/s on one hot row (%.0f with synchronous_commit off) against %.0f "
                + "WAL flushes/s: one row lock held across each commit flush bounds a single account to about the "
                + "flush rate, whatever the service does, unless several debits share one transaction.",
                hot.get().search().maxGoodRps(), db.hotRowTps(), db.hotRowAsyncTps(), db.fdatasyncPerSecond()));
    }

    /** Notes when some answers of a scenario were not what it claims to measure (e.g. a "hit" that missed). */
    private void expectHeader(String id, String header, String value) {
        reports.stream().filter(r -> r.id().equals(id) && r.fixed() != null).findFirst().ifPresent(r -> {
            long matching = r.fixed().headerCounts().getOrDefault(value, 0L);
            if (matching < r.fixed().completed()) {
                notes.add(String.format(Locale.ROOT, "%s: only %d of %d answers carried %s: %s (%s)", r.title(),
                        matching, r.fixed().completed(), header, value, r.fixed().headerCounts()));
            }
        });
    }

    private void fixed(LoadGenerator generator, String id, String title, String desc, double rate,
                       RequestSupplier supplier) {
        fixed(generator, id, title, desc, rate, supplier, null);
    }

    private void fixed(LoadGenerator generator, String id, String title, String desc, double rate,
                       RequestSupplier supplier, String header) {
        LoadSpec spec = settings.fixed(id, rate).trackingHeader(header);
        progress(title, rate);
        try {
            LoadResult result = measure(generator, spec, supplier);
            outcome(result);
            reports.add(ScenarioReport.fixed(id, title, desc, result));
        } catch (RuntimeException e) {
            reports.add(ScenarioReport.failed(id, title, desc, e.toString()));
        }
    }

    private void search(LoadGenerator generator, String id, String title, String desc, SearchPolicy policy,
                        Function<Double, RequestSupplier> supplier) {
        try {
            var result = new MaxThroughputSearch(policy).search(id, rate -> {
                progress(title, rate);
                LoadResult step = measure(generator, settings.step(id + "@" + Math.round(rate), rate),
                        supplier.apply(rate));
                outcome(step);
                return step;
            });
            reports.add(ScenarioReport.search(id, title, desc, result));
        } catch (RuntimeException e) {
            reports.add(ScenarioReport.failed(id, title, desc, e.toString()));
        }
    }

    /** One constant-rate run with the CPU of every process accounted over its measured window. */
    private LoadResult measure(LoadGenerator generator, LoadSpec spec, RequestSupplier supplier) {
        CpuAccounting cpu = new CpuAccounting(cpuPids);
        LoadResult result = generator.run(spec, supplier, cpu);
        return result.withCpu(cpu.usage(result.completed()));
    }

    private static void outcome(LoadResult r) {
        CpuUsage cpu = r.cpu();
        System.out.printf(Locale.ROOT, "    -> %.0f 2xx/s, p99 %.2f ms, errors %d%s%n", r.successRps(),
                r.latency().p99(), r.errors(), cpu == null || cpu.machineBusyPercent() == null ? ""
                        : String.format(Locale.ROOT, ", machine %.0f %% busy, %s ms CPU/request in the measured "
                                + "processes", cpu.machineBusyPercent(), cpu.totalMsPerRequest() == null ? "–"
                                : String.format(Locale.ROOT, "%.3f", cpu.totalMsPerRequest()))
                                + (cpu.jitCorePercent() == null ? "" : String.format(Locale.ROOT,
                                        ", JIT compilers %.1f %% of a core", cpu.jitCorePercent())));
    }

    /**
     * A note per fixed-rate scenario whose measured window kept the machine at least {@link #CPU_BOUND_PERCENT}
     * busy: its figures show this machine's CPU limit, with where the CPU went per request.
     */
    static List<String> cpuBoundNotes(List<ScenarioReport> scenarios, int cores) {
        List<String> out = new ArrayList<>();
        for (ScenarioReport s : scenarios) {
            CpuUsage cpu = s.fixed() == null ? null : s.fixed().cpu();
            if (cpu == null || cpu.machineBusyPercent() == null || cpu.machineBusyPercent() < CPU_BOUND_PERCENT) {
                continue;
            }
            List<String> parts = new ArrayList<>();
            cpu.msPerRequest().entrySet().stream().filter(e -> e.getValue() != null)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(e -> parts.add(String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue())));
            String note = String.format(Locale.ROOT, "CPU-bound: %s at %.0f/s kept the machine %.0f %% busy (all %d "
                    + "cores) during its measured window, so its latency and throughput show this machine's CPU limit, "
                    + "not the path's alone. CPU ms per request: %s; measured processes together %s, whole machine %s.",
                    s.title(), s.fixed().offeredRps(), cpu.machineBusyPercent(), cores, String.join(", ", parts),
                    cpu.totalMsPerRequest() == null ? "–" : String.format(Locale.ROOT, "%.3f", cpu.totalMsPerRequest()),
                    cpu.machineMsPerRequest() == null ? "–"
                            : String.format(Locale.ROOT, "%.3f", cpu.machineMsPerRequest()));
            if (cpu.totalMsPerRequest() != null && cpu.machineMsPerRequest() != null
                    && cpu.totalMsPerRequest() < 0.5 * cpu.machineMsPerRequest()) {
                note += String.format(Locale.ROOT, " Only %.0f %% of that CPU went to the measured processes: other "
                        + "work on the machine ran during this window and skews it.",
                        100 * cpu.totalMsPerRequest() / cpu.machineMsPerRequest());
            }
            out.add(note);
        }
        return out;
    }

    private static void progress(String title, double rate) {
        System.out.printf(Locale.ROOT, "bench: %s at %.0f/s%n", title, rate);
    }

    private static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }

    /** Accounts and keys created through billing's admin API before any load. */
    record Fixtures(List<String> gatewayKeys, long hotAccount, List<Long> spreadAccounts) {

        static Fixtures create(BillingAdmin admin, int gatewayAccounts, int spreadAccounts) {
            List<String> keys = admin.createAccounts("bench-gateway", gatewayAccounts, 5_000_000, true).stream()
                    .map(BillingAdmin.Account::apiKey).toList();
            long hot = admin.createAccount("bench-hot", 20_000_000, false).id();
            List<Long> spread = admin.createAccounts("bench-spread", spreadAccounts, 10_000, false).stream()
                    .map(BillingAdmin.Account::id).toList();
            return new Fixtures(keys, hot, spread);
        }
    }
}
