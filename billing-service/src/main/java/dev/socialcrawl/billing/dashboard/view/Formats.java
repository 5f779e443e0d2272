package dev.socialcrawl.billing.dashboard.view;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.quarkus.qute.TemplateExtension;

/** How pages write times and amounts ({@code {fmt:time(t)}}): times in UTC, credits with thousands separators. */
@TemplateExtension(namespace = "fmt")
public final class Formats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Formats() {
    }

    static String time(Instant at) {
        return at == null ? "—" : TIME.format(at);
    }

    /** The UTC day, as a date input's value. */
    public static String day(Instant at) {
        return at == null ? "" : DAY.format(at);
    }

    public static String credits(long amount) {
        return String.format(Locale.ROOT, "%,d", amount);
    }

    /** An entry's amount with its sign: {@code +500}, {@code −5} (a real minus sign). */
    static String signed(long amount) {
        return amount > 0 ? "+" + credits(amount) : amount < 0 ? "\u2212" + credits(-amount) : "0";
    }

    /** The CSS class of an HTTP status: {@code status-2xx} … {@code status-5xx}. */
    static String statusClass(int status) {
        return "status-" + status / 100 + "xx";
    }
}
