package io.tributary.query;

import io.tributary.storage.LabelMatcher;
import io.tributary.storage.Labels;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * Parses a PromQL <em>series selector</em> (the {@code match[]} parameter), and nothing else of PromQL:
 * {@code metric}, {@code metric{job="api", path=~"/v1/.*"}}, {@code {__name__="up"}}, and Prometheus 3's quoted
 * names ({@code {"service.name"="api"}}, {@code {"http.server.duration"}}). Strings are double- or
 * single-quoted with PromQL's (Go's) escapes, or back-quoted and raw. As in Prometheus, at least one matcher must
 * not match the empty string, and the metric name may be given only once.
 *
 * <p>Errors read like Prometheus's: {@code 1:9: parse error: unexpected end of input inside braces}.
 */
public final class SeriesSelectorParser {

    private final String input;
    private int pos;

    private SeriesSelectorParser(String input) {
        this.input = input;
    }

    /** @throws SelectorSyntaxException when {@code selector} is not a valid series selector */
    public static List<LabelMatcher> parse(String selector) {
        return new SeriesSelectorParser(selector).selector();
    }

    private List<LabelMatcher> selector() {
        List<LabelMatcher> matchers = new ArrayList<>();
        String metricName = null;
        skipSpace();
        int start = pos;
        if (pos < input.length() && isMetricNameStart(input.charAt(pos))) {
            metricName = identifier(true);
            matchers.add(LabelMatcher.equal(Labels.METRIC_NAME, metricName));
            skipSpace();
        }
        if (pos < input.length() && input.charAt(pos) == '{') {
            pos++;
            braces(matchers, metricName != null);
            skipSpace();
        } else if (metricName == null) {
            throw error(start, pos >= input.length() ? "unexpected end of input"
                    : "unexpected " + describe(pos) + ", expected a metric name or '{'");
        }
        if (pos < input.length()) {
            throw error(pos, "unexpected " + describe(pos) + " after the series selector");
        }
        if (matchers.stream().allMatch(LabelMatcher::matchesEmpty)) {
            throw error(start, "vector selector must contain at least one non-empty matcher");
        }
        return List.copyOf(matchers);
    }

    /** The matcher list after '{', up to and including '}'. */
    private void braces(List<LabelMatcher> matchers, boolean nameGiven) {
        while (true) {
            skipSpace();
            if (pos >= input.length()) {
                throw error(pos, "unexpected end of input inside braces");
            }
            char c = input.charAt(pos);
            if (c == '}') {
                pos++;
                return;
            }
            int itemStart = pos;
            String name;
            boolean quoted = isQuote(c);
            if (quoted) {
                name = string();
            } else if (isLabelNameStart(c)) {
                name = identifier(false);
            } else {
                throw error(pos, "unexpected character inside braces: " + describe(pos));
            }
            skipSpace();
            if (quoted && pos < input.length() && (input.charAt(pos) == ',' || input.charAt(pos) == '}')) {
                // A lone quoted string is the metric name (Prometheus 3's UTF-8 metric names).
                boolean nameMatched = matchers.stream().anyMatch(m -> m.name().equals(Labels.METRIC_NAME));
                addMetricName(matchers, nameGiven || nameMatched, LabelMatcher.equal(Labels.METRIC_NAME, name),
                        itemStart);
                nameGiven = true;
            } else {
                LabelMatcher.Type type = operator();
                skipSpace();
                int valueStart = pos;
                if (pos >= input.length() || !isQuote(input.charAt(pos))) {
                    throw error(pos, "unexpected " + describe(pos) + " in label matching, expected string");
                }
                String value = string();
                LabelMatcher matcher;
                try {
                    matcher = LabelMatcher.of(type, name, value);
                } catch (PatternSyntaxException e) {
                    throw error(valueStart, "error parsing regexp \"" + value + "\": " + e.getDescription());
                }
                if (name.equals(Labels.METRIC_NAME)) {
                    addMetricName(matchers, nameGiven, matcher, itemStart);
                } else {
                    matchers.add(matcher);
                }
            }
            skipSpace();
            if (pos < input.length() && input.charAt(pos) == ',') {
                pos++;
            } else if (pos < input.length() && input.charAt(pos) != '}') {
                throw error(pos, "unexpected " + describe(pos) + " in label matching, expected \",\" or \"}\"");
            }
        }
    }

    /**
     * Prometheus refuses {@code foo{__name__="bar"}} and {@code {"foo", __name__="bar"}}: once a name is given
     * outright, another matcher on {@code __name__} is ambiguous. Several {@code __name__} matchers are fine.
     */
    private void addMetricName(List<LabelMatcher> matchers, boolean conflict, LabelMatcher matcher, int at) {
        if (conflict) {
            String earlier = matchers.stream().filter(m -> m.name().equals(Labels.METRIC_NAME)).findFirst()
                    .map(LabelMatcher::value).orElse("");
            throw error(at, "metric name must not be set twice: \"" + earlier + "\" or \"" + matcher.value() + "\"");
        }
        matchers.add(matcher);
    }

    private LabelMatcher.Type operator() {
        if (pos < input.length()) {
            char c = input.charAt(pos);
            char next = pos + 1 < input.length() ? input.charAt(pos + 1) : 0;
            if (c == '=' && next == '~') {
                pos += 2;
                return LabelMatcher.Type.REGEX;
            } else if (c == '!' && next == '~') {
                pos += 2;
                return LabelMatcher.Type.NOT_REGEX;
            } else if (c == '!' && next == '=') {
                pos += 2;
                return LabelMatcher.Type.NOT_EQUAL;
            } else if (c == '=' && next != '=') {
                pos++;
                return LabelMatcher.Type.EQUAL;
            }
        }
        throw error(pos, "unexpected " + describe(pos) + " in label matching, expected label matching operator");
    }

    private String identifier(boolean metricName) {
        int start = pos;
        while (pos < input.length()) {
            char c = input.charAt(pos);
            boolean part = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || (metricName && c == ':');
            if (!part) {
                break;
            }
            pos++;
        }
        return input.substring(start, pos);
    }

    /** A quoted string at {@code pos}, unescaped; {@code pos} ends after the closing quote. */
    private String string() {
        int start = pos;
        char quote = input.charAt(pos++);
        if (quote == '`') {
            int end = input.indexOf('`', pos);
            if (end < 0) {
                throw error(start, "unterminated raw string");
            }
            String raw = input.substring(pos, end).replace("\r", ""); // as Go's strconv.Unquote
            pos = end + 1;
            return raw;
        }
        // \x and octal escapes are single bytes (Go strings are bytes), so collect UTF-8 and decode at the end.
        ByteArrayOutputStream utf8 = new ByteArrayOutputStream();
        while (true) {
            if (pos >= input.length() || input.charAt(pos) == '\n') {
                throw error(start, "unterminated quoted string");
            }
            char c = input.charAt(pos);
            if (c == quote) {
                pos++;
                return utf8.toString(StandardCharsets.UTF_8);
            }
            if (c != '\\') {
                int cp = input.codePointAt(pos);
                utf8.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                pos += Character.charCount(cp);
                continue;
            }
            int escapeAt = pos++;
            if (pos >= input.length()) {
                throw error(start, "unterminated quoted string");
            }
            char e = input.charAt(pos++);
            switch (e) {
                case 'a' -> utf8.write(0x07);
                case 'b' -> utf8.write('\b');
                case 'f' -> utf8.write('\f');
                case 'n' -> utf8.write('\n');
                case 'r' -> utf8.write('\r');
                case 't' -> utf8.write('\t');
                case 'v' -> utf8.write(0x0b);
                case '\\' -> utf8.write('\\');
                case 'x' -> utf8.write(digits(escapeAt, 2, 16));
                case 'u', 'U' -> {
                    int cp = digits(escapeAt, e == 'u' ? 4 : 8, 16);
                    if (cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
                        throw error(escapeAt, "escape sequence is an invalid Unicode code point");
                    }
                    utf8.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                }
                default -> {
                    if (e == quote) {
                        utf8.write(e);
                    } else if (e >= '0' && e <= '7') {
                        pos--;
                        int value = digits(escapeAt, 3, 8);
                        if (value > 255) {
                            throw error(escapeAt, "octal escape value > 255: " + value);
                        }
                        utf8.write(value);
                    } else {
                        throw error(escapeAt, "unknown escape sequence \\" + e);
                    }
                }
            }
        }
    }

    private int digits(int escapeAt, int count, int radix) {
        int value = 0;
        for (int i = 0; i < count; i++) {
            int d = pos < input.length() ? Character.digit(input.charAt(pos), radix) : -1;
            if (d < 0) {
                throw error(escapeAt, "illegal character " + describe(pos) + " in escape sequence");
            }
            value = value * radix + d;
            pos++;
        }
        return value;
    }

    private void skipSpace() {
        while (pos < input.length()) {
            char c = input.charAt(pos);
            if (c == '#') { // a PromQL comment runs to the end of the line
                while (pos < input.length() && input.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else {
                return;
            }
        }
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'' || c == '`';
    }

    private static boolean isLabelNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isMetricNameStart(char c) {
        return isLabelNameStart(c) || c == ':';
    }

    private String describe(int at) {
        if (at >= input.length()) {
            return "end of input";
        }
        return "\"" + new String(Character.toChars(input.codePointAt(at))) + "\"";
    }

    /** Prometheus's position format: 1-based line and column of {@code at}. */
    private SelectorSyntaxException error(int at, String message) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < Math.min(at, input.length()); i++) {
            if (input.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new SelectorSyntaxException(line + ":" + (at - lineStart + 1) + ": parse error: " + message);
    }

    /** A {@code match[]} value that is not a valid series selector. */
    public static final class SelectorSyntaxException extends RuntimeException {
        SelectorSyntaxException(String message) {
            super(message, null, false, false);
        }
    }
}
