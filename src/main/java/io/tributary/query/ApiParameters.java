package io.tributary.query;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The Prometheus HTTP API's parameter formats: timestamps as Unix seconds with optional decimals or as RFC 3339,
 * and {@code limit}. Errors carry Prometheus's wording, {@code invalid parameter "start": ...}.
 */
final class ApiParameters {

    /** An absent {@code start}: all time, like Prometheus's minimum time. */
    static final long MIN_TIME = Long.MIN_VALUE;
    /** An absent {@code end}: all time. */
    static final long MAX_TIME = Long.MAX_VALUE;

    /** How Prometheus prints its minimum and maximum times; clients (Grafana) echo them back as parameters. */
    private static final String PROMETHEUS_MIN_TIME = "-292273086-05-16T16:47:06Z";
    private static final String PROMETHEUS_MAX_TIME = "292277026596-12-04T15:30:07.999999999Z";

    /** A decimal number of seconds, optionally with an exponent (what Go's ParseFloat reads, minus hex and Inf/NaN). */
    private static final Pattern UNIX_SECONDS = Pattern.compile("[+-]?+(\\d++\\.?+\\d*+|\\.\\d++)([eE][+-]?+\\d++)?+");
    /** Seconds beyond which milliseconds no longer fit in a long. */
    private static final double MAX_SECONDS = Long.MAX_VALUE / 1000.0;

    private ApiParameters() {
    }

    /** Milliseconds since the epoch, or {@code absent} when the parameter is missing or empty. */
    static long time(String name, String value, long absent) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        if (value.equals(PROMETHEUS_MIN_TIME)) {
            return MIN_TIME;
        }
        if (value.equals(PROMETHEUS_MAX_TIME)) {
            return MAX_TIME;
        }
        if (UNIX_SECONDS.matcher(value).matches()) {
            // As Prometheus: a float64 of seconds, whose fraction is rounded to milliseconds half away from zero.
            double seconds = Double.parseDouble(value);
            if (Math.abs(seconds) < MAX_SECONDS) {
                double whole = seconds < 0 ? Math.ceil(seconds) : Math.floor(seconds);
                double fractionMs = (seconds - whole) * 1000;
                long roundedMs = (long) Math.floor(Math.abs(fractionMs) + 0.5);
                return (long) whole * 1000 + (fractionMs < 0 ? -roundedMs : roundedMs);
            }
        } else {
            try {
                return OffsetDateTime.parse(value).toInstant().toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException notRfc3339) {
                // fall through to the error
            }
        }
        throw new InvalidQueryException("invalid parameter \"" + name + "\": cannot parse \"" + value
                + "\" to a valid timestamp");
    }

    /** A result limit: absent or 0 means none (Integer.MAX_VALUE); negative or not a number is refused. */
    static int limit(String value) {
        if (value == null || value.isEmpty()) {
            return Integer.MAX_VALUE;
        }
        int limit;
        try {
            limit = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidQueryException("invalid parameter \"limit\": cannot parse \"" + value
                    + "\" to a valid limit");
        }
        if (limit < 0) {
            throw new InvalidQueryException("invalid parameter \"limit\": limit must be non-negative");
        }
        return limit == 0 ? Integer.MAX_VALUE : limit;
    }
}
