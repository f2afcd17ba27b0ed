package io.tributary.protocol;

import java.util.Objects;

/** One {@code prometheus.LabelMatcher} of a remote-read query, as sent (the regex is not compiled here). */
public record MatcherSpec(Type type, String name, String value) {

    /** {@code prometheus.LabelMatcher.Type}, numbered as on the wire. */
    public enum Type {
        EQ, NEQ, RE, NRE;

        /** @throws MalformedProtobufException for a number outside the enum */
        static Type forNumber(int number) {
            Type[] types = values();
            if (number < 0 || number >= types.length) {
                throw new MalformedProtobufException("invalid-matcher-type",
                        "LabelMatcher.type " + number + " is none of EQ(0), NEQ(1), RE(2), NRE(3)");
            }
            return types[number];
        }
    }

    public MatcherSpec {
        Objects.requireNonNull(type);
        Objects.requireNonNull(name);
        Objects.requireNonNull(value);
    }
}
