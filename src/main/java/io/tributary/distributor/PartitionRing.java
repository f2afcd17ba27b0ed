package io.tributary.distributor;

import java.util.Arrays;

/**
 * Chooses a series' partition the way Mimir's distributor does: a hash ring where each of the N partitions holds
 * 512 tokens from grafana/dskit's spread-minimizing token generator, and a token maps to the partition owning the
 * first ring token strictly greater than it (unsigned), wrapping around past the highest one.
 *
 * <p>Parity with Mimir. The tokens are dskit's for partition id p, single zone, zone index 0: they follow the
 * algorithm step by step, including its rounding and tie-breaking (see {@link SpreadMinimizingTokens}). For
 * partitions 0..1023 they were checked to be identical to a Go transcription of dskit's generator run with Go's
 * own heap and integer/float semantics; the tests pin that output. What this class does not do:
 * <ul>
 *   <li>It assumes partitions 0..N-1 all exist and are ACTIVE. Mimir's ring holds the partitions the ingesters
 *       registered, and its lookup walks past PENDING and INACTIVE ones to the next ACTIVE partition. Here N is
 *       the partition count the caller passes, so N must equal Mimir's number of ACTIVE partitions, with ids
 *       0..N-1, for series to land where Mimir would put them.</li>
 *   <li>It does no per-tenant shuffle sharding.</li>
 * </ul>
 *
 * <p>Because partition p's tokens do not depend on N and partition N's tokens only split existing ranges, going
 * from N to N+1 partitions moves about 1/(N+1) of the series, all of them onto the new partition.
 *
 * <p>Thread-safe. A ring is built the first time a partition count is asked for (generating tokens for a few
 * hundred partitions takes milliseconds) and kept. A lookup is then a binary search over an {@code int[]},
 * with no allocation and no lock.
 */
public final class PartitionRing implements PartitionMapper {

    /** Rings by partition count; replaced (copy on write) when a new count shows up, which is rare. */
    private volatile Ring[] ringsByCount = new Ring[0];

    /** Sorted tokens of partitions 0..tokensByPartition.length-1; only read and grown under {@code this}. */
    private int[][] tokensByPartition = new int[0][];

    @Override
    public int partitionOf(int token, int partitionCount) {
        return ring(partitionCount).ownerOf(token);
    }

    /** The sorted tokens (unsigned, in {@code int}s) of one partition, as the ring uses them. */
    public int[] tokensOf(int partition) {
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, got " + partition);
        }
        synchronized (this) {
            return tokenTable(partition + 1)[partition].clone();
        }
    }

    private Ring ring(int partitionCount) {
        Ring[] rings = ringsByCount;
        if (partitionCount > 0 && partitionCount < rings.length) {
            Ring ring = rings[partitionCount];
            if (ring != null) {
                return ring;
            }
        }
        return buildRing(partitionCount);
    }

    private synchronized Ring buildRing(int partitionCount) {
        if (partitionCount <= 0) {
            throw new IllegalArgumentException("partitionCount must be > 0, got " + partitionCount);
        }
        Ring[] rings = ringsByCount;
        if (partitionCount < rings.length && rings[partitionCount] != null) {
            return rings[partitionCount]; // another thread built it while we waited
        }
        Ring ring = Ring.of(tokenTable(partitionCount), partitionCount);
        Ring[] grown = Arrays.copyOf(rings, Math.max(rings.length, partitionCount + 1));
        grown[partitionCount] = ring;
        ringsByCount = grown; // volatile write publishes the fully built ring
        return ring;
    }

    /** Token table covering at least {@code partitionCount} partitions; caller holds the lock. */
    private int[][] tokenTable(int partitionCount) {
        if (tokensByPartition.length < partitionCount) {
            // Generation always starts from partition 0, so we grow straight to the requested size.
            tokensByPartition = SpreadMinimizingTokens.generate(partitionCount - 1);
        }
        return tokensByPartition;
    }

    /** One immutable ring: all tokens of N partitions in unsigned order, and who owns each. */
    private static final class Ring {
        /** Tokens with the sign bit flipped, so that signed {@code int} order is the unsigned token order. */
        private final int[] flippedTokens;
        private final int[] owners;
        /**
         * {@code bucketStart[b]} is the index of the first token whose top {@code 32 - shift} bits are ≥ b: with
         * about two buckets per token, a lookup reads one bucket and compares at most a token or two, instead of
         * a binary search whose 13 unpredictable branches (16 partitions) cost more than the rest of routing.
         */
        private final int[] bucketStart;
        private final int shift;

        private Ring(int[] flippedTokens, int[] owners) {
            this.flippedTokens = flippedTokens;
            this.owners = owners;
            int bits = Math.max(8, Math.min(16, 33 - Integer.numberOfLeadingZeros(flippedTokens.length)));
            this.shift = 32 - bits;
            int buckets = 1 << bits;
            this.bucketStart = new int[buckets + 1];
            int j = 0;
            for (int b = 0; b <= buckets; b++) {
                long start = (long) b << shift;
                while (j < flippedTokens.length && Integer.toUnsignedLong(flippedTokens[j] ^ Integer.MIN_VALUE) < start) {
                    j++;
                }
                bucketStart[b] = j;
            }
        }

        static Ring of(int[][] tokensByPartition, int partitionCount) {
            int size = partitionCount * SpreadMinimizingTokens.TOKENS_PER_PARTITION;
            // Pack (flipped token, partition) in a long so one primitive sort orders tokens with their owners.
            long[] packed = new long[size];
            int n = 0;
            for (int p = 0; p < partitionCount; p++) {
                for (int token : tokensByPartition[p]) {
                    packed[n++] = ((long) (token ^ Integer.MIN_VALUE) << 32) | p;
                }
            }
            Arrays.sort(packed);
            int[] flipped = new int[size];
            int[] owners = new int[size];
            for (int i = 0; i < size; i++) {
                flipped[i] = (int) (packed[i] >> 32);
                owners[i] = (int) packed[i];
                if (i > 0 && flipped[i] == flipped[i - 1]) {
                    // dskit's generator never repeats a token; if we did, the owner of that point would depend
                    // on which copy wins, so refuse rather than route differently from Mimir.
                    throw new IllegalStateException("token " + Integer.toUnsignedString(flipped[i] ^ Integer.MIN_VALUE)
                            + " is held by partitions " + owners[i - 1] + " and " + owners[i]);
                }
            }
            return new Ring(flipped, owners);
        }

        /** Owner of the first token strictly greater than {@code token}, or of the lowest token past the top. */
        int ownerOf(int token) {
            int key = token ^ Integer.MIN_VALUE;
            int bucket = token >>> shift;
            int i = bucketStart[bucket];
            int end = bucketStart[bucket + 1];
            // Tokens before i are below this bucket and tokens from end on are above it, so the first token
            // greater than the key is in [i, end] (end itself when none in the bucket is).
            while (i < end && flippedTokens[i] <= key) {
                i++;
            }
            return owners[i == flippedTokens.length ? 0 : i];
        }
    }
}
