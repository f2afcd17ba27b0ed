package io.tributary.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable label set sorted by name, the identity of a series. Names are unique; empty values are dropped
 * on construction because Prometheus treats {@code name=""} as the label being absent.
 */
public final class Labels implements Comparable<Labels> {
    public static final String METRIC_NAME = "__name__";
    public static final Labels EMPTY = new Labels(new String[0]);

    /** name0, value0, name1, value1, ... sorted by name. */
    private final String[] pairs;
    private final int hash;

    private Labels(String[] pairs) {
        this.pairs = pairs;
        this.hash = Arrays.hashCode(pairs);
    }

    /** Builds a label set from name/value pairs in any order; a repeated name keeps its last value. */
    public static Labels of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name/value pairs");
        }
        Map<String, String> sorted = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            sorted.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fromMap(sorted);
    }

    public static Labels fromMap(Map<String, String> labels) {
        Map<String, String> sorted = labels instanceof TreeMap<String, String> t && t.comparator() == null
                ? t : new TreeMap<>(labels);
        List<String> pairs = new ArrayList<>(sorted.size() * 2);
        sorted.forEach((name, value) -> {
            if (!value.isEmpty()) {
                pairs.add(name);
                pairs.add(value);
            }
        });
        return new Labels(pairs.toArray(new String[0]));
    }

    /**
     * Wraps pairs that the caller guarantees are already sorted by name, unique and without empty values (a
     * decoded remote-write series after validation). Checked, because a mis-sorted set would split a series.
     */
    public static Labels ofSorted(String[] namesAndValues) {
        for (int i = 2; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i - 2].compareTo(namesAndValues[i]) >= 0) {
                return of(namesAndValues);
            }
        }
        for (int i = 1; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i].isEmpty()) {
                return of(namesAndValues);
            }
        }
        return new Labels(namesAndValues.clone());
    }

    public int size() {
        return pairs.length / 2;
    }

    public String name(int i) {
        return pairs[2 * i];
    }

    public String value(int i) {
        return pairs[2 * i + 1];
    }

    /** The value of {@code name}, or "" when the label is absent (Prometheus's convention). */
    public String get(String name) {
        int lo = 0;
        int hi = size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = pairs[2 * mid].compareTo(name);
            if (c == 0) {
                return pairs[2 * mid + 1];
            } else if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return "";
    }

    public Map<String, String> toMap() {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < size(); i++) {
            map.put(name(i), value(i));
        }
        return map;
    }

    /** Prometheus's label-set order: pair by pair, name then value; a prefix sorts first. */
    @Override
    public int compareTo(Labels o) {
        int n = Math.min(pairs.length, o.pairs.length);
        for (int i = 0; i < n; i++) {
            int c = pairs[i].compareTo(o.pairs[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(pairs.length, o.pairs.length);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Labels l && l.hash == hash && Arrays.equals(l.pairs, pairs);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(name(i)).append("=\"").append(value(i)).append('"');
        }
        return sb.append('}').toString();
    }
}
