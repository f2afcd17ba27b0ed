package io.tributary.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Timestamps and limits in the Prometheus HTTP API's formats. */
class ApiParametersTest {

    @ParameterizedTest(name = "\"{0}\" is {1} ms")
    @CsvSource({
            "1700000000, 1700000000000",
            "1700000000.123, 1700000000123",
            "1700000000.1234, 1700000000123",
            "1700000000.1235, 1700000000124",
            "1.5e9, 1500000000000",
            "-1.5, -1500",
            "-0.0005, -1",
            ".25, 250",
            "0, 0",
            "2023-11-14T22:13:20Z, 1700000000000",
            "2023-11-14T22:13:20.5Z, 1700000000500",
            "2023-11-14T23:13:20.123456789+01:00, 1700000000123",
            "1969-12-31T23:59:59.9995Z, -1",
    })
    void timestampsAreUnixSecondsOrRfc3339(String value, long expectedMs) {
        assertThat(ApiParameters.time("start", value, 0)).isEqualTo(expectedMs);
    }

    @Test
    void anAbsentTimeIsTheDefaultAndPrometheussExtremesAreAllTime() {
        assertThat(ApiParameters.time("start", null, ApiParameters.MIN_TIME)).isEqualTo(Long.MIN_VALUE);
        assertThat(ApiParameters.time("end", "", ApiParameters.MAX_TIME)).isEqualTo(Long.MAX_VALUE);
        assertThat(ApiParameters.time("start", "-292273086-05-16T16:47:06Z", 0)).isEqualTo(Long.MIN_VALUE);
        assertThat(ApiParameters.time("end", "292277026596-12-04T15:30:07.999999999Z", 0)).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest(name = "\"{0}\" is not a timestamp")
    @ValueSource(strings = {"yesterday", "NaN", "Inf", "1e300", "0x10", "2023-11-14", "2023-11-14T22:13:20",
            "1700000000d", "1,5"})
    void otherTimesAreRefusedNamingTheParameter(String value) {
        assertThatThrownBy(() -> ApiParameters.time("end", value, 0)).isInstanceOf(InvalidQueryException.class)
                .hasMessage("invalid parameter \"end\": cannot parse \"" + value + "\" to a valid timestamp");
    }

    @Test
    void aLimitOfZeroOrNoneMeansUnlimited() {
        assertThat(ApiParameters.limit(null)).isEqualTo(Integer.MAX_VALUE);
        assertThat(ApiParameters.limit("0")).isEqualTo(Integer.MAX_VALUE);
        assertThat(ApiParameters.limit("25")).isEqualTo(25);
    }

    @ParameterizedTest(name = "limit \"{0}\" is refused")
    @ValueSource(strings = {"-1", "ten", "1.5", "99999999999"})
    void negativeOrNonNumericLimitsAreRefused(String value) {
        assertThatThrownBy(() -> ApiParameters.limit(value)).isInstanceOf(InvalidQueryException.class)
                .hasMessageStartingWith("invalid parameter \"limit\"");
    }
}
