package io.vigil.collectors.ipmi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A temporary directory only this user can enter (0700), for the files the tools need: FreeIPMI
 * credential files (0600, created with that mode, never widened), SDR caches and captured
 * output. Closing deletes it with everything in it.
 */
final class PrivateDirectory implements AutoCloseable {
    private static final FileAttribute<Set<PosixFilePermission>> DIRECTORY_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final FileAttribute<Set<PosixFilePermission>> FILE_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path root;

    private PrivateDirectory(Path root) {
        this.root = root;
    }

    /**
     * Creates the directory under the system's temporary directory.
     *
     * @throws UnsupportedOperationException on a file system without POSIX permissions
     */
    static PrivateDirectory create(String prefix) throws IOException {
        return new PrivateDirectory(Files.createTempDirectory(prefix, DIRECTORY_MODE));
    }

    Path path() {
        return root;
    }

    /** Creates {@code name} with mode 0600 from the start and writes {@code content} into it. */
    Path writeSecretFile(String name, String content) throws IOException {
        Path file = Files.createFile(root.resolve(name), FILE_MODE);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /** Creates (once) a subdirectory with mode 0700. */
    Path directory(String name) throws IOException {
        Path dir = root.resolve(name);
        if (!Files.isDirectory(dir)) {
            Files.createDirectory(dir, DIRECTORY_MODE);
        }
        return dir;
    }

    /** Creates a new, empty file with mode 0600 and a unique name. */
    Path newFile(String prefix) throws IOException {
        return Files.createTempFile(root, prefix, ".out", FILE_MODE);
    }

    /** Deletes the directory and everything in it. */
    @Override
    public void close() {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
    }
}
