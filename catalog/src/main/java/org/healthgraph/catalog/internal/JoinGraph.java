package org.healthgraph.catalog.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.healthgraph.catalog.Join;
import org.healthgraph.catalog.JoinHop;
import org.healthgraph.catalog.JoinPath;
import org.healthgraph.catalog.JoinPathResult;
import org.healthgraph.catalog.KeyPair;
import org.healthgraph.catalog.TableName;
import org.healthgraph.catalog.UnknownCatalogEntryException;

/**
 * The declared joins held in memory, for join paths without a round trip: the same answer as
 * {@link GraphCatalog#joinPaths} (all shortest paths over joins walked in either direction, each
 * join at most once per path, parallel joins giving distinct paths, hops oriented along the path),
 * found by a breadth-first search over a few hundred tables.
 */
final class JoinGraph {

    /** A join seen from one of its ends. */
    private record Edge(Join join, TableName other, boolean forward) {
    }

    private final Set<TableName> tables;
    private final Map<TableName, List<Edge>> edges = new HashMap<>();

    private JoinGraph(Set<TableName> tables) {
        this.tables = tables;
    }

    static JoinGraph of(Collection<TableName> tables, Collection<Join> joins) {
        JoinGraph graph = new JoinGraph(Set.copyOf(tables));
        for (Join join : joins) {
            graph.edges.computeIfAbsent(join.from(), t -> new ArrayList<>()).add(new Edge(join, join.to(), true));
            if (!join.from().equals(join.to())) {
                graph.edges.computeIfAbsent(join.to(), t -> new ArrayList<>()).add(new Edge(join, join.from(), false));
            }
        }
        return graph;
    }

    JoinPathResult paths(TableName from, TableName to, int maxHops) {
        GraphCatalog.checkHops(maxHops);
        for (TableName t : List.of(from, to)) {
            if (!tables.contains(t)) {
                throw new UnknownCatalogEntryException("No table named " + t + " in the catalog");
            }
        }
        if (from.equals(to)) {
            return new JoinPathResult(from, to, maxHops, List.of(new JoinPath(from, to, List.of())));
        }
        // Distances from 'to', so that paths can be walked forward from 'from' along decreasing distance.
        Map<TableName, Integer> distance = new HashMap<>();
        distance.put(to, 0);
        ArrayDeque<TableName> queue = new ArrayDeque<>(List.of(to));
        while (!queue.isEmpty()) {
            TableName here = queue.poll();
            int d = distance.get(here);
            if (d == maxHops || here.equals(from)) {
                continue;
            }
            for (Edge e : edges.getOrDefault(here, List.of())) {
                if (!distance.containsKey(e.other())) {
                    distance.put(e.other(), d + 1);
                    queue.add(e.other());
                }
            }
        }
        List<JoinPath> out = new ArrayList<>();
        if (distance.containsKey(from)) {
            walk(from, to, distance, new ArrayList<>(), out);
        }
        out.sort(Comparator.comparing(GraphCatalog::describe));
        return new JoinPathResult(from, to, maxHops, out.stream().distinct().toList());
    }

    private void walk(TableName here, TableName to, Map<TableName, Integer> distance, List<JoinHop> hops,
                      List<JoinPath> out) {
        if (here.equals(to)) {
            out.add(new JoinPath(hops.isEmpty() ? here : hops.getFirst().from(), to, hops));
            return;
        }
        int d = distance.get(here);
        Set<Join> used = new HashSet<>();
        for (Edge e : edges.getOrDefault(here, List.of())) {
            Integer next = distance.get(e.other());
            if (next != null && next == d - 1 && !e.other().equals(here) && used.add(e.join())) {
                List<KeyPair> keys = e.forward() ? e.join().keys() : e.join().keys().stream().map(KeyPair::reversed).toList();
                hops.add(new JoinHop(here, e.other(), keys, e.forward()));
                walk(e.other(), to, distance, hops, out);
                hops.removeLast();
            }
        }
    }
}
