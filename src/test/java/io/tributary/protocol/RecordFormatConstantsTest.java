package io.tributary.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecordFormatConstantsTest {

    @Test
    void commonSymbolTableHas36EntriesInMimirsOrder() {
        assertThat(CommonSymbols.SYMBOLS).hasSize(36);
        assertThat(CommonSymbols.SYMBOLS.get(0)).isEmpty();
        assertThat(CommonSymbols.SYMBOLS.get(1)).isEqualTo("__name__");
        assertThat(CommonSymbols.SYMBOLS.get(19)).isEqualTo("job");
        assertThat(CommonSymbols.SYMBOLS.get(20)).isEqualTo("instance");
        assertThat(CommonSymbols.SYMBOLS.get(35)).isEqualTo("default/kubernetes");
        assertThat(CommonSymbols.OFFSET).isEqualTo(64);
    }

    @Test
    void refsResolveToCommonTableOrRecordSymbols() {
        var own = java.util.List.of("", "http_requests_total");
        assertThat(CommonSymbols.resolve(0, own)).isEmpty();
        assertThat(CommonSymbols.resolve(4, own)).isEqualTo("le");
        assertThat(CommonSymbols.resolve(65, own)).isEqualTo("http_requests_total");
        assertThatThrownBy(() -> CommonSymbols.resolve(36, own)).isInstanceOf(MalformedProtobufException.class);
        assertThatThrownBy(() -> CommonSymbols.resolve(66, own)).isInstanceOf(MalformedProtobufException.class);
    }

    @Test
    void versionHeaderIsFourBytesBigEndianAndAbsentForV0() {
        assertThat(RecordVersion.V2.headerValue()).containsExactly(0, 0, 0, 2);
        assertThat(RecordVersion.V0.headerValue()).isNull();
        assertThat(RecordVersion.fromHeader(null)).isEqualTo(RecordVersion.V0);
        assertThat(RecordVersion.fromHeader(new byte[] {0, 0, 0, 1})).isEqualTo(RecordVersion.V1);
        assertThatThrownBy(() -> RecordVersion.fromHeader(new byte[] {0, 0, 0, 3}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
