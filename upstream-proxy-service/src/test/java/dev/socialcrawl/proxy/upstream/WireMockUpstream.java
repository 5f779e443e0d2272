package dev.socialcrawl.proxy.upstream;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real HTTP fake upstream (WireMock on a dynamic port) and the configuration that points the proxy at it, with
 * timeouts and breaker delays shrunk so failure paths take milliseconds. The {@link #HELD_PLATFORMS} go to a
 * {@link HeldUpstream} instead, with a long timeout, so a test decides when their answer comes; the
 * {@link #BOTTOMLESS_PLATFORM} goes to a {@link BottomlessUpstream}, whose body never ends.
 */
public class WireMockUpstream implements QuarkusTestResourceLifecycleManager {
    public static final String API_KEY = "test-upstream-key-7f3a";
    /** Thresholds the tests rely on. */
    public static final int WINDOW = 4;
    public static final String BULKHEAD_PLATFORM = "twitch";
    public static final int BULKHEAD_LIMIT = 2;
    public static final String UNREACHABLE_PLATFORM = "kick";
    public static final String LONG_DELAY_PLATFORM = "pinterest";
    public static final List<String> HELD_PLATFORMS = List.of("snapchat", "truthsocial");
    public static final String BOTTOMLESS_PLATFORM = "linktree";
    /** Gets the tests' 10 MB bodies, so it has a timeout a busy machine cannot run out of. */
    public static final String LARGE_BODY_PLATFORM = "google";

    private WireMockServer server;
    private HeldUpstream held;
    private BottomlessUpstream bottomless;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().containerThreads(20));
        server.start();
        held = new HeldUpstream();
        held.start();
        bottomless = new BottomlessUpstream();
        bottomless.start();
        Map<String, String> config = new HashMap<>(Map.ofEntries(
                Map.entry("upstream.base-url", server.baseUrl()),
                Map.entry("upstream.api-key", API_KEY),
                Map.entry("upstream.sandbox.enabled", "false"),
                Map.entry("upstream.defaults.timeout", "1s"),
                Map.entry("upstream.defaults.circuit-breaker.request-volume-threshold", Integer.toString(WINDOW)),
                Map.entry("upstream.defaults.circuit-breaker.failure-ratio", "0.5"),
                Map.entry("upstream.defaults.circuit-breaker.delay", "1s"),
                Map.entry("upstream.defaults.circuit-breaker.success-threshold", "1"),
                Map.entry("upstream.defaults.retry.max-retries", "1"),
                Map.entry("upstream.platforms." + BULKHEAD_PLATFORM + ".timeout", "10s"),
                Map.entry("upstream.platforms." + BULKHEAD_PLATFORM + ".bulkhead.max-concurrent",
                        Integer.toString(BULKHEAD_LIMIT)),
                Map.entry("upstream.platforms." + UNREACHABLE_PLATFORM + ".base-url",
                        "http://127.0.0.1:" + closedPort()),
                Map.entry("upstream.platforms." + LONG_DELAY_PLATFORM + ".circuit-breaker.delay", "30s"),
                Map.entry("upstream.status.publish-interval", "1s")));
        for (String platform : HELD_PLATFORMS) {
            config.put("upstream.platforms." + platform + ".base-url", held.baseUrl());
            config.put("upstream.platforms." + platform + ".timeout", "20s");
            config.put("upstream.platforms." + platform + ".circuit-breaker.delay", "30s");
        }
        config.put("upstream.platforms." + BOTTOMLESS_PLATFORM + ".base-url", bottomless.baseUrl());
        config.put("upstream.platforms." + BOTTOMLESS_PLATFORM + ".timeout", "20s");
        config.put("upstream.platforms." + LARGE_BODY_PLATFORM + ".timeout", "20s");
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectWireMock.class, WireMockServer.class));
        testInjector.injectIntoFields(held,
                new TestInjector.AnnotatedAndMatchesType(InjectHeldUpstream.class, HeldUpstream.class));
        testInjector.injectIntoFields(bottomless,
                new TestInjector.AnnotatedAndMatchesType(InjectHeldUpstream.class, BottomlessUpstream.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
        if (held != null) {
            held.stop();
        }
        if (bottomless != null) {
            bottomless.stop();
        }
    }

    /** A port nothing listens on: bound once to get a free number, then released. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
