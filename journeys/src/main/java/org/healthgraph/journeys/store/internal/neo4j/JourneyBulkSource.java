package org.healthgraph.journeys.store.internal.neo4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.healthgraph.graph.BulkSource;
import org.healthgraph.graph.ErrorKind;
import org.healthgraph.graph.GraphKeys;
import org.healthgraph.graph.GraphNames;
import org.healthgraph.journeys.CareEvent;
import org.healthgraph.journeys.EventCode;
import org.healthgraph.journeys.JourneyException;
import org.healthgraph.journeys.PatientJourney;
import org.healthgraph.journeys.ProjectCode;
import org.healthgraph.journeys.store.JourneyStore;
import org.healthgraph.journeys.store.JourneysStamp;

/**
 * Patients as a {@link BulkSource}: the same nodes, properties and relationships as
 * {@link Neo4jJourneyStore#write} creates (Patient, CareEvent with its {@code id = patient#seq}, HAD,
 * CODED_AS with its role to the catalog's Code node, created when absent, HAS_ALIAS to a Pseudonym
 * merged by key, IN_PROJECT to a Project merged by key, and the stamp node), numbered so that chunks of patients can be written
 * independently. The batch importer only adds nodes: it could not move a stamp that the graph holds
 * already, so a graph with a stamp is refused ({@link NotAFirstLoad}) before anything is written.
 */
final class JourneyBulkSource implements BulkSource {

    private static final int PATIENTS_PER_CHUNK = 1_000;
    private static final int NODES_PER_CHUNK = 10_000;
    private static final String[] PATIENT = {GraphNames.PATIENT.name()};
    private static final String[] PATIENT_KEYS = {"id", "birthDate", "sex", "department", "deathDate"};
    private static final String[] EVENT = {GraphNames.CARE_EVENT.name()};
    private static final String[] EVENT_KEYS = {"id", "seq", "type", "start", "end", "source", "quantity"};
    private static final String[] CODE = {GraphNames.CODE.name()};
    private static final String[] CODE_KEYS = {"key", "code", "nomenclature"};
    private static final String[] PSEUDONYM = {GraphNames.PSEUDONYM.name()};
    private static final String[] PSEUDONYM_KEYS = {"key", "system"};
    private static final String[] PROJECT = {GraphNames.PROJECT.name()};
    private static final String[] PROJECT_KEYS = {"key"};
    private static final String[] ROLE_KEYS = {"role"};
    private static final String[] STAMP = {JourneyStore.STAMP.name()};
    private static final String[] STAMP_KEYS = {JourneyStore.STAMP.keyProperty(), "version", "token"};
    private static final String[] NONE = {};
    private static final Object[] NO_VALUES = {};

    private final List<PatientJourney> patients;
    private final JourneysStamp stamp;
    private final long events;
    private final Map<String, Long> codeIds = new HashMap<>();
    private final Map<String, Long> aliasIds = new HashMap<>();
    private final List<Object[]> newCodes = new ArrayList<>();
    private final List<String> newAliases = new ArrayList<>();
    private final Map<String, Long> projectIds = new HashMap<>();
    private final List<String> newProjects = new ArrayList<>();
    private long[] patientIds;
    private long firstNewCode;
    private long firstNewAlias;
    private long firstNewProject;
    private long stampId;
    private long relationships;

    /** The patients, and the stamp to write; a patient listed twice is loaded once, as listed last. */
    JourneyBulkSource(List<PatientJourney> patients, JourneysStamp stamp) {
        this.stamp = stamp;
        Map<String, PatientJourney> byId = new LinkedHashMap<>(patients.size() * 2);
        for (PatientJourney p : patients) {
            byId.put(p.id().value(), p);
        }
        this.patients = byId.size() == patients.size() ? patients : List.copyOf(byId.values());
        this.events = this.patients.stream().mapToLong(p -> p.events().size()).sum();
    }

    int patientCount() {
        return patients.size();
    }

    long eventCount() {
        return events;
    }

    @Override
    public void prepare(ExistingNodes existing) {
        if (existing.find(JourneyStore.STAMP, JourneyStore.STAMP_KEY).isPresent()) {
            throw new NotAFirstLoad();
        }
        long next = existing.firstFreeId();
        firstNewCode = next;
        Map<String, EventCode> codes = new LinkedHashMap<>();
        Map<String, Boolean> aliases = new LinkedHashMap<>();
        Map<String, Boolean> projects = new LinkedHashMap<>();
        for (PatientJourney p : patients) {
            for (CareEvent e : p.events()) {
                for (EventCode c : e.codes()) {
                    codes.putIfAbsent(c.key(), c);
                }
                relationships += 1 + e.codes().size();
            }
            for (String a : p.aliases()) {
                aliases.put(a, Boolean.TRUE);
            }
            relationships += p.aliases().size();
            for (ProjectCode project : p.projects()) {
                projects.put(project.value(), Boolean.TRUE);
            }
            relationships += p.projects().size();
        }
        for (Map.Entry<String, EventCode> c : codes.entrySet()) {
            OptionalLong id = existing.find(GraphNames.CODE, c.getKey());
            if (id.isPresent()) {
                codeIds.put(c.getKey(), id.getAsLong());
            } else {
                codeIds.put(c.getKey(), next++);
                newCodes.add(new Object[] {c.getKey(), c.getValue().code(), c.getValue().system().nomenclature()});
            }
        }
        firstNewAlias = next;
        for (String a : aliases.keySet()) {
            OptionalLong id = existing.find(GraphNames.PSEUDONYM, a);
            if (id.isPresent()) {
                aliasIds.put(a, id.getAsLong());
            } else {
                aliasIds.put(a, next++);
                newAliases.add(a);
            }
        }
        firstNewProject = next;
        for (String project : projects.keySet()) {
            OptionalLong id = existing.find(GraphNames.PROJECT, project);
            if (id.isPresent()) {
                projectIds.put(project, id.getAsLong());
            } else {
                projectIds.put(project, next++);
                newProjects.add(project);
            }
        }
        stampId = next++;
        patientIds = new long[patients.size()];
        for (int i = 0; i < patients.size(); i++) {
            patientIds[i] = next;
            next += 1 + patients.get(i).events().size();
        }
    }

    /** Nodes numbered before the patients: new codes, new pseudonyms, new projects, the stamp. */
    private int lookupNodes() {
        return newCodes.size() + newAliases.size() + newProjects.size() + 1;
    }

    private int lookupChunks() {
        return (lookupNodes() + NODES_PER_CHUNK - 1) / NODES_PER_CHUNK;
    }

    private int patientChunks() {
        return (patients.size() + PATIENTS_PER_CHUNK - 1) / PATIENTS_PER_CHUNK;
    }

    @Override
    public int nodeChunks() {
        return lookupChunks() + patientChunks();
    }

    @Override
    public void nodes(int chunk, NodeSink sink) {
        if (chunk < lookupChunks()) {
            int to = Math.min(lookupNodes(), (chunk + 1) * NODES_PER_CHUNK);
            for (int i = chunk * NODES_PER_CHUNK; i < to; i++) {
                if (i < newCodes.size()) {
                    sink.node(firstNewCode + i, CODE, CODE_KEYS, newCodes.get(i));
                } else if (i == lookupNodes() - 1) {
                    sink.node(stampId, STAMP, STAMP_KEYS, new Object[] {JourneyStore.STAMP_KEY, stamp.version(),
                            stamp.token().toString()});
                } else if (i < newCodes.size() + newAliases.size()) {
                    String key = newAliases.get(i - newCodes.size());
                    sink.node(firstNewAlias + i - newCodes.size(), PSEUDONYM, PSEUDONYM_KEYS,
                            new Object[] {key, GraphKeys.prefix(key)});
                } else {
                    int k = i - newCodes.size() - newAliases.size();
                    sink.node(firstNewProject + k, PROJECT, PROJECT_KEYS, new Object[] {newProjects.get(k)});
                }
            }
            return;
        }
        int first = (chunk - lookupChunks()) * PATIENTS_PER_CHUNK;
        for (int i = first; i < Math.min(patients.size(), first + PATIENTS_PER_CHUNK); i++) {
            PatientJourney p = patients.get(i);
            long id = patientIds[i];
            String pid = p.id().value();
            sink.node(id, PATIENT, PATIENT_KEYS, new Object[] {pid, p.birthDate().orElse(null), (long) p.sex(),
                    p.department(), p.deathDate().orElse(null)});
            int seq = 0;
            for (CareEvent e : p.events()) {
                sink.node(id + 1 + seq, EVENT, EVENT_KEYS, new Object[] {GraphKeys.careEvent(pid, seq), (long) seq, e.type().name(),
                        e.start(), e.end(), e.source(), (long) e.quantity()});
                seq++;
            }
        }
    }

    @Override
    public int relationshipChunks() {
        return patientChunks();
    }

    @Override
    public void relationships(int chunk, RelationshipSink sink) {
        int first = chunk * PATIENTS_PER_CHUNK;
        for (int i = first; i < Math.min(patients.size(), first + PATIENTS_PER_CHUNK); i++) {
            PatientJourney p = patients.get(i);
            long id = patientIds[i];
            for (String a : p.aliases().stream().distinct().toList()) {
                sink.relationship(id, GraphNames.HAS_ALIAS.name(), aliasIds.get(a), NONE, NO_VALUES);
            }
            for (ProjectCode project : p.projects()) {
                sink.relationship(id, GraphNames.IN_PROJECT.name(), projectIds.get(project.value()), NONE, NO_VALUES);
            }
            int seq = 0;
            for (CareEvent e : p.events()) {
                long event = id + 1 + seq;
                sink.relationship(id, GraphNames.HAD.name(), event, NONE, NO_VALUES);
                for (EventCode c : e.codes()) {
                    sink.relationship(event, GraphNames.CODED_AS.name(), codeIds.get(c.key()), ROLE_KEYS,
                            new Object[] {c.role().name()});
                }
                seq++;
            }
        }
    }

    @Override
    public long estimatedNodes() {
        return lookupNodes() + patients.size() + events;
    }

    @Override
    public long estimatedRelationships() {
        return relationships;
    }

    /** The graph holds a journeys stamp already: not a first load. */
    static final class NotAFirstLoad extends JourneyException {
        private static final long serialVersionUID = 1L;

        NotAFirstLoad() {
            super(ErrorKind.CONFLICT, "the graph holds journeys already (a journeys stamp): the bulk load is for a first load");
        }
    }
}
