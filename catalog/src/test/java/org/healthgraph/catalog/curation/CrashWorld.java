package org.healthgraph.catalog.curation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.CatalogUnit;
import org.healthgraph.catalog.CatalogWriter;
import org.healthgraph.catalog.Catalogs;
import org.healthgraph.catalog.Dataset;
import org.healthgraph.catalog.EntryKind;
import org.healthgraph.catalog.History;
import org.healthgraph.catalog.Table;
import org.healthgraph.catalog.TableName;
import org.healthgraph.catalog.Variable;
import org.healthgraph.catalog.VariableRef;
import org.healthgraph.catalog.search.CatalogDocuments;
import org.healthgraph.catalog.search.SearchIndex;
import org.healthgraph.graph.GraphSettings;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.GraphStores;

/**
 * A data folder as a server holds it (embedded Neo4j, the search index under {@code search/}), with
 * curation over it wired as the application wires it: the index hears the writer's changes, and
 * pending approvals are told again at opening. Shared by {@link CurationCrashIT} and its child process.
 */
final class CrashWorld implements AutoCloseable {

    static final TableName TABLE = TableName.of("CRASH_T");
    /** Variables per proposal. */
    static final int PER_PROPOSAL = 300;
    /** Proposals the catalog has variables for. */
    static final int PROPOSALS = 8;
    static final int VARIABLES = PER_PROPOSAL * PROPOSALS;

    final GraphStore graph;
    final CatalogWriter writer;
    final Catalog catalog;
    final SearchIndex index;
    final Curation curation;
    final int told;

    /** Opens the folder; {@code beforeIndex} (if any) hears each change before the search index does. */
    CrashWorld(Path data, Optional<org.healthgraph.catalog.CatalogChangeListener> beforeIndex) {
        graph = GraphStores.open(GraphSettings.embedded(data));
        writer = Catalogs.writer(graph);
        writer.ensureSchema();
        catalog = Catalogs.reader(graph);
        index = SearchIndex.open(data.resolve("search"));
        beforeIndex.ifPresent(writer::addListener);
        writer.addListener(CatalogDocuments.keepingCurrent(catalog, index));
        curation = Catalogs.curation(graph, writer, event -> { }, CurationLimits.DEFAULTS);
        told = curation.publishPending();
    }

    static EntityRef variable(int i) {
        return EntityRef.of(EntryKind.VARIABLE, new VariableRef(TABLE, "V" + i).key());
    }

    /** Writes the table and its variables, and indexes them. */
    void writeCatalog() {
        List<Variable> variables = new ArrayList<>();
        for (int i = 0; i < VARIABLES; i++) {
            variables.add(Variable.simple(new VariableRef(TABLE, "V" + i), i, "Variable importée " + i, "string",
                    Optional.empty()));
        }
        writer.write(CatalogUnit.of("crash.json").withDatasets(List.of(Dataset.named("CRASH")))
                .withTables(List.of(new Table(TABLE, "Table", "CRASH", "", "", History.NONE, List.of())))
                .withVariables(variables));
        CatalogDocuments.reindex(catalog, index);
    }

    /** Proposal {@code n}: the descriptions of its own slice of variables to a text with the token {@code motN}. */
    Proposal propose(int n) {
        List<EntityEdit> edits = new ArrayList<>();
        for (int i = n * PER_PROPOSAL; i < (n + 1) * PER_PROPOSAL; i++) {
            edits.add(EntityEdit.of(variable(i)).withDescription("Description curée mot" + n + " numéro " + i)
                    .withTags(List.of("lot" + n)));
        }
        return curation.propose("alice", "lot " + n, edits);
    }

    @Override
    public void close() {
        index.close();
        graph.close();
    }
}
