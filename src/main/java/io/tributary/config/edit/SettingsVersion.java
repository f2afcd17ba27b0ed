package io.tributary.config.edit;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One saved version of the console's settings: who saved it, when, why, and every value it sets (secrets in clear:
 * they are needed to connect, and the file that holds them is readable by the owner only).
 *
 * @param number  1 for the first save, then one more per save or rollback
 * @param author  the console user who saved it
 * @param savedAt when it was saved
 * @param comment what the save was: applied after a passing test, saved anyway, a rollback to version n
 * @param values  key → value as the settings file spells it
 */
public record SettingsVersion(int number, String author, Instant savedAt, String comment, Map<String, String> values) {

    public SettingsVersion {
        values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** Never the values: a version holds secrets. */
    @Override
    public String toString() {
        return "SettingsVersion[" + number + " by " + author + " at " + savedAt + ": " + comment + ", keys "
                + values.keySet() + "]";
    }
}
