package org.healthgraph.journeys.store.internal.neo4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.healthgraph.graph.neo4j.Neo4jGraph;
import org.healthgraph.journeys.CodePattern;
import org.healthgraph.journeys.CodeRole;
import org.healthgraph.journeys.CohortQuery;
import org.healthgraph.journeys.Condition;
import org.healthgraph.journeys.EventCriterion;
import org.healthgraph.journeys.EventType;
import org.healthgraph.journeys.IndexEvent;
import org.healthgraph.journeys.InclusionRule;
import org.healthgraph.journeys.PatientId;
import org.healthgraph.journeys.store.CohortCrossCheck;

/**
 * The same cohort semantics as the timeline engine, translated to one Cypher statement over
 * {@code (:Patient)-[:HAD]->(:CareEvent)-[:CODED_AS]->(:Code)}: the cross-check engine. Code
 * prefixes go in as parameters; numbers, types and roles are inlined from validated values.
 */
final class Neo4jCohortCrossCheck implements CohortCrossCheck {

    private final Neo4jGraph store;

    Neo4jCohortCrossCheck(Neo4jGraph store) {
        this.store = store;
    }

    private Neo4jGraph cypher() {
        return store;
    }

    @Override
    public long[] rawAttrition(CohortQuery query) {
        Translation t = translate(query);
        String cypher = t.body + "\nRETURN level, count(*) AS n";
        long[] perLevel = new long[query.rules().size() + 1];
        for (Map<String, Object> row : cypher().read(cypher, t.params)) {
            perLevel[((Number) row.get("level")).intValue()] += ((Number) row.get("n")).longValue();
        }
        long[] out = new long[perLevel.length];
        long acc = 0;
        for (int k = perLevel.length - 1; k >= 0; k--) {
            acc += perLevel[k];
            out[k] = acc;
        }
        return out;
    }

    @Override
    public List<PatientId> patientIds(CohortQuery query, int offset, int limit) {
        Translation t = translate(query);
        String cypher = t.body + "\nWITH id, level WHERE level = " + query.rules().size()
                + "\nRETURN id ORDER BY id SKIP " + offset + " LIMIT " + limit;
        return cypher().read(cypher, t.params, r -> new PatientId((String) r.get("id")));
    }

    @Override
    public String statement(CohortQuery query) {
        return translate(query).body + "\nRETURN level, count(*) AS n";
    }

    private record Translation(String body, Map<String, Object> params) {
    }

    private static Translation translate(CohortQuery q) {
        Builder b = new Builder();
        IndexEvent ix = q.index();
        StringBuilder s = new StringBuilder();
        s.append("MATCH (p:Patient)-[:HAD]->(a:CareEvent)\nWHERE ").append(b.criterion(ix.event(), "a"));
        q.projectCode().ifPresent(project -> {
            b.params.put("project", project.value());
            s.append(" AND EXISTS { MATCH (p)-[:IN_PROJECT]->(:Project {key: $project}) }");
        });
        s.append('\n');
        switch (ix.occurrence()) {
            case FIRST -> s.append("WITH p, a ORDER BY a.seq\nWITH p, collect(a)[0] AS a\n");
            case LAST -> s.append("WITH p, a ORDER BY a.seq\nWITH p, collect(a)[-1] AS a\n");
            case ALL -> { }
        }
        List<String> filters = new ArrayList<>();
        if (ix.washoutDays() > 0) {
            filters.add("NOT EXISTS { MATCH (p)-[:HAD]->(w:CareEvent) WHERE w <> a AND w.start < a.start AND w.start >= a.start - duration({days: "
                    + ix.washoutDays() + "}) AND " + b.criterion(ix.event(), "w") + " }");
        }
        if (ix.priorObservationDays() > 0) {
            filters.add("EXISTS { MATCH (p)-[:HAD]->(o:CareEvent) WHERE o.start <= a.start - duration({days: "
                    + ix.priorObservationDays() + "}) }");
        }
        s.append("WITH p, a").append(filters.isEmpty() ? "" : " WHERE " + String.join(" AND ", filters)).append('\n');
        List<String> carried = new ArrayList<>(List.of("p", "a"));
        Map<String, String> anchors = new HashMap<>();
        anchors.put(Condition.INDEX, "a");
        int k = 0;
        for (InclusionRule rule : q.rules()) {
            k++;
            Condition c = rule.condition();
            String r = "r" + k;
            if (!c.isGroup() && c.name() != null) {
                String v = "n" + k;
                String anchor = anchors.get(c.anchor());
                s.append("CALL (").append(String.join(", ", carried)).append(") {\n  OPTIONAL MATCH (p)-[:HAD]->(b:CareEvent) WHERE ")
                        .append(anchor).append(" IS NOT NULL AND ").append(b.window(c, anchor, "b")).append(" AND ")
                        .append(b.criterion(c.event(), "b")).append("\n  RETURN b AS ").append(v)
                        .append(" ORDER BY b.seq LIMIT 1\n}\n");
                carried.add(v);
                anchors.put(c.name(), v);
            }
            s.append("WITH ").append(String.join(", ", carried)).append(", coalesce(").append(b.condition(c, anchors))
                    .append(", false) AS ").append(r).append('\n');
            carried.add(r);
        }
        StringBuilder level = new StringBuilder("CASE");
        for (int i = 1; i <= k; i++) {
            level.append(" WHEN NOT r").append(i).append(" THEN ").append(i - 1);
        }
        level.append(" ELSE ").append(k).append(" END");
        s.append("WITH p, max(").append(k == 0 ? "0" : level.toString()).append(") AS level\n");
        s.append("WITH p.id AS id, level");
        return new Translation(s.toString(), b.params);
    }

    private static final class Builder {
        private final Map<String, Object> params = new HashMap<>();

        String condition(Condition c, Map<String, String> anchors) {
            if (c.isGroup()) {
                List<String> parts = new ArrayList<>();
                for (Condition inner : c.conditions()) {
                    parts.add("coalesce(" + condition(inner, anchors) + ", false)");
                }
                return switch (c.group()) {
                    case ALL -> "(" + String.join(" AND ", parts) + ")";
                    case ANY -> "(" + String.join(" OR ", parts) + ")";
                    case AT_LEAST -> "(" + String.join(" + ", parts.stream()
                            .map(x -> "CASE WHEN " + x + " THEN 1 ELSE 0 END").toList()) + " >= " + c.times() + ")";
                };
            }
            String anchor = anchors.get(c.anchor());
            String count = "COUNT { MATCH (p)-[:HAD]->(b:CareEvent) WHERE " + window(c, anchor, "b") + " AND "
                    + criterion(c.event(), "b") + " }";
            String cmp = switch (c.count()) {
                case AT_LEAST -> " >= " + c.times();
                case AT_MOST -> " <= " + c.times();
                case EXACTLY -> " = " + c.times();
                case NONE -> " = 0";
            };
            return "(" + anchor + " IS NOT NULL AND " + count + cmp + ")";
        }

        String window(Condition c, String a, String b) {
            if (c.sameStay()) {
                return "(" + b + " = " + a + " OR (" + b + ".start >= " + a + ".start AND " + b + ".start <= " + a + ".end))";
            }
            String aDay = a + (c.anchorSide() == Condition.Side.START ? ".start" : ".end");
            String bDay = b + (c.eventSide() == Condition.Side.START ? ".start" : ".end");
            StringBuilder w = new StringBuilder(b + " <> " + a);
            if (c.direction() == Condition.Direction.AFTER) {
                w.append(" AND ").append(bDay).append(" >= ").append(aDay).append(" + duration({days: ").append(c.minDays()).append("})");
                if (c.maxDays() != null) {
                    w.append(" AND ").append(bDay).append(" <= ").append(aDay).append(" + duration({days: ").append(c.maxDays()).append("})");
                }
            } else {
                w.append(" AND ").append(bDay).append(" <= ").append(aDay).append(" - duration({days: ").append(c.minDays()).append("})");
                if (c.maxDays() != null) {
                    w.append(" AND ").append(bDay).append(" >= ").append(aDay).append(" - duration({days: ").append(c.maxDays()).append("})");
                }
            }
            return "(" + w + ")";
        }

        String criterion(EventCriterion c, String e) {
            List<String> parts = new ArrayList<>();
            if (!c.types().isEmpty()) {
                parts.add(e + ".type IN [" + String.join(", ", c.types().stream().map(EventType::name).sorted()
                        .map(t -> "'" + t + "'").toList()) + "]");
            }
            if (!c.codes().isEmpty() || !c.roles().isEmpty()) {
                List<String> code = new ArrayList<>();
                if (!c.codes().isEmpty()) {
                    List<String> prefixes = new ArrayList<>();
                    for (CodePattern pattern : c.codes()) {
                        String param = "k" + params.size();
                        params.put(param, pattern.keyPrefix());
                        prefixes.add("k.key STARTS WITH $" + param);
                    }
                    code.add("(" + String.join(" OR ", prefixes) + ")");
                }
                if (!c.roles().isEmpty()) {
                    code.add("r.role IN [" + String.join(", ", c.roles().stream().map(CodeRole::name).sorted()
                            .map(t -> "'" + t + "'").toList()) + "]");
                }
                parts.add("EXISTS { MATCH (" + e + ")-[r:CODED_AS]->(k:Code) WHERE " + String.join(" AND ", code) + " }");
            }
            if (c.minAge() != null) {
                parts.add(e + ".start >= p.birthDate + duration({years: " + c.minAge() + "})");
            }
            if (c.maxAge() != null) {
                parts.add(e + ".start < p.birthDate + duration({years: " + (c.maxAge() + 1) + "})");
            }
            return parts.isEmpty() ? "true" : "(" + String.join(" AND ", parts) + ")";
        }
    }
}
