package org.healthgraph.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFolderLockTest {

    @Test
    void aNewDataFolderAndItsLockFileAreOwnerOnly(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("a").resolve("data");

        DataFolderLock.acquire(dir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(DataFolderLock.FILE))))
                .isEqualTo("rw-------");
        assertThat(DataFolderLock.isHeld(dir)).isTrue();
    }

    @Test
    void anExistingWorldReadableDataFolderIsMadeOwnerOnly(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

        DataFolderLock.acquire(dir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    }

    @Test
    void takingTheLockTwiceInOneProcessIsHarmless(@TempDir Path dir) {
        DataFolderLock.acquire(dir);
        DataFolderLock.acquire(dir.resolve(".").resolve(""));

        assertThat(DataFolderLock.isHeld(dir)).isTrue();
    }
}
