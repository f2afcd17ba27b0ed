package io.tributary.consumer;

import org.apache.kafka.clients.consumer.Consumer;

/** Builds the Kafka consumers of the partition readers, each from the settings in effect when it is built. */
public interface ReaderConsumers {

    /** A reader's own consumer: it reads the partition when caught up and commits to {@code group}. */
    Consumer<byte[], byte[]> reader(String group);

    /**
     * A concurrent fetcher's consumer: no group (it never commits), each fetch request asking for at most
     * {@code maxBytes} of the partition.
     */
    Consumer<byte[], byte[]> fetcher(int maxBytes);
}
