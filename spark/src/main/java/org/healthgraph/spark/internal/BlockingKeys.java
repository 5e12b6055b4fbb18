package org.healthgraph.spark.internal;

import java.util.Iterator;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The blocking keys of a range of rows of one side: for each row and each blocking rule whose key
 * the record has, a row (rule, key, record row), the key being the linkage module's own join value
 * ({@link org.healthgraph.linkage.match.ScoringKernel#joinKeys}).
 */
public final class BlockingKeys implements FlatMapFunction<Iterator<Long>, Row> {

    private static final long serialVersionUID = 1L;

    /** The rows this function returns: rule number, join value, record row. */
    public static StructType schema(String row) {
        return new StructType().add("rule", DataTypes.IntegerType, false).add("key", DataTypes.LongType, false)
                .add(row, DataTypes.IntegerType, false);
    }

    private final Broadcast<LinkageKernels.Spec> spec;
    private final int side;

    /** @param side 0 for the left records, 1 for the right ones */
    public BlockingKeys(Broadcast<LinkageKernels.Spec> spec, int side) {
        this.spec = spec;
        this.side = side;
    }

    @Override
    public Iterator<Row> call(Iterator<Long> rows) {
        long[][] keys = LinkageKernels.joinKeys(spec.value())[side];
        // streamed: a task holds one record's rows, never its range's
        return new Iterator<>() {
            private int row = -1;
            private int rule = keys.length;

            @Override
            public boolean hasNext() {
                while (true) {
                    while (rule < keys.length && (row < 0 || keys[rule][row] < 0)) {
                        rule++;
                    }
                    if (rule < keys.length) {
                        return true;
                    }
                    if (!rows.hasNext()) {
                        return false;
                    }
                    row = rows.next().intValue();
                    rule = 0;
                }
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                Row out = RowFactory.create(rule, keys[rule][row], row);
                rule++;
                return out;
            }
        };
    }
}
