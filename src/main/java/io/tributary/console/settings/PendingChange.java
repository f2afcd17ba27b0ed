package io.tributary.console.settings;

import io.tributary.config.KafkaFlavor;
import io.tributary.config.KafkaSettings;
import io.tributary.kafka.ConnectionTest;
import java.util.Map;

/**
 * Validated and tested candidate settings waiting in the operator's session for "apply" or "save anyway". Kept
 * server-side so that secrets typed into the form never travel back to the browser in hidden fields.
 */
record PendingChange(Map<String, String> values, KafkaSettings kafka, KafkaFlavor flavor, ConnectionTest.Result test,
        String comment) {

    static final String SESSION_KEY = PendingChange.class.getName();

    /** Never the values: they hold secrets. */
    @Override
    public String toString() {
        return "PendingChange[" + values.keySet() + ", test passed=" + test.passed() + "]";
    }
}
