package org.healthgraph.graph.internal.neo4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.TypeSystem;

/** Turns driver values into plain Java values, so that no driver type crosses the port. */
final class Neo4jValues {

    private Neo4jValues() {
    }

    static Map<String, Object> toMap(Record record) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : record.keys()) {
            out.put(key, toJava(record.get(key)));
        }
        return out;
    }

    static Object toJava(Value value) {
        TypeSystem types = TypeSystem.getDefault();
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.hasType(types.NODE())) {
            return new LinkedHashMap<>(value.asNode().asMap());
        }
        if (value.hasType(types.RELATIONSHIP())) {
            return new LinkedHashMap<>(value.asRelationship().asMap());
        }
        if (value.hasType(types.LIST())) {
            List<Object> out = new ArrayList<>();
            value.values().forEach(v -> out.add(toJava(v)));
            return out;
        }
        if (value.hasType(types.MAP())) {
            Map<String, Object> out = new LinkedHashMap<>();
            value.keys().forEach(k -> out.put(k, toJava(value.get(k))));
            return out;
        }
        return value.asObject();
    }
}
