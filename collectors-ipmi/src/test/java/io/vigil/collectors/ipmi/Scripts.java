package io.vigil.collectors.ipmi;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Shell scripts standing in for IPMI tools, and ways to watch what they did. */
final class Scripts {
    private Scripts() {
    }

    /** Writes an executable {@code /bin/sh} script. */
    static Path write(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    /**
     * A script that writes its pid to {@code <dir>/<name>.pid}, starts a {@code sleep} child whose
     * pid goes to {@code <dir>/<name>.child}, and waits for it: a hung tool with a descendant.
     */
    static String hangBody(Path dir, String name) {
        return "sleep 300 &\n"
                + "echo $! > '" + dir.resolve(name + ".child.tmp") + "' && mv '" + dir.resolve(name + ".child.tmp") + "' '" + dir.resolve(name + ".child") + "'\n"
                + "echo $$ > '" + dir.resolve(name + ".pid.tmp") + "' && mv '" + dir.resolve(name + ".pid.tmp") + "' '" + dir.resolve(name + ".pid") + "'\n"
                + "wait\n";
    }

    /** Waits (on file system events, not by sleeping) until {@code file} exists. */
    static boolean awaitFile(Path file, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            file.getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            while (!Files.exists(file)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                WatchKey key = watch.poll(left, TimeUnit.NANOSECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
            return true;
        }
    }

    static long pid(Path file) throws IOException {
        return Long.parseLong(Files.readString(file).trim());
    }

    /** Whether the process has ended within {@code timeout} (waiting on its exit, not sleeping). */
    static boolean ended(long pid, Duration timeout) throws Exception {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return true;
        }
        try {
            handle.get().onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
    }
}
