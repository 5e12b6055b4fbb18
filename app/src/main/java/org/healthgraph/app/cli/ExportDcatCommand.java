package org.healthgraph.app.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.eclipse.rdf4j.model.Model;
import org.healthgraph.catalog.Catalog;
import org.healthgraph.importers.dcat.DcatExporter;
import org.healthgraph.importers.dcat.DcatFormat;
import org.healthgraph.importers.dcat.DcatSettings;
import org.healthgraph.importers.dcat.HealthDcatShapes;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code healthgraph export dcat}: the catalog's datasets as DCAT-AP / HealthDCAT-AP RDF. */
@Command(name = "dcat", mixinStandardHelpOptions = true,
        description = {"Export the catalog's datasets as DCAT-AP / HealthDCAT-AP RDF (Turtle or JSON-LD), checked"
                + " against the SHACL shapes shipped in dcat/healthdcat-ap-shapes.ttl before it is written."})
public final class ExportDcatCommand implements Callable<Integer> {

    @Mixin
    GraphOptions graph = new GraphOptions();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "turtle",
            description = "turtle or jsonld (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Option(names = "--base-iri", paramLabel = "IRI", description = "Base of the IRIs minted (default"
            + " https://healthgraph.example/catalog/).")
    String baseIri;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        DcatFormat chosen;
        DcatSettings settings = DcatSettings.defaults();
        try {
            chosen = DcatFormat.parse(format);
            if (baseIri != null) {
                settings = new DcatSettings(java.net.URI.create(baseIri), settings.catalogTitle(),
                        settings.catalogDescription(), settings.publisherName(), settings.contactEmail());
            }
        } catch (IllegalArgumentException e) {
            throw new CliException("--format/--base-iri: " + e.getMessage(), e);
        }
        Model model;
        try (JobContext context = JobContext.open(graph)) {
            model = new DcatExporter(context.bean(Catalog.class), settings).toModel();
        }
        List<String> violations = HealthDcatShapes.violations(model);
        if (!violations.isEmpty()) {
            violations.forEach(v -> spec.commandLine().getErr().println("shape violation: " + v));
            return 1;
        }
        if (output == null) {
            DcatExporter.write(model, System.out, chosen);
            System.out.flush();
            return 0;
        }
        try (OutputStream out = Files.newOutputStream(output)) {
            DcatExporter.write(model, out, chosen);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
        }
        return 0;
    }
}
