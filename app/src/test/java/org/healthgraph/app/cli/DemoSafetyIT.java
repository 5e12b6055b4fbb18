package org.healthgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.healthgraph.app.HealthgraphApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A demo never empties a data folder that another healthgraph process uses: a second demo started
 * (as a real second process) on the folder of a running one is refused before it touches a file.
 */
class DemoSafetyIT {

    @Test
    void aSecondDemoOnTheFolderOfARunningOneIsRefusedAndLeavesItsFilesIntact(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(DemoCommand.MARKER), "a previous demo's folder\n");
        try (ConfigurableApplicationContext running = new SpringApplicationBuilder(HealthgraphApplication.class)
                .web(WebApplicationType.NONE).run("--healthgraph.data-dir=" + dir)) {
            Files.writeString(dir.resolve("catalog-data.csv"), "the running demo's data\n");
            Map<String, Long> before = files(dir);

            Process second = new ProcessBuilder(javaCommand("demo", "--data-dir", dir.toString(), "--port", "0"))
                    .redirectErrorStream(true).start();
            boolean ended = second.waitFor(120, TimeUnit.SECONDS);
            String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(ended).as("the second demo ends by itself").isTrue();
            assertThat(second.exitValue()).as(output).isEqualTo(1);
            assertThat(output).contains("another healthgraph process (pid " + ProcessHandle.current().pid() + ")")
                    .contains(dir.toAbsolutePath().normalize().toString()).doesNotContain("\tat ");
            Map<String, Long> after = files(dir);
            // The running demo's own database keeps writing its log meanwhile: a log may grow, never shrink or go.
            assertThat(withoutLogs(after)).as("every data file of the running demo, with its size").isEqualTo(withoutLogs(before));
            before.entrySet().stream().filter(e -> e.getKey().startsWith(LOGS)).forEach(e ->
                    assertThat(after.get(e.getKey())).as(e.getKey()).isNotNull().isGreaterThanOrEqualTo(e.getValue()));
            assertThat(running.isActive()).isTrue();
        }
    }

    /** {@code java -cp <this test's class path> HealthgraphCli args...}: a second process, like a second terminal. */
    private static List<String> javaCommand(String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                HealthgraphCli.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** Where the embedded Neo4j of the running demo writes its logs. */
    private static final String LOGS = "neo4j" + java.io.File.separator + "logs" + java.io.File.separator;

    private static Map<String, Long> withoutLogs(Map<String, Long> files) {
        Map<String, Long> out = new TreeMap<>(files);
        out.keySet().removeIf(k -> k.startsWith(LOGS));
        return out;
    }

    private static Map<String, Long> files(Path dir) throws IOException {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Files.size(p));
            }
        }
        return out;
    }
}
