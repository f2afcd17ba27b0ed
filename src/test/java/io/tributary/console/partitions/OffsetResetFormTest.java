package io.tributary.console.partitions;

import io.tributary.consumer.OffsetResetTarget;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OffsetResetFormTest {

    @ParameterizedTest(name = "to={0} timestamp={1} offset={2} is valid")
    @CsvSource(nullValues = "null", value = {
            "start, '', '', START, 0",
            "END, '', '', END, 0",
            "timestamp, 2026-11-22T06:00:00Z, '', TIMESTAMP, 1795327200000",
            "timestamp, 1795327200000, '', TIMESTAMP, 1795327200000",
            "offset, '', 42, OFFSET, 42",
            "offset, '', ' 0 ', OFFSET, 0"})
    void valid_forms_name_their_target(String to, String timestamp, String offset, OffsetResetTarget.Kind kind,
            long value) {
        OffsetResetForm form = new OffsetResetForm(to, timestamp, offset, true);

        assertThat(form.violations()).isEmpty();
        assertThat(form.target()).isEqualTo(new OffsetResetTarget(kind, value));
    }

    @ParameterizedTest(name = "to={0} timestamp={1} offset={2} is refused at {3}")
    @CsvSource(nullValues = "null", value = {
            "yesterday, '', '', to, reset to 'yesterday' is not known: choose start, end, timestamp or offset",
            "null, '', '', to, reset to 'null' is not known: choose start, end, timestamp or offset",
            "timestamp, 'last tuesday', '', timestamp, timestamp 'last tuesday' is neither an RFC 3339 time",
            "timestamp, '', '', timestamp, timestamp '' is neither an RFC 3339 time",
            "offset, '', -5, offset, offset '-5' is not a whole number of 0 or more",
            "offset, '', 1e3, offset, offset '1e3' is not a whole number of 0 or more"})
    void invalid_forms_are_refused_at_the_field_with_the_value(String to, String timestamp, String offset,
            String field, String message) {
        Map<String, String> violations = new OffsetResetForm(to, timestamp, offset, true).violations();

        assertThat(violations).containsOnlyKeys(field);
        assertThat(violations.get(field)).startsWith(message);
    }

    @Test
    void an_unconfirmed_form_is_refused_even_when_valid_otherwise() {
        assertThat(new OffsetResetForm("start", "", "", false).violations()).containsOnlyKeys("confirm");
    }
}
