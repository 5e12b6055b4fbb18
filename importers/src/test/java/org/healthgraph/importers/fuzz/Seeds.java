package org.healthgraph.importers.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Seed inputs: small valid files written here, and the smallest files of the real SNDS dictionary
 * ({@code ../shared/schema-snds}), read at test time when it is there (never copied into the project).
 */
final class Seeds {

    private Seeds() {
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code body} after one byte that chooses what a target does with it. */
    static byte[] prefixed(int first, byte[] body) {
        byte[] out = new byte[body.length + 1];
        out[0] = (byte) first;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    /** The input without its first byte. */
    static byte[] body(byte[] input) {
        return input.length == 0 ? input : java.util.Arrays.copyOfRange(input, 1, input.length);
    }

    /** The first byte, unsigned (0 for the empty input). */
    static int choice(byte[] input) {
        return input.length == 0 ? 0 : input[0] & 0xff;
    }

    /** The {@code count} smallest files under {@code schema-snds/<folder>} whose names end in {@code suffix}. */
    static List<byte[]> fromSchemaSnds(String folder, String suffix, int count) {
        Optional<Path> root = schemaSnds();
        if (root.isEmpty()) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root.get().resolve(folder))) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p))
                    .sorted(Comparator.comparingLong(Seeds::size).thenComparing(Path::toString))
                    .limit(count).map(Seeds::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> schemaSnds() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve("schema-snds");
            if (Files.isDirectory(candidate.resolve("schemas"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
