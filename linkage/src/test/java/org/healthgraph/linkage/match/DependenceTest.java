package org.healthgraph.linkage.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.healthgraph.linkage.match.LinkageModel.FieldModel;
import org.healthgraph.linkage.match.LinkageModel.Level;
import org.healthgraph.linkage.match.internal.Dependence;
import org.healthgraph.linkage.match.internal.Em;
import org.healthgraph.linkage.match.internal.LongCounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dependence tree of the fields' levels among non-matches (u given another field's level). */
class DependenceTest {

    @TempDir
    Path dir;

    /**
     * Random pairs over three fields: département (agrees 1%), hospital (agrees 30% of the time
     * when the département does, 0.1% otherwise) and sex (independent, half).
     */
    private static long[][] randomPairs(int n, long seed) {
        int[] levelCounts = {2, 2, 2};
        SplittableRandom r = new SplittableRandom(seed);
        LongCounts counts = new LongCounts();
        int[] levels = new int[3];
        for (int p = 0; p < n; p++) {
            levels[0] = r.nextDouble() < 0.01 ? 0 : 1;
            levels[1] = r.nextDouble() < (levels[0] == 0 ? 0.30 : 0.001) ? 0 : 1;
            levels[2] = r.nextDouble() < 0.5 ? 0 : 1;
            counts.add(Em.encode(levels, levelCounts), 1);
        }
        return counts.entries();
    }

    private static double[] weights(long[] counts) {
        double[] out = new double[counts.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = counts[k];
        }
        return out;
    }

    @Test
    void findsThatTheHospitalDependsOnTheDepartementAndThatSexDependsOnNothing() {
        long[][] e = randomPairs(1_000_000, 3);
        Dependence d = Dependence.fit(e[0], weights(e[1]), new int[] {2, 2, 2}, true);
        assertThat(d.parent(0) == 1 || d.parent(1) == 0).as("one edge between département and hospital").isTrue();
        assertThat(d.parent(2)).as("sex has no parent").isEqualTo(-1);
        assertThat(d.parent(0) == 2 || d.parent(1) == 2).isFalse();
        int[] bothAgree = {0, 0, 1};
        int hospital = d.parent(1) == 0 ? 1 : 0;
        // u of the child's agreement given the parent's agreement: about 0.30 (hospital) or 0.30 * 0.01 / 0.004 (département)
        double expected = hospital == 1 ? 0.30 : 0.30 * 0.01 / (0.01 * 0.30 + 0.99 * 0.001);
        assertThat(d.u(hospital, 0, bothAgree)).isCloseTo(expected, offset(0.03));
        assertThat(d.marginal(1, 0)).isCloseTo(0.01 * 0.30 + 0.99 * 0.001, offset(0.0003));
        int[] parentMissing = {-1, 0, 1};
        assertThat(d.u(1, 0, parentMissing)).as("a missing parent falls back to the marginal").isEqualTo(d.marginal(1, 0));
    }

    @Test
    void aRareLevelAbsentFromTheFewPairsOfARareParentLevelKeepsAboutItsMarginalU() {
        // parent: agrees 1% (then the child's common level 30%, against 0.1%), a rare level 0.2%;
        // child: a rare level at 1e-4 whatever the parent (two birth dates agreeing, say)
        int[] levelCounts = {3, 3};
        SplittableRandom r = new SplittableRandom(11);
        LongCounts counts = new LongCounts();
        for (int p = 0; p < 1_000_000; p++) {
            double x = r.nextDouble();
            int parent = x < 0.01 ? 0 : x < 0.012 ? 1 : 2;
            double y = r.nextDouble();
            int child = y < 1e-4 ? 0 : y < 1e-4 + (parent == 0 ? 0.30 : 0.001) ? 1 : 2;
            counts.add(Em.encode(new int[] {parent, child}, levelCounts), 1);
        }
        long[][] e = counts.entries();
        Dependence d = Dependence.fit(e[0], weights(e[1]), levelCounts, true);
        assertThat(d.parent(1)).as("the edge is found, the first field the root").isEqualTo(0);
        // about 2,000 pairs at the parent's rare level, where the rare child level was expected 0.2 times
        assertThat(d.u(1, 0, new int[] {1, 0}) / d.marginal(1, 0)).as("u given the rare parent level / marginal u").isBetween(0.5, 2.0);
        assertThat(d.u(1, 1, new int[] {0, 1})).as("the real dependence stays").isCloseTo(0.30, offset(0.03));
    }

    @Test
    void independentFieldsGetNoTree() {
        int[] levelCounts = {3, 2};
        SplittableRandom r = new SplittableRandom(5);
        LongCounts counts = new LongCounts();
        for (int p = 0; p < 200_000; p++) {
            counts.add(Em.encode(new int[] {r.nextInt(3), r.nextInt(2)}, levelCounts), 1);
        }
        long[][] e = counts.entries();
        Dependence d = Dependence.fit(e[0], weights(e[1]), levelCounts, true);
        assertThat(d.parent(0)).isEqualTo(-1);
        assertThat(d.parent(1)).isEqualTo(-1);
    }

    @Test
    void aModelWithAFieldGivenAnotherIsSavedAndLoadedWithItsConditionalTable() {
        FieldModel dept = new FieldModel("departement", List.of(new Level("exact", 0.9, 0.01, 0.01), new Level("else", 0.1, 0.99, 0.99)));
        FieldModel finess = new FieldModel("finess", List.of(new Level("exact", 0.95, 0.004, 0.004), new Level("else", 0.05, 0.996, 0.996)),
                Optional.of("departement"), List.of(List.of(0.3, 0.7), List.of(0.001, 0.999)));
        LinkageModel model = new LinkageModel(List.of(dept, finess), 1e-6, 3);
        Path file = dir.resolve("model.json");
        model.save(file);
        LinkageModel loaded = LinkageModel.load(file);
        assertThat(loaded).isEqualTo(model);
        assertThat(loaded.parents()).containsExactly(-1, 0);
        double[][][] w = loaded.conditionalWeights();
        assertThat(w[1][1][0]).as("same hospital given same département").isCloseTo(Math.log(0.95 / 0.3) / Math.log(2), offset(1e-12));
        assertThat(w[1][0][0]).as("same hospital, département missing").isCloseTo(Math.log(0.95 / 0.004) / Math.log(2), offset(1e-12));
        assertThat(loaded.conditionalTable()).hasSize(4).first()
                .satisfies(row -> assertThat(row.given() + "=" + row.givenLevel()).isEqualTo("departement=exact"));
    }

    @Test
    void aModelWithAFieldsMGivenTheLeftRecordsValueIsSavedAndLoadedWithItsValueTable() {
        FieldModel sex = new FieldModel("sexe", List.of(new Level("exact", 0.99, 0.5, 0.5), new Level("else", 0.01, 0.5, 0.5)));
        FieldModel surname = new FieldModel("nom", List.of(new Level("exact", 0.88, 0.001, 0.001), new Level("else", 0.12, 0.999, 0.999)))
                .withMByValue("sexe", java.util.Map.of("1", List.of(0.98, 0.02), "2", List.of(0.75, 0.25)));
        LinkageModel model = new LinkageModel(List.of(sex, surname), 1e-6, 3);
        Path file = dir.resolve("model-by-value.json");
        model.save(file);
        LinkageModel loaded = LinkageModel.load(file);
        assertThat(loaded).isEqualTo(model);
        assertThat(loaded.mParents()).containsExactly(-1, 0);
        assertThat(loaded.valueTable()).hasSize(4)
                .anySatisfy(row -> {
                    assertThat(row.value() + " " + row.level()).isEqualTo("1 else");
                    assertThat(row.weight()).isCloseTo(Math.log(0.02 / 0.999) / Math.log(2), offset(1e-12));
                });
        assertThatThrownBy(() -> new FieldModel("nom", List.of(new Level("exact", 0.9, 0.1, 0.1), new Level("else", 0.1, 0.9, 0.9)))
                .withMByValue("sexe", java.util.Map.of("1", List.of(1.0))))
                .hasMessageContaining("each mByValue row needs one m per level");
    }
}
