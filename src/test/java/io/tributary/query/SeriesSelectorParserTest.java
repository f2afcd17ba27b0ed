package io.tributary.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.storage.LabelMatcher;
import io.tributary.storage.LabelMatcher.Type;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Series selectors as PromQL reads them, and the errors it gives for the ones it refuses. */
class SeriesSelectorParserTest {

    static Stream<Arguments> selectors() {
        return Stream.of(
                Arguments.of("a bare metric name", "http_requests_total",
                        List.of(m(Type.EQUAL, "__name__", "http_requests_total"))),
                Arguments.of("a recording-rule name with colons", "job:http_requests:rate5m",
                        List.of(m(Type.EQUAL, "__name__", "job:http_requests:rate5m"))),
                Arguments.of("a name with all four operators", "http_requests_total{a=\"b\",c=~\"d.*\",e!=\"f\",g!~\"h\"}",
                        List.of(m(Type.EQUAL, "__name__", "http_requests_total"), m(Type.EQUAL, "a", "b"),
                                m(Type.REGEX, "c", "d.*"), m(Type.NOT_EQUAL, "e", "f"), m(Type.NOT_REGEX, "g", "h"))),
                Arguments.of("braces only", "{__name__=\"up\"}", List.of(m(Type.EQUAL, "__name__", "up"))),
                Arguments.of("spaces, newlines and a trailing comma", " up {\n  job = \"api\" ,\n} ",
                        List.of(m(Type.EQUAL, "__name__", "up"), m(Type.EQUAL, "job", "api"))),
                Arguments.of("a comment to the end of the line", "up{job=\"api\"} # the API's targets",
                        List.of(m(Type.EQUAL, "__name__", "up"), m(Type.EQUAL, "job", "api"))),
                Arguments.of("single quotes with an escaped quote", "{job='o\\'brien'}",
                        List.of(m(Type.EQUAL, "job", "o'brien"))),
                Arguments.of("double quotes with a single quote inside", "{job=\"o'brien\"}",
                        List.of(m(Type.EQUAL, "job", "o'brien"))),
                Arguments.of("back quotes keep backslashes", "{path=~`C:\\temp\\.*`}",
                        List.of(m(Type.REGEX, "path", "C:\\temp\\.*"))),
                Arguments.of("Go's escapes", "{v=\"\\a\\b\\f\\n\\r\\t\\v\\\\\\\"\"}",
                        List.of(m(Type.EQUAL, "v", "\u0007\b\f\n\r\t\u000b\\\""))),
                Arguments.of("hex and octal escapes are UTF-8 bytes", "{city=\"K\\xc3\\xb6ln\", sign=\"\\342\\202\\254\"}",
                        List.of(m(Type.EQUAL, "city", "Köln"), m(Type.EQUAL, "sign", "€"))),
                Arguments.of("unicode escapes", "{emoji=\"\\u00e9\\U0001F600\"}",
                        List.of(m(Type.EQUAL, "emoji", "é\uD83D\uDE00"))),
                Arguments.of("literal UTF-8", "{city=\"Zürich\"}", List.of(m(Type.EQUAL, "city", "Zürich"))),
                Arguments.of("a quoted UTF-8 metric name", "{\"http.server.duration\", \"service.name\"=\"api\"}",
                        List.of(m(Type.EQUAL, "__name__", "http.server.duration"), m(Type.EQUAL, "service.name", "api"))),
                Arguments.of("an empty matcher beside a non-empty one", "{job=\"api\", env=\"\"}",
                        List.of(m(Type.EQUAL, "job", "api"), m(Type.EQUAL, "env", ""))),
                Arguments.of("two __name__ matchers inside braces", "{__name__=~\"http_.*\", __name__!=\"http_errors\"}",
                        List.of(m(Type.REGEX, "__name__", "http_.*"), m(Type.NOT_EQUAL, "__name__", "http_errors"))));
    }

    @ParameterizedTest(name = "{0} parses")
    @MethodSource("selectors")
    void validSelectorsParse(String description, String selector, List<LabelMatcher> expected) {
        assertThat(SeriesSelectorParser.parse(selector)).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("an empty selector", "", "1:1: parse error: unexpected end of input"),
                Arguments.of("empty braces", "{}", "1:1: parse error: vector selector must contain at least one non-empty matcher"),
                Arguments.of("only matchers that match the empty string", "{job=~\".*\", env=\"\"}",
                        "1:1: parse error: vector selector must contain at least one non-empty matcher"),
                Arguments.of("unclosed braces", "up{job=\"api\"", "1:13: parse error: unexpected end of input inside braces"),
                Arguments.of("a missing operator", "up{job}", "1:7: parse error: unexpected \"}\" in label matching, expected label matching operator"),
                Arguments.of("a double equals", "up{job==\"api\"}", "1:7: parse error: unexpected \"=\" in label matching, expected label matching operator"),
                Arguments.of("an unquoted value", "up{job=api}", "1:8: parse error: unexpected \"a\" in label matching, expected string"),
                Arguments.of("a missing comma", "up{job=\"api\" env=\"prod\"}",
                        "1:14: parse error: unexpected \"e\" in label matching, expected \",\" or \"}\""),
                Arguments.of("a range selector", "up[5m]", "1:3: parse error: unexpected \"[\" after the series selector"),
                Arguments.of("an expression", "rate(up[5m])", "1:5: parse error: unexpected \"(\" after the series selector"),
                Arguments.of("a metric name starting with a digit", "5xx_errors",
                        "1:1: parse error: unexpected \"5\", expected a metric name or '{'"),
                Arguments.of("a label name with a colon", "{a:b=\"c\"}",
                        "1:3: parse error: unexpected \":\" in label matching, expected label matching operator"),
                Arguments.of("the metric name given twice", "up{__name__=\"down\"}",
                        "1:4: parse error: metric name must not be set twice: \"up\" or \"down\""),
                Arguments.of("a quoted name beside an outer name", "up{\"down\"}",
                        "1:4: parse error: metric name must not be set twice: \"up\" or \"down\""),
                Arguments.of("an unterminated string", "{job=\"api}", "1:6: parse error: unterminated quoted string"),
                Arguments.of("a newline inside a string", "{job=\"a\npi\"}", "1:6: parse error: unterminated quoted string"),
                Arguments.of("an unterminated raw string", "{job=`api}", "1:6: parse error: unterminated raw string"),
                Arguments.of("an unknown escape", "{job=\"a\\qi\"}", "1:8: parse error: unknown escape sequence \\q"),
                Arguments.of("the other quote escaped", "{job=\"o\\'brien\"}", "1:8: parse error: unknown escape sequence \\'"),
                Arguments.of("a short hex escape", "{job=\"\\x4\"}", "1:7: parse error: illegal character \"\"\" in escape sequence"),
                Arguments.of("an octal escape over 255", "{job=\"\\400\"}", "1:7: parse error: octal escape value > 255: 256"),
                Arguments.of("a surrogate code point", "{job=\"\\ud800\"}",
                        "1:7: parse error: escape sequence is an invalid Unicode code point"),
                Arguments.of("an invalid regular expression", "{job=~\"api(\"}",
                        "1:7: parse error: error parsing regexp \"api(\": Unclosed group"),
                Arguments.of("an error on the second line", "up{\n  job=api}",
                        "2:7: parse error: unexpected \"a\" in label matching, expected string"));
    }

    @ParameterizedTest(name = "{0} is refused")
    @MethodSource("errors")
    void invalidSelectorsAreRefusedWithPrometheusStylePositions(String description, String selector, String message) {
        assertThatThrownBy(() -> SeriesSelectorParser.parse(selector))
                .isInstanceOf(SeriesSelectorParser.SelectorSyntaxException.class)
                .hasMessage(message);
    }

    private static LabelMatcher m(Type type, String name, String value) {
        return LabelMatcher.of(type, name, value);
    }
}
