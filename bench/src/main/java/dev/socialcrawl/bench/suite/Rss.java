package dev.socialcrawl.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a process's resident set size from {@code /proc/{pid}/status} (Linux). */
public final class Rss {

    private Rss() {
    }

    /** VmRSS in MiB, or -1 when unreadable. */
    public static double ofPid(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring("VmRSS:".length()).replace("kB", "").trim();
                    return Math.round(Long.parseLong(kb) / 102.4) / 10.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
