package org.healthgraph.journeys.store.internal.neo4j;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import org.healthgraph.graph.GraphKeys;
import org.healthgraph.graph.GraphNames;
import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.Label;
import org.healthgraph.graph.PropertyIndex;
import org.healthgraph.graph.neo4j.CypherWriter;
import org.healthgraph.graph.neo4j.Neo4jGraph;
import org.healthgraph.journeys.CareEvent;
import org.healthgraph.journeys.CodeRole;
import org.healthgraph.journeys.CodeSystem;
import org.healthgraph.journeys.EventCode;
import org.healthgraph.journeys.EventType;
import org.healthgraph.journeys.PatientId;
import org.healthgraph.journeys.PatientJourney;
import org.healthgraph.journeys.ProjectCode;
import org.healthgraph.journeys.store.CohortCrossCheck;
import org.healthgraph.journeys.store.JourneyStore;
import org.healthgraph.journeys.store.JourneysStamp;

/**
 * The {@link JourneyStore} on Neo4j, in Cypher: writes patients and their care events to the graph
 * and streams them back. One batch of patients is one transaction that first deletes the patients'
 * former events and ends by moving the stamp: a failed batch leaves nothing behind and a re-run
 * replaces rather than duplicates.
 */
public final class Neo4jJourneyStore implements JourneyStore {

    /** Rows per UNWIND statement: large enough to amortise the round trip, small enough for the heap. */
    static final int ROWS_PER_STATEMENT = 10_000;

    // The graph grows fast during an import, so Neo4j would re-plan these statements again and again
    // (statistics diverge) although their plans cannot get better: index seeks and creations only.
    private static final String REPLAN_SKIP = "CYPHER replan=skip\n";
    // Every statement text is constant, so Neo4j plans it once. Rows are lists of primitives (no maps):
    // less to encode over Bolt and to unpack in Cypher.
    private static final String EXISTING_PATIENTS = REPLAN_SKIP + """
            UNWIND $rows AS id
            MATCH (p:Patient {id: id})
            RETURN p.id AS id
            """;
    private static final String DELETE_OLD_EVENTS = REPLAN_SKIP + """
            UNWIND $rows AS id
            MATCH (:Patient {id: id})-[:HAD]->(old:CareEvent)
            DETACH DELETE old
            """;
    /** Returns each code's element id, valid inside this transaction, so that events link to codes without a lookup by key. */
    private static final String RESOLVE_CODES = REPLAN_SKIP + """
            UNWIND $rows AS row
            MERGE (k:Code {key: row[0]})
            ON CREATE SET k.code = row[1], k.nomenclature = row[2]
            RETURN row[0] AS key, elementId(k) AS ref
            """;
    // One row per patient: [id, birthDate, sex, department, deathDate, events]; an event is
    // [seq, type, start, end, source, quantity, codes] and a code [code ref, role]. Patients known to
    // be new are CREATEd (the Patient key constraint still refuses a duplicate), others MATCHed and
    // updated after their former events were deleted.
    private static final String EVENTS_OF_PATIENT = """
            WITH p, row
            UNWIND row[5] AS e
            CREATE (p)-[:HAD]->(ev:CareEvent {id: row[0] + '#' + e[0], seq: e[0], type: e[1], start: e[2], end: e[3],
                                              source: e[4], quantity: e[5]})
            WITH ev, e
            UNWIND e[6] AS c
            MATCH (k:Code) WHERE elementId(k) = c[0]
            CREATE (ev)-[:CODED_AS {role: c[1]}]->(k)
            """;
    private static final String WRITE_NEW_PATIENTS = REPLAN_SKIP + """
            UNWIND $rows AS row
            CREATE (p:Patient {id: row[0], birthDate: row[1], sex: row[2], department: row[3], deathDate: row[4]})
            """ + EVENTS_OF_PATIENT;
    private static final String WRITE_EXISTING_PATIENTS = REPLAN_SKIP + """
            UNWIND $rows AS row
            MATCH (p:Patient {id: row[0]})
            SET p.birthDate = row[1], p.sex = row[2], p.department = row[3], p.deathDate = row[4]
            """ + EVENTS_OF_PATIENT;
    private static final String WRITE_ALIASES = REPLAN_SKIP + """
            UNWIND $rows AS row
            MATCH (p:Patient {id: row[0]})
            MERGE (s:Pseudonym {key: row[1]})
            ON CREATE SET s.system = split(row[1], ':')[0]
            MERGE (p)-[:HAS_ALIAS]->(s)
            """;
    private static final String WRITE_PROJECTS = REPLAN_SKIP + """
            UNWIND $rows AS row
            MATCH (p:Patient {id: row[0]})
            MERGE (s:Project {key: row[1]})
            MERGE (p)-[:IN_PROJECT]->(s)
            """;
    private static final String PROJECT_MEMBERS = """
            MATCH (:Project {key: $project})<-[:IN_PROJECT]-(p:Patient) WHERE p.id > $after
            WITH p.id AS id ORDER BY id LIMIT $limit
            RETURN id
            """;
    private static final String PROJECTS_OF = """
            MATCH (:Patient {id: $id})-[:IN_PROJECT]->(s:Project)
            RETURN s.key AS key ORDER BY key
            """;
    private static final String PROJECTS = """
            MATCH (s:Project)
            RETURN s.key AS key, COUNT { (s)<-[:IN_PROJECT]-(:Patient) } AS patients ORDER BY key
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

    // The stamp moves last in a batch's transaction, so that concurrent batches hold its lock only
    // while they commit. The first statement takes the node's write lock (SET) before the second reads
    // the version: a read before the lock could miss a concurrent move and repeat its version.
    private static final String LOCK_STAMP = """
            MERGE (s:JourneysStamp {key: $key})
            ON CREATE SET s.version = 0, s.token = ''
            SET s.moving = true
            """;
    private static final String MOVE_STAMP = """
            MATCH (s:JourneysStamp {key: $key})
            SET s.version = s.version + 1, s.token = $token
            REMOVE s.moving
            RETURN s.version AS version, s.token AS token
            """;
    private static final String READ_STAMP = """
            MATCH (s:JourneysStamp {key: $key})
            RETURN s.version AS version, s.token AS token
            """;
    private static final String ENSURE_STAMP = """
            MERGE (s:JourneysStamp {key: $key})
            ON CREATE SET s.version = $version, s.token = $token
            RETURN s.version AS version, s.token AS token
            """;

    /** The labels whose keys must be unique: the graph's and the stamp's. */
    static final List<Label> LABELS = Stream.concat(GraphNames.LABELS.stream(), Stream.of(STAMP)).toList();

    /** The indexes journeys need beyond the labels' key constraints. */
    static final List<PropertyIndex> INDEXES = List.of(new PropertyIndex(GraphNames.CARE_EVENT, "type"));

    private final Neo4jGraph store;
    private final Neo4jCohortCrossCheck crossCheck;

    public Neo4jJourneyStore(GraphStore store) {
        this.store = Neo4jGraph.require(store, "journeys");
        this.crossCheck = new Neo4jCohortCrossCheck(this.store);
    }

    @Override
    public String backend() {
        return "neo4j";
    }

    @Override
    public void ensureSchema() {
        store.ensureSchema(LABELS, INDEXES);
    }

    @Override
    public Optional<CohortCrossCheck> crossCheck() {
        return Optional.of(crossCheck);
    }

    @Override
    public Optional<JourneysStamp> stamp() {
        return store.read(READ_STAMP, Map.of("key", STAMP_KEY)).stream().findFirst().flatMap(Neo4jJourneyStore::stampOf);
    }

    @Override
    public JourneysStamp moveStamp() {
        return store.writeCypher(Neo4jJourneyStore::moveStamp);
    }

    @Override
    public JourneysStamp ensureStamp() {
        JourneysStamp first = JourneysStamp.first();
        return store.writeCypher(w -> stampOf(w.run(ENSURE_STAMP, Map.of("key", STAMP_KEY, "version", first.version(),
                "token", first.token().toString())).getFirst()).orElseThrow());
    }

    @Override
    public long patientCount() {
        return store.count(GraphNames.PATIENT);
    }

    @Override
    public long eventCount() {
        return store.count(GraphNames.CARE_EVENT);
    }

    private static JourneysStamp moveStamp(CypherWriter w) {
        w.run(LOCK_STAMP, Map.of("key", STAMP_KEY));
        UUID token = UUID.randomUUID();
        return stampOf(w.run(MOVE_STAMP, Map.of("key", STAMP_KEY, "token", token.toString())).getFirst()).orElseThrow();
    }

    /** Empty for a stamp node caught between its creation and its first move (never committed so). */
    private static Optional<JourneysStamp> stampOf(Map<String, Object> row) {
        String token = (String) row.get("token");
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new JourneysStamp(((Number) row.get("version")).longValue(), UUID.fromString(token)));
    }

    /**
     * Writes one batch in one transaction: resolves the batch's codes once, checks once which
     * patients exist, creates the new ones with their events and replaces the events of the others,
     * then moves the stamp.
     */
    @Override
    public JourneysStamp write(List<PatientJourney> batch) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one patient");
        }
        // Sorted: concurrent batches then take the Code key locks in the same order and cannot deadlock.
        Map<String, List<Object>> codeRows = new TreeMap<>();
        List<String> ids = new ArrayList<>(batch.size());
        for (PatientJourney j : batch) {
            ids.add(j.id().value());
            for (CareEvent ev : j.events()) {
                for (EventCode c : ev.codes()) {
                    codeRows.computeIfAbsent(c.key(), k -> Arrays.asList(k, c.code(), c.system().nomenclature()));
                }
            }
        }
        return store.writeCypher(w -> {
            Map<String, String> refs = new HashMap<>(codeRows.size() * 2);
            for (Map<String, Object> r : runChunked(w, RESOLVE_CODES, List.copyOf(codeRows.values()))) {
                refs.put((String) r.get("key"), (String) r.get("ref"));
            }
            Set<String> existing = new HashSet<>();
            for (Map<String, Object> r : runChunked(w, EXISTING_PATIENTS, ids)) {
                existing.add((String) r.get("id"));
            }
            if (!existing.isEmpty()) {
                runChunked(w, DELETE_OLD_EVENTS, List.copyOf(existing));
            }
            List<List<Object>> created = new ArrayList<>(batch.size());
            List<List<Object>> updated = new ArrayList<>(existing.size());
            List<List<Object>> aliases = new ArrayList<>(batch.size());
            List<List<Object>> projects = new ArrayList<>();
            for (PatientJourney j : batch) {
                (existing.contains(j.id().value()) ? updated : created).add(row(j, refs));
                for (String alias : j.aliases()) {
                    aliases.add(List.of(j.id().value(), alias));
                }
                for (ProjectCode project : j.projects()) {
                    projects.add(List.of(j.id().value(), project.value()));
                }
            }
            runByEvents(w, WRITE_NEW_PATIENTS, created);
            runByEvents(w, WRITE_EXISTING_PATIENTS, updated);
            runChunked(w, WRITE_ALIASES, aliases);
            runChunked(w, WRITE_PROJECTS, projects);
            return moveStamp(w);
        });
    }

    private static List<Object> row(PatientJourney j, Map<String, String> codeRefs) {
        List<Object> events = new ArrayList<>(j.events().size());
        int seq = 0;
        for (CareEvent ev : j.events()) {
            List<Object> codes = new ArrayList<>(ev.codes().size());
            for (EventCode c : ev.codes()) {
                codes.add(List.of(codeRefs.get(c.key()), c.role().name()));
            }
            events.add(Arrays.asList(seq++, ev.type().name(), ev.start(), ev.end(), ev.source(), ev.quantity(), codes));
        }
        return Arrays.asList(j.id().value(), j.birthDate().orElse(null), j.sex(), j.department(), j.deathDate().orElse(null),
                events);
    }

    /** Sends patient rows in statements of about {@link #ROWS_PER_STATEMENT} events. */
    private static void runByEvents(CypherWriter w, String statement, List<List<Object>> patients) {
        int from = 0;
        while (from < patients.size()) {
            int to = from;
            int events = 0;
            while (to < patients.size() && (to == from || events < ROWS_PER_STATEMENT)) {
                events += ((List<?>) patients.get(to).get(5)).size();
                to++;
            }
            w.run(statement, Map.of("rows", patients.subList(from, to)));
            from = to;
        }
    }

    private static List<Map<String, Object>> runChunked(CypherWriter w, String statement, List<?> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            out.addAll(w.run(statement, Map.of("rows", rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT)))));
        }
        return out;
    }

    @Override
    public List<PatientId> projectMembers(ProjectCode project, Optional<PatientId> after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return store.read(PROJECT_MEMBERS, Map.of("project", project.value(), "after", after.map(PatientId::value).orElse(""),
                "limit", limit)).stream().map(r -> new PatientId((String) r.get("id"))).toList();
    }

    @Override
    public Set<ProjectCode> projectsOf(PatientId patient) {
        Set<ProjectCode> out = new TreeSet<>();
        store.read(PROJECTS_OF, Map.of("id", patient.value())).forEach(r -> out.add(new ProjectCode((String) r.get("key"))));
        return out;
    }

    @Override
    public Map<ProjectCode, Long> projects() {
        Map<ProjectCode, Long> out = new TreeMap<>();
        store.read(PROJECTS, Map.of()).forEach(r -> out.put(new ProjectCode((String) r.get("key")),
                ((Number) r.get("patients")).longValue()));
        return out;
    }

    @Override
    public List<PatientJourney> patients(Optional<PatientId> after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        List<Map<String, Object>> page = store.read(READ_PATIENTS,
                Map.of("after", after.map(PatientId::value).orElse(""), "limit", limit));
        if (page.isEmpty()) {
            return List.of();
        }
        List<String> ids = page.stream().map(r -> (String) r.get("id")).toList();
        Map<String, List<Map<String, Object>>> eventsById = new HashMap<>(ids.size() * 2);
        for (Map<String, Object> ev : store.read(READ_EVENTS, Map.of("ids", ids))) {
            eventsById.computeIfAbsent((String) ev.get("id"), k -> new ArrayList<>()).add(ev);
        }
        List<PatientJourney> out = new ArrayList<>(page.size());
        for (Map<String, Object> row : page) {
            out.add(toJourney(row, eventsById.getOrDefault((String) row.get("id"), List.of())));
        }
        return out;
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
                GraphKeys.Parts key = GraphKeys.split((String) c.get(0), ':');
                codes.add(new EventCode(CodeSystem.parse(key.prefix()), key.value(), CodeRole.valueOf((String) c.get(1))));
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
