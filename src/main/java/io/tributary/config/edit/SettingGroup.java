package io.tributary.config.edit;

/** The sections of the settings form, in the order the page shows them. */
public enum SettingGroup {
    CONNECTION("Connection"),
    AUTHENTICATION("Authentication"),
    TLS("TLS"),
    PRODUCER("Producer"),
    CONSUMER("Consumer"),
    TOPIC("Topic creation");

    private final String title;

    SettingGroup(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
