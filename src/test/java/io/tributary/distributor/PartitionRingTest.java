package io.tributary.distributor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PartitionRingTest {

    private static final long SLICE = 1L << 23; // 2^32 / 512: the spacing of partition 0's tokens

    /** FNV-1 tokens of 100,000 distinct node_cpu_seconds_total series of tenant "team-a". */
    private static int[] seriesTokens;

    @BeforeAll
    static void buildSeries() {
        String[] modes = {"idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"};
        seriesTokens = new int[1250 * 10 * modes.length];
        int n = 0;
        for (int host = 0; host < 1250; host++) {
            for (int cpu = 0; cpu < 10; cpu++) {
                for (String mode : modes) {
                    // Label names in sorted order, as Mimir keeps them.
                    seriesTokens[n++] = fnv1("team-a",
                            "__name__", "node_cpu_seconds_total",
                            "cpu", Integer.toString(cpu),
                            "instance", "host-" + host + ":9100",
                            "job", "node",
                            "mode", mode);
                }
            }
        }
    }

    /** Mimir's series token: FNV-1 (multiply, then xor) over the tenant, then each name and value, no separators. */
    private static int fnv1(String tenant, String... namesAndValues) {
        int h = 0x811C9DC5; // 2166136261
        h = fnv1(h, tenant);
        for (String s : namesAndValues) {
            h = fnv1(h, s);
        }
        return h;
    }

    private static int fnv1(int h, String s) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h *= 16777619;
            h ^= b & 0xFF;
        }
        return h;
    }

    private static int token(long unsigned) {
        return (int) unsigned;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Routing properties

    @ParameterizedTest(name = "N = {0}")
    @ValueSource(ints = {1, 2, 3, 4, 8, 12, 16, 32})
    void spreadsRealSeriesEvenly(int partitionCount) {
        PartitionRing ring = new PartitionRing();
        int[] counts = new int[partitionCount];
        for (int t : seriesTokens) {
            int p = ring.partitionOf(t, partitionCount);
            assertThat(p).isBetween(0, partitionCount - 1);
            counts[p]++;
        }
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int c : counts) {
            min = Math.min(min, c);
            max = Math.max(max, c);
        }
        assertThat(min).as("every partition gets series").isPositive();
        assertThat((double) max / min).as("max/min partition share for N=%d", partitionCount).isLessThanOrEqualTo(1.10);
    }

    @Test
    void sameTokenAlwaysMapsToSamePartition() {
        PartitionRing first = new PartitionRing();
        PartitionRing second = new PartitionRing();
        for (int n : new int[] {1, 5, 32}) {
            for (int i = 0; i < 10_000; i++) {
                int t = seriesTokens[i];
                int p = first.partitionOf(t, n);
                assertThat(first.partitionOf(t, n)).isEqualTo(p);
                assertThat(second.partitionOf(t, n)).isEqualTo(p);
            }
        }
    }

    @Test
    void addingAPartitionMovesAboutOneInNPlusOneKeysAndOnlyOntoTheNewPartition() {
        PartitionRing ring = new PartitionRing();
        for (int n = 1; n <= 32; n++) {
            int moved = 0;
            for (int t : seriesTokens) {
                int before = ring.partitionOf(t, n);
                int after = ring.partitionOf(t, n + 1);
                if (before != after) {
                    assertThat(after).as("a key that moves goes to the new partition %d", n).isEqualTo(n);
                    moved++;
                }
            }
            double expected = seriesTokens.length / (double) (n + 1);
            assertThat(moved).as("keys moved going from %d to %d partitions", n, n + 1)
                    .isBetween((int) (expected * 0.85), (int) (expected * 1.15));
        }
    }

    @Test
    void lookupTakesTheFirstTokenStrictlyGreaterAndWrapsAround() {
        PartitionRing ring = new PartitionRing();
        // One partition: everything is partition 0.
        assertThat(ring.partitionOf(0, 1)).isZero();
        assertThat(ring.partitionOf(-1, 1)).isZero();

        // Two partitions: partition 0 holds k*2^23, partition 1 holds k*2^23 + 2^22.
        assertThat(ring.partitionOf(token(0), 2)).as("0 is a token of 0; next is 2^22").isEqualTo(1);
        assertThat(ring.partitionOf(token((1L << 22) - 1), 2)).isEqualTo(1);
        assertThat(ring.partitionOf(token(1L << 22), 2)).as("equal to a token goes to the next one").isEqualTo(0);
        assertThat(ring.partitionOf(token(SLICE - 1), 2)).isEqualTo(0);
        // Above the highest token (511*2^23 + 2^22) the walk wraps to token 0, held by partition 0.
        assertThat(ring.partitionOf(token(511 * SLICE + (1L << 22)), 2)).isEqualTo(0);
        assertThat(ring.partitionOf(token(0xFFFF_FFFFL), 2)).isEqualTo(0);
        assertThat(ring.partitionOf(Integer.MIN_VALUE, 2)).as("2^31 is a token of 0").isEqualTo(1);
    }

    // Facts from dskit's partition ring tests (TestPartitionRing_ActivePartitionForKey), with 3 ACTIVE partitions.
    @Test
    void matchesDskitPartitionRingLookupCases() {
        PartitionRing ring = new PartitionRing();
        int[] p1 = ring.tokensOf(1);
        int[] p2 = ring.tokensOf(2);
        assertThat(ring.partitionOf(p2[123] - 10, 3)).isEqualTo(2);
        assertThat(ring.partitionOf(p1[123], 3)).isEqualTo(0);
    }

    @Test
    void rejectsNonPositivePartitionCounts() {
        PartitionRing ring = new PartitionRing();
        assertThatThrownBy(() -> ring.partitionOf(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ring.partitionOf(1, -3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ring.tokensOf(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentCallersForManyCountsAgreeWithASingleThread() throws Exception {
        PartitionRing shared = new PartitionRing();
        PartitionRing reference = new PartitionRing();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<int[]>> jobs = new ArrayList<>();
            for (int n = 1; n <= 24; n++) {
                int count = n;
                jobs.add(() -> {
                    int[] out = new int[2_000];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = shared.partitionOf(seriesTokens[i], count);
                    }
                    return out;
                });
            }
            List<Future<int[]>> results = pool.invokeAll(jobs);
            for (int n = 1; n <= 24; n++) {
                int[] got = results.get(n - 1).get();
                for (int i = 0; i < got.length; i++) {
                    assertThat(got[i]).isEqualTo(reference.partitionOf(seriesTokens[i], n));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void lookupsDoNotAllocate() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        PartitionRing ring = new PartitionRing();
        int sink = 0;
        for (int t : seriesTokens) {
            sink += ring.partitionOf(t, 300); // builds and warms the ring
        }
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        for (int round = 0; round < 5; round++) {
            for (int t : seriesTokens) {
                sink += ring.partitionOf(t, 300);
            }
        }
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        assertThat(sink).isNotNegative();
        assertThat(allocated).as("bytes allocated by 500,000 lookups").isLessThan(1024);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Token generator: facts stated by dskit's own tests, and consequences of its algorithm

    @Test
    void partitionZeroSplitsTheRingIntoEqualSlices() {
        int[] tokens = new PartitionRing().tokensOf(0);
        assertThat(tokens).hasSize(512);
        for (int k = 0; k < 512; k++) {
            assertThat(Integer.toUnsignedLong(tokens[k])).isEqualTo(k * SLICE);
        }
    }

    // Worked by hand from the algorithm: every range of partition 0 is equally wide, so partition 1 halves each.
    @Test
    void partitionOneHalvesEverySliceOfPartitionZero() {
        int[] tokens = new PartitionRing().tokensOf(1);
        assertThat(tokens).hasSize(512);
        for (int k = 0; k < 512; k++) {
            assertThat(Integer.toUnsignedLong(tokens[k])).isEqualTo(k * SLICE + (1L << 22));
        }
    }

    // Worked by hand: partition 2 aims at 2^32/3; its target width starts at floor(floor(2^32/3)/512/8)*8 = 2796200.
    // It splits partition 1's highest range first (ties between equal owners go to the higher id), then partition
    // 0's highest range, then partition 1's next highest, each time starting where that range starts.
    @Test
    void partitionTwoStartsAtTheHighestRangesOfTheHighestIds() {
        Set<Long> tokens = unsignedSet(new PartitionRing().tokensOf(2));
        assertThat(tokens).hasSize(512)
                .contains(4_286_578_688L + 2_796_200L) // in (511*2^23, 511*2^23 + 2^22], held by partition 1
                .contains(4_282_384_384L + 2_796_200L) // in (510*2^23 + 2^22, 511*2^23], held by partition 0
                .contains(4_278_190_080L + 2_796_200L); // in (510*2^23, 510*2^23 + 2^22], held by partition 1
    }

    // Expected values come from running a throwaway Go transcription of dskit's generateTokensByInstanceID
    // (container/heap, float64 ownerships, uint32 arithmetic, zone 0) for partitions 0..1023: its output was
    // byte-identical to ours. dskit's own tests hold no literal token lists beyond partition 0, so these pin it.
    @Test
    void matchesTokensFromAGoRunOfDskitsGenerator() throws Exception {
        long[][] firstSecondMiddleLast = {
            {2, 2_146_085_552L, 2_150_279_856L, 3_215_633_064L, 4_289_374_888L},
            {3, 710_934_528L, 715_128_832L, 1_780_482_048L, 2_854_223_872L},
            {7, 711_983_104L, 716_177_408L, 2_861_563_904L, 4_290_423_464L},
            {31, 1_939_864L, 6_134_168L, 2_170_814_464L, 4_294_756_240L},
            {100, 44_070_104L, 47_092_400L, 2_498_490_144L, 4_282_964_840L},
            {1023, 23_277_568L, 27_319_784L, 2_512_877_408L, 4_291_948_928L},
        };
        int[][] tokens = partitions0To1023();
        for (long[] row : firstSecondMiddleLast) {
            int[] t = tokens[(int) row[0]];
            assertThat(new long[] {Integer.toUnsignedLong(t[0]), Integer.toUnsignedLong(t[1]),
                    Integer.toUnsignedLong(t[255]), Integer.toUnsignedLong(t[511])})
                    .as("partition %d", row[0])
                    .containsExactly(row[1], row[2], row[3], row[4]);
        }
        // SHA-256 over every token as a big-endian uint32, partition by partition, each partition's tokens sorted.
        assertThat(sha256(tokens, 32)).isEqualTo("65f10b0f2a11a2ff2d580730e6e25ef512ad0a4789b6f47cdecf747c623b17ec");
        assertThat(sha256(tokens, 1024)).isEqualTo("c6a96b46a95f625ecc72592c5ebc54146c79ff2f6e9efe1afa9ce2928607c3b9");
    }

    private static String sha256(int[][] tokens, int partitions) throws Exception {
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4 * 512); // big-endian by default
        for (int p = 0; p < partitions; p++) {
            buf.clear();
            for (int t : tokens[p]) {
                buf.putInt(t);
            }
            digest.update(buf.array(), 0, buf.position());
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

    private static int[][] table1024;

    private static synchronized int[][] partitions0To1023() {
        if (table1024 == null) {
            table1024 = SpreadMinimizingTokens.generate(1023);
        }
        return table1024;
    }

    @Test
    void tokensAreUniqueZoneZeroAndIndependentOfHowManyPartitionsWereGenerated() {
        int[][] small = SpreadMinimizingTokens.generate(9);
        int[][] large = partitions0To1023();
        Set<Integer> seen = new HashSet<>();
        for (int p = 0; p < large.length; p++) {
            assertThat(large[p]).hasSize(512);
            for (int i = 0; i < large[p].length; i++) {
                assertThat(large[p][i] & 7).as("zone 0 tokens are multiples of 8").isZero();
                assertThat(seen.add(large[p][i])).as("token %s repeated", Integer.toUnsignedString(large[p][i]))
                        .isTrue();
                if (i > 0) {
                    assertThat(Integer.compareUnsigned(large[p][i - 1], large[p][i])).isNegative();
                }
            }
            if (p < small.length) {
                assertThat(large[p]).isEqualTo(small[p]);
            }
        }
    }

    // dskit asserts that the spread of registered ownership between instances stays under 0.2%.
    @ParameterizedTest(name = "N = {0}")
    @ValueSource(ints = {2, 3, 4, 8, 12, 16, 32, 128})
    void registeredOwnershipSpreadIsBelowPointTwoPercent(int partitionCount) {
        int[][] tokens = SpreadMinimizingTokens.generate(partitionCount - 1);
        long[] packed = new long[partitionCount * 512];
        int n = 0;
        for (int p = 0; p < partitionCount; p++) {
            for (int t : tokens[p]) {
                packed[n++] = (Integer.toUnsignedLong(t) << 20) | p;
            }
        }
        java.util.Arrays.sort(packed);
        long[] owned = new long[partitionCount];
        long prev = packed[packed.length - 1] >>> 20;
        for (long entry : packed) {
            long t = entry >>> 20;
            owned[(int) (entry & 0xFFFFF)] += SpreadMinimizingTokens.distance(prev, t);
            prev = t;
        }
        long min = Long.MAX_VALUE;
        long max = 0;
        long total = 0;
        for (long o : owned) {
            min = Math.min(min, o);
            max = Math.max(max, o);
            total += o;
        }
        assertThat(total).isEqualTo(1L << 32);
        assertThat(100.0 * (1.0 - (double) min / max)).isLessThan(0.2);
    }

    // Cases from dskit's TestSpreadMinimizingTokenGenerator_CalculateNewToken, for zone 0.
    @Test
    void placesANewTokenLikeDskit() {
        assertThat(SpreadMinimizingTokens.placeToken(40, 800, 80)).isEqualTo(120);
        assertThat(SpreadMinimizingTokens.placeToken(4_294_967_136L, 416, 240)).isEqualTo(88);
        assertThat(SpreadMinimizingTokens.placeToken(4_294_967_136L, 416, 120)).isEqualTo(4_294_967_256L);
        assertThatThrownBy(() -> SpreadMinimizingTokens.placeToken(31, 90, 80))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("zones");
        assertThatThrownBy(() -> SpreadMinimizingTokens.placeToken(80, 240, 2))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("multiple of 8");
        assertThatThrownBy(() -> SpreadMinimizingTokens.placeToken(80, 240, 42))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("multiple of 8");
        assertThatThrownBy(() -> SpreadMinimizingTokens.placeToken(80, 240, 400))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("width 160");
    }

    // Cases from dskit's TestSpreadMinimizingTokenGenerator_OptimalTokenOwnership.
    @Test
    void computesTheTargetWidthLikeDskit() {
        assertThat(SpreadMinimizingTokens.targetWidth(1000.0, 900, 4)).isEqualTo(24);
        assertThat(SpreadMinimizingTokens.targetWidth(1000.0, 990, 4)).isZero();
    }

    @Test
    void distanceFromATokenToItselfIsTheWholeRing() {
        assertThat(SpreadMinimizingTokens.distance(5, 5)).isEqualTo(1L << 32);
        assertThat(SpreadMinimizingTokens.distance(5, 9)).isEqualTo(4);
        assertThat(SpreadMinimizingTokens.distance(0xFFFF_FFF0L, 0x10)).isEqualTo(0x20);
    }

    private static Set<Long> unsignedSet(int[] tokens) {
        Set<Long> out = new HashSet<>();
        for (int t : tokens) {
            out.add(Integer.toUnsignedLong(t));
        }
        return out;
    }

    @ParameterizedTest(name = "with {0} partitions the bucketed lookup agrees with a scan of the sorted ring")
    @ValueSource(ints = {1, 3, 16, 100})
    void bucketedLookupAgreesWithAPlainScanOfTheRing(int partitionCount) {
        int[][] tokens = SpreadMinimizingTokens.generate(partitionCount - 1);
        java.util.TreeMap<Long, Integer> ring = new java.util.TreeMap<>();
        for (int p = 0; p < partitionCount; p++) {
            for (int t : tokens[p]) {
                ring.put(Integer.toUnsignedLong(t), p);
            }
        }
        long[] ringTokens = ring.keySet().stream().mapToLong(Long::longValue).toArray();
        PartitionRing mapped = new PartitionRing();
        java.util.Random random = new java.util.Random(partitionCount);
        for (int i = 0; i < 200_000; i++) {
            // Mix uniformly random keys with keys right at and beside ring tokens, where off-by-ones live.
            long key = i % 2 == 0 ? Integer.toUnsignedLong(random.nextInt())
                    : ringTokens[random.nextInt(ringTokens.length)] + random.nextInt(3) - 1;
            key &= 0xffffffffL;
            Map.Entry<Long, Integer> above = ring.higherEntry(key);
            int expected = (above != null ? above : ring.firstEntry()).getValue();
            assertThat(mapped.partitionOf((int) key, partitionCount)).as("key %d", key).isEqualTo(expected);
        }
    }
}
