"""A mixed load through the proxy for `run.sh`: counter intake by the desk (each with its own
Idempotency-Key, retried once on a connection error as a client of an unreliable network would), officer reads
of the dossier list, public lookups, the public service index and the procedure catalogue, about ten reads per
write, from several threads. Prints JSON: requests, errors, per-route percentiles and a few error samples."""

import json
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid

BASE, SECONDS = sys.argv[1], float(sys.argv[2])
INTAKE = {
    "procedureCode": "DM.01.005", "channel": "counter", "receivingUnitCode": "000.00.30.H99",
    "applicant": {"fullName": "Nguyễn Văn An", "idNumber": "001203004567", "phone": "0912345678", "email": "an@example.vn", "address": "Phường Trung Tâm"},
    "components": [{"index": 0, "originals": 1}, {"index": 1, "certifiedCopies": 1}, {"index": 2, "originals": 1}],
}


def call(method, path, body=None, headers=None, retries=1):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(BASE + path, data=data, method=method, headers={"Content-Type": "application/json", **(headers or {})})
    for attempt in range(retries + 1):
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            if attempt == retries:
                return 0, str(error).encode()
            time.sleep(0.2)


status, body = call("POST", "/api/v1/auth/token", {"username": "motcua", "password": "cchc-demo"})
TOKEN = json.loads(body)["token"]
AUTH = {"Authorization": "Bearer " + TOKEN}

lock = threading.Lock()
timings, errors, samples = {}, {}, []


def record(route, started, status, body):
    elapsed = (time.monotonic() - started) * 1000
    with lock:
        timings.setdefault(route, []).append(elapsed)
        if not 200 <= status < 300:
            errors[route] = errors.get(route, 0) + 1
            if len(samples) < 10:
                samples.append(f"{route} {status} {body[:160]!r}")


def writer():
    while time.monotonic() < END:
        started = time.monotonic()
        status, body = call("POST", "/api/v1/dossiers", INTAKE, {**AUTH, "Idempotency-Key": str(uuid.uuid4())})
        record("POST /api/v1/dossiers", started, status, body)
        time.sleep(0.05)


READS = [
    ("GET /api/v1/dossiers", "/api/v1/dossiers?limit=20", AUTH),
    ("GET /lookup", "/lookup", {}),
    ("GET /api/v1/service-index", "/api/v1/service-index?period=2026", {}),
    ("GET /api/v1/procedures", "/api/v1/procedures?limit=20", {}),
]


def reader(offset):
    index = offset
    while time.monotonic() < END:
        route, path, headers = READS[index % len(READS)]
        index += 1
        started = time.monotonic()
        status, body = call("GET", path, None, headers)
        record(route, started, status, body)


END = time.monotonic() + SECONDS
threads = [threading.Thread(target=writer) for _ in range(2)] + [threading.Thread(target=reader, args=(n,)) for n in range(6)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(share * len(values)))] if values else 0.0


print(json.dumps({
    "seconds": SECONDS,
    "requests": sum(len(v) for v in timings.values()),
    "errors": sum(errors.values()),
    "routes": {route: {"n": len(v), "p50": percentile(v, 0.5), "p99": percentile(v, 0.99), "errors": errors.get(route, 0)} for route, v in timings.items()},
    "error_samples": samples,
}))
