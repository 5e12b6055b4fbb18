package org.healthgraph.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.spark.sql.SparkSession;
import org.healthgraph.linkage.match.Linkage;
import org.healthgraph.linkage.match.LinkageProgress;
import org.healthgraph.linkage.match.LinkageResult;
import org.healthgraph.linkage.match.synthetic.LinkageGenerator;
import org.healthgraph.linkage.match.synthetic.LinkageGenerator.Situation;
import org.healthgraph.spark.internal.LinkageKernels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A linkage whose blocking keys and candidate pairs outgrow the executors' memory spills to disk
 * rather than fails: Spark's memory manager is given 24 MB (as in {@link SparkCohortsSpillTest}),
 * joins are sort-merge joins (a small cohort's keys would otherwise be broadcast, as Spark does
 * below 10 MB, and nothing sorted), and the job joins the keys of 100,000 right records (a row per
 * record and rule, six rules) and drops the duplicate pairs; the links are still the single-machine
 * engine's, and the tasks report bytes spilled.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkLinkageSpillTest {

    @TempDir
    static Path dir;

    private SparkSession spark;
    private final AtomicLong spilled = new AtomicLong();

    @BeforeAll
    void startSparkWithLittleMemory() {
        spark = LocalSpark.startWithLittleMemory(dir.resolve("spark"), Map.of("spark.sql.autoBroadcastJoinThreshold", "-1"), spilled);
    }

    @AfterAll
    void stopSpark() {
        spark.stop();
    }

    @Test
    void aLinkageOverMoreKeysThanItsMemoryHoldsSpillsAndStillGivesTheSingleMachineLinks() {
        LinkageGenerator.Generated g = LinkageGenerator.generate(Situation.IDENTIFIERS, 100_000, 2_000, 5, dir.resolve("data"));

        SparkLinkage.Run run = SparkLinkage.on(spark).with(2).link(g.config());

        LinkageResult single = Linkage.open(LinkageKernels.Spec.config(g.config(), Optional.empty(), Optional.empty()),
                LinkageProgress.NONE).score(run.model());
        assertThat(run.result().links()).hasSizeGreaterThan(1_000);
        assertThat(run.result().candidatePairs()).isEqualTo(single.candidatePairs());
        assertThat(SparkLinkage.sameLinks(single, run.result())).isEmpty();
        System.out.printf("linkage spill test: %,d pairs, %,d bytes spilled to disk by the tasks%n",
                run.result().candidatePairs(), spilled.get());
        assertThat(spilled.get()).as("bytes the tasks spilled to disk").isPositive();
    }
}
