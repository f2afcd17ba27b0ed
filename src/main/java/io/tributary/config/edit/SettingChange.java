package io.tributary.config.edit;

/**
 * One difference between two versions. For a secret, {@code before} and {@code after} are only "set"/"not set"
 * and {@code secretChanged} tells whether the value itself changed.
 */
public record SettingChange(String key, String before, String after, boolean secret, boolean secretChanged) {

    /** What the page shows in the "after" column. */
    public String describeAfter() {
        return secret ? after + (secretChanged ? " (changed)" : "") : after;
    }
}
