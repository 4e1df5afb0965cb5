-- populate.sql for PostgreSQL: the demo year grown CLONES-fold, copy i of a dossier moved i % 30 days
-- earlier (columns and document alike: the same keys populate.sql moves), the index's counters grown to
-- match and their month totals summed again from the days. The copies have no events.
SET synchronous_commit = off;
SET TimeZone = 'UTC';
SET work_mem = '256MB';
CREATE TEMP TABLE templates AS SELECT *, document::jsonb AS doc FROM dossiers;
CREATE TEMP TABLE template_counters AS SELECT * FROM projection_counters
    WHERE projection = 'service_index' AND counter NOT LIKE '%@month';
CREATE TEMP TABLE copies_by_shift AS SELECT i % 30 AS shift, count(*) AS copies FROM generate_series(1, CLONES) i GROUP BY i % 30;
-- A document date (seconds since 2001) moved by `d` seconds; a missing one stays null.
CREATE FUNCTION pg_temp.moved(doc jsonb, key text, d bigint) RETURNS jsonb LANGUAGE sql IMMUTABLE AS
    $$ SELECT coalesce(to_jsonb((doc ->> key)::float8 - d), 'null'::jsonb) $$;
INSERT INTO dossiers (id, code, procedure_id, procedure_code, field, channel, status, applicant_name, citizen_user_id,
    receiving_point_id, receiving_unit_id, competent_unit_id, current_unit_id, submitted_at, submitted_day, accepted_at,
    due_at, nearing_due, overdue, timeliness, late_unit_id, search_text, pin_hash, document, version, created_at, updated_at)
SELECT gen_random_uuid(), code || '-C' || lpad(i::text, 4, '0'), procedure_id, procedure_code, field, channel, status, applicant_name,
    citizen_user_id, receiving_point_id, receiving_unit_id, competent_unit_id, current_unit_id, submitted_at - shift * interval '1 day',
    to_char(submitted_day::date - shift, 'YYYY-MM-DD'), accepted_at - shift * interval '1 day', due_at - shift * interval '1 day',
    nearing_due, overdue, timeliness, late_unit_id, search_text, pin_hash,
    (SELECT CASE WHEN jsonb_typeof(doc2 -> 'closure') = 'object'
                 THEN jsonb_set(doc2, '{closure,at}', pg_temp.moved(doc2 -> 'closure', 'at', d)) ELSE doc2 END
     FROM (SELECT CASE WHEN jsonb_typeof(doc1 -> 'result') = 'object'
                       THEN jsonb_set(doc1, '{result,readyAt}', pg_temp.moved(doc1 -> 'result', 'readyAt', d)) ELSE doc1 END AS doc2
           FROM (SELECT doc || jsonb_build_object('code', code || '-C' || lpad(i::text, 4, '0'),
                     'submittedAt', pg_temp.moved(doc, 'submittedAt', d), 'acceptedAt', pg_temp.moved(doc, 'acceptedAt', d),
                     'dueAt', pg_temp.moved(doc, 'dueAt', d), 'originalDueAt', pg_temp.moved(doc, 'originalDueAt', d)) AS doc1) AS a) AS b)::text,
    version, created_at, updated_at
FROM (SELECT i, i % 30 AS shift, (i % 30) * 86400 AS d, t.* FROM generate_series(1, CLONES) i CROSS JOIN templates t) AS moved;
INSERT INTO projection_counters (projection, counter, entity, subject, day, value)
SELECT c.projection, c.counter, c.entity, c.subject, to_char(c.day::date - s.shift, 'YYYY-MM-DD'), SUM(c.value * s.copies)
FROM template_counters c CROSS JOIN copies_by_shift s
GROUP BY c.projection, c.counter, c.entity, c.subject, to_char(c.day::date - s.shift, 'YYYY-MM-DD')
ON CONFLICT (projection, counter, entity, subject, day) DO UPDATE SET value = projection_counters.value + excluded.value;
-- Month totals are the sums of their days: made again from the daily rows.
DELETE FROM projection_counters WHERE projection = 'service_index' AND counter LIKE '%@month';
INSERT INTO projection_counters (projection, counter, entity, subject, day, value)
SELECT projection, counter || '@month', entity, subject, to_char(date_trunc('month', day::date), 'YYYY-MM-DD'), SUM(value)
FROM projection_counters WHERE projection = 'service_index' AND counter NOT LIKE '%@month'
GROUP BY projection, counter, entity, subject, to_char(date_trunc('month', day::date), 'YYYY-MM-DD') HAVING SUM(value) <> 0;
VACUUM ANALYZE dossiers;
VACUUM ANALYZE projection_counters;
SELECT count(*) FROM dossiers;
