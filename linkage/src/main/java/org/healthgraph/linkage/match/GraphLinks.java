package org.healthgraph.linkage.match;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.healthgraph.graph.GraphKeys;
import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.RelationshipRow;
import org.healthgraph.graph.WriteResult;

/**
 * Writes links into the graph: each left record becomes a {@code Record} node (key
 * {@code <source>:<left id>}), each right id a {@code Patient} (created when absent, by id only),
 * and each link a {@code LINKED_TO} relationship from the record to the patient carrying
 * {@code weight}, {@code probability}, {@code method} and {@code explanation} (the per-field
 * contributions as {@code field=weight} text). Writing the same links again changes nothing.
 */
public final class GraphLinks {

    private GraphLinks() {
    }

    /**
     * Upserts the records, patients and LINKED_TO relationships of {@code links}.
     *
     * @param source the name of the linked source (for example the cohort's name), prefix of Record keys
     * @param fields field names, in the order of each link's contributions
     */
    public static WriteResult write(GraphStore store, String source, List<Link> links, List<String> fields) {
        Objects.requireNonNull(source, "source");
        if (source.isBlank() || source.contains(":")) {
            throw new LinkageException("graph links: source must be a non-blank name without ':'");
        }
        Map<String, Map<String, Object>> records = new LinkedHashMap<>();
        Map<String, Map<String, Object>> patients = new LinkedHashMap<>();
        List<RelationshipRow> rels = new ArrayList<>();
        for (Link l : links) {
            String key = GraphKeys.record(source, l.leftId());
            records.computeIfAbsent(key, k -> Map.of("key", k, "source", source, "recordId", l.leftId()));
            patients.computeIfAbsent(l.rightId(), id -> Map.of("id", id));
            Map<String, Object> props = new HashMap<>();
            props.put("probability", l.probability());
            if (!Double.isInfinite(l.weight())) {
                props.put("weight", l.weight());
            }
            props.put("method", l.method());
            props.put("explanation", explanation(l, fields));
            rels.add(new RelationshipRow(key, l.rightId(), props));
        }
        WriteResult result = store.upsertNodes(GraphNames.RECORD, new ArrayList<>(records.values()));
        result = result.plus(store.upsertNodes(GraphNames.PATIENT, new ArrayList<>(patients.values())));
        return result.plus(store.upsertRelationships(GraphNames.LINKED_TO, rels));
    }

    private static String explanation(Link l, List<String> fields) {
        StringBuilder b = new StringBuilder();
        for (int f = 0; f < l.contributions().size() && f < fields.size(); f++) {
            if (f > 0) {
                b.append(", ");
            }
            b.append(fields.get(f)).append('=').append(String.format(java.util.Locale.ROOT, "%.2f", l.contributions().get(f)));
        }
        return b.toString();
    }
}
