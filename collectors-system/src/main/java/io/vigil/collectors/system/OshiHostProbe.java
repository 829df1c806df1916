package io.vigil.collectors.system;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.CentralProcessor.TickType;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;
import oshi.hardware.VirtualMemory;
import oshi.software.os.OSFileStore;
import oshi.software.os.OperatingSystem;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the host through OSHI. Devices and file systems are listed afresh on every call: OSHI's
 * own refresh of a cached list costs as much as listing again, and a fresh list notices a new
 * mount, disk or interface.
 */
final class OshiHostProbe implements HostProbe {
    private final CentralProcessor processor;
    private final GlobalMemory memory;
    private final HardwareAbstractionLayer hardware;
    private final OperatingSystem os;
    private final boolean localFileSystemsOnly;

    /**
     * @param localFileSystemsOnly leave out network file systems (NFS, CIFS), whose space query can
     *                             hang for as long as the server is unreachable
     * @throws UnsupportedOperationException if OSHI does not support this operating system
     */
    OshiHostProbe(boolean localFileSystemsOnly) {
        SystemInfo info = new SystemInfo();
        this.hardware = info.getHardware();
        this.os = info.getOperatingSystem();
        this.processor = hardware.getProcessor();
        this.memory = hardware.getMemory();
        this.localFileSystemsOnly = localFileSystemsOnly;
    }

    @Override
    public CpuTicks cpuTicks() {
        long[] ticks = processor.getSystemCpuLoadTicks();
        long total = 0;
        for (long t : ticks) {
            total += t;
        }
        long idle = ticks[TickType.IDLE.getIndex()] + ticks[TickType.IOWAIT.getIndex()];
        return new CpuTicks(idle, total);
    }

    @Override
    public Memory memory() {
        VirtualMemory virtual = memory.getVirtualMemory();
        return new Memory(memory.getTotal(), memory.getAvailable(), virtual.getSwapTotal(), virtual.getSwapUsed());
    }

    @Override
    public List<FileStore> fileStores() {
        List<OSFileStore> stores = os.getFileSystem().getFileStores(localFileSystemsOnly);
        List<FileStore> result = new ArrayList<>(stores.size());
        for (OSFileStore s : stores) {
            result.add(new FileStore(s.getMount(), s.getType(), withoutDevPrefix(s.getVolume()),
                    s.getTotalSpace(), s.getUsableSpace()));
        }
        return result;
    }

    @Override
    public List<Disk> disks() {
        List<HWDiskStore> disks = hardware.getDiskStores();
        List<Disk> result = new ArrayList<>(disks.size());
        for (HWDiskStore d : disks) {
            result.add(new Disk(withoutDevPrefix(d.getName()), d.getReadBytes(), d.getWriteBytes()));
        }
        return result;
    }

    @Override
    public List<NetworkInterface> networkInterfaces() {
        List<NetworkIF> interfaces = hardware.getNetworkIFs(true);
        List<NetworkInterface> result = new ArrayList<>(interfaces.size());
        for (NetworkIF n : interfaces) {
            result.add(new NetworkInterface(n.getName(), n.getBytesSent(), n.getBytesRecv(), n.getInErrors(), n.getOutErrors()));
        }
        return result;
    }

    @Override
    public LoadAverage loadAverage() {
        double[] load = processor.getSystemLoadAverage(3);
        if (load.length < 3 || load[0] < 0 || load[1] < 0 || load[2] < 0) {
            return null; // OSHI's way of saying the platform has none
        }
        return new LoadAverage(load[0], load[1], load[2]);
    }

    @Override
    public long uptimeSeconds() {
        return os.getSystemUptime();
    }

    @Override
    public int processCount() {
        return os.getProcessCount();
    }

    @Override
    public String hostName() {
        return os.getNetworkParams().getHostName();
    }

    static String withoutDevPrefix(String device) {
        return device != null && device.startsWith("/dev/") ? device.substring("/dev/".length()) : device;
    }
}
