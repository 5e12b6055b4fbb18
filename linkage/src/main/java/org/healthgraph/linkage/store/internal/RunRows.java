package org.healthgraph.linkage.store.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.healthgraph.graph.GraphStore;
import org.healthgraph.graph.Label;
import org.healthgraph.graph.PropertyIndex;
import org.healthgraph.linkage.match.LinkageException;
import org.healthgraph.linkage.store.LinkRun;
import org.healthgraph.linkage.store.PairPage;
import org.healthgraph.linkage.store.PairQuery;
import org.healthgraph.linkage.store.ReviewDecision;
import org.healthgraph.linkage.store.RunPair;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The property layout of runs, their pairs and review decisions, shared by both backends: each is a
 * node whose searchable properties sit beside a {@code json} property holding the whole record.
 * {@code LinkRun {id, startedAt, json}}, {@code LinkPair {key: run:ordinal, runId, leftId,
 * rightId, ordinal, probability, review, json}}, {@code ReviewDecision {key: random, runId, at, json}}. No key holds an
 * identifier, so that the port's messages may quote them.
 */
public final class RunRows {

    public static final Label RUN = new Label("LinkRun", "id");
    public static final Label PAIR = new Label("LinkPair", "key");
    public static final Label DECISION = new Label("ReviewDecision", "key");
    public static final List<Label> LABELS = List.of(RUN, PAIR, DECISION);
    public static final List<PropertyIndex> INDEXES = List.of(new PropertyIndex(PAIR, "runId"),
            new PropertyIndex(DECISION, "runId"));

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int BATCH = 1_000;

    private RunRows() {
    }

    public static void saveRun(GraphStore graph, LinkRun run, List<RunPair> pairs) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RunPair p : pairs) {
            if (!p.runId().equals(run.id())) {
                throw new LinkageException("a run's pairs must carry its id");
            }
            Map<String, Object> row = new HashMap<>();
            row.put("key", run.id() + ":" + p.ordinal());
            row.put("runId", run.id());
            row.put("leftId", p.leftId());
            row.put("rightId", p.rightId());
            row.put("ordinal", (long) p.ordinal());
            row.put("probability", p.decisionProbability());
            row.put("review", p.review());
            row.put("json", json(p));
            rows.add(row);
            if (rows.size() == BATCH) {
                graph.upsertNodes(PAIR, rows);
                rows = new ArrayList<>();
            }
        }
        if (!rows.isEmpty()) {
            graph.upsertNodes(PAIR, rows);
        }
        // the run last: a run that can be read has all its pairs
        graph.upsertNodes(RUN, List.of(Map.of("id", run.id(), "startedAt", run.startedAt().toString(), "json", json(run))));
    }

    public static Map<String, Object> decisionRow(ReviewDecision d) {
        return Map.of("key", UUID.randomUUID().toString(), "runId", d.runId(), "at", d.at().toEpochMilli(), "json", json(d));
    }

    public static LinkRun run(Object json) {
        return read(json, LinkRun.class);
    }

    public static RunPair pair(Object json) {
        return read(json, RunPair.class);
    }

    public static ReviewDecision decision(Object json) {
        return read(json, ReviewDecision.class);
    }

    /** Runs, newest first. */
    public static List<LinkRun> newestFirst(List<LinkRun> runs) {
        return runs.stream().sorted(Comparator.comparing(LinkRun::startedAt).reversed().thenComparing(LinkRun::id)).toList();
    }

    /** Decisions, oldest first (by time, then as stored). */
    public static List<ReviewDecision> oldestFirst(List<ReviewDecision> decisions) {
        return decisions.stream().sorted(Comparator.comparing(ReviewDecision::at)).toList();
    }

    public static String cursor(RunPair p) {
        return Integer.toString(p.ordinal());
    }

    /** The ordinal after which a page starts (-1 from the start). */
    public static int parseCursor(Optional<String> after) {
        if (after.isEmpty()) {
            return -1;
        }
        try {
            return Integer.parseInt(after.get());
        } catch (NumberFormatException e) {
            throw new LinkageException("after: not a cursor of a page of pairs");
        }
    }

    /**
     * A stored pair's searchable properties and, when read, its JSON.
     *
     * @param ordinal its place in the run
     * @param probability its decision probability
     * @param review whether it is in the review band
     * @param json the whole pair, or null when not read
     */
    public record Row(int ordinal, double probability, boolean review, Object json) {
        public static Row of(Map<String, Object> props) {
            return new Row(((Number) props.get("ordinal")).intValue(), ((Number) props.get("probability")).doubleValue(),
                    Boolean.TRUE.equals(props.get("review")), props.get("json"));
        }
    }

    /** A page out of a run's stored pair rows (in any order): those the query matches, after the cursor. */
    public static PairPage page(List<Row> rows, PairQuery query, Optional<String> after, int first) {
        LinkRows.checkPage(first);
        int from = parseCursor(after);
        List<Row> matching = rows.stream().filter(r -> rowMatches(query, r.probability(), r.review()))
                .sorted(Comparator.comparingInt(Row::ordinal)).toList();
        List<Row> next = matching.stream().filter(r -> r.ordinal() > from).limit(first + 1L).toList();
        boolean more = next.size() > first;
        List<RunPair> page = (more ? next.subList(0, first) : next).stream().map(r -> pair(r.json())).toList();
        return new PairPage(page, more, page.isEmpty() ? Optional.empty() : Optional.of(cursor(page.getLast())),
                matching.size());
    }

    /** Whether a stored pair row (probability, review) may match the query, before its JSON is read. */
    public static boolean rowMatches(PairQuery q, double probability, boolean review) {
        return probability >= q.minProbability() && probability <= q.maxProbability() && (!q.reviewOnly() || review);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JacksonException e) {
            throw new LinkageException("linkage run: cannot be written as JSON", e);
        }
    }

    private static <T> T read(Object json, Class<T> type) {
        try {
            return JSON.readValue(String.valueOf(json), type);
        } catch (JacksonException e) {
            throw new LinkageException("linkage run: a stored " + type.getSimpleName() + " cannot be read", e);
        }
    }
}
