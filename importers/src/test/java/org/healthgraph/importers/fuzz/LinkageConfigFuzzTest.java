package org.healthgraph.importers.fuzz;

import java.nio.file.Path;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.healthgraph.linkage.match.LinkageConfigs;
import org.junit.jupiter.params.provider.MethodSource;

/** Linkage configurations: the first byte chooses the form (even: JSON, odd: YAML), the rest is the file. */
class LinkageConfigFuzzTest {

    private static final Scratch SCRATCH = new Scratch("linkage");

    static Stream<byte[]> seeds() {
        return Stream.of(
                Seeds.prefixed(1, Seeds.utf8("""
                        left:  {path: cohort.csv, id: id}
                        right: {path: national.csv, id: id, delimiter: ";"}
                        fields:
                          - {name: nom, type: name, termFrequency: true, leftColumn: nom, rightColumn: [nom, nom_usage],
                             levels: [exact, "damerau-levenshtein<=1", "jaro-winkler>=0.9", soundex-fr]}
                          - {name: sexe, type: exact}
                          - {name: date_naissance, type: date, format: yyyy-MM-dd, levels: [exact, day-month-swap, "within-days:31"]}
                          - {name: code_postal, type: code, levels: [exact, "prefix:2"]}
                          - {name: poids, leftColumn: weight_kg, rightColumn: POIDS, type: number, levels: [exact, "within:1"]}
                        blocking:
                          - {name: birth date, keys: [date_naissance]}
                          - [nom, sexe]
                          - {keys: ["nom|first:3", "date_naissance|yearmonth"]}
                        decision: {mode: one-to-one, threshold: 0.5}
                        training: {randomPairs: 1000, maxIterations: 10, seed: 42}
                        maxPairsPerRule: 2000000
                        threads: 2
                        """)),
                Seeds.prefixed(0, Seeds.utf8("""
                        {"left": {"path": "a.csv", "id": "id"}, "fields": [{"name": "nom", "type": "name"}],
                         "blocking": [["nom"]], "decision": {"mode": "cluster", "maxClusterSize": 20, "threshold": 0.9}}
                        """)));
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void everyLinkageConfigurationIsReadOrRefusedClearly(byte[] input) {
        byte[] body = Seeds.body(input);
        Path file = Scratch.write(SCRATCH.fresh(), Seeds.choice(input) % 2 == 0 ? "link.json" : "link.yaml", body);
        FuzzProperty.holds(body, () -> LinkageConfigs.read(file));
    }
}
