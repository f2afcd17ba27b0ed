package io.tributary.support;

/** A JVM system property set for a while and put back as it was (or removed) on close. */
public final class TemporarySystemProperty implements AutoCloseable {

    private final String key;
    private final String previous;

    private TemporarySystemProperty(String key, String previous) {
        this.key = key;
        this.previous = previous;
    }

    public static TemporarySystemProperty set(String key, String value) {
        return new TemporarySystemProperty(key, System.setProperty(key, value));
    }

    /**
     * AWS_MSK_IAM clients take the signing region from an MSK host name; 127.0.0.1 has none, so they ask the AWS
     * region chain, whose first link is this property.
     */
    public static TemporarySystemProperty awsRegion() {
        return set("aws.region", "eu-west-1");
    }

    @Override
    public void close() {
        if (previous == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, previous);
        }
    }
}
