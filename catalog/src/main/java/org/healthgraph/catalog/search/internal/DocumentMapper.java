package org.healthgraph.catalog.search.internal;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.util.BytesRef;
import org.healthgraph.catalog.search.DocumentKind;
import org.healthgraph.catalog.search.SearchDocument;

/**
 * Writes a {@link SearchDocument} as Lucene fields, and holds the ranking priors.
 *
 * <p>Canonical-product rule: when a query names no product, each document's score is multiplied
 * by its product's weight, so that the table or variable of the source product comes before its
 * copies. Source products weigh 1.0: DCIR, PMSI MCO, BENEFICIAIRE, causes of death, and code-list
 * sources. Copies weigh less: PMSI SSR, HAD and RIM-P 0.7 (their tables mirror MCO's: T_SSRaaB,
 * T_HADaaB ... beside T_MCOaaB; low enough that MCO's "Mode de sortie du champ PMSI-MCO" comes
 * before HAD's shorter "Mode de sortie", which plain text scoring prefers for its length); DCIR_DCIRS 0.9 (referentials shared by DCIR and DCIRS);
 * CARTOGRAPHIE_PATHOLOGIES 0.85 (derived); DCIRS (a re-organised copy of DCIR) and DAMIR
 * (aggregates) 0.7; EGB (a 1/97 sample of DCIR) 0.6. Within a product, tables weigh 1.3, variables
 * and code lists 1.1, codes 0.3, so that a table or column beats a code value that shares its
 * words (codes still come first when the query is a code: exact and prefix matches score far
 * higher).
 *
 * <p>Reference-list rule: a code list that no variable is coded by is a copy of a code system
 * (IR_CCI_V, AT_OMS_V hold CIM-10 codes too), kept for lookups; its codes and itself weigh
 * {@link #COPY_LIST_WEIGHT}, so that the list variables actually use (IR_CIM_V, MS_CIM_V) comes
 * first. The rule applies only to an index that holds variables coded by some list.
 */
public final class DocumentMapper {

    /** Weights of the copy products; any other product weighs 1.0. */
    static final Map<String, Float> PRODUCT_WEIGHTS = Map.of(
            "PMSI SSR", 0.7f,
            "PMSI HAD", 0.7f,
            "PMSI RIM-P", 0.7f,
            "DCIR_DCIRS", 0.9f,
            "CARTOGRAPHIE_PATHOLOGIES", 0.85f,
            "DCIRS", 0.7f,
            "DAMIR", 0.7f,
            "EGB", 0.6f);

    /** Weight of a code list no variable uses, and of its codes. */
    public static final float COPY_LIST_WEIGHT = 0.75f;

    /**
     * Prominence rule: a table, variable, code list or code that many documentation sections name
     * and many joins reach is what researchers use; its score is multiplied by
     * {@code 1 + PROMINENCE_MAX * e / (e + PROMINENCE_HALF)}, {@code e} being its mentions plus
     * {@link #JOIN_WEIGHT} times its joins: at most {@code 1 + PROMINENCE_MAX}, half of it at
     * {@code PROMINENCE_HALF}. A copy of a more central table (and its variables) weighs
     * {@link #COPY_WEIGHT} more.
     */
    static final float PROMINENCE_MAX = 0.5f;
    static final float PROMINENCE_HALF = 6f;
    static final float JOIN_WEIGHT = 1f;
    static final float COPY_WEIGHT = 0.8f;
    /** Codes one or two characters shorter than a code, that it may belong to (ICD-10 I21 of I210). */
    static final int PARENT_LEVELS = 2;
    /**
     * Shortest category: hierarchical classifications (ICD-10, ATC, GHM roots) write categories of
     * three characters or more holding a letter; in lists of short numbers "1" is no category of "10".
     */
    static final int MIN_CATEGORY_LENGTH = 3;

    private final FacetsConfig facets;

    public DocumentMapper(FacetsConfig facets) {
        this.facets = facets;
    }

    /** The facets configuration of the index: every dimension may hold several values. */
    public static FacetsConfig facetsConfig() {
        FacetsConfig config = new FacetsConfig();
        config.setMultiValued(Fields.YEAR, true);
        for (String dim : FACET_DIMENSIONS) {
            // Filters use the plain string fields; the facet module's drill-down terms would be a second copy.
            config.setDrillDownTermsIndexing(dim, FacetsConfig.DrillDownTermsIndexing.NONE);
        }
        return config;
    }

    /** The weight of a kind. */
    public static float kindWeight(DocumentKind kind) {
        return switch (kind) {
            case TABLE -> 1.3f;
            case VARIABLE, NOMENCLATURE -> 1.1f;
            case CODE -> 0.3f;
            case DOCUMENT -> 0.45f;
        };
    }

    /** The weight of a product under the canonical-product rule. */
    public static float productWeight(String product) {
        return PRODUCT_WEIGHTS.getOrDefault(product, 1.0f);
    }

    /** The prominence multiplier of a document (see the prominence rule). */
    public static float prominenceWeight(SearchDocument.Prominence p) {
        double e = p.mentions() + JOIN_WEIGHT * p.joins();
        double w = 1 + PROMINENCE_MAX * e / (e + PROMINENCE_HALF);
        return (float) (p.copy() ? w * COPY_WEIGHT : w);
    }

    /** The Lucene document of {@code d}. */
    public Document toLucene(SearchDocument d) throws IOException {
        Document doc = new Document();
        doc.add(new StringField(Fields.KEY, d.key(), Field.Store.YES));
        doc.add(new StringField(Fields.KEY_LC, Analysis.exact(d.key()), Field.Store.NO));
        doc.add(new StringField(Fields.NAME_EXACT, Analysis.exact(d.name()), Field.Store.NO));
        doc.add(new StoredField(Fields.NAME, d.name()));
        doc.add(new TextField(Fields.NAME_ID, d.name(), Field.Store.NO));
        doc.add(new TextField(Fields.LABEL, d.label(), Field.Store.YES));
        doc.add(new TextField(Fields.LABEL_PLAIN, d.label(), Field.Store.NO));
        if (d.kind() == DocumentKind.CODE) {
            doc.add(new TextField(Fields.LABEL_ROOTS, d.label(), Field.Store.NO));
        }
        if (!d.context().isEmpty() && d.kind() != DocumentKind.CODE) { // a list's title, repeated on every code, says little
            doc.add(new TextField(Fields.CONTEXT, d.context(), Field.Store.NO));
        }
        if (!d.product().isEmpty()) {
            doc.add(new TextField(Fields.PRODUCT_TEXT, d.product(), Field.Store.NO));
        }
        documentation(doc, d);
        if (d.kind() == DocumentKind.CODE) {
            doc.add(new TextField(Fields.LABEL_ENDINGS, d.label(), Field.Store.NO));
            doc.add(new SortedDocValuesField(Fields.KEY_DV, new BytesRef(d.key())));
            for (int cut = 1; cut <= PARENT_LEVELS && d.name().length() - cut >= MIN_CATEGORY_LENGTH; cut++) {
                String parent = d.name().substring(0, d.name().length() - cut);
                if (parent.chars().anyMatch(Character::isLetter)) {
                    doc.add(new StringField(Fields.PARENTS, d.nomenclature() + ":" + parent, Field.Store.NO));
                }
            }
        }
        if (d.kind() == DocumentKind.VARIABLE && !d.nomenclature().isEmpty()) {
            doc.add(new StringField(Fields.CODED_BY, d.nomenclature(), Field.Store.NO));
        }
        doc.add(new SortedDocValuesField(Fields.KIND_DV, new BytesRef(d.kind().name())));
        if (!d.nomenclature().isEmpty()) {
            doc.add(new SortedDocValuesField(Fields.NOMENCLATURE_DV, new BytesRef(d.nomenclature())));
        }
        if (!d.product().isEmpty()) {
            doc.add(new SortedDocValuesField(Fields.PRODUCT, new BytesRef(d.product())));
        }
        facet(doc, Fields.KIND, d.kind().name());
        facet(doc, Fields.PRODUCT, d.product());
        facet(doc, Fields.TABLE, d.table());
        facet(doc, Fields.NOMENCLATURE, d.nomenclature());
        facet(doc, Fields.TYPE, d.type());
        for (Integer y : d.years()) {
            facet(doc, Fields.YEAR, Integer.toString(y));
        }
        return facets.build(doc);
    }

    /** The fields of documentation text, knowledge, prominence and glossary terms. */
    private static void documentation(Document doc, SearchDocument d) {
        if (!d.text().isEmpty()) {
            doc.add(new TextField(Fields.TEXT, d.text(), Field.Store.YES));
        }
        if (!d.path().isEmpty()) {
            doc.add(new StoredField(Fields.PATH, d.path()));
        }
        if (d.kind() == DocumentKind.DOCUMENT) {
            int hash = d.key().indexOf('#');
            doc.add(new StringField(Fields.PAGE, hash < 0 ? d.key() : d.key().substring(0, hash), Field.Store.NO));
            d.mentions().forEach(m -> doc.add(new org.apache.lucene.document.SortedSetDocValuesField(Fields.MENTIONS,
                    new BytesRef(m))));
        }
        if (!d.knowledge().isEmpty()) {
            doc.add(new TextField(Fields.KNOWLEDGE, d.knowledge(), Field.Store.NO));
        }
        if (!d.topics().isEmpty()) {
            doc.add(new TextField(Fields.TOPICS, d.topics(), Field.Store.NO));
        }
        float prominence = prominenceWeight(d.prominence());
        if (prominence != 1f) {
            doc.add(new org.apache.lucene.document.FloatDocValuesField(Fields.PROMINENCE_DV, prominence));
        }
        if (!d.glossary().isEmpty()) {
            doc.add(new StringField(Fields.GLOSSARY, "1", Field.Store.NO));
            doc.add(new StoredField(Fields.ACRONYM, d.glossary().acronym()));
            doc.add(new StoredField(Fields.EXPANSION, d.glossary().expansion()));
        }
    }

    private static void facet(Document doc, String field, String value) {
        if (value.isEmpty()) {
            return;
        }
        // Hits show every dimension but the years: storing those would only make stored blocks larger.
        doc.add(new StringField(field, value, field.equals(Fields.YEAR) ? Field.Store.NO : Field.Store.YES));
        doc.add(new SortedSetDocValuesFacetField(field, value));
    }

    /** Lowercased kind words that hint what a researcher looks for. */
    public static DocumentKind kindOf(String stored) {
        return DocumentKind.valueOf(stored.toUpperCase(Locale.ROOT));
    }

    /** Facet dimensions, in the order results list them. */
    public static final List<String> FACET_DIMENSIONS = List.of(
            Fields.KIND, Fields.PRODUCT, Fields.TABLE, Fields.NOMENCLATURE, Fields.TYPE, Fields.YEAR);
}
