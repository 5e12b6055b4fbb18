"""The client side of bench/run-cohort-cost.sh: times cohort and trivial requests over HTTP."""
import json
import os
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request

URL = sys.argv[1]
MODE = sys.argv[2]

NO_DEATH = '{label: "no death", condition: {event: {types: [DEATH]}, anchorSide: END, count: NONE}}'
NEVER = '{label: "never", condition: {event: {types: [DRUG_DISPENSING]}, anchorSide: END, count: AT_LEAST, times: 100000}}'
HEAVY_FIELD = ('cohort(query: {index: {event: {types: [DRUG_DISPENSING]}, occurrence: ALL}, rules: ['
               + ", ".join([NO_DEATH] * 49) + ", " + NEVER + ']}) { count { value suppressed } }')
LIGHT = '{ cohort(query: {index: {event: {types: [HOSPITAL_STAY], codes: [{system: "ICD10", prefix: "I21"}]}}}) { count { value } } }'
TRIVIAL = '{ version { healthgraph } }'


def post(query):
    body = json.dumps({"query": query}).encode()
    headers = {"Content-Type": "application/json"}
    if os.environ.get("BENCH_AUTHORIZATION"):
        headers["Authorization"] = os.environ["BENCH_AUTHORIZATION"]
    req = urllib.request.Request(URL, data=body, headers=headers)
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            status, text = r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        status, text = e.code, e.read().decode()
    return status, (time.perf_counter() - t0) * 1000, text


def median_ms(query, n=10):
    return statistics.median(post(query)[1] for _ in range(n))


if MODE == "refusal":
    status, ms, text = post("{ " + HEAVY_FIELD + " }")
    msg = json.loads(text).get("errors", [{}])[0].get("message", "")
    print(f"heavy cohort with the default cost limit: HTTP {status} in {ms:.0f} ms: {msg[:160]}")
    sys.exit(0)

for _ in range(3):
    post(LIGHT)
    post(TRIVIAL)
print(f"alone: light cohort {median_ms(LIGHT):.1f} ms, trivial request {median_ms(TRIVIAL):.1f} ms (medians of 10)")

result = {}


def heavy(query, key):
    result[key] = post(query)


for label, query in (("heavy cohort", "{ " + HEAVY_FIELD + " }"),
                     ("ten aliases of the heavy cohort", "{ " + " ".join(f"a{i}: {HEAVY_FIELD}" for i in range(10)) + " }")):
    t = threading.Thread(target=heavy, args=(query, label))
    t0 = time.perf_counter()
    t.start()
    time.sleep(0.5)
    trivial = [post(TRIVIAL)[1]]
    while t.is_alive():
        trivial.append(post(TRIVIAL)[1])
        time.sleep(0.1)
    t.join()
    answered = (time.perf_counter() - t0) * 1000
    status, _, text = result[label]
    # Sent the moment the heavy request is answered: it waits for the single cohort worker until
    # the heavy evaluation has stopped.
    l_status, l_ms, _ = post(LIGHT)
    errors = json.loads(text).get("errors", []) if text.startswith("{") else []
    first = errors[0]["message"][:160] if errors else text[:160]
    print(f"{label}: HTTP {status} after {answered:.0f} ms ({first!r});"
          f" next light cohort HTTP {l_status} in {l_ms:.0f} ms (alone {median_ms(LIGHT, 3):.0f} ms);"
          f" {len(trivial)} trivial requests meanwhile: median {statistics.median(trivial):.1f} ms,"
          f" max {max(trivial):.1f} ms")
