-- Grows the demo year CLONES-fold for the service index benchmark (the run script puts the number in).
-- Copy i of a dossier is the same dossier moved i % 30 days earlier (its dates in the columns and in the
-- document), with a new id and code, so that the figures of the copies spread over more days as a real
-- province's would. The index's counters are grown to match: the template's daily counters moved by the
-- same days, times the number of copies moved by them, and the month totals summed again from the days.
-- The copies have no events: `cchc index rebuild` would drop them from the counters; `cchc index check`
-- compares the counters with the dossiers themselves.
-- No journal and a large page cache: the bench database is thrown away if this fails, and at ten million
-- dossiers a write-ahead log would need as much disk again as the database.
PRAGMA synchronous = OFF;
PRAGMA journal_mode = OFF;
PRAGMA cache_size = -4000000;
CREATE TEMP TABLE templates AS SELECT * FROM dossiers;
CREATE TEMP TABLE template_counters AS SELECT * FROM projection_counters
    WHERE projection = 'service_index' AND counter NOT LIKE '%@month';
CREATE TEMP TABLE copies_by_shift AS
    WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < CLONES)
    SELECT i % 30 AS shift, count(*) AS copies FROM seq GROUP BY i % 30;
-- Seconds a copy moves by; document dates count from 2001, column dates from 1970, both in seconds.
CREATE TEMP VIEW moved AS
    WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < CLONES)
    SELECT s.i, (s.i % 30) * 86400 AS d, t.*, lower(hex(randomblob(16))) AS h FROM seq s CROSS JOIN templates t;
INSERT INTO dossiers (id, code, procedure_id, procedure_code, field, channel, status, applicant_name, citizen_user_id,
    receiving_point_id, receiving_unit_id, competent_unit_id, current_unit_id, submitted_at, submitted_day, accepted_at,
    due_at, nearing_due, overdue, timeliness, late_unit_id, search_text, pin_hash, document, version, created_at, updated_at)
SELECT upper(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-A' || substr(h, 18, 3) || '-' || substr(h, 21, 12)),
    code || '-C' || printf('%04d', i), procedure_id, procedure_code, field, channel, status, applicant_name, citizen_user_id,
    receiving_point_id, receiving_unit_id, competent_unit_id, current_unit_id, submitted_at - d, date(submitted_day, printf('-%d days', d / 86400)),
    accepted_at - d, due_at - d, nearing_due, overdue, timeliness, late_unit_id, search_text, pin_hash,
    (SELECT json_set(doc2, '$.closure.at', CASE WHEN json_type(doc2, '$.closure') = 'object' THEN json_extract(doc2, '$.closure.at') - d END)
     FROM (SELECT CASE WHEN json_type(doc1, '$.result') = 'object' THEN json_set(doc1, '$.result.readyAt', json_extract(doc1, '$.result.readyAt') - d) ELSE doc1 END AS doc2
           FROM (SELECT json_set(document, '$.code', code || '-C' || printf('%04d', i),
                     '$.submittedAt', json_extract(document, '$.submittedAt') - d,
                     '$.acceptedAt', json_extract(document, '$.acceptedAt') - d,
                     '$.dueAt', json_extract(document, '$.dueAt') - d,
                     '$.originalDueAt', json_extract(document, '$.originalDueAt') - d) AS doc1))),
    version, created_at, updated_at
FROM moved;
-- json_set made `closure` an object where the template had none: take it out again.
UPDATE dossiers SET document = json_remove(document, '$.closure')
    WHERE json_type(document, '$.closure') = 'object' AND json_type(document, '$.closure.reason') IS NULL;
INSERT INTO projection_counters (projection, counter, entity, subject, day, value)
SELECT c.projection, c.counter, c.entity, c.subject, date(c.day, printf('-%d days', s.shift)), c.value * s.copies
FROM template_counters c CROSS JOIN copies_by_shift s WHERE true
ON CONFLICT (projection, counter, entity, subject, day) DO UPDATE SET value = projection_counters.value + excluded.value;
-- Month totals are the sums of their days: made again from the daily rows.
DELETE FROM projection_counters WHERE projection = 'service_index' AND counter LIKE '%@month';
INSERT INTO projection_counters (projection, counter, entity, subject, day, value)
SELECT projection, counter || '@month', entity, subject, strftime('%Y-%m-01', day), SUM(value)
FROM projection_counters WHERE projection = 'service_index' AND counter NOT LIKE '%@month'
GROUP BY projection, counter, entity, subject, strftime('%Y-%m-01', day) HAVING SUM(value) != 0;
ANALYZE;
SELECT count(*) FROM dossiers;
