package dev.socialcrawl.bench.suite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started by the harness (a service or the bench servers): output to a log file, start-up time until a
 * readiness URL answers 200, resident memory from {@code /proc/{pid}/status}, stopped on {@link #close()}.
 */
public final class ChildProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final int port;
    private final Process process;
    private final long startedAt;
    private final Path log;
    private long readyMillis = -1;

    private ChildProcess(String name, int port, Process process, long startedAt, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.startedAt = startedAt;
        this.log = log;
    }

    /**
     * @param command the full command line, e.g. {@code java -jar …/quarkus-run.jar}
     * @param env     variables added to this process's environment
     */
    public static ChildProcess start(String name, int port, List<String> command, Map<String, String> env, Path log)
            throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        long startedAt = System.nanoTime();
        return new ChildProcess(name, port, builder.start(), startedAt, log);
    }

    /** Polls {@code http://127.0.0.1:{port}{path}} until it answers 200; returns the start-up time in ms. */
    public long awaitReady(String path, Duration timeout) {
        return awaitReady(port, path, timeout);
    }

    /** As {@link #awaitReady(String, Duration)} on another of the process' ports (e.g. its management port). */
    public long awaitReady(int onPort, String path, Duration timeout) {
        URI uri = URI.create("http://127.0.0.1:" + onPort + path);
        try {
            org.awaitility.Awaitility.await(name + " ready").atMost(timeout).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(name + " exited with status " + process.exitValue()
                                    + " before it was ready; see " + log);
                        }
                        return answers200(uri);
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new IllegalStateException(name + " was not ready on " + uri + " within " + timeout.toSeconds()
                    + " s; see " + log, e);
        }
        readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
        return readyMillis;
    }

    private static boolean answers200(URI uri) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Resident set size in MiB, or -1 when the process is gone or {@code /proc} is unavailable. */
    public double rssMiB() {
        return Rss.ofPid(process.pid());
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long readyMillis() {
        return readyMillis;
    }

    public Path log() {
        return log;
    }

    /** Closes stdin (the bench servers stop on it), then SIGTERM, then SIGKILL after 20 s. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the process may already be gone
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
