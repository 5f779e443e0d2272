package dev.socialcrawl.billing.dashboard.view;

import java.util.List;
import java.util.Locale;

import io.quarkus.qute.RawString;

/**
 * Bar charts as server-rendered SVG: no script, no external file, so a page works offline and with JavaScript off.
 * Each chart is an image with a title and a description a screen reader reads out (the page shows the numbers in a
 * table too); each bar has a tooltip. Colours keep a contrast of at least 4.5:1 on white. Every text is escaped.
 */
public final class SvgChart {
    /** A labelled value; values are whole credits (or counts), never negative in these charts. */
    public record Bar(String label, long value) {
    }

    private static final int WIDTH = 760;
    private static final String BAR = "#1f5fa8";
    private static final String AXIS = "#595959";
    private static final String TEXT = "#1a1a1a";
    private static final int MAX_LABEL = 44;

    private SvgChart() {
    }

    /** Vertical bars in order (days), with the first, middle and last label under the axis. */
    public static RawString columns(String id, String title, String unit, List<Bar> bars) {
        if (bars.stream().allMatch(b -> b.value() == 0)) {
            return empty(title);
        }
        int height = 270;
        int left = 64;
        int right = 12;
        int top = 26;
        int bottom = 40;
        int plotWidth = WIDTH - left - right;
        int plotHeight = height - top - bottom;
        long max = niceMax(bars);
        StringBuilder svg = open(id, title, unit, bars, WIDTH, height);
        grid(svg, max, left, WIDTH - right, top, plotHeight, unit);
        double slot = (double) plotWidth / bars.size();
        double barWidth = Math.max(1, slot * 0.7);
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double h = (double) b.value() * plotHeight / max;
            double x = left + i * slot + (slot - barWidth) / 2;
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s: %s %s</title></rect>",
                    x, top + plotHeight - h, barWidth, h, BAR, escape(b.label()), Formats.credits(b.value()), escape(unit)));
        }
        int baseline = top + plotHeight;
        int[] labelled = labelIndexes(bars.size());
        for (int n = 0; n < labelled.length; n++) {
            int i = labelled[n];
            // the first and the last label end at the plot's edges, so neither is cut off
            boolean first = labelled.length > 1 && n == 0;
            boolean last = labelled.length > 1 && n == labelled.length - 1;
            String anchor = first ? "start" : last ? "end" : "middle";
            double x = first ? left + i * slot : last ? left + (i + 1) * slot : left + i * slot + slot / 2;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" text-anchor=\"%s\" fill=\"%s\">%s</text>",
                    x, baseline + 18, anchor, TEXT, escape(bars.get(i).label())));
        }
        return close(svg);
    }

    /** Horizontal bars, one row per label (endpoints), value at the end of each bar. */
    public static RawString rows(String id, String title, String unit, List<Bar> bars) {
        if (bars.stream().allMatch(b -> b.value() == 0)) {
            return empty(title);
        }
        int rowHeight = 24;
        int labelWidth = 300;
        int valueWidth = 90;
        int top = 8;
        int height = top * 2 + rowHeight * bars.size();
        int plotWidth = WIDTH - labelWidth - valueWidth;
        long max = niceMax(bars);
        StringBuilder svg = open(id, title, unit, bars, WIDTH, height);
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = top + i * rowHeight;
            double w = Math.max(b.value() > 0 ? 1 : 0, (double) b.value() * plotWidth / max);
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\" fill=\"%s\">%s</text>",
                    labelWidth - 8, y + 16, TEXT, escape(shorten(b.label()))));
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s: %s %s</title></rect>",
                    labelWidth, y + 4, w, rowHeight - 8, BAR, escape(b.label()), Formats.credits(b.value()), escape(unit)));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" fill=\"%s\">%s</text>",
                    labelWidth + w + 6, y + 16, TEXT, Formats.credits(b.value())));
        }
        return close(svg);
    }

    private static StringBuilder open(String id, String title, String unit, List<Bar> bars, int width, int height) {
        long total = bars.stream().mapToLong(Bar::value).sum();
        Bar top = bars.stream().max((a, b) -> Long.compare(a.value(), b.value())).orElseThrow();
        String desc = bars.size() + " bars, " + Formats.credits(total) + " " + unit + " in all; highest: " + top.label() + " with "
                + Formats.credits(top.value()) + " " + unit + ".";
        StringBuilder svg = new StringBuilder(4096);
        svg.append(String.format(Locale.ROOT, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\""
                + " width=\"100%%\" role=\"img\" aria-labelledby=\"%s-title %s-desc\">", width, height, id, id));
        svg.append("<title id=\"").append(id).append("-title\">").append(escape(title)).append("</title>");
        svg.append("<desc id=\"").append(id).append("-desc\">").append(escape(desc)).append("</desc>");
        return svg;
    }

    private static RawString close(StringBuilder svg) {
        return new RawString(svg.append("</svg>").toString());
    }

    /** Lines at 0, half (rounded down to a whole number, drawn at its true height) and the maximum. */
    private static void grid(StringBuilder svg, long max, int left, int right, int top, int plotHeight, String unit) {
        for (int step = 0; step <= 2; step++) {
            long value = max * step / 2;
            int y = top + plotHeight - (int) (plotHeight * value / max);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"%s\"/>",
                    left, y, right, y, AXIS, step == 0 ? "1" : "0.5"));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\" fill=\"%s\">%s</text>",
                    left - 6, y + 4, TEXT, Formats.credits(value)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\" fill=\"%s\">%s</text>",
                left - 6, top - 10, TEXT, escape(unit)));
    }

    /** Round axis maximum: 1, 2 or 5 times a power of ten, at least the highest value. */
    static long niceMax(List<Bar> bars) {
        long highest = Math.max(2, bars.stream().mapToLong(Bar::value).max().orElse(2));
        long magnitude = 1;
        while (magnitude * 10 <= highest) {
            magnitude *= 10;
        }
        for (long factor : new long[] { 1, 2, 5, 10 }) {
            if (factor * magnitude >= highest) {
                return factor * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static int[] labelIndexes(int n) {
        return n == 1 ? new int[] { 0 } : n == 2 ? new int[] { 0, 1 } : new int[] { 0, n / 2, n - 1 };
    }

    private static RawString empty(String title) {
        return new RawString("<p class=\"chart-empty\">" + escape(title) + ": nothing in this range.</p>");
    }

    private static String shorten(String label) {
        return label.length() <= MAX_LABEL ? label : label.substring(0, MAX_LABEL - 1) + "\u2026";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 ? ' ' : c);
            }
        }
        return out.toString();
    }
}
