package io.vigil.collectors.ipmi;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class PrivateDirectoryTest {

    @Test
    void onlyItsOwnerCanEnterOrReadAndCloseDeletesEverything() throws Exception {
        PrivateDirectory dir = PrivateDirectory.create("vigil-ipmi-test-");
        Path secret = dir.writeSecretFile("a.conf", "password x\n");
        Path sub = dir.directory("cache");
        Files.writeString(sub.resolve("nested"), "data");
        Path output = dir.newFile("stdout");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.path()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sub))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(output))).isEqualTo("rw-------");
        assertThat(dir.directory("cache")).as("asking again gives the same directory").isEqualTo(sub);

        dir.close();

        assertThat(Files.exists(dir.path())).isFalse();
        dir.close(); // closing twice is harmless
    }
}
