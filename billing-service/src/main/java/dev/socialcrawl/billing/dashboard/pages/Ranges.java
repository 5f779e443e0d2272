package dev.socialcrawl.billing.dashboard.pages;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.socialcrawl.billing.dashboard.view.SvgChart;
import dev.socialcrawl.billing.report.UsageView;
import dev.socialcrawl.billing.web.Inputs;

/** Date ranges of the usage pages (UTC days, {@code to} exclusive) and the day series of their charts. */
final class Ranges {
    static final int DEFAULT_DAYS = 30;
    /** Longest range a chart fills day by day; a longer one shows only the days with usage. */
    private static final int MAX_FILLED_DAYS = 366;

    private Ranges() {
    }

    /** {@code from}/{@code to} as typed (a date or an instant); without them the last {@link #DEFAULT_DAYS} days. */
    record Range(Instant from, Instant to) {
        static Range parse(String from, String to, Clock clock) {
            Instant end = Inputs.rangeEnd("to", to);
            if (end == null) {
                end = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            Instant start = Inputs.rangeStart("from", from);
            if (start == null) {
                start = end.minus(Duration.ofDays(DEFAULT_DAYS));
            }
            Inputs.orderedRange(start, end);
            return new Range(start, end);
        }

        /** The range's last day, as a date input shows it ({@code to} is exclusive). */
        String lastDay() {
            return LocalDate.ofInstant(to.minusNanos(1), ZoneOffset.UTC).toString();
        }

        String firstDay() {
            return LocalDate.ofInstant(from, ZoneOffset.UTC).toString();
        }
    }

    /** One bar per UTC day of the range, zero on days without usage; usage items are keyed by day. */
    static List<SvgChart.Bar> days(Range range, List<UsageView.Item> byDay) {
        Map<String, Long> credits = new HashMap<>();
        byDay.forEach(i -> credits.put(i.key(), i.credits()));
        LocalDate first = LocalDate.ofInstant(range.from(), ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(range.to().minusNanos(1), ZoneOffset.UTC);
        List<SvgChart.Bar> bars = new ArrayList<>();
        if (first.plusDays(MAX_FILLED_DAYS).isBefore(last)) {
            byDay.forEach(i -> bars.add(new SvgChart.Bar(i.key(), i.credits())));
            return bars;
        }
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            bars.add(new SvgChart.Bar(d.toString(), credits.getOrDefault(d.toString(), 0L)));
        }
        return bars;
    }

    static List<SvgChart.Bar> bars(List<UsageView.Item> items) {
        return items.stream().map(i -> new SvgChart.Bar(i.name() != null ? i.key() + " " + i.name() : i.key(), i.credits()))
                .toList();
    }
}
