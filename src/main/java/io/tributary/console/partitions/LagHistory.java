package io.tributary.console.partitions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lag samples per partition and for the whole topic, each in a ring of fixed capacity so memory stays bounded:
 * with a sample every 5 s, 760 points keep a little more than the last hour.
 */
public final class LagHistory {
    /** The key of the topic's series (the sum over its partitions). */
    public static final int TOPIC = -1;

    private final int capacity;
    private final Map<Integer, Ring> rings = new ConcurrentHashMap<>();

    public LagHistory(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("a lag history needs room for at least 2 points, not " + capacity);
        }
        this.capacity = capacity;
    }

    /** Appends a point, dropping the oldest one of that series when the ring is full. */
    public void record(int partition, LagPoint point) {
        rings.computeIfAbsent(partition, p -> new Ring(capacity)).add(point);
    }

    /** The series' points, oldest first; empty for a partition never sampled. */
    public List<LagPoint> points(int partition) {
        Ring ring = rings.get(partition);
        return ring == null ? List.of() : ring.snapshot();
    }

    public int capacity() {
        return capacity;
    }

    /** A fixed array used circularly; synchronized because the sampler writes while pages read. */
    private static final class Ring {
        private final LagPoint[] points;
        private int next;
        private int size;

        Ring(int capacity) {
            points = new LagPoint[capacity];
        }

        synchronized void add(LagPoint point) {
            points[next] = point;
            next = (next + 1) % points.length;
            size = Math.min(size + 1, points.length);
        }

        synchronized List<LagPoint> snapshot() {
            List<LagPoint> copy = new ArrayList<>(size);
            int first = (next - size + points.length) % points.length;
            for (int i = 0; i < size; i++) {
                copy.add(points[(first + i) % points.length]);
            }
            return copy;
        }
    }
}
