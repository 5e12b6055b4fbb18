package org.healthgraph.importers.dcat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.vocabulary.RDF4J;
import org.eclipse.rdf4j.model.vocabulary.SHACL;
import org.eclipse.rdf4j.repository.RepositoryException;
import org.eclipse.rdf4j.repository.sail.SailRepository;
import org.eclipse.rdf4j.repository.sail.SailRepositoryConnection;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.rio.Rio;
import org.eclipse.rdf4j.sail.memory.MemoryStore;
import org.eclipse.rdf4j.sail.shacl.ShaclSail;
import org.eclipse.rdf4j.sail.shacl.ShaclSailValidationException;

/**
 * Validates a DCAT model against the shapes in {@code dcat/healthdcat-ap-shapes.ttl}: the DCAT-AP 3.0
 * and HealthDCAT-AP constraints that file lists and justifies.
 */
public final class HealthDcatShapes {

    private HealthDcatShapes() {
    }

    /** The shapes, as a model. */
    public static Model shapes() {
        try (InputStream in = HealthDcatShapes.class.getResourceAsStream("/dcat/healthdcat-ap-shapes.ttl")) {
            if (in == null) {
                throw new IOException("missing resource /dcat/healthdcat-ap-shapes.ttl");
            }
            return Rio.parse(in, RDFFormat.TURTLE);
        } catch (IOException e) {
            throw new UncheckedIOException("The DCAT shapes cannot be read", e);
        }
    }

    /** The violations of the shapes, one sentence each (focus node, path, message); empty when valid. */
    public static List<String> violations(Model data) {
        SailRepository repository = new SailRepository(new ShaclSail(new MemoryStore()));
        repository.init();
        try (SailRepositoryConnection conn = repository.getConnection()) {
            conn.begin();
            conn.add(shapes(), RDF4J.SHACL_SHAPE_GRAPH);
            conn.commit();
            conn.begin();
            conn.add(data);
            try {
                conn.commit();
                return List.of();
            } catch (RepositoryException e) {
                if (e.getCause() instanceof ShaclSailValidationException v) {
                    return describe(v.validationReportAsModel());
                }
                throw e;
            }
        } finally {
            repository.shutDown();
        }
    }

    private static List<String> describe(Model report) {
        List<String> out = new ArrayList<>();
        report.filter(null, SHACL.FOCUS_NODE, null).forEach(s -> {
            String path = report.filter(s.getSubject(), SHACL.RESULT_PATH, null).objects().stream().findFirst()
                    .map(Object::toString).orElse("");
            String component = report.filter(s.getSubject(), SHACL.SOURCE_CONSTRAINT_COMPONENT, null).objects().stream()
                    .findFirst().map(Object::toString).orElse("");
            out.add(s.getObject() + " " + path + ": " + component.replace(SHACL.NAMESPACE, "sh:"));
        });
        return out;
    }
}
