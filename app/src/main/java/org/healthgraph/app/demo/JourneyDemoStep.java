package org.healthgraph.app.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;

import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.importers.snds.SndsExtractImporter;
import org.healthgraph.importers.synthetic.SndsExtractGenerator;
import org.healthgraph.journeys.ImportReport;
import org.healthgraph.journeys.JourneyImporter;
import org.healthgraph.journeys.ProjectCode;

/**
 * The demo's synthetic population: an SNDS-shaped extract generated with a fixed seed and imported
 * through the same importer as real extracts, so that {@code cohort} has meaningful answers
 * (myocardial infarctions followed by statins, metformin treatments...).
 */
public final class JourneyDemoStep implements DemoStep {

    /** The project the demo's population is imported into (the demo's analyst is granted it). */
    public static final ProjectCode PROJECT = new ProjectCode("demo");

    private final JourneyImporter journeys;
    private final CatalogWriter catalog;
    private final int patients;

    /**
     * Imports through the write side: the cohort service hears the changes like any import's; the
     * extract's ATC code list (the drugs' labels) goes to the catalog before the search index is built.
     */
    public JourneyDemoStep(JourneyImporter journeys, CatalogWriter catalog, int patients) {
        this.journeys = journeys;
        this.catalog = catalog;
        this.patients = patients;
    }

    @Override
    public String name() {
        return "synthetic population";
    }

    @Override
    public int order() {
        return 200;
    }

    @Override
    public String run() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("healthgraph-demo-extract-");
            new SndsExtractGenerator(42).generate(patients, dir);
            SndsExtractImporter.Extract extract = new SndsExtractImporter().read(dir);
            ImportReport r = journeys.importPatients(extract.patients().stream().map(p -> p.inProjects(Set.of(PROJECT))).toList());
            int atc = extract.atcCodes().map(unit -> {
                catalog.write(unit);
                return unit.codes().size();
            }).orElse(0);
            return r.patients() + " patients, " + r.events() + " care events, " + atc + " ATC codes with labels";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo extract: " + e.getMessage(), e);
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
