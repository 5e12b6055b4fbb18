package org.healthgraph.linkage.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.healthgraph.linkage.match.synthetic.LinkageGenerator;
import org.healthgraph.linkage.match.synthetic.LinkageGenerator.Situation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on the register situation (1,000 participants against 1,000,000 people): the per-rule
 * EM sessions and the refinement of m. A rule whose own keys (birth date; surname sound and birth
 * year) leave few fields to tell matches from strangers lets its EM take a cluster of non-matches
 * for the matches, more "matches" than the cohort has records; and the refinement's near-certain
 * sample must be reachable with one field of five left out. An IT for its cost: the flaw shows only
 * at a national file of a million people (16-28 s to generate and train), not at 200,000.
 */
class TrainingSessionsIT {

    @TempDir
    static Path dir;

    private static LinkageModel model;

    @BeforeAll
    static void train() throws IOException {
        // seed 3: a test seed, neither the development seed of the benchmark nor its held-out ones
        LinkageGenerator.Generated g = LinkageGenerator.generate(Situation.REGISTER, 1_000_000, 1_000, 3, dir);
        model = Linkage.open(LinkageConfigs.read(g.config()), LinkageProgress.NONE).train();
    }

    private static double m(String field, String level) {
        return model.table().stream().filter(r -> r.field().equals(field) && r.level().equals(level))
                .findFirst().orElseThrow().m();
    }

    @Test
    void aSessionThatExpectsMoreMatchesThanRecordsDoesNotSpoilTheMOfTheFieldsItEstimates() {
        // the generator moves 12% of participants, 45% of them out of their département, and loses
        // 4% of postcodes: about 5% of matches with a postcode disagree on the département
        assertThat(m("code_postal", "else")).as("m(postcode else)").isLessThan(0.12);
        assertThat(m("code_postal", "exact")).as("m(postcode exact)").isGreaterThan(0.8);
    }

    @Test
    void theRefinementReachesTheMatchesWhenOneFieldOfFiveIsLeftOut() {
        // refined among the record-level near-certain matches: close to the generator's 5%
        assertThat(m("code_postal", "else")).as("m(postcode else)").isBetween(0.03, 0.07);
        // 2% of participants swapped their name columns
        assertThat(m("nom", "reversed:prenom")).as("m(surname reversed)").isBetween(0.01, 0.03);
    }

    @Test
    void aWomansSurnameDiffersAmongMatchesFarMoreOftenThanAMansSoTheSurnamesMIsGivenTheSex() {
        // the generator gives 25% of women a married name (and 3% a double name), men none
        LinkageModel.FieldModel surname = model.fields().stream().filter(f -> f.name().equals("nom")).findFirst().orElseThrow();
        assertThat(surname.mGiven()).contains("sexe");
        int otherwise = surname.levels().size() - 1;
        double women = surname.mByValue().get("2").get(otherwise);
        double men = surname.mByValue().get("1").get(otherwise);
        assertThat(women).as("m(surname else | woman)").isBetween(0.15, 0.35);
        assertThat(men).as("m(surname else | man)").isLessThan(women / 4);
        // the field's own m (every match) lies between
        assertThat(m("nom", "else")).isBetween(men, women);
        // a weight per value: a man's surname disagreement is stronger evidence against a match
        assertThat(model.valueTable()).anySatisfy(r -> {
            assertThat(r.field()).isEqualTo("nom");
            assertThat(r.value()).isEqualTo("1");
            assertThat(r.level()).isEqualTo("else");
            assertThat(r.weight()).isLessThan(model.table().stream()
                    .filter(t -> t.field().equals("nom") && t.level().equals("else")).findFirst().orElseThrow().weight() - 2);
        });
    }
}
