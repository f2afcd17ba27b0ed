package io.tributary.distributor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Produces the 512 ring tokens of each partition the way grafana/dskit's spread-minimizing token
 * generator does for a single zone with zone index 0, which is how Mimir's partition ring gets its tokens.
 *
 * <p>Written from a description of the algorithm, not ported code. The steps:
 * <ol>
 *   <li>Partition 0 gets the tokens {@code k * 2^23} for k in [0, 512): the ring cut into equal slices.</li>
 *   <li>Partition i (i &ge; 1) aims at owning {@code 2^32 / (i + 1)} of the ring. It takes its tokens one by
 *       one. Before each one it computes a target width: what it still lacks divided by the number of tokens it
 *       still needs, rounded down to a multiple of 8. It then takes the partition that currently owns the most,
 *       and within that partition the token whose range is widest, and puts the new token that target width past
 *       the start of that range, so the new token owns the first part and the old token keeps the rest.</li>
 *   <li>When the widest range of the partition that owns the most is no wider than the target, that partition
 *       sits out until partition i has all its tokens.</li>
 *   <li>Ties go to the higher partition id, and within a partition to the higher token value.</li>
 * </ol>
 * Every step depends only on partitions with lower ids, so partition p's tokens are the same whatever the
 * partition count, and the tokens of partition N only split ranges of partitions 0..N-1.
 *
 * <p>Ownership sums are whole numbers below 2^33, so this class keeps them in {@code long}s. dskit keeps them
 * in {@code float64}s, which hold such whole numbers exactly, so both give the same results. Only the
 * per-partition target is fractional, and it is computed in {@code double} the same way.
 */
final class SpreadMinimizingTokens {

    static final int TOKENS_PER_PARTITION = 512;

    /** Size of the token space: tokens are unsigned 32-bit values. */
    static final long RING_SIZE = 1L << 32;

    /**
     * dskit reserves 8 zones and gives zone z the tokens congruent to z modulo 8, so every width it hands out is a
     * multiple of 8. We always use zone 0 (partitions have no zones), but the rounding still shapes the tokens.
     */
    static final int ZONE_SLOTS = 8;

    /** The highest token of zone 0 that still leaves room for the other zones' tokens right after it. */
    private static final long HIGHEST_ZONE0_TOKEN = RING_SIZE - ZONE_SLOTS;

    private SpreadMinimizingTokens() {
    }

    /** One token of one partition, with the ring range (prev, token] it owns. */
    private static final class TokenRange {
        final long token;
        long prev;
        long width;

        TokenRange(long token, long prev) {
            this.token = token;
            this.prev = prev;
            this.width = distance(prev, token);
        }
    }

    /** A partition and how much of the ring it owns so far. */
    private static final class Owner {
        final int id;
        long owned;

        Owner(int id, long owned) {
            this.id = id;
            this.owned = owned;
        }
    }

    // Widest first, ties to the higher token. A strict total order, so the head is always the same element no
    // matter how the heap arranged itself; that is why a java.util.PriorityQueue picks what dskit's heap picks.
    private static final Comparator<TokenRange> WIDEST_FIRST =
            Comparator.comparingLong((TokenRange t) -> t.width).thenComparingLong(t -> t.token).reversed();

    // Largest owner first, ties to the higher partition id.
    private static final Comparator<Owner> LARGEST_FIRST =
            Comparator.comparingLong((Owner o) -> o.owned).thenComparingInt(o -> o.id).reversed();

    /**
     * Tokens of partitions 0..maxPartitionId, each array sorted as unsigned values and holding tokens as the low
     * 32 bits of an {@code int}.
     *
     * @throws IllegalStateException if the ring cannot take that many partitions (dskit fails the same way)
     */
    static int[][] generate(int maxPartitionId) {
        if (maxPartitionId < 0) {
            throw new IllegalArgumentException("partition id must be >= 0, got " + maxPartitionId);
        }
        long[][] byPartition = new long[maxPartitionId + 1][];

        long slice = RING_SIZE / TOKENS_PER_PARTITION;
        long[] first = new long[TOKENS_PER_PARTITION];
        List<PriorityQueue<TokenRange>> rangesByPartition = new ArrayList<>(maxPartitionId + 1);
        PriorityQueue<TokenRange> firstRanges = new PriorityQueue<>(TOKENS_PER_PARTITION, WIDEST_FIRST);
        long firstOwned = 0;
        for (int k = 0; k < TOKENS_PER_PARTITION; k++) {
            first[k] = k * slice;
        }
        for (int k = 0; k < TOKENS_PER_PARTITION; k++) {
            TokenRange r = new TokenRange(first[k], first[(k + TOKENS_PER_PARTITION - 1) % TOKENS_PER_PARTITION]);
            firstOwned += r.width;
            firstRanges.add(r);
        }
        byPartition[0] = first;
        rangesByPartition.add(firstRanges);

        PriorityQueue<Owner> owners = new PriorityQueue<>(LARGEST_FIRST);
        owners.add(new Owner(0, firstOwned));
        List<Owner> sittingOut = new ArrayList<>();

        for (int id = 1; id <= maxPartitionId; id++) {
            double goal = (double) RING_SIZE / (double) (id + 1);
            long owned = 0;
            long[] tokens = new long[TOKENS_PER_PARTITION];
            PriorityQueue<TokenRange> ranges = new PriorityQueue<>(TOKENS_PER_PARTITION, WIDEST_FIRST);
            sittingOut.clear();
            int added = 0;
            while (added < TOKENS_PER_PARTITION) {
                long target = targetWidth(goal, owned, TOKENS_PER_PARTITION - added);
                Owner donor = owners.peek();
                if (donor == null || donor.owned <= target) {
                    throw new IllegalStateException("cannot place token " + (added + 1) + " of partition " + id
                            + ": no partition owns more than " + target);
                }
                PriorityQueue<TokenRange> donorRanges = rangesByPartition.get(donor.id);
                TokenRange widest = donorRanges.peek();
                if (widest.width <= target) {
                    // Its widest range cannot be split at the target width: skip it for the rest of this partition.
                    sittingOut.add(owners.poll());
                    continue;
                }
                long token = placeToken(widest.prev, widest.token, target);
                tokens[added] = token;
                ranges.add(new TokenRange(token, widest.prev));

                long before = widest.width;
                long after = distance(token, widest.token);
                owned += before - after;

                // Both heads shrank: take them out, update, put them back (a PriorityQueue has no "fix").
                donorRanges.poll();
                widest.prev = token;
                widest.width = after;
                donorRanges.add(widest);
                owners.poll();
                donor.owned += after - before;
                owners.add(donor);
                added++;
            }
            byPartition[id] = tokens;
            if (id == maxPartitionId) {
                break;
            }
            owners.addAll(sittingOut);
            rangesByPartition.add(ranges);
            owners.add(new Owner(id, owned));
        }

        int[][] result = new int[maxPartitionId + 1][];
        for (int id = 0; id <= maxPartitionId; id++) {
            long[] sorted = byPartition[id].clone();
            Arrays.sort(sorted); // values are in [0, 2^32), so signed long order is unsigned token order
            int[] asInts = new int[sorted.length];
            for (int k = 0; k < sorted.length; k++) {
                asInts[k] = (int) sorted[k];
            }
            result[id] = asInts;
        }
        return result;
    }

    /**
     * Width each remaining token should take so a partition that owns {@code owned} reaches {@code goal}:
     * the shortfall truncated to a whole number, divided (rounding down) by the tokens left, then rounded down to
     * a multiple of 8. The truncation and the integer division are part of the result, not an approximation.
     */
    static long targetWidth(double goal, long owned, int tokensLeft) {
        double shortfall = goal - (double) owned;
        if (shortfall < 0 || shortfall >= RING_SIZE) {
            throw new IllegalStateException("shortfall out of range: " + shortfall);
        }
        long perToken = ((long) shortfall) / tokensLeft;
        return (perToken / ZONE_SLOTS) * ZONE_SLOTS;
    }

    /**
     * Where a new token goes inside the range (prev, token] so that it owns {@code width} of it. If that would
     * pass the highest zone-0 token, dskit counts the overflow from 0 onwards, which lands 8 further than a plain
     * wrap-around would; we keep that, as tokens must match. (It cannot happen with zone 0 while token 0 exists,
     * since every range crossing 0 ends at 0, but the rule is kept exact anyway.)
     *
     * @throws IllegalStateException if width is not a positive multiple of 8, the bounds are in different zones,
     *     or the range is not wider than width
     */
    static long placeToken(long prev, long token, long width) {
        if (width < ZONE_SLOTS || width % ZONE_SLOTS != 0) {
            throw new IllegalStateException("width " + width + " is not a positive multiple of " + ZONE_SLOTS);
        }
        if (prev % ZONE_SLOTS != token % ZONE_SLOTS) {
            throw new IllegalStateException("range (" + prev + ", " + token + "] spans two zones");
        }
        long rangeWidth = distance(prev, token);
        if (rangeWidth <= width) {
            throw new IllegalStateException("range (" + prev + ", " + token + "] of width " + rangeWidth
                    + " cannot take a token owning " + width);
        }
        long headroom = (HIGHEST_ZONE0_TOKEN - prev) & 0xFFFF_FFFFL; // unsigned 32-bit subtraction
        if (headroom < width) {
            return width - headroom;
        }
        return (prev + width) & 0xFFFF_FFFFL;
    }

    /** Width of the ring range (from, to]; a token's distance to itself is the whole ring. */
    static long distance(long from, long to) {
        return from < to ? to - from : RING_SIZE - from + to;
    }
}
