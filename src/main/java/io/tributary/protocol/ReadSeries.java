package io.tributary.protocol;

import java.util.List;

/**
 * One {@code prometheus.TimeSeries} of a SAMPLES remote-read answer: labels sorted by name, float samples and
 * native histograms each in time order. Histograms are encoded {@code prometheus.Histogram} messages (their
 * timestamp is inside), passed through unchanged.
 */
public record ReadSeries(List<Label> labels, List<Sample> samples, List<byte[]> histograms) {
    public ReadSeries {
        labels = List.copyOf(labels);
        samples = List.copyOf(samples);
        histograms = List.copyOf(histograms);
    }
}
