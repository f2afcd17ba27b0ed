package io.tributary.config.edit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The differences between two sets of console values; secrets are compared but never shown. */
public final class SettingsDiff {

    private SettingsDiff() {
    }

    /**
     * @param before values of the older version (empty for "nothing saved")
     * @param after  values of the newer version
     */
    public static List<SettingChange> between(Map<String, String> before, Map<String, String> after,
            SettingsCatalog catalog) {
        List<SettingChange> out = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            String a = before.get(key);
            String b = after.get(key);
            if (a == null ? b == null : a.equals(b)) {
                continue;
            }
            boolean secret = catalog.find(key).map(SettingDefinition::secret).orElse(false);
            if (secret) {
                out.add(new SettingChange(key, setOrNot(a), setOrNot(b), true, true));
            } else {
                out.add(new SettingChange(key, a == null ? "(not saved)" : a, b == null ? "(not saved)" : b, false, false));
            }
        }
        return out;
    }

    private static String setOrNot(String value) {
        return value == null || value.isEmpty() ? "not set" : "set";
    }
}
