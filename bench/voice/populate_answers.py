"""Adds COUNT answered invitations to a survey campaign straight into the SQLite database, as the answer's
write path leaves them (a spent invitation without its token, a ballot row, the campaign's tallies moved),
so that reading the results of a campaign of 100,000 answers can be timed without answering 100,000 times.
Answers are drawn per the campaign's questionnaire version, from a fixed seed.

usage: populate_answers.py DB CAMPAIGN_CODE COUNT
"""
import json, random, sqlite3, sys, uuid

path, code, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
db = sqlite3.connect(path, isolation_level=None)
campaign_id, document = db.execute("SELECT id, document FROM survey_campaigns WHERE code = ?", (code,)).fetchone()
campaign = json.loads(document)
units = [target["unitID"] for target in campaign["targets"]]
(rules,) = db.execute(
    "SELECT rules FROM rule_sets WHERE kind = ? AND version = ?",
    ("questionnaire." + campaign["audience"], campaign["questionnaireVersion"])).fetchone()
questionnaire = json.loads(rules)
items = [item for section in questionnaire["sections"] for item in section["items"]]
levels = len(questionnaire["scale"])

generator = random.Random(2026)
tallies = {}
def tally(unit, item, option, delta=1):
    key = (unit, f"{item}|{option}")
    tallies[key] = tallies.get(key, 0) + delta

db.execute("BEGIN")
for n in range(count):
    unit = units[n % len(units)]
    answers = {}
    for item in items:
        kind = item["kind"]
        if kind == "satisfaction":
            answers[item["code"]] = str(generator.choices(range(1, levels + 1), weights=[1, 2, 4, 8, 5][:levels])[0])
        elif kind == "choice":
            answers[item["code"]] = generator.choice(item["options"])["code"]
        elif kind == "yes_no":
            answers[item["code"]] = generator.choice(["yes", "no"])
        elif kind == "number":
            answers[item["code"]] = str(generator.randint(0, 5))
    tally(unit, "_respondents", "online")
    for item in items:
        value = answers.get(item["code"])
        if value is None:
            continue
        if item["kind"] == "number":
            tally(unit, item["code"], "_count")
            tally(unit, item["code"], "_sum", int(value))
        else:
            tally(unit, item["code"], value)
    db.execute(
        "INSERT INTO survey_invitations (id, campaign_id, unit_id, dossier_code, group_name, token, spent) VALUES (?, ?, ?, NULL, ?, NULL, 1)",
        (str(uuid.uuid4()).upper(), campaign_id, unit, "Bench"))
    db.execute(
        "INSERT INTO survey_ballots (id, campaign_id, unit_id, day, channel, document) VALUES (?, ?, ?, ?, 'online', ?)",
        (str(uuid.uuid4()).upper(), campaign_id, unit, "2026-11-23", json.dumps({"answers": answers, "group": "Bench", "channel": "online"})))
for (unit, subject), value in sorted(tallies.items()):
    db.execute(
        "INSERT INTO projection_counters (projection, counter, entity, subject, day, value) VALUES ('survey', ?, ?, ?, '', ?) "
        "ON CONFLICT (projection, counter, entity, subject, day) DO UPDATE SET value = projection_counters.value + excluded.value",
        (campaign_id, unit, subject, value))
db.execute("COMMIT")
print(f"{count} answers in {len(units)} units, {len(tallies)} tally rows")
