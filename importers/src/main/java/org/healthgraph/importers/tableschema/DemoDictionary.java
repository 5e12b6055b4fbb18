package org.healthgraph.importers.tableschema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The demonstration data dictionary shipped with healthgraph: three products (PATIENTS, SOINS_VILLE,
 * SEJOURS), five tables, five code lists, in French, in the Table Schema layout of schema-snds. Its
 * content is written for the demo (see its README); it is not a copy of the SNDS.
 */
public final class DemoDictionary {

    private static final String BASE = "/demo/dictionary/";

    private DemoDictionary() {
    }

    /** The files of the dictionary, relative to its root. */
    public static List<String> files() {
        try (InputStream index = open("index.txt")) {
            return new String(index.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("The demo dictionary's index cannot be read", e);
        }
    }

    /** Copies the dictionary into {@code dir} (created if needed) and returns {@code dir}, ready to import. */
    public static Path extractTo(Path dir) {
        try {
            for (String file : files()) {
                Path target = dir.resolve(file);
                Files.createDirectories(target.getParent());
                try (InputStream in = open(file)) {
                    Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the demo dictionary into " + dir, e);
        }
    }

    private static InputStream open(String file) throws IOException {
        InputStream in = DemoDictionary.class.getResourceAsStream(BASE + file);
        if (in == null) {
            throw new IOException("missing resource " + BASE + file);
        }
        return in;
    }
}
