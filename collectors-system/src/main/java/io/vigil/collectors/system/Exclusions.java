package io.vigil.collectors.system;

import io.vigil.collectors.CollectorContext;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which file systems, disks and interfaces the system collector leaves out. The defaults drop
 * pseudo file systems (nothing to fill up), container and pod internals, loop and RAM devices and
 * the loopback interface; each list is replaced by its property, and an empty property switches
 * the list off.
 */
final class Exclusions {
    /** File system types without storage of their own; matched exactly, ignoring case. */
    static final List<String> DEFAULT_FS_TYPES = List.of(
            "autofs", "binfmt_misc", "bpf", "cgroup", "cgroup2", "configfs", "debugfs", "devfs", "devpts",
            "devtmpfs", "efivarfs", "fusectl", "hugetlbfs", "mqueue", "nsfs", "nullfs", "proc", "procfs",
            "pstore", "ramfs", "rpc_pipefs", "securityfs", "selinuxfs", "squashfs", "sysfs", "tracefs");
    /** Mount points whose whole tree is left out. */
    static final List<String> DEFAULT_MOUNTS = List.of(
            "/proc", "/sys", "/dev", "/run/credentials", "/var/lib/docker", "/var/lib/containers", "/var/lib/kubelet/pods");
    /** Device names (without {@code /dev/}); a trailing {@code *} matches a prefix. */
    static final List<String> DEFAULT_DEVICES = List.of("loop*", "ram*");
    /** Interface names; a trailing {@code *} matches a prefix. */
    static final List<String> DEFAULT_INTERFACES = List.of("lo");

    private final Set<String> fsTypes;
    private final List<String> mounts;
    private final List<String> devices;
    private final List<String> interfaces;

    Exclusions(List<String> fsTypes, List<String> mounts, List<String> devices, List<String> interfaces) {
        this.fsTypes = fsTypes.stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.mounts = mounts.stream().map(Exclusions::withoutTrailingSlash).collect(Collectors.toUnmodifiableList());
        this.devices = List.copyOf(devices);
        this.interfaces = List.copyOf(interfaces);
    }

    static Exclusions defaults() {
        return new Exclusions(DEFAULT_FS_TYPES, DEFAULT_MOUNTS, DEFAULT_DEVICES, DEFAULT_INTERFACES);
    }

    /** From the properties {@code exclude.fsTypes}, {@code exclude.mounts}, {@code exclude.devices}, {@code exclude.interfaces}. */
    static Exclusions from(CollectorContext context) {
        return new Exclusions(
                context.listProperty("exclude.fsTypes", DEFAULT_FS_TYPES),
                context.listProperty("exclude.mounts", DEFAULT_MOUNTS),
                context.listProperty("exclude.devices", DEFAULT_DEVICES),
                context.listProperty("exclude.interfaces", DEFAULT_INTERFACES));
    }

    boolean excludes(HostProbe.FileStore store) {
        return (store.type() != null && fsTypes.contains(store.type().toLowerCase(Locale.ROOT)))
                || underAny(store.mount())
                || (store.device() != null && matchesAny(devices, store.device()));
    }

    boolean excludesDisk(String name) {
        return matchesAny(devices, name);
    }

    boolean excludesInterface(String name) {
        return matchesAny(interfaces, name);
    }

    private boolean underAny(String mount) {
        for (String root : mounts) {
            if (root.equals("/") || mount.equals(root) || mount.startsWith(root + "/")) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAny(List<String> patterns, String name) {
        for (String p : patterns) {
            boolean matches = p.endsWith("*") ? name.startsWith(p.substring(0, p.length() - 1)) : name.equals(p);
            if (matches) {
                return true;
            }
        }
        return false;
    }

    private static String withoutTrailingSlash(String mount) {
        return mount.length() > 1 && mount.endsWith("/") ? mount.substring(0, mount.length() - 1) : mount;
    }
}
