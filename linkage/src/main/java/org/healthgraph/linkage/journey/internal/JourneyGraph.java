package org.healthgraph.linkage.journey.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.GraphWriter;
import org.healthgraph.graph.PropertyIndex;
import org.healthgraph.linkage.journey.CareEvent;
import org.healthgraph.linkage.journey.CodeRole;
import org.healthgraph.linkage.journey.CodeSystem;
import org.healthgraph.linkage.journey.EventCode;
import org.healthgraph.linkage.journey.EventType;
import org.healthgraph.linkage.journey.PatientId;
import org.healthgraph.linkage.journey.PatientJourney;

/**
 * Writes patients and their care events to the graph and streams them back. One batch of patients
 * is one transaction that first deletes the patients' former events: a failed batch leaves nothing
 * behind and a re-run replaces rather than duplicates.
 */
public final class JourneyGraph {

    /** Rows per UNWIND statement: large enough to amortise the round trip, small enough for the heap. */
    static final int ROWS_PER_STATEMENT = 10_000;

    // Each statement is flat (one UNWIND, index seeks on both ends, no collect, no Eager) and its text
    // never changes, so Neo4j plans it once and reuses the plan for every batch.
    private static final String DELETE_OLD_EVENTS = """
            UNWIND $rows AS id
            MATCH (:Patient {id: id})-[:HAD]->(old:CareEvent)
            DETACH DELETE old
            """;
    private static final String WRITE_PATIENTS = """
            UNWIND $rows AS row
            MERGE (p:Patient {id: row.id})
            SET p.birthDate = row.birthDate, p.sex = row.sex, p.department = row.department, p.deathDate = row.deathDate
            """;
    private static final String WRITE_ALIASES = """
            UNWIND $rows AS row
            MATCH (p:Patient {id: row.patient})
            MERGE (s:Pseudonym {key: row.key})
            ON CREATE SET s.system = split(row.key, ':')[0]
            MERGE (p)-[:HAS_ALIAS]->(s)
            """;
    private static final String WRITE_CODES = """
            UNWIND $rows AS row
            MERGE (k:Code {key: row.key})
            ON CREATE SET k.code = row.code, k.nomenclature = row.nomenclature
            """;
    private static final String WRITE_EVENTS = """
            UNWIND $rows AS row
            MATCH (p:Patient {id: row.p})
            CREATE (p)-[:HAD]->(:CareEvent {id: row.id, seq: row.seq, type: row.type, start: row.start, end: row.end,
                                            source: row.source, quantity: row.quantity})
            """;
    private static final String WRITE_CODED_AS = """
            UNWIND $rows AS row
            MATCH (e:CareEvent {id: row.e})
            MATCH (k:Code {key: row.k})
            CREATE (e)-[:CODED_AS {role: row.role}]->(k)
            """;
    private static final String READ_PATIENTS = """
            MATCH (p:Patient) WHERE p.id > $after
            WITH p ORDER BY p.id LIMIT $limit
            RETURN p.id AS id, p.birthDate AS birth, p.sex AS sex, p.department AS dept, p.deathDate AS death
            """;
    private static final String READ_EVENTS = """
            UNWIND $ids AS id
            MATCH (:Patient {id: id})-[:HAD]->(e:CareEvent)
            RETURN id, e.seq AS seq, e.type AS type, e.start AS start, e.end AS end, e.source AS source,
                   e.quantity AS quantity, [(e)-[r:CODED_AS]->(k:Code) | [k.key, r.role]] AS codes
            """;

    private final GraphStore store;
    private final Set<String> knownCodes = new HashSet<>();

    public JourneyGraph(GraphStore store) {
        this.store = store;
    }

    public void ensureSchema() {
        store.ensureSchema(GraphNames.LABELS, List.of(new PropertyIndex(GraphNames.CARE_EVENT, "type")));
    }

    /** Writes one batch in one transaction. */
    public void write(List<PatientJourney> batch) {
        List<String> ids = new ArrayList<>(batch.size());
        List<Map<String, Object>> patients = new ArrayList<>(batch.size());
        List<Map<String, Object>> aliases = new ArrayList<>();
        List<Map<String, Object>> events = new ArrayList<>();
        List<Map<String, Object>> coded = new ArrayList<>();
        Map<String, Map<String, Object>> codes = new HashMap<>();
        for (PatientJourney j : batch) {
            String id = j.id().value();
            ids.add(id);
            Map<String, Object> row = new HashMap<>();
            row.put("id", id);
            row.put("birthDate", j.birthDate().orElse(null));
            row.put("sex", j.sex());
            row.put("department", j.department());
            row.put("deathDate", j.deathDate().orElse(null));
            patients.add(row);
            int seq = 0;
            for (CareEvent ev : j.events()) {
                String eventId = id + "#" + seq;
                for (EventCode c : ev.codes()) {
                    String key = c.key();
                    coded.add(Map.of("e", eventId, "k", key, "role", c.role().name()));
                    if (!knownCodes.contains(key)) {
                        codes.putIfAbsent(key, Map.of("key", key, "code", c.code(), "nomenclature", c.system().nomenclature()));
                    }
                }
                events.add(Map.of("p", id, "id", eventId, "seq", seq, "type", ev.type().name(), "start", ev.start(),
                        "end", ev.end(), "source", ev.source(), "quantity", ev.quantity()));
                seq++;
            }
            for (String alias : j.aliases()) {
                aliases.add(Map.of("patient", id, "key", alias));
            }
        }
        List<Map<String, Object>> codeRows = List.copyOf(codes.values());
        store.write(w -> {
            runChunked(w, WRITE_CODES, codeRows);
            runChunked(w, DELETE_OLD_EVENTS, ids);
            runChunked(w, WRITE_PATIENTS, patients);
            runChunked(w, WRITE_ALIASES, aliases);
            runChunked(w, WRITE_EVENTS, events);
            runChunked(w, WRITE_CODED_AS, coded);
            return null;
        });
        codes.keySet().forEach(knownCodes::add);
    }

    private static void runChunked(GraphWriter w, String statement, List<?> rows) {
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            w.run(statement, Map.of("rows", rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT))));
        }
    }

    /** Streams every patient with its events, in id order, page by page. */
    public void readAll(int pageSize, Consumer<PatientJourney> sink) {
        String after = "";
        while (true) {
            List<Map<String, Object>> page = store.read(READ_PATIENTS, Map.of("after", after, "limit", pageSize));
            if (page.isEmpty()) {
                return;
            }
            List<String> ids = page.stream().map(r -> (String) r.get("id")).toList();
            Map<String, List<Map<String, Object>>> eventsById = new HashMap<>(ids.size() * 2);
            for (Map<String, Object> ev : store.read(READ_EVENTS, Map.of("ids", ids))) {
                eventsById.computeIfAbsent((String) ev.get("id"), k -> new ArrayList<>()).add(ev);
            }
            for (Map<String, Object> row : page) {
                sink.accept(toJourney(row, eventsById.getOrDefault((String) row.get("id"), List.of())));
            }
            if (page.size() < pageSize) {
                return;
            }
            after = ids.getLast();
        }
    }

    @SuppressWarnings("unchecked")
    private static PatientJourney toJourney(Map<String, Object> row, List<Map<String, Object>> rows) {
        List<Map<String, Object>> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong(ev -> ((Number) ev.get("seq")).longValue()));
        List<CareEvent> events = new ArrayList<>(sorted.size());
        for (Map<String, Object> ev : sorted) {
            List<Object> pairs = (List<Object>) ev.get("codes");
            List<EventCode> codes = new ArrayList<>(pairs.size());
            for (Object co : pairs) {
                List<Object> c = (List<Object>) co;
                String key = (String) c.get(0);
                int colon = key.indexOf(':');
                codes.add(new EventCode(CodeSystem.parse(key.substring(0, colon)), key.substring(colon + 1),
                        CodeRole.valueOf((String) c.get(1))));
            }
            events.add(new CareEvent(EventType.valueOf((String) ev.get("type")), (LocalDate) ev.get("start"),
                    (LocalDate) ev.get("end"), (String) ev.get("source"), ((Number) ev.get("quantity")).intValue(), codes));
        }
        Number sex = (Number) row.get("sex");
        return new PatientJourney(new PatientId((String) row.get("id")), List.of(),
                Optional.ofNullable((LocalDate) row.get("birth")), sex == null ? 0 : sex.intValue(),
                (String) row.get("dept"), Optional.ofNullable((LocalDate) row.get("death")), events);
    }
}
