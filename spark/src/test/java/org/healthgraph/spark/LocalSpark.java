package org.healthgraph.spark;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark session in local mode for tests: two worker threads, no web UI, bound to 127.0.0.1, its
 * scratch and warehouse folders in the test's temporary folder, few shuffle partitions. One per test
 * class (starting one takes seconds); stop it after the class.
 */
final class LocalSpark {

    private LocalSpark() {
    }

    static SparkSession start(Path scratch, Map<String, String> more) {
        SparkSession.Builder b = SparkSession.builder()
                .master("local[2]")
                .appName("healthgraph-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.local.dir", scratch.resolve("local").toString())
                .config("spark.sql.warehouse.dir", scratch.resolve("warehouse").toString());
        more.forEach(b::config);
        return b.getOrCreate();
    }

    /**
     * A session whose memory manager has 24 MB (so that sorts, joins and aggregations spill), with
     * {@code more} settings; every task's bytes spilled to disk are added to {@code spilled}.
     */
    static SparkSession startWithLittleMemory(Path scratch, Map<String, String> more, AtomicLong spilled) {
        Map<String, String> settings = new HashMap<>(more);
        settings.put("spark.testing.memory", String.valueOf(24L << 20));
        settings.put("spark.testing.reservedMemory", "0");
        SparkSession spark = start(scratch, settings);
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (end.taskMetrics() != null) {
                    spilled.addAndGet(end.taskMetrics().diskBytesSpilled());
                }
            }
        });
        return spark;
    }
}
