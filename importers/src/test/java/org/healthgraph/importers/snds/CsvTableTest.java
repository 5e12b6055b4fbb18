package org.healthgraph.importers.snds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {

    @TempDir
    Path dir;

    private List<List<String>> rows(String content) throws IOException {
        Path f = dir.resolve("T.csv");
        Files.writeString(f, content, StandardCharsets.UTF_8);
        CsvTable t = new CsvTable(f, "T", Optional.empty(), Optional.empty(), List.of("A"));
        List<List<String>> out = new ArrayList<>();
        t.forEach(r -> {
            List<String> row = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) {
                row.add(r.get(i));
            }
            row.add("#" + r.getRecordNumber());
            out.add(row);
        });
        return out;
    }

    @Test
    void readsQuotedSeparatorsDoubledQuotesLineBreaksInQuotesAndCrlf() throws IOException {
        assertThat(rows("\uFEFFA;B;C\r\n1;\"x;y\";\"say \"\"hi\"\"\"\r\n\r\n 2 ;\"two\nlines\";\n3\n")).containsExactly(
                List.of("1", "x;y", "say \"hi\"", "#2"),
                List.of("2", "two\nlines", "", "#3"),
                List.of("3", "#4"));
    }

    @Test
    void aMissingColumnReadsAsEmptyAndHashesTellKeysApart() throws IOException {
        Path f = dir.resolve("K.csv");
        Files.writeString(f, "A,B\nab,c\na,bc\nab,c\n", StandardCharsets.UTF_8);
        CsvTable t = new CsvTable(f, "K", Optional.empty(), Optional.empty(), List.of("A", "B"));
        HashIndex index = new HashIndex(1);
        long[] h = new long[2];
        List<Integer> former = new ArrayList<>();
        int[] n = {0};
        t.forEach(r -> {
            assertThat(r.get(5)).isEmpty();
            r.hash(new int[] {t.column("A"), t.column("B")}, h);
            former.add(index.put(h[0], h[1], n[0]++));
        });
        assertThat(former).containsExactly(HashIndex.ABSENT, HashIndex.ABSENT, 0);
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void theIndexGrowsAndKeepsEveryKey() {
        HashIndex index = new HashIndex(4);
        for (int i = 0; i < 100_000; i++) {
            index.put(i * 31L, ~i, i);
        }
        assertThat(index.size()).isEqualTo(100_000);
        for (int i = 0; i < 100_000; i += 997) {
            assertThat(index.get(i * 31L, ~i)).isEqualTo(i);
        }
        assertThat(index.get(-5, 5)).isEqualTo(HashIndex.ABSENT);
    }
}
