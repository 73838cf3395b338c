#!/usr/bin/env bash
# run.sh - the event store (`khaldun code --db`): schema, re-runs, changed
# documents, cross-document de-duplication, SIGKILL at any moment, foreign
# and corrupt files, newer schemas, the upgrade of a version 1 store (its
# schema written by this script), a read-only folder, the file size limit
# (ulimit -f), a full file system (root only), readers during a write, and
# `khaldun export --db` in each layout, giving back the evidence and, with
# the tests' gazetteer (KH_TEST_GAZETTEER, set by make check), the region.
# Needs the sqlite3 command (Debian's sqlite3 package) to look inside;
# skips cleanly without it.
# Usage: tests/store/run.sh BUILD/khaldun
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT
pass=0
fail=0
if ! command -v sqlite3 >/dev/null 2>&1; then
  echo "store tests: skipped (no sqlite3 command; apt-get install sqlite3)"
  exit 0
fi
# the tests do not depend on a gazetteer: places come from the text alone
export KHALDUN_GAZETTEER=/nonexistent

ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }

# expect NAME WANT SQL DB: the query prints WANT
expect() {
  local got
  got=$(sqlite3 "$4" "$3" 2>&1)
  if [ "$got" = "$2" ]; then ok; else bad "$1: '$3' gave '$got', expected '$2'"; fi
}

# check NAME STATUS STDERR_PATTERN -- COMMAND...
. "$(dirname "$0")/../check.sh"

cd "$tmp" || exit 1
# invented reports: two documents tell the same attack, one a different one
cat >two.jsonl <<'EOF'
{"id": "w1", "date": "2031-05-04", "source": "Wire One", "url": "http://one.example/1", "text": "Rebels attacked the army in the north on Sunday. Police arrested two students."}
{"id": "w2", "date": "2031-05-05", "source": "Wire Two", "url": "http://two.example/2", "text": "The army was attacked by rebels on Sunday, officials said."}
EOF

# --- the schema ---
check "store two documents" 0 "2 documents stored" -- "$bin" code --stats --db ev.db two.jsonl
[ ! -s out ] && ok || bad "--db printed events on standard output"
expect "schema version" 2 "PRAGMA user_version" ev.db
expect "application id" 1802003566 "PRAGMA application_id" ev.db
expect "WAL" wal "PRAGMA journal_mode" ev.db
expect "tables" "actors documents events mentions places sentences" \
  "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sentences_fts%' ORDER BY name)" ev.db
expect "documents" "w1|Wire One|http://one.example/1 w2|Wire Two|http://two.example/2" \
  "SELECT group_concat(id || '|' || source || '|' || url, ' ') FROM (SELECT * FROM documents ORDER BY id)" ev.db
expect "full text" 1 "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'students'" ev.db
expect "integrity" ok "PRAGMA integrity_check" ev.db

# the date and country+date indexes serve queries by date range and by place (no scan of the events)
plan=$(sqlite3 ev.db "EXPLAIN QUERY PLAN SELECT * FROM events WHERE day BETWEEN 22400 AND 22450")
echo "$plan" | grep -q "USING INDEX events_day" && ok || bad "a date range scans the events: $plan"
plan=$(sqlite3 ev.db "EXPLAIN QUERY PLAN SELECT * FROM events WHERE country = 'IRQ' AND day BETWEEN 22400 AND 22450")
echo "$plan" | grep -q "USING INDEX events_country_day" && ok || bad "a country and dates scan the events: $plan"

# --- de-duplication: the attack once, reported twice ---
events=$(sqlite3 ev.db "SELECT count(*) FROM events")
attacks=$(sqlite3 ev.db "SELECT mentions FROM events WHERE source_code IS NOT NULL AND target_code IS NOT NULL AND root = '19'")
if [ "$attacks" = 2 ]; then ok; else bad "the attack told by two wires: mentions '$attacks', expected 2"; fi
expect "mentions" "$(sqlite3 ev.db 'SELECT sum(mentions) FROM events')" "SELECT count(*) FROM mentions" ev.db
expect "first seen" "w1" "SELECT d.id FROM events e JOIN documents d ON d.doc_key = e.first_doc WHERE e.root = '19'" ev.db
# with a window of 0 days the reports still share their resolved date (Sunday)
check "store again, window 0" 0 "" -- "$bin" code --db ev0.db --dedup-days 0 two.jsonl
expect "window 0: same date still one" 2 "SELECT mentions FROM events WHERE root = '19'" ev0.db

# --- re-running adds nothing ---
check "rerun" 0 "0 documents stored, 2 unchanged" -- "$bin" code --stats --db ev.db two.jsonl
expect "rerun: same events" "$events" "SELECT count(*) FROM events" ev.db
expect "rerun: same mentions" "$(sqlite3 ev.db 'SELECT sum(mentions) FROM events')" "SELECT count(*) FROM mentions" ev.db
check "rerun with two jobs" 0 "2 unchanged" -- "$bin" code --stats --jobs 2 --db ev.db two.jsonl

# --- a changed document replaces its rows ---
cat >changed.jsonl <<'EOF'
{"id": "w2", "date": "2031-05-05", "source": "Wire Two", "url": "http://two.example/2", "text": "Police arrested a journalist on Monday."}
EOF
check "changed document" 0 "1 documents stored, 0 unchanged" -- "$bin" code --stats --db ev.db changed.jsonl
expect "changed: one w2" 1 "SELECT count(*) FROM documents WHERE id = 'w2'" ev.db
expect "changed: attack told once now" 1 "SELECT mentions FROM events WHERE root = '19'" ev.db
expect "changed: old sentence gone" 0 "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'officials'" ev.db
expect "changed: new sentence" 1 "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'journalist'" ev.db
expect "changed: no orphan mention" 0 "SELECT count(*) FROM mentions WHERE doc_key NOT IN (SELECT doc_key FROM documents) OR event_key NOT IN (SELECT event_key FROM events)" ev.db
expect "changed: counts agree" 0 "SELECT count(*) FROM events e WHERE mentions <> (SELECT count(*) FROM mentions m WHERE m.event_key = e.event_key)" ev.db
expect "changed: integrity" ok "PRAGMA integrity_check" ev.db

# --- SIGKILL at any moment: whole batches only, and the rerun completes ---
python3 - <<'EOF' >many.jsonl
import random
random.seed(7)
who = ["Rebels", "Police", "The army", "Protesters", "Soldiers"]
did = ["attacked", "arrested", "criticized", "met", "praised"]
whom = ["the army", "students", "the government", "journalists", "officials"]
for i in range(600):
    s = " ".join(f"{random.choice(who)} {random.choice(did)} {random.choice(whom)} on day {k}." for k in range(4))
    print('{"id": "m%d", "date": "2031-06-%02d", "text": "%s"}' % (i, 1 + i % 28, s))
EOF
"$bin" code --db whole.db many.jsonl 2>/dev/null
want=$(sqlite3 whole.db "SELECT count(*) FROM documents; SELECT count(*) FROM mentions;" | tr '\n' ' ')
for delay in 0.3 0.6 0.9 1.2; do
  rm -f k.db k.db-wal k.db-shm
  "$bin" code --db k.db --batch 16 many.jsonl 2>/dev/null &
  pid=$!
  sleep "$delay"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  if [ -f k.db ]; then
    expect "killed after ${delay}s: integrity" ok "PRAGMA integrity_check" k.db
    part=$(sqlite3 k.db "SELECT count(*) FROM documents" 2>/dev/null || echo 0)
    part_ok=$(sqlite3 k.db "SELECT count(*) FROM documents d WHERE sentences > 0 AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.doc_key = d.doc_key)" 2>/dev/null || echo x)
    [ "$part_ok" = 0 ] && ok || bad "killed after ${delay}s: $part_ok documents without their events ($part stored)"
  fi
  "$bin" code --db k.db many.jsonl 2>/dev/null
  got=$(sqlite3 k.db "SELECT count(*) FROM documents; SELECT count(*) FROM mentions;" | tr '\n' ' ')
  [ "$got" = "$want" ] && ok || bad "killed after ${delay}s, rerun: '$got', expected '$want'"
done

# --- foreign, corrupt and newer files ---
printf 'this is not a database, just text that someone keeps here\n%.0s' $(seq 200) >notes.txt
cp notes.txt notes.orig
check "not SQLite" 1 "not an SQLite database" -- "$bin" code --db notes.txt two.jsonl
cmp -s notes.txt notes.orig && ok || bad "not SQLite: the file was changed"
sqlite3 other.db "CREATE TABLE recipes(name TEXT); INSERT INTO recipes VALUES('soup');"
cp other.db other.orig
check "foreign SQLite" 1 "without khaldun's schema" -- "$bin" code --db other.db two.jsonl
cmp -s other.db other.orig && ok || bad "foreign SQLite: the file was changed"
cp ev.db newer.db
sqlite3 newer.db "PRAGMA user_version = 99"
check "newer schema" 1 "schema version 99, newer" -- "$bin" code --db newer.db two.jsonl
head -c 8192 ev.db >cut.db
dd if=/dev/urandom of=cut.db bs=1024 seek=2 count=2 conv=notrunc 2>/dev/null
check "corrupt" 1 "khaldun: cut.db" -- "$bin" code --db cut.db two.jsonl
check "bad --dedup-km" 2 "dedup-km" -- "$bin" code --db x.db --dedup-km far two.jsonl
check "--dedup-days without --db" 2 "go with --db" -- "$bin" code --dedup-days 2 two.jsonl
check "--brief with --db" 2 "cannot go together" -- "$bin" code --brief --db x.db two.jsonl

# --- a store of schema version 1 (before the date indexes): read as it is, upgraded when written ---
cat >v1.sql <<'EOF'
PRAGMA journal_mode = WAL;
CREATE TABLE documents(
  doc_key INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  hash TEXT NOT NULL,
  date TEXT, title TEXT, source TEXT, url TEXT,
  sentences INTEGER NOT NULL);
CREATE TABLE sentences(
  sentence_key INTEGER PRIMARY KEY,
  doc_key INTEGER NOT NULL REFERENCES documents(doc_key),
  idx INTEGER NOT NULL,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL,
  text TEXT NOT NULL,
  UNIQUE(doc_key, idx));
CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='sentence_key');
CREATE TABLE actors(
  code TEXT PRIMARY KEY,
  country TEXT, sector TEXT) WITHOUT ROWID;
CREATE TABLE places(
  place_key INTEGER PRIMARY KEY,
  geonameid INTEGER, name TEXT NOT NULL, country TEXT,
  lat REAL NOT NULL, lon REAL NOT NULL, precision TEXT);
CREATE INDEX places_name ON places(name, lat, lon);
CREATE TABLE events(
  event_key INTEGER PRIMARY KEY,
  cameo TEXT NOT NULL, root TEXT NOT NULL, plover TEXT, quad_class INTEGER, goldstein REAL,
  source_code TEXT REFERENCES actors(code), target_code TEXT REFERENCES actors(code),
  date TEXT, day INTEGER,
  place_key INTEGER REFERENCES places(place_key), country TEXT, lat REAL, lon REAL,
  killed INTEGER, wounded INTEGER,
  first_doc INTEGER NOT NULL REFERENCES documents(doc_key),
  first_sentence INTEGER NOT NULL,
  first_seen TEXT,
  mentions INTEGER NOT NULL, reports INTEGER NOT NULL);
CREATE INDEX events_identity ON events(cameo, source_code, target_code, day);
CREATE TABLE mentions(
  mention_key INTEGER PRIMARY KEY,
  event_key INTEGER NOT NULL REFERENCES events(event_key),
  doc_key INTEGER NOT NULL REFERENCES documents(doc_key),
  sentence INTEGER NOT NULL,
  source_text TEXT, target_text TEXT,
  date TEXT, place_key INTEGER REFERENCES places(place_key),
  killed INTEGER, wounded INTEGER,
  reports INTEGER NOT NULL);
CREATE INDEX mentions_event ON mentions(event_key);
CREATE INDEX mentions_doc ON mentions(doc_key);
CREATE VIEW mention_reports AS
  SELECT m.mention_key, m.event_key, d.id AS doc_id, m.sentence, d.source, d.url, d.date AS published,
         m.source_text, m.target_text, s.text AS evidence
  FROM mentions m JOIN documents d USING (doc_key)
  LEFT JOIN sentences s ON s.doc_key = m.doc_key AND s.idx = m.sentence;
PRAGMA application_id = 1802003566;
PRAGMA user_version = 1;
INSERT INTO documents VALUES(1, 'old1', '00000000000000aa', '2030-01-02', NULL, 'Old Wire', NULL, 1);
INSERT INTO sentences VALUES(1, 1, 0, 0, 43, 'Farmers marched through Lakeside on Tuesday.');
INSERT INTO sentences_fts(rowid, text) VALUES(1, 'Farmers marched through Lakeside on Tuesday.');
INSERT INTO actors VALUES('IRQAGR', 'IRQ', 'AGR');
INSERT INTO places VALUES(1, NULL, 'Lakeside', 'IRQ', 35.0, 44.0, 'city');
INSERT INTO events VALUES(1, '141', '14', 'PROTEST', 3, -6.5, 'IRQAGR', NULL, '2030-01-01', 21915,
  1, 'IRQ', 35.0, 44.0, NULL, NULL, 1, 0, '2030-01-02', 1, 1);
INSERT INTO mentions VALUES(1, 1, 1, 0, 'Farmers', NULL, '2030-01-01', 1, NULL, NULL, 1);
-- the farmers marched again on each of 3000 days: enough events for an upgrade that writes 100 KB
WITH RECURSIVE n(k) AS (SELECT 2 UNION ALL SELECT k + 1 FROM n WHERE k < 3000)
INSERT INTO events SELECT k, '141', '14', 'PROTEST', 3, -6.5, 'IRQAGR', NULL,
  date('1970-01-01', '+' || (21914 + k) || ' days'), 21914 + k, 1, 'IRQ', 35.0, 44.0, NULL, NULL, 1, 0,
  '2030-01-02', 1, 1 FROM n;
INSERT INTO mentions SELECT event_key, event_key, 1, 0, 'Farmers', NULL, date, 1, NULL, NULL, 1 FROM events
  WHERE event_key > 1;
EOF
sqlite3 v1.db <v1.sql >/dev/null
cp v1.db v1.orig
check "export --db a version 1 store" 0 "" -- "$bin" export --db v1.db --format jsonl
head -n 1 out | grep -q '"doc_id":"old1".*"text":"Farmers".*"cameo":"141".*"date":"2030-01-01".*"name":"Lakeside"' &&
  ! grep -q '"head"' out && [ "$(wc -l <out)" -eq 3000 ] && ok ||
  bad "export --db a version 1 store: $(head -c 300 out)"
cmp -s v1.db v1.orig && ok || bad "export --db changed a version 1 store"
check "upgrade: write into a version 1 store" 0 "" -- "$bin" code --db v1.db two.jsonl
expect "upgrade: version" 2 "PRAGMA user_version" v1.db
expect "upgrade: integrity" ok "PRAGMA integrity_check" v1.db
expect "upgrade: documents" "old1 w1 w2" "SELECT group_concat(id, ' ') FROM (SELECT id FROM documents ORDER BY id)" v1.db
expect "upgrade: the old event" "141|1|Lakeside|21915" \
  "SELECT e.cameo, e.mentions, p.name, e.day FROM events e JOIN places p USING (place_key) WHERE e.event_key = 1" v1.db
expect "upgrade: the new events" "$(sqlite3 ev0.db 'SELECT count(*) FROM events')" \
  "SELECT count(*) FROM events WHERE first_doc > 1" v1.db
expect "upgrade: counts agree" 0 \
  "SELECT count(*) FROM events e WHERE mentions <> (SELECT count(*) FROM mentions m WHERE m.event_key = e.event_key)" v1.db
expect "upgrade: full text" 1 "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'farmers'" v1.db
expect "upgrade: evidence of the new reports" "0 $(sqlite3 ev0.db 'SELECT count(*) FROM mentions')" \
  "SELECT count(head) FILTER (WHERE doc_key = 1) || ' ' || count(head) FILTER (WHERE doc_key > 1) FROM mentions" v1.db
[ "$(sqlite3 v1.db .schema)" = "$(sqlite3 ev.db .schema)" ] && ok || bad "upgrade: the schema is not a new store's"
# one transaction: an upgrade that cannot write leaves the file at version 1, whole
sqlite3 v1b.db <v1.sql >/dev/null
(ulimit -f 32; "$bin" code --db v1b.db two.jsonl) >/dev/null 2>v1b.err
st=$?
[ "$st" -eq 1 ] && grep -q "file size limit was reached.*upgrading its schema" v1b.err && ok ||
  bad "upgrade without room: status $st, $(head -c 300 v1b.err)"
expect "upgrade without room: still version 1" 1 "PRAGMA user_version" v1b.db
expect "upgrade without room: no index" 0 "SELECT count(*) FROM sqlite_master WHERE name = 'events_day'" v1b.db
expect "upgrade without room: integrity" ok "PRAGMA integrity_check" v1b.db

# --- khaldun export --db: the store in each layout, read-only ---
cat >exp.jsonl <<'EOF2'
{"id": "x1", "date": "2031-05-04", "source": "Wire One", "url": "http://one.example/x1", "text": "Rebels attacked the army in the north on Sunday. Police arrested two students."}
{"id": "x2", "date": "2031-05-05", "source": "Wire Two", "text": "The army was attacked by rebels on Sunday. Soldiers killed three protesters on Monday."}
EOF2
"$bin" code --db exp.db exp.jsonl 2>/dev/null
# a place, as a gazetteer would have given it, for the location fields
sqlite3 exp.db "INSERT INTO places(place_key, geonameid, name, country, lat, lon, precision) VALUES(7, 98182, 'Baghdad', 'IRQ', 33.34, 44.4, 'city');
  UPDATE events SET place_key = 7, country = 'IRQ', lat = 33.34, lon = 44.4 WHERE cameo LIKE '17%' AND killed IS NOT NULL"
nev=$(sqlite3 exp.db "SELECT count(*) FROM events")
[ "$nev" -ge 3 ] && ok || bad "export: $nev events stored, expected 3 or more"
cp exp.db exp.orig
# columns COLUMNS SEPARATOR FILE: every line of FILE has COLUMNS fields
columns() { awk -F"$2" -v n="$1" 'NF != n { bad = 1 } END { exit bad }' "$3"; }
check "export --db gdelt" 0 "" -- "$bin" export --db exp.db --format gdelt
cp out gdelt.tsv
[ "$(wc -l <gdelt.tsv)" -eq "$nev" ] && columns 61 '\t' gdelt.tsv && ok || bad "export gdelt: not $nev lines of 61 columns"
row=$(awk -F'\t' '$27 == "190"' gdelt.tsv)
[ "$(echo "$row" | cut -f 32-34,61)" = "$(printf '2\t2\t2\thttp://one.example/x1')" ] && ok ||
  bad "export gdelt: the attack's NumMentions, NumSources, NumArticles, URL: '$(echo "$row" | cut -f 32-34,61)'"
[ "$(awk -F'\t' '$53 == "Baghdad"' gdelt.tsv | cut -f 52,54,57,58,59)" = "$(printf '4\tIZ\t33.3400\t44.4000\t98182')" ] && ok ||
  bad "export gdelt: the place of the killing"
check "export --db phoenix" 0 "" -- "$bin" export --db exp.db --format phoenix
[ "$(wc -l <out)" -eq "$nev" ] && columns 26 '\t' out && ok || bad "export phoenix: not $nev lines of 26 columns"
awk -F'\t' '$24 == "x1_0" && $25 == "http://one.example/x1" && $26 == "Wire One" { n++ } END { exit n != 1 }' out &&
  ok || bad "export phoenix: SentenceID, URLs, NewsSources of the attack"
check "export --db csv" 0 "" -- "$bin" export --db exp.db --format csv
[ "$(wc -l <out)" -eq $((nev + 1)) ] && columns 31 , out && ok || bad "export csv: not a header and $nev lines of 31 columns"
grep -q '^x2,1,.*,175,.*,3,,Soldiers killed three protesters on Monday\.,' out && ok || bad "export csv: killed and evidence"
check "export --db jsonl" 0 "" -- "$bin" export --db exp.db --format jsonl
[ "$(wc -l <out)" -eq "$nev" ] && ok || bad "export jsonl: not $nev lines"
python3 -c '
import json, sys
evs = [json.loads(l) for l in open(sys.argv[1])]
a = [e for e in evs if e["cameo"] == "190"][0]
assert (a["doc_id"], a["source"]["text"], a["mentions"], a["date_precision"]) == ("x1", "Rebels", 2, "day"), a
assert (a["evidence"]["head"], a["evidence"]["date_text"]) == ("attacked", "on Sunday"), a
k = [e for e in evs if e["killed"] == 3][0]
assert k["location"]["name"] == "Baghdad" and k["location"]["geonameid"] == 98182, k
' out && ok || bad "export jsonl: the attack and the killing"
check "export jsonl reads back" 0 "" -- "$bin" export --format csv out
# the first report's evidence kept: export --db gives back what khaldun code printed
cat >rt.jsonl <<'EOF'
{"id": "r1", "date": "2031-07-08", "source": "Wire Three", "text": "Gunmen attacked a police post on Monday night, killing at least four officers. Protesters marched in the capital at 9 a.m. on Tuesday."}
{"id": "r2", "date": "2031-07-09", "text": "Police said gunmen attacked the post on Monday."}
EOF
"$bin" code rt.jsonl >rt.code 2>/dev/null
"$bin" code --db rt.db rt.jsonl 2>/dev/null
check "export --db the evidence" 0 "" -- "$bin" export --db rt.db --format jsonl
# same.py CODE EXPORTED: each exported event is what khaldun code printed for its first report
cat >same.py <<'EOF'
import json, sys
code = [json.loads(l) for l in open(sys.argv[1])]
exported = [json.loads(l) for l in open(sys.argv[2])]
def key(e):
    return (e["doc_id"], e["sentence"], e["cameo"], (e["source"] or {}).get("code"), (e["target"] or {}).get("code"))
first = {}
for e in code:
    first.setdefault(key(e), e)
# the event's fields are its first report's; the counts of several reports are the event's
for e in exported:
    c = first[key(e)]
    skip = {"url", "doc_source"} | ({"mentions", "killed", "wounded"} if e["mentions"] > 1 else set())
    diff = [k for k in set(c) | set(e) if k not in skip and c.get(k) != e.get(k)]
    assert not diff, (key(e), diff)
EOF
python3 same.py rt.code out && python3 - out <<'EOF' && ok || bad "export --db jsonl: not what khaldun code printed"
import json, sys
exported = [json.loads(l) for l in open(sys.argv[1])]
assert len(exported) == 3, exported
told = " ".join(json.dumps(e) for e in exported)
for part in ('"casualty_note": {"killed"', '"date_text": "on Monday night"', '"time": "09:00"', '"span": [0, 6]'):
    assert part in told, part
EOF
# the place's first-level region, with the tests' gazetteer (tests/geo; make check names it)
if [ -n "${KH_TEST_GAZETTEER:-}" ] && [ -f "$KH_TEST_GAZETTEER" ]; then
  echo '{"id": "g1", "date": "2031-05-04", "text": "Iraqi security forces fired rockets at the US embassy in Fallujah."}' >geo.jsonl
  KHALDUN_GAZETTEER=$KH_TEST_GAZETTEER "$bin" code geo.jsonl >geo.code 2>/dev/null
  KHALDUN_GAZETTEER=$KH_TEST_GAZETTEER "$bin" code --db geo.db geo.jsonl 2>/dev/null
  expect "the place's region" "Al Fallūjah|Anbar" "SELECT name, admin1 FROM places" geo.db
  check "export --db the region, Phoenix" 0 "" -- "$bin" export --db geo.db --format phoenix
  [ "$(cut -f 21-23 out)" = "$(printf 'Al Fallūjah\tAnbar\tIRQ')" ] && ok || bad "Phoenix StateName: '$(cut -f 21-23 out)'"
  check "export --db the region, JSON lines" 0 "" -- "$bin" export --db geo.db --format jsonl
  python3 same.py geo.code out && grep -q '"admin1":"Anbar"' out && ok || bad "export --db jsonl: the located event"
  # a place stored without its region (by schema version 1) learns it from a later report
  sqlite3 geo.db "UPDATE places SET admin1 = NULL"
  sed 's/"g1"/"g2"/' geo.jsonl >geo2.jsonl
  KHALDUN_GAZETTEER=$KH_TEST_GAZETTEER "$bin" code --db geo.db geo2.jsonl 2>/dev/null
  expect "a region learned later" "1|Anbar" "SELECT count(*), admin1 FROM places" geo.db
fi
cmp -s exp.db exp.orig && ok || bad "export --db changed the file"
check "export --db a foreign file" 1 "without khaldun's schema.*refusing to read it" -- "$bin" export --db other.db --format csv
[ ! -s out ] && ok || bad "export --db a foreign file wrote a header"
cmp -s other.db other.orig && ok || bad "export --db a foreign file: the file was changed"
check "export --db not SQLite" 1 "not an SQLite database" -- "$bin" export --db notes.txt --format gdelt
check "export --db newer" 1 "schema version 99, newer" -- "$bin" export --db newer.db --format jsonl
check "export --db missing" 1 "nothing.db cannot be read" -- "$bin" export --db nothing.db --format jsonl
[ ! -e nothing.db ] && ok || bad "export --db created a missing file"
check "export --db and files" 2 "reads the store alone" -- "$bin" export --db exp.db --format csv exp.jsonl

# --- a read-only folder, and a store of another user ---
# as root, whom permissions do not stop, the checks run as the user nobody,
# with a copy of the program in the scratch folder (the build's may lie in
# a folder nobody cannot enter; the store is opened before any data is read)
as_user="" user_bin=$bin
if [ "$(id -u)" -ne 0 ]; then
  as_user=" "
elif command -v setpriv >/dev/null 2>&1 && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
  as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
  user_bin=$tmp/khaldun-as-nobody
  cp "$bin" "$user_bin" && chmod 755 "$tmp" "$user_bin" && chmod a+r two.jsonl ev.db
fi
if [ -n "$as_user" ] && $as_user test -x "$user_bin" && $as_user test -r two.jsonl; then
  mkdir ro && chmod 555 ro
  check "read-only folder" 1 "ro/ev.db cannot be created .*read-only or not yours" -- $as_user "$user_bin" code --db ro/ev.db two.jsonl
  [ ! -e ro/ev.db ] && ok || bad "a store was made in a read-only folder"
  check "missing folder" 1 "cannot be created .*its folder does not exist" -- "$bin" code --db no/such/ev.db two.jsonl
  if [ "$as_user" != " " ]; then # the store is root's: nobody may read it, not write it
    sum=$(cksum <ev.db)
    check "another user's store" 1 "ev.db cannot be written" -- $as_user "$user_bin" code --db ev.db two.jsonl
    [ "$(cksum <ev.db)" = "$sum" ] && ok || bad "another user's store changed"
    check "another user's store: query" 0 "" -- $as_user "$user_bin" query --db ev.db --count-by year
    [ "$(cat "$tmp/out")" = "$("$bin" query --db ev.db --count-by year)" ] && ok || bad "another user's query differs"
    check "another user's store: export" 0 "" -- $as_user "$user_bin" export --db ev.db --format csv
  fi
else
  # no other user to be: a file on a read-only path stands in for it
  check "read-only path" 1 "khaldun: /proc/ev.db" -- "$bin" code --db /proc/ev.db two.jsonl
fi

# --- a full disk: the file size limit ---
rm -f full.db full.db-wal full.db-shm
(ulimit -f 200; "$bin" code --db full.db --batch 8 many.jsonl) >/dev/null 2>full.err
st=$?
if [ "$st" -eq 1 ] && grep -q "full.db: the file size limit was reached .*ulimit -f" full.err; then ok; else
  bad "file size limit: status $st, $(head -c 300 full.err)"; fi
expect "full disk: integrity" ok "PRAGMA integrity_check" full.db
"$bin" code --db full.db many.jsonl 2>/dev/null
got=$(sqlite3 full.db "SELECT count(*) FROM documents; SELECT count(*) FROM mentions;" | tr '\n' ' ')
[ "$got" = "$want" ] && ok || bad "full disk, rerun with room: '$got', expected '$want'"

# --- a full disk: a small file system of its own (root, in a private mount namespace) ---
if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null 2>&1 && unshare -m true 2>/dev/null; then
  mkdir small
  unshare -m sh -c 'mount -t tmpfs -o size=300k tmpfs small && "$1" code --db small/ev.db --batch 8 many.jsonl' sh "$bin" \
    >/dev/null 2>small.err
  st=$?
  if [ "$st" -eq 1 ] && grep -q "small/ev.db: the disk is full .*free some room" small.err; then ok; else
    bad "full disk: status $st, $(head -c 300 small.err)"; fi
fi

# --- readers during a write (WAL): they never fail and see whole batches ---
rm -f r.db r.db-wal r.db-shm
"$bin" code --db r.db --batch 4 many.jsonl 2>/dev/null &
pid=$!
readers_ok=1
for _ in $(seq 30); do
  if [ -f r.db ]; then
    res=$(sqlite3 -cmd '.timeout 2000' r.db "SELECT count(*) FROM documents d WHERE sentences > 0 AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.doc_key = d.doc_key)" 2>&1)
    case "$res" in 0|*"no such table"*) ;; *) readers_ok=0; echo "  reader: $res" ;; esac
  fi
  sleep 0.05
done
wait "$pid"
[ $readers_ok = 1 ] && ok || bad "a reader during a write failed or saw half a batch"

echo "store tests: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
