package dev.socialcrawl.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryMonitorTest {

    @Test
    void aRunningMonitorIsDescribedByItsOperationsSamplingRegionsAndSchemes(@TempDir Path root) throws Exception {
        Path context = root.resolve("0/contexts/0");
        write(root.resolve("0/state"), "on\n");
        write(context.resolve("operations"), "paddr\n");
        write(context.resolve("monitoring_attrs/intervals/sample_us"), "500000\n");
        write(context.resolve("monitoring_attrs/nr_regions/min"), "1024\n");
        write(context.resolve("monitoring_attrs/nr_regions/max"), "8192\n");
        write(context.resolve("schemes/0/action"), "pageout\n");
        write(context.resolve("schemes/1/action"), "lru_prio\n");
        write(root.resolve("1/state"), "off\n");
        write(root.resolve("1/contexts/0/operations"), "vaddr\n");

        MemoryMonitor monitor = MemoryMonitor.read(root);

        assertEquals(1, monitor.running(), "the stopped kdamond is not counted");
        assertEquals(List.of("paddr, sampling every 500 ms, 1024–8192 regions, schemes: pageout, lru_prio"),
                monitor.contexts());
        StringBuilder md = new StringBuilder();
        MarkdownReport.appendMemoryMonitor(md, monitor);
        assertTrue(md.toString().startsWith("Kernel: a data access monitor (DAMON) was running when the report was "
                + "written (paddr, sampling every 500 ms"), md.toString());
    }

    @Test
    void aSubMillisecondSamplingIntervalIsShownInMicroseconds(@TempDir Path root) throws Exception {
        write(root.resolve("0/state"), "on");
        write(root.resolve("0/contexts/0/operations"), "vaddr");
        write(root.resolve("0/contexts/0/monitoring_attrs/intervals/sample_us"), "5500");

        assertEquals(List.of("vaddr, sampling every 5500 µs"), MemoryMonitor.read(root).contexts());
    }

    @Test
    void noSysfsDirectoryReadsAsNoMonitor(@TempDir Path root) {
        MemoryMonitor monitor = MemoryMonitor.read(root.resolve("absent"));

        assertEquals(0, monitor.running());
        assertEquals(List.of(), monitor.contexts());
        StringBuilder md = new StringBuilder();
        MarkdownReport.appendMemoryMonitor(md, monitor);
        assertEquals("Kernel: no data access monitor (DAMON) was running when the report was written.\n\n",
                md.toString());
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
