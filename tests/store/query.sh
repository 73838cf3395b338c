#!/usr/bin/env bash
# query.sh - `khaldun query --db`: every filter, the full-text search, each
# --count-by key, the three output formats, the bad values and files, and
# queries while a writer is at work.  Each answer is compared with the
# same question put to the store in SQL (sqlite3) and, for a few, with the
# value the invented reports below must give.  Skips cleanly without the
# sqlite3 command.
# Usage: tests/store/query.sh BUILD/khaldun BUILD/tests/gazetteer.bin
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
gaz=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
if ! command -v sqlite3 >/dev/null 2>&1; then
  echo "query tests: skipped (no sqlite3 command; apt-get install sqlite3)"
  exit 0
fi
# the test gazetteer: Baghdad, Fallujah, Ramadi, Cairo, Tehran (tests/geo)
export KHALDUN_GAZETTEER=$gaz

ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
. "$(dirname "$0")/../check.sh"

cd "$tmp" || exit 1
# invented reports: a1 and a3 tell the same attack (one event, two mentions)
cat >docs.jsonl <<'EOF'
{"id": "a1", "date": "2030-01-06", "source": "North Wire", "text": "Rebels attacked the police in Baghdad on Sunday, killing three officers."}
{"id": "a2", "date": "2030-01-07", "source": "South Wire", "text": "Egyptian police arrested twenty students in Cairo on Monday."}
{"id": "a3", "date": "2030-01-08", "source": "South Wire", "text": "Rebels attacked the police in Baghdad on Sunday, officials said, and called the police weak."}
{"id": "a4", "date": "2030-02-14", "source": "East Wire", "text": "Iran's foreign minister met the Iraqi prime minister in Tehran on Friday. Protesters marched in Fallujah against the government."}
{"id": "a5", "date": "2030-03-02", "source": "North Wire", "text": "The Iraqi army shelled rebel positions near Ramadi on Saturday. Egypt condemned the attack."}
EOF
check "store the reports" 0 "" -- "$bin" code --db q.db docs.jsonl

# same NAME SQL_CONDITION -- QUERY_OPTIONS...: the query returns the events
# the condition selects (by their first report's document and sentence)
same() {
  local name=$1 cond=$2
  shift 3
  local want got
  want=$(sqlite3 q.db "SELECT d.id || ':' || e.first_sentence || ':' || e.cameo FROM events e
    JOIN documents d ON d.doc_key = e.first_doc LEFT JOIN places p ON p.place_key = e.place_key
    LEFT JOIN actors sa ON sa.code = e.source_code LEFT JOIN actors ta ON ta.code = e.target_code
    WHERE $cond ORDER BY e.event_key")
  got=$("$bin" query --db q.db --format tsv "$@" | tail -n +2 | cut -f1,2,11 | tr '\t' ':')
  if [ "$got" = "$want" ]; then ok; else bad "$name: got '$got', expected '$want'"; fi
}

# has NAME WANT -- QUERY_OPTIONS...: the query prints exactly WANT
has() {
  local name=$1 want=$2
  shift 3
  local got
  got=$("$bin" query --db q.db "$@" 2>&1)
  if [ "$got" = "$want" ]; then ok; else bad "$name: got '$got', expected '$want'"; fi
}

# --- the store as the rest of the tests expect it ---
n=$(sqlite3 q.db "SELECT count(*) FROM events")
[ "$n" = 7 ] && ok || bad "the reports gave $n events, expected 7 (the tests below assume them)"
has "the attack told twice" "source	events	mentions
IRQREB	1	2" -- --source IRQREB --format tsv --count-by source
has "the attack told twice" '{"source":"IRQREB","events":1,"mentions":2}' -- --source irqreb --count-by source

# --- each filter against SQL ---
same "no filter" "1" --
same "from" "e.date >= '2030-02-01'" -- --from 2030-02
same "to" "e.date <= '2030-01-31'" -- --to 2030-01
same "one day" "e.date = '2030-01-06'" -- --from 2030-01-06 --to 2030-01-06
same "a year" "e.date LIKE '2030-%'" -- --from 2030 --to 2030
same "actor prefix" "e.source_code LIKE 'IRQ%' OR e.target_code LIKE 'IRQ%'" -- --actor IRQ
same "source" "e.source_code LIKE 'EGY%'" -- --source EGY
same "target" "e.target_code = 'IRQGOV'" -- --target IRQGOV
same "actor country" "sa.country = 'IRN' OR ta.country = 'IRN'" -- --actor-country irn
same "cameo prefix" "e.cameo LIKE '19%'" -- --cameo 19
same "cameo code" "e.cameo = '1414'" -- --cameo 1414
same "root" "e.root = '19'" -- --root 19
same "plover" "e.plover = 'ASSAULT'" -- --plover assault
same "country" "e.country = 'IRQ'" -- --country IRQ
same "place name" "p.name = 'Baghdad'" -- --place baghdad
same "place id" "p.geonameid = 900005" -- --place 900005
same "bbox" "e.lon BETWEEN 43 AND 45 AND e.lat BETWEEN 33 AND 34" -- --bbox 43,33,45,34
same "bbox across the antimeridian" "e.lon >= 45 OR e.lon <= 40" -- --bbox 45,-90,40,90
same "together" "e.root = '19' AND e.date >= '2030-02-01' AND e.country = 'IRQ'" -- --root 19 --from 2030-02 --country IRQ
same "nothing" "0" -- --country FRA
same "limit" "e.event_key <= 2" -- --limit 2

# --- full text, over every report's sentence ---
same "a word" "e.event_key IN (SELECT event_key FROM mentions m JOIN sentences s ON s.doc_key = m.doc_key
  AND s.idx = m.sentence WHERE s.text LIKE '%officers%')" -- --text officers
same "a later report's words" "e.event_key = 1" -- --text weak
same "a phrase" "e.cameo = '040'" -- --text '"prime minister"'
same "AND NOT" "e.cameo = '194'" -- --text 'rebel NOT egypt'
same "text and a filter" "0" -- --text officers --from 2030-02

# --- counts ---
has "by day" '{"day":"2030-01-06","events":2,"mentions":3}
{"day":"2030-01-07","events":1,"mentions":1}
{"day":"2030-02-08","events":1,"mentions":1}
{"day":"2030-02-14","events":1,"mentions":1}
{"day":"2030-03-02","events":2,"mentions":2}' -- --count-by day
has "by week (its Monday)" 'week,events,mentions
2029-12-31,2,3
2030-01-07,1,1
2030-02-04,1,1
2030-02-11,1,1
2030-02-25,2,2' -- --count-by week --format csv
has "by month" "month	events	mentions
2030-01	3	4
2030-02	2	2
2030-03	2	2" -- --count-by month --format tsv
has "by year" '{"year":"2030","events":7,"mentions":8}' -- --count-by year
has "by country, most first" '{"country":"IRQ","events":5,"mentions":6}
{"country":"EGY","events":1,"mentions":1}
{"country":"IRN","events":1,"mentions":1}' -- --count-by country
has "by root" '{"root":"19","events":3,"mentions":4}' -- --count-by root --limit 1
has "by plover with a filter" '{"plover":"ASSAULT","events":3,"mentions":4}' -- --count-by plover --country IRQ --limit 1
has "by cameo" "cameo,events,mentions
190,2,3" -- --count-by cameo --format csv --root 19 --from 2030-01 --to 2030-01
has "by actor: each of source and target" '{"actor":"COP","events":1,"mentions":1}
{"actor":"IRQCOP","events":1,"mentions":2}
{"actor":"IRQREB","events":1,"mentions":2}
{"actor":"REB","events":1,"mentions":1}' -- --count-by actor --from 2030-01-06 --to 2030-01-06
has "by actor country" '{"actor-country":"IRQ","events":4,"mentions":5}' -- --count-by actor-country --limit 1
has "by target, none counted apart" '{"target":null,"events":1,"mentions":1}' -- --count-by target --source EGY --cameo 111
has "counts of nothing" "" -- --count-by day --country FRA

# --- formats ---
lines=$("$bin" query --db q.db --format csv | python3 -c 'import csv,sys; r=list(csv.reader(sys.stdin)); print(len(r), len(set(map(len, r))))')
[ "$lines" = "8 1" ] && ok || bad "CSV: header and 7 rows of one width expected, got '$lines'"
quoted=$("$bin" query --db q.db --format csv --text officers | tail -1 | grep -c '"Rebels attacked the police in Baghdad on Sunday, killing three officers."')
[ "$quoted" = 1 ] && ok || bad "CSV: the evidence with a comma is quoted"
cols=$("$bin" query --db q.db --format tsv | awk -F'\t' '{print NF}' | sort -u)
[ "$cols" = 31 ] && ok || bad "TSV: 31 columns on every line, got '$cols'"
json=$("$bin" query --db q.db --place Baghdad | python3 -c 'import json,sys; print(" ".join(sorted({json.loads(l)["location"]["name"] for l in sys.stdin})))')
[ "$json" = Baghdad ] && ok || bad "JSON lines: every line an object, got '$json'"
same_export=$("$bin" export --db q.db --format jsonl | cmp - <("$bin" query --db q.db) && echo same)
[ "$same_export" = same ] && ok || bad "query without filters is export --db --format jsonl"

# --- bad values and files ---
check "no --db" 2 "--db FILE is required" -- "$bin" query --country IRQ
check "a bad date" 2 "--from '2030-02-30' is not a date" -- "$bin" query --db q.db --from 2030-02-30
check "a reversed range" 2 "--from is after --to" -- "$bin" query --db q.db --from 2030-03 --to 2030-01
check "a bad code" 2 "--actor 'IRQ GOV' is not an actor code" -- "$bin" query --db q.db --actor "IRQ GOV"
check "a bad country" 2 "--country 'Iraq' is not an ISO" -- "$bin" query --db q.db --country Iraq
check "a bad root" 2 "--root '25' is not a two-digit CAMEO root" -- "$bin" query --db q.db --root 25
check "a bad cameo" 2 "--cameo '19x9' is not a CAMEO code" -- "$bin" query --db q.db --cameo 19x9
check "a bad box" 2 "--bbox '43,34,45' is not W,S,E,N" -- "$bin" query --db q.db --bbox 43,34,45
check "a box upside down" 2 "--bbox '43,34,45,33' is not W,S,E,N" -- "$bin" query --db q.db --bbox 43,34,45,33
check "a bad full-text query" 2 "--text 'AND police' is not a full-text query" -- "$bin" query --db q.db --text "AND police"
check "an unknown key" 2 "--count-by 'hour' is not one of" -- "$bin" query --db q.db --count-by hour
check "GDELT is export's" 2 "unknown format 'gdelt'" -- "$bin" query --db q.db --format gdelt
check "a stray argument" 2 "unexpected argument 'q.db'" -- "$bin" query q.db
check "a missing store" 1 "cannot be read" -- "$bin" query --db missing.db
printf 'not a database at all\n' >text.db
check "a foreign file" 1 "is not an SQLite database" -- "$bin" query --db text.db
sqlite3 other.db "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
check "another program's database" 1 "without khaldun's schema" -- "$bin" query --db other.db
[ ! -e missing.db ] && ok || bad "a query created the missing store"

# --- queries while a writer is at work: whole batches, never an error ---
python3 - <<'EOF' >many.jsonl
for k in range(3000):
    print('{"id": "m%d", "date": "2030-04-%02d", "text": "Rebels attacked the police in Baghdad on Sunday. Police arrested %d students in Cairo."}' % (k, 1 + k % 28, k + 2))
EOF
"$bin" code --db w.db --batch 50 many.jsonl 2>/dev/null &
writer=$!
errors=0 reads=0 last=0 shrank=0
while kill -0 "$writer" 2>/dev/null && [ "$reads" -lt 200 ]; do
  if [ -s w.db ]; then
    got=$("$bin" query --db w.db --count-by year 2>&1)
    case "$got" in
      *"khaldun's schema"* | *"cannot be read"* | "") ;; # not created yet
      '{"year":'*) reads=$((reads + 1))
        now=$(printf '%s\n' "$got" | python3 -c 'import json,sys; print(sum(json.loads(l)["mentions"] for l in sys.stdin))')
        [ "$now" -lt "$last" ] && shrank=1
        last=$now ;;
      *) errors=$((errors + 1)); echo "query during a write: $got" ;;
    esac
  fi
done
wait "$writer"
[ "$errors" = 0 ] && ok || bad "queries during a write failed $errors times"
[ "$shrank" = 0 ] && ok || bad "a later query saw fewer mentions than an earlier one"
[ "$reads" -gt 0 ] && ok || bad "no query ran while the writer worked"

echo "query tests: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
