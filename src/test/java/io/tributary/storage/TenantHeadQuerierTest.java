package io.tributary.storage;

import static io.tributary.storage.HeadFixtures.BLOCK_START;
import static io.tributary.storage.HeadFixtures.TWO_HOURS;
import static io.tributary.storage.HeadFixtures.bits;
import static io.tributary.storage.HeadFixtures.scrape;
import static io.tributary.storage.HeadFixtures.timestamps;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.storage.LabelMatcher.Type;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TenantHeadQuerierTest {
    private static final Labels API_200 = Labels.of("__name__", "http_requests_total", "job", "api",
            "instance", "api-0:8080", "status", "200");
    private static final Labels API_500 = Labels.of("__name__", "http_requests_total", "job", "api",
            "instance", "api-0:8080", "status", "500");
    private static final Labels CHECKOUT_404 = Labels.of("__name__", "http_requests_total", "job", "checkout",
            "instance", "checkout-0:8080", "status", "404");
    private static final Labels API_UP = Labels.of("__name__", "up", "job", "api", "instance", "api-0:8080");
    private static final Labels CHECKOUT_UP = Labels.of("__name__", "up", "job", "checkout",
            "instance", "checkout-0:8080");

    private final TenantHead head = new TenantHead("team-payments", new HeadOptions(TWO_HOURS, 0));
    private final ChunkQuerier querier = head.querier();

    @BeforeEach
    void scrapeTwice() {
        for (Labels series : List.of(API_200, API_500, CHECKOUT_404, API_UP, CHECKOUT_UP)) {
            head.appendFloat(series, scrape(0), bits(1));
            head.appendFloat(series, scrape(1), bits(2));
        }
    }

    @ParameterizedTest(name = "{0} {1} \"{2}\" selects {3}")
    @CsvSource(delimiter = ';', value = {
        "EQUAL     ; job      ; api               ; API_200 API_500 API_UP",
        "EQUAL     ; job      ; billing           ; ''",
        "NOT_EQUAL ; job      ; api               ; CHECKOUT_404 CHECKOUT_UP",
        "REGEX     ; status   ; 2..|5..           ; API_200 API_500",
        "REGEX     ; job      ; api|checkout      ; API_200 API_500 CHECKOUT_404 API_UP CHECKOUT_UP",
        "REGEX     ; job      ; ap                ; ''",
        "NOT_REGEX ; status   ; 5..               ; API_200 CHECKOUT_404 API_UP CHECKOUT_UP",
        "NOT_EQUAL ; status   ; ''                ; API_200 API_500 CHECKOUT_404",
        "EQUAL     ; status   ; ''                ; API_UP CHECKOUT_UP",
        "REGEX     ; status   ; |404              ; CHECKOUT_404 API_UP CHECKOUT_UP",
        "REGEX     ; status   ; .+                ; API_200 API_500 CHECKOUT_404",
        "NOT_REGEX ; status   ; .*                ; ''",
        "EQUAL     ; __name__ ; up                ; API_UP CHECKOUT_UP",
        "NOT_EQUAL ; region   ; eu-west-1         ; API_200 API_500 CHECKOUT_404 API_UP CHECKOUT_UP",
    })
    void aSingleMatcherSelectsTheSeriesPrometheusWould(Type type, String name, String value, String expected) {
        List<SeriesChunks> selected = querier.select(scrape(0), scrape(1), List.of(LabelMatcher.of(type, name, value)));

        assertThat(selected).extracting(SeriesChunks::labels).containsExactlyElementsOf(named(expected));
    }

    @Test
    void severalMatchersMustAllMatch() {
        List<SeriesChunks> selected = querier.select(scrape(0), scrape(1), List.of(
                LabelMatcher.equal("__name__", "http_requests_total"),
                LabelMatcher.of(Type.REGEX, "job", "api|checkout"),
                LabelMatcher.of(Type.NOT_EQUAL, "status", "500")));

        assertThat(selected).extracting(SeriesChunks::labels).containsExactly(API_200, CHECKOUT_404);
    }

    @Test
    void noMatchersSelectsEverySeriesSortedByLabels() {
        assertThat(querier.select(scrape(0), scrape(1), List.of())).extracting(SeriesChunks::labels)
                .containsExactly(API_200, API_500, CHECKOUT_404, API_UP, CHECKOUT_UP);
    }

    @Test
    void onlySeriesWithAChunkOverlappingTheRangeAreSelected() {
        long nextBlock = BLOCK_START + TWO_HOURS;
        head.appendFloat(API_UP, nextBlock, bits(1));

        List<SeriesChunks> selected = querier.select(nextBlock, nextBlock + 60_000, List.of());

        assertThat(selected).extracting(SeriesChunks::labels).containsExactly(API_UP);
        assertThat(selected.get(0).chunks()).hasSize(1);
        assertThat(timestamps(selected.get(0))).containsExactly(nextBlock);
    }

    @Test
    void anOverlappingChunkIsReturnedWholeEvenWithSamplesOutsideTheRange() {
        List<SeriesChunks> selected = querier.select(scrape(1), scrape(1), List.of(LabelMatcher.equal("__name__", "up"),
                LabelMatcher.equal("job", "api")));

        assertThat(timestamps(selected.get(0))).containsExactly(scrape(0), scrape(1));
    }

    @Test
    void aSelectedOpenChunkIsASnapshotThatLaterAppendsDoNotChange() {
        SeriesChunks before = querier.select(scrape(0), scrape(9), List.of(LabelMatcher.equal("job", "checkout"),
                LabelMatcher.equal("__name__", "up"))).get(0);

        head.appendFloat(CHECKOUT_UP, scrape(2), bits(3));

        assertThat(timestamps(before)).containsExactly(scrape(0), scrape(1));
    }

    @Test
    void aSeriesWithOnlyHistogramsInRangeIsSelectedWithThem() {
        Labels latency = Labels.of("__name__", "http_request_duration_seconds", "job", "api");
        head.appendHistogram(latency, scrape(1), new byte[] {0x08, 0x01});
        head.appendHistogram(latency, scrape(2), new byte[] {0x08, 0x02});

        List<SeriesChunks> selected = querier.select(scrape(2), scrape(3), List.of(
                LabelMatcher.equal("__name__", "http_request_duration_seconds")));

        assertThat(selected).singleElement().satisfies(s -> {
            assertThat(s.chunks()).isEmpty();
            assertThat(s.histograms()).extracting(HistogramSample::timestamp).containsExactly(scrape(2));
        });
    }

    @Test
    void labelNamesComeOnlyFromMatchingSeriesWithDataInRange() {
        head.appendFloat(Labels.of("__name__", "up", "job", "batch", "instance", "batch-0:9100",
                "pipeline", "nightly"), scrape(400), bits(1));

        assertThat(querier.labelNames(scrape(0), scrape(1), List.of(LabelMatcher.equal("__name__", "up"))))
                .containsExactly("__name__", "instance", "job");
        assertThat(querier.labelNames(scrape(0), scrape(1), List.of()))
                .containsExactly("__name__", "instance", "job", "status");
        assertThat(querier.labelNames(scrape(300), scrape(500), List.of()))
                .containsExactly("__name__", "instance", "job", "pipeline");
    }

    @Test
    void labelValuesComeOnlyFromMatchingSeriesWithDataInRange() {
        head.appendFloat(Labels.of("__name__", "up", "job", "batch", "instance", "batch-0:9100"), scrape(400), bits(1));

        assertThat(querier.labelValues("job", scrape(0), scrape(1), List.of()))
                .containsExactly("api", "checkout");
        assertThat(querier.labelValues("status", scrape(0), scrape(1), List.of(LabelMatcher.equal("job", "api"))))
                .containsExactly("200", "500");
        assertThat(querier.labelValues("job", scrape(300), scrape(500), List.of())).containsExactly("batch");
        assertThat(querier.labelValues("region", scrape(0), scrape(1), List.of())).isEmpty();
    }

    private static List<Labels> named(String names) {
        return names.isBlank() ? List.of() : java.util.Arrays.stream(names.trim().split("\\s+")).map(n -> switch (n) {
            case "API_200" -> API_200;
            case "API_500" -> API_500;
            case "CHECKOUT_404" -> CHECKOUT_404;
            case "API_UP" -> API_UP;
            case "CHECKOUT_UP" -> CHECKOUT_UP;
            default -> throw new IllegalArgumentException(n);
        }).toList();
    }
}
