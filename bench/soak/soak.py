#!/usr/bin/env python3
"""Soak load for bench/run-soak.sh: mixed catalog, search and cohort requests from concurrent clients
against a healthgraph server on 127.0.0.1 for a fixed time, while the script re-imports and kills and
restarts the server. Standard library only. Events (kill, up, re-import) are read from a file the
script appends to, so that errors can be put inside or outside the restart window.

usage: soak.py URL SECONDS CLIENTS EVENTS_FILE
"""
import json
import os
import random
import sys
import threading
import time
import urllib.error
import urllib.request

# The researcher's token run-soak.sh logged in with (SOAK_AUTHORIZATION), sent with every request.
HEADERS = {"Content-Type": "application/json"}
if os.environ.get("SOAK_AUTHORIZATION"):
    HEADERS["Authorization"] = os.environ["SOAK_AUTHORIZATION"]
URL, SECONDS, CLIENTS, EVENTS = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]

TABLES = ["IR_BEN_R", "ER_PRS_F", "ER_PHA_F", "T_MCOaaC", "T_MCOaaB", "KI_CCI_R", "IR_PHA_R"]
SEARCHES = ["date de décès", "infarctus du myocarde", "département de résidence", "médicament délivré", "sexe",
            "I21", "statine", "diabète"]
COHORTS = [
    '{index: {event: {types: [HOSPITAL_STAY], codes: [{system: "ICD10", prefix: "I21"}]}}}',
    '{index: {event: {types: [DRUG_DISPENSING], codes: [{system: "ATC", prefix: "A10BA"}]}}}',
    '{index: {event: {types: [DRUG_DISPENSING], codes: [{system: "ATC", prefix: "C10AA"}]}, occurrence: ALL}}',
]


def request(kind):
    if kind == "catalog":
        q = 'query($t: String!) { table(name: $t) { name title variables(first: 20) { totalCount edges { node { name type } } } } }'
        body = {"query": q, "variables": {"t": random.choice(TABLES)}}
    elif kind == "search":
        q = 'query($q: String!) { search(query: $q, first: 10) { totalCount hits { kind key label } } }'
        body = {"query": q, "variables": {"q": random.choice(SEARCHES)}}
    else:
        body = {"query": "{ cohort(query: %s) { count { value } } }" % random.choice(COHORTS)}
    return json.dumps(body).encode()


KINDS = ["catalog"] * 4 + ["search"] * 4 + ["cohort"] * 2
lock = threading.Lock()
results = []  # (start, kind, ms, outcome) outcome: ok | http-503 | http-NNN | graphql-error | refused | timeout


def reason_503(e):
    """Why a 503 was answered, from its message: an index catching up with another process's import,
    a caller over its share of cohort work, the cohort engine busy, or something else."""
    try:
        text = e.read().decode("utf-8", "replace")
    except Exception:
        return "unread"
    for needle, name in (("catching up", "catching-up"), ("this caller has", "caller-share"),
                         ("is busy", "engine-busy"), ("is being", "index-building"), ("timeline index is", "index-building")):
        if needle in text:
            return name
    return "other"


def client(stop_at):
    while time.time() < stop_at:
        kind = random.choice(KINDS)
        data = request(kind)
        t0 = time.time()
        outcome = "ok"
        try:
            req = urllib.request.Request(URL, data=data, headers=HEADERS)
            with urllib.request.urlopen(req, timeout=30) as r:
                answer = json.loads(r.read())
                if answer.get("errors"):
                    outcome = "graphql-error:" + str(answer["errors"][0].get("extensions", {}).get("classification"))
        except urllib.error.HTTPError as e:
            outcome = "http-%d" % e.code
            if e.code == 503:
                outcome += ":" + reason_503(e)
        except (ConnectionError, urllib.error.URLError) as e:
            outcome = "refused"
            time.sleep(0.2)
        except TimeoutError:
            outcome = "timeout"
        except Exception as e:  # any other failure is counted, never hidden
            outcome = "other:" + type(e).__name__
        ms = (time.time() - t0) * 1000
        with lock:
            results.append((t0, kind, ms, outcome))


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100.0 * len(values)))]


def main():
    start = time.time()
    stop_at = start + SECONDS
    threads = [threading.Thread(target=client, args=(stop_at,), daemon=True) for _ in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    events = {}
    with open(EVENTS) as f:
        for line in f:
            name, at = line.split()
            events.setdefault(name, float(at))
    kill, up = events.get("kill"), events.get("up")
    # The restart window: from the kill until every kind of request has been answered again after the
    # server came up (indexes reopened or rebuilt).
    window_end = None
    if kill is not None and up is not None:
        seen = set()
        for t0, kind, ms, outcome in sorted(results):
            if t0 >= up and outcome == "ok":
                seen.add(kind)
                if seen == set(KINDS):
                    window_end = t0
                    break
        window_end = window_end or stop_at
    # A request is inside the window when its time overlaps it: one in flight at the kill is inside.
    inside = lambda r: kill is not None and r[0] <= (window_end or stop_at) and r[0] + r[2] / 1000.0 >= kill
    ok = [r for r in results if r[3] == "ok"]
    print("soak: %d clients, %.0f s, mix catalog 40%% / search 40%% / cohort 20%%" % (CLIENTS, SECONDS))
    print("requests: %d, answered ok: %d, throughput %.1f ok/s over the run" % (len(results), len(ok), len(ok) / SECONDS))
    print("%-8s %8s %8s %8s %8s" % ("kind", "ok", "p50 ms", "p99 ms", "max ms"))
    for kind in ["catalog", "search", "cohort", "all"]:
        ms = [r[2] for r in ok if kind == "all" or r[1] == kind]
        print("%-8s %8d %8.1f %8.1f %8.1f" % (kind, len(ms), percentile(ms, 50), percentile(ms, 99), max(ms) if ms else 0))
    for label, chosen in (("outside the restart window", [r for r in results if not inside(r)]),
                          ("inside the restart window", [r for r in results if inside(r)])):
        errors = {}
        for r in chosen:
            if r[3] != "ok":
                name = r[1] + " " + r[3]
                errors[name] = errors.get(name, 0) + 1
        print("errors %s: %d of %d requests %s" % (label, sum(errors.values()), len(chosen), json.dumps(errors, sort_keys=True)))
    if kill is not None:
        print("restart window: kill at +%.1f s, server up at +%.1f s, every kind answered again at +%.1f s (%.1f s in all)"
              % (kill - start, (up or stop_at) - start, (window_end or stop_at) - start, (window_end or stop_at) - kill))
    if "reimport-start" in events:
        print("re-import: from +%.1f s to +%.1f s" % (events["reimport-start"] - start,
                                                      events.get("reimport-end", stop_at) - start))


main()
