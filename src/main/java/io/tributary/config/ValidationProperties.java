package io.tributary.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** The {@code validation.*} settings: what a series must look like to be accepted (Mimir's names and defaults). */
@ConfigurationProperties("validation")
public class ValidationProperties {

    /** Most labels a series may have, its name included. */
    private int maxLabelNamesPerSeries = 30;

    /** Longest label name, in bytes. */
    private int maxLengthLabelName = 1024;

    /** Longest label value, in bytes. */
    private int maxLengthLabelValue = 2048;

    /** How far in the future a sample's timestamp may be; later samples are rejected. */
    private Duration createGracePeriod = Duration.ofMinutes(10);

    /** How far in the past a sample's timestamp may be; 0 accepts any age. */
    private Duration pastGracePeriod = Duration.ZERO;

    public int getMaxLabelNamesPerSeries() {
        return maxLabelNamesPerSeries;
    }

    public void setMaxLabelNamesPerSeries(int maxLabelNamesPerSeries) {
        this.maxLabelNamesPerSeries = maxLabelNamesPerSeries;
    }

    public int getMaxLengthLabelName() {
        return maxLengthLabelName;
    }

    public void setMaxLengthLabelName(int maxLengthLabelName) {
        this.maxLengthLabelName = maxLengthLabelName;
    }

    public int getMaxLengthLabelValue() {
        return maxLengthLabelValue;
    }

    public void setMaxLengthLabelValue(int maxLengthLabelValue) {
        this.maxLengthLabelValue = maxLengthLabelValue;
    }

    public Duration getCreateGracePeriod() {
        return createGracePeriod;
    }

    public void setCreateGracePeriod(Duration createGracePeriod) {
        this.createGracePeriod = createGracePeriod;
    }

    public Duration getPastGracePeriod() {
        return pastGracePeriod;
    }

    public void setPastGracePeriod(Duration pastGracePeriod) {
        this.pastGracePeriod = pastGracePeriod;
    }
}
