package org.healthgraph.catalog.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.pattern.PatternCaptureGroupTokenFilter;
import org.apache.lucene.analysis.reverse.ReverseStringFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * The analyzers of the catalog index. French text: standard tokens, elision (l', d', qu' ...),
 * lowercase, accents folded, French stop words, light stemming. Identifiers: split on '_', digits
 * and case changes, the whole identifier kept as well. Names and codes: one lowercased, folded term.
 */
public final class Analysis {

    /** French articles removed by elision, accents and apostrophes in both forms. */
    static final CharArraySet ELISIONS = new CharArraySet(
            List.of("l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"), true);

    /** French stop words, folded so that they still match after accent folding. */
    static final CharArraySet FRENCH_STOPS = folded(FrenchAnalyzer.getDefaultStopSet());

    private static final int WORD_DELIMITER_FLAGS = WordDelimiterGraphFilter.GENERATE_WORD_PARTS
            | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS
            | WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE
            | WordDelimiterGraphFilter.SPLIT_ON_NUMERICS
            | WordDelimiterGraphFilter.PRESERVE_ORIGINAL;

    /** An upper-case run followed by lower case ("MCO" in "MCOaa", SNDS's year placeholder). */
    private static final java.util.regex.Pattern UPPER_RUN = java.util.regex.Pattern.compile("([A-Z]{2,})(?=[a-z])");

    private Analysis() {
    }

    /** French text for indexing and querying. */
    public static Analyzer french() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream s = new StopFilter(folded(source), FRENCH_STOPS);
                return new TokenStreamComponents(source, new FrenchLightStemFilter(s));
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new ASCIIFoldingFilter(new LowerCaseFilter(new ElisionFilter(in, ELISIONS)));
            }
        };
    }

    /** Words with French elisions removed (l', d' ...), lowercased, accents folded: every text analyzer's start. */
    private static TokenStream folded(Tokenizer source) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(new ElisionFilter(source, ELISIONS)));
    }

    /** French words folded, no stop words removed, no stemming. */
    public static Analyzer plain() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                return new TokenStreamComponents(source, folded(source));
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new ASCIIFoldingFilter(new LowerCaseFilter(in));
            }
        };
    }

    /**
     * Identifiers: split on '_', case change and digits, the whole identifier kept, and an upper-case
     * run before lower case kept on its own (MCO in T_MCOaaB).
     */
    public static Analyzer identifier(boolean forIndexing) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new WhitespaceTokenizer();
                TokenStream s = new WordDelimiterGraphFilter(source, WORD_DELIMITER_FLAGS, null);
                s = new PatternCaptureGroupTokenFilter(s, true, UPPER_RUN);
                if (forIndexing) {
                    s = new FlattenGraphFilter(s);
                }
                s = new LowerCaseFilter(s);
                s = new ASCIIFoldingFilter(s);
                return new TokenStreamComponents(source, s);
            }
        };
    }

    /**
     * French words reduced to their roots by Snowball's French stemmer, which goes further than the
     * light stemmer of {@link #french()}: a noun and its adjective meet (dépression and dépressif,
     * hypertension and hypertensive), at the price of some confusions, so this field weighs less.
     * Stop words go first and accents are folded after the stemmer, which reads them.
     */
    public static Analyzer roots() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream s = new LowerCaseFilter(new ElisionFilter(source, ELISIONS));
                s = new StopFilter(s, FrenchAnalyzer.getDefaultStopSet());
                s = new org.apache.lucene.analysis.snowball.SnowballFilter(s, new org.tartarus.snowball.ext.FrenchStemmer());
                s = new StopFilter(new ASCIIFoldingFilter(s), FRENCH_STOPS);
                return new TokenStreamComponents(source, s);
            }
        };
    }

    /** Words folded (as {@link #plain()}) and each written backwards, so that an ending is a prefix. */
    public static Analyzer reversed() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                return new TokenStreamComponents(source, new ReverseStringFilter(folded(source)));
            }
        };
    }

    /** The analyzer used when writing documents, field by field. */
    public static Analyzer indexing() {
        Analyzer french = french();
        return new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), Map.of(
                Fields.LABEL, french,
                Fields.CONTEXT, french,
                Fields.TEXT, french,
                Fields.KNOWLEDGE, french,
                Fields.TOPICS, french,
                Fields.LABEL_PLAIN, plain(),
                Fields.LABEL_ROOTS, roots(),
                Fields.LABEL_ENDINGS, reversed(),
                Fields.PRODUCT_TEXT, plain(),
                Fields.NAME_ID, identifier(true)));
    }

    /** One exact term for a name, key or code: lowercased, accents folded, spaces trimmed. */
    public static String exact(String s) {
        return fold(s.strip().toLowerCase(java.util.Locale.ROOT));
    }

    /** Accents folded (é to e, œ to oe). */
    public static String fold(String s) {
        char[] out = new char[s.length() * 4];
        int n = ASCIIFoldingFilter.foldToASCII(s.toCharArray(), 0, out, 0, s.length());
        return new String(out, 0, n);
    }

    /** The terms that {@code analyzer} makes of {@code text}, in order. */
    public static List<String> terms(Analyzer analyzer, String field, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static CharArraySet folded(CharArraySet words) {
        CharArraySet out = new CharArraySet(words.size(), true);
        for (Object w : words) {
            out.add(fold(new String((char[]) w)));
        }
        return CharArraySet.unmodifiableSet(out);
    }
}
