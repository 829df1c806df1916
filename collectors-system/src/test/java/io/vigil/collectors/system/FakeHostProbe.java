package io.vigil.collectors.system;

import java.util.ArrayList;
import java.util.List;

/** Readings the test sets by hand; a part set to fail throws like a broken OSHI call would. */
final class FakeHostProbe implements HostProbe {
    CpuTicks cpuTicks = new CpuTicks(0, 0);
    Memory memory = new Memory(8_000, 2_000, 0, 0);
    List<FileStore> fileStores = new ArrayList<>();
    List<Disk> disks = new ArrayList<>();
    List<NetworkInterface> interfaces = new ArrayList<>();
    LoadAverage loadAverage = new LoadAverage(0.5, 0.25, 0.125);
    long uptimeSeconds = 3_600;
    int processCount = 42;
    String hostName = "fake-host";
    RuntimeException failure;
    String failingPart = "";

    private void maybeFail(String part) {
        if (part.equals(failingPart) || failingPart.equals("all")) {
            throw failure;
        }
    }

    void failPart(String part, RuntimeException e) {
        failingPart = part;
        failure = e;
    }

    @Override
    public CpuTicks cpuTicks() {
        maybeFail("cpu");
        return cpuTicks;
    }

    @Override
    public Memory memory() {
        maybeFail("memory");
        return memory;
    }

    @Override
    public List<FileStore> fileStores() {
        maybeFail("filesystems");
        return List.copyOf(fileStores);
    }

    @Override
    public List<Disk> disks() {
        maybeFail("disks");
        return List.copyOf(disks);
    }

    @Override
    public List<NetworkInterface> networkInterfaces() {
        maybeFail("network");
        return List.copyOf(interfaces);
    }

    @Override
    public LoadAverage loadAverage() {
        maybeFail("load");
        return loadAverage;
    }

    @Override
    public long uptimeSeconds() {
        maybeFail("os");
        return uptimeSeconds;
    }

    @Override
    public int processCount() {
        maybeFail("os");
        return processCount;
    }

    @Override
    public String hostName() {
        maybeFail("hostname");
        return hostName;
    }
}
