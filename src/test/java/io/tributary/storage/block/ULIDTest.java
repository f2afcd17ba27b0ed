package io.tributary.storage.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ULIDTest {
    @Test
    void parsesAndPrintsTheSpecExample() {
        // 01ARZ3NDEK is 1469922850259 in base 32 (0, 1, 10, 24, 31, 3, 21, 13, 14, 19).
        ULID id = ULID.parse("01ARZ3NDEKTSV4RRFFQ69G5FAV");
        assertThat(id.timestamp()).isEqualTo(1_469_922_850_259L);
        assertThat(id).hasToString("01ARZ3NDEKTSV4RRFFQ69G5FAV");
        assertThat(ULID.parse("01arz3ndektsv4rrffq69g5fav")).isEqualTo(id);
    }

    @Test
    void timeIsTheFirstTenCharactersAndEntropyTheLastSixteen() {
        ULID id = ULID.of(1_469_922_850_259L, new byte[10]);
        assertThat(id).hasToString("01ARZ3NDEK0000000000000000");
        byte[] ones = new byte[10];
        Arrays.fill(ones, (byte) 0xff);
        assertThat(ULID.of(0, ones)).hasToString("0000000000ZZZZZZZZZZZZZZZZ");
        assertThat(ULID.of((1L << 48) - 1, ones)).hasToString("7ZZZZZZZZZZZZZZZZZZZZZZZZZ");
        assertThat(ULID.parse("0000000000ZZZZZZZZZZZZZZZZ").entropy()).isEqualTo(ones);
    }

    @Test
    void derivedIdentifiersRepeatForTheSameKeyAndDifferOtherwise() {
        assertThat(ULID.derive(1000, "tenant-a/3/7200000")).isEqualTo(ULID.derive(1000, "tenant-a/3/7200000"));
        assertThat(ULID.derive(1000, "tenant-a/3/7200000")).isNotEqualTo(ULID.derive(1000, "tenant-b/3/7200000"));
        assertThat(ULID.generate(1000)).isNotEqualTo(ULID.generate(1000));
    }

    @Test
    void ordersByTimeFirst() {
        assertThat(ULID.generate(1000)).isLessThan(ULID.generate(1001));
        assertThat(ULID.generate(1000).toString()).isLessThan(ULID.generate(1001).toString());
    }

    @Test
    void rejectsMalformedText() {
        assertThat(ULID.isValid("01ARZ3NDEKTSV4RRFFQ69G5FAV")).isTrue();
        assertThat(ULID.isValid("01ARZ3NDEKTSV4RRFFQ69G5FA")).isFalse();
        assertThat(ULID.isValid("81ARZ3NDEKTSV4RRFFQ69G5FAV")).isFalse(); // more than 128 bits
        assertThat(ULID.isValid("01ARZ3NDEKTSV4RRFFQ69G5FAU")).isFalse(); // U is not Crockford base32
        assertThat(ULID.isValid("01ARZ3NDEKTSV4RRFFQ69G5FAV.tmp-for-creation")).isFalse();
        assertThatThrownBy(() -> ULID.of(-1, new byte[10])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ULID.of(0, new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }
}
