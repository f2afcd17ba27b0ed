package io.tributary.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code ingester.*} settings Mimir has for the read path's heads. */
@ConfigurationProperties("ingester")
public class IngesterProperties {

    /** Most in-memory series per tenant in this ingester's heads; 0 = unlimited (Mimir's default 150000). */
    private int maxGlobalSeriesPerUser = 150_000;

    public int getMaxGlobalSeriesPerUser() {
        return maxGlobalSeriesPerUser;
    }

    public void setMaxGlobalSeriesPerUser(int maxGlobalSeriesPerUser) {
        this.maxGlobalSeriesPerUser = maxGlobalSeriesPerUser;
    }
}
