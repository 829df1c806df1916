package io.vigil.collectors.system;

/**
 * The names of the metrics the {@code system} collector emits, with their units. Every sample
 * also carries the host identity labels ({@code host} and configured extras). The names are the
 * canonical ones of {@link io.vigil.alerting.api.MetricNames}: seed 003's {@code cpu.usagePercent}
 * and {@code memory.usagePercent} address the same series as {@link #CPU_USAGE} and {@link #MEMORY_USAGE}.
 */
public final class SystemMetrics {
    /** Percent of CPU time not idle (nor waiting for I/O) since the previous collection, all cores. */
    public static final String CPU_USAGE = "cpu_usage";

    /** Percent of physical memory in use (total minus available). */
    public static final String MEMORY_USAGE = "memory_usage";
    /** Bytes of physical memory in use (total minus available). */
    public static final String MEMORY_USED_BYTES = "memory_used_bytes";
    /** Bytes of memory available to new programs without swapping. */
    public static final String MEMORY_AVAILABLE_BYTES = "memory_available_bytes";
    /** Bytes of physical memory. */
    public static final String MEMORY_TOTAL_BYTES = "memory_total_bytes";

    /** Percent of swap in use; 0 on a host without swap. */
    public static final String SWAP_USAGE = "swap_usage";
    /** Bytes of swap in use. */
    public static final String SWAP_USED_BYTES = "swap_used_bytes";
    /** Bytes of swap. */
    public static final String SWAP_TOTAL_BYTES = "swap_total_bytes";

    /** Percent of a file system in use, {@code 100 - disk_free_percent}; label {@code mount}. */
    public static final String DISK_USAGE = "disk_usage";
    /** Percent of a file system free for ordinary users; label {@code mount}. */
    public static final String DISK_FREE_PERCENT = "disk_free_percent";
    /** Bytes of a file system free for ordinary users (what {@code df} calls available); label {@code mount}. */
    public static final String DISK_FREE_BYTES = "disk_free_bytes";
    /** Size of a file system in bytes; label {@code mount}. */
    public static final String DISK_TOTAL_BYTES = "disk_total_bytes";
    /** Bytes read from a block device per second since the previous collection; label {@code disk}. */
    public static final String DISK_READ_BYTES_PER_SECOND = "disk_read_bytes_per_second";
    /** Bytes written to a block device per second since the previous collection; label {@code disk}. */
    public static final String DISK_WRITE_BYTES_PER_SECOND = "disk_write_bytes_per_second";

    /** Bytes received per second since the previous collection; label {@code interface}. */
    public static final String NETWORK_RECEIVE_BYTES_PER_SECOND = "network_receive_bytes_per_second";
    /** Bytes sent per second since the previous collection; label {@code interface}. */
    public static final String NETWORK_TRANSMIT_BYTES_PER_SECOND = "network_transmit_bytes_per_second";
    /** Receive errors per second since the previous collection; label {@code interface}. */
    public static final String NETWORK_RECEIVE_ERRORS_PER_SECOND = "network_receive_errors_per_second";
    /** Transmit errors per second since the previous collection; label {@code interface}. */
    public static final String NETWORK_TRANSMIT_ERRORS_PER_SECOND = "network_transmit_errors_per_second";

    /** The 1-minute load average (absent on Windows). */
    public static final String LOAD_AVERAGE_1M = "load_average_1m";
    /** The 5-minute load average. */
    public static final String LOAD_AVERAGE_5M = "load_average_5m";
    /** The 15-minute load average. */
    public static final String LOAD_AVERAGE_15M = "load_average_15m";

    /** Seconds since the host booted. */
    public static final String UPTIME_SECONDS = "uptime_seconds";
    /** Processes running on the host. */
    public static final String PROCESS_COUNT = "process_count";

    /** Label naming a file system by its mount point. */
    public static final String MOUNT_LABEL = "mount";
    /** Label naming a block device ({@code sda}, {@code nvme0n1}). */
    public static final String DISK_LABEL = "disk";
    /** Label naming a network interface. */
    public static final String INTERFACE_LABEL = "interface";

    private SystemMetrics() {
    }
}
