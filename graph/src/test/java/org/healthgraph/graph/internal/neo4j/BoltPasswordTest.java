package org.healthgraph.graph.internal.neo4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.healthgraph.graph.GraphUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoltPasswordTest {

    @Test
    void aNewPasswordIsSavedOwnerOnlyAndReadBack(@TempDir Path home) throws Exception {
        BoltPassword made = BoltPassword.random();
        made.save(home);

        Path file = home.resolve(BoltPassword.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(BoltPassword.read(home)).map(BoltPassword::value).contains(made.value());
        assertThat(home.resolve(BoltPassword.FILE + ".tmp")).doesNotExist();
    }

    @Test
    void passwordsAre192RandomBitsAndNeverShownByToString() {
        BoltPassword one = BoltPassword.random();
        BoltPassword two = BoltPassword.random();

        assertThat(one.value()).matches("[A-Za-z0-9_-]{32}").isNotEqualTo(two.value());
        assertThat(one.toString()).doesNotContain(one.value()).contains("not shown");
    }

    @Test
    void thereIsNoPasswordInANewDataFolder(@TempDir Path home) {
        assertThat(BoltPassword.read(home)).isEmpty();
    }

    @Test
    void aPasswordFileReadableByOthersIsMadeOwnerOnly(@TempDir Path home) throws Exception {
        BoltPassword.random().save(home);
        Path file = home.resolve(BoltPassword.FILE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(BoltPassword.read(home)).isPresent();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aFileThisProgramDidNotWriteIsReportedByItsPathWithoutItsContent(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve(BoltPassword.FILE), "secret with spaces");

        assertThatThrownBy(() -> BoltPassword.read(home)).isInstanceOf(GraphUnavailableException.class)
                .hasMessageContaining(home.resolve(BoltPassword.FILE).toString())
                .hasMessageContaining("Delete it")
                .hasMessageNotContaining("secret");
    }
}
