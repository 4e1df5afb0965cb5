"""The writers of `run.sh`: counter intakes (each with an Idempotency-Key, retried with the same key until
answered, as a desk client would after a dropped connection) and the desk forwarding each dossier it took in,
from several threads, while the server is killed and restarted under them. Every write the server
acknowledged (2xx) is appended to a file: the code and the version it acknowledged. Runs until the stop file
appears."""

import json
import os
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid

BASE, OUT, STOP = sys.argv[1], sys.argv[2], sys.argv[3]
INTAKE = {
    "procedureCode": "DM.01.005", "channel": "counter", "receivingUnitCode": "000.00.30.H99",
    "applicant": {"fullName": "Nguyễn Văn An", "idNumber": "001203004567", "phone": "0912345678", "email": "an@example.vn", "address": "Phường Trung Tâm"},
    "components": [{"index": 0, "originals": 1}, {"index": 1, "certifiedCopies": 1}, {"index": 2, "originals": 1}],
}
lock = threading.Lock()
out = open(OUT, "a", buffering=1)
token = None


def call(method, path, body=None, headers=None):
    """The answer, once the server gives one: a connection refused or cut while the server is down is tried
    again, with the same request (and so the same Idempotency-Key)."""
    data = json.dumps(body).encode() if body is not None else None
    while not os.path.exists(STOP):
        request = urllib.request.Request(BASE + path, data=data, method=method, headers={"Content-Type": "application/json", **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            if error.code in (502, 503):
                time.sleep(0.2)
                continue
            return error.code, error.read()
        except (urllib.error.URLError, ConnectionError, TimeoutError, json.JSONDecodeError):
            time.sleep(0.2)
    return None, None


def auth():
    global token
    with lock:
        if token is None:
            status, body = call("POST", "/api/v1/auth/token", {"username": "motcua", "password": "cchc-demo"})
            token = body["token"]
        return {"Authorization": "Bearer " + token}


def writer():
    while not os.path.exists(STOP):
        status, body = call("POST", "/api/v1/dossiers", INTAKE, {**auth(), "Idempotency-Key": str(uuid.uuid4())})
        if status != 201:
            continue
        code = body["code"]
        out.write(f"intake {code} {body['version']}\n")
        status, acted = call("POST", f"/api/v1/dossiers/{code}/actions", {"action": "forward", "version": body["version"]}, auth())
        if status == 200:
            out.write(f"action {code} {acted['version']}\n")


threads = [threading.Thread(target=writer) for _ in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
