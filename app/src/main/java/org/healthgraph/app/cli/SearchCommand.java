package org.healthgraph.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.healthgraph.app.config.SettingsReader;
import org.healthgraph.catalog.search.DocumentKind;
import org.healthgraph.catalog.search.SearchException;
import org.healthgraph.catalog.search.SearchFilters;
import org.healthgraph.catalog.search.SearchHit;
import org.healthgraph.catalog.search.SearchIndex;
import org.healthgraph.catalog.search.SearchRequest;
import org.healthgraph.catalog.search.SearchResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code healthgraph search "<text>"}: prints the catalog's top hits for a question. Reads the data
 * folder's search index as the last import, reindex or server left it (as a server does when it
 * starts), without starting the graph: a second instead of the application's start, and it works
 * while a server holds the folder.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Search the catalog (tables, variables, code lists, codes) and print the top hits. Reads the data"
                + " folder's search index as the last import or server left it, without starting the graph.")
public final class SearchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    GraphOptions graph = new GraphOptions();

    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "What to look for, in French or by name or code.")
    List<String> words;

    @Option(names = {"-n", "--first"}, defaultValue = "10", description = "How many hits (1 to 100, default ${DEFAULT-VALUE}).")
    int first;

    @Option(names = "--kind", description = "Only hits of this kind: ${COMPLETION-CANDIDATES}.")
    Set<DocumentKind> kinds = Set.of();

    @Option(names = "--product", description = "Only hits of this product (DCIR, PMSI MCO ...).")
    Set<String> products = Set.of();

    @Option(names = "--explain", description = "Print Lucene's explanation of each score.")
    boolean explain;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (SearchIndex index = SearchIndex.openReadOnly(
                SettingsReader.read(GraphOptions.asArguments(graph.properties())).searchIndexDir())) {
            SearchResult r = index.search(new SearchRequest(String.join(" ", words),
                    SearchFilters.NONE.withKinds(kinds).withProducts(products), first, Optional.empty(), false, explain));
            r.notice().ifPresent(n -> out.println("note: " + n));
            out.printf("%d hit(s)%s%n", r.totalHits(), r.totalHitsExact() ? "" : " or more");
            int rank = 1;
            for (SearchHit h : r.hits()) {
                out.printf("%3d. %-12s %-34s %s%n", rank++, h.kind(), h.key(), h.label());
                if (explain) {
                    h.explanation().ifPresent(e -> out.println(e.indent(8)));
                }
            }
            if (index.size() == 0) {
                out.println("the search index is empty: run 'healthgraph reindex' after importing a catalog");
            }
            return 0;
        } catch (SearchException e) {
            spec.commandLine().getErr().println("healthgraph search: " + e.getMessage());
            return 2;
        }
    }
}
