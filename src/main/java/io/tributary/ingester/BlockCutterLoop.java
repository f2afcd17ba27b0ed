package io.tributary.ingester;

import io.tributary.consumer.PartitionReaders;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the block cutter and the local retention on one background thread, a few times per block range.
 * Starts after the partition readers so that the first cut sees their catch-up state.
 */
final class BlockCutterLoop implements SmartLifecycle, Runnable {
    private static final Logger log = LoggerFactory.getLogger(BlockCutterLoop.class);

    private final BlockCutter cutter;
    private final LocalBlocks localBlocks;
    private final long tickMillis;
    private volatile boolean running;
    private Thread thread;

    BlockCutterLoop(BlockCutter cutter, LocalBlocks localBlocks, Duration blockRange) {
        this.cutter = cutter;
        this.localBlocks = localBlocks;
        this.tickMillis = Math.max(100, Math.min(10_000, blockRange.toMillis() / 20));
    }

    @Override
    public void run() {
        long backoff = tickMillis;
        while (running) {
            try {
                cutter.cutDueWindows();
                localBlocks.applyRetention(System.currentTimeMillis());
                backoff = tickMillis;
            } catch (RuntimeException e) {
                log.warn("cutting or uploading a block failed; the window stays in the head and is retried in {} ms: {}",
                        backoff, e.toString());
                backoff = Math.min(backoff * 2, 60_000);
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this, "block-cutter");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PartitionReaders.PHASE + 100;
    }
}
