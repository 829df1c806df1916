package io.vigil.alerting.secrets;

import io.vigil.alerting.api.Secret;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;

/**
 * Encrypts secrets that must be stored (webhook signing secrets, SMTP, BMC and SSH passwords) with
 * AES-256-GCM under a key kept apart from the database, so a copied database file alone reveals
 * nothing. A sealed value is text: {@value #PREFIX} followed by base64 of a random 12-byte nonce and
 * the ciphertext with its 16-byte tag. The optional {@code context} (for example a table and column
 * name) is bound as associated data, so a sealed value moved to another column does not open.
 *
 * <p>Thread-safe: each call makes its own {@link Cipher}.
 */
public final class SecretSealer {
    /** Marks a sealed value, so stored text can be told apart from a value written before sealing existed. */
    public static final String PREFIX = "sealed:v1:";

    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    private SecretSealer(byte[] keyBytes) {
        if (keyBytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("a sealing key is " + KEY_BYTES + " bytes, not " + keyBytes.length);
        }
        this.key = new SecretKeySpec(keyBytes.clone(), "AES");
    }

    /** A sealer over a key given directly (tests, or a key taken from a secret manager). */
    public static SecretSealer withKey(byte[] keyBytes) {
        Objects.requireNonNull(keyBytes, "keyBytes");
        return new SecretSealer(keyBytes);
    }

    /**
     * The sealer whose key is in {@code keyFile}, creating the file with a new random key on first
     * use. The file is written owner-only (0600) before any key byte goes in, and its folder is made
     * owner-only (0700) when this call creates it. An existing key file readable by others is refused,
     * because the key would no longer be apart from whoever can read the data folder.
     */
    public static SecretSealer fromKeyFile(Path keyFile) {
        Objects.requireNonNull(keyFile, "keyFile");
        try {
            Path dir = keyFile.toAbsolutePath().getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                restrict(dir, OWNER_ONLY_DIR);
            }
            if (!Files.exists(keyFile, LinkOption.NOFOLLOW_LINKS)) {
                byte[] fresh = newKey();
                try {
                    writeOwnerOnly(keyFile, Base64.getEncoder().encode(fresh));
                    return new SecretSealer(fresh);
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: read theirs below
                } finally {
                    Arrays.fill(fresh, (byte) 0);
                }
            }
            refuseIfShared(keyFile);
            byte[] text = Files.readAllBytes(keyFile);
            byte[] keyBytes;
            try {
                keyBytes = Base64.getDecoder().decode(new String(text, StandardCharsets.US_ASCII).trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("the key file " + keyFile + " is not base64; restore it from a backup"
                        + " (secrets sealed with the lost key cannot be opened and must be entered again)");
            }
            if (keyBytes.length != KEY_BYTES) {
                throw new IllegalStateException("the key file " + keyFile + " holds " + keyBytes.length
                        + " bytes, not " + KEY_BYTES + "; restore it from a backup");
            }
            return new SecretSealer(keyBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the key file " + keyFile, e);
        }
    }

    /** Whether stored text is a sealed value (rather than plain text from before sealing). */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** Seals {@code plain}, binding {@code context} (may be empty) as associated data. */
    public String seal(String plain, String context) {
        Objects.requireNonNull(plain, "plain");
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** Seals a {@link Secret}; {@code null} stays {@code null}. */
    public String seal(Secret secret, String context) {
        return secret == null ? null : seal(secret.reveal(), context);
    }

    /**
     * Opens a value made by {@link #seal}. Text without the {@link #PREFIX} is returned as it is, so
     * values stored before sealing was introduced still read (and are sealed on their next write).
     *
     * @throws IllegalStateException when the value was sealed under another key or context, or altered
     */
    public String open(String stored, String context) {
        if (stored == null || !isSealed(stored)) {
            return stored;
        }
        byte[] all;
        try {
            all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("a sealed secret is damaged (not base64); enter the secret again");
        }
        if (all.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("a sealed secret is damaged (too short); enter the secret again");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(all, NONCE_BYTES), context);
            byte[] plain = cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("a sealed secret does not open with this key: the key file was replaced,"
                    + " or the value was altered or moved; restore the key file or enter the secret again");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** Opens a sealed value into a {@link Secret}; {@code null} stays {@code null}. */
    public Secret openSecret(String stored, String context) {
        String plain = open(stored, context);
        return plain == null ? null : Secret.of(plain);
    }

    @Override
    public String toString() {
        return "SecretSealer[AES-256-GCM, key hidden]";
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        if (context != null && !context.isEmpty()) {
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        }
        return cipher;
    }

    private static byte[] newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(KEY_BYTES * 8, new SecureRandom());
            return generator.generateKey().getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is not available in this JVM", e);
        }
    }

    /** Creates the file owner-only before writing, so the key is never readable by others, not even briefly. */
    private static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        boolean posix = Files.getFileAttributeView(file.toAbsolutePath().getParent(), PosixFileAttributeView.class) != null;
        if (posix) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        } else {
            Files.createFile(file);
        }
        Files.write(file, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
    }

    private static void refuseIfShared(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> perms = view.readAttributes().permissions();
        for (PosixFilePermission p : perms) {
            if (!p.name().startsWith("OWNER_")) {
                throw new IllegalStateException("the key file " + file + " can be read by others ("
                        + PosixFilePermissions.toString(perms) + "); run: chmod 600 " + file);
            }
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> perms) throws IOException {
        if (Files.getFileAttributeView(path, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(path, perms);
        }
    }
}
