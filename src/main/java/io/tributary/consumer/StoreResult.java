package io.tributary.consumer;

import java.util.Map;

/** What storing one record did: samples appended, and samples refused as data errors by reason. */
public record StoreResult(long appended, Map<String, Long> rejectedByReason) {
    public StoreResult {
        rejectedByReason = Map.copyOf(rejectedByReason);
    }
}
