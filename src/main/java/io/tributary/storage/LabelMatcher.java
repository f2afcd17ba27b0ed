package io.tributary.storage;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A PromQL label matcher. Regular expressions are fully anchored, as in Prometheus, and a label that is absent
 * has the value "" (so {@code foo=""} selects series without {@code foo}).
 */
public final class LabelMatcher {
    public enum Type {
        EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

        private final String operator;

        Type(String operator) {
            this.operator = operator;
        }

        public String operator() {
            return operator;
        }
    }

    private final Type type;
    private final String name;
    private final String value;
    private final Pattern pattern;

    private LabelMatcher(Type type, String name, String value) {
        this.type = Objects.requireNonNull(type);
        this.name = Objects.requireNonNull(name);
        this.value = Objects.requireNonNull(value);
        this.pattern = type == Type.REGEX || type == Type.NOT_REGEX
                ? Pattern.compile("^(?:" + value + ")$", Pattern.DOTALL) : null;
    }

    /** @throws java.util.regex.PatternSyntaxException for an invalid regular expression */
    public static LabelMatcher of(Type type, String name, String value) {
        return new LabelMatcher(type, name, value);
    }

    public static LabelMatcher equal(String name, String value) {
        return new LabelMatcher(Type.EQUAL, name, value);
    }

    public Type type() {
        return type;
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    public boolean matches(String labelValue) {
        return switch (type) {
            case EQUAL -> value.equals(labelValue);
            case NOT_EQUAL -> !value.equals(labelValue);
            case REGEX -> pattern.matcher(labelValue).matches();
            case NOT_REGEX -> !pattern.matcher(labelValue).matches();
        };
    }

    /** True when the matcher also selects series that lack the label entirely. */
    public boolean matchesEmpty() {
        return matches("");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMatcher m && m.type == type && m.name.equals(name) && m.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, name, value);
    }

    @Override
    public String toString() {
        return name + type.operator + '"' + value + '"';
    }
}
