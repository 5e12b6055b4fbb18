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
        return new TopDocs(top.totalHits, docs);
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
