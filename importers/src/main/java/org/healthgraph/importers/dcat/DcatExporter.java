package org.healthgraph.importers.dcat;

import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.Resource;
import org.eclipse.rdf4j.model.ValueFactory;
import org.eclipse.rdf4j.model.impl.LinkedHashModel;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.model.vocabulary.DCAT;
import org.eclipse.rdf4j.model.vocabulary.DCTERMS;
import org.eclipse.rdf4j.model.vocabulary.FOAF;
import org.eclipse.rdf4j.model.vocabulary.RDF;
import org.eclipse.rdf4j.model.vocabulary.VCARD4;
import org.eclipse.rdf4j.model.vocabulary.XSD;
import org.eclipse.rdf4j.rio.RDFWriter;
import org.eclipse.rdf4j.rio.Rio;
import org.eclipse.rdf4j.rio.helpers.BasicWriterSettings;
import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.Dataset;
import org.healthgraph.catalog.Table;
import org.healthgraph.catalog.Variable;

/**
 * Describes the catalog's datasets in DCAT-AP with the HealthDCAT-AP additions: one
 * {@code dcat:Catalog}, one {@code dcat:Dataset} per product (title, description, identifier,
 * publisher, contact point, access rights, the EHDS regulation as applicable legislation, the EU
 * HEAL theme, its tables as keywords), and each table as a {@code csvw:Table} part of its dataset with
 * its columns ({@code csvw:tableSchema}), so that the structure travels with the metadata.
 */
public final class DcatExporter {

    static final String DCATAP = "http://data.europa.eu/r5r/";
    static final String HEALTHDCATAP = "http://healthdataportal.eu/ns/health#";
    static final String EHDS_REGULATION = "http://data.europa.eu/eli/reg/2025/327/oj";
    static final String NON_PUBLIC = "http://publications.europa.eu/resource/authority/access-right/NON_PUBLIC";
    static final String HEALTH_THEME = "http://publications.europa.eu/resource/authority/data-theme/HEAL";
    static final String FRENCH = "http://publications.europa.eu/resource/authority/language/FRA";
    static final String TABLE_SCHEMA = "https://specs.frictionlessdata.io/table-schema/";

    private final Catalog catalog;
    private final DcatSettings settings;
    private final ValueFactory vf = SimpleValueFactory.getInstance();

    public DcatExporter(Catalog catalog, DcatSettings settings) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The whole catalog as an RDF model. */
    public Model toModel() {
        Model m = new LinkedHashModel();
        m.setNamespace(DCAT.NS);
        m.setNamespace(DCTERMS.NS);
        m.setNamespace(FOAF.NS);
        m.setNamespace(VCARD4.NS);
        m.setNamespace(Csvw.NS);
        m.setNamespace("dcatap", DCATAP);
        m.setNamespace("healthdcatap", HEALTHDCATAP);
        m.setNamespace(XSD.NS);
        IRI cat = iri("");
        IRI publisher = iri("publisher");
        IRI contact = iri("contact");
        m.add(cat, RDF.TYPE, DCAT.CATALOG);
        m.add(cat, DCTERMS.TITLE, vf.createLiteral(settings.catalogTitle(), "fr"));
        m.add(cat, DCTERMS.DESCRIPTION, vf.createLiteral(settings.catalogDescription(), "fr"));
        m.add(cat, DCTERMS.PUBLISHER, publisher);
        m.add(cat, DCTERMS.LANGUAGE, vf.createIRI(FRENCH));
        m.add(publisher, RDF.TYPE, FOAF.AGENT);
        m.add(publisher, FOAF.NAME, vf.createLiteral(settings.publisherName()));
        m.add(contact, RDF.TYPE, VCARD4.KIND);
        m.add(contact, VCARD4.FN, vf.createLiteral(settings.publisherName()));
        m.add(contact, VCARD4.HAS_EMAIL, vf.createIRI("mailto:" + settings.contactEmail()));
        for (Dataset d : catalog.datasets()) {
            IRI ds = iri("dataset/" + encode(d.name()));
            m.add(cat, DCAT.HAS_DATASET, ds);
            dataset(m, ds, d, publisher, contact);
        }
        return m;
    }

    private void dataset(Model m, IRI ds, Dataset d, IRI publisher, IRI contact) {
        List<Table> tables = catalog.tables(d.name());
        m.add(ds, RDF.TYPE, DCAT.DATASET);
        m.add(ds, DCTERMS.IDENTIFIER, vf.createLiteral(d.name()));
        m.add(ds, DCTERMS.TITLE, vf.createLiteral(d.title().isBlank() ? d.name() : d.title(), "fr"));
        m.add(ds, DCTERMS.DESCRIPTION, vf.createLiteral(description(d, tables), "fr"));
        m.add(ds, DCTERMS.PUBLISHER, publisher);
        m.add(ds, DCAT.CONTACT_POINT, contact);
        m.add(ds, DCTERMS.ACCESS_RIGHTS, vf.createIRI(NON_PUBLIC));
        m.add(ds, vf.createIRI(DCATAP, "applicableLegislation"), vf.createIRI(EHDS_REGULATION));
        m.add(ds, DCAT.THEME, vf.createIRI(HEALTH_THEME));
        m.add(ds, DCTERMS.LANGUAGE, vf.createIRI(FRENCH));
        m.add(ds, DCTERMS.CONFORMS_TO, vf.createIRI(TABLE_SCHEMA));
        for (Table t : tables) {
            m.add(ds, DCAT.KEYWORD, vf.createLiteral(t.name().value()));
            IRI table = iri("table/" + encode(t.name().value()));
            m.add(ds, DCTERMS.HAS_PART, table);
            table(m, table, t);
        }
    }

    private void table(Model m, IRI table, Table t) {
        m.add(table, RDF.TYPE, Csvw.TABLE);
        m.add(table, DCTERMS.IDENTIFIER, vf.createLiteral(t.name().value()));
        if (!t.title().isBlank()) {
            m.add(table, DCTERMS.TITLE, vf.createLiteral(t.title(), "fr"));
        }
        Resource schema = vf.createBNode();
        m.add(table, Csvw.TABLE_SCHEMA, schema);
        for (Variable v : catalog.variables(t.name())) {
            Resource column = vf.createBNode();
            m.add(schema, Csvw.COLUMN, column);
            m.add(column, Csvw.NAME, vf.createLiteral(v.ref().name()));
            if (!v.description().isBlank()) {
                m.add(column, Csvw.TITLE, vf.createLiteral(v.description(), "fr"));
            }
            if (!v.type().isBlank()) {
                m.add(column, Csvw.DATATYPE, vf.createLiteral(v.type()));
            }
        }
    }

    private static String description(Dataset d, List<Table> tables) {
        if (!d.description().isBlank()) {
            return d.description();
        }
        StringBuilder out = new StringBuilder("Produit ").append(d.name()).append(" : ").append(tables.size())
                .append(tables.size() > 1 ? " tables" : " table");
        for (int i = 0; i < tables.size(); i++) {
            Table t = tables.get(i);
            out.append(i == 0 ? " (" : ", ").append(t.name().value());
            if (!t.title().isBlank()) {
                out.append(" : ").append(t.title());
            }
        }
        return out.append(tables.isEmpty() ? "." : ").").toString();
    }

    /** Writes the catalog in the given format. */
    public void write(OutputStream out, DcatFormat format) {
        write(toModel(), out, format);
    }

    /** Writes a model in the given format, with prefixes and, for Turtle, grouped subjects. */
    public static void write(Model model, OutputStream out, DcatFormat format) {
        RDFWriter writer = Rio.createWriter(format.rdf(), out);
        writer.getWriterConfig().set(BasicWriterSettings.PRETTY_PRINT, true);
        Rio.write(model, writer);
    }

    private IRI iri(String path) {
        return vf.createIRI(settings.baseIri() + path);
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
