package dev.socialcrawl.bench.suite;

import dev.socialcrawl.bench.load.CpuUsage;
import dev.socialcrawl.bench.load.LoadGenerator;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * CPU time (user + system) used during one run's measured window, read from {@code /proc} (Linux) when the window
 * opens and closes: each named process from {@code /proc/<pid>/stat}, the load generator from
 * {@code /proc/self/stat}, every process whose {@code comm} is {@code postgres} together, {@code redis-server},
 * and the whole machine from {@code /proc/stat}. The machine's busy time is cores × wall time − idle − iowait:
 * the kernel measures idle time exactly, while its busy fields are sampled at timer ticks, which a tickless
 * virtual machine can miss by a factor of three at light load (the sampled figure is kept beside it). Per-process
 * times come from the scheduler's exact runtime. The reads run on a thread of their own, so the
 * load generator's schedule is not delayed. A process that cannot be read at either end is reported as
 * {@code null}, never as an error.
 */
public final class CpuAccounting implements LoadGenerator.MeasuredWindow {

    public static final String LOAD_GENERATOR = "load-generator";
    public static final String POSTGRES = "postgresql";
    public static final String REDIS = "redis";

    private static final Path PROC = Path.of("/proc");
    private static final ExecutorService READER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cpu-accounting");
        t.setDaemon(true);
        return t;
    });
    private static volatile Long ticksPerSecond;

    private final Path proc;
    private final Map<String, Long> pids;
    private final long hz;
    private CompletableFuture<Snapshot> opened;
    private CompletableFuture<Snapshot> closed;

    /** @param pids the processes to account for by name (report column order), e.g. the services */
    public CpuAccounting(Map<String, Long> pids) {
        this(PROC, pids, clockTicksPerSecond());
    }

    CpuAccounting(Path proc, Map<String, Long> pids, long hz) {
        this.proc = proc;
        this.pids = new LinkedHashMap<>(pids);
        this.hz = hz;
    }

    @Override
    public void opened() {
        opened = CompletableFuture.supplyAsync(this::snapshot, READER);
    }

    @Override
    public void closed() {
        closed = CompletableFuture.supplyAsync(this::snapshot, READER);
    }

    /**
     * The CPU used between {@link #opened()} and {@link #closed()} per process, per answered request.
     *
     * @param requests requests answered in the window
     * @return the usage, or {@code null} when the window was never opened and closed
     */
    public CpuUsage usage(long requests) {
        if (opened == null || closed == null) {
            return null;
        }
        return between(opened.join(), closed.join(), requests, hz);
    }

    /**
     * Counters of one moment: ticks per group ({@code pid:starttime} → utime + stime) and the machine's
     * ({@code machine} from {@link #parseMachine}, {@code null} when unreadable), and the JIT compiler threads of
     * the named processes ({@link CompilerThreads#ticks}).
     */
    record Snapshot(long nanoTime, Map<String, Map<String, Long>> groups, Machine machine,
                    Map<String, Long> compilers) {

        Snapshot(long nanoTime, Map<String, Map<String, Long>> groups, Machine machine) {
            this(nanoTime, groups, machine, null);
        }
    }

    /** The machine's counters in clock ticks: total, idle + iowait and steal of all cores, and how many cores. */
    record Machine(long total, long idle, long steal, int cores) {
    }

    Snapshot snapshot() {
        long now = System.nanoTime();
        Machine machine = readMachine(proc.resolve("stat"));
        Map<String, Map<String, Long>> groups = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            ProcStat stat = ProcStat.read(proc.resolve(Long.toString(pid)).resolve("stat"));
            if (stat != null) {
                groups.put(name, Map.of(stat.key(), stat.ticks()));
            }
        });
        ProcStat self = ProcStat.read(proc.resolve("self").resolve("stat"));
        if (self != null) {
            groups.put(LOAD_GENERATOR, Map.of(self.key(), self.ticks()));
        }
        Map<String, Long> postgres = new HashMap<>();
        Map<String, Long> redis = new HashMap<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(proc, p -> isNumber(p.getFileName().toString()))) {
            for (Path dir : all) {
                ProcStat stat = ProcStat.read(dir.resolve("stat"));
                if (stat != null && stat.comm().equals("postgres")) {
                    postgres.put(stat.key(), stat.ticks());
                } else if (stat != null && stat.comm().equals("redis-server")) {
                    redis.put(stat.key(), stat.ticks());
                }
            }
        } catch (IOException | RuntimeException e) {
            postgres.clear();
            redis.clear();
        }
        if (!postgres.isEmpty()) {
            groups.put(POSTGRES, postgres);
        }
        if (!redis.isEmpty()) {
            groups.put(REDIS, redis);
        }
        return new Snapshot(now, groups, machine, CompilerThreads.ticks(proc, pids.values()));
    }

    /**
     * The usage between two snapshots. A group's CPU is the sum over its processes at the end of (end − start)
     * ticks; a process that appeared in between counts from zero, one that exited in between is lost with its CPU
     * (a PostgreSQL backend that closed its connection). A group missing at either end is {@code null}.
     */
    static CpuUsage between(Snapshot start, Snapshot end, long requests, long hz) {
        List<String> names = new java.util.ArrayList<>(start.groups().keySet());
        end.groups().keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
        Map<String, Double> cpuMs = new LinkedHashMap<>();
        for (String name : names) {
            Map<String, Long> before = start.groups().get(name);
            Map<String, Long> after = end.groups().get(name);
            if (before == null || after == null) {
                cpuMs.put(name, null);
                continue;
            }
            cpuMs.put(name, ticksBetween(before, after) * 1000.0 / hz);
        }
        double seconds = (end.nanoTime() - start.nanoTime()) / 1e9;
        Double busyMs = null;
        Double busyPercent = null;
        Double sampledPercent = null;
        Double stealPercent = null;
        Machine a = start.machine();
        Machine b = end.machine();
        if (a != null && b != null && a.cores() > 0 && seconds > 0) {
            double capacityMs = a.cores() * seconds * 1000;
            busyMs = Math.max(0, Math.min(capacityMs, capacityMs - (b.idle() - a.idle()) * 1000.0 / hz));
            busyPercent = 100 * busyMs / capacityMs;
            stealPercent = Math.max(0, Math.min(100, 100 * (b.steal() - a.steal()) * 1000.0 / hz / capacityMs));
            long total = b.total() - a.total();
            if (total > 0) {
                sampledPercent = 100.0 * (total - (b.idle() - a.idle())) / total;
            }
        }
        Double jitMs = start.compilers() == null || end.compilers() == null ? null
                : ticksBetween(start.compilers(), end.compilers()) * 1000.0 / hz;
        return CpuUsage.of(seconds, requests, cpuMs, busyMs, busyPercent, sampledPercent, stealPercent, jitMs);
    }

    /**
     * Ticks used between two readings keyed by {@code pid:starttime} (or a thread's key): what each key at the end
     * gained, a key that appeared in between counting from zero and one that vanished not at all.
     */
    static long ticksBetween(Map<String, Long> before, Map<String, Long> after) {
        long sum = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            sum += Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L));
        }
        return sum;
    }

    /**
     * One line of {@code /proc/<pid>/stat}. {@code comm} (field 2) is in parentheses and may itself hold spaces
     * and parentheses, so the fields after it are counted from the <em>last</em> {@code ')'}: utime is field 14,
     * stime 15, starttime 22 (1-based, {@code man 5 proc}).
     *
     * @param key   {@code pid:starttime}, so a reused pid is not taken for the same process
     * @param ticks utime + stime in clock ticks
     */
    record ProcStat(String comm, String key, long ticks) {

        static ProcStat parse(String line) {
            int open = line.indexOf('(');
            int close = line.lastIndexOf(')');
            if (open < 0 || close < open) {
                throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line);
            }
            String pid = line.substring(0, open).trim();
            String[] rest = line.substring(close + 1).trim().split("\\s+");
            // rest[0] is field 3 (state), so field n is rest[n - 3]
            long utime = Long.parseLong(rest[14 - 3]);
            long stime = Long.parseLong(rest[15 - 3]);
            return new ProcStat(line.substring(open + 1, close), pid + ":" + rest[22 - 3], utime + stime);
        }

        /** The parsed file, or {@code null} when the process is gone or the file unreadable. */
        static ProcStat read(Path file) {
            try {
                return parse(Files.readString(file));
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }

    /**
     * {@code /proc/stat}: its first line {@code cpu user nice system idle iowait irq softirq steal guest
     * guest_nice} (total is the sum of the first eight, guest time being already in user and nice; idle here is
     * idle + iowait), and one {@code cpuN} line per online core.
     */
    static Machine parseMachine(List<String> lines) {
        String[] f = lines.isEmpty() ? new String[] {""} : lines.get(0).trim().split("\\s+");
        if (!f[0].equals("cpu") || f.length < 6) {
            throw new IllegalArgumentException("not /proc/stat: " + (lines.isEmpty() ? "(empty)" : lines.get(0)));
        }
        long total = 0;
        for (int i = 1; i < Math.min(f.length, 9); i++) {
            total += Long.parseLong(f[i]);
        }
        int cores = (int) lines.stream().filter(l -> l.matches("cpu\\d+\\s.*")).count();
        long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
        return new Machine(total, Long.parseLong(f[4]) + Long.parseLong(f[5]), steal, cores);
    }

    private static Machine readMachine(Path file) {
        try {
            return parseMachine(Files.readAllLines(file));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@code getconf CLK_TCK}, normally 100; 100 when it cannot be asked. */
    static long clockTicksPerSecond() {
        Long known = ticksPerSecond;
        if (known != null) {
            return known;
        }
        long hz = 100;
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor() == 0 && out.matches("\\d+") && Long.parseLong(out) > 0) {
                hz = Long.parseLong(out);
            }
        } catch (IOException e) {
            // keep the usual value
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ticksPerSecond = hz;
        return hz;
    }

    private static boolean isNumber(String name) {
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }
}
