package io.tributary.distributor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** FNV-1 (multiply then xor) fixtures, computed here from the definition rather than copied. */
class SeriesTokenTest {

    /** The definition, spelled out with unsigned 64-bit arithmetic as a second, independent implementation. */
    private static long fnv1(String... parts) {
        long h = 2166136261L;
        for (String p : parts) {
            for (byte b : p.getBytes(StandardCharsets.UTF_8)) {
                h = (h * 16777619L) & 0xffffffffL;
                h ^= b & 0xff;
            }
        }
        return h;
    }

    @Test
    void emptyInputIsTheOffsetBasis() {
        assertThat(SeriesToken.seed(new byte[0]) & 0xffffffffL).isEqualTo(2166136261L);
    }

    @Test
    void singleByteMatchesTheKnownFnv1VectorNotFnv1a() {
        // FNV-1("a") = 0x050c5d7e; FNV-1a("a") would be 0xe40c292c.
        assertThat(SeriesToken.seed("a".getBytes()) & 0xffffffffL).isEqualTo(0x050c5d7eL).isEqualTo(fnv1("a"));
    }

    @Test
    void seriesTokenIsTenantThenNameValueBytesWithoutSeparators() {
        int seed = SeriesToken.seed("team-a".getBytes());
        byte[] labels = "__name__http_requests_totaljobapi".getBytes();
        int token = SeriesToken.add(seed, labels, 0, labels.length);

        assertThat(token & 0xffffffffL).isEqualTo(fnv1("team-a", "__name__", "http_requests_total", "job", "api"));
    }

    @Test
    void metricFamilyTokenIsTenantThenFamilyName() {
        int seed = SeriesToken.seed("team-a".getBytes());
        byte[] family = "http_requests_total".getBytes();

        assertThat(SeriesToken.ofMetricFamily(seed, family, 0, family.length) & 0xffffffffL)
                .isEqualTo(fnv1("team-a", "http_requests_total"));
    }

}
