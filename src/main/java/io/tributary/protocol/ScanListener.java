package io.tributary.protocol;

/**
 * Called by {@link RemoteWriteScanner} right after each series or metadata entry is scanned, while its bytes
 * are still in cache, so validation happens in the same pass as decoding.
 */
public interface ScanListener {

    /** Returns whether to keep series {@code s} (the last one scanned); a rejected series is dropped from the pools. */
    boolean onSeries(ScannedRequest request, int s);

    /** Returns whether to keep metadata entry {@code m} (the last one added). */
    boolean onMetadata(ScannedRequest request, int m);
}
