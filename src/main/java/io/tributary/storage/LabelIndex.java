package io.tributary.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A head's inverted index: label name → label value → the series carrying that pair, sorted by series id. It is
 * also the head's string pool: a new series takes the name and value strings already in the index, so each
 * distinct string is held once however many series carry it, and is freed with its last series.
 *
 * <p>One read-write lock guards the maps, held only for map operations. Postings lists grow in place at the
 * tail and are replaced, never edited, when series leave; so a reader may take a list's array and size under
 * the lock and read that prefix after releasing it, while writers carry on.
 */
final class LabelIndex {
    private static final HeadSeries[] NONE = new HeadSeries[0];
    private static final Comparator<HeadSeries> BY_ID = Comparator.comparingLong(s -> s.id);

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, ValuePostings> byName = new HashMap<>();

    /** The values of one label name; also the canonical copy of the name. */
    private static final class ValuePostings {
        final String name;
        final Map<String, Postings> byValue = new HashMap<>();

        ValuePostings(String name) {
            this.name = name;
        }
    }

    /** The series carrying one name/value pair; also the canonical copy of the value. */
    private static final class Postings {
        final String value;
        HeadSeries[] series = NONE;
        int size;

        Postings(String value) {
            this.value = value;
        }

        void add(HeadSeries s) {
            if (size > 0 && series[size - 1].id > s.id) {
                // A creator that lost the race to the lock: insert into a copy so readers' prefixes stay intact.
                HeadSeries[] copy = Arrays.copyOf(series, size + 1);
                int at = size;
                while (at > 0 && copy[at - 1].id > s.id) {
                    copy[at] = copy[at - 1];
                    at--;
                }
                copy[at] = s;
                series = copy;
                size++;
                return;
            }
            if (size == series.length) {
                series = Arrays.copyOf(series, size < 4 ? size + 1 : size + (size >> 1));
            }
            series[size++] = s;
        }

        void removeAll(Set<HeadSeries> removed) {
            HeadSeries[] kept = new HeadSeries[size];
            int n = 0;
            for (int i = 0; i < size; i++) {
                if (!removed.contains(series[i])) {
                    kept[n++] = series[i];
                }
            }
            series = n == 0 ? NONE : Arrays.copyOf(kept, n);
            size = n;
        }
    }

    /** A postings list as it stood under the read lock: its first {@code size} entries stay valid. */
    private record ValueView(String value, HeadSeries[] series, int size) {
    }

    /** The label set rebuilt from the index's copies of its strings, where the index has them. */
    Labels intern(Labels labels) {
        String[] pairs = new String[labels.size() * 2];
        lock.readLock().lock();
        try {
            for (int i = 0; i < labels.size(); i++) {
                ValuePostings values = byName.get(labels.name(i));
                Postings postings = values == null ? null : values.byValue.get(labels.value(i));
                pairs[2 * i] = values == null ? labels.name(i) : values.name;
                pairs[2 * i + 1] = postings == null ? labels.value(i) : postings.value;
            }
        } finally {
            lock.readLock().unlock();
        }
        return Labels.ofSorted(pairs);
    }

    void add(HeadSeries s) {
        Labels labels = s.labels;
        lock.writeLock().lock();
        try {
            for (int i = 0; i < labels.size(); i++) {
                byName.computeIfAbsent(labels.name(i), ValuePostings::new)
                        .byValue.computeIfAbsent(labels.value(i), Postings::new)
                        .add(s);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes series in one pass per affected list, as Prometheus's {@code MemPostings.Delete} does. */
    void remove(Set<HeadSeries> removed) {
        if (removed.isEmpty()) {
            return;
        }
        lock.writeLock().lock();
        try {
            Map<Postings, ValuePostings> affected = new IdentityHashMap<>();
            for (HeadSeries s : removed) {
                for (int i = 0; i < s.labels.size(); i++) {
                    ValuePostings values = byName.get(s.labels.name(i));
                    Postings postings = values == null ? null : values.byValue.get(s.labels.value(i));
                    if (postings != null) {
                        affected.put(postings, values);
                    }
                }
            }
            affected.forEach((postings, values) -> {
                postings.removeAll(removed);
                if (postings.size == 0) {
                    values.byValue.remove(postings.value);
                    if (values.byValue.isEmpty()) {
                        byName.remove(values.name);
                    }
                }
            });
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The series whose value for the matcher's label is non-empty and matches, sorted by id. Only for
     * matchers that do not match "" (those select series by absence too, which an index of present labels
     * cannot answer).
     */
    HeadSeries[] matching(LabelMatcher matcher) {
        if (matcher.type() == LabelMatcher.Type.EQUAL) {
            HeadSeries[] series;
            int size;
            lock.readLock().lock();
            try {
                ValuePostings values = byName.get(matcher.name());
                Postings postings = values == null ? null : values.byValue.get(matcher.value());
                if (postings == null) {
                    return NONE;
                }
                series = postings.series;
                size = postings.size;
            } finally {
                lock.readLock().unlock();
            }
            return Arrays.copyOf(series, size);
        }
        List<ValueView> views = new ArrayList<>();
        lock.readLock().lock();
        try {
            ValuePostings values = byName.get(matcher.name());
            if (values == null) {
                return NONE;
            }
            for (Postings postings : values.byValue.values()) {
                views.add(new ValueView(postings.value, postings.series, postings.size));
            }
        } finally {
            lock.readLock().unlock();
        }
        // The regular expression runs outside the lock: a label with many values would otherwise stall writers.
        List<HeadSeries> union = new ArrayList<>();
        for (ValueView view : views) {
            if (matcher.matches(view.value())) {
                union.addAll(Arrays.asList(view.series()).subList(0, view.size()));
            }
        }
        // A series has one value per name, so the lists are disjoint and sorting is the whole merge.
        HeadSeries[] result = union.toArray(NONE);
        Arrays.sort(result, BY_ID);
        return result;
    }

    /** Series in both id-sorted arrays, sorted by id. */
    static HeadSeries[] intersect(HeadSeries[] a, HeadSeries[] b) {
        HeadSeries[] out = new HeadSeries[Math.min(a.length, b.length)];
        int n = 0;
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            long ia = a[i].id;
            long jb = b[j].id;
            if (ia == jb) {
                out[n++] = a[i];
                i++;
                j++;
            } else if (ia < jb) {
                i++;
            } else {
                j++;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
