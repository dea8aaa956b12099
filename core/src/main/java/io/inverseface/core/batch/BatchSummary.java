package io.inverseface.core.batch;

/**
 * What one run of a batch did.
 *
 * @param total   items in the batch
 * @param skipped items already complete from an earlier run
 * @param failedBefore items an earlier run recorded as failed, left failed (photo and settings unchanged,
 *                     no retry asked for)
 * @param ok      items done successfully in this run
 * @param failed  items that failed in this run
 * @param seconds wall time of this run
 */
public record BatchSummary(int total, int skipped, int failedBefore, int ok, int failed, double seconds) {

    /** Items processed in this run. */
    public int processed() {
        return ok + failed;
    }

    /** Items processed per second of wall time in this run. */
    public double itemsPerSecond() {
        return seconds > 0 ? processed() / seconds : Double.NaN;
    }
}
