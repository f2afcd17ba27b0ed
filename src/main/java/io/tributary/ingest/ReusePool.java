package io.tributary.ingest;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Reusable scratch objects (buffers, scanner state) lent to request threads for the CPU-bound part of a push.
 *
 * <p>Why not a {@link ThreadLocal}: the servlet container spreads requests over many threads, and each one kept
 * its own megabytes of buffers (about 2 MB per thread at 2000-sample requests, ~15 threads under a steady load).
 * Only as many requests decode at once as there are cores busy, so a shared pool holds far fewer sets. It is a
 * stack, so the most recently returned (cache-warm) object is lent next; at most {@code maxIdle} are kept, and an
 * object that grew past what is worth keeping is simply not returned.
 *
 * <p>Thread-safe and lock-free.
 */
final class ReusePool<T> {

    /** Idle objects kept by default: enough for every core plus requests waiting on one. */
    static final int DEFAULT_MAX_IDLE = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private final Supplier<T> factory;
    private final int maxIdle;
    private final ConcurrentLinkedDeque<T> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    ReusePool(Supplier<T> factory, int maxIdle) {
        this.factory = factory;
        this.maxIdle = maxIdle;
    }

    /** An idle object, or a new one when none is idle. */
    T take() {
        T object = idle.pollFirst();
        if (object == null) {
            return factory.get();
        }
        idleCount.decrementAndGet();
        return object;
    }

    /** Returns {@code object} for reuse; the caller must not touch it afterwards. Dropped when enough are idle. */
    void give(T object) {
        if (idleCount.incrementAndGet() > maxIdle) {
            idleCount.decrementAndGet();
            return;
        }
        idle.offerFirst(object);
    }

    /** Objects idle in the pool now. */
    int idle() {
        return Math.max(0, idleCount.get());
    }
}
