package dev.socialcrawl.proxy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/** Everything under {@code proxy.}: how the proxy's own API is protected. */
@ConfigMapping(prefix = "proxy")
public interface ProxyApiConfig {

    /**
     * The {@code X-Internal-Token} every {@code /proxy/…} caller (the gateway) must send ({@code PROXY_INTERNAL_TOKEN}).
     * No default: in {@code prod} the service refuses to start without it, or with one shorter than 32 characters;
     * {@code dev} and {@code test} have fixed values.
     */
    @WithName("internal-token")
    String internalToken();
}
