package org.healthgraph.app.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The temporary folders the demo's built-in data is copied into before its import. */
final class DemoFolders {

    private DemoFolders() {
    }

    /** Deletes a temporary folder and what it holds; what cannot be deleted is left for the system to clean. */
    static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: left for the system to clean
        }
    }
}
