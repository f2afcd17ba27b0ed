package io.tributary.console.partitions;

import java.util.List;
import java.util.Locale;

/**
 * A lag history drawn as an SVG polyline: the x axis is the last {@code windowMs} up to {@code nowMs}, the y axis
 * runs from 0 at the bottom to the largest lag in the window at the top. Rendered by the server, so the chart is
 * there without JavaScript; the page's script only swaps {@code points} on refresh.
 *
 * @param points the polyline's {@code points} attribute, empty when there is nothing to draw
 * @param maxLag the lag at the top of the chart (at least 1)
 */
public record LagChart(int width, int height, String points, long maxLag, long latestLag) {

    public static LagChart draw(List<LagPoint> history, long nowMs, long windowMs, int width, int height) {
        long from = nowMs - windowMs;
        long max = 1;
        long latest = 0;
        for (LagPoint p : history) {
            if (p.atMs() >= from) {
                max = Math.max(max, p.lagRecords());
                latest = p.lagRecords();
            }
        }
        StringBuilder points = new StringBuilder();
        for (LagPoint p : history) {
            if (p.atMs() < from) {
                continue;
            }
            double x = (double) (p.atMs() - from) / windowMs * width;
            double y = height - (double) Math.max(0, p.lagRecords()) / max * height;
            if (!points.isEmpty()) {
                points.append(' ');
            }
            points.append(String.format(Locale.ROOT, "%.1f,%.1f", Math.min(x, width), y));
        }
        return new LagChart(width, height, points.toString(), max, latest);
    }
}
