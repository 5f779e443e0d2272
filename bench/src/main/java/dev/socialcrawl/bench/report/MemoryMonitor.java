package dev.socialcrawl.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The kernel's data access monitor (DAMON) as its sysfs interface shows it, when one runs. Each sampling pass checks
 * and clears the accessed bits of pages all over the machine; on the machine of docs/benchmark-history.md
 * (2026-12-07, fourth sitting) every pass, twice a second, held every process up for several to tens of
 * milliseconds, enough to set the p99 of a fixed-rate run at low rates. A report says so, so the next reader does
 * not look for that stall in the services.
 *
 * @param running  kdamonds whose state is {@code on}
 * @param contexts one line per monitoring context of a running kdamond, e.g.
 *                 {@code paddr, sampling every 500 ms, 1024–8192 regions, schemes: pageout}
 */
public record MemoryMonitor(int running, List<String> contexts) {

    private static final Path SYSFS = Path.of("/sys/kernel/mm/damon/admin/kdamonds");

    public static MemoryMonitor current() {
        return read(SYSFS);
    }

    /** Reads the kdamonds below {@code root}; none (not a Linux with DAMON, or unreadable) reads as none running. */
    static MemoryMonitor read(Path root) {
        List<String> contexts = new ArrayList<>();
        int running = 0;
        for (Path kdamond : children(root)) {
            if (!"on".equals(text(kdamond.resolve("state")).orElse(""))) {
                continue;
            }
            running++;
            for (Path context : children(kdamond.resolve("contexts"))) {
                contexts.add(describe(context));
            }
        }
        return new MemoryMonitor(running, List.copyOf(contexts));
    }

    private static String describe(Path context) {
        Path attrs = context.resolve("monitoring_attrs");
        List<String> parts = new ArrayList<>();
        parts.add(text(context.resolve("operations")).orElse("unknown operations"));
        text(attrs.resolve("intervals/sample_us")).map(MemoryMonitor::samplingEvery).ifPresent(parts::add);
        Optional<String> min = text(attrs.resolve("nr_regions/min"));
        Optional<String> max = text(attrs.resolve("nr_regions/max"));
        if (min.isPresent() && max.isPresent()) {
            parts.add(min.get() + "–" + max.get() + " regions");
        }
        List<String> actions = children(context.resolve("schemes")).stream()
                .map(scheme -> text(scheme.resolve("action")).orElse("?")).toList();
        if (!actions.isEmpty()) {
            parts.add("schemes: " + String.join(", ", actions));
        }
        return String.join(", ", parts);
    }

    private static String samplingEvery(String micros) {
        try {
            long us = Long.parseLong(micros);
            return "sampling every " + (us % 1000 == 0 ? us / 1000 + " ms" : us + " µs");
        } catch (NumberFormatException e) {
            return "sampling interval " + micros + " µs";
        }
    }

    /** The numbered subdirectories of {@code dir} in order ({@code 0}, {@code 1}, …). */
    private static List<Path> children(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().matches("\\d+") && Files.isDirectory(p))
                    .sorted((a, b) -> Integer.compare(Integer.parseInt(a.getFileName().toString()),
                            Integer.parseInt(b.getFileName().toString())))
                    .toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static Optional<String> text(Path file) {
        try {
            return Optional.of(Files.readString(file).trim());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
