package dev.socialcrawl.proxy.normalize;

import com.fasterxml.jackson.databind.JsonNode;

/** The normalised {@code data} and whether it carries no usable data (api-contract §4 empty check). */
public record Normalised(JsonNode data, boolean empty) {
}
