package org.healthgraph.catalog.search.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.util.BytesRef;
import org.healthgraph.catalog.search.DocumentKind;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;

/**
 * The per-document multiplier of the score, computed at query time from the document's kind and
 * product (so the rule can change without re-indexing): the kind's weight, times the product's
 * weight under the canonical-product rule unless the query names a product, times
 * {@link #NAMED_PRODUCT_BONUS} for documents of a product the query names, times the document's
 * prominence (see {@link DocumentMapper}), times the reference-list weight for code lists and codes
 * (with, for codes, their list's prominence), times {@link #CATEGORY_BONUS} for a code that heads a
 * category when the query names a concept.
 *
 * <p>Category-level rule: a query of words (no code in it) names a concept; in a hierarchical code
 * list the category (ICD-10 I21, "Infarctus aigu du myocarde") is what stands for the concept, its
 * subdivisions (I210 ... I219) are details of it. A code is a category when codes of its list
 * extend it by one or two characters.
 */
public final class PriorSource extends DoubleValuesSource {

    static final double NAMED_PRODUCT_BONUS = 1.6;
    static final double CATEGORY_BONUS = 1.3;
    /** List weights by leaf of each open top-level reader; entries go with their reader. */
    private static final Map<IndexReader, Map<Integer, float[]>> LIST_WEIGHTS = new WeakHashMap<>();

    private final Set<String> namedProductWords;
    private final boolean concept;

    public PriorSource(Set<String> namedProductWords) {
        this(namedProductWords, false);
    }

    /** @param concept whether the query names a concept (words, no code): the category-level rule applies */
    public PriorSource(Set<String> namedProductWords, boolean concept) {
        this.namedProductWords = Set.copyOf(namedProductWords);
        this.concept = concept;
    }

    @Override
    public DoubleValues getValues(LeafReaderContext ctx, DoubleValues scores) throws IOException {
        SortedDocValues kind = DocValues.getSorted(ctx.reader(), Fields.KIND_DV);
        SortedDocValues product = DocValues.getSorted(ctx.reader(), Fields.PRODUCT);
        double[] kindWeights = new double[Math.max(0, kind.getValueCount())];
        for (int ord = 0; ord < kindWeights.length; ord++) {
            kindWeights[ord] = DocumentMapper.kindWeight(DocumentMapper.kindOf(kind.lookupOrd(ord).utf8ToString()));
        }
        double[] productWeights = new double[Math.max(0, product.getValueCount())];
        for (int ord = 0; ord < productWeights.length; ord++) {
            productWeights[ord] = namedProductWords.isEmpty()
                    ? DocumentMapper.productWeight(product.lookupOrd(ord).utf8ToString()) : 1.0;
        }
        byte[] named = namedOrdinals(product);
        IndexReader top = ReaderUtil.getTopLevelContext(ctx).reader();
        SortedDocValues list = DocValues.getSorted(ctx.reader(), Fields.NOMENCLATURE_DV);
        float[] listWeights = listWeights(top, ctx);
        boolean listsUsed = listWeights.length > 0;
        int codeOrd = ordOf(kind, DocumentKind.CODE);
        int listOrd = ordOf(kind, DocumentKind.NOMENCLATURE);
        org.apache.lucene.index.NumericDocValues prominence = DocValues.getNumeric(ctx.reader(), Fields.PROMINENCE_DV);
        SortedDocValues codeKeys = concept ? DocValues.getSorted(ctx.reader(), Fields.KEY_DV) : null;
        Map<String, Integer> levels = concept ? categoryLevels(top) : Map.of();
        boolean[] used = usedLists(top, list);
        return new Flagged() {
            private double value;
            private boolean conceptCode;

            @Override
            public boolean conceptCode() {
                return conceptCode;
            }

            @Override
            public double doubleValue() {
                return value;
            }

            @Override
            public boolean advanceExact(int doc) throws IOException {
                int k = kind.advanceExact(doc) ? kind.ordValue() : -1;
                value = k >= 0 ? kindWeights[k] : 1.0;
                conceptCode = false;
                if (listsUsed && k >= 0 && (k == codeOrd || k == listOrd) && list.advanceExact(doc)) {
                    value *= listWeights[list.ordValue()];
                }
                if (k != listOrd && prominence.advanceExact(doc)) {
                    value *= Float.intBitsToFloat((int) prominence.longValue());
                }
                if (codeKeys != null && k >= 0 && k == codeOrd && codeKeys.advanceExact(doc)
                        && isCategory(codeKeys.lookupOrd(codeKeys.ordValue()), top, levels)) {
                    value *= CATEGORY_BONUS;
                    conceptCode = list.advanceExact(doc) && used.length > list.ordValue() && used[list.ordValue()];
                }
                if (product.advanceExact(doc)) {
                    int ord = product.ordValue();
                    value *= productWeights[ord];
                    if (named != null && named[ord] == 1) {
                        value *= NAMED_PRODUCT_BONUS;
                    }
                }
                return true;
            }
        };
    }

    /**
     * Whether the code of {@code key} ("IR_CIM_V:I21") heads a category: codes of its list extend it,
     * or it is as long as its list's shortest codes that others extend (a three-character ICD-10
     * code without subdivisions, such as I10, is a category all the same).
     */
    private static boolean isCategory(BytesRef key, IndexReader top, Map<String, Integer> levels) throws IOException {
        if (top.docFreq(new Term(Fields.PARENTS, key)) > 0) {
            return true;
        }
        String k = key.utf8ToString();
        int colon = k.indexOf(':');
        Integer level = colon < 0 ? null : levels.get(k.substring(0, colon));
        return level != null && k.length() - colon - 1 == level;
    }

    /** Per open top-level reader, each hierarchical list's category level; entries go with their reader. */
    private static final Map<IndexReader, Map<String, Integer>> CATEGORY_LEVELS = new WeakHashMap<>();

    /** Least share of a list's longer codes that must extend a code of the category level for the list to be a hierarchy. */
    static final double HIERARCHY_SHARE = 0.8;

    /**
     * The category level of each hierarchical list: the length of its shortest codes that other
     * codes of the list extend (3 in ICD-10: I21 heads I210 ... I219), kept only when at least
     * {@link #HIERARCHY_SHARE} of the list's longer codes extend a code of that length (ICD-10 is
     * such a hierarchy; a flat list of codes of mixed lengths, where a few happen to extend others,
     * is not). Read once per reader, from the parents field and the sorted keys.
     */
    static Map<String, Integer> categoryLevels(IndexReader top) throws IOException {
        synchronized (CATEGORY_LEVELS) {
            Map<String, Integer> known = CATEGORY_LEVELS.get(top);
            if (known != null) {
                return known;
            }
        }
        Map<String, Integer> levels = new java.util.HashMap<>();
        Terms parents = MultiTerms.getTerms(top, Fields.PARENTS);
        Terms keys = MultiTerms.getTerms(top, Fields.KEY);
        if (parents != null && keys != null) {
            TermsEnum it = parents.iterator();
            TermsEnum key = keys.iterator();
            for (BytesRef t = it.next(); t != null; t = it.next()) {
                String p = t.utf8ToString();
                int colon = p.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String list = p.substring(0, colon);
                int length = p.length() - colon - 1;
                Integer shortest = levels.get(list);
                if ((shortest == null || length < shortest) && key.seekExact(t)) {
                    levels.put(list, length);
                }
            }
            // Keys are sorted, so a code's category, when the list has it, is the last code of the
            // category's length seen before it.
            Map<String, long[]> extending = new java.util.HashMap<>();
            TermsEnum all = keys.iterator();
            String lastList = null;
            String lastAtLevel = null;
            for (BytesRef t = all.next(); t != null; t = all.next()) {
                String k = t.utf8ToString();
                int colon = k.indexOf(':');
                Integer level = colon < 0 ? null : levels.get(k.substring(0, colon));
                if (level == null) {
                    continue;
                }
                String list = k.substring(0, colon);
                String code = k.substring(colon + 1);
                if (!list.equals(lastList)) {
                    lastList = list;
                    lastAtLevel = null;
                }
                if (code.length() == level) {
                    lastAtLevel = code;
                } else if (code.length() > level) {
                    long[] c = extending.computeIfAbsent(list, x -> new long[2]);
                    c[0]++;
                    if (lastAtLevel != null && code.startsWith(lastAtLevel)) {
                        c[1]++;
                    }
                }
            }
            levels.keySet().removeIf(list -> {
                long[] c = extending.get(list);
                return c == null || c[1] < HIERARCHY_SHARE * c[0];
            });
        }
        Map<String, Integer> out = Map.copyOf(levels);
        synchronized (CATEGORY_LEVELS) {
            CATEGORY_LEVELS.put(top, out);
        }
        return out;
    }

    /**
     * Reference-list rule (see {@link DocumentMapper}): the weight of each code list of the leaf, by
     * ordinal; empty when no variable of the index is coded by a list. Computed once per reader
     * (from the few hundred names of the coded-by field), not once per query.
     */
    private static float[] listWeights(IndexReader top, LeafReaderContext ctx) throws IOException {
        Map<Integer, float[]> byLeaf;
        synchronized (LIST_WEIGHTS) {
            byLeaf = LIST_WEIGHTS.computeIfAbsent(top, r -> new ConcurrentHashMap<>());
        }
        float[] cached = byLeaf.get(ctx.ord);
        if (cached != null) {
            return cached;
        }
        float[] weights = new float[0];
        Map<String, Float> prominent = listProminence(top);
        if (top.getDocCount(Fields.CODED_BY) > 0 || !prominent.isEmpty()) {
            SortedDocValues list = DocValues.getSorted(ctx.reader(), Fields.NOMENCLATURE_DV);
            weights = new float[Math.max(0, list.getValueCount())];
            Arrays.fill(weights, top.getDocCount(Fields.CODED_BY) > 0 ? DocumentMapper.COPY_LIST_WEIGHT : 1f);
            Terms used = MultiTerms.getTerms(top, Fields.CODED_BY);
            TermsEnum it = used == null ? TermsEnum.EMPTY : used.iterator();
            for (BytesRef name = it.next(); name != null; name = it.next()) {
                int ord = list.lookupTerm(name);
                if (ord >= 0) {
                    weights[ord] = 1f;
                }
            }
            // A code weighs its list's prominence too (a list itself already has it as its own).
            for (Map.Entry<String, Float> e : prominent.entrySet()) {
                int ord = list.lookupTerm(new BytesRef(e.getKey()));
                if (ord >= 0) {
                    weights[ord] *= e.getValue();
                }
            }
        }
        byLeaf.put(ctx.ord, weights);
        return weights;
    }

    /** The per-document values, telling also whether the document is a category code of a used list. */
    public abstract static class Flagged extends DoubleValues {
        /** Whether the last document is a category code of a list that variables use (concept rule). */
        public abstract boolean conceptCode();
    }

    /** Whether each code list of the leaf (by ordinal) codes some variable. */
    private static boolean[] usedLists(IndexReader top, SortedDocValues list) throws IOException {
        boolean[] used = new boolean[Math.max(0, list.getValueCount())];
        Terms terms = MultiTerms.getTerms(top, Fields.CODED_BY);
        TermsEnum it = terms == null ? TermsEnum.EMPTY : terms.iterator();
        for (BytesRef name = it.next(); name != null; name = it.next()) {
            int ord = list.lookupTerm(name);
            if (ord >= 0) {
                used[ord] = true;
            }
        }
        return used;
    }

    /** The prominence of each code list that has one, by name. */
    private static Map<String, Float> listProminence(IndexReader top) throws IOException {
        Map<String, Float> out = new java.util.HashMap<>();
        for (LeafReaderContext leaf : top.leaves()) {
            org.apache.lucene.index.NumericDocValues p = DocValues.getNumeric(leaf.reader(), Fields.PROMINENCE_DV);
            SortedDocValues kind = DocValues.getSorted(leaf.reader(), Fields.KIND_DV);
            SortedDocValues name = DocValues.getSorted(leaf.reader(), Fields.NOMENCLATURE_DV);
            int listOrd = ordOf(kind, DocumentKind.NOMENCLATURE);
            if (listOrd < 0) {
                continue;
            }
            for (int doc = p.nextDoc(); doc != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS; doc = p.nextDoc()) {
                if (kind.advanceExact(doc) && kind.ordValue() == listOrd && name.advanceExact(doc)) {
                    out.put(name.lookupOrd(name.ordValue()).utf8ToString(), Float.intBitsToFloat((int) p.longValue()));
                }
            }
        }
        return out;
    }

    private static int ordOf(SortedDocValues kind, DocumentKind k) throws IOException {
        return kind.lookupTerm(new BytesRef(k.name()));
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
        return Objects.hash(namedProductWords, concept);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PriorSource p && p.namedProductWords.equals(namedProductWords) && p.concept == concept;
    }

    @Override
    public String toString() {
        return "prior(named products " + namedProductWords + (concept ? ", concept" : "") + ")";
    }
}
