package org.healthgraph.catalog.curation;

/**
 * The longest values a proposal may set, the import's own limits ({@code healthgraph.imports.*}), so
 * that curation and import accept the same texts.
 *
 * @param maxTextLength longest description, and longest reason or review comment, in characters
 * @param maxLabelLength longest title or tag, in characters
 * @param maxEntities most entries one proposal may change
 */
public record CurationLimits(int maxTextLength, int maxLabelLength, int maxEntities) {

    /** The import's defaults: 100,000 and 10,000 characters, 10,000 entries. */
    public static final CurationLimits DEFAULTS = new CurationLimits(100_000, 10_000, 10_000);

    public CurationLimits {
        if (maxTextLength < 1 || maxLabelLength < 1 || maxEntities < 1) {
            throw new IllegalArgumentException("curation limits must be positive");
        }
    }
}
