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
import java.util.List;
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
 * <p>Usage: {@code GraphqlLoad <url> [clients=16] [seconds=30] [maxRequests=200000] [mix.json]}.
 */
public final class GraphqlLoad {

    private record Kind(String name, int weight, String body, ConcurrentHistogram latencies, LongAdder errors) {
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:8080/graphql");
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        long maxRequests = args.length > 3 ? Long.parseLong(args[3]) : 200_000;
        List<Kind> kinds = loadMix(args.length > 4 ? Files.newInputStream(Path.of(args[4]))
                : GraphqlLoad.class.getResourceAsStream("/bench/graphql/mix.json"));
        int totalWeight = kinds.stream().mapToInt(Kind::weight).sum();

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        warmUp(http, url, kinds);

        AtomicLong issued = new AtomicLong();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    while (System.nanoTime() < deadline && issued.incrementAndGet() <= maxRequests) {
                        Kind kind = pick(kinds, totalWeight);
                        long t0 = System.nanoTime();
                        boolean ok = send(http, url, kind.body());
                        kind.latencies().recordValue(Math.max(1, (System.nanoTime() - t0) / 1_000));
                        if (!ok) {
                            kind.errors().increment();
                        }
                    }
                    return null;
                });
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        report(kinds, clients, elapsed);
    }

    private static void warmUp(HttpClient http, URI url, List<Kind> kinds) {
        for (int i = 0; i < 50; i++) {
            for (Kind kind : kinds) {
                if (!send(http, url, kind.body()) && i == 0) {
                    System.out.println("warning: query '" + kind.name() + "' answers with errors");
                }
            }
        }
    }

    private static boolean send(HttpClient http, URI url, String body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url)
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && !response.body().contains("\"errors\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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

    private static List<Kind> loadMix(InputStream in) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Kind> kinds = new ArrayList<>();
        try (in) {
            for (JsonNode entry : json.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8))) {
                String body = json.writeValueAsString(java.util.Map.of("query", entry.get("query").asString(),
                        "variables", json.convertValue(entry.path("variables"), java.util.Map.class) == null
                                ? java.util.Map.of() : json.convertValue(entry.path("variables"), java.util.Map.class)));
                kinds.add(new Kind(entry.get("name").asString(), entry.get("weight").asInt(), body,
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
