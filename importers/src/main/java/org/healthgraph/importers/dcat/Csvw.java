package org.healthgraph.importers.dcat;

import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Namespace;
import org.eclipse.rdf4j.model.impl.SimpleNamespace;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;

/** The few terms of the W3C CSV on the Web vocabulary the export uses (RDF4J has no constants for it). */
final class Csvw {

    static final String NAMESPACE = "http://www.w3.org/ns/csvw#";
    static final Namespace NS = new SimpleNamespace("csvw", NAMESPACE);
    static final IRI TABLE = term("Table");
    static final IRI TABLE_SCHEMA = term("tableSchema");
    static final IRI COLUMN = term("column");
    static final IRI NAME = term("name");
    static final IRI TITLE = term("title");
    static final IRI DATATYPE = term("datatype");

    private Csvw() {
    }

    private static IRI term(String local) {
        return SimpleValueFactory.getInstance().createIRI(NAMESPACE, local);
    }
}
