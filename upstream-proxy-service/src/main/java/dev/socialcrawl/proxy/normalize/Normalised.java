package dev.socialcrawl.proxy.normalize;

import com.fasterxml.jackson.databind.JsonNode;

/** The normalised {@code data} and whether it has no usable data (docs/api.md#credits-and-refunds, empty check). */
public record Normalised(JsonNode data, boolean empty) {
}
