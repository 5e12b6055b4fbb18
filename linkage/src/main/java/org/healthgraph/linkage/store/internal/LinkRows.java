package org.healthgraph.linkage.store.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.PropertyIndex;
import org.healthgraph.graph.RelationshipRow;
import org.healthgraph.graph.WriteResult;
import org.healthgraph.linkage.store.LinkPage;
import org.healthgraph.linkage.store.StoredLink;

/**
 * The property layout of links, shared by both backends, and their writing, which needs nothing but
 * the port's upserts: {@code Record {key, source, recordId}}, {@code Patient {id}}, and
 * {@code LINKED_TO {probability, weight, method, explanation}}.
 */
public final class LinkRows {

    /** Records are found by source when a source's links are paged. */
    public static final List<PropertyIndex> INDEXES = List.of(new PropertyIndex(GraphNames.RECORD, "source"));

    private LinkRows() {
    }

    public static WriteResult write(GraphStore graph, List<StoredLink> links) {
        Map<String, Map<String, Object>> records = new LinkedHashMap<>();
        Map<String, Map<String, Object>> patients = new LinkedHashMap<>();
        List<RelationshipRow> rels = new ArrayList<>();
        for (StoredLink l : links) {
            records.computeIfAbsent(l.recordKey(), k -> Map.of("key", k, "source", l.source(), "recordId", l.recordId()));
            patients.computeIfAbsent(l.patientId(), id -> Map.of("id", id));
            Map<String, Object> props = new HashMap<>();
            props.put("probability", l.probability());
            l.weight().ifPresent(w -> props.put("weight", w));
            props.put("method", l.method());
            props.put("explanation", l.explanation());
            rels.add(new RelationshipRow(l.recordKey(), l.patientId(), props));
        }
        WriteResult result = graph.upsertNodes(GraphNames.RECORD, new ArrayList<>(records.values()));
        result = result.plus(graph.upsertNodes(GraphNames.PATIENT, new ArrayList<>(patients.values())));
        return result.plus(graph.upsertRelationships(GraphNames.LINKED_TO, rels));
    }

    /** A link from its record's source and id, its patient's id and its relationship's properties. */
    public static StoredLink link(String source, String recordId, String patientId, Map<String, Object> props) {
        Object weight = props.get("weight");
        return new StoredLink(source, recordId, patientId, ((Number) props.get("probability")).doubleValue(),
                weight instanceof Number n ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty(),
                String.valueOf(props.get("method")), props.get("explanation") == null ? "" : String.valueOf(props.get("explanation")));
    }

    /** The cursor after a link of a source's pages: its record id and patient id. */
    public static String cursor(StoredLink link) {
        return link.recordId() + "\n" + link.patientId();
    }

    /** The record id and patient id a cursor stands for. */
    public static String[] parseCursor(String cursor) {
        int nl = cursor.indexOf('\n');
        if (nl < 0) {
            throw new IllegalArgumentException("not a cursor of a page of links");
        }
        return new String[] {cursor.substring(0, nl), cursor.substring(nl + 1)};
    }

    /** Whether {@code link} comes after the cursor in a source's order (record id, then patient id). */
    public static boolean after(StoredLink link, Optional<String> cursor) {
        if (cursor.isEmpty()) {
            return true;
        }
        String[] at = parseCursor(cursor.get());
        int byRecord = link.recordId().compareTo(at[0]);
        return byRecord > 0 || (byRecord == 0 && link.patientId().compareTo(at[1]) > 0);
    }

    /** The page of {@code first} links out of sorted ones that come after the cursor (one more tells whether more follow). */
    public static LinkPage page(List<StoredLink> sortedAfterCursor, int first) {
        boolean more = sortedAfterCursor.size() > first;
        List<StoredLink> page = more ? sortedAfterCursor.subList(0, first) : sortedAfterCursor;
        return new LinkPage(page, more, page.isEmpty() ? Optional.empty() : Optional.of(cursor(page.getLast())));
    }

    public static void checkPage(int first) {
        if (first < 1 || first > org.healthgraph.linkage.store.LinkStore.MAX_PAGE) {
            throw new IllegalArgumentException("first must be between 1 and " + org.healthgraph.linkage.store.LinkStore.MAX_PAGE
                    + ", got " + first);
        }
    }
}
