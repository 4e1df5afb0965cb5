"""The bare SQLite loop the API intake is compared with: the same rows (a code counter upsert, the dossier
row, the units it involves, its two events, its projections' counter upserts), one transaction per intake,
in WAL mode with synchronous=FULL, on the same disk.

usage: bare_intake.py TEMPLATE_DB BARE_DB COUNT
TEMPLATE_DB holds dossiers taken in through the API; their first row and its events are copied COUNT times.
"""
import sqlite3, sys, time, uuid

template_path, bare_path, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
source = sqlite3.connect(template_path)
schema = [row[0] for row in source.execute(
    "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND tbl_name IN "
    "('dossiers', 'dossier_events', 'dossier_code_counters', 'dossier_units', 'projection_counters')")]
dossier_columns = [row[1] for row in source.execute("PRAGMA table_info(dossiers)")]
event_columns = [row[1] for row in source.execute("PRAGMA table_info(dossier_events)")]
dossier = source.execute("SELECT * FROM dossiers ORDER BY code LIMIT 1").fetchone()
events = source.execute("SELECT * FROM dossier_events WHERE dossier_id = ? ORDER BY sequence", (dossier[0],)).fetchall()
units = [row[0] for row in source.execute("SELECT unit_id FROM dossier_units WHERE dossier_id = ?", (dossier[0],))]
# Every intake of the template moved the same counters (one procedure, one desk, one day): one upsert of them all.
counters = source.execute("SELECT projection, counter, entity, subject, day FROM projection_counters ORDER BY 1, 2, 3, 4, 5").fetchall()

db = sqlite3.connect(bare_path, isolation_level=None)
db.execute("PRAGMA journal_mode = WAL")
db.execute("PRAGMA synchronous = FULL")
for statement in schema:
    db.execute(statement)
upsert_counters = (
    "INSERT INTO projection_counters (projection, counter, entity, subject, day, value) VALUES "
    + ", ".join(["(?, ?, ?, ?, ?, 1)"] * len(counters))
    + " ON CONFLICT (projection, counter, entity, subject, day) DO UPDATE SET value = projection_counters.value + excluded.value")
counter_binds = [value for row in counters for value in row]
insert_dossier = f"INSERT INTO dossiers ({', '.join(dossier_columns)}) VALUES ({', '.join('?' * len(dossier_columns))})"
insert_event = f"INSERT INTO dossier_events ({', '.join(event_columns)}) VALUES ({', '.join('?' * len(event_columns))})"
code_index, id_index = dossier_columns.index("code"), dossier_columns.index("id")
event_id, event_sequence, event_dossier = event_columns.index("id"), event_columns.index("sequence"), event_columns.index("dossier_id")

sequence = 0
start = time.perf_counter()
for n in range(count):
    db.execute("BEGIN IMMEDIATE")
    last = db.execute(
        "INSERT INTO dossier_code_counters (unit_code, day, last_value) VALUES (?, ?, 1) "
        "ON CONFLICT (unit_code, day) DO UPDATE SET last_value = dossier_code_counters.last_value + 1 RETURNING last_value",
        ("000.00.30.H99", "2026-11-23")).fetchone()[0]
    row = list(dossier)
    row[id_index] = str(uuid.uuid4()).upper()
    row[code_index] = f"000.00.30.H99-261123-{last:04d}"
    db.execute(insert_dossier, row)
    if units:
        db.execute(f"INSERT INTO dossier_units (dossier_id, unit_id) VALUES {', '.join(['(?, ?)'] * len(units))}",
                   [value for unit in units for value in (row[id_index], unit)])
    for event in events:
        sequence += 1
        copy = list(event)
        copy[event_id], copy[event_sequence], copy[event_dossier] = str(uuid.uuid4()).upper(), sequence, row[id_index]
        db.execute(insert_event, copy)
    if counters:
        db.execute(upsert_counters, counter_binds)
    db.execute("COMMIT")
elapsed = time.perf_counter() - start
print(f"{count / elapsed:.1f}")
