package dev.socialcrawl.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * A program the soak runs beside the services — its own Redis (append-only file on) and nginx in front of the two
 * billing replicas — started from the machine's binaries on a free port. {@code deploy/local/ensure-infra.sh}
 * installs nginx when it is missing.
 */
final class ToolProcess implements AutoCloseable {
    private final String name;
    private final List<String> command;
    private final int port;
    private final Path log;
    private Process process;

    ToolProcess(String name, List<String> command, int port, Path log) {
        this.name = name;
        this.command = command;
        this.port = port;
        this.log = log;
    }

    /** Its own Redis on {@code port}: every write in the append-only file, fsync each second, never evicting. */
    static ToolProcess redis(int port, Path dir) throws IOException {
        Files.createDirectories(dir);
        return new ToolProcess("redis", List.of(binary("redis-server", "/usr/bin/redis-server"), "--port",
                Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString(), "--appendonly", "yes",
                "--appendfsync", "everysec", "--save", "", "--maxmemory-policy", "noeviction"), port,
                dir.resolve("redis.log"));
    }

    /** nginx balancing {@code backends} on {@code port}, trying the other backend when one refuses connections. */
    static ToolProcess nginx(int port, List<Integer> backends, Path dir) throws IOException {
        Files.createDirectories(dir.resolve("tmp"));
        StringBuilder upstream = new StringBuilder();
        backends.forEach(b -> upstream.append("    server 127.0.0.1:").append(b).append(" max_fails=1 fail_timeout=1s;\n"));
        String conf = """
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 1024; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/tmp/body;
                  proxy_temp_path %1$s/tmp/proxy;
                  fastcgi_temp_path %1$s/tmp/fastcgi;
                  uwsgi_temp_path %1$s/tmp/uwsgi;
                  scgi_temp_path %1$s/tmp/scgi;
                  upstream billing {
                %2$s    keepalive 32;
                  }
                  server {
                    listen 127.0.0.1:%3$d;
                    location / {
                      proxy_pass http://billing;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_next_upstream error;
                      proxy_next_upstream_tries 2;
                      proxy_connect_timeout 1s;
                      proxy_read_timeout 30s;
                    }
                  }
                }
                """.formatted(dir, upstream, port);
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, conf);
        return new ToolProcess("nginx", List.of(binary("nginx", "/usr/sbin/nginx"), "-c", file.toString(), "-p",
                dir.toString(), "-e", dir.resolve("error.log").toString()), port, dir.resolve("nginx.out"));
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    ToolProcess start() {
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + ")", e);
        }
        Awaitility.await(name + " listening on " + port).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
                    }
                    try (Socket s = new Socket("127.0.0.1", port)) {
                        return true;
                    } catch (IOException e) {
                        return false;
                    }
                });
        return this;
    }

    /** SIGTERM (Redis then writes its append-only file out and exits) and wait. */
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static String binary(String name, String usual) {
        if (Files.isExecutable(Path.of(usual))) {
            return usual;
        }
        throw new IllegalStateException(name + " is not installed at " + usual
                + ": run deploy/local/ensure-infra.sh as root (it installs what the tests need)");
    }
}
