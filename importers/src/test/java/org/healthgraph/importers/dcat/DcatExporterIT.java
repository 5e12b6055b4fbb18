package org.healthgraph.importers.dcat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.model.util.Models;
import org.eclipse.rdf4j.model.vocabulary.DCAT;
import org.eclipse.rdf4j.model.vocabulary.DCTERMS;
import org.eclipse.rdf4j.model.vocabulary.RDF;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.rio.Rio;
import org.healthgraph.catalog.Catalog;
import org.healthgraph.catalog.Catalogs;
import org.healthgraph.catalog.ImportProgress;
import org.healthgraph.graph.testing.SharedNeo4j;
import org.healthgraph.importers.tableschema.DemoDictionary;
import org.healthgraph.importers.tableschema.TableSchemaImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DcatExporterIT {

    private static Catalog catalog;
    private static final IRI SOINS_VILLE =
            SimpleValueFactory.getInstance().createIRI("https://healthgraph.example/catalog/dataset/SOINS_VILLE");

    @BeforeAll
    static void importDemo(@TempDir Path dir) {
        catalog = Catalogs.reader(SharedNeo4j.store());
        new TableSchemaImporter(catalog, Catalogs.writer(SharedNeo4j.store()))
                .importTree(DemoDictionary.extractTo(dir), ImportProgress.NONE);
    }

    private static Model roundTrip(DcatFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DcatExporter(catalog, DcatSettings.defaults()).write(out, format);
        return Rio.parse(new ByteArrayInputStream(out.toByteArray()), "",
                format == DcatFormat.TURTLE ? RDFFormat.TURTLE : RDFFormat.JSONLD);
    }

    @Test
    void writesTurtleThatParsesBackWithEveryDataset() throws IOException {
        Model model = roundTrip(DcatFormat.TURTLE);

        assertThat(model.contains(SOINS_VILLE, RDF.TYPE, DCAT.DATASET)).isTrue();
        assertThat(Models.objectLiteral(model.filter(SOINS_VILLE, DCTERMS.DESCRIPTION, null)).orElseThrow().getLabel())
                .contains("SV_MED_F : Délivrances de médicaments en officine");
        assertThat(model.filter(null, RDF.TYPE, DCAT.DATASET).subjects()).hasSameSizeAs(catalog.datasets());
    }

    @Test
    void writesJsonLdThatHoldsTheSameGraphAsTheTurtle() throws IOException {
        assertThat(Models.isomorphic(roundTrip(DcatFormat.JSONLD), roundTrip(DcatFormat.TURTLE))).isTrue();
    }

    @Test
    void validatesAgainstTheHealthDcatApShapes() throws IOException {
        assertThat(HealthDcatShapes.violations(roundTrip(DcatFormat.TURTLE))).isEmpty();
    }

    @Test
    void reportsADatasetWithoutAccessRights() {
        Model model = new DcatExporter(catalog, DcatSettings.defaults()).toModel();
        model.remove(SOINS_VILLE, DCTERMS.ACCESS_RIGHTS, null);

        assertThat(HealthDcatShapes.violations(model)).singleElement().asString()
                .contains("SOINS_VILLE").contains("accessRights").contains("MinCount");
    }
}
