package io.tributary.protocol;

import java.util.List;

/** One exemplar of a decoded record; the value is raw IEEE-754 bits like {@link Sample}. */
public record Exemplar(List<Label> labels, long valueBits, long timestamp) {

    public Exemplar {
        labels = List.copyOf(labels);
    }
}
