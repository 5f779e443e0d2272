package dev.socialcrawl.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void theBenchServersStartAsTheirOwnProcessReportStartUpAndMemoryAndStopOnClose(@TempDir Path dir) throws Exception {
        int bare = Ports.free();
        int upstream = Ports.free();
        List<String> command = List.of(java(), "-cp", System.getProperty("java.class.path"),
                "dev.socialcrawl.bench.servers.BenchServers", Integer.toString(bare), Integer.toString(upstream));

        ChildProcess servers = ChildProcess.start("bench-servers", bare, command, Map.of(), dir.resolve("servers.log"));
        try {
            long startup = servers.awaitReady("/", Duration.ofSeconds(30));

            assertTrue(startup > 0);
            assertEquals(startup, servers.readyMillis());
            assertTrue(servers.rssMiB() > 10, "a JVM holds more than 10 MiB, was " + servers.rssMiB());
            HttpResponse<String> fromUpstream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + upstream + "/v1/tiktok/user/following?handle=a")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, fromUpstream.statusCode(), "the fake upstream is up once the bare server answers");
            assertTrue(fromUpstream.body().contains("\"posts\""));
        } finally {
            servers.close();
        }
        assertFalse(servers.isAlive());
        assertEquals(-1, servers.rssMiB());
    }

    @Test
    void aProcessThatExitsBeforeItIsReadyFailsWithItsStatusAndLog(@TempDir Path dir) throws Exception {
        ChildProcess broken = ChildProcess.start("broken", Ports.free(), List.of(java(), "-version"), Map.of(),
                dir.resolve("broken.log"));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> broken.awaitReady("/q/health/ready", Duration.ofSeconds(30)));

        assertTrue(e.getMessage().startsWith("broken exited with status 0 before it was ready; see "), e.getMessage());
        broken.close();
    }

    @Test
    void theResidentSetSizeOfThisJvmIsReadFromProc() {
        assertTrue(Rss.ofPid(ProcessHandle.current().pid()) > 10);
        assertEquals(-1, Rss.ofPid(Long.MAX_VALUE));
    }
}
