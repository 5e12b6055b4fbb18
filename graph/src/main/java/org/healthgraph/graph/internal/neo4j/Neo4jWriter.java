package org.healthgraph.graph.internal.neo4j;

import static org.healthgraph.graph.internal.neo4j.Neo4jGraphStore.q;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.healthgraph.graph.ConstraintViolationException;
import org.healthgraph.graph.Label;
import org.healthgraph.graph.RelType;
import org.healthgraph.graph.RelationshipRow;
import org.healthgraph.graph.WriteResult;
import org.healthgraph.graph.neo4j.CypherWriter;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.summary.SummaryCounters;

/** Batched upserts inside one managed transaction. */
final class Neo4jWriter implements CypherWriter {

    private final TransactionContext tx;
    private final int batchSize;

    Neo4jWriter(TransactionContext tx, int batchSize) {
        this.tx = tx;
        this.batchSize = batchSize;
    }

    @Override
    public WriteResult upsertNodes(Label label, List<Map<String, Object>> rows) {
        for (int i = 0; i < rows.size(); i++) {
            Object key = rows.get(i).get(label.keyProperty());
            if (key == null || key.toString().isBlank()) {
                throw new IllegalArgumentException("row " + i + " of " + label.name() + " has no value for its key property '"
                        + label.keyProperty() + "'");
            }
        }
        String statement = "UNWIND $rows AS row MERGE (n:" + q(label.name()) + " {" + q(label.keyProperty()) + ": row."
                + q(label.keyProperty()) + "}) SET n += row";
        WriteResult total = WriteResult.NONE;
        for (int from = 0; from < rows.size(); from += batchSize) {
            var batch = rows.subList(from, Math.min(rows.size(), from + batchSize));
            total = total.plus(counts(tx.run(statement, Map.of("rows", batch)).consume().counters()));
        }
        return total;
    }

    @Override
    public WriteResult upsertRelationships(RelType type, List<RelationshipRow> rows) {
        Label from = type.from();
        Label to = type.to();
        String statement = "UNWIND $rows AS row MATCH (a:" + q(from.name()) + " {" + q(from.keyProperty()) + ": row.f})"
                + " MATCH (b:" + q(to.name()) + " {" + q(to.keyProperty()) + ": row.t})"
                + " MERGE (a)-[r:" + q(type.name()) + "]->(b) SET r += row.p RETURN count(*) AS matched";
        WriteResult total = WriteResult.NONE;
        for (int start = 0; start < rows.size(); start += batchSize) {
            List<RelationshipRow> batch = rows.subList(start, Math.min(rows.size(), start + batchSize));
            List<Map<String, Object>> params = new ArrayList<>(batch.size());
            for (RelationshipRow row : batch) {
                params.add(Map.of("f", row.fromKey(), "t", row.toKey(), "p", row.properties()));
            }
            var result = tx.run(statement, Map.of("rows", params));
            long matched = result.single().get("matched").asLong();
            total = total.plus(counts(result.consume().counters()));
            if (matched < batch.size()) {
                throw missingEnd(type, params);
            }
        }
        return total;
    }

    private ConstraintViolationException missingEnd(RelType type, List<Map<String, Object>> params) {
        var missing = tx.run("UNWIND $rows AS row OPTIONAL MATCH (a:" + q(type.from().name()) + " {"
                + q(type.from().keyProperty()) + ": row.f}) OPTIONAL MATCH (b:" + q(type.to().name()) + " {"
                + q(type.to().keyProperty()) + ": row.t}) WITH row, a, b WHERE a IS NULL OR b IS NULL"
                + " RETURN row.f AS f, row.t AS t, a IS NULL AS noFrom LIMIT 1", Map.of("rows", params)).single();
        boolean noFrom = missing.get("noFrom").asBoolean();
        Label absent = noFrom ? type.from() : type.to();
        String key = noFrom ? missing.get("f").asString() : missing.get("t").asString();
        String shown = Neo4jErrors.isPatientLevel(absent) ? "(key withheld: patient-level data)" : "'" + key + "'";
        return new ConstraintViolationException("Cannot create " + type.name() + ": no " + absent.name() + " node with "
                + absent.keyProperty() + " " + shown, null);
    }

    @Override
    public long deleteNodes(Label label, Collection<String> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        return tx.run("MATCH (n:" + q(label.name()) + ") WHERE n." + q(label.keyProperty()) + " IN $keys DETACH DELETE n",
                Map.of("keys", List.copyOf(keys))).consume().counters().nodesDeleted();
    }

    @Override
    public List<Map<String, Object>> run(String statement, Map<String, Object> parameters) {
        List<Map<String, Object>> out = new ArrayList<>();
        tx.run(statement, parameters).forEachRemaining(r -> out.add(Neo4jValues.toMap(r)));
        return out;
    }

    private static WriteResult counts(SummaryCounters c) {
        return new WriteResult(c.nodesCreated(), c.relationshipsCreated(), c.propertiesSet());
    }
}
