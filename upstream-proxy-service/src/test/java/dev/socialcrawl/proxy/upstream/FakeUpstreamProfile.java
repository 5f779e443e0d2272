package dev.socialcrawl.proxy.upstream;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Runs the proxy against {@link WireMockUpstream} instead of its sandbox (which is switched off here). */
public class FakeUpstreamProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(WireMockUpstream.class));
    }
}
