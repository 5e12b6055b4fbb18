package org.healthgraph.catalog;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which codes of a code list a page holds: those starting with {@code prefix}, those whose label holds
 * every word of {@code text} (compared lowercased with accents folded, a word matching the start of a
 * label's word: "infarctus" finds "Infarctus aigu du myocarde"), and from {@code startAt} on (the
 * first code equal to or after it, so that a page can open on a given code). Every part is optional;
 * {@link #NONE} keeps every code.
 *
 * @param prefix codes starting with it, at most {@value #MAX_PREFIX} characters
 * @param words the folded words the label must hold (at most {@value #MAX_WORDS})
 * @param startAt the page starts at the first code equal to or after it
 */
public record CodeFilter(Optional<String> prefix, List<String> words, Optional<String> startAt) {

    /** The filter that keeps every code. */
    public static final CodeFilter NONE = new CodeFilter(Optional.empty(), List.of(), Optional.empty());

    /** Longest prefix or start code accepted. */
    public static final int MAX_PREFIX = 100;
    /** Longest text accepted. */
    public static final int MAX_TEXT = 200;
    /** Most words a text may hold. */
    public static final int MAX_WORDS = 10;

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    public CodeFilter {
        prefix = prefix == null ? Optional.empty() : prefix.filter(p -> !p.isEmpty());
        words = words == null ? List.of() : List.copyOf(words);
        startAt = startAt == null ? Optional.empty() : startAt.filter(s -> !s.isEmpty());
    }

    /**
     * A filter from what a caller typed; blank or absent parts keep every code.
     *
     * @throws InvalidCatalogInputException naming the part ({@code prefix}, {@code text}, {@code startAt})
     *                                      that is too long or holds too many words
     */
    public static CodeFilter of(Optional<String> prefix, Optional<String> text, Optional<String> startAt) {
        Optional<String> p = trimmed(prefix, "prefix", MAX_PREFIX);
        Optional<String> s = trimmed(startAt, "startAt", MAX_PREFIX);
        Optional<String> t = trimmed(text, "text", MAX_TEXT);
        List<String> words = t.map(CodeFilter::wordsOf).orElse(List.of());
        if (words.size() > MAX_WORDS) {
            throw new InvalidCatalogInputException("code filter 'text' must hold at most " + MAX_WORDS
                    + " words, got " + words.size());
        }
        return new CodeFilter(p, words, s);
    }

    /** Whether this filter keeps every code. */
    public boolean isNone() {
        return prefix.isEmpty() && words.isEmpty() && startAt.isEmpty();
    }

    /**
     * A label as the filter compares it: lowercased, accents folded, words separated by one space and
     * the whole preceded by one, so that {@code " " + word} found in it matches the start of a word.
     */
    public static String foldLabel(String label) {
        List<String> words = wordsOf(label);
        return words.isEmpty() ? "" : " " + String.join(" ", words);
    }

    /** Whether a label holds every word of this filter (see {@link #foldLabel}). */
    public boolean labelMatches(String foldedLabel) {
        return words.stream().allMatch(w -> foldedLabel.contains(" " + w));
    }

    /** Whether a code passes the prefix and start parts (not the words, which need the label). */
    public boolean codeMatches(String code) {
        return prefix.map(code::startsWith).orElse(true) && startAt.map(s -> code.compareTo(s) >= 0).orElse(true);
    }

    private static List<String> wordsOf(String text) {
        String folded = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("")
                .toLowerCase(Locale.ROOT);
        return Arrays.stream(NOT_WORD.split(folded)).filter(w -> !w.isEmpty()).toList();
    }

    private static Optional<String> trimmed(Optional<String> value, String part, int max) {
        Optional<String> v = value.map(String::strip).filter(x -> !x.isEmpty());
        if (v.isPresent() && v.get().length() > max) {
            throw new InvalidCatalogInputException("code filter '" + part + "' must be at most " + max
                    + " characters, got " + v.get().length());
        }
        return v;
    }
}
