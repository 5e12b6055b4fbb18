package org.healthgraph.catalog.documentation;

import java.util.Optional;
import org.healthgraph.catalog.InvalidCatalogInputException;

/**
 * The key of a documentation page or section: the page's path in the documentation folder without
 * its {@code .md} ({@code fiches/ivg}), and for a section {@code #} and the heading's anchor
 * ({@code fiches/ivg#les-ivg-en-etablissement-hospitalier}). 1 to {@link #MAX_LENGTH} characters,
 * no control character, no leading '/', at most one '#'.
 *
 * @param value the key
 */
public record DocumentKey(String value) implements Comparable<DocumentKey> {

    /** Longest key. */
    public static final int MAX_LENGTH = 512;

    public DocumentKey {
        if (value == null || value.isBlank()) {
            throw new InvalidCatalogInputException("document key must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidCatalogInputException("document key must be at most " + MAX_LENGTH + " characters, got "
                    + value.length());
        }
        if (value.startsWith("/") || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidCatalogInputException("document key '" + value.replaceAll("\\p{Cntrl}", "?")
                    + "' must not start with '/' nor hold control characters");
        }
        if (value.indexOf('#') != value.lastIndexOf('#') || value.startsWith("#") || value.endsWith("#")) {
            throw new InvalidCatalogInputException("document key '" + value
                    + "' must be PAGE or PAGE#ANCHOR (one '#', neither first nor last)");
        }
    }

    public static DocumentKey of(String value) {
        return new DocumentKey(value);
    }

    /** The section {@code anchor} of this page. */
    public DocumentKey section(String anchor) {
        return new DocumentKey(page().value + "#" + anchor);
    }

    /** The key of the page (itself for a page). */
    public DocumentKey page() {
        int hash = value.indexOf('#');
        return hash < 0 ? this : new DocumentKey(value.substring(0, hash));
    }

    /** The anchor of a section; empty for a page. */
    public Optional<String> anchor() {
        int hash = value.indexOf('#');
        return hash < 0 ? Optional.empty() : Optional.of(value.substring(hash + 1));
    }

    public boolean isSection() {
        return value.indexOf('#') >= 0;
    }

    @Override
    public int compareTo(DocumentKey other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
