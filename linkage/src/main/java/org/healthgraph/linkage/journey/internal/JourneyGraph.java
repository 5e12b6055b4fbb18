package org.healthgraph.linkage.journey.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.GraphStore;
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

    private static final String WRITE_PATIENTS = """
            UNWIND $patients AS row
            MERGE (p:Patient {id: row.id})
            SET p.birthDate = row.birthDate, p.sex = row.sex, p.department = row.department, p.deathDate = row.deathDate
            WITH p
            OPTIONAL MATCH (p)-[:HAD]->(old:CareEvent)
            DETACH DELETE old
            """;
    private static final String WRITE_ALIASES = """
            UNWIND $aliases AS row
            MATCH (p:Patient {id: row.patient})
            MERGE (s:Pseudonym {key: row.key})
            ON CREATE SET s.system = split(row.key, ':')[0]
            MERGE (p)-[:HAS_ALIAS]->(s)
            """;
    private static final String WRITE_CODES = """
            UNWIND $codes AS row
            MERGE (k:Code {key: row.key})
            ON CREATE SET k.code = row.code, k.nomenclature = row.nomenclature
            """;
    private static final String WRITE_EVENTS = """
            UNWIND $patients AS row
            MATCH (p:Patient {id: row.id})
            UNWIND row.events AS ev
            CREATE (p)-[:HAD]->(e:CareEvent {id: ev.id, seq: ev.seq, type: ev.type, start: ev.start, end: ev.end,
                                              source: ev.source, quantity: ev.quantity})
            WITH e, ev
            UNWIND ev.codes AS c
            MATCH (k:Code {key: c[0]})
            CREATE (e)-[:CODED_AS {role: c[1]}]->(k)
            """;
    private static final String READ_PAGE = """
            MATCH (p:Patient) WHERE p.id > $after
            WITH p ORDER BY p.id LIMIT $limit
            OPTIONAL MATCH (p)-[:HAD]->(e:CareEvent)
            OPTIONAL MATCH (e)-[r:CODED_AS]->(k:Code)
            WITH p, e, collect([k.key, r.role]) AS codes
            ORDER BY p.id, e.seq
            RETURN p.id AS id, p.birthDate AS birth, p.sex AS sex, p.department AS dept, p.deathDate AS death,
                   collect(CASE WHEN e IS NULL THEN null ELSE [e.type, e.start, e.end, e.source, e.quantity, codes] END) AS events
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
        List<Map<String, Object>> patients = new ArrayList<>(batch.size());
        List<Map<String, Object>> aliases = new ArrayList<>();
        Map<String, Map<String, Object>> codes = new HashMap<>();
        for (PatientJourney j : batch) {
            String id = j.id().value();
            Map<String, Object> row = new HashMap<>();
            row.put("id", id);
            row.put("birthDate", j.birthDate().orElse(null));
            row.put("sex", j.sex());
            row.put("department", j.department());
            row.put("deathDate", j.deathDate().orElse(null));
            List<Map<String, Object>> events = new ArrayList<>(j.events().size());
            int seq = 0;
            for (CareEvent ev : j.events()) {
                List<List<String>> evCodes = new ArrayList<>(ev.codes().size());
                for (EventCode c : ev.codes()) {
                    String key = c.key();
                    evCodes.add(List.of(key, c.role().name()));
                    if (!knownCodes.contains(key)) {
                        codes.putIfAbsent(key, Map.of("key", key, "code", c.code(), "nomenclature", c.system().nomenclature()));
                    }
                }
                events.add(Map.of("id", id + "#" + seq, "seq", seq, "type", ev.type().name(), "start", ev.start(),
                        "end", ev.end(), "source", ev.source(), "quantity", ev.quantity(), "codes", evCodes));
                seq++;
            }
            row.put("events", events);
            patients.add(row);
            for (String alias : j.aliases()) {
                aliases.add(Map.of("patient", id, "key", alias));
            }
        }
        List<Map<String, Object>> codeRows = List.copyOf(codes.values());
        store.write(w -> {
            if (!codeRows.isEmpty()) {
                w.run(WRITE_CODES, Map.of("codes", codeRows));
            }
            w.run(WRITE_PATIENTS, Map.of("patients", patients));
            if (!aliases.isEmpty()) {
                w.run(WRITE_ALIASES, Map.of("aliases", aliases));
            }
            w.run(WRITE_EVENTS, Map.of("patients", patients));
            return null;
        });
        codes.keySet().forEach(knownCodes::add);
    }

    /** Streams every patient with its events, in id order, page by page. */
    public void readAll(int pageSize, Consumer<PatientJourney> sink) {
        String after = "";
        while (true) {
            List<PatientJourney> page = store.read(READ_PAGE, Map.of("after", after, "limit", pageSize),
                    JourneyGraph::toJourney);
            page.forEach(sink);
            if (page.size() < pageSize) {
                return;
            }
            after = page.getLast().id().value();
        }
    }

    @SuppressWarnings("unchecked")
    private static PatientJourney toJourney(Map<String, Object> row) {
        List<CareEvent> events = new ArrayList<>();
        for (Object o : (List<Object>) row.get("events")) {
            if (o == null) {
                continue;
            }
            List<Object> ev = (List<Object>) o;
            List<EventCode> codes = new ArrayList<>();
            for (Object co : (List<Object>) ev.get(5)) {
                List<Object> c = (List<Object>) co;
                if (c.get(0) == null) {
                    continue;
                }
                String key = (String) c.get(0);
                int colon = key.indexOf(':');
                codes.add(new EventCode(CodeSystem.parse(key.substring(0, colon)), key.substring(colon + 1),
                        CodeRole.valueOf((String) c.get(1))));
            }
            events.add(new CareEvent(EventType.valueOf((String) ev.get(0)), (LocalDate) ev.get(1), (LocalDate) ev.get(2),
                    (String) ev.get(3), ((Number) ev.get(4)).intValue(), codes));
        }
        Number sex = (Number) row.get("sex");
        return new PatientJourney(new PatientId((String) row.get("id")), List.of(),
                java.util.Optional.ofNullable((LocalDate) row.get("birth")), sex == null ? 0 : sex.intValue(),
                (String) row.get("dept"), java.util.Optional.ofNullable((LocalDate) row.get("death")), events);
    }
}
