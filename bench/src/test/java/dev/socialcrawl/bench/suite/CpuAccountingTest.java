package dev.socialcrawl.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.socialcrawl.bench.load.CpuUsage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuAccountingTest {

    /** A /proc/<pid>/stat line as the kernel writes it: utime, stime (fields 14, 15) and starttime (22). */
    private static String stat(long pid, String comm, long utime, long stime, long starttime) {
        return pid + " (" + comm + ") S 1 " + pid + " " + pid + " 0 -1 4194560 5000 0 0 0 " + utime + " " + stime
                + " 8 9 20 0 40 0 " + starttime + " 3133440 393 18446744073709551615 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";
    }

    @Test
    void aStatLineIsReadFromTheLastParenthesisSoACommWithSpacesAndParenthesesDoesNotShiftTheFields() {
        var parsed = CpuAccounting.ProcStat.parse(stat(4242, "java (my) proc) x", 1234, 567, 987654));

        assertEquals("java (my) proc) x", parsed.comm());
        assertEquals(1234 + 567, parsed.ticks(), "utime + stime, not the children's cutime/cstime");
        assertEquals("4242:987654", parsed.key());

        var real = CpuAccounting.ProcStat.parse("15966 (cat) R 15958 15958 12854 0 -1 4194304 101 0 0 0 3 2 0 0 20 0 1 "
                + "0 206954 3133440 393 18446744073709551615 94391957135360 94391957155241 140725476781760 0 0 0 0 0 0 "
                + "0 0 0 17 1 0 0 0 0 0 94391957171248 94391957172864 94392568963072 140725476788952 140725476788972 "
                + "140725476788972 140725476790251 0");
        assertEquals("cat", real.comm());
        assertEquals(5, real.ticks());
        assertEquals("15966:206954", real.key());

        assertThrows(IllegalArgumentException.class, () -> CpuAccounting.ProcStat.parse("no parentheses here"));
    }

    @Test
    void thisProcessReadsItselfFromTheRealProc() {
        var self = CpuAccounting.ProcStat.read(Path.of("/proc/self/stat"));

        assertNotNull(self, "/proc/self/stat is readable on Linux");
        assertTrue(self.ticks() >= 0);
        assertTrue(CpuAccounting.clockTicksPerSecond() > 0);
    }

    @Test
    void theMachineLinesGiveTotalWithoutGuestTwiceIdlePlusIowaitAndTheOnlineCores() {
        var machine = CpuAccounting.parseMachine(List.of("cpu  228481 0 47387 123643 2448 0 7205 650 100 0",
                "cpu0 1 0 1 1 1 0 0 0 0 0", "cpu1 1 0 1 1 1 0 0 0 0 0", "intr 123 4 5", "ctxt 99"));

        assertEquals(228481 + 47387 + 123643 + 2448 + 7205 + 650, machine.total());
        assertEquals(123643 + 2448, machine.idle());
        assertEquals(650, machine.steal());
        assertEquals(2, machine.cores());
        assertThrows(IllegalArgumentException.class,
                () -> CpuAccounting.parseMachine(List.of("cpu0 1 2 3 4 5 6 7 8")));
        assertThrows(IllegalArgumentException.class, () -> CpuAccounting.parseMachine(List.of()));
    }

    @Test
    void machineBusyIsCoresTimesWallTimeLessIdleWithTheTickSampledShareKeptBeside() {
        var start = new CpuAccounting.Snapshot(0, Map.of(), new CpuAccounting.Machine(10_000, 8_500, 40, 2));
        var end = new CpuAccounting.Snapshot(2_000_000_000L, Map.of(), new CpuAccounting.Machine(10_300, 8_700, 60, 2));

        CpuUsage usage = CpuAccounting.between(start, end, 1000, 100);

        assertEquals(2.0, usage.seconds());
        assertEquals(50.0, usage.machineBusyPercent(), "4000 ms of two cores for 2 s, 2000 ms of it idle");
        assertEquals(2.0, usage.machineMsPerRequest());
        assertEquals(33.3, usage.machineBusyPercentSampled(), "100 busy of 300 sampled ticks");
        assertEquals(5.0, usage.machineStealPercent(), "20 stolen ticks (200 ms) of 4000 ms");

        var idleBeyondWall = new CpuAccounting.Snapshot(2_000_000_000L, Map.of(),
                new CpuAccounting.Machine(10_500, 8_950, 40, 2));
        assertEquals(0.0, CpuAccounting.between(start, idleBeyondWall, 10, 100).machineBusyPercent(), "never below 0");
        var noIdle = new CpuAccounting.Snapshot(2_000_000_000L, Map.of(), new CpuAccounting.Machine(10_400, 8_500, 40, 2));
        assertEquals(100.0, CpuAccounting.between(start, noIdle, 10, 100).machineBusyPercent());
    }

    @Test
    void perRequestFiguresAreEachProcessesCpuOverTheAnsweredRequestsAndAMissingProcessIsNull() {
        CpuUsage usage = CpuUsage.of(20, 400, linked("gateway-service", 200.0, "billing-service", null,
                "postgresql", 50.0), 700.0, 87.5);

        assertEquals(0.5, usage.msPerRequest().get("gateway-service"));
        assertNull(usage.msPerRequest().get("billing-service"));
        assertTrue(usage.msPerRequest().containsKey("billing-service"), "an unreadable process keeps its column");
        assertEquals(0.125, usage.msPerRequest().get("postgresql"));
        assertEquals(0.625, usage.totalMsPerRequest(), "total over the readable processes");
        assertEquals(1.75, usage.machineMsPerRequest());
        assertEquals(87.5, usage.machineBusyPercent());

        CpuUsage none = CpuUsage.of(20, 0, linked("gateway-service", 200.0), 700.0, 87.5);
        assertNull(none.msPerRequest().get("gateway-service"), "no answered request, no per-request figure");
        assertNull(none.totalMsPerRequest());
    }

    @Test
    void twoSnapshotsOfAFakeProcGiveCpuPerProcessAndGroupAndMachineBusyShare(@TempDir Path proc) throws IOException {
        write(proc, "stat", "cpu  1000 0 500 8000 500 0 0 0 0 0\ncpu0 1 2 3 4 5 6 7 8\ncpu1 1 2 3 4 5 6 7 8\n");
        write(proc, "101/stat", stat(101, "java", 100, 20, 5000));         // gateway
        write(proc, "102/stat", stat(102, "java", 50, 10, 5001));          // billing: exits in the window
        write(proc, "self/stat", stat(900, "java", 400, 100, 4000));       // the load generator
        write(proc, "201/stat", stat(201, "postgres", 10, 5, 100));        // postmaster
        write(proc, "202/stat", stat(202, "postgres", 30, 10, 200));       // a backend that stays
        write(proc, "203/stat", stat(203, "postgres", 7, 3, 300));         // a backend that exits
        write(proc, "301/stat", stat(301, "redis-server", 60, 40, 150));
        write(proc, "401/stat", stat(401, "bash", 999, 999, 10));          // neither
        write(proc, "402/stat", stat(402, "postgres) (x", 999, 999, 10));  // not postgres, despite the look
        Map<String, Long> pids = linked("billing-service", 102L, "gateway-service", 101L);
        CpuAccounting accounting = new CpuAccounting(proc, pids, 100);

        var start = accounting.snapshot();
        write(proc, "stat", "cpu  1600 0 700 8800 600 0 0 0 0 0\ncpu0 1 2 3 4 5 6 7 8\ncpu1 1 2 3 4 5 6 7 8\n");
        write(proc, "101/stat", stat(101, "java", 150, 30, 5000));         // +60 ticks
        Files.delete(proc.resolve("102/stat"));
        write(proc, "self/stat", stat(900, "java", 420, 110, 4000));       // +30
        write(proc, "201/stat", stat(201, "postgres", 11, 5, 100));        // +1
        write(proc, "202/stat", stat(202, "postgres", 50, 20, 200));       // +30
        Files.delete(proc.resolve("203/stat"));
        write(proc, "204/stat", stat(204, "postgres", 4, 1, 400));         // new in the window: +5
        write(proc, "301/stat", stat(301, "redis-server", 70, 45, 150));   // +15
        var end = accounting.snapshot();
        CpuUsage usage = CpuAccounting.between(start, end, 100, 100);

        assertEquals(List.of("billing-service", "gateway-service", CpuAccounting.LOAD_GENERATOR,
                CpuAccounting.POSTGRES, CpuAccounting.REDIS), List.copyOf(usage.cpuMs().keySet()), "column order");
        assertEquals(600.0, usage.cpuMs().get("gateway-service"));
        assertNull(usage.cpuMs().get("billing-service"), "exited: unknown, not zero");
        assertEquals(300.0, usage.cpuMs().get(CpuAccounting.LOAD_GENERATOR));
        assertEquals(360.0, usage.cpuMs().get(CpuAccounting.POSTGRES));
        assertEquals(150.0, usage.cpuMs().get(CpuAccounting.REDIS));
        assertEquals(6.0, usage.msPerRequest().get("gateway-service"));
        assertEquals(6.0 + 3.0 + 3.6 + 1.5, usage.totalMsPerRequest(), 1e-9);
        assertEquals(47.1, usage.machineBusyPercentSampled(), "800 busy of 1700 sampled ticks");
        assertEquals(0.0, usage.machineBusyPercent(), "900 idle ticks in the few ms between the snapshots: clamped");
    }

    @Test
    void aReusedPidIsANewProcessAndAnUnreadableMachineLineLeavesTheShareUnknown(@TempDir Path proc) throws IOException {
        write(proc, "101/stat", stat(101, "java", 500, 100, 5000));
        CpuAccounting accounting = new CpuAccounting(proc, Map.of("gateway-service", 101L), 100);

        var start = accounting.snapshot();
        write(proc, "101/stat", stat(101, "java", 2, 1, 9000));            // another process with the same pid
        CpuUsage usage = CpuAccounting.between(start, accounting.snapshot(), 10, 100);

        assertEquals(30.0, usage.cpuMs().get("gateway-service"), "counted from zero, never negative");
        assertNull(usage.machineBusyPercent());
        assertNull(usage.machineMsPerRequest());
        assertTrue(!usage.cpuMs().containsKey(CpuAccounting.POSTGRES), "no postgres process at all: no column");
    }

    @Test
    void theWindowCallbacksSnapshotOffTheCallingThreadAndAnUnopenedWindowHasNoUsage(@TempDir Path proc)
            throws IOException {
        write(proc, "stat", "cpu  100 0 100 800 0 0 0 0 0 0\ncpu0 100 0 100 800 0 0 0 0 0 0\n");
        CpuAccounting accounting = new CpuAccounting(proc, Map.of(), 100);
        assertNull(accounting.usage(10));

        accounting.opened();
        accounting.closed();
        CpuUsage usage = accounting.usage(10);

        assertNotNull(usage);
        assertEquals(10, usage.requests());
        assertEquals(100.0, usage.machineBusyPercent(), "no idle tick between the snapshots of the fake");
        assertNull(usage.machineBusyPercentSampled(), "no tick at all");
    }

    private static void write(Path proc, String file, String text) throws IOException {
        Path path = proc.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> linked(Object... pairs) {
        Map<String, V> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], (V) pairs[i + 1]);
        }
        return out;
    }
}
