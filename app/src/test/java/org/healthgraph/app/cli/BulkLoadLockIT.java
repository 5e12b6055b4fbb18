package org.healthgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.healthgraph.app.config.DataFolderLock;
import org.healthgraph.app.testing.CliRun;
import org.healthgraph.importers.synthetic.SndsExtractGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulk load takes the data folder's lock (issue 14, noticed in the crash-safety work): it writes
 * the embedded Neo4j's files without opening the graph through the application's context, and so
 * used to proceed while a server (another process holding the lock) used the folder. Here a child
 * JVM holds the lock as a server does; {@code import snds-extract --load bulk} on the folder is
 * refused (exit 1, naming the holder's pid) before it writes anything.
 */
class BulkLoadLockIT {

    @Test
    void aBulkLoadIntoAFolderAnotherProcessUsesIsRefusedBeforeItWritesAnything(@TempDir Path dir) throws Exception {
        Path extract = dir.resolve("extract");
        new SndsExtractGenerator(7).generate(50, extract);
        Path data = dir.resolve("data");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process holder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                DataFolderLockHolder.class.getName(), data.toString())).redirectErrorStream(true).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(lines.readLine()).as("the child took the lock").isEqualTo("held");

            CliRun bulk = InProcessCli.run("import", "snds-extract", extract.toString(), "--data-dir", data.toString(),
                    "--load", "bulk");

            assertThat(bulk.exit()).as(bulk.out() + bulk.err()).isEqualTo(1);
            assertThat(bulk.err()).contains("another healthgraph process (pid " + holder.pid() + ")")
                    .contains("uses the data folder");
            try (var files = Files.list(data)) {
                assertThat(files.map(p -> p.getFileName().toString()).toList())
                        .as("nothing written beside the lock file").containsExactly(DataFolderLock.FILE);
            }
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(30, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
    }
}
