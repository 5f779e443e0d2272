package dev.socialcrawl.bench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The fixed part of {@code docs/benchmarks.md} (how to run, how it measures, the scenarios, how the targets are
 * computed), kept in {@code benchmarks-method.md} so the generated report and the first hand-written one say the
 * same.
 */
final class HowToRun {

    private static final String RESOURCE = "/benchmarks-method.md";

    private HowToRun() {
    }

    static void append(StringBuilder md) {
        try (InputStream in = HowToRun.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the bench classpath");
            }
            md.append(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip()).append("\n\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
