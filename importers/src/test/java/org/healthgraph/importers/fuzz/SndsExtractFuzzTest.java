package org.healthgraph.importers.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.healthgraph.importers.snds.SndsExtractImporter;
import org.healthgraph.importers.synthetic.SndsExtractGenerator;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SNDS extracts: a small generated extract (four patients) in which one file is replaced by the input;
 * the first byte chooses the file, the rest is its content.
 */
class SndsExtractFuzzTest {

    private static final Scratch SCRATCH = new Scratch("snds");
    private static final Path TEMPLATE = template();
    private static final List<Path> FILES = files(TEMPLATE);

    static Stream<byte[]> seeds() {
        return java.util.stream.IntStream.range(0, FILES.size()).mapToObj(i -> Seeds.prefixed(i, read(FILES.get(i))));
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void everySndsExtractIsReadOrRefusedClearly(byte[] input) {
        Path dir = SCRATCH.fresh();
        Path replaced = FILES.get(Seeds.choice(input) % FILES.size());
        for (Path f : FILES) {
            Scratch.write(dir, f.getFileName().toString(), f.equals(replaced) ? Seeds.body(input) : read(f));
        }
        byte[] body = Seeds.body(input);
        FuzzProperty.holds(body, () -> new SndsExtractImporter().read(dir)).ifPresent(extract ->
                FuzzProperty.messagesAreClean(extract.report().leftOut().stream().map(Object::toString).toList(), body));
    }

    private static Path template() {
        try {
            Path dir = Files.createTempDirectory("fuzz-snds-template");
            new SndsExtractGenerator(7).generate(4, dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
