package org.healthgraph.catalog.documentation;

import java.util.Objects;
import java.util.Optional;
import org.healthgraph.catalog.InvalidCatalogInputException;

/**
 * A glossary term: an acronym and what it stands for ({@code ALD}, "Affection de longue durée"), or
 * a term without acronym ("Pseudonymisation"), with its definition.
 *
 * @param name the acronym when there is one, else the term
 * @param acronym the acronym ({@code HAD}), if the page gives one
 * @param expansion what the acronym stands for, if the page gives it
 * @param definition the definition's text (the page's text), possibly empty
 * @param document the glossary page
 */
public record Term(String name, Optional<String> acronym, Optional<String> expansion, String definition,
                   DocumentKey document) {

    public Term {
        if (name == null || name.isBlank()) {
            throw new InvalidCatalogInputException("glossary term of " + document + " has no name");
        }
        name = name.strip();
        acronym = acronym == null ? Optional.empty() : acronym.map(String::strip).filter(a -> !a.isEmpty());
        expansion = expansion == null ? Optional.empty() : expansion.map(String::strip).filter(e -> !e.isEmpty());
        definition = definition == null ? "" : definition;
        Objects.requireNonNull(document, "document");
    }
}
