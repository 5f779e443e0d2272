package dev.socialcrawl.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine-readable report ({@code bench/target/benchmarks.json}), snake_case like the API. */
public final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static String render(BenchReport report) throws IOException {
        return JSON.writeValueAsString(report);
    }

    public static void write(BenchReport report, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, render(report) + "\n");
    }
}
