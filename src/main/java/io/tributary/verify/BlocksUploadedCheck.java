package io.tributary.verify;

import io.tributary.storage.block.ULID;
import io.tributary.storage.bucket.Bucket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The seed's third verification step, "new blocks appear in the object storage bucket every block range (two
 * hours by default)", made executable: the newest complete block ({@code <tenant>/<ulid>/meta.json}) in the bucket
 * covers a range that ended at most one block range plus a grace period ago. Tributary's block cutter derives a
 * block's ULID from the end of its range, so the ULID says which range the newest upload covered, and no object
 * metadata is needed (the filesystem and S3 buckets look the same). Blocks written by other tools have their
 * creation time there, which is later than their range end, so they never make the check stricter.
 * <p>
 * An idle installation cuts no blocks, so an old newest block is a warning, not a failure; the evidence says so.
 * Before this process has run for one range plus grace, no block is due yet and the check is skipped.
 */
public class BlocksUploadedCheck extends DescribedCheck {

    public static final String ID = "blocks-uploaded";

    /**
     * Time after a block range closes for the cutter to notice (it ticks up to every 10 s), wait for the
     * partitions to drain, write the block and upload it. Generous: a false alarm costs an operator's evening.
     */
    static final Duration GRACE = Duration.ofMinutes(15);

    private final Bucket bucket;
    private final Duration blockRange;
    private final Instant processStart;
    private final Clock clock;
    private final String absentReason;

    /**
     * @param bucket       the blocks bucket, or null when this process does not cut blocks
     * @param absentReason the SKIPPED reason when there is no bucket
     */
    public BlocksUploadedCheck(Bucket bucket, Duration blockRange, Instant processStart, Clock clock, String absentReason) {
        super(ID, "Blocks uploaded within one block range + grace");
        this.bucket = bucket;
        this.blockRange = blockRange;
        this.processStart = processStart;
        this.clock = clock;
        this.absentReason = absentReason;
    }

    @Override
    public Duration timeout() {
        // Listing a large S3 bucket pages through every key.
        return Duration.ofSeconds(30);
    }

    @Override
    public CheckResult run() {
        if (bucket == null) {
            return CheckResult.skipped(absentReason);
        }
        Instant now = clock.instant();
        Instant newest = newestBlock(bucket.list(""));
        return judge(bucket.describe(), newest, now, processStart, blockRange);
    }

    /** The verdict for the newest block's cut time (null: no block); separate to test the rule without a bucket. */
    static CheckResult judge(String where, Instant newest, Instant now, Instant processStart, Duration blockRange) {
        Duration due = blockRange.plus(GRACE);
        String expectation = "a block is expected every blocks-storage.tsdb.block-ranges-period=" + blockRange
                + ", uploaded at most " + GRACE.toMinutes() + " min after its range ends";
        if (newest != null && !newest.isBefore(now.minus(due))) {
            return CheckResult.pass("newest block in " + where + " ends at " + newest + " ("
                    + Duration.between(newest, now).toSeconds() + " s ago); " + expectation + ".");
        }
        String newestText = newest == null ? "there is no block in " + where
                : "the newest block in " + where + " ends at " + newest + " (" + Duration.between(newest, now)
                        .toMinutes() + " min ago)";
        if (now.isBefore(processStart.plus(due))) {
            return CheckResult.skipped(newestText + "; this process started at " + processStart + ", so its first block "
                    + "is due by " + processStart.plus(due) + " (" + expectation + ").");
        }
        return CheckResult.warn(newestText + "; " + expectation + ". If samples were written in the last " + due
                + ", blocks are not being cut or uploaded.", "Look for 'cutting or uploading a block failed' in the "
                + "ingester's log (bucket permissions, disk space); with no writes in that time there is nothing to cut.");
    }

    /** The ULID time (range end) of the newest complete block among the bucket's keys, or null. */
    static Instant newestBlock(List<String> keys) {
        Instant newest = null;
        for (String key : keys) {
            String[] parts = key.split("/");
            if (parts.length == 3 && parts[2].equals("meta.json") && ULID.isValid(parts[1])) {
                Instant cut = Instant.ofEpochMilli(ULID.parse(parts[1]).timestamp());
                if (newest == null || cut.isAfter(newest)) {
                    newest = cut;
                }
            }
        }
        return newest;
    }
}
