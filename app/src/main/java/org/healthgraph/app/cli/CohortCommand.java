package org.healthgraph.app.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.healthgraph.graph.IndexReadiness;
import org.healthgraph.graph.audit.AuditAction;
import org.healthgraph.graph.audit.AuditEvent;
import org.healthgraph.graph.audit.AuditTrail;
import org.healthgraph.journeys.AttritionStep;
import org.healthgraph.journeys.CohortQueries;
import org.healthgraph.journeys.CohortQuery;
import org.healthgraph.journeys.CohortResult;
import org.healthgraph.journeys.Disclosure;
import org.healthgraph.journeys.CohortService;
import org.healthgraph.journeys.Pathways;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code healthgraph cohort --query file.json}: count, attrition and pathways of a cohort. */
@Command(name = "cohort", mixinStandardHelpOptions = true,
        description = "Run a cohort query (JSON, see docs/trajectories.md) on the patient journeys: count, attrition table"
                + " and pathways, with counts below the query's threshold suppressed.")
public final class CohortCommand implements Callable<Integer> {

    /** How often the progress of the timeline index's opening is read. */
    private static final Duration POLL = Duration.ofMillis(250);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    GraphOptions graph = new GraphOptions();

    @Option(names = "--query", required = true, paramLabel = "FILE|JSON",
            description = "The cohort query: a JSON file, or the JSON itself when it starts with '{' (the format of"
                    + " docs/trajectories.md, Format: the GraphQL input CohortQuery plus \"version\": 1).")
    String query;

    @Option(names = "--cypher", description = "Also run the query in Cypher on the graph, as a cross-check, and compare.")
    boolean cypher;

    @Override
    public Integer call() {
        CohortQueries.Read read = query.strip().startsWith("{") ? CohortQueries.read(query) : CohortQueries.read(Path.of(query));
        // an older shape was migrated: say so where a script's reader looks for problems, not in the results
        read.warnings().forEach(w -> spec.commandLine().getErr().println("warning: --query " + w));
        CohortQuery q = read.query();
        var out = spec.commandLine().getOut();
        try (JobContext ctx = JobContext.open(graph)) {
            long tOpen = System.nanoTime();
            CohortService journeys = ctx.bean(CohortService.class);
            awaitShowingProgress(journeys, ProgressBarReporter.on(System.err));
            journeys.lastOpen().ifPresent(o -> out.printf("timeline index %s in %.1f s%n", o.loaded() ? "loaded from its saved file"
                    : "rebuilt from the graph (" + o.reason() + ")", (System.nanoTime() - tOpen) / 1e9));
            long t0 = System.nanoTime();
            CohortService.Released released = journeys.release(q, Disclosure.exact());
            CohortResult r = released.result();
            ctx.bean(AuditTrail.class).record(AuditEvent.allowed("cli:" + System.getProperty("user.name"),
                    AuditAction.COHORT_RUN, "healthgraph cohort", released.patients(), CohortQueries.toJson(q)));
            out.printf("cohort: %s patients (%d patients indexed, %.1f ms)%n", r.count(), journeys.patientCount(),
                    (System.nanoTime() - t0) / 1e6);
            for (AttritionStep s : r.attrition()) {
                out.printf("  %d. %-50s %s%n", s.step(), s.label(), s.patients());
            }
            r.pathways().ifPresent(p -> {
                out.println("pathways:");
                for (Pathways.Link l : p.links()) {
                    out.printf("  %s -> %s: %s%n", l.source(), l.target(), l.patients());
                }
            });
            if (cypher) {
                long t1 = System.nanoTime();
                long[] c = journeys.crossCheck(q);
                long[] t = journeys.rawAttrition(q);
                out.printf("Cypher cross-check: %s in %.1f ms%n", java.util.Arrays.equals(c, t) ? "same attrition" : "DIFFERENT attrition",
                        (System.nanoTime() - t1) / 1e6);
            }
        }
        return 0;
    }

    /**
     * Waits for the timeline index; while it is rebuilt from the graph (a first use, or a graph
     * another process changed), says how far it is: a bar on a terminal, a line every 10 s otherwise.
     */
    static void awaitShowingProgress(CohortService journeys, ProgressBarReporter progress) {
        boolean shown = false;
        while (!journeys.awaitReady(POLL)) {
            Optional<IndexReadiness.Status> s = journeys.status();
            if (s.isPresent() && s.get().total() > 0) {
                if (!shown) {
                    progress.start("timeline index, " + s.get().detail() + " (patients)", s.get().total());
                    shown = true;
                }
                progress.stepTo(s.get().done());
            }
        }
        if (shown) {
            progress.done();
        }
    }
}
