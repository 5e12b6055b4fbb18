package org.healthgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.healthgraph.app.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code healthgraph pseudonymise}, its rotation, and direct linkage on the pseudonyms, without a database. */
class PseudonymiseCommandTest {

    @TempDir
    Path dir;

    private final List<CliRun> runs = new ArrayList<>();

    private CliRun run(String... args) {
        CliRun r = CliRun.of(args);
        runs.add(r);
        return r;
    }

    private static byte[] newKey(Path file) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
        return key;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Neither the key's bytes nor its base64 or hex appear in any output file or anything printed. */
    private void assertKeyNowhere(byte[] key, Path... keyFiles) throws IOException {
        List<byte[]> forms = List.of(key, Base64.getEncoder().encode(key),
                HexFormat.of().formatHex(key).getBytes(StandardCharsets.US_ASCII),
                Base64.getEncoder().encodeToString(key).substring(0, 24).getBytes(StandardCharsets.US_ASCII));
        List<Path> keys = List.of(keyFiles);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !keys.contains(f)).toList()) {
                byte[] content = Files.readAllBytes(f);
                for (byte[] form : forms) {
                    assertThat(indexOf(content, form)).as("key in " + f.getFileName()).isEqualTo(-1);
                }
            }
        }
        for (CliRun r : runs) {
            for (byte[] form : forms) {
                byte[] printed = (r.out() + r.err()).getBytes(StandardCharsets.ISO_8859_1);
                assertThat(indexOf(printed, form)).as("key printed").isEqualTo(-1);
            }
        }
    }

    @Test
    void pseudonymisesBothFilesLinksThemDirectlyRotatesTheKeyAndNeverWritesIt() throws IOException {
        Path k1 = dir.resolve("k1.key");
        Path k2 = dir.resolve("k2.key");
        byte[] key1 = newKey(k1);
        byte[] key2 = newKey(k2);
        Files.writeString(dir.resolve("cohort-raw.csv"), """
                id,nir,birth_date,sex,diagnosis
                C1,185057800608436,1985-05-12,1,E11
                C2,285057800608436,12/05/1985,F,I21
                C3,190017500000012,1990-01-01,1,J45
                """);
        Files.writeString(dir.resolve("national-raw.csv"), """
                id;sex;nir;birth_date
                N1;M;1 85 05 78 006 084 36;19850512
                N2;2;2-85-05-78-006-084-36;1985-05-12
                N9;1;170017500000099;1970-01-01
                """);
        CliRun cohort = run("pseudonymise", "--key", k1.toString(), "--in", dir.resolve("cohort-raw.csv").toString(),
                "--columns", "nir,birth_date,sex", "--out", dir.resolve("cohort.csv").toString());
        assertThat(cohort.exit()).as(cohort.err()).isZero();
        assertThat(cohort.out()).contains("3 rows written", "identifying columns dropped", "fingerprints");
        assertThat(Files.readAllLines(dir.resolve("cohort.csv")).getFirst()).isEqualTo("id,pseudonym,diagnosis");
        CliRun national = run("pseudonymise", "--key", k1.toString(), "--in", dir.resolve("national-raw.csv").toString(),
                "--columns", "nir,birth_date,sex", "--delimiter", ";", "--out", dir.resolve("national.csv").toString());
        assertThat(national.exit()).as(national.err()).isZero();
        Files.writeString(dir.resolve("direct.yaml"), """
                left: {path: cohort.csv, id: id}
                right: {path: national.csv, id: id, delimiter: ";"}
                direct: {column: pseudonym}
                """);
        CliRun link = run("link", "--config", dir.resolve("direct.yaml").toString(), "--strategy", "direct",
                "--out", dir.resolve("links.csv").toString());
        assertThat(link.exit()).as(link.err()).isZero();
        assertThat(link.out()).contains("direct linkage on the pseudonym", "2 links written");
        List<String> links = Files.readAllLines(dir.resolve("links.csv"));
        assertThat(links).hasSize(3).anyMatch(l -> l.startsWith("C1,N1,")).anyMatch(l -> l.startsWith("C2,N2,"));

        // the key holder rotates: both files are re-pseudonymised without the identifiers
        for (String name : List.of("cohort", "national")) {
            List<String> args = new ArrayList<>(List.of("pseudonymise", "rotate", "--key", k1.toString(), "--new-key", k2.toString(),
                    "--in", dir.resolve(name + ".csv").toString(), "--out", dir.resolve(name + "-2.csv").toString()));
            if (name.equals("national")) {
                args.addAll(List.of("--delimiter", ";"));
            }
            CliRun rotate = run(args.toArray(String[]::new));
            assertThat(rotate.exit()).as(rotate.err()).isZero();
            assertThat(rotate.out()).contains("re-pseudonymised", "2 keys");
        }
        assertThat(Files.readString(dir.resolve("cohort-2.csv"))).isNotEqualTo(Files.readString(dir.resolve("cohort.csv")));
        Files.writeString(dir.resolve("direct-2.yaml"), Files.readString(dir.resolve("direct.yaml")).replace(".csv", "-2.csv"));
        CliRun again = run("link", "--config", dir.resolve("direct-2.yaml").toString(), "--strategy", "direct",
                "--out", dir.resolve("links-2.csv").toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("links-2.csv"))).isEqualTo(links);
        // new data pseudonymised with the whole chain links to the rotated files
        CliRun fresh = run("pseudonymise", "--key", k1.toString(), "--key", k2.toString(), "--in", dir.resolve("cohort-raw.csv").toString(),
                "--columns", "nir,birth_date,sex", "--out", dir.resolve("cohort-fresh.csv").toString());
        assertThat(fresh.exit()).as(fresh.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("cohort-fresh.csv"))).isEqualTo(Files.readAllLines(dir.resolve("cohort-2.csv")));

        assertKeyNowhere(key1, k1, k2);
        assertKeyNowhere(key2, k1, k2);
    }

    @Test
    void refusesToOverwriteAnOutputUnlessForcedAndNamesTheLineOfABadIdentifierWithoutItsValue() throws IOException {
        Path key = dir.resolve("k.key");
        byte[] k = newKey(key);
        Files.writeString(dir.resolve("in.csv"), "id,nir,birth_date,sex\nC1,185057800608436,1985-05-12,1\nC2,999,1985-05-12,1\n");
        Files.writeString(dir.resolve("out.csv"), "earlier work\n");
        CliRun refused = run("pseudonymise", "--key", key.toString(), "--in", dir.resolve("in.csv").toString(),
                "--columns", "nir,birth_date,sex", "--out", dir.resolve("out.csv").toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("already exists", "--force");
        assertThat(Files.readString(dir.resolve("out.csv"))).isEqualTo("earlier work\n");
        CliRun bad = run("pseudonymise", "--key", key.toString(), "--in", dir.resolve("in.csv").toString(),
                "--columns", "nir,birth_date,sex", "--out", dir.resolve("out.csv").toString(), "--force");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("in.csv line 3", "nationalId").doesNotContain("999").doesNotContain("\tat ");
        assertThat(Files.readString(dir.resolve("out.csv"))).isEqualTo("earlier work\n");
        CliRun allowed = run("pseudonymise", "--key", key.toString(), "--in", dir.resolve("in.csv").toString(),
                "--columns", "nir,birth_date,sex", "--out", dir.resolve("out.csv").toString(), "--force", "--allow-invalid");
        assertThat(allowed.exit()).as(allowed.err()).isZero();
        assertThat(allowed.out()).contains("1 rows had invalid identifiers");
        CliRun usage = run("pseudonymise", "--key", key.toString(), "--columns", "nir,birth_date,sex");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("--in");
        assertKeyNowhere(k, key);
    }
}
