package org.healthgraph.catalog.documentation;

import java.util.Objects;
import org.healthgraph.catalog.InvalidCatalogInputException;

/**
 * Something a page names that may be a catalog entry or another page, as a Markdown reader found it,
 * before it is resolved against the catalog by the {@link MentionResolver}.
 *
 * @param kind how it was written
 * @param text the name as written: an identifier ({@code T_MCOaaB}, {@code GRG_GHM}, {@code T_MCOaaB.GRG_GHM}),
 *     a link's destination, or a condition's variable
 * @param value a condition's value ({@code 14Z08Z} of {@code GRG_GHM}=14Z08Z); empty otherwise
 * @param section the section (or page) where it is
 * @param line the 1-based line in the file
 * @param block a number shared by the references of one paragraph, list item or table row: a code
 *     written in bold beside a variable is looked up in that variable's code list
 * @param context the paragraph, list item or table row around it, as plain text
 */
public record Reference(Kind kind, String text, String value, DocumentKey section, int line, int block,
                        String context) {

    /** How a reference was written. */
    public enum Kind {
        /** A code span ({@code `GRG_GHM`}) or bold text: reported when it resolves to nothing and looks like a name. */
        IDENTIFIER,
        /** A word of plain text shaped like a name (holding '_'): resolved when it can be, never reported. */
        WORD,
        /** A condition {@code `VARIABLE`=VALUE}, or a value in a table column headed by a variable. */
        CONDITION,
        /** A link to a table's page ({@code /tables/T_MCOaaB}, {@code ../tables/DCIR/ER_PRS_F.md}). */
        TABLE_LINK,
        /** A link to another page of the documentation (resolved to that page's key by the reader). */
        PAGE_LINK
    }

    public Reference {
        Objects.requireNonNull(kind, "kind");
        if (text == null || text.isBlank()) {
            throw new InvalidCatalogInputException("reference of " + section + " line " + line + " has no text");
        }
        text = text.strip();
        value = value == null ? "" : value.strip();
        Objects.requireNonNull(section, "section");
        context = context == null ? "" : context;
    }
}
