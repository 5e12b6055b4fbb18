package org.healthgraph.importers.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A folder of the test JVM where each input is written as the file a reader expects; emptied per input. */
final class Scratch {

    private final Path root;

    Scratch(String name) {
        try {
            root = Files.createTempDirectory("fuzz-" + name);
            FuzzProperty.SCRATCH_ROOTS.add(root.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::clear, "fuzz-scratch-cleanup"));
    }

    /** An empty folder for the next input. */
    Path fresh() {
        clear();
        try {
            return Files.createDirectories(root.resolve("in"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code bytes} at {@code relative} under {@code dir}, creating its folders. */
    static Path write(Path dir, String relative, byte[] bytes) {
        try {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void clear() {
        Path in = root.resolve("in");
        if (!Files.exists(in)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(in)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
