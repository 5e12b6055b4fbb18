package org.healthgraph.bench.graphql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What the load draws its variables from, read from the running server before the load starts:
 * every table, every pair of tables at most two joins apart (the join paths a researcher asks for),
 * every code list that some variable uses, and the questions of the search relevance set.
 */
record Choices(List<String> tables, List<String> joinedPairs, List<String> nomenclatures) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Choices read(HttpClient http, URI url) {
        List<String> datasets = new ArrayList<>();
        pages(http, url, "query($after: String) { page: datasets(first: 100, after: $after) {"
                + " pageInfo { hasNextPage endCursor } edges { node { name } } } }", Map.of(), "page",
                node -> datasets.add(node.path("name").asString()));
        List<String> tables = new ArrayList<>();
        for (String dataset : datasets) {
            pages(http, url, "query($d: String!, $after: String) { dataset(name: $d) { page: tables(first: 100, after: $after) {"
                    + " pageInfo { hasNextPage endCursor } edges { node { name } } } } }", Map.of("d", dataset), "dataset.page",
                    node -> tables.add(node.path("name").asString()));
        }
        TreeSet<String> pairs = new TreeSet<>();
        TreeSet<String> nomenclatures = new TreeSet<>();
        for (String table : tables) {
            JsonNode data = ask(http, url, "query($t: String!) { neighbourhood(table: $t, depth: 2) { tables { name } }"
                    + " table(name: $t) { variables(first: 100) { edges { node { nomenclature { name } } } } } }",
                    Map.of("t", table));
            data.path("neighbourhood").path("tables").forEach(t -> {
                if (!t.path("name").asString().equals(table)) {
                    pairs.add(table + "|" + t.path("name").asString());
                }
            });
            data.path("table").path("variables").path("edges").forEach(e -> {
                JsonNode nomenclature = e.path("node").path("nomenclature");
                if (!nomenclature.isNull() && !nomenclature.isMissingNode()) {
                    nomenclatures.add(nomenclature.path("name").asString());
                }
            });
        }
        return new Choices(List.copyOf(tables), List.copyOf(pairs), List.copyOf(nomenclatures));
    }

    /** Walks every page of the connection at {@code path} (dot-separated) and hands each node to {@code sink}. */
    private static void pages(HttpClient http, URI url, String query, Map<String, String> variables, String path,
                              Consumer<JsonNode> sink) {
        String after = null;
        for (int page = 0; page < 10_000; page++) {
            Map<String, String> vars = new HashMap<>(variables);
            vars.put("after", after);
            JsonNode connection = ask(http, url, query, vars);
            for (String step : path.split("\\.")) {
                connection = connection.path(step);
            }
            connection.path("edges").forEach(e -> sink.accept(e.path("node")));
            if (!connection.path("pageInfo").path("hasNextPage").asBoolean()) {
                return;
            }
            after = connection.path("pageInfo").path("endCursor").asString();
        }
        throw new IllegalStateException("more than 10,000 pages at " + path);
    }

    /** The values named by {@code @tables}, {@code @joinedPairs} or {@code @nomenclatures}. */
    List<String> named(String name) {
        return switch (name) {
            case "@tables" -> tables;
            case "@joinedPairs" -> joinedPairs;
            case "@nomenclatures" -> nomenclatures;
            case "@relevanceQuestions" -> relevanceQuestions();
            default -> throw new IllegalArgumentException("unknown choice list '" + name
                    + "': expected a list of values, @tables, @joinedPairs @nomenclatures or @relevanceQuestions");
        };
    }

    /** The questions of the search relevance set (bench/src/main/resources/.../relevance-snds.txt). */
    static List<String> relevanceQuestions() {
        try (InputStream in = Choices.class.getResourceAsStream("/org/healthgraph/bench/search/relevance-snds.txt")) {
            if (in == null) {
                throw new IllegalStateException("the relevance set is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#") && l.contains("|"))
                    .map(l -> l.substring(0, l.indexOf('|')).strip()).distinct().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode ask(HttpClient http, URI url, String query, Map<String, String> variables) {
        String body = JSON.writeValueAsString(Map.of("query", query, "variables", variables));
        String response = GraphqlLoad.send(http, url, body)
                .orElseThrow(() -> new IllegalStateException("the server did not answer " + query + " " + variables));
        return JSON.readTree(response).path("data");
    }
}
