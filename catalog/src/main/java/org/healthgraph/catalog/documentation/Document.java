package org.healthgraph.catalog.documentation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.healthgraph.catalog.InvalidCatalogInputException;

/**
 * A page of the documentation or one of its sections (a heading and the text up to the next heading
 * of the same or a higher level).
 *
 * @param key the page's or section's key
 * @param title the page's title (its first heading or front matter {@code title}) or the section's heading
 * @param pageTitle the title of the page it belongs to (its own title for a page)
 * @param text its own text as plain text (Markdown read, no HTML kept): for a page, what comes before
 *     its first section; for a section, what comes before its first sub-section. Blocks are separated by
 *     blank lines, table rows by line breaks, cells by " | "
 * @param tags the page's front matter {@code tags} (a section has its page's)
 * @param sourcePath the Markdown file, relative to the documentation folder
 * @param line the 1-based line where it starts in that file
 * @param parent the enclosing page or section; empty for a page
 * @param order its rank in the page, from 0 (the page itself)
 */
public record Document(DocumentKey key, String title, String pageTitle, String text, List<String> tags,
                       String sourcePath, int line, Optional<DocumentKey> parent, int order) {

    /** Longest text kept for one page or section; the rest is cut and reported by the reader. */
    public static final int MAX_TEXT = 200_000;

    public Document {
        Objects.requireNonNull(key, "key");
        title = title == null || title.isBlank() ? key.value() : title.strip();
        pageTitle = pageTitle == null || pageTitle.isBlank() ? title : pageTitle.strip();
        text = text == null ? "" : text;
        if (text.length() > MAX_TEXT) {
            throw new InvalidCatalogInputException("text of document " + key + " is " + text.length()
                    + " characters, more than " + MAX_TEXT);
        }
        tags = tags == null ? List.of() : List.copyOf(tags);
        Objects.requireNonNull(sourcePath, "sourcePath");
        if (line < 1) {
            throw new InvalidCatalogInputException("line of document " + key + " must be 1 or more, got " + line);
        }
        parent = parent == null ? Optional.empty() : parent;
        if (key.isSection() == parent.isEmpty()) {
            throw new InvalidCatalogInputException("document " + key + ": a section has a parent, a page has none");
        }
    }

    public boolean isPage() {
        return !key.isSection();
    }

    /** The page title, then the section's heading: what a hit shows ("IVG › Les IVG à l'hôpital"). */
    public String fullTitle() {
        return isPage() || title.equals(pageTitle) ? title : pageTitle + " › " + title;
    }
}
