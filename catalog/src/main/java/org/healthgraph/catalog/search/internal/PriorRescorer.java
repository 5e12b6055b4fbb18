package org.healthgraph.catalog.search.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

/**
 * Multiplies the text scores of the best candidates by their prior and sorts them again. Applying
 * the prior to candidates only (rather than inside the query) keeps Lucene's dynamic pruning of
 * non-competitive documents, which is what keeps frequent words fast.
 */
public final class PriorRescorer {

    /** Candidates rescored, at least; a document below this rank would need a 3x better prior to matter. */
    public static final int CANDIDATES = 200;

    private PriorRescorer() {
    }

    /**
     * Concept rule: when a query of words (no code) has every one of its ideas in the label of a
     * category code of a code list that variables use (ICD-10 I50 "Insuffisance cardiaque" for
     * "insuffisance cardiaque"), it names that concept, and the code is what identifies it in the
     * data: its weight is raised from a code's to about a variable's (times this factor), so that it
     * is not buried under the columns and derived indicators that share its words.
     */
    static final double CONCEPT_FACTOR = 4.0;

    /** {@code top} rescored by {@code prior}, best first. */
    public static TopDocs rescore(IndexSearcher searcher, TopDocs top, PriorSource prior) throws IOException {
        return rescore(searcher, top, prior, java.util.Optional.empty());
    }

    /**
     * {@code top} rescored by {@code prior} and, when {@code allIdeas} is given (a query naming a
     * concept), by the concept rule; best first.
     */
    public static TopDocs rescore(IndexSearcher searcher, TopDocs top, PriorSource prior,
            java.util.Optional<org.apache.lucene.search.Query> allIdeas) throws IOException {
        ScoreDoc[] docs = top.scoreDocs.clone();
        Arrays.sort(docs, Comparator.comparingInt(d -> d.doc));
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        org.apache.lucene.search.Weight ideas = allIdeas.isEmpty() ? null
                : searcher.createWeight(searcher.rewrite(allIdeas.get()), org.apache.lucene.search.ScoreMode.COMPLETE_NO_SCORES, 1f);
        int leafIndex = -1;
        DoubleValues values = null;
        org.apache.lucene.search.DocIdSetIterator matching = null;
        for (ScoreDoc d : docs) {
            int li = ReaderUtil.subIndex(d.doc, leaves);
            LeafReaderContext leaf = leaves.get(li);
            if (li != leafIndex) {
                leafIndex = li;
                values = prior.getValues(leaf, null);
                org.apache.lucene.search.Scorer scorer = ideas == null ? null : ideas.scorer(leaf);
                matching = scorer == null ? null : scorer.iterator();
            }
            int doc = d.doc - leaf.docBase;
            double p = values.advanceExact(doc) ? values.doubleValue() : 1.0;
            if (matching != null && values instanceof PriorSource.Flagged f && f.conceptCode()
                    && matches(matching, doc)) {
                p *= CONCEPT_FACTOR;
            }
            d.score = (float) (d.score * p);
        }
        Arrays.sort(docs, (a, b) -> a.score != b.score ? Float.compare(b.score, a.score) : Integer.compare(a.doc, b.doc));
        return new TopDocs(top.totalHits, diversified(searcher, docs));
    }

    /** Results a researcher reads at once: the first page. */
    static final int FIRST_PAGE = 10;
    /** Most documentation passages on the first page (see {@link #diversified}). */
    static final int MAX_FIRST_PAGE_DOCUMENTS = 2;

    /**
     * Diversity rule: the first page of results shows the data first and the documentation beside
     * it. Of the documentation's pages and sections ranked among the first {@link #FIRST_PAGE}
     * results, only the best section of each page stays there, and at most
     * {@link #MAX_FIRST_PAGE_DOCUMENTS} in all: three sections of one page say the same thing in
     * three places, and the tables and variables they point to are what the researcher came for.
     * The passages moved keep their order, right after the first page.
     */
    static ScoreDoc[] diversified(IndexSearcher searcher, ScoreDoc[] ranked) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        org.apache.lucene.index.StoredFields stored = null;
        List<ScoreDoc> kept = new java.util.ArrayList<>(ranked.length);
        List<ScoreDoc> moved = new java.util.ArrayList<>();
        java.util.Set<String> pages = new java.util.HashSet<>();
        int documents = 0;
        for (ScoreDoc d : ranked) {
            if (kept.size() >= FIRST_PAGE) {
                kept.add(d);
                continue;
            }
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(d.doc, leaves));
            org.apache.lucene.index.SortedDocValues kind = org.apache.lucene.index.DocValues.getSorted(leaf.reader(), Fields.KIND_DV);
            boolean document = kind.advanceExact(d.doc - leaf.docBase)
                    && kind.lookupOrd(kind.ordValue()).utf8ToString().equals(org.healthgraph.catalog.search.DocumentKind.DOCUMENT.name());
            if (!document) {
                kept.add(d);
                continue;
            }
            if (stored == null) {
                stored = searcher.storedFields();
            }
            String key = stored.document(d.doc, java.util.Set.of(Fields.KEY)).get(Fields.KEY);
            String page = key == null ? "" : key.contains("#") ? key.substring(0, key.indexOf('#')) : key;
            if (documents < MAX_FIRST_PAGE_DOCUMENTS && pages.add(page)) {
                documents++;
                kept.add(d);
            } else {
                moved.add(d);
            }
        }
        if (moved.isEmpty()) {
            return ranked;
        }
        int at = Math.min(FIRST_PAGE, kept.size());
        kept.addAll(at, moved);
        return kept.toArray(ScoreDoc[]::new);
    }

    /** Whether the iterator, read in increasing document order, holds {@code doc}. */
    private static boolean matches(org.apache.lucene.search.DocIdSetIterator it, int doc) throws IOException {
        if (it.docID() < doc) {
            it.advance(doc);
        }
        return it.docID() == doc;
    }

    /** The prior of one document, for explanations. */
    public static double priorOf(IndexSearcher searcher, int doc, PriorSource prior) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        DoubleValues v = prior.getValues(leaf, null);
        return v.advanceExact(doc - leaf.docBase) ? v.doubleValue() : 1.0;
    }
}
