package org.healthgraph.importers.documentation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.healthgraph.catalog.CatalogException;
import org.healthgraph.catalog.EntryKind;
import org.healthgraph.catalog.ImportProblem;
import org.healthgraph.catalog.ImportProgress;
import org.healthgraph.catalog.ImportReport;
import org.healthgraph.catalog.documentation.CatalogLookup;
import org.healthgraph.catalog.documentation.Document;
import org.healthgraph.catalog.documentation.DocumentKey;
import org.healthgraph.catalog.documentation.DocumentationChange;
import org.healthgraph.catalog.documentation.DocumentationListener;
import org.healthgraph.catalog.documentation.DocumentationPage;
import org.healthgraph.catalog.documentation.DocumentationWriter;
import org.healthgraph.catalog.documentation.InMemoryDocumentation;
import org.healthgraph.catalog.documentation.Mention;
import org.healthgraph.catalog.documentation.MentionTarget;
import org.healthgraph.catalog.documentation.Term;
import org.healthgraph.importers.TextLimits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentationImporterTest {

    static final CatalogLookup LOOKUP = CatalogLookup.builder()
            .variable("T_MCOaaB", "GRG_GHM", "").variable("T_MCOaaA", "CDC_ACT", "IR_CCAM_V")
            .variable("ER_PRS_F", "PRS_NAT_REF", "IR_NAT_V").variable("ER_ETE_F", "ETE_CAT_COD", "IR_CET_V")
            .nomenclature("IR_NAT_V").nomenclature("IR_CET_V").nomenclature("IR_CCAM_V")
            .code("IR_NAT_V", "3329").code("IR_CET_V", "124").code("IR_CET_V", "130").code("IR_CCAM_V", "JNJP001")
            .build();

    static final String IVG = """
            ---
            tags:
                - PMSI
                - DCIR/DCIRS
            ---

            # Interruptions volontaires de grossesse
            <!-- SPDX-License-Identifier: MPL-2.0 -->

            Les IVG hospitalières sont dans le [PMSI](../glossaire/PMSI.md).
            ## Les IVG en établissement hospitalier
            Il faut retenir le code `GRG_GHM`=14Z08Z dans [T_MCOaaB](/tables/T_MCOaaB).

            Dans la table des actes la variable `CDC_ACT` donne le type :
            * les IVG *médicamenteuses* correspondent au code **JNJP001**

            ## Hors établissement
            La prestation « forfait médicament IVG ville » (`PRS_NAT_REF`=3329) dans [ER_PRS_F](../tables/DCIR/ER_PRS_F.md).

            | `ETE_CAT_COD` | *Lieu* |
            | --- | --- |
            | 124 | centre de santé |
            | 130 | centre de soins médicaux |

            <script>alert('x')</script>
            """;

    static final String PMSI = """
            # PMSI - Programme de médicalisation des systèmes d'information

            Le PMSI décrit l'activité des établissements de santé.
            """;

    static final String TABLE_PAGE = """
            ---
            permalink: /tables/T_MCOaaB
            ---
            # T\\_MCOaaB
            Description des séjours, une ligne par séjour.
            """;

    @TempDir
    Path dir;
    InMemoryDocumentation store;

    @BeforeEach
    void pages() throws IOException {
        write("fiches/ivg.md", IVG);
        write("glossaire/PMSI.md", PMSI);
        write("tables/PMSI/PMSI MCO/T_MCOaaB.md", TABLE_PAGE);
        store = new InMemoryDocumentation();
    }

    void write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    ImportReport importAll() {
        return new DocumentationImporter(LOOKUP, store).importFolder(dir, ImportProgress.NONE);
    }

    static List<String> targets(List<Mention> mentions) {
        return mentions.stream().map(m -> m.from().anchor().orElse("") + " " + m.target().key()).toList();
    }

    @Test
    void aPageBecomesAPageAndSectionsWithTheirTextTagsAndMentions() {
        ImportReport r = importAll();
        assertThat(r.hasErrors()).isFalse();
        List<Document> docs = store.documentsOfPage(DocumentKey.of("fiches/ivg"));
        assertThat(docs).extracting(d -> d.key().value()).containsExactly("fiches/ivg",
                "fiches/ivg#les-ivg-en-etablissement-hospitalier", "fiches/ivg#hors-etablissement");
        assertThat(docs.get(0).title()).isEqualTo("Interruptions volontaires de grossesse");
        assertThat(docs.get(0).tags()).containsExactly("PMSI", "DCIR/DCIRS");
        assertThat(docs.get(1).line()).isEqualTo(11);
        assertThat(docs.get(2).text()).contains("124 | centre de santé").doesNotContain("<script>").doesNotContain("alert");
        assertThat(targets(store.mentionsFrom(DocumentKey.of("fiches/ivg")))).contains(
                "les-ivg-en-etablissement-hospitalier T_MCOaaB",
                "les-ivg-en-etablissement-hospitalier T_MCOaaB.GRG_GHM",
                "les-ivg-en-etablissement-hospitalier T_MCOaaA.CDC_ACT",
                "les-ivg-en-etablissement-hospitalier IR_CCAM_V:JNJP001",
                "hors-etablissement ER_PRS_F.PRS_NAT_REF", "hors-etablissement IR_NAT_V:3329", "hors-etablissement ER_PRS_F",
                "hors-etablissement ER_ETE_F.ETE_CAT_COD", "hors-etablissement IR_CET_V:124",
                "hors-etablissement IR_CET_V:130");
        Mention code = store.mentionsOf(List.of(new MentionTarget(EntryKind.CODE, "IR_CET_V:124")))
                .get(new MentionTarget(EntryKind.CODE, "IR_CET_V:124")).get(0);
        assertThat(code.context()).isEqualTo("124 | centre de santé");
        assertThat(code.line()).isEqualTo(22);
    }

    @Test
    void linksBetweenPagesAreKeptAndAPermalinkLeadsToItsPage() {
        importAll();
        assertThat(store.linksFrom(DocumentKey.of("fiches/ivg"))).extracting(l -> l.to().value())
                .containsExactly("glossaire/PMSI", "tables/PMSI/PMSI MCO/T_MCOaaB");
        assertThat(store.linksTo(DocumentKey.of("glossaire/PMSI"))).hasSize(1);
    }

    @Test
    void aGlossaryPageBecomesATermWithItsAcronymAndExpansion() {
        importAll();
        assertThat(store.terms()).singleElement().satisfies(t -> {
            assertThat(t.acronym()).contains("PMSI");
            assertThat(t.expansion()).contains("Programme de médicalisation des systèmes d'information");
            assertThat(t.definition()).startsWith("Le PMSI décrit");
        });
        assertThat(store.terms()).extracting(Term::document).containsExactly(DocumentKey.of("glossaire/PMSI"));
    }

    @Test
    void aTablesPageMentionsItsTable() {
        importAll();
        assertThat(targets(store.mentionsFrom(DocumentKey.of("tables/PMSI/PMSI MCO/T_MCOaaB")))).containsExactly(" T_MCOaaB");
    }

    @Test
    void pagesAreWrittenInBatchesOfBoundedSizeAndAnUnchangedFolderWritesNothing() throws IOException {
        for (int i = 0; i < 117; i++) {
            write("fiches/page" + i + ".md", "# Page " + i + "\n\nLa table `ER_PRS_F`.\n");
        }
        Transactions writer = new Transactions(store, "");
        ImportReport r = new DocumentationImporter(LOOKUP, writer).importFolder(dir, ImportProgress.NONE);
        assertThat(r.filesImported()).isEqualTo(120);
        assertThat(writer.batches).containsExactly(DocumentationImporter.PAGES_PER_WRITE,
                DocumentationImporter.PAGES_PER_WRITE, 120 - 2 * DocumentationImporter.PAGES_PER_WRITE);
        assertThat(writer.singles).isZero();

        Transactions again = new Transactions(store, "");
        ImportReport second = new DocumentationImporter(LOOKUP, again).importFolder(dir, ImportProgress.NONE);
        assertThat(second.filesUnchanged()).isEqualTo(120);
        assertThat(again.batches).isEmpty();
        assertThat(again.singles).isZero();
    }

    @Test
    void aPageWhoseWriteFailsIsReportedAndTheOtherPagesOfItsBatchAreImported() throws IOException {
        for (int i = 0; i < 20; i++) {
            write("fiches/page" + i + ".md", "# Page " + i + "\n");
        }
        Transactions writer = new Transactions(store, "fiches/page7.md");
        ImportReport r = new DocumentationImporter(LOOKUP, writer).importFolder(dir, ImportProgress.NONE);
        assertThat(r.filesFailed()).isEqualTo(1);
        assertThat(r.problems()).anySatisfy(p -> assertThat(p.toString()).startsWith("ERROR fiches/page7.md"));
        assertThat(store.document(DocumentKey.of("fiches/page7"))).isEmpty();
        assertThat(store.document(DocumentKey.of("fiches/page6"))).isPresent();
        assertThat(store.document(DocumentKey.of("fiches/page8"))).isPresent();
        assertThat(store.fingerprints()).hasSize(22);
    }

    /**
     * A writer that keeps what the in-memory store writes, notes each transaction, and fails the
     * transactions holding one page (as a store whose transaction rolls back).
     */
    static final class Transactions implements DocumentationWriter {
        final InMemoryDocumentation store;
        final String failing;
        final List<Integer> batches = new ArrayList<>();
        int singles;
        int replaced;

        Transactions(InMemoryDocumentation store, String failing) {
            this.store = store;
            this.failing = failing;
        }

        @Override
        public void ensureSchema() {
            store.ensureSchema();
        }

        @Override
        public DocumentationChange write(DocumentationPage page) {
            singles++;
            if (page.sourcePath().equals(failing)) {
                throw new CatalogException("the store refused " + page.sourcePath());
            }
            return store.write(page);
        }

        @Override
        public List<DocumentationChange> writeAll(List<DocumentationPage> pages) {
            batches.add(pages.size());
            if (pages.stream().anyMatch(p -> p.sourcePath().equals(failing))) {
                throw new CatalogException("the store refused a batch");
            }
            return pages.stream().map(store::write).toList();
        }

        @Override
        public DocumentationChange deletePages(Collection<String> sourcePaths) {
            return store.deletePages(sourcePaths);
        }

        @Override
        public List<DocumentationChange> replaceAll(List<DocumentationPage> pages, Collection<String> removed) {
            replaced++;
            if (pages.stream().anyMatch(p -> p.sourcePath().equals(failing))) {
                throw new CatalogException("the store refused the transaction");
            }
            return store.replaceAll(pages, removed);
        }

        @Override
        public Map<String, String> fingerprints() {
            return store.fingerprints();
        }

        @Override
        public void addListener(DocumentationListener listener) {
            store.addListener(listener);
        }

        @Override
        public void removeListener(DocumentationListener listener) {
            store.removeListener(listener);
        }
    }

    @Test
    void anAtomicImportWithAFailingPageWritesNothingWhereTheDefaultImportsTheOthers() throws IOException {
        write("fiches/long.md", "# " + "Titre ".repeat(40) + "\n\nUn texte.\n");
        TextLimits limits = new TextLimits(100_000, 100);
        ImportReport atomic = new DocumentationImporter(LOOKUP, store, limits).importFolderAtomically(dir, ImportProgress.NONE);
        assertThat(atomic.filesFailed()).isEqualTo(1);
        assertThat(atomic.filesImported()).isZero();
        assertThat(atomic.problems()).anySatisfy(p -> assertThat(p.reason()).startsWith("--atomic: nothing imported"));
        assertThat(atomic.problems()).anySatisfy(p -> assertThat(p.toString()).startsWith("ERROR fiches/long.md (line 1"));
        assertThat(store.fingerprints()).isEmpty();

        ImportReport plain = new DocumentationImporter(LOOKUP, store, limits).importFolder(dir, ImportProgress.NONE);
        assertThat(plain.filesFailed()).isEqualTo(1);
        assertThat(store.fingerprints()).hasSize(3);
    }

    @Test
    void anAtomicImportWritesAndRemovesInOneTransactionAndWhenItFailsNothingChanges() throws IOException {
        importAll();
        Files.delete(dir.resolve("glossaire/PMSI.md"));
        write("fiches/nouvelle.md", "# Nouvelle page\n");
        Transactions refusing = new Transactions(store, "fiches/nouvelle.md");
        ImportReport refused = new DocumentationImporter(LOOKUP, refusing).importFolderAtomically(dir, ImportProgress.NONE);
        assertThat(refused.filesFailed()).isEqualTo(1);
        assertThat(refused.filesImported()).isZero();
        assertThat(refused.problems()).anySatisfy(p -> assertThat(p.reason()).startsWith("--atomic: nothing imported ("));
        assertThat(store.document(DocumentKey.of("glossaire/PMSI"))).isPresent();
        assertThat(store.document(DocumentKey.of("fiches/nouvelle"))).isEmpty();

        Transactions writer = new Transactions(store, "none");
        ImportReport done = new DocumentationImporter(LOOKUP, writer).importFolderAtomically(dir, ImportProgress.NONE);
        assertThat(done.hasErrors()).isFalse();
        assertThat(writer.replaced).isEqualTo(1);
        assertThat(writer.batches).isEmpty();
        assertThat(writer.singles).isZero();
        assertThat(done.filesImported()).isEqualTo(3);
        // fiches/ivg.md linked to the removed glossary page: written again; the table's page is unchanged.
        assertThat(done.filesUnchanged()).isEqualTo(1);
        assertThat(store.document(DocumentKey.of("glossaire/PMSI"))).isEmpty();
        assertThat(store.document(DocumentKey.of("fiches/nouvelle"))).isPresent();
    }

    @Test
    void importingAgainChangesNothingAndAChangedOrRemovedFileIsFollowed() throws IOException {
        importAll();
        ImportReport again = importAll();
        assertThat(again.filesUnchanged()).isEqualTo(3);
        write("glossaire/PMSI.md", PMSI + "\nIl est géré par l'ATIH.\n");
        ImportReport third = importAll();
        assertThat(third.filesUnchanged()).isEqualTo(2);
        assertThat(store.document(DocumentKey.of("glossaire/PMSI")).orElseThrow().text()).contains("ATIH");
        Files.delete(dir.resolve("tables/PMSI/PMSI MCO/T_MCOaaB.md"));
        ImportReport fourth = importAll();
        assertThat(store.document(DocumentKey.of("tables/PMSI/PMSI MCO/T_MCOaaB"))).isEmpty();
        // The page that linked to it is written again: its link leads nowhere now, and says so.
        assertThat(fourth.filesUnchanged()).isEqualTo(1);
        assertThat(fourth.problems()).anySatisfy(p -> assertThat(p.toString()).contains("fiches/ivg.md (line 12)")
                .contains("no page"));
    }

    @Test
    void badPagesAreImportedAsFarAsTheyAreSoundAndEachProblemIsReportedWithFileAndLine() throws IOException {
        write("fiches/broken.md", """
                ---
                tags: [unclosed
                # Page sans fin de front matter
                Voir [la fiche perdue](perdue.md) et la table `T_NOPE_F`.
                """);
        byte[] latin1 = "# Page en Latin-1\n\nLa table `ER_PRS_F` des prestations rembours\u00e9es.\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("fiches/latin1.md"), latin1);
        StringBuilder big = new StringBuilder("# Une très grande page\n\n");
        String paragraph = "Une ligne de texte qui parle de la table `ER_PRS_F` et de rien d'autre. ".repeat(10) + "\n\n";
        while (big.length() < 5 * 1024 * 1024) {
            big.append(paragraph);
        }
        write("fiches/big.md", big.toString());
        ImportReport r = importAll();
        List<String> problems = r.problems().stream().map(ImportProblem::toString).toList();
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("WARNING fiches/broken.md (line 1)")
                .contains("front matter"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("WARNING fiches/broken.md (line 4)")
                .contains("perdue"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("WARNING fiches/broken.md (line 4)")
                .contains("T_NOPE_F"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("WARNING fiches/latin1.md (line 3)")
                .contains("not UTF-8"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("WARNING fiches/big.md").contains("longer than"));
        assertThat(r.filesFailed()).isZero();
        assertThat(store.document(DocumentKey.of("fiches/broken"))).isPresent();
        assertThat(store.document(DocumentKey.of("fiches/latin1")).orElseThrow().text()).contains("La table ER_PRS_F des prestations");
        assertThat(store.document(DocumentKey.of("fiches/big")).orElseThrow().text().length())
                .isLessThanOrEqualTo(Document.MAX_TEXT);
        assertThat(targets(store.mentionsFrom(DocumentKey.of("fiches/latin1")))).containsExactly(" ER_PRS_F");
        // nothing else lost: the sound pages are all there
        assertThat(store.document(DocumentKey.of("fiches/ivg#hors-etablissement"))).isPresent();
        assertThat(store.stats().pages()).isEqualTo(6);
    }
}
