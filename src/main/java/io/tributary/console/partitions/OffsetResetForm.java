package io.tributary.console.partitions;

import io.tributary.consumer.OffsetResetTarget;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The offset reset form as submitted: where to ({@code start}, {@code end}, {@code timestamp}, {@code offset}),
 * the timestamp (RFC 3339, like {@code 2026-11-22T06:00:00Z}, or Unix ms), the offset, and the confirmation box.
 * Fields are strings so that a wrong value comes back to the form with a reason instead of a bare 400.
 */
public record OffsetResetForm(String to, String timestamp, String offset, boolean confirm) {

    /** An empty form, for the first rendering of the page. */
    public static OffsetResetForm blank() {
        return new OffsetResetForm("start", "", "", false);
    }

    /** Every problem of the form by field name, each naming the bad value and what is allowed; empty when valid. */
    public Map<String, String> violations() {
        Map<String, String> errors = new LinkedHashMap<>();
        OffsetResetTarget.Kind kind = kind();
        if (kind == null) {
            errors.put("to", "reset to '" + to + "' is not known: choose start, end, timestamp or offset");
        } else if (kind == OffsetResetTarget.Kind.TIMESTAMP && parseTimestamp() == null) {
            errors.put("timestamp", "timestamp '" + nullToEmpty(timestamp) + "' is neither an RFC 3339 time like "
                    + "2026-11-22T06:00:00Z nor Unix milliseconds like 1795500000000");
        } else if (kind == OffsetResetTarget.Kind.OFFSET && parseOffset() == null) {
            errors.put("offset", "offset '" + nullToEmpty(offset) + "' is not a whole number of 0 or more");
        }
        if (!confirm) {
            errors.put("confirm", "tick the confirmation: the reader will re-read or skip records");
        }
        return errors;
    }

    /** The target of a valid form. */
    public OffsetResetTarget target() {
        OffsetResetTarget.Kind kind = kind();
        return switch (kind) {
            case START, END -> new OffsetResetTarget(kind, 0);
            case TIMESTAMP -> new OffsetResetTarget(kind, parseTimestamp());
            case OFFSET -> new OffsetResetTarget(kind, parseOffset());
        };
    }

    private OffsetResetTarget.Kind kind() {
        try {
            return to == null ? null : OffsetResetTarget.Kind.valueOf(to.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Long parseTimestamp() {
        String t = nullToEmpty(timestamp).trim();
        if (t.matches("\\d{1,15}")) {
            return Long.parseLong(t);
        }
        try {
            return Instant.parse(t).toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private Long parseOffset() {
        String o = nullToEmpty(offset).trim();
        return o.matches("\\d{1,18}") ? Long.parseLong(o) : null;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
