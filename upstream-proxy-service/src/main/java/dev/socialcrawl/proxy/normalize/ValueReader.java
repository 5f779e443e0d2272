package dev.socialcrawl.proxy.normalize;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;

/** Turns one raw JSON value into a unified value of a {@link ValueType}; {@code null} when it cannot. */
final class ValueReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern COUNT = Pattern.compile("^\\s*([0-9][0-9,. ]*)\\s*([KkMmBb])?\\b.*$");
    private static final DateTimeFormatter TWITTER = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy",
            Locale.ROOT);

    private ValueReader() {
    }

    /** The converted value, or {@code null} when the raw value does not fit the type. */
    static JsonNode read(JsonNode raw, ValueType type, List<JsonPointer> item) {
        return switch (type) {
            case STRING -> raw.isValueNode() ? NODES.textNode(raw.isNumber() ? raw.numberValue().toString()
                    : raw.asText()) : null;
            case INTEGER -> integer(raw);
            case NUMBER -> number(raw);
            case BOOLEAN -> bool(raw);
            case DATETIME -> datetime(raw);
            case EPOCH_SECONDS -> epoch(raw, 1000);
            case EPOCH_MILLIS -> epoch(raw, 1);
            case DURATION_MILLIS -> millisAsSeconds(raw);
            case STRING_LIST -> stringList(raw, item);
        };
    }

    private static JsonNode integer(JsonNode raw) {
        if (raw.isIntegralNumber()) {
            return NODES.numberNode(raw.asLong());
        }
        if (raw.isNumber()) {
            return NODES.numberNode(Math.round(raw.asDouble()));
        }
        if (!raw.isTextual()) {
            return null;
        }
        Matcher m = COUNT.matcher(raw.asText());
        if (!m.matches()) {
            return null;
        }
        String digits = m.group(1).replace(",", "").replace(" ", "");
        try {
            BigDecimal value = new BigDecimal(digits);
            if (m.group(2) != null) {
                value = value.multiply(switch (Character.toUpperCase(m.group(2).charAt(0))) {
                    case 'K' -> BigDecimal.valueOf(1_000);
                    case 'M' -> BigDecimal.valueOf(1_000_000);
                    default -> BigDecimal.valueOf(1_000_000_000);
                });
            }
            return NODES.numberNode(value.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static JsonNode number(JsonNode raw) {
        if (raw.isNumber()) {
            return raw.isIntegralNumber() ? NODES.numberNode(raw.asLong()) : NODES.numberNode(raw.decimalValue());
        }
        if (raw.isTextual()) {
            try {
                return NODES.numberNode(new BigDecimal(raw.asText().trim()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static JsonNode millisAsSeconds(JsonNode raw) {
        JsonNode millis = number(raw);
        if (millis == null) {
            return null;
        }
        BigDecimal seconds = millis.decimalValue().movePointLeft(3).stripTrailingZeros();
        return NODES.numberNode(seconds.scale() < 0 ? seconds.setScale(0) : seconds);
    }

    private static JsonNode bool(JsonNode raw) {
        if (raw.isBoolean()) {
            return raw;
        }
        if (raw.isIntegralNumber()) {
            return NODES.booleanNode(raw.asLong() != 0);
        }
        if (raw.isTextual()) {
            String t = raw.asText().trim().toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("1") || t.equals("yes")) {
                return NODES.booleanNode(true);
            }
            if (t.equals("false") || t.equals("0") || t.equals("no")) {
                return NODES.booleanNode(false);
            }
        }
        return null;
    }

    private static JsonNode datetime(JsonNode raw) {
        if (raw.isNumber()) {
            // A bare number in a date field: seconds unless it is clearly milliseconds.
            long v = raw.asLong();
            return epoch(raw, v > 100_000_000_000L ? 1 : 1000);
        }
        if (!raw.isTextual()) {
            return null;
        }
        String t = raw.asText().trim();
        try {
            return text(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException ignored) {
            // try the next format
        }
        try {
            return text(Instant.parse(t));
        } catch (DateTimeParseException ignored) {
            // try the next format
        }
        try {
            return text(ZonedDateTime.parse(t, TWITTER).toInstant());
        } catch (DateTimeParseException ignored) {
            // try the next format
        }
        try {
            return text(ZonedDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException ignored) {
            // try the next format
        }
        try {
            return text(java.time.LocalDate.parse(t).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static JsonNode epoch(JsonNode raw, long millisPerUnit) {
        long v;
        if (raw.isNumber()) {
            v = raw.asLong();
        } else if (raw.isTextual() && raw.asText().trim().matches("-?[0-9]+")) {
            v = Long.parseLong(raw.asText().trim());
        } else {
            return null;
        }
        return text(Instant.ofEpochMilli(v * millisPerUnit));
    }

    private static JsonNode text(Instant instant) {
        return NODES.textNode(instant.toString());
    }

    private static JsonNode stringList(JsonNode raw, List<JsonPointer> item) {
        if (raw.isTextual()) {
            ArrayNode single = NODES.arrayNode();
            single.add(raw.asText());
            return single;
        }
        if (!raw.isArray()) {
            return null;
        }
        ArrayNode out = NODES.arrayNode();
        for (JsonNode element : raw) {
            if (element.isTextual()) {
                out.add(element.asText());
                continue;
            }
            for (JsonPointer p : item) {
                JsonNode v = element.at(p);
                if (v.isTextual()) {
                    out.add(v.asText());
                    break;
                }
            }
        }
        return out;
    }

    static boolean isAbsent(JsonNode node) {
        return node == null || node.isMissingNode() || node instanceof NullNode
                || (node.isTextual() && node.asText().isEmpty());
    }
}
