package org.healthgraph.catalog.search.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.lucene.index.IndexReader;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.util.BytesRef;
import org.healthgraph.catalog.search.DocumentKind;

/**
 * Turns what a researcher typed into a bounded Lucene query, never through a query parser, so
 * that syntax characters are plain text. Score, from strongest to weakest: the whole query equal
 * to a key or name; a typed word equal to a name or code; a code's prefix; the words of the query
 * (each an idea with its synonyms) found in a label, all of them better than some, in order better
 * still; identifier parts of names; the enclosing table's or list's title. Words of five letters or
 * more that the index does not know are also looked up with at most one or two edits.
 *
 * <p>Own-text rule: the bonus for holding every idea of the query counts only what a document says
 * itself (label, name, product), not its enclosing table's title: a variable "Boîtes délivrées" of a
 * pharmacy table does not answer "boîtes délivrées en pharmacie" as well as one that says all three.
 *
 * <p>Code rule: a word shaped like a code (letters and digits only, at least one of each: I21,
 * C10AA) is looked up whole and by prefix, never by its digits apart, so that the code and the
 * codes extending it (I210 ... I219) come before codes that merely share its digits (A21, B21, C21).
 */
public final class QueryPlanner {

    /** Longest query text considered. */
    public static final int MAX_CHARS = 256;
    /** Most words considered. */
    public static final int MAX_WORDS = 32;
    /** Fuzzy matching: shortest word, unchanged leading letters, most expansions. */
    static final int FUZZY_MIN_LENGTH = 5;
    static final int FUZZY_PREFIX = 2;
    static final int FUZZY_MAX_EXPANSIONS = 16;
    /** Words of this length or more may have two edits; shorter ones one. */
    static final int FUZZY_TWO_EDITS_LENGTH = 8;
    /** A word held by at most this many labels is rare (see the rare-word rule). */
    static final int RARE_WORD_FREQ = 2;
    /** How much more common a neighbour of a rare word must be to be read instead of it. */
    static final int POPULAR_FACTOR = 30;
    /** Most words of one query looked up with edits. */
    static final int MAX_FUZZY_WORDS = 3;

    /** Most glossary terms read from an index. */
    static final int MAX_GLOSSARY_TERMS = 10_000;
    /**
     * Root rule: a code's label holding the typed word's root (Snowball's French stemmer: "Épisodes
     * dépressifs" for "dépression", "Maladies hypertensives" for "hypertension") matches it as its
     * words would. Nomenclatures name a condition by its adjective as often as by its noun. Only
     * codes' labels are so read: on variables' and tables' labels the roots confuse more than they
     * find ("commune" and "commun"), as the tuning half showed.
     */
    static final float ROOTS_BOOST = 1f;
    /** Weight of a documentation page's or section's text beside its title. */
    static final float TEXT_BOOST = 0.5f;
    /**
     * Knowledge rule: what the documentation says around the mentions of an entry (the sentence, the
     * section's title) counts like the entry's own context, a little less than its label.
     */
    static final float KNOWLEDGE_BOOST = 0.4f;
    /**
     * Topic rule: the title of a documentation section about an entry (its heading names the entry)
     * is a short statement, chosen by people, of what the entry is for: it counts more than a label
     * and than a name part found through a synonym.
     */
    static final float TOPICS_BOOST = 2f;

    /**
     * Word-ending rule: in drug and procedure code lists a word's meaning is often in its ending (the
     * WHO's INN stems: -statine, -sartan, -prazole; -ectomie, -graphie), so a typed word of
     * {@link #ENDING_MIN_LENGTH} letters or more also finds the codes whose label holds a longer word
     * ending with it ("statine": ATORVASTATINE, and the ATC class that lists it), for a fixed score;
     * only a word that no label holds itself is read so, and such a word is not read as a typo.
     */
    static final int ENDING_MIN_LENGTH = 6;
    static final float ENDING_SCORE = 1f;

    /** Shortest code looked up by prefix ("I21" finds I210 ...; "00" only finds itself). */
    static final int MIN_CODE_PREFIX = 3;

    /** Words that say what kind of thing is wanted rather than what it is about. */
    static final java.util.Map<String, DocumentKind> KIND_WORDS = java.util.Map.ofEntries(
            java.util.Map.entry("table", DocumentKind.TABLE),
            java.util.Map.entry("tables", DocumentKind.TABLE),
            java.util.Map.entry("variable", DocumentKind.VARIABLE),
            java.util.Map.entry("variables", DocumentKind.VARIABLE),
            java.util.Map.entry("colonne", DocumentKind.VARIABLE),
            java.util.Map.entry("colonnes", DocumentKind.VARIABLE),
            java.util.Map.entry("champ", DocumentKind.VARIABLE),
            java.util.Map.entry("nomenclature", DocumentKind.NOMENCLATURE),
            java.util.Map.entry("nomenclatures", DocumentKind.NOMENCLATURE));

    /** Question words that say nothing about the answer. */
    static final Set<String> QUESTION_WORDS = Set.of("quel", "quelle", "quels", "quelles", "ou", "comment",
            "trouver", "contient", "contenant", "donne", "cherche", "existe", "y", "t", "il");

    /** Words that name a product; a query holding one drops the canonical-product rule. */
    static final Set<String> PRODUCT_WORDS = Set.of("dcir", "dcirs", "egb", "pmsi", "mco", "ssr", "smr", "had",
            "rim", "rimp", "damir", "beneficiaire", "beneficiaires", "cartographie", "cepidc");

    private static final Pattern CODE_LIKE = Pattern.compile("[a-z0-9.+-]*[0-9][a-z0-9.+-]*");
    /** A code as one word: letters and digits only, at least one of each (I21, C10AA; not CIM-10, not 2010). */
    private static final Pattern CODE_WORD = Pattern.compile("(?=[a-z0-9]*[a-z])(?=[a-z0-9]*[0-9])[a-z0-9]+");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern SPLIT = Pattern.compile("[\\s,;!?()\\[\\]{}\"'’«»*~^\\\\/|&<>=]+");

    static final float EXACT_QUERY_BOOST = 40f;
    static final float EXACT_WORD_BOOST = 12f;
    static final float CODE_PREFIX_BOOST = 4f;
    static final float HOLDING_LIST_BOOST = 6f;
    static final float ALL_IDEAS_BOOST = 2f;
    static final float PHRASE_BOOST = 1.5f;
    static final float NAME_PART_BOOST = 1.5f;
    /**
     * Short-synonym rule: a synonym of two letters is looked up in labels, not among name parts,
     * where two letters stand for too many things (PS is the health professional of the synonym
     * list, and the care pathway, "parcours de soins", in PS_IND). A two-letter word typed by the
     * researcher ("DP") is still looked up among name parts.
     */
    static final int MIN_SYNONYM_NAME_PART = 3;
    /** Score of a whole word (five letters or more) found among a name's parts; see {@link #namePart}. */
    static final float NAME_WORD_SCORE = 2f;
    static final Pattern NAME_WORD = Pattern.compile("[a-z]{5,}");
    static final float CONTEXT_BOOST = 0.3f;
    static final float PRODUCT_WORD_BOOST = 2.5f;
    static final float KIND_HINT_BOOST = 1.5f;
    /** A synonym counts for a little less than the word typed. */
    static final float SYNONYM_WEIGHT = 0.9f;
    static final float NAMED_LIST_BOOST = EXACT_QUERY_BOOST;
    /** Most code lists one word may name (see {@link #namedLists}). */
    static final int MAX_NAMED_LISTS = 3;
    /** Words that ask for a code. */
    static final Set<String> CODE_WORDS = Set.of("code", "codes");

    private final Analyzer french = Analysis.french();
    private final Analyzer plain = Analysis.plain();
    private final Analyzer roots = Analysis.roots();
    private final Analyzer identifier = Analysis.identifier(false);
    private final Synonyms curated;
    /** The curated synonyms with the glossary terms of each open reader's index; entries go with their reader. */
    private final Map<IndexReader, Synonyms> withGlossary = new WeakHashMap<>();
    private final org.apache.lucene.search.spell.DirectSpellChecker oneEdit = newSpellChecker(1);
    private final org.apache.lucene.search.spell.DirectSpellChecker twoEdits = newSpellChecker(2);

    private static org.apache.lucene.search.spell.DirectSpellChecker newSpellChecker(int edits) {
        org.apache.lucene.search.spell.DirectSpellChecker c = new org.apache.lucene.search.spell.DirectSpellChecker();
        c.setMaxEdits(edits);
        c.setMinPrefix(FUZZY_PREFIX - 1);
        c.setMaxInspections(FUZZY_MAX_EXPANSIONS);
        c.setMinQueryLength(FUZZY_MIN_LENGTH);
        return c;
    }

    public QueryPlanner(Synonyms synonyms) {
        this.curated = synonyms;
    }

    /**
     * Glossary rule: the acronym and the expansion of every glossary page in the index find each
     * other ("HAD" and "hospitalisation à domicile"), beside the curated synonyms. Read once per
     * reader (a few hundred stored fields), not once per query.
     */
    Synonyms synonymsOf(IndexSearcher searcher) throws IOException {
        IndexReader reader = searcher.getIndexReader();
        synchronized (withGlossary) {
            Synonyms s = withGlossary.get(reader);
            if (s != null) {
                return s;
            }
        }
        List<List<String>> terms = new ArrayList<>();
        TopDocs glossary = searcher.search(new TermQuery(new Term(Fields.GLOSSARY, "1")), MAX_GLOSSARY_TERMS);
        org.apache.lucene.index.StoredFields stored = searcher.storedFields();
        for (ScoreDoc sd : glossary.scoreDocs) {
            org.apache.lucene.document.Document d = stored.document(sd.doc, Set.of(Fields.ACRONYM, Fields.EXPANSION));
            terms.add(List.of(d.get(Fields.ACRONYM), d.get(Fields.EXPANSION)));
        }
        Synonyms s = terms.isEmpty() ? curated : curated.with(terms);
        synchronized (withGlossary) {
            withGlossary.put(reader, s);
        }
        return s;
    }

    /** The query to run, the query to highlight with, and why the text was altered if it was. */
    public record Plan(Query query, PriorSource prior, Query highlight, Optional<String> notice, boolean empty,
                       Optional<Query> allIdeas) {
    }

    /** Plans {@code raw} against {@code searcher}'s index, restricted by {@code filter} when present. */
    public Plan plan(String raw, Optional<Query> filter, IndexSearcher searcher) throws IOException {
        Optional<String> notice = Optional.empty();
        String text = raw.strip();
        if (text.length() > MAX_CHARS) {
            text = text.substring(0, MAX_CHARS);
            notice = Optional.of("query truncated to its first " + MAX_CHARS + " characters");
        }
        List<String> tokens = new ArrayList<>();
        for (String t : SPLIT.split(text)) {
            String tok = t.replaceAll("^[.:_-]+|[.:_-]+$", "");
            if (!tok.isEmpty()) {
                tokens.add(tok);
            }
        }
        if (tokens.size() > MAX_WORDS) {
            tokens = tokens.subList(0, MAX_WORDS);
            notice = Optional.of("query truncated to its first " + MAX_WORDS + " words");
        }
        if (tokens.isEmpty()) {
            return new Plan(new MatchNoDocsQuery("nothing to search for"), new PriorSource(Set.of()), new MatchNoDocsQuery("nothing to search for"), notice, true, Optional.empty());
        }
        String joined = String.join(" ", tokens);
        List<String> words = Analysis.terms(plain, Fields.LABEL_PLAIN, joined);
        Set<DocumentKind> hinted = new LinkedHashSet<>();
        Set<String> products = new LinkedHashSet<>();
        List<String> content = new ArrayList<>();
        for (String w : words) {
            if (KIND_WORDS.containsKey(w)) {
                hinted.add(KIND_WORDS.get(w));
            } else if (!QUESTION_WORDS.contains(w)) {
                content.add(w);
            }
            if (PRODUCT_WORDS.contains(w)) {
                products.add(w);
            }
        }
        Synonyms synonyms = synonymsOf(searcher);
        BooleanQuery.Builder text0 = new BooleanQuery.Builder();
        BooleanQuery.Builder highlight = new BooleanQuery.Builder();
        exactClauses(text0, joined, tokens, searcher);
        Optional<Query> allIdeas = ideaClauses(text0, highlight, content, searcher, synonyms);
        namedLists(text0, content, searcher, synonyms);
        wordEndings(text0, content, searcher.getIndexReader());
        boolean concept = !content.isEmpty() && tokens.stream().noneMatch(t -> CODE_LIKE.matcher(Analysis.exact(t)).matches());
        BooleanQuery textQuery = text0.build();
        if (textQuery.clauses().isEmpty()) {
            return new Plan(new MatchNoDocsQuery("nothing to search for"), new PriorSource(Set.of()), new MatchNoDocsQuery("nothing to search for"), notice, true, Optional.empty());
        }
        Optional<Query> votes = documentationVotes(textQuery, searcher);
        Query matching = votes.isEmpty() ? textQuery : new BooleanQuery.Builder().add(textQuery, Occur.SHOULD)
                .add(votes.get(), Occur.SHOULD).build();
        BooleanQuery.Builder all = new BooleanQuery.Builder().add(matching, Occur.MUST);
        for (DocumentKind k : hinted) {
            all.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term(Fields.KIND, k.name()))),
                    KIND_HINT_BOOST), Occur.SHOULD);
        }
        filter.ifPresent(f -> all.add(f, Occur.FILTER));
        return new Plan(all.build(), new PriorSource(products, concept), highlight.build(), notice, false,
                concept ? allIdeas : Optional.empty());
    }

    /**
     * Documentation-vote rule: the documentation says which tables, variables and codes answer a
     * topic, in words that the entries' own labels often lack ("audioprothèses" for the table of
     * medical devices). The query is run against the documentation's pages and sections first; the
     * best {@link #VOTE_SECTIONS} of them (those scoring at least {@link #VOTE_MIN_RELATIVE} of the
     * best) each give the entries they name a share of their own score, divided by the square root
     * of how many entries they name (a section naming two tables says more of each than a list of
     * forty variables), times {@link #VOTE_WEIGHT}. An entry so named is found even when none of
     * the query's words is in its own text.
     */
    Optional<Query> documentationVotes(Query textQuery, IndexSearcher searcher) throws IOException {
        if (VOTE_WEIGHT <= 0 || searcher.getIndexReader().getDocCount(Fields.TEXT) == 0) {
            return Optional.empty();
        }
        Query sections = new BooleanQuery.Builder().add(textQuery, Occur.MUST)
                .add(new TermQuery(new Term(Fields.KIND, DocumentKind.DOCUMENT.name())), Occur.FILTER).build();
        TopDocs top = searcher.search(sections, VOTE_SECTIONS);
        if (top.scoreDocs.length == 0) {
            return Optional.empty();
        }
        float best = top.scoreDocs[0].score;
        Map<String, Double> votes = new java.util.LinkedHashMap<>();
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        for (ScoreDoc sd : top.scoreDocs) {
            if (sd.score < VOTE_MIN_RELATIVE * best) {
                break;
            }
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
            org.apache.lucene.index.SortedSetDocValues dv = DocValues.getSortedSet(leaf.reader(), Fields.MENTIONS);
            if (!dv.advanceExact(sd.doc - leaf.docBase)) {
                continue;
            }
            List<String> named = new ArrayList<>(dv.docValueCount());
            for (int i = 0; i < dv.docValueCount(); i++) {
                named.add(dv.lookupOrd(dv.nextOrd()).utf8ToString());
            }
            double share = sd.score / Math.pow(named.size(), VOTE_EXPONENT);
            for (String key : named) {
                votes.merge(key, share, Double::sum);
            }
        }
        if (votes.isEmpty()) {
            return Optional.empty();
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        votes.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(MAX_VOTES)
                .forEach(e -> b.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term(Fields.KEY, e.getKey()))),
                        (float) (VOTE_WEIGHT * e.getValue())), Occur.SHOULD));
        return Optional.of(b.build());
    }

    /** Documentation-vote rule: sections read, least share of the best section's score, weight of a vote. */
    static final int VOTE_SECTIONS = 5;
    static final double VOTE_MIN_RELATIVE = 0.5;
    static final double VOTE_EXPONENT = 0.5;
    static final double VOTE_WEIGHT = 0.5;
    /** Most entries one query's votes may name. */
    static final int MAX_VOTES = 64;

    private void exactClauses(BooleanQuery.Builder b, String joined, List<String> tokens, IndexSearcher searcher)
            throws IOException {
        String whole = Analysis.exact(joined);
        // A word equal to a code is a code search only when it looks like one (has a digit): "DP"
        // asks for the principal diagnosis, not for the code "DP" of some list.
        boolean wholeCodeLike = CODE_LIKE.matcher(whole).matches();
        Query exactName = new TermQuery(new Term(Fields.NAME_EXACT, whole));
        if (!wholeCodeLike) {
            exactName = new BooleanQuery.Builder().add(exactName, Occur.MUST)
                    .add(new TermQuery(new Term(Fields.KIND, DocumentKind.CODE.name())), Occur.MUST_NOT).build();
            b.add(new BoostQuery(new TermQuery(new Term(Fields.NAME_EXACT, whole)), EXACT_WORD_BOOST / 4), Occur.SHOULD);
        }
        b.add(new BoostQuery(exactName, EXACT_QUERY_BOOST), Occur.SHOULD);
        b.add(new BoostQuery(new TermQuery(new Term(Fields.KEY_LC, whole)), EXACT_QUERY_BOOST), Occur.SHOULD);
        Set<String> seen = new LinkedHashSet<>();
        List<String> codes = new ArrayList<>();
        for (String tok : tokens) {
            String t = Analysis.exact(tok);
            if (t.length() < 2 || !seen.add(t)) {
                continue;
            }
            boolean codeLike = CODE_LIKE.matcher(t).matches() && t.length() <= 20;
            if (tokens.size() > 1) {
                b.add(new BoostQuery(new TermQuery(new Term(Fields.NAME_EXACT, t)), EXACT_WORD_BOOST), Occur.SHOULD);
                b.add(new BoostQuery(new TermQuery(new Term(Fields.KEY_LC, t)), EXACT_WORD_BOOST), Occur.SHOULD);
            }
            if (codeLike && t.length() >= MIN_CODE_PREFIX) {
                codes.add(t);
                Query prefix = new BooleanQuery.Builder()
                        .add(new PrefixQuery(new Term(Fields.NAME_EXACT, t)), Occur.MUST)
                        .add(new TermQuery(new Term(Fields.KIND, DocumentKind.CODE.name())), Occur.FILTER)
                        .build();
                b.add(new BoostQuery(new ConstantScoreQuery(prefix), CODE_PREFIX_BOOST), Occur.SHOULD);
            }
        }
        if (!codes.isEmpty()) {
            holdingLists(b, codes, searcher);
        }
    }

    /**
     * Named-list rule: a query that asks for a code ("code", "codes") and holds a word (or a
     * one-word synonym of it) that is a part of a few code lists' names ("code LPP": NT_LPP) asks
     * for those lists first (as an exact name would be, and more: their titles seldom hold the typed
     * words), then for the variables coded by them, before variables that merely share the words. A word naming more than {@link #MAX_NAMED_LISTS} lists names none in particular.
     */
    void namedLists(BooleanQuery.Builder b, List<String> content, IndexSearcher searcher, Synonyms synonyms)
            throws IOException {
        if (content.stream().noneMatch(CODE_WORDS::contains)) {
            return;
        }
        Set<String> candidates = new LinkedHashSet<>();
        for (String w : content) {
            if (CODE_WORDS.contains(w)) {
                continue;
            }
            candidates.add(w);
            synonyms.expansionsOf(w).stream().filter(e -> !e.contains(" ")).forEach(candidates::add);
        }
        Set<BytesRef> lists = new LinkedHashSet<>();
        List<String> rest = new ArrayList<>();
        for (String w : candidates) {
            if (w.length() < 3 || w.length() > 20) {
                rest.add(w);
                continue;
            }
            Query q = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(Fields.NAME_ID, w)), Occur.MUST)
                    .add(new TermQuery(new Term(Fields.KIND, DocumentKind.NOMENCLATURE.name())), Occur.FILTER)
                    .build();
            TopDocs top = searcher.search(q, MAX_NAMED_LISTS + 1);
            if (top.scoreDocs.length == 0 || top.scoreDocs.length > MAX_NAMED_LISTS) {
                rest.add(w);
                continue;
            }
            for (ScoreDoc sd : top.scoreDocs) {
                lists.add(new BytesRef(searcher.storedFields().document(sd.doc, Set.of(Fields.KEY)).get(Fields.KEY)));
            }
        }
        if (lists.isEmpty()) {
            return;
        }
        Query list = new BooleanQuery.Builder()
                .add(new TermInSetQuery(Fields.KEY, lists), Occur.MUST)
                .add(new TermQuery(new Term(Fields.KIND, DocumentKind.NOMENCLATURE.name())), Occur.FILTER)
                .build();
        b.add(new BoostQuery(new ConstantScoreQuery(list), NAMED_LIST_BOOST * 3), Occur.SHOULD);
        b.add(new BoostQuery(new ConstantScoreQuery(new TermInSetQuery(Fields.CODED_BY, lists)), NAMED_LIST_BOOST),
                Occur.SHOULD);
        codesOfNamedLists(b, lists, rest, searcher);
    }

    /**
     * Named-list rule, second part: a query that names a list and says more ("code CIM-10 de
     * l'infarctus du myocarde") asks for the codes of that list whose labels hold the other words,
     * before the list itself. Only when those words are specific: at most {@link #MAX_NAMED_CODES}
     * codes per named list hold them all (a word that many codes of the list share describes the
     * list, not one of its codes).
     */
    private void codesOfNamedLists(BooleanQuery.Builder b, Set<BytesRef> lists, List<String> rest,
            IndexSearcher searcher) throws IOException {
        BooleanQuery.Builder words = new BooleanQuery.Builder();
        int n = 0;
        for (String w : new LinkedHashSet<>(rest)) {
            if (CODE_LIKE.matcher(w).matches()) {
                continue; // "10" of "CIM-10" is a part of the list's name, not a word of a code's label
            }
            for (String stem : Analysis.terms(french, Fields.LABEL, w)) {
                words.add(new TermQuery(new Term(Fields.LABEL, stem)), Occur.MUST);
                n++;
            }
        }
        if (n == 0) {
            return;
        }
        Query codes = words.add(new TermInSetQuery(Fields.NOMENCLATURE, lists), Occur.FILTER)
                .add(new TermQuery(new Term(Fields.KIND, DocumentKind.CODE.name())), Occur.FILTER).build();
        int count = searcher.count(codes);
        if (count == 0 || count > MAX_NAMED_CODES * lists.size()) {
            return;
        }
        b.add(new BoostQuery(new ConstantScoreQuery(codes), NAMED_LIST_BOOST * 4), Occur.SHOULD);
    }

    /** Most codes the other words of a query naming a list may pick (see {@link #codesOfNamedLists}). */
    static final int MAX_NAMED_CODES = 50;

    /**
     * Adds the word-ending rule's clauses (see {@link #ENDING_MIN_LENGTH}) for the words no label
     * holds: a word that labels hold is answered by them, and its endings would only add noise.
     */
    private static void wordEndings(BooleanQuery.Builder b, List<String> content, IndexReader reader) throws IOException {
        for (String w : new LinkedHashSet<>(content)) {
            if (endingWord(w) && reader.docFreq(new Term(Fields.LABEL_PLAIN, w)) == 0) {
                Query ending = new PrefixQuery(new Term(Fields.LABEL_ENDINGS, reverse(w)));
                b.add(new BoostQuery(new ConstantScoreQuery(ending), ENDING_SCORE), Occur.SHOULD);
            }
        }
    }

    private static boolean endingWord(String w) {
        return w.length() >= ENDING_MIN_LENGTH && w.chars().allMatch(Character::isLetter);
    }

    private static String reverse(String w) {
        return new StringBuilder(w).reverse().toString();
    }

    /** Whether some code label holds a word ending with {@code w} (one seek in the reversed words). */
    private static boolean endsCodeLabelWords(String w, IndexReader reader) throws IOException {
        if (!endingWord(w)) {
            return false;
        }
        org.apache.lucene.index.Terms terms = org.apache.lucene.index.MultiTerms.getTerms(reader, Fields.LABEL_ENDINGS);
        if (terms == null) {
            return false;
        }
        BytesRef prefix = new BytesRef(reverse(w));
        org.apache.lucene.index.TermsEnum e = terms.iterator();
        return e.seekCeil(prefix) != org.apache.lucene.index.TermsEnum.SeekStatus.END
                && org.apache.lucene.util.StringHelper.startsWith(e.term(), prefix);
    }

    /** Adds the code lists that hold codes equal to or starting with the typed codes. */
    private static void holdingLists(BooleanQuery.Builder b, List<String> codes, IndexSearcher searcher)
            throws IOException {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (String c : codes) {
            any.add(new TermQuery(new Term(Fields.NAME_EXACT, c)), Occur.SHOULD);
            any.add(new PrefixQuery(new Term(Fields.NAME_EXACT, c)), Occur.SHOULD);
        }
        Query q = new BooleanQuery.Builder()
                .add(any.build(), Occur.MUST)
                .add(new TermQuery(new Term(Fields.KIND, DocumentKind.CODE.name())), Occur.FILTER)
                .build();
        TopDocs top = searcher.search(q, 50);
        Set<BytesRef> lists = new LinkedHashSet<>();
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        for (ScoreDoc sd : top.scoreDocs) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
            SortedDocValues dv = DocValues.getSorted(leaf.reader(), Fields.NOMENCLATURE_DV);
            if (dv.advanceExact(sd.doc - leaf.docBase)) {
                lists.add(BytesRef.deepCopyOf(dv.lookupOrd(dv.ordValue())));
            }
        }
        if (!lists.isEmpty()) {
            Query holding = new BooleanQuery.Builder()
                    .add(new TermInSetQuery(Fields.KEY, lists), Occur.MUST)
                    .add(new TermQuery(new Term(Fields.KIND, DocumentKind.NOMENCLATURE.name())), Occur.FILTER)
                    .build();
            b.add(new BoostQuery(new ConstantScoreQuery(holding), HOLDING_LIST_BOOST), Occur.SHOULD);
        }
    }

    /**
     * Words of {@link #FUZZY_MIN_LENGTH} letters or more that no label holds are replaced by the
     * closest word that labels do hold (at most {@link #MAX_FUZZY_WORDS} of them, one or two edits,
     * first letter kept), so that a corrected word also finds its synonyms.
     */
    private List<String> corrected(List<String> words, IndexSearcher searcher, Synonyms synonyms) throws IOException {
        List<String> out = new ArrayList<>(words.size());
        int budget = MAX_FUZZY_WORDS;
        IndexReader reader = searcher.getIndexReader();
        for (String w : words) {
            String use = w;
            if (budget > 0 && w.length() >= FUZZY_MIN_LENGTH && !CODE_LIKE.matcher(w).matches()
                    && synonyms.expansionsOf(w).isEmpty()) {
                int freq = reader.docFreq(new Term(Fields.LABEL_PLAIN, w));
                if (freq == 0 && !knownToDocumentation(w, reader) && !endsCodeLabelWords(w, reader)) {
                    budget--;
                    use = unknownWord(w, reader).orElse(w);
                } else if (freq > 0 && freq <= RARE_WORD_FREQ) {
                    budget--;
                    use = rareWord(w, freq, reader).orElse(w);
                }
            }
            out.add(use);
        }
        return out;
    }

    /** The closest word labels hold: one edit, then two for long words. */
    private Optional<String> unknownWord(String w, IndexReader reader) throws IOException {
        // One edit first: most typos are one letter off, and a two-edit automaton costs several
        // times more to build than a one-edit one.
        org.apache.lucene.search.spell.SuggestWord[] s = oneEdit.suggestSimilar(new Term(Fields.LABEL_PLAIN, w), 1, reader,
                org.apache.lucene.search.spell.SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
        if (s.length == 0 && w.length() >= FUZZY_TWO_EDITS_LENGTH) {
            s = twoEdits.suggestSimilar(new Term(Fields.LABEL_PLAIN, w), 1, reader,
                    org.apache.lucene.search.spell.SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
        }
        return s.length > 0 ? Optional.of(s[0].string) : Optional.empty();
    }

    /**
     * Rare-word rule: a typo of a common word may itself be written in a label or two (labels have
     * typos too: "naisance", "hopital"); a word that few labels hold and that is one edit from a word
     * {@link #POPULAR_FACTOR} times as common is read as that word.
     */
    private Optional<String> rareWord(String w, int freq, IndexReader reader) throws IOException {
        org.apache.lucene.search.spell.SuggestWord[] s = oneEdit.suggestSimilar(new Term(Fields.LABEL_PLAIN, w), 1, reader,
                org.apache.lucene.search.spell.SuggestMode.SUGGEST_MORE_POPULAR);
        return s.length > 0 && s[0].freq >= POPULAR_FACTOR * freq ? Optional.of(s[0].string) : Optional.empty();
    }

    /**
     * A word no label holds but several documentation texts do is a word of the field (a term of the
     * documentation), not a typo: it is searched as typed.
     */
    private boolean knownToDocumentation(String w, IndexReader reader) throws IOException {
        List<String> stems = Analysis.terms(french, Fields.TEXT, w);
        return stems.size() == 1 && reader.docFreq(new Term(Fields.TEXT, stems.get(0))) >= 2;
    }

    /** Adds the ideas' clauses; returns the query that a document holding every idea in its own text matches. */
    private Optional<Query> ideaClauses(BooleanQuery.Builder b, BooleanQuery.Builder highlight, List<String> content,
            IndexSearcher searcher, Synonyms synonyms) throws IOException {
        PlanTerms terms = new PlanTerms(searcher);
        List<Query> ideas = new ArrayList<>();
        List<Query> ownIdeas = new ArrayList<>();
        content = corrected(content, searcher, synonyms);
        Set<String> seen = new LinkedHashSet<>();
        for (Synonyms.Concept c : synonyms.concepts(content)) {
            if (!seen.add(c.typed())) {
                continue; // a repeated idea adds cost, not meaning
            }
            Optional<Query> q = idea(c, highlight, true, terms);
            q.ifPresent(ideas::add);
            if (q.isPresent()) {
                ownIdeas.add(idea(c, new BooleanQuery.Builder(), false, terms).orElseThrow());
            }
        }
        if (ideas.isEmpty()) {
            return Optional.empty();
        }
        for (Query q : ideas) {
            b.add(q, Occur.SHOULD);
        }
        if (ideas.size() == 1) {
            return Optional.of(ownIdeas.get(0));
        }
        BooleanQuery.Builder allBuilder = new BooleanQuery.Builder();
        ownIdeas.forEach(q -> allBuilder.add(q, Occur.MUST));
        Query all = allBuilder.build();
        b.add(new BoostQuery(all, ALL_IDEAS_BOOST), Occur.SHOULD);
        List<String> stems = Analysis.terms(french, Fields.LABEL, String.join(" ", content));
        if (stems.size() > 1) {
            PhraseQuery.Builder phrase = new PhraseQuery.Builder().setSlop(2);
            stems.forEach(s -> phrase.add(new Term(Fields.LABEL, s)));
            b.add(new BoostQuery(phrase.build(), PHRASE_BOOST), Occur.SHOULD);
        }
        return Optional.of(all);
    }

    /** One idea: the typed words or any of their synonyms, in a label, a name or a context. */
    private Optional<Query> idea(Synonyms.Concept c, BooleanQuery.Builder highlight, boolean withContext,
            PlanTerms terms) throws IOException {
        if (c.synonyms().isEmpty() && (c.typed().length() < 2 || Analysis.terms(french, Fields.LABEL, c.typed()).isEmpty())) {
            // A stop word or a lone letter ("a" of "y a-t-il") is no idea; it stays among the words
            // only so that phrases holding it ("hospitalisation a domicile") still find their synonyms.
            return Optional.empty();
        }
        List<Query> alternatives = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        phrases.add(c.typed());
        phrases.addAll(c.synonyms());
        for (int i = 0; i < phrases.size(); i++) {
            String p = phrases.get(i);
            float weight = i == 0 ? 1f : SYNONYM_WEIGHT;
            alternatives.addAll(phraseQueries(p, weight, highlight, withContext, terms));
        }
        for (String p : phrases) {
            if (PRODUCT_WORDS.contains(p)) {
                alternatives.add(new BoostQuery(terms.term(Fields.PRODUCT_TEXT, p), PRODUCT_WORD_BOOST));
            }
        }
        if (alternatives.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(alternatives.size() == 1 ? alternatives.get(0) : new DisjunctionMaxQuery(alternatives, 0.1f));
    }

    private List<Query> phraseQueries(String phrase, float weight, BooleanQuery.Builder highlight,
            boolean withContext, PlanTerms terms) throws IOException {
        List<Query> out = new ArrayList<>();
        List<String> stems = Analysis.terms(french, Fields.LABEL, phrase);
        if (!stems.isEmpty()) {
            Query label = terms.all(Fields.LABEL, stems);
            highlight.add(label, Occur.SHOULD);
            Query text = terms.all(Fields.TEXT, stems);
            highlight.add(text, Occur.SHOULD);
            out.add(weight == 1f ? label : new BoostQuery(label, weight));
            out.add(new BoostQuery(text, TEXT_BOOST * weight));
            List<String> rootTerms = Analysis.terms(roots, Fields.LABEL_ROOTS, phrase);
            if (!rootTerms.isEmpty()) {
                out.add(new BoostQuery(terms.all(Fields.LABEL_ROOTS, rootTerms), ROOTS_BOOST * weight));
            }
            if (withContext) {
                out.add(new BoostQuery(terms.all(Fields.CONTEXT, stems), CONTEXT_BOOST * weight));
                out.add(new BoostQuery(terms.all(Fields.KNOWLEDGE, stems), KNOWLEDGE_BOOST * weight));
                out.add(new BoostQuery(terms.all(Fields.TOPICS, stems), TOPICS_BOOST * weight));
            }
        }
        if (!phrase.contains(" ")) {
            // Code rule: a code-shaped word (I21, C10AA, CIM10) is looked up whole and by prefix
            // (exactClauses); its digits apart are not a part of it, or "21" alone would bring A21,
            // B21, C21 before I210 ... I219 (its letters stay: CIM10 still finds MS_CIM_V).
            String lower = phrase.toLowerCase(Locale.ROOT);
            Set<String> parts = new LinkedHashSet<>(Analysis.terms(identifier, Fields.NAME_ID, phrase));
            if (CODE_WORD.matcher(lower).matches()) {
                parts.removeIf(part -> DIGITS.matcher(part).matches());
            }
            parts.add(lower);
            BooleanQuery.Builder names = new BooleanQuery.Builder();
            int shortest = weight == 1f ? 2 : MIN_SYNONYM_NAME_PART;
            for (String part : parts) {
                if (part.length() >= shortest) {
                    names.add(namePart(terms.term(Fields.NAME_ID, part), part), Occur.SHOULD);
                }
            }
            out.add(new BoostQuery(names.build(), NAME_PART_BOOST * weight));
        }
        return out;
    }

    /**
     * Name-word rule: SNDS names are made of abbreviations of two to four letters (BEN, NIR, PHA,
     * ALD), whose rarity among names says how specific they are. A whole word spelled in a name
     * (PHARMACIE in DEP_SDV_PHARMACIE_MNT) is rare among names only because names seldom spell
     * words: it counts a fixed {@link #NAME_WORD_SCORE}, about what the same word weighs in a
     * label, instead of a score growing with its rarity that would put such a name above the
     * documents whose label says the word.
     */
    static Query namePart(Query term, String part) {
        return NAME_WORD.matcher(part).matches() ? new BoostQuery(new ConstantScoreQuery(term), NAME_WORD_SCORE) : term;
    }

    /**
     * The term queries of one plan, each with its terms' statistics looked up once. The ideas'
     * clauses are searched up to three times per query (the documentation sections of the vote
     * rule, the catalog, the concept rule's check of the best candidates): without this, each
     * search looked every term up again in every field, which was about 40% of the vote rule's cost.
     * Valid for the searcher it was made with only.
     */
    static final class PlanTerms {
        private final IndexSearcher searcher;
        private final Map<Term, org.apache.lucene.index.TermStates> states = new java.util.HashMap<>();

        PlanTerms(IndexSearcher searcher) {
            this.searcher = searcher;
        }

        Query term(String field, String text) throws IOException {
            Term t = new Term(field, text);
            org.apache.lucene.index.TermStates st = states.get(t);
            if (st == null) {
                st = org.apache.lucene.index.TermStates.build(searcher, t, true);
                states.put(t, st);
            }
            return new TermQuery(t, st);
        }

        Query all(String field, List<String> texts) throws IOException {
            if (texts.size() == 1) {
                return term(field, texts.get(0));
            }
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            for (String t : texts) {
                b.add(term(field, t), Occur.MUST);
            }
            return b.build();
        }
    }
}
