-- Grows the demo year CLONES-fold for the service index benchmark (the run script puts the number in):
-- each dossier is copied CLONES times with its document and columns unchanged but for its id and code, so
-- every figure counts CLONES + 1 times what the template year counts, and the index's counters are
-- multiplied to match. The copies have no events: `cchc index rebuild` would drop them from the counters,
-- and `cchc index check` compares the counters with the dossiers.
PRAGMA synchronous = OFF;
PRAGMA journal_mode = WAL;
CREATE TEMP TABLE templates AS SELECT * FROM dossiers;
WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < CLONES),
copies AS (
    SELECT s.i, t.*, lower(hex(randomblob(16))) AS h FROM seq s CROSS JOIN templates t
)
INSERT INTO dossiers (id, code, procedure_id, procedure_code, field, channel, status, applicant_name, citizen_user_id,
    receiving_point_id, receiving_unit_id, competent_unit_id, current_unit_id, submitted_at, submitted_day, accepted_at,
    due_at, nearing_due, overdue, timeliness, late_unit_id, search_text, pin_hash, document, version, created_at, updated_at)
SELECT upper(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-A' || substr(h, 18, 3) || '-' || substr(h, 21, 12)),
    code || '-C' || printf('%04d', i), procedure_id, procedure_code, field, channel, status, applicant_name, citizen_user_id,
    receiving_point_id, receiving_unit_id, competent_unit_id, current_unit_id, submitted_at, submitted_day, accepted_at,
    due_at, nearing_due, overdue, timeliness, late_unit_id, search_text, pin_hash,
    json_set(document, '$.code', code || '-C' || printf('%04d', i)), version, created_at, updated_at
FROM copies;
UPDATE projection_counters SET value = value * (CLONES + 1) WHERE projection = 'service_index';
ANALYZE;
SELECT count(*) FROM dossiers;
