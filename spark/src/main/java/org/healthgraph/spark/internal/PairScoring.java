package org.healthgraph.spark.internal;

import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.healthgraph.linkage.match.ScoringKernel;

/**
 * The work of one Spark partition of candidate pairs (rows of left row, right row): each pair is
 * weighed by the linkage module's kernel ({@link ScoringKernel.Partial}), and the partition returns
 * one {@link ScoringKernel.Scored}: the pairs kept for the decision and its left records' odds sums.
 * Streams the partition: memory per task is the pairs kept, not the pairs scored.
 */
public final class PairScoring implements FlatMapFunction<Iterator<Row>, ScoringKernel.Scored> {

    private static final long serialVersionUID = 1L;

    private final Broadcast<LinkageKernels.Spec> spec;

    public PairScoring(Broadcast<LinkageKernels.Spec> spec) {
        this.spec = spec;
    }

    @Override
    public Iterator<ScoringKernel.Scored> call(Iterator<Row> pairs) {
        ScoringKernel.Partial partial = LinkageKernels.kernel(spec.value()).partial();
        while (pairs.hasNext()) {
            Row p = pairs.next();
            partial.pair(p.getInt(0), p.getInt(1));
        }
        return List.of(partial.scored()).iterator();
    }
}
