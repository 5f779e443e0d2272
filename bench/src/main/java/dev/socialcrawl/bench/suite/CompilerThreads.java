package dev.socialcrawl.bench.suite;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of the HotSpot JIT compiler threads of some JVMs, from {@code /proc/<pid>/task/<tid>/stat}. HotSpot
 * names them {@code C1 CompilerThreadN} and {@code C2 CompilerThreadN}, which the kernel cuts to 15 characters.
 * A measured window whose services still compile measures the compiler as much as the code: these ticks say how
 * much of it there was.
 */
public final class CompilerThreads {

    private CompilerThreads() {
    }

    static boolean isCompiler(String comm) {
        return comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre");
    }

    /**
     * utime + stime of every compiler thread of the given processes, keyed {@code pid/tid:starttime}; a process or
     * thread that cannot be read is left out (a compiler thread HotSpot stopped takes its ticks with it).
     */
    static Map<String, Long> ticks(Path proc, Collection<Long> pids) {
        Map<String, Long> out = new HashMap<>();
        for (long pid : pids) {
            Path tasks = proc.resolve(Long.toString(pid)).resolve("task");
            try (DirectoryStream<Path> all = Files.newDirectoryStream(tasks)) {
                for (Path task : all) {
                    CpuAccounting.ProcStat stat = CpuAccounting.ProcStat.read(task.resolve("stat"));
                    if (stat != null && isCompiler(stat.comm())) {
                        out.put(pid + "/" + stat.key(), stat.ticks());
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the process is gone or not readable: nothing of it to count
            }
        }
        return out;
    }
}
