package org.healthgraph.importers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.healthgraph.graph.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputTreeTest {

    @TempDir
    Path root;

    @TempDir
    Path outside;

    private static boolean json(Path p) {
        return p.getFileName().toString().endsWith(".json");
    }

    @Test
    void listsTheFilesOfTheTreeWithLinksThatStayInside() throws IOException {
        Files.createDirectories(root.resolve("a/b"));
        Path real = Files.writeString(root.resolve("a/b/t.json"), "{}");
        Files.writeString(root.resolve("a/readme.md"), "");
        Files.createSymbolicLink(root.resolve("a/link.json"), real);

        assertThat(InputTree.files(root, InputTreeTest::json)).extracting(p -> root.relativize(p).toString())
                .containsExactly("a/b/t.json", "a/link.json");
        assertThat(InputTree.filesIn(root.resolve("a"), InputTreeTest::json)).hasSize(1);
    }

    @Test
    void refusesALinkToAFileOutsideTheTreeNamingItAndTheRule() throws IOException {
        Files.createDirectories(root.resolve("tables"));
        Path secret = Files.writeString(outside.resolve("passwd.json"), "root:x:0:0:root:/root:/bin/bash");
        Files.createSymbolicLink(root.resolve("tables/t.json"), secret);

        assertThatThrownBy(() -> InputTree.files(root, InputTreeTest::json)).isInstanceOf(ImportException.class)
                .hasMessageContaining("tables/t.json in " + root).hasMessageContaining(InputTree.RULE)
                .hasMessageNotContaining("root:x")
                .satisfies(e -> assertThat(((ImportException) e).kind()).isEqualTo(ErrorKind.INVALID_INPUT));
        assertThatThrownBy(() -> InputTree.filesIn(root.resolve("tables"), InputTreeTest::json))
                .hasMessageContaining("symbolic link that leads outside the folder");
    }

    @Test
    void aLinkToAFolderOutsideTheTreeIsNeitherFollowedNorRead() throws IOException {
        Files.writeString(outside.resolve("secret.json"), "{}");
        Files.createSymbolicLink(root.resolve("elsewhere"), outside);

        assertThat(InputTree.files(root, InputTreeTest::json)).isEmpty();
        Path viaLink = root.resolve("elsewhere/secret.json");
        assertThatThrownBy(() -> InputTree.checkInside(root, viaLink)).hasMessageContaining(InputTree.RULE);
    }
}
