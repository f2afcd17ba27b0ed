package io.tributary.protocol;

/**
 * Metadata of one metric family; {@code type} uses the shared numbering of RW1 and RW2
 * (0 unknown/unspecified, 1 counter, 2 gauge, 3 histogram, 4 gaugehistogram, 5 summary, 6 info, 7 stateset).
 */
public record MetricMetadata(int type, String family, String help, String unit) {
}
