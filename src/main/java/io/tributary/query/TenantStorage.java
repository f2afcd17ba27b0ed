package io.tributary.query;

import io.tributary.storage.ChunkQuerier;

/**
 * The query path's view of storage: each tenant's series, and only that tenant's. Implemented by whatever owns
 * the tenants' heads and blocks.
 */
public interface TenantStorage {

    /**
     * The querier over {@code tenant}'s series. For a tenant that has never written, a querier that finds nothing
     * (never null, never an error: an unknown tenant simply has no data).
     */
    ChunkQuerier querier(String tenant);
}
