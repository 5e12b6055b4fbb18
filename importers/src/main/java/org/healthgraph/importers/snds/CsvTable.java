package org.healthgraph.importers.snds;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One table file of an extract: separator and encoding detected from its start unless given,
 * columns looked up by name (case-insensitive), unknown columns ignored, required ones checked.
 */
final class CsvTable {

    private final Path file;
    private final String table;
    private final char separator;
    private final Charset charset;
    private final Map<String, Integer> columns = new HashMap<>();

    CsvTable(Path file, String table, Optional<Character> separator, Optional<Charset> charset, List<String> required) {
        this.file = file;
        this.table = table;
        try {
            byte[] head = readHead(file);
            this.charset = charset.orElseGet(() -> detectCharset(head));
            String firstLine = new String(head, this.charset).lines().findFirst().orElse("");
            this.separator = separator.orElseGet(() -> count(firstLine, ';') >= count(firstLine, ',') ? ';' : ',');
            String[] names = firstLine.replace("\uFEFF", "").split(java.util.regex.Pattern.quote(String.valueOf(this.separator)), -1);
            for (int i = 0; i < names.length; i++) {
                columns.put(names[i].trim().replace("\"", "").toUpperCase(Locale.ROOT), i);
            }
        } catch (IOException e) {
            throw new SndsImportException("cannot read " + table + " (" + file.getFileName() + "): " + e.getMessage(), e);
        }
        List<String> missing = required.stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new SndsImportException(table + " (" + file.getFileName() + ") lacks required column(s) "
                    + String.join(", ", missing) + "; its columns are " + Arrays.toString(columns.keySet().stream().sorted().toArray()));
        }
    }

    String table() {
        return table;
    }

    /** The position of a column, or -1 when the file lacks it. */
    int column(String name) {
        return columns.getOrDefault(name, -1);
    }

    /** Calls {@code row} with every data line; returns the number of lines. */
    long forEach(Consumer<CSVRecord> row) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(separator).setIgnoreEmptyLines(true)
                .setTrim(true).get();
        try (Reader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), charset), 1 << 16);
             CSVParser parser = CSVParser.parse(reader, format)) {
            long n = 0;
            boolean header = true;
            for (CSVRecord r : parser) {
                if (header) {
                    header = false;
                    continue;
                }
                row.accept(r);
                n++;
            }
            return n;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new SndsImportException("cannot read " + table + " (" + file.getFileName() + "): " + e.getMessage(), e);
        }
    }

    static String get(CSVRecord r, int column) {
        return column < 0 || column >= r.size() ? "" : r.get(column);
    }

    private static byte[] readHead(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(1 << 16);
        }
    }

    private static Charset detectCharset(byte[] head) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(head, 0, lastCompleteUtf8(head)));
            return StandardCharsets.UTF_8;
        } catch (CharacterCodingException e) {
            return Charset.forName("windows-1252");
        }
    }

    /** Avoids cutting a multi-byte character at the end of the sample. */
    private static int lastCompleteUtf8(byte[] b) {
        int end = b.length;
        int back = 0;
        while (end - back - 1 >= 0 && back < 4 && (b[end - back - 1] & 0xC0) == 0x80) {
            back++;
        }
        if (end - back - 1 >= 0 && (b[end - back - 1] & 0x80) != 0) {
            return end - back - 1;
        }
        return end;
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(x -> x == c).count();
    }
}
