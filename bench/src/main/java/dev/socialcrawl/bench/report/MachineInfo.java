package dev.socialcrawl.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The machine a report was measured on.
 *
 * @param memoryMonitor the kernel's data access monitor, when one runs ({@link MemoryMonitor})
 */
public record MachineInfo(int cores, long memoryMiB, String cpuModel, String os, String javaVersion, String date,
                          MemoryMonitor memoryMonitor) {

    public static MachineInfo current() {
        return new MachineInfo(Runtime.getRuntime().availableProcessors(), readMemoryMiB(), readCpuModel(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                MemoryMonitor.current());
    }

    private static long readMemoryMiB() {
        return procLine(Path.of("/proc/meminfo"), "MemTotal:")
                .map(v -> Long.parseLong(v.replace("kB", "").trim()) / 1024).orElse(-1L);
    }

    private static String readCpuModel() {
        return procLine(Path.of("/proc/cpuinfo"), "model name").map(v -> v.replaceFirst("^\\s*:\\s*", "").trim())
                .orElse("unknown");
    }

    private static java.util.Optional<String> procLine(Path file, String prefix) {
        try (var lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith(prefix)).findFirst().map(l -> l.substring(prefix.length()));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
