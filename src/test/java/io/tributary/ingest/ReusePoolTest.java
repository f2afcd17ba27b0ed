package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReusePoolTest {

    @Test
    void lendsTheMostRecentlyReturnedObjectFirst() {
        AtomicInteger created = new AtomicInteger();
        ReusePool<int[]> pool = new ReusePool<>(() -> new int[] {created.incrementAndGet()}, 4);
        int[] a = pool.take();
        int[] b = pool.take();
        pool.give(a);
        pool.give(b);

        assertThat(pool.take()).isSameAs(b);
        assertThat(pool.take()).isSameAs(a);
        assertThat(pool.take()[0]).isEqualTo(3);
    }

    @Test
    void keepsAtMostMaxIdleObjects() {
        ReusePool<Object> pool = new ReusePool<>(Object::new, 2);
        List<Object> lent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            lent.add(pool.take());
        }
        lent.forEach(pool::give);

        assertThat(pool.idle()).isEqualTo(2);
        assertThat(pool.take()).isSameAs(lent.get(1));
        assertThat(pool.take()).isSameAs(lent.get(0));
    }

    @Test
    void neverLendsOneObjectToTwoThreadsAtOnce() throws Exception {
        ReusePool<Object> pool = new ReusePool<>(Object::new, 3);
        Set<Object> inUse = ConcurrentHashMap.newKeySet();
        AtomicInteger clashes = new AtomicInteger();
        int threads = 6;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 20_000; i++) {
                    Object o = pool.take();
                    if (!inUse.add(o)) {
                        clashes.incrementAndGet();
                    }
                    inUse.remove(o);
                    pool.give(o);
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }

        assertThat(clashes).hasValue(0);
        assertThat(pool.idle()).isBetween(1, 3);
    }
}
