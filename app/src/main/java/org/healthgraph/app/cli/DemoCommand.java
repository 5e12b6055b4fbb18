package org.healthgraph.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.healthgraph.app.config.DataFolderLock;
import org.healthgraph.app.demo.JourneyDemoStep;

import picocli.CommandLine.Command;

/**
 * The demonstration: the server on a fresh data folder ({@code ./data/demo} unless {@code --data-dir}
 * says otherwise) loaded with demonstration data.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start the server on a fresh data folder loaded with demonstration data, and print its URL.",
                "--dictionary and --documentation load a real dictionary and documentation (such as the public"
                + " schema-snds and Documentation-SNDS repositories) instead of the small built-in ones."})
public final class DemoCommand extends ServeCommand {

    static final String MARKER = ".healthgraph-demo";

    @picocli.CommandLine.Option(names = "--dictionary", paramLabel = "DIR", description = "A Table Schema tree laid out as"
            + " schema-snds (schemas/, nomenclatures/) for the demo's catalog, instead of the built-in dictionary.")
    Path dictionary;

    @picocli.CommandLine.Option(names = "--documentation", paramLabel = "DIR", description = "A Markdown documentation"
            + " folder laid out as Documentation-SNDS for the demo, instead of the built-in pages.")
    Path documentation;

    @Override
    public Integer call() {
        Path dir = graph.dataDir != null ? graph.dataDir : Path.of("data", "demo");
        graph.dataDir = dir;
        // Everything that can refuse is checked before a file is touched: the port, then the folder's
        // lock (held by any healthgraph process using it, a running demo included), then its content.
        requireFolder(dictionary, "--dictionary", "a Table Schema tree (holding schemas/ and nomenclatures/)");
        requireFolder(documentation, "--documentation", "a documentation folder (holding .md pages)");
        requireFreePort(port);
        DataFolderLock.acquire(dir);
        resetDemoFolder(dir);
        Map<String, Object> props = new LinkedHashMap<>(graph.properties());
        props.put("healthgraph.demo.enabled", "true");
        if (dictionary != null) {
            props.put("healthgraph.demo.dictionary", dictionary.toAbsolutePath().toString());
        }
        if (documentation != null) {
            props.put("healthgraph.demo.documentation", documentation.toAbsolutePath().toString());
        }
        // the demo's catalog is open to anyone on this machine; its cohorts and curation need a login
        props.putIfAbsent("healthgraph.security.anonymous", "READER");
        // the demo's analyst reads the patients of the demo's project, and no other
        props.putIfAbsent("healthgraph.security.grants", "analyste:" + JourneyDemoStep.PROJECT.value());
        props.put("spring.graphql.schema.introspection.enabled", "true");
        start(props);
        return SERVING;
    }

    private static void requireFolder(Path dir, String option, String what) {
        if (dir != null && !Files.isDirectory(dir)) {
            throw new CliException(option + " " + dir + " is not a folder: give " + what);
        }
    }

    /** Empties the folder if it is a previous demo's (it holds the marker) or is empty; refuses otherwise. */
    static void resetDemoFolder(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                boolean empty;
                try (Stream<Path> list = Files.list(dir)) {
                    empty = list.allMatch(p -> p.getFileName().toString().equals(DataFolderLock.FILE));
                }
                if (!empty && !Files.exists(dir.resolve(MARKER))) {
                    throw new CliException("--data-dir " + dir + " holds data that is not a previous demo's;"
                            + " the demo starts from a fresh folder: choose another --data-dir");
                }
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir))
                            .filter(p -> !p.equals(dir.resolve(DataFolderLock.FILE))).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(MARKER), "This folder is the healthgraph demo's; it is emptied at each demo.\n");
        } catch (IOException e) {
            throw new CliException("cannot prepare the demo folder " + dir + " (" + e.getClass().getSimpleName()
                    + "); check its permissions or choose another --data-dir", e);
        }
    }
}
