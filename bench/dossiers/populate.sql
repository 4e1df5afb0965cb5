-- Grows the demo's dossiers to 1,000,000 received by the provincial centre, for the queue benchmark.
-- Every clone keeps a demo dossier's document and columns, with a new id and code; one in fifty stays open
-- (in progress, due over the next thirty days), the rest are returned: a heavy backlog for one centre. The
-- projection counters are left as the template's: the queue page reads them by key, whatever they hold.
PRAGMA synchronous = OFF;
CREATE TEMP TABLE templates AS SELECT row_number() OVER (ORDER BY code) - 1 AS n, * FROM dossiers;
CREATE TEMP TABLE centre AS SELECT id FROM units WHERE code = '000.00.30.H99';
WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < 1000000),
clones AS (
    SELECT s.i, t.*, upper(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-A' || substr(h, 18, 3) || '-' || substr(h, 21, 12)) AS new_id,
           '000.00.30.H99-B' || printf('%07d', s.i) AS new_code,
           CASE WHEN s.i % 50 = 0 THEN 4 ELSE 10 END AS new_status,
           CAST(strftime('%s', 'now') AS REAL) + (s.i % 2592000) AS new_due
    FROM (SELECT i, lower(hex(randomblob(16))) AS h FROM seq) s
    JOIN templates t ON t.n = s.i % (SELECT count(*) FROM templates)
)
INSERT INTO dossiers (id, code, procedure_id, procedure_code, field, channel, status, applicant_name, citizen_user_id,
    receiving_point_id, receiving_unit_id, competent_unit_id, current_unit_id, submitted_at, submitted_day, accepted_at,
    due_at, nearing_due, overdue, timeliness, late_unit_id, search_text, pin_hash, document, version, created_at, updated_at)
SELECT new_id, new_code, procedure_id, procedure_code, field, channel, new_status, applicant_name, citizen_user_id,
    NULL, (SELECT id FROM centre), competent_unit_id, CASE WHEN new_status = 10 THEN (SELECT id FROM centre) ELSE current_unit_id END,
    submitted_at, submitted_day, accepted_at, new_due, 0, 0, timeliness, late_unit_id,
    lower(new_code) || ' ' || search_text, pin_hash,
    json_set(document, '$.id', new_id, '$.code', new_code, '$.status', new_status, '$.receivingUnitID', (SELECT id FROM centre),
             '$.dueAt', new_due - 978307200, '$.overdue', json('false'), '$.nearingDue', json('false'), '$.receivingPointID', NULL),
    version, created_at, updated_at
FROM clones;
-- The units each clone involves, as the write path records them: the desk, the competent unit, the holder.
INSERT OR IGNORE INTO dossier_units (dossier_id, unit_id)
SELECT id, receiving_unit_id FROM dossiers WHERE code LIKE '000.00.30.H99-B%'
UNION SELECT id, competent_unit_id FROM dossiers WHERE code LIKE '000.00.30.H99-B%'
UNION SELECT id, current_unit_id FROM dossiers WHERE code LIKE '000.00.30.H99-B%';
ANALYZE;
SELECT count(*) FROM dossiers;
