package org.healthgraph.bench.journey;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.healthgraph.graph.secret.SecretKeyFile;
import org.healthgraph.journeys.CohortCall;
import org.healthgraph.journeys.CohortQueries;
import org.healthgraph.journeys.CohortQuery;
import org.healthgraph.journeys.CohortService;
import org.healthgraph.journeys.Disclosure;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The latency of a cohort query as a user gets it: the GraphQL request sent to a running server
 * over HTTP, one at a time, timed from the request to the whole response, beside the engine's own
 * time for the same query over the same saved timeline index (opened, mapped, in this JVM; the
 * requests and the engine runs interleaved so that both see the same machine). The engine runs as the
 * server runs it for a caller without patient-level access: on the cohort workers, one thread, counts
 * released under the cell-key perturbation with the server's key.
 *
 * <p>Usage: {@code CohortLatency <graphql url> <data dir> [requests=200] [warm-up=50]}; the caller's
 * token in {@code BENCH_AUTHORIZATION} ({@code Bearer ...}). For each query it prints the index
 * event's patients (attrition step 0, the engine's raw count) as a share of all patients, the cohort
 * count as served, and p50 / p95 / max of both the HTTP round trip and the engine evaluation.
 */
public final class CohortLatency {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The server's cell-key file under its data folder (AuditConfiguration.DISCLOSURE_KEY; bench does not depend on app). */
    private static final String DISCLOSURE_KEY = ".disclosure-key";

    private static final String GRAPHQL = "query($q: CohortQuery!) { cohort(query: $q) { count { value suppressed perturbed }"
            + " attrition { step patients { value } } } }";

    /** The queries, in the GraphQL input's shape (the cohort query format without its version). */
    static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("MI -> statin within 30 days", """
                {"index": {"event": {"types": ["HOSPITAL_STAY"], "codes": [{"system": "ICD10", "prefix": "I21"}],
                  "roles": ["PRINCIPAL"]}},
                 "rules": [{"label": "statin within 30 days after discharge", "condition": {"event": {"types": ["DRUG_DISPENSING"],
                  "codes": [{"system": "ATC", "prefix": "C10AA"}]}, "anchorSide": "END", "maxDays": 30}}]}""");
        QUERIES.put("a code matching nothing", """
                {"index": {"event": {"types": ["HOSPITAL_STAY"], "codes": [{"system": "ICD10", "prefix": "U999"}]}},
                 "rules": [{"label": "statin", "condition": {"event": {"types": ["DRUG_DISPENSING"],
                  "codes": [{"system": "ATC", "prefix": "C10AA"}]}}}]}""");
        QUERIES.put("... and no death within 1 year", """
                {"index": {"event": {"types": ["HOSPITAL_STAY"], "codes": [{"system": "ICD10", "prefix": "I21"}],
                  "roles": ["PRINCIPAL"]}},
                 "rules": [{"label": "statin within 30 days after discharge", "condition": {"event": {"types": ["DRUG_DISPENSING"],
                  "codes": [{"system": "ATC", "prefix": "C10AA"}]}, "anchorSide": "END", "maxDays": 30}},
                  {"label": "no death within 365 days after discharge", "condition": {"event": {"types": ["DEATH"]},
                  "anchorSide": "END", "maxDays": 365, "count": "NONE", "times": 0}}]}""");
        QUERIES.put(">= 3 metformin in 180 days", """
                {"index": {"event": {"types": ["DRUG_DISPENSING"], "codes": [{"system": "ATC", "prefix": "A10BA02"}]},
                  "occurrence": "ALL"},
                 "rules": [{"label": "2 more metformin within 179 days", "condition": {"event": {"types": ["DRUG_DISPENSING"],
                  "codes": [{"system": "ATC", "prefix": "A10BA02"}]}, "maxDays": 179, "times": 2}}]}""");
    }

    private CohortLatency() {
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        Path dataDir = Path.of(args[1]);
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        String authorization = System.getenv().getOrDefault("BENCH_AUTHORIZATION", "");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        try (CohortService engine = CohortService.openSaved(dataDir.resolve(JourneyBench.INDEX_FOLDER))) {
            int patients = engine.patientCount();
            // The server's key: a caller without patient-level access gets counts under the cell-key perturbation.
            Disclosure disclosure = Disclosure.cellKey(SecretKeyFile.readOrCreate(dataDir.resolve(DISCLOSURE_KEY), "the disclosure control"));
            System.out.printf(Locale.ROOT, "cohort latency: %s, %,d patients, %,d events; %d requests after %d of warm-up,"
                    + " one at a time; load average %s%n", url, patients, engine.eventCount(), requests, warmup, loadAverage());
            System.out.printf(Locale.ROOT, "%-32s %9s %7s %9s %26s %26s%n", "query", "index ev.", "share", "count",
                    "HTTP p50 / p95 / max ms", "engine p50 / p95 / max ms");
            for (Map.Entry<String, String> q : QUERIES.entrySet()) {
                measure(q.getKey(), q.getValue(), http, url, authorization, engine, disclosure, patients, requests, warmup);
            }
            System.out.printf(Locale.ROOT, "load average at the end: %s%n", loadAverage());
        }
    }

    @SuppressWarnings("unchecked")
    private static void measure(String label, String queryJson, HttpClient http, URI url, String authorization,
                                CohortService engine, Disclosure disclosure, int patients, int requests, int warmup)
            throws Exception {
        Map<String, Object> input = JSON.readValue(queryJson, Map.class);
        CohortQuery query = CohortQueries.fromMap(input);
        String body = JSON.writeValueAsString(Map.of("query", GRAPHQL, "variables", Map.of("q", input)));
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        HttpRequest req = request.build();
        long[] http_ = new long[requests];
        long[] inner = new long[requests];
        long[] raw = engine.rawAttrition(query);
        JsonNode served = null;
        for (int i = -warmup; i < requests; i++) {
            long t = System.nanoTime();
            HttpResponse<String> response = http.send(req, HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - t;
            JsonNode answer = JSON.readTree(response.body());
            if (answer.path("errors").path(0).path("message").asString("").contains("max-complexity")) {
                // Refused before it runs (a cohort over every occurrence costs the sum of squared timelines).
                System.out.printf(Locale.ROOT, "%-32s %,9d %6.2f%%   refused by the server's cost limit: %s%n", label, raw[0],
                        100.0 * raw[0] / patients, answer.path("errors").path(0).path("message").asString().replaceAll(";.*", ""));
                return;
            }
            if (response.statusCode() != 200 || answer.has("errors")) {
                throw new IllegalStateException("the server answered " + response.statusCode() + ": " + response.body());
            }
            served = answer;
            t = System.nanoTime();
            CohortService.Released released = engine.release(query, disclosure, CohortCall.local()).get();
            long engineTook = System.nanoTime() - t;
            if (released.patients() != raw[raw.length - 1]) {
                throw new IllegalStateException(label + ": the engine's count changed between runs");
            }
            if (i >= 0) {
                http_[i] = took;
                inner[i] = engineTook;
            }
        }
        Arrays.sort(http_);
        Arrays.sort(inner);
        String count = served.path("data").path("cohort").path("count").path("value").asString("suppressed");
        System.out.printf(Locale.ROOT, "%-32s %,9d %6.2f%% %9s %26s %26s   (raw cohort %,d)%n", label, raw[0],
                100.0 * raw[0] / patients, count, percentiles(http_), percentiles(inner), raw[raw.length - 1]);
    }

    private static String percentiles(long[] sorted) {
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f", at(sorted, 0.50), at(sorted, 0.95), sorted[sorted.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
