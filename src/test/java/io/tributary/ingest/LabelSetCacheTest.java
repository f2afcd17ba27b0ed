package io.tributary.ingest;

import static io.tributary.testing.Fixtures.NOW;
import static io.tributary.testing.Fixtures.rw1Sample;
import static io.tributary.testing.Fixtures.rw1Series;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.tributary.distributor.PartitionRecord;
import io.tributary.distributor.RecordFormat;
import io.tributary.distributor.SeriesToken;
import io.tributary.testproto.rw1.Label;
import io.tributary.testproto.rw1.WriteRequest;

/** The label-set cache must be invisible: the same records and verdicts on a hit as on a miss. */
class LabelSetCacheTest {

    private static final int PARTITIONS = 16;

    private static WriteRequest request(int series, String jobSuffix) {
        WriteRequest.Builder req = WriteRequest.newBuilder();
        for (int i = 0; i < series; i++) {
            req.addTimeseries(rw1Series("__name__", "up", "instance", "10.0.0." + i + ":9100", "job", "api" + jobSuffix)
                    .addSamples(rw1Sample(i, NOW - 15_000)));
        }
        return req.build();
    }

    private static WriteRequestProcessor processor() {
        return new WriteRequestProcessor(ValidationLimits.defaults(),
                new RecordFormat(1, RecordFormat.DEFAULT_MAX_RECORD_SIZE_BYTES));
    }

    private static List<byte[]> values(ProcessedWrite w) {
        List<byte[]> out = new ArrayList<>();
        for (PartitionRecord r : w.records()) {
            out.add(r.value());
        }
        return out;
    }

    private static List<Integer> partitions(ProcessedWrite w) {
        return w.records().stream().map(PartitionRecord::partition).toList();
    }

    @Test
    void cachedRequestGivesTheSameRecordsAsAFreshProcessor() throws Exception {
        byte[] body = request(300, "").toByteArray();
        WriteRequestProcessor warm = processor();
        warm.process("team-a", body, body.length, RemoteWriteVersion.V1, PARTITIONS, NOW); // fills the cache

        ProcessedWrite hit = warm.process("team-a", body, body.length, RemoteWriteVersion.V1, PARTITIONS, NOW);
        ProcessedWrite fresh = processor().process("team-a", body, body.length, RemoteWriteVersion.V1, PARTITIONS, NOW);

        assertThat(partitions(hit)).isEqualTo(partitions(fresh));
        assertThat(values(hit)).containsExactlyElementsOf(values(fresh));
        assertThat(hit.acceptedSamples()).isEqualTo(300);
    }

    @Test
    void anotherTenantWithTheSameLabelsGetsItsOwnTokens() throws Exception {
        byte[] body = request(300, "").toByteArray();
        WriteRequestProcessor warm = processor();
        warm.process("team-a", body, body.length, RemoteWriteVersion.V1, PARTITIONS, NOW);

        ProcessedWrite b = warm.process("team-b", body, body.length, RemoteWriteVersion.V1, PARTITIONS, NOW);
        ProcessedWrite freshB = processor().process("team-b", body, body.length, RemoteWriteVersion.V1, PARTITIONS, NOW);

        assertThat(partitions(b)).isEqualTo(partitions(freshB));
        assertThat(values(b)).containsExactlyElementsOf(values(freshB));
    }

    @Test
    void invalidSeriesStayRejectedWhenRepeated() throws Exception {
        WriteRequest bad = WriteRequest.newBuilder()
                .addTimeseries(rw1Series("job", "api", "__name__", "up").addSamples(rw1Sample(1, NOW))) // unsorted
                .addTimeseries(rw1Series("__name__", "up", "bad-name", "x").addSamples(rw1Sample(1, NOW)))
                .build();
        byte[] body = bad.toByteArray();
        WriteRequestProcessor p = processor();
        for (int i = 0; i < 3; i++) {
            ProcessedWrite w = p.process("team-a", body, body.length, RemoteWriteVersion.V1, PARTITIONS, NOW);
            assertThat(w.rejectedSeries()).isEqualTo(2);
            assertThat(w.records()).isEmpty();
        }
    }

    @Test
    void nonContiguousLabelsAreNotCachedButStillRoutedCorrectly() throws Exception {
        // __name__ label, then the sample, then the job label: legal protobuf (repeated fields may interleave),
        // but the labels are no single byte range, so the uncached path is taken. protobuf-java would reorder
        // fields, so the series bytes are concatenated by hand.
        byte[] series = concat(
                io.tributary.testproto.rw1.TimeSeries.newBuilder()
                        .addLabels(Label.newBuilder().setName("__name__").setValue("up"))
                        .addSamples(rw1Sample(1, NOW)).build().toByteArray(),
                io.tributary.testproto.rw1.TimeSeries.newBuilder()
                        .addLabels(Label.newBuilder().setName("job").setValue("api")).build().toByteArray());
        assertThat(series.length).isLessThan(128);
        byte[] body = concat(new byte[] {0x0A, (byte) series.length}, series);
        int token = SeriesToken.add(SeriesToken.seed("team-a".getBytes(StandardCharsets.UTF_8)),
                "__name__upjobapi".getBytes(StandardCharsets.UTF_8), 0, 16);
        int partitions = 64;
        WriteRequestProcessor p = processor();
        for (int i = 0; i < 2; i++) {
            ProcessedWrite w = p.process("team-a", body, body.length, RemoteWriteVersion.V1, partitions, NOW);
            assertThat(w.acceptedSamples()).isEqualTo(1);
            assertThat(w.records()).hasSize(1);
            assertThat(w.records().get(0).partition())
                    .isEqualTo(new io.tributary.distributor.PartitionRing().partitionOf(token, partitions));
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void concurrentUseGivesTheSameRecordsAsSingleThreaded() throws Exception {
        byte[][] bodies = {request(500, "").toByteArray(), request(500, "-b").toByteArray()};
        WriteRequestProcessor shared = processor();
        List<List<byte[]>> expected = new ArrayList<>();
        for (byte[] body : bodies) {
            expected.add(values(processor().process("team-a", body, body.length, RemoteWriteVersion.V1, PARTITIONS, NOW)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int which = t % 2;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        byte[] body = bodies[which];
                        List<byte[]> got = values(shared.process("team-a", body, body.length, RemoteWriteVersion.V1,
                                PARTITIONS, NOW));
                        if (got.size() != expected.get(which).size()) {
                            return false;
                        }
                        for (int k = 0; k < got.size(); k++) {
                            if (!java.util.Arrays.equals(got.get(k), expected.get(which).get(k))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void hashCoversEveryByteAndLookupVerifiesTheBytes() {
        byte[] a = "abcdefghijklmnopqrstuvwxyz0123456789".getBytes(StandardCharsets.UTF_8);
        long base = LabelSetCache.hash(a, 0, a.length);
        for (int i = 0; i < a.length; i++) {
            byte[] c = a.clone();
            c[i] ^= 1;
            assertThat(LabelSetCache.hash(c, 0, c.length)).isNotEqualTo(base);
        }
        LabelSetCache cache = new LabelSetCache();
        cache.put(7, a, 0, a.length, base, 42);
        assertThat(cache.lookup(7, a, 0, a.length, base)).isEqualTo(42);
        assertThat(cache.lookup(8, a, 0, a.length, base)).isEqualTo(LabelSetCache.MISS);
        byte[] c = a.clone();
        c[5] ^= 1;
        // Same (forged) hash, different bytes: must not hit.
        assertThat(cache.lookup(7, c, 0, c.length, base)).isEqualTo(LabelSetCache.MISS);
        assertThat(cache.retainedBytes()).isPositive().isLessThanOrEqualTo(LabelSetCache.MAX_RETAINED_BYTES);
    }

    @Test
    void internSharesTheArrayOfACachedLabelSet() {
        byte[] request = "xxLABELS-OF-A-SERIESyy".getBytes(StandardCharsets.UTF_8);
        LabelSetCache cache = new LabelSetCache();
        long hash = LabelSetCache.hash(request, 2, 18);
        cache.put(7, request, 2, 18, hash, 42);

        byte[] shared = cache.intern("LABELS-OF-A-SERIES".getBytes(StandardCharsets.UTF_8), 0, 18);
        assertThat(new String(shared, StandardCharsets.UTF_8)).isEqualTo("LABELS-OF-A-SERIES");
        assertThat(cache.intern(request, 2, 18)).isSameAs(shared);
        assertThat(cache.lookup(7, request, 2, 18, hash)).isEqualTo(42);
    }

    @Test
    void aKeyInternedFirstAnswersNoLookupButAPutReusesItsArray() {
        byte[] key = "LABELS-OF-A-SERIES".getBytes(StandardCharsets.UTF_8);
        LabelSetCache cache = new LabelSetCache();
        long hash = LabelSetCache.hash(key, 0, key.length);
        byte[] interned = cache.intern(key, 0, key.length);
        assertThat(interned).isEqualTo(key).isNotSameAs(key);
        long retained = cache.retainedBytes();
        // Key-only: no verdict and no token for any seed, including the 0 it is stored with.
        assertThat(cache.lookup(0, key, 0, key.length, hash)).isEqualTo(LabelSetCache.MISS);

        cache.put(7, key.clone(), 0, key.length, hash, 42);

        assertThat(cache.lookup(7, key, 0, key.length, hash)).isEqualTo(42);
        assertThat(cache.intern(key, 0, key.length)).isSameAs(interned);
        assertThat(cache.retainedBytes()).isEqualTo(retained);
    }

    @Test
    void keysTooLongToCacheAreCopiedNotStored() {
        byte[] key = new byte[LabelSetCache.MAX_KEY_BYTES + 1];
        LabelSetCache cache = new LabelSetCache();
        byte[] copy = cache.intern(key, 0, key.length);
        assertThat(copy).isEqualTo(key).isNotSameAs(key);
        assertThat(cache.retainedBytes()).isZero();
    }

    @Test
    void theLabelFieldsOfAVersion1RecordAreTheKeysThePushCached() throws Exception {
        byte[] body = request(300, "").toByteArray();
        WriteRequestProcessor processor = processor();
        ProcessedWrite written = processor.process("team-a", body, body.length, RemoteWriteVersion.V1, PARTITIONS, NOW);
        LabelSetCache cache = (LabelSetCache) processor.labelBytesInterner();
        long retained = cache.retainedBytes();

        int series = 0;
        for (PartitionRecord record : written.records()) {
            io.tributary.protocol.ScannedRequest scanned = new io.tributary.protocol.MimirRecordScanner()
                    .scan(record.value(), io.tributary.protocol.RecordVersion.V1);
            for (int s = 0; s < scanned.seriesCount(); s++, series++) {
                int start = scanned.labelsRawStart(s);
                byte[] key = cache.intern(scanned.buffer(), start, scanned.labelsRawEnd(s) - start);
                // Found, not added: a partition reader in the same process stores no second copy.
                assertThat(cache.intern(key.clone(), 0, key.length)).isSameAs(key);
            }
        }
        assertThat(series).isEqualTo(300);
        assertThat(cache.retainedBytes()).isEqualTo(retained);
    }
}
