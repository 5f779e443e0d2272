package dev.socialcrawl.proxy.upstream;

import com.fasterxml.jackson.databind.JsonNode;

/** What the upstream said, as far as the breaker is concerned a success (failures travel as exceptions). */
public sealed interface UpstreamAnswer {

    /** 2xx with a JSON body; {@code bytes} are kept untouched for {@code format=raw}. */
    record Json(JsonNode raw, byte[] bytes) implements UpstreamAnswer {
    }

    /** 2xx with no body at all. */
    record NoBody() implements UpstreamAnswer {
    }

    /** The upstream said 404: the resource does not exist (charged). */
    record NotFound() implements UpstreamAnswer {
    }

    /** A 3xx or 4xx other than 404: an error for the client, not a sign the platform is down. */
    record OtherStatus(int status) implements UpstreamAnswer {
    }
}
