package io.vigil.collectors.system;

import java.util.List;

/**
 * What the system collector reads from the host, as plain numbers. {@link OshiHostProbe} reads
 * them through OSHI; tests feed scripted readings, so that the rate and percentage arithmetic is
 * checked without depending on what this machine happens to be doing.
 *
 * <p>Counters (ticks, bytes, errors) only ever grow until the host reboots or a device is
 * re-created; the collector turns them into rates.
 */
interface HostProbe {

    /** CPU time since boot across all cores, in ticks: idle (idle + iowait) and in total. */
    record CpuTicks(long idle, long total) {
    }

    /** Physical memory and swap, in bytes. */
    record Memory(long totalBytes, long availableBytes, long swapTotalBytes, long swapUsedBytes) {
    }

    /**
     * A mounted file system.
     *
     * @param device the device without {@code /dev/} ({@code sda1}, {@code loop3}), or the volume name
     */
    record FileStore(String mount, String type, String device, long totalBytes, long usableBytes) {
    }

    /** A block device's counters since boot; {@code name} without {@code /dev/}. */
    record Disk(String name, long readBytes, long writeBytes) {
    }

    /** A network interface's counters since it came up. */
    record NetworkInterface(String name, long bytesSent, long bytesReceived, long inErrors, long outErrors) {
    }

    /** The 1, 5 and 15 minute load averages. */
    record LoadAverage(double oneMinute, double fiveMinutes, double fifteenMinutes) {
    }

    CpuTicks cpuTicks();

    Memory memory();

    List<FileStore> fileStores();

    List<Disk> disks();

    List<NetworkInterface> networkInterfaces();

    /** The load averages, or {@code null} where the platform has none (Windows). */
    LoadAverage loadAverage();

    long uptimeSeconds();

    int processCount();

    String hostName();
}
