"""The paced mixed load of `run.sh`: `WRITES` dossiers a minute taken in at the counter through the API, each
forwarded by the desk a moment later, and about ten reads per write (the citizen's lookup by code and PIN, the
officer's queue, the public service index, the commune ranking, the catalogue) plus a feedback item for every
ten dossiers; each kind of request is sent at its own steady rate, whatever the answers' speed (an open
load, as real clients are). Samples the server's RSS every 10 s. Prints JSON."""

import json
import queue
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

BASE, SECONDS, WRITES_PER_MINUTE, PID = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
INTAKE = {
    "procedureCode": "DM.01.005", "channel": "counter", "receivingUnitCode": "000.00.30.H99",
    "applicant": {"fullName": "Nguyễn Văn An", "idNumber": "001203004567", "phone": "0912345678", "email": "an@example.vn", "address": "Phường Trung Tâm"},
    "components": [{"index": 0, "originals": 1}, {"index": 1, "certifiedCopies": 1}, {"index": 2, "originals": 1}],
}
FEEDBACK = {"name": "Nguyễn Văn An", "phone": "0912345678", "topic": "unit", "unitCode": "000.00.07.H99", "title": "Chậm trả kết quả",
            "content": "Hồ sơ đăng ký biến động đất đai quá hẹn, đề nghị trả lời."}


def call(method, path, body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(BASE + path, data=data, method=method, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except Exception as error:  # noqa: BLE001 - any failure to get an answer is an error of the run
        return 0, str(error).encode()


def token():
    """The desk's API token; the server may still be busy with its first deadline run, so ask for 60 s."""
    for _ in range(60):
        status, body = call("POST", "/api/v1/auth/token", {"username": "motcua", "password": "cchc-demo"})
        if status == 201:
            return json.loads(body)["token"]
        print(f"token: {status} {body[:200]!r}, asking again", file=sys.stderr)
        time.sleep(1)
    sys.exit("no API token in 60 s")


TOKEN = token()
AUTH = {"Authorization": "Bearer " + TOKEN}
lock = threading.Lock()
timings, errors, samples = {}, {}, []
taken = queue.Queue()
known = []  # (code, pin) of dossiers taken in, for lookups


def record(route, started, status, body):
    with lock:
        timings.setdefault(route, []).append((time.monotonic() - started) * 1000)
        if not 200 <= status < 300:
            errors[route] = errors.get(route, 0) + 1
            if len(samples) < 10:
                samples.append(f"{route} {status} {body[:160]!r}")


def intake():
    started = time.monotonic()
    status, body = call("POST", "/api/v1/dossiers", INTAKE, {**AUTH, "Idempotency-Key": str(uuid.uuid4())})
    record("POST /api/v1/dossiers (intake)", started, status, body)
    if status == 201:
        dossier = json.loads(body)
        taken.put((dossier["code"], dossier["version"]))
        with lock:
            known.append((dossier["code"], dossier.get("lookupPin", "")))


def action():
    try:
        code, version = taken.get(timeout=1)
    except queue.Empty:
        return
    started = time.monotonic()
    status, body = call("POST", f"/api/v1/dossiers/{code}/actions", {"action": "forward", "version": version}, AUTH)
    record("POST /api/v1/dossiers/{code}/actions", started, status, body)


def lookup():
    with lock:
        if not known:
            return
        code, pin = known[int(time.monotonic() * 1000) % len(known)]
    started = time.monotonic()
    status, body = call("GET", f"/api/v1/public/dossiers/{urllib.parse.quote(code)}?pin={pin}")
    record("GET /api/v1/public/dossiers/{code}", started, status, body)


def reader(route, path, headers):
    def read():
        started = time.monotonic()
        status, body = call("GET", path, None, headers)
        record(route, started, status, body)
    return read


def feedback():
    started = time.monotonic()
    status, body = call("POST", "/api/v1/public/feedback", FEEDBACK)
    record("POST /api/v1/public/feedback", started, status, body)


writes = WRITES_PER_MINUTE / 60
# (what, how many a second): ten reads per write in all.
KINDS = [
    (intake, writes), (action, writes), (feedback, writes / 10),
    (lookup, writes * 4),
    (reader("GET /api/v1/dossiers (queue)", "/api/v1/dossiers?limit=20", AUTH), writes * 2),
    (reader("GET /api/v1/service-index", "/api/v1/service-index?period=2026-Q4", {}), writes * 2),
    (reader("GET /api/v1/service-index/rankings", "/api/v1/service-index/rankings?level=commune&period=2026-Q4", {}), writes),
    (reader("GET /api/v1/procedures", "/api/v1/procedures?limit=20", {}), writes),
]
END = time.monotonic() + SECONDS


def paced(function, rate):
    """Starts `function` every 1/rate seconds, each in a thread of its own so that a slow answer does not
    slow the load."""
    interval, next_at = 1 / rate, time.monotonic()
    while next_at < END:
        threading.Thread(target=function, daemon=True).start()
        next_at += interval
        time.sleep(max(0, next_at - time.monotonic()))


def rss_kib():
    for line in open(f"/proc/{PID}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


memory = []


def sampler():
    start = time.monotonic()
    while time.monotonic() < END:
        memory.append((round(time.monotonic() - start), rss_kib() // 1024))
        time.sleep(10)


threads = [threading.Thread(target=paced, args=kind) for kind in KINDS] + [threading.Thread(target=sampler)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
time.sleep(5)


def percentile(values, share):
    values = sorted(values)
    return round(values[min(len(values) - 1, int(share * len(values)))], 1) if values else 0.0


print(json.dumps({
    "seconds": SECONDS, "writes_per_minute": WRITES_PER_MINUTE,
    "requests": sum(len(v) for v in timings.values()), "errors": sum(errors.values()),
    "routes": {route: {"n": len(v), "p50": percentile(v, 0.5), "p99": percentile(v, 0.99), "errors": errors.get(route, 0)} for route, v in timings.items()},
    "memory_mib": memory, "error_samples": samples,
}))
