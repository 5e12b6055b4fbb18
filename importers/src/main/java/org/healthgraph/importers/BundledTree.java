package org.healthgraph.importers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A folder shipped as class-path resources (the demo's dictionary and documentation): the files an
 * {@code index.txt} under its base lists, copied out to a real folder so that the same importers as
 * for a user's folder read it.
 *
 * @param base the resources' folder, such as {@code /demo/dictionary/}
 * @param what what it is, for error messages ("the demo dictionary")
 */
public record BundledTree(String base, String what) {

    /** The files, relative to the folder's root. */
    public List<String> files() {
        try (InputStream index = open("index.txt")) {
            return new String(index.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(what + "'s index cannot be read", e);
        }
    }

    /** Copies the files into {@code dir} (created if needed) and returns {@code dir}, ready to import. */
    public Path extractTo(Path dir) {
        try {
            for (String file : files()) {
                Path target = dir.resolve(file);
                Files.createDirectories(target.getParent());
                try (InputStream in = open(file)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + what + " into " + dir, e);
        }
    }

    private InputStream open(String file) throws IOException {
        InputStream in = BundledTree.class.getResourceAsStream(base + file);
        if (in == null) {
            throw new IOException("missing resource " + base + file);
        }
        return in;
    }
}
