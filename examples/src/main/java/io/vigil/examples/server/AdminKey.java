package io.vigil.examples.server;

import io.vigil.alerting.api.Secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The admin API key the server generates on its first start when none is configured. It is kept
 * in {@value #FILE_NAME} in the data directory, readable by its owner only, and read from there on
 * later starts.
 *
 * <p>Why the key itself and not a hash: the HTTP adapter compares presented keys with configured
 * ones ({@code HttpOptions.apiKey(Secret, ...)}), so the server must hand it the key. The file is
 * what Jenkins' {@code initialAdminPassword} is: owner-only, and replaced by configuring
 * {@code auth.adminApiKey}.
 *
 * @param key     the key
 * @param file    where it is kept
 * @param created whether this start generated it (then, and only then, it is printed)
 */
record AdminKey(Secret key, Path file, boolean created) {
    static final String FILE_NAME = "admin-api-key";
    static final String PREFIX = "vgl_";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /**
     * Reads the stored key, or generates one that is not stored yet: the server {@link #keep()}s it
     * once it has started, so a start that fails never leaves behind a key nobody was shown.
     */
    static AdminKey loadOrGenerate(Path dataDir, SecureRandom random) {
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            try {
                return new AdminKey(read(file), file, false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the admin API key in " + file, e);
            }
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return new AdminKey(Secret.of(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)), file, true);
    }

    /** Stores a generated key (readable by its owner only); nothing to do for a key that was read. */
    void keep() {
        if (!created) {
            return;
        }
        try {
            write(file, key.reveal());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the admin API key in " + file, e);
        }
    }

    private static Secret read(Path file) throws IOException {
        String key = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (key.length() < 16 || key.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new IOException("the file does not hold an API key; delete it to generate a new one,"
                    + " or configure auth.adminApiKey");
        }
        return Secret.of(key);
    }

    /** Writes the key to a private temporary file first, so the key is never readable by others, even briefly. */
    private static void write(Path file, String key) throws IOException {
        Path temp = file.resolveSibling(FILE_NAME + ".tmp");
        Files.deleteIfExists(temp);
        if (Files.getFileStore(file.getParent()).supportsFileAttributeView("posix")) {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(temp);
        }
        Files.writeString(temp, key + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file);
        }
    }
}
