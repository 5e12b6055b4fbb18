package org.healthgraph.app.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;

import org.healthgraph.linkage.match.GraphLinks;
import org.healthgraph.linkage.match.LinkageConfig;
import org.healthgraph.linkage.match.LinkageConfigs;
import org.healthgraph.linkage.match.LinkageJob;
import org.healthgraph.linkage.match.LinkageProgress;
import org.healthgraph.linkage.match.synthetic.LinkageGenerator;
import org.healthgraph.linkage.review.RunRecorder;
import org.healthgraph.linkage.store.LinkRun;
import org.healthgraph.linkage.store.LinkStore;

/**
 * A small linkage run for the linkage pages: a synthetic cohort of 1,000 records with identifiers
 * against a register of 5,000 (fixed seed), linked as {@code link --graph-source DEMO_COHORT} would,
 * so that the run, its links, waterfalls and review queue can be browsed. Skipped when the demo's run
 * is there already.
 */
public final class LinkageDemoStep implements DemoStep {

    /** The linked source of the demo's run. */
    public static final String SOURCE = "DEMO_COHORT";

    private final LinkStore store;
    private final LinkRun.ReviewBand band;

    public LinkageDemoStep(LinkStore store, LinkRun.ReviewBand band) {
        this.store = store;
        this.band = band;
    }

    @Override
    public String name() {
        return "linkage run";
    }

    @Override
    public int order() {
        return 300;
    }

    @Override
    public String run() {
        store.ensureSchema();
        if (store.runs().stream().anyMatch(r -> r.source().equals(SOURCE))) {
            return "present already";
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("healthgraph-demo-linkage-");
            LinkageGenerator.Generated g = LinkageGenerator.generate(LinkageGenerator.Situation.IDENTIFIERS, 5_000, 1_000, 42, dir);
            LinkageConfig config = LinkageConfigs.read(g.config());
            RunRecorder recorder = new RunRecorder(band, Clock.systemUTC());
            LinkageJob.Summary s = LinkageJob.run(config, LinkageJob.Strategy.FELLEGI_SUNTER, dir.resolve("links.csv"),
                    LinkageProgress.NONE, recorder);
            GraphLinks.write(store, SOURCE, s.result().links(), config.fields().stream().map(LinkageConfig.Field::name).toList());
            LinkRun run = recorder.run(SOURCE, config, s);
            store.saveRun(run, recorder.pairs());
            return run.links() + " links, " + recorder.pairs().stream().filter(p -> p.review()).count() + " pairs to review";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo linkage files: " + e.getMessage(), e);
        } finally {
            if (dir != null) {
                try (var paths = Files.walk(dir)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // a temp folder
                }
            }
        }
    }
}
