package io.vigil.collectors.system;

/**
 * CPU usage in percent from the change in tick counters between two readings: the share of ticks
 * that were neither idle nor waiting for I/O. Nothing is computed from a single reading, and no
 * thread sleeps to get a second one: the previous collection's reading is the first.
 */
final class CpuUsage {
    private HostProbe.CpuTicks previous;

    /** The usage since the previous reading in percent, or NaN when there is none (first reading, no tick passed, counters reset). */
    double update(HostProbe.CpuTicks current) {
        HostProbe.CpuTicks before = previous;
        previous = current;
        if (before == null) {
            return Double.NaN;
        }
        long total = current.total() - before.total();
        long idle = current.idle() - before.idle();
        if (total <= 0 || idle < 0 || idle > total) {
            return Double.NaN;
        }
        return 100.0 * (total - idle) / total;
    }
}
