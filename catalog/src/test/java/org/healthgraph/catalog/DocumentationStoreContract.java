package org.healthgraph.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.healthgraph.catalog.documentation.Document;
import org.healthgraph.catalog.documentation.DocumentKey;
import org.healthgraph.catalog.documentation.Documentation;
import org.healthgraph.catalog.documentation.DocumentationChange;
import org.healthgraph.catalog.documentation.DocumentationListener;
import org.healthgraph.catalog.documentation.DocumentationPage;
import org.healthgraph.catalog.documentation.DocumentationStats;
import org.healthgraph.catalog.documentation.DocumentationWriter;
import org.healthgraph.catalog.documentation.Mention;
import org.healthgraph.catalog.documentation.MentionTarget;
import org.healthgraph.catalog.documentation.PageLink;
import org.healthgraph.catalog.documentation.Term;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.testing.CountingGraphStore;
import org.healthgraph.graph.testing.SharedNeo4j;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the documentation store does on every graph backend: the domain ({@code GraphDocumentation},
 * {@code GraphDocumentationWriter}) over the {@code DocumentStore} that {@code CatalogStores.documents}
 * picks. Run on Neo4j, the embedded TinkerGraph and a Gremlin Server in its own JVM; exported in the
 * test-jar. Every test works in its own pages and catalog names, so that the graph can be shared;
 * counts are compared before and after.
 */
public abstract class DocumentationStoreContract {

    private CatalogWriter catalogWriter;
    private DocumentationWriter writer;
    private Documentation documentation;
    private CatalogFixture f;
    private String p;

    /** The graph to run on, shared by the tests of the class. */
    protected abstract GraphStore graph();

    @BeforeEach
    void open() {
        catalogWriter = Catalogs.writer(graph());
        catalogWriter.ensureSchema();
        writer = Catalogs.documentationWriter(graph());
        writer.ensureSchema();
        documentation = Catalogs.documentation(graph());
        f = CatalogFixture.create();
        f.units("Identifiant").forEach(catalogWriter::write);
        p = SharedNeo4j.uniqueKey("doc").toLowerCase();
    }

    @Test
    void readsBackAPageWithItsSectionsMentionsLinksAndTerm() {
        DocumentationPage page = guide("v1");
        DocumentationStats before = documentation.stats();

        DocumentationChange change = writer.write(page);

        assertThat(change.skipped()).isFalse();
        assertThat(change.pagesWritten()).containsExactly(page.key());
        DocumentationPage read = documentation.page(key("fiches/guide#acces")).orElseThrow();
        assertThat(read).isEqualTo(page);
        assertThat(documentation.documentsOfPage(page.key())).extracting(Document::key)
                .containsExactly(page.key(), key("fiches/guide#acces"), key("fiches/guide#acces-detail"));
        assertThat(documentation.document(key("fiches/guide#acces-detail"))).get()
                .extracting(Document::parent).isEqualTo(Optional.of(key("fiches/guide#acces")));
        assertThat(documentation.mentionsFrom(key("fiches/guide#acces"))).extracting(Mention::target)
                .containsExactly(table(f.a().value()), new MentionTarget(EntryKind.VARIABLE, f.a() + ".SEX"));
        assertThat(documentation.mentionsFrom(page.key())).hasSize(4);
        assertThat(documentation.mentionsOf(List.of(code("2"))).get(code("2"))).singleElement()
                .satisfies(m -> assertThat(m.context()).isEqualTo("SEX=2 : les femmes"));
        assertThat(documentation.stats()).isEqualTo(new DocumentationStats(before.pages() + 1, before.sections() + 2,
                before.terms() + 1, before.mentions() + 4, before.links() + 1));
    }

    @Test
    void writingTheSamePageTwiceChangesNothing() {
        writer.write(guide("v1"));
        DocumentationStats before = documentation.stats();
        List<DocumentationChange> told = new ArrayList<>();
        DocumentationListener listener = told::add;
        writer.addListener(listener);
        DocumentationChange again;
        try {
            again = writer.write(guide("v1"));
        } finally {
            writer.removeListener(listener);
        }

        assertThat(again.skipped()).isTrue();
        assertThat(told).isEmpty();
        assertThat(documentation.stats()).isEqualTo(before);
        assertThat(writer.fingerprints()).containsEntry(p + "/fiches/guide.md", "v1");
    }

    @Test
    void writingAChangedPageReplacesWhatItHeldAndNamesTheEntriesNamedBeforeOrAfter() {
        writer.write(guide("v1"));
        DocumentKey page = key("fiches/guide");
        Document only = new Document(page.section("autre"), "Autre", "Guide", "Voir " + f.b(), List.of(),
                p + "/fiches/guide.md", 3, Optional.of(page), 1);
        DocumentationPage changed = new DocumentationPage(p + "/fiches/guide.md", "v2",
                List.of(pageDocument("fiches/guide", "Guide"), only), Optional.empty(),
                List.of(new Mention(only.key(), table(f.b().value()), 3, f.b().value(), "Voir " + f.b())), List.of());
        List<DocumentationChange> told = new ArrayList<>();
        DocumentationListener listener = told::add;
        writer.addListener(listener);
        try {
            writer.write(changed);
        } finally {
            writer.removeListener(listener);
        }

        assertThat(documentation.page(page)).get().isEqualTo(changed);
        assertThat(documentation.document(key("fiches/guide#acces"))).isEmpty();
        assertThat(documentation.mentionsOf(List.of(table(f.a().value())))).isEmpty();
        assertThat(documentation.terms()).noneMatch(t -> t.document().equals(page));
        assertThat(told).singleElement().satisfies(c -> assertThat(c.targets())
                .contains(table(f.a().value()), table(f.b().value()), code("2")));
    }

    @Test
    void aLinkToAPageNotYetWrittenHoldsOnceThatPageIsWritten() {
        writer.write(guide("v1"));
        DocumentKey other = key("glossaire/autre");

        assertThat(documentation.page(other)).isEmpty();
        assertThat(documentation.pages()).extracting(Document::key).doesNotContain(other);
        assertThat(documentation.linksTo(other)).extracting(PageLink::from).containsExactly(key("fiches/guide#acces"));

        writer.write(new DocumentationPage(p + "/glossaire/autre.md", "a", List.of(pageDocument("glossaire/autre", "Autre")),
                Optional.empty(), List.of(), List.of()));

        assertThat(documentation.page(other)).isPresent();
        assertThat(documentation.linksTo(other)).extracting(PageLink::to).containsExactly(other.section("haut"));
        assertThat(documentation.linksFrom(key("fiches/guide"))).extracting(PageLink::to).containsExactly(other.section("haut"));
    }

    @Test
    void removingAPageThatOthersLinkToKeepsTheirLinksAndRemovingThemAllLeavesNothing() {
        DocumentationStats before = documentation.stats();
        writer.write(guide("v1"));
        writer.write(new DocumentationPage(p + "/glossaire/autre.md", "a", List.of(pageDocument("glossaire/autre", "Autre")),
                Optional.empty(), List.of(), List.of()));

        DocumentationChange removed = writer.deletePages(List.of(p + "/glossaire/autre.md"));

        assertThat(removed.pagesDeleted()).containsExactly(key("glossaire/autre"));
        assertThat(documentation.page(key("glossaire/autre"))).isEmpty();
        assertThat(documentation.linksFrom(key("fiches/guide"))).hasSize(1);
        assertThat(writer.fingerprints()).doesNotContainKey(p + "/glossaire/autre.md");

        DocumentationChange all = writer.deletePages(List.of(p + "/fiches/guide.md", p + "/nothing-here.md"));

        assertThat(all.pagesDeleted()).containsExactly(key("fiches/guide"));
        assertThat(all.targets()).contains(table(f.a().value()), code("2"));
        assertThat(documentation.stats()).isEqualTo(before);
        assertThat(documentation.linksTo(key("glossaire/autre"))).isEmpty();
    }

    @Test
    void replacingWritesThePagesAndRemovesTheGoneOnesTogetherAndAnInvalidPageAmongThemChangesNothing() {
        writer.write(guide("v1"));
        DocumentationStats before = documentation.stats();
        DocumentationPage autre = new DocumentationPage(p + "/glossaire/autre.md", "a",
                List.of(pageDocument("glossaire/autre", "Autre")), Optional.empty(), List.of(), List.of());
        DocumentationPage invalid = new DocumentationPage(p + "/glossaire/faux.md", "f",
                List.of(pageDocument("glossaire/faux", "Faux")), Optional.empty(),
                List.of(new Mention(key("fiches/ailleurs"), table(f.c().value()), 1, f.c().value(), "")), List.of());
        List<DocumentationChange> told = new ArrayList<>();
        writer.addListener(told::add);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> writer.replaceAll(List.of(autre, invalid),
                List.of(p + "/fiches/guide.md"))).hasMessageContaining("glossaire/faux.md");
        assertThat(documentation.stats()).isEqualTo(before);
        assertThat(documentation.page(key("glossaire/autre"))).isEmpty();
        assertThat(told).isEmpty();

        List<DocumentationChange> changes = writer.replaceAll(List.of(autre), List.of(p + "/fiches/guide.md"));

        assertThat(changes).hasSize(2);
        assertThat(changes.getLast().pagesDeleted()).containsExactly(key("fiches/guide"));
        assertThat(documentation.page(key("glossaire/autre"))).isPresent();
        assertThat(documentation.page(key("fiches/guide"))).isEmpty();
        assertThat(told).singleElement().satisfies(c -> {
            assertThat(c.pagesWritten()).containsExactly(key("glossaire/autre"));
            assertThat(c.pagesDeleted()).containsExactly(key("fiches/guide"));
        });
    }

    @Test
    void aMentionOfAnEntryTheGraphDoesNotHoldIsLeftOut() {
        DocumentKey page = key("tables/x");
        DocumentationPage written = new DocumentationPage(p + "/tables/x.md", "x", List.of(pageDocument("tables/x", "X")),
                Optional.empty(), List.of(new Mention(page, table(f.a().value() + "_NONE"), 1, "NONE", ""),
                        new Mention(page, table(f.c().value()), 1, f.c().value(), "")), List.of());

        writer.write(written);

        assertThat(documentation.mentionsFrom(page)).extracting(Mention::target).containsExactly(table(f.c().value()));
    }

    @Test
    void readsSeveralPagesInOneBatchOfReads() {
        DocumentationPage guide = guide("v1");
        DocumentationPage autre = new DocumentationPage(p + "/glossaire/autre.md", "a",
                List.of(pageDocument("glossaire/autre", "Autre")), Optional.empty(), List.of(), List.of());
        writer.write(guide);
        writer.write(autre);
        CountingGraphStore counting = new CountingGraphStore(graph());
        Documentation counted = Catalogs.documentation(counting);

        List<DocumentationPage> read = counted.pagesOf(List.of(key("glossaire/autre"), key("fiches/guide#acces"),
                key("fiches/guide"), key("fiches/absente")));

        assertThat(read).containsExactly(guide, autre);
        // One batch: the documents, fingerprints, terms, mentions and links of all the pages, not of each.
        assertThat(counting.calls()).isLessThanOrEqualTo(5);
    }

    @Test
    void streamsEveryPageWithWhatItHolds() {
        DocumentationPage page = guide("v1");
        writer.write(page);
        List<DocumentationPage> seen = new ArrayList<>();

        documentation.forEachPage(x -> {
            if (x.sourcePath().startsWith(p + "/")) {
                seen.add(x);
            }
        });

        assertThat(seen).containsExactly(page);
        assertThat(documentation.terms()).filteredOn(t -> t.document().equals(page.key())).singleElement()
                .extracting(Term::expansion).isEqualTo(Optional.of("Guide des accès"));
    }

    /** A page with a section and a sub-section, four mentions (table, variable, code list, code), a link and a term. */
    private DocumentationPage guide(String fingerprint) {
        DocumentKey page = key("fiches/guide");
        DocumentKey acces = page.section("acces");
        DocumentKey detail = page.section("acces-detail");
        String source = p + "/fiches/guide.md";
        List<Document> docs = List.of(
                new Document(page, "Guide", "Guide", "Introduction.", List.of("ALD", "Accès"), source, 1, Optional.empty(), 0),
                new Document(acces, "Accès", "Guide", "La table " + f.a() + " et SEX.", List.of("ALD", "Accès"), source, 5,
                        Optional.of(page), 1),
                new Document(detail, "Détail", "Guide", "SEX=2 : les femmes", List.of("ALD", "Accès"), source, 9,
                        Optional.of(acces), 2));
        List<Mention> mentions = List.of(
                new Mention(acces, table(f.a().value()), 6, f.a().value(), "La table " + f.a()),
                new Mention(acces, new MentionTarget(EntryKind.VARIABLE, f.a() + ".SEX"), 6, "SEX", "et SEX"),
                new Mention(detail, new MentionTarget(EntryKind.NOMENCLATURE, f.list().value()), 10, f.list().value(), ""),
                new Mention(detail, code("2"), 10, "SEX=2", "SEX=2 : les femmes"));
        List<PageLink> links = List.of(new PageLink(acces, key("glossaire/autre").section("haut"), 7));
        Term term = new Term("GDA", Optional.of("GDA"), Optional.of("Guide des accès"), "Introduction.", page);
        return new DocumentationPage(source, fingerprint, docs, Optional.of(term), mentions, links);
    }

    private Document pageDocument(String path, String title) {
        return new Document(key(path), title, title, "", List.of(), p + "/" + path + ".md", 1, Optional.empty(), 0);
    }

    private DocumentKey key(String path) {
        return DocumentKey.of(p + "/" + path);
    }

    private MentionTarget code(String code) {
        return new MentionTarget(EntryKind.CODE, f.list() + ":" + code);
    }

    private static MentionTarget table(String name) {
        return new MentionTarget(EntryKind.TABLE, name);
    }
}
