package org.healthgraph.importers.dcat;

import java.util.Locale;

import org.eclipse.rdf4j.rio.RDFFormat;

/** The RDF serialisations of the DCAT export. */
public enum DcatFormat {
    TURTLE(RDFFormat.TURTLE), JSONLD(RDFFormat.JSONLD);

    private final RDFFormat rdf;

    DcatFormat(RDFFormat rdf) {
        this.rdf = rdf;
    }

    RDFFormat rdf() {
        return rdf;
    }

    /** Reads {@code turtle}, {@code ttl}, {@code jsonld} or {@code json-ld}, in any case. */
    public static DcatFormat parse(String name) {
        return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "turtle", "ttl" -> TURTLE;
            case "jsonld", "json-ld" -> JSONLD;
            default -> throw new IllegalArgumentException("format '" + name + "' is not known: use turtle or jsonld");
        };
    }
}
