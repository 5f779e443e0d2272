package dev.socialcrawl.gateway.site;

import java.net.URI;

/** {@code GET /}: what this address is and where to go from here. */
final class LandingPage {
    static final String PATH = "/";

    private LandingPage() {
    }

    static byte[] render(URI publicBaseUrl) {
        String base = publicBaseUrl.toString().replaceAll("/+$", "");
        String main = "<h1>SocialCrawl API</h1>\n"
                + "<p>One API key, one response format, paid per request in credits. Every endpoint is "
                + "<code>GET " + Html.escape(base) + "/v1/{platform}/{resource}</code> with your key in the "
                + "<code>x-api-key</code> header.</p>\n"
                + "<h2>Start here</h2>\n<ul>\n"
                + "<li><a href=\"/docs/api\">API reference</a>: every endpoint and its parameters</li>\n"
                + "<li><a href=\"" + ErrorPages.INDEX + "\">Error types</a>: what each error means and what to "
                + "do</li>\n"
                + "<li><a href=\"/v1/status\">Platform status</a>: the circuit breaker of each platform (JSON)</li>\n"
                + "<li><a href=\"/v1/openapi.json\">OpenAPI document</a>: the whole API, for tools and code "
                + "generators (JSON)</li>\n</ul>\n"
                + "<h2>A first request</h2>\n<pre><code>curl -s -H 'x-api-key: sc_…' '" + Html.escape(base)
                + "/v1/tiktok/profile?handle=charlidamelio'\ncurl -s -H 'x-api-key: sc_…' '" + Html.escape(base)
                + "/v1/credits/balance'</code></pre>\n"
                + "<p>No key yet? Ask the operator of this install.</p>\n";
        return Html.page("SocialCrawl API", main);
    }
}
