package org.healthgraph.importers.documentation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The demo's documentation, bundled as resources: a few pages in French about the tables of the demo
 * dictionary ({@code DemoDictionary}), laid out as Documentation-SNDS (two thematic pages, two table
 * pages, three glossary pages). Written for the demo; not a copy of the SNDS documentation.
 */
public final class DemoDocumentation {

    private static final String BASE = "/demo/documentation/";

    private DemoDocumentation() {
    }

    /** The pages, relative to the folder's root. */
    public static List<String> files() {
        try (InputStream index = open("index.txt")) {
            return new String(index.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("The demo documentation's index cannot be read", e);
        }
    }

    /** Copies the pages into {@code dir} (created if needed) and returns {@code dir}, ready to import. */
    public static Path extractTo(Path dir) {
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
            throw new UncheckedIOException("Cannot write the demo documentation into " + dir, e);
        }
    }

    private static InputStream open(String file) throws IOException {
        InputStream in = DemoDocumentation.class.getResourceAsStream(BASE + file);
        if (in == null) {
            throw new IOException("missing resource " + BASE + file);
        }
        return in;
    }
}
