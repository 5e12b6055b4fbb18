package org.healthgraph.importers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.healthgraph.graph.ErrorKind;

/**
 * The files of a folder given to an import, with the rule that they stay inside it: a symbolic link
 * (to a file or a folder) that resolves outside the folder is refused, naming the link, never read.
 * Without this rule a link to {@code /etc/passwd} was read and its first line printed in an error.
 */
public final class InputTree {

    /** The rule, as error messages state it. */
    public static final String RULE = "the files of an import stay inside the folder given; a symbolic link that"
            + " leads outside it is refused";

    private InputTree() {
    }

    /**
     * The regular files under {@code root} (at any depth) that {@code keep} accepts, sorted; fails on
     * the first symbolic link (among them, or a folder on the way) that leads outside {@code root}.
     */
    public static List<Path> files(Path root, Predicate<Path> keep) {
        Path real = realRoot(root);
        try (Stream<Path> all = Files.walk(root)) {
            List<Path> out = all.filter(p -> !p.equals(root)).filter(keep).sorted().toList();
            for (Path p : out) {
                checkInside(root, real, p);
            }
            return out.stream().filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new ImportException(ErrorKind.INVALID_INPUT, "cannot list " + root + " (" + e.getClass().getSimpleName()
                    + ")", e);
        }
    }

    /** The regular files directly in {@code root} that {@code keep} accepts, sorted; same rule. */
    public static List<Path> filesIn(Path root, Predicate<Path> keep) {
        Path real = realRoot(root);
        try (Stream<Path> all = Files.list(root)) {
            List<Path> out = all.filter(keep).sorted().toList();
            for (Path p : out) {
                checkInside(root, real, p);
            }
            return out.stream().filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new ImportException(ErrorKind.INVALID_INPUT, "cannot list " + root + " (" + e.getClass().getSimpleName()
                    + ")", e);
        }
    }

    /** Fails when {@code file} (under {@code root}) resolves to a place outside {@code root}. */
    public static void checkInside(Path root, Path file) {
        checkInside(root, realRoot(root), file);
    }

    private static void checkInside(Path root, Path realRoot, Path file) {
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            throw new ImportException(ErrorKind.INVALID_INPUT, file + " cannot be resolved (" + e.getClass().getSimpleName()
                    + "): " + RULE, e);
        }
        if (!real.startsWith(realRoot)) {
            throw new ImportException(root.relativize(file) + " in " + root + " is a symbolic link that leads outside the"
                    + " folder: refused (" + RULE + ")");
        }
    }

    private static Path realRoot(Path root) {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            throw new ImportException(ErrorKind.INVALID_INPUT, root + " does not exist or cannot be read ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }
}
