package io.tributary.protocol;

import java.util.List;

/** One time series of a decoded record; {@code createdTimestamp} is 0 when unset. */
public record Series(List<Label> labels, List<Sample> samples, List<Histogram> histograms,
        List<Exemplar> exemplars, long createdTimestamp) {

    public Series {
        labels = List.copyOf(labels);
        samples = List.copyOf(samples);
        histograms = List.copyOf(histograms);
        exemplars = List.copyOf(exemplars);
    }

    /** The value of {@code __name__}, or {@code null}. */
    public String metricName() {
        for (Label l : labels) {
            if (l.name().equals("__name__")) {
                return l.value();
            }
        }
        return null;
    }
}
