package org.healthgraph.linkage.match;

import static org.assertj.core.api.Assertions.assertThat;

import org.healthgraph.linkage.match.internal.Clusters;
import org.junit.jupiter.api.Test;

class ClustersTest {

    @Test
    void refusesTheWeakEdgeThatWouldChainTwoClustersTogether() {
        String[] a = {"L:1", "L:2", "L:3", "L:2"};
        String[] b = {"R:1", "R:1", "R:3", "R:3"};
        double[] w = {20, 18, 19, 1};
        Clusters.Result r = Clusters.of(a, b, w, 3);
        assertThat(r.kept()).containsExactly(true, true, true, false);
        assertThat(r.clusterId()[0]).isEqualTo(r.clusterId()[1]).isNotEqualTo(r.clusterId()[2]);
    }

    @Test
    void givesTheSameClusterIdsAcrossRunsWhateverTheEdgeOrder() {
        Clusters.Result first = Clusters.of(new String[] {"L:1", "L:2"}, new String[] {"R:9", "R:9"}, new double[] {5, 6}, 10);
        Clusters.Result second = Clusters.of(new String[] {"L:2", "L:1"}, new String[] {"R:9", "R:9"}, new double[] {6, 5}, 10);
        assertThat(first.clusterId()[0]).isEqualTo(second.clusterId()[1]).startsWith("c-");
    }
}
