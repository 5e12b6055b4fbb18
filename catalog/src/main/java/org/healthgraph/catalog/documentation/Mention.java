package org.healthgraph.catalog.documentation;

import java.util.Objects;

/**
 * A section naming a catalog entry.
 *
 * @param from the section (or page) that names it
 * @param target what it names
 * @param line the 1-based line of the file where it is named
 * @param text how it is written there ({@code GRG_GHM}=14Z08Z, {@code /tables/T_MCOaaB})
 * @param context the sentence, list item or table row around it, as plain text (at most
 *     {@link #MAX_CONTEXT} characters): what the documentation says about it there
 */
public record Mention(DocumentKey from, MentionTarget target, int line, String text, String context) {

    /** Longest context kept. */
    public static final int MAX_CONTEXT = 400;

    public Mention {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(target, "target");
        text = text == null ? "" : text;
        context = context == null ? "" : context.length() > MAX_CONTEXT ? context.substring(0, MAX_CONTEXT) : context;
    }
}
