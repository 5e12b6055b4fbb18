package org.healthgraph.spark.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

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
        List<Row> out = new ArrayList<>();
        while (rows.hasNext()) {
            int row = rows.next().intValue();
            for (int r = 0; r < keys.length; r++) {
                if (keys[r][row] >= 0) {
                    out.add(RowFactory.create(r, keys[r][row], row));
                }
            }
        }
        return out.iterator();
    }
}
