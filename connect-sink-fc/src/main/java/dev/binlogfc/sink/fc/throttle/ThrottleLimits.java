package dev.binlogfc.sink.fc.throttle;

/** A records-per-second and a megabytes-per-second limit for one kind of record; 0 means unlimited. */
public record ThrottleLimits(double recordsPerSecond, double megabytesPerSecond) {

    public static final double BYTES_PER_MEGABYTE = 1024 * 1024;

    public double bytesPerSecond() {
        return megabytesPerSecond * BYTES_PER_MEGABYTE;
    }
}
