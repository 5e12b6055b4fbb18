package org.healthgraph.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.healthgraph.graph.IndexReadiness;
import org.junit.jupiter.api.Test;

/** The demo's loading is reported step by step as a readiness, which the health endpoint and the web page's banner show. */
class DemoLoaderTest {

    /** A step that records the readiness it sees while it runs. */
    private record Step(String name, int order, IndexReadiness readiness, List<String> seen, boolean fails) implements DemoStep {
        @Override
        public String run() {
            IndexReadiness.Status s = readiness.status(DemoLoader.READINESS).orElseThrow();
            seen.add(s.state() + " " + s.detail() + " " + s.done() + "/" + s.total());
            if (fails) {
                throw new IllegalStateException("boom");
            }
            return "ok";
        }

        @Override
        public String label() {
            return name.replaceFirst(" .*", "");
        }
    }

    @Test
    void eachStepIsReportedAsBuildingWithTheStepsDoneThenTheLoadingIsReady() {
        IndexReadiness readiness = new IndexReadiness();
        List<String> seen = new ArrayList<>();
        DemoLoader loader = new DemoLoader(List.of(new Step("documentation /some/folder", 20, readiness, seen, false),
                new Step("dictionary", 10, readiness, seen, false)), readiness);
        assertThat(readiness.status(DemoLoader.READINESS)).isEmpty();
        loader.run(null);
        assertThat(seen).containsExactly("BUILDING dictionary 0/2", "BUILDING documentation 1/2");
        IndexReadiness.Status end = readiness.status(DemoLoader.READINESS).orElseThrow();
        assertThat(end.state()).isEqualTo(IndexReadiness.State.READY);
        assertThat(end.counts()).containsEntry("steps", 2L);
        assertThat(readiness.allReady()).isTrue();
    }

    @Test
    void aStepThatFailsIsReportedAsFailedAndStopsTheLoading() {
        IndexReadiness readiness = new IndexReadiness();
        List<String> seen = new ArrayList<>();
        DemoLoader loader = new DemoLoader(List.of(new Step("dictionary", 10, readiness, seen, true),
                new Step("documentation /some/folder", 20, readiness, seen, false)), readiness);
        assertThatThrownBy(() -> loader.run(null)).hasMessage("boom");
        assertThat(seen).containsExactly("BUILDING dictionary 0/2");
        IndexReadiness.Status end = readiness.status(DemoLoader.READINESS).orElseThrow();
        assertThat(end.state()).isEqualTo(IndexReadiness.State.FAILED);
        assertThat(end.detail()).isEqualTo("the demo could not load dictionary (see the log)");
    }
}
