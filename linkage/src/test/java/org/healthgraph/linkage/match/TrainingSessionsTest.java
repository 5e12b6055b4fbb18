package org.healthgraph.linkage.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.healthgraph.linkage.match.synthetic.LinkageGenerator;
import org.healthgraph.linkage.match.synthetic.LinkageGenerator.Situation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-rule EM sessions on the register situation: a rule whose own keys (birth date; surname
 * sound and birth year) leave few fields to tell matches from strangers lets its EM take a cluster
 * of non-matches for the matches, more "matches" than the cohort has records.
 */
class TrainingSessionsTest {

    @TempDir
    Path dir;

    private static double m(LinkageModel model, String field, String level) {
        return model.table().stream().filter(r -> r.field().equals(field) && r.level().equals(level))
                .findFirst().orElseThrow().m();
    }

    @Test
    void aSessionThatExpectsMoreMatchesThanRecordsDoesNotSpoilTheMOfTheFieldsItEstimates() throws IOException {
        // seed 3: a test seed, neither the development seed of the benchmark nor its held-out ones
        LinkageGenerator.Generated g = LinkageGenerator.generate(Situation.REGISTER, 1_000_000, 1_000, 3, dir);
        LinkageModel model = Linkage.open(LinkageConfigs.read(g.config()), LinkageProgress.NONE).train();
        // the generator moves 12% of participants, 45% of them out of their département, and loses
        // 4% of postcodes: about 6% of matches disagree on the département
        assertThat(m(model, "code_postal", "else")).as("m(postcode else)").isLessThan(0.12);
        assertThat(m(model, "code_postal", "exact")).as("m(postcode exact)").isGreaterThan(0.8);
    }
}
