package dev.socialcrawl.gateway.site;

import java.net.URI;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The gateway's public address, as clients reach it (through the Ingress in Kubernetes). The error pages'
 * {@code doc_url} base derives from it ({@code errors.doc-base-url=${gateway.public-base-url}/docs/errors} in
 * application.properties; {@code ERRORS_DOC_BASE_URL} still overrides), and the landing page shows it.
 */
@ConfigMapping(prefix = "gateway")
public interface SiteConfig {

    /** Scheme, host and port clients use, without a trailing slash (env {@code GATEWAY_PUBLIC_BASE_URL}). */
    @WithDefault("http://localhost:8080")
    URI publicBaseUrl();
}
