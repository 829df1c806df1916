package io.vigil.alerting.secrets;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretSealerTest {
    private static final byte[] KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 7);
    }

    @Property
    void openReturnsWhatWasSealed(@ForAll String plain, @ForAll String context) {
        SecretSealer sealer = SecretSealer.withKey(KEY);
        String sealed = sealer.seal(plain, context);
        assertThat(SecretSealer.isSealed(sealed)).isTrue();
        assertThat(sealer.open(sealed, context)).isEqualTo(plain);
    }

    @Test
    void sealedTextDoesNotContainThePlainText() {
        String sealed = SecretSealer.withKey(KEY).seal("hunter2-signing-secret", "channels.secret");
        assertThat(sealed).doesNotContain("hunter2");
    }

    @Test
    void sameSecretSealsDifferentlyEachTime() {
        SecretSealer sealer = SecretSealer.withKey(KEY);
        assertThat(sealer.seal("x", "")).isNotEqualTo(sealer.seal("x", ""));
    }

    @Test
    void anotherContextOrKeyDoesNotOpen() {
        SecretSealer sealer = SecretSealer.withKey(KEY);
        String sealed = sealer.seal("pw", "hosts.password");
        assertThatThrownBy(() -> sealer.open(sealed, "channels.secret")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not open");
        byte[] other = KEY.clone();
        other[0] = 1;
        assertThatThrownBy(() -> SecretSealer.withKey(other).open(sealed, "hosts.password"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void plainTextFromBeforeSealingReadsAsItIs() {
        assertThat(SecretSealer.withKey(KEY).open("legacy", "c")).isEqualTo("legacy");
        assertThat(SecretSealer.withKey(KEY).open(null, "c")).isNull();
    }

    @Test
    void keyFileIsCreatedOwnerOnlyAndReused(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("data").resolve("secrets.key");
        SecretSealer first = SecretSealer.fromKeyFile(keyFile);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile.getParent()))).isEqualTo("rwx------");
        String sealed = first.seal("s3cret", "ctx");
        assertThat(SecretSealer.fromKeyFile(keyFile).open(sealed, "ctx")).isEqualTo("s3cret");
    }

    @Test
    void aKeyFileReadableByOthersIsRefusedWithTheFix(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("secrets.key");
        SecretSealer.fromKeyFile(keyFile);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> SecretSealer.fromKeyFile(keyFile)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("chmod 600");
    }

    @Test
    void toStringHidesTheKey() {
        assertThat(SecretSealer.withKey(KEY).toString()).doesNotContain("7");
    }
}
