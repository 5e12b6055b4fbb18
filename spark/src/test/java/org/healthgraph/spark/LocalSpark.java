package org.healthgraph.spark;

import java.nio.file.Path;
import java.util.Map;

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
}
