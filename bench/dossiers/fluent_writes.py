"""Times writes that go through Fluent rather than the SQLite writer: units created one after another
through POST /api/v1/units, a pause between them. Prints the median, p90 and max in milliseconds.

usage: fluent_writes.py BASE_URL ADMIN_TOKEN TAG [COUNT] [PAUSE_SECONDS]
"""
import json
import statistics
import sys
import time
import urllib.request

base, token, tag = sys.argv[1], sys.argv[2], sys.argv[3]
count = int(sys.argv[4]) if len(sys.argv) > 4 else 30
pause = float(sys.argv[5]) if len(sys.argv) > 5 else 0.2
times = []
for index in range(1, count + 1):
    body = json.dumps({
        "code": f"000.98.{tag}.{index}", "name": f"Điểm tiếp nhận thử {tag} {index}", "shortName": f"T{tag}{index}",
        "kind": "reception_point", "parentCode": "000.00.30.H99", "effectiveFrom": "2026-01-01",
    }).encode()
    request = urllib.request.Request(f"{base}/api/v1/units", data=body, method="POST", headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    start = time.perf_counter()
    with urllib.request.urlopen(request) as response:
        if response.status != 201:
            sys.exit(f"unit creation answered {response.status}")
    times.append((time.perf_counter() - start) * 1000)
    time.sleep(pause)
times.sort()
print(f"median {statistics.median(times):.1f} ms, p90 {times[int(0.9 * len(times))]:.1f} ms, max {times[-1]:.1f} ms")
