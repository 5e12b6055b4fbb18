package org.healthgraph.catalog.search.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;

/**
 * The per-document multiplier of the score: the stored prior (kind weight, times product weight
 * unless the query names a product), times {@link #NAMED_PRODUCT_BONUS} for documents of a product
 * the query names.
 */
public final class PriorSource extends DoubleValuesSource {

    static final double NAMED_PRODUCT_BONUS = 1.6;

    private final Set<String> namedProductWords;

    public PriorSource(Set<String> namedProductWords) {
        this.namedProductWords = Set.copyOf(namedProductWords);
    }

    @Override
    public DoubleValues getValues(LeafReaderContext ctx, DoubleValues scores) throws IOException {
        String field = namedProductWords.isEmpty() ? Fields.PRIOR : Fields.KIND_PRIOR;
        NumericDocValues prior = DocValues.getNumeric(ctx.reader(), field);
        SortedDocValues product = DocValues.getSorted(ctx.reader(), Fields.PRODUCT);
        byte[] named = namedOrdinals(product);
        return new DoubleValues() {
            private double value;

            @Override
            public double doubleValue() {
                return value;
            }

            @Override
            public boolean advanceExact(int doc) throws IOException {
                value = prior.advanceExact(doc) ? Float.intBitsToFloat((int) prior.longValue()) : 1.0;
                if (named != null && product.advanceExact(doc) && named[product.ordValue()] == 1) {
                    value *= NAMED_PRODUCT_BONUS;
                }
                return true;
            }
        };
    }

    private byte[] namedOrdinals(SortedDocValues product) throws IOException {
        if (namedProductWords.isEmpty()) {
            return null;
        }
        byte[] named = new byte[Math.max(0, product.getValueCount())];
        for (int ord = 0; ord < named.length; ord++) {
            String[] words = Analysis.fold(product.lookupOrd(ord).utf8ToString().toLowerCase(Locale.ROOT)).split("[\\s_-]+");
            if (Arrays.stream(words).anyMatch(namedProductWords::contains)) {
                named[ord] = 1;
            }
        }
        return named;
    }

    @Override
    public boolean needsScores() {
        return false;
    }

    @Override
    public DoubleValuesSource rewrite(IndexSearcher searcher) {
        return this;
    }

    @Override
    public boolean isCacheable(LeafReaderContext ctx) {
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(namedProductWords);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PriorSource p && p.namedProductWords.equals(namedProductWords);
    }

    @Override
    public String toString() {
        return "prior(named products " + namedProductWords + ")";
    }
}
