package io.tributary.query;

import java.util.Locale;

/** Mimir's per-request read consistency header, {@code X-Read-Consistency: strong|eventual}. */
final class ReadConsistencyHeader {

    static final String NAME = "X-Read-Consistency";
    static final String STRONG = "strong";
    static final String EVENTUAL = "eventual";

    private ReadConsistencyHeader() {
    }

    /**
     * The header's level in lower case, or null when the request has none (an empty value counts as none).
     *
     * @throws InvalidQueryException for any other value
     */
    static String level(String headerValue) {
        if (headerValue == null || headerValue.isBlank()) {
            return null;
        }
        String level = headerValue.trim().toLowerCase(Locale.ROOT);
        if (!level.equals(STRONG) && !level.equals(EVENTUAL)) {
            throw new InvalidQueryException("invalid " + NAME + " header \"" + headerValue + "\": use "
                    + STRONG + " or " + EVENTUAL);
        }
        return level;
    }
}
