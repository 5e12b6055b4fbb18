package org.healthgraph.importers.dcat;

import java.net.URI;
import java.util.Objects;

/**
 * Who publishes the catalog and where its IRIs live.
 *
 * @param baseIri the base of every IRI minted (ends with '/')
 * @param catalogTitle the catalogue's title (French)
 * @param catalogDescription the catalogue's description (French)
 * @param publisherName the publishing body
 * @param contactEmail the contact point's email address
 */
public record DcatSettings(URI baseIri, String catalogTitle, String catalogDescription, String publisherName,
                           String contactEmail) {

    public DcatSettings {
        Objects.requireNonNull(baseIri, "baseIri");
        if (!baseIri.isAbsolute() || !baseIri.toString().endsWith("/")) {
            throw new IllegalArgumentException("base IRI '" + baseIri + "' must be absolute and end with '/'");
        }
        requireText(catalogTitle, "catalog title");
        requireText(catalogDescription, "catalog description");
        requireText(publisherName, "publisher name");
        if (contactEmail == null || !contactEmail.matches("[^@\\s]+@[^@\\s]+")) {
            throw new IllegalArgumentException("contact email '" + contactEmail + "' must look like name@domain");
        }
    }

    /** Settings for a local installation. */
    public static DcatSettings defaults() {
        return new DcatSettings(URI.create("https://healthgraph.example/catalog/"), "Catalogue healthgraph",
                "Catalogue des données de santé décrites dans healthgraph : produits, tables, variables et nomenclatures.",
                "Équipe healthgraph", "catalogue@healthgraph.example");
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
