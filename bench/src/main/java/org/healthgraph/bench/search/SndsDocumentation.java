package org.healthgraph.bench.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.healthgraph.catalog.ImportProgress;
import org.healthgraph.catalog.ImportReport;
import org.healthgraph.catalog.documentation.CatalogLookup;
import org.healthgraph.catalog.documentation.InMemoryDocumentation;
import org.healthgraph.catalog.search.DocumentKind;
import org.healthgraph.catalog.search.SearchDocument;
import org.healthgraph.importers.documentation.DocumentationImporter;

/**
 * The documentation-snds folder imported in memory against the names of schema-snds (as read by
 * {@link SchemaSndsDocuments}): what the benchmark indexes beside the dictionary.
 */
final class SndsDocumentation {

    private SndsDocumentation() {
    }

    /** The folder {@code shared/documentation-snds} found beside the repository, walking up from the working dir. */
    static Optional<Path> locate() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("documentation-snds");
            if (Files.isDirectory(candidate.resolve("fiches"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The catalog names of {@code docs}, for resolving mentions. */
    static CatalogLookup lookup(List<SearchDocument> docs) {
        CatalogLookup.Builder b = CatalogLookup.builder();
        for (SearchDocument d : docs) {
            switch (d.kind()) {
                case TABLE -> b.table(d.name());
                case VARIABLE -> b.variable(d.table(), d.name(), d.nomenclature());
                case NOMENCLATURE -> b.nomenclature(d.name());
                case CODE -> b.code(d.nomenclature(), d.name());
                default -> {
                }
            }
        }
        return b.build();
    }

    /** Imports {@code dir} into a fresh in-memory store; prints the time and the report's summary. */
    static InMemoryDocumentation importFolder(Path dir, List<SearchDocument> docs) {
        InMemoryDocumentation store = new InMemoryDocumentation();
        long t0 = System.nanoTime();
        CatalogLookup lookup = lookup(docs.stream().filter(d -> d.kind() != DocumentKind.DOCUMENT).toList());
        long t1 = System.nanoTime();
        ImportReport r = new DocumentationImporter(lookup, store).importFolder(dir, ImportProgress.NONE);
        System.out.printf("documentation imported in memory: %d ms (lookup %d ms), %s; %d problems%n",
                (System.nanoTime() - t1) / 1_000_000, (t1 - t0) / 1_000_000, store.stats(), r.problems().size());
        if (Boolean.getBoolean("search.problems")) {
            r.problems().forEach(System.out::println);
        }
        return store;
    }

    public static void main(String[] args) {
        Path root = SchemaSndsDocuments.locate().orElseThrow();
        Path dir = args.length > 0 ? Path.of(args[0]) : locate().orElseThrow();
        List<SearchDocument> docs = new SchemaSndsDocuments(root).read();
        InMemoryDocumentation store = importFolder(dir, docs);
        for (int i = 1; i < args.length; i++) {
            String page = args[i];
            store.documentsOfPage(org.healthgraph.catalog.documentation.DocumentKey.of(page)).forEach(d ->
                    System.out.println("== " + d.key() + " | " + d.fullTitle() + " | line " + d.line() + "\n" + d.text()));
            store.mentionsFrom(org.healthgraph.catalog.documentation.DocumentKey.of(page)).forEach(m ->
                    System.out.println("  -> " + m.target() + " line " + m.line() + " '" + m.text() + "' :: " + m.context()));
            store.linksFrom(org.healthgraph.catalog.documentation.DocumentKey.of(page)).forEach(l ->
                    System.out.println("  link " + l.to() + " line " + l.line()));
        }
    }
}
