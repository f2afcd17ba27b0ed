package io.tributary.console.partitions;

/**
 * One sample of a lag history: the time, the LAG in records, and the lag in seconds (negative when unknown).
 */
public record LagPoint(long atMs, long lagRecords, double lagSeconds) {
}
