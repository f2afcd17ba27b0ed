package io.tributary.console.partitions;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * A lag history drawn as an SVG polyline: the x axis is the last {@code windowMs} up to {@code nowMs}, the y axis
 * runs from 0 at the bottom to the largest lag in the window at the top. Rendered by the server, so the chart is
 * there without JavaScript; the page's script only swaps {@code points} on refresh.
 *
 * @param points the polyline's {@code points} attribute, empty when there is nothing to draw
 * @param maxLag the lag at the top of the chart (at least 1; seconds rounded up for the seconds chart)
 */
public record LagChart(int width, int height, String points, long maxLag, long latestLag) {

    /** LAG in records. */
    public static LagChart draw(List<LagPoint> history, long nowMs, long windowMs, int width, int height) {
        return draw(history, nowMs, windowMs, width, height, LagPoint::lagRecords);
    }

    /** LAG in seconds; samples where it was unknown are left out. */
    public static LagChart drawSeconds(List<LagPoint> history, long nowMs, long windowMs, int width, int height) {
        return draw(history, nowMs, windowMs, width, height, LagPoint::lagSeconds);
    }

    private static LagChart draw(List<LagPoint> history, long nowMs, long windowMs, int width, int height,
            ToDoubleFunction<LagPoint> lag) {
        long from = nowMs - windowMs;
        double max = 1;
        double latest = 0;
        for (LagPoint p : history) {
            if (p.atMs() >= from && lag.applyAsDouble(p) >= 0) {
                max = Math.max(max, lag.applyAsDouble(p));
                latest = lag.applyAsDouble(p);
            }
        }
        long top = (long) Math.ceil(max);
        StringBuilder points = new StringBuilder();
        for (LagPoint p : history) {
            double value = lag.applyAsDouble(p);
            if (p.atMs() < from || value < 0) {
                continue;
            }
            double x = (double) (p.atMs() - from) / windowMs * width;
            double y = height - value / top * height;
            if (!points.isEmpty()) {
                points.append(' ');
            }
            points.append(String.format(Locale.ROOT, "%.1f,%.1f", Math.min(x, width), y));
        }
        return new LagChart(width, height, points.toString(), top, Math.round(latest));
    }
}
