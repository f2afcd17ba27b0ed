package io.tributary.console.partitions;

import io.tributary.consumer.OffsetResetOutcome;
import io.tributary.consumer.OffsetResetTarget;
import io.tributary.consumer.PartitionReaders;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The operator's actions on this process's partition readers: stop one, reset its committed offset while it is
 * stopped, start it again. Refusals are exceptions whose message is shown to the operator as is.
 */
@Component
public class PartitionActions {
    private final ObjectProvider<PartitionReaders> readers;

    public PartitionActions(ObjectProvider<PartitionReaders> readers) {
        this.readers = readers;
    }

    /** True when a reader of this process owns the partition. */
    public boolean readsHere(int partition) {
        PartitionReaders here = readers.getIfAvailable();
        return here != null && here.ownedPartitions().contains(partition);
    }

    /** True when the partition's reader here is stopped. */
    public boolean stopped(int partition) {
        PartitionReaders here = readers.getIfAvailable();
        return here != null && here.isStopped(partition);
    }

    public void stop(int partition) throws InterruptedException {
        owning(partition).stopReader(partition);
    }

    public void start(int partition) {
        PartitionReaders here = owning(partition);
        if (!here.isStopped(partition)) {
            throw new IllegalStateException("partition " + partition + ": the reader is not stopped");
        }
        here.startReader(partition);
    }

    public OffsetResetOutcome reset(int partition, OffsetResetTarget target) {
        return owning(partition).resetCommittedOffset(partition, target);
    }

    private PartitionReaders owning(int partition) {
        PartitionReaders here = readers.getIfAvailable();
        if (here == null || !here.ownedPartitions().contains(partition)) {
            throw new IllegalStateException("partition " + partition + " has no reader in this process, so its "
                    + "reader cannot be stopped, started or reset here: use the console of the ingester that owns it");
        }
        return here;
    }
}
