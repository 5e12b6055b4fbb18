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

    /** {@code top} rescored by {@code prior}, best first. */
    public static TopDocs rescore(IndexSearcher searcher, TopDocs top, PriorSource prior) throws IOException {
        ScoreDoc[] docs = top.scoreDocs.clone();
        Arrays.sort(docs, Comparator.comparingInt(d -> d.doc));
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        int leafIndex = -1;
        DoubleValues values = null;
        for (ScoreDoc d : docs) {
            int li = ReaderUtil.subIndex(d.doc, leaves);
            if (li != leafIndex) {
                leafIndex = li;
                values = prior.getValues(leaves.get(li), null);
            }
            LeafReaderContext leaf = leaves.get(li);
            double p = values.advanceExact(d.doc - leaf.docBase) ? values.doubleValue() : 1.0;
            d.score = (float) (d.score * p);
        }
        Arrays.sort(docs, (a, b) -> a.score != b.score ? Float.compare(b.score, a.score) : Integer.compare(a.doc, b.doc));
        return new TopDocs(top.totalHits, docs);
    }

    /** The prior of one document, for explanations. */
    public static double priorOf(IndexSearcher searcher, int doc, PriorSource prior) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        DoubleValues v = prior.getValues(leaf, null);
        return v.advanceExact(doc - leaf.docBase) ? v.doubleValue() : 1.0;
    }
}
