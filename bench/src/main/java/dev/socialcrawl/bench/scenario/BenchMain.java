package dev.socialcrawl.bench.scenario;

import dev.socialcrawl.bench.report.BenchReport;
import dev.socialcrawl.bench.report.JsonReport;
import dev.socialcrawl.bench.report.MarkdownReport;
import dev.socialcrawl.bench.report.TargetCheck;
import dev.socialcrawl.bench.suite.SuiteConfig;
import java.nio.file.Path;

/**
 * Entry point of {@code bench/run-benchmarks.sh}: {@code BenchMain <repo-root>}. Writes
 * {@code docs/benchmarks.md} and {@code bench/target/benchmarks.json}.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        SuiteConfig config;
        BenchReport report;
        try {
            Settings settings = Settings.fromEnvironment(System.getenv());
            config = SuiteConfig.fromEnvironment(root, System.getenv());
            report = new Scenarios(settings, config).run();
        } catch (Exception e) {
            System.err.println("bench: the run failed: " + e.getMessage());
            System.exit(1);
            return;
        }
        Path json = config.outputDir().resolve("benchmarks.json");
        String other = System.getenv("BENCH_MARKDOWN");
        Path markdown = other == null || other.isBlank() ? root.resolve("docs/benchmarks.md") : Path.of(other);
        JsonReport.write(report, json);
        MarkdownReport.write(report, markdown);
        System.out.println();
        for (TargetCheck t : report.targets()) {
            String verdict = t.met() == null ? "NOT MEASURED" : t.met() ? "MET" : "MISSED";
            System.out.println(verdict + "  " + t.target() + ": " + t.measured());
        }
        System.out.println("bench: wrote " + markdown + " and " + json);
        if (report.integrity() != null && !report.integrity().contains("\"violations\":0")) {
            System.err.println("bench: the ledger integrity check is not clean: " + report.integrity());
            System.exit(1);
        }
    }
}
