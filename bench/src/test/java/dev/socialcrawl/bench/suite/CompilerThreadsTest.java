package dev.socialcrawl.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.socialcrawl.bench.load.CpuUsage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompilerThreadsTest {

    private static void task(Path proc, long pid, long tid, String comm, long utime, long stime) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)).resolve("task").resolve(Long.toString(tid)));
        Files.writeString(dir.resolve("stat"), tid + " (" + comm + ") S 1 " + pid + " " + pid + " 0 -1 4194560 5000 0 0 0 "
                + utime + " " + stime + " 8 9 20 0 40 0 " + (1000 + tid) + " 3133440 393 18446744073709551615 0 0 0 0\n");
    }

    @Test
    void onlyTheC1AndC2CompilerThreadsOfTheGivenProcessesCount(@TempDir Path proc) throws IOException {
        task(proc, 100, 100, "java", 500, 50);
        task(proc, 100, 111, "C2 CompilerThre", 70, 5);
        task(proc, 100, 112, "C1 CompilerThre", 20, 1);
        task(proc, 100, 113, "VM Thread", 9, 9);
        task(proc, 200, 211, "C2 CompilerThre", 30, 0);
        task(proc, 300, 311, "C2 CompilerThre", 999, 0);

        Map<String, Long> ticks = CompilerThreads.ticks(proc, List.of(100L, 200L, 404L));

        assertEquals(Map.of("100/111:1111", 75L, "100/112:1112", 21L, "200/211:1211", 30L), ticks,
                "process 300 was not asked for and process 404 does not exist");
        assertTrue(CompilerThreads.isCompiler("C2 CompilerThre"));
        assertFalse(CompilerThreads.isCompiler("vert.x-eventloop"));
    }

    @Test
    void ticksBetweenTwoReadingsCountANewThreadFromZeroAndAGoneOneNotAtAll() {
        Map<String, Long> before = Map.of("1/10:5", 100L, "1/11:6", 40L);
        Map<String, Long> after = Map.of("1/10:5", 130L, "1/12:7", 15L);

        assertEquals(30 + 15, CpuAccounting.ticksBetween(before, after));
    }

    @Test
    void theWindowsCpuUsageCarriesTheCompilersShareOfOneCoreAndPerRequest() {
        var machine = new CpuAccounting.Machine(0, 0, 0, 2);
        var start = new CpuAccounting.Snapshot(0, Map.of(), machine, Map.of("1/10:5", 100L));
        var end = new CpuAccounting.Snapshot(2_000_000_000L, Map.of(), machine, Map.of("1/10:5", 120L, "1/12:7", 10L));

        CpuUsage usage = CpuAccounting.between(start, end, 600, 100);

        assertEquals(300.0, usage.jitMs(), "30 ticks of 10 ms");
        assertEquals(0.5, usage.jitMsPerRequest());
        assertEquals(15.0, usage.jitCorePercent(), "300 ms over 2 s of one core");
        var unread = CpuAccounting.between(new CpuAccounting.Snapshot(0, Map.of(), machine), end, 600, 100);
        assertEquals(null, unread.jitMs());
        assertEquals(null, unread.jitCorePercent());
    }

    @Test
    void thisJvmsOwnCompilerThreadsAreFoundInTheRealProc() {
        long self = ProcessHandle.current().pid();

        Map<String, Long> ticks = CompilerThreads.ticks(Path.of("/proc"), List.of(self));

        assertFalse(ticks.isEmpty(), "a HotSpot JVM with the JIT on has C1/C2 compiler threads");
        assertTrue(ticks.keySet().stream().allMatch(k -> k.startsWith(self + "/")), ticks.toString());
    }
}
