package org.healthgraph.bench.graphql;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Drives a running healthgraph server over HTTP with a weighted mix of GraphQL queries from
 * concurrent clients, bounded in request count and in time, and prints throughput and latency
 * percentiles per query kind and overall. A response with {@code errors} counts as an error.
 *
 * <p>The variables of each request are drawn from the running catalog (every table, tables two joins
 * apart, every code list, the search relevance questions), and code-list clients page on through
 * their lists, so that the load reads the whole catalog rather than a few cached answers.
 *
 * <p>Usage: {@code GraphqlLoad <url> [clients=16] [seconds=30] [maxRequests=200000] [warmupSeconds=20] [mix.json]}:
 * the same mix runs {@code warmupSeconds} unmeasured first, as a server that has run for a while has its
 * caches filled.
 */
public final class GraphqlLoad {

    /**
     * One kind of query of the mix: its text, fixed variables, variables drawn at random for each request
     * from a list of choices, and optionally a variable {@code after} fed with the end cursor of the
     * client's previous page of the same kind (at {@code cursorPath} in the response), so that clients
     * page through long lists rather than asking for the first page again.
     */
    private record Kind(String name, int weight, String query, Map<String, Object> fixed,
                        Map<String, List<Object>> choices, List<String> cursorPath,
                        ConcurrentHistogram latencies, LongAdder errors) {

        /**
         * A request: fixed variables, random choices (a choice named "a|b" draws "x|y" values and sets
         * a = x and b = y), and the client's cursor for these variables when paging.
         */
        Request request(Map<String, String> cursors) {
            Map<String, Object> variables = new LinkedHashMap<>(fixed);
            ThreadLocalRandom random = ThreadLocalRandom.current();
            choices.forEach((name, values) -> {
                String value = String.valueOf(values.get(random.nextInt(values.size())));
                String[] names = name.split("\\|");
                String[] parts = value.split("\\|", names.length);
                for (int i = 0; i < names.length; i++) {
                    variables.put(names[i], parts[i]);
                }
            });
            String cursorKey = name + variables;
            if (!cursorPath.isEmpty()) {
                variables.put("after", cursors.get(cursorKey));
            }
            return new Request(JSON.writeValueAsString(Map.of("query", query, "variables", variables)), cursorKey);
        }
    }

    private record Request(String body, String cursorKey) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The Authorization header every request carries (BENCH_AUTHORIZATION, e.g. "Bearer <JWT>"); none when unset. */
    private static final String AUTHORIZATION = System.getenv().getOrDefault("BENCH_AUTHORIZATION", "");

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:8080/graphql");
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        long maxRequests = args.length > 3 ? Long.parseLong(args[3]) : 200_000;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Choices catalog = Choices.read(http, url);
        System.out.printf(Locale.ROOT, "choices: %d tables, %d joined pairs, %d code lists%n", catalog.tables().size(),
                catalog.joinedPairs().size(), catalog.nomenclatures().size());
        int warmupSeconds = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        List<Kind> kinds = loadMix(args.length > 5 ? Files.newInputStream(Path.of(args[5]))
                : GraphqlLoad.class.getResourceAsStream("/bench/graphql/mix.json"), catalog);

        warmUp(http, url, kinds);
        if (warmupSeconds > 0) {
            System.out.printf(Locale.ROOT, "warm-up: %d s of the same mix, not measured%n", warmupSeconds);
            run(http, url, kinds, clients, warmupSeconds, maxRequests);
            kinds.forEach(k -> {
                k.latencies().reset();
                k.errors().reset();
            });
        }
        double elapsed = run(http, url, kinds, clients, seconds, maxRequests);
        report(kinds, clients, elapsed);
    }

    /** Drives the mix from {@code clients} threads for {@code seconds} or {@code maxRequests}; returns the seconds taken. */
    private static double run(HttpClient http, URI url, List<Kind> kinds, int clients, int seconds, long maxRequests) {
        int totalWeight = kinds.stream().mapToInt(Kind::weight).sum();
        AtomicLong issued = new AtomicLong();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    Map<String, String> cursors = new HashMap<>();
                    while (System.nanoTime() < deadline && issued.incrementAndGet() <= maxRequests) {
                        Kind kind = pick(kinds, totalWeight);
                        Request request = kind.request(cursors);
                        long t0 = System.nanoTime();
                        Optional<String> response = send(http, url, request.body());
                        boolean ok = response.isPresent();
                        kind.latencies().recordValue(Math.max(1, (System.nanoTime() - t0) / 1_000));
                        if (!ok) {
                            kind.errors().increment();
                        } else if (!kind.cursorPath().isEmpty()) {
                            remember(kind, request.cursorKey(), response.get(), cursors);
                        }
                    }
                    return null;
                });
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void warmUp(HttpClient http, URI url, List<Kind> kinds) {
        Map<String, String> cursors = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            for (Kind kind : kinds) {
                if (send(http, url, kind.request(cursors).body()).isEmpty() && i == 0) {
                    System.out.println("warning: query '" + kind.name() + "' answers with errors");
                }
            }
        }
    }

    /** The response body when the request succeeded without GraphQL errors. */
    static Optional<String> send(HttpClient http, URI url, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
            if (!AUTHORIZATION.isEmpty()) {
                request.header("Authorization", AUTHORIZATION);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && !response.body().contains("\"errors\"")
                    ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Keeps the end cursor of a page for the client's next request with the same variables, or forgets it at the end. */
    private static void remember(Kind kind, String key, String response, Map<String, String> cursors) {
        JsonNode pageInfo = JSON.readTree(response).path("data");
        for (String step : kind.cursorPath()) {
            pageInfo = pageInfo.path(step);
        }
        if (pageInfo.path("hasNextPage").asBoolean(false)) {
            cursors.put(key, pageInfo.path("endCursor").asString());
        } else {
            cursors.remove(key);
        }
    }

    private static Kind pick(List<Kind> kinds, int totalWeight) {
        int r = ThreadLocalRandom.current().nextInt(totalWeight);
        for (Kind kind : kinds) {
            r -= kind.weight();
            if (r < 0) {
                return kind;
            }
        }
        return kinds.getLast();
    }

    /**
     * Reads the mix. A choice list is either literal values or one of {@code @tables}, {@code @joinedPairs}
     * (a "from|to" value split into the variables named in {@code "split"}) and {@code @nomenclatures},
     * drawn from the running catalog.
     */
    private static List<Kind> loadMix(InputStream in, Choices catalog) throws IOException {
        List<Kind> kinds = new ArrayList<>();
        try (in) {
            for (JsonNode entry : JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8))) {
                Map<String, Object> fixed = new LinkedHashMap<>();
                entry.path("variables").properties().forEach(e -> fixed.put(e.getKey(), e.getValue().asString()));
                Map<String, List<Object>> choices = new LinkedHashMap<>();
                entry.path("choices").properties().forEach(e -> {
                    JsonNode values = e.getValue();
                    List<Object> list = new ArrayList<>();
                    if (values.isArray()) {
                        values.forEach(v -> list.add(v.asString()));
                    } else {
                        list.addAll(catalog.named(values.asString()));
                    }
                    if (list.isEmpty()) {
                        throw new IllegalArgumentException("mix entry '" + entry.get("name").asString()
                                + "': no choices for variable '" + e.getKey() + "'");
                    }
                    choices.put(e.getKey(), list);
                });
                List<String> cursorPath = new ArrayList<>();
                entry.path("cursorPath").forEach(step -> cursorPath.add(step.asString()));
                kinds.add(new Kind(entry.get("name").asString(), entry.get("weight").asInt(),
                        entry.get("query").asString(), fixed, choices, cursorPath,
                        new ConcurrentHistogram(3), new LongAdder()));
            }
        }
        return kinds;
    }

    private static void report(List<Kind> kinds, int clients, double elapsed) {
        Histogram all = new Histogram(3);
        long errors = 0;
        System.out.printf(Locale.ROOT, "%-14s %9s %9s %8s %8s %8s %7s%n", "query", "requests", "req/s", "p50 ms", "p95 ms",
                "p99 ms", "errors");
        for (Kind kind : kinds) {
            Histogram h = kind.latencies();
            all.add(h);
            errors += kind.errors().sum();
            line(kind.name(), h, elapsed, kind.errors().sum());
        }
        line("ALL", all, elapsed, errors);
        System.out.printf(Locale.ROOT, "%d clients, %.1f s, %d cores%n", clients, elapsed,
                Runtime.getRuntime().availableProcessors());
    }

    private static void line(String name, Histogram h, double elapsed, long errors) {
        System.out.printf(Locale.ROOT, "%-14s %9d %9.0f %8.2f %8.2f %8.2f %7d%n", name, h.getTotalCount(),
                h.getTotalCount() / elapsed, h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(95) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, errors);
    }
}
