#!/usr/bin/env bash
# bench-store.sh - figures of the event store (`khaldun code --db`) on
# generated news: insert throughput, size, and query latency.
#
# usage: scripts/bench-store.sh BUILD/khaldun BUILD/bench_store [--events N] [--seed S] [--fresh]
#                                [--file FILE]
#
# Builds the store once with tests/bench/bench_store.c (N coded events,
# default 1,000,000) into build/bench/store-1m.sqlite (store-N.sqlite for
# other N), keeping the generator's report beside it; the file is built
# again when the generator, the store's code or the data tables it reads
# change, or with --fresh.  Then times each query three times with the
# file evicted from the page cache first (cold: posix_fadvise DONTNEED
# through dd, so only this file leaves the cache) and three times after
# (warm), and prints the best and the median of each with its row count
# and the count it must have (from the generator, or from a scan that does
# not use the full-text index).  The queries run as SQL in the sqlite3
# shell, and through `khaldun query` when this khaldun has that command.
# --file FILE times the queries on FILE instead: a copy of the generated
# store changed by hand (an index added, VACUUM), checked against the same
# counts.  Needs sqlite3; nothing here judges the figures.
set -u
khaldun=$1
gen=$2
shift 2
events=1000000
seed=1
fresh=0
file=
while [ $# -gt 0 ]; do
  case $1 in
    --events) events=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --fresh) fresh=1; shift ;;
    --file) file=$2; shift 2 ;;
    *) echo "usage: $0 KHALDUN BENCH_STORE [--events N] [--seed S] [--fresh] [--file FILE]" >&2; exit 2 ;;
  esac
done
if ! command -v sqlite3 >/dev/null 2>&1; then
  echo "bench-store: needs the sqlite3 command (apt-get install sqlite3)" >&2
  exit 1
fi
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$(dirname "$gen")/bench
mkdir -p "$dir"
case $events in
  1000000) name=store-1m ;;
  *) name=store-$events ;;
esac
db=$dir/$name.sqlite
report=$dir/$name.report
stamp=$dir/$name.stamp

# --- the store, built when missing or stale ---
want=$( (cat "$root/tests/bench/bench_store.c" "$root/src/store/db.c" "$root/src/store/db.h" \
  "$root/data/cameo/codes.txt" "$root/data/places/countries.txt"; echo "$events $seed") | sha256sum | cut -c1-16)
if [ "$fresh" = 1 ] || [ ! -f "$db" ] || [ ! -f "$report" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  rm -f "$db" "$db-wal" "$db-shm" "$report" "$stamp"
  echo "bench-store: generating $events coded events into $db (about a minute per million)"
  if ! "$gen" --db "$db" --events "$events" --seed "$seed" >"$report.tmp"; then
    rm -f "$db" "$db-wal" "$db-shm" "$report.tmp"
    exit 1
  fi
  mv "$report.tmp" "$report"
  echo "$want" >"$stamp"
  built="built now"
else
  built="cached, built $(date -r "$report" '+%Y-%m-%d %H:%M'); --fresh to build it again"
fi
echo "== insert ($built)"
sed -n '/^stored:/,/^peak RSS/p' "$report" | sed 's/^/  /'

if [ -n "$file" ]; then
  echo "== the queries on $file (the counts of $db)"
  db=$file
fi
value() { sed -n "s/^$1: //p" "$report"; }
# the probes of the report: "probe day: USA 2023-06-14 45"
read -r country day day_rows <<<"$(value 'probe day')"
read -r _ month month_rows <<<"$(value 'probe month')"
read -r year year_rows <<<"$(value 'probe year')"
read -r rare rare_sentences <<<"$(value 'probe rare')"
said_sentences=$(value 'probe said')
pair_sentences=$(value 'probe police AND protesters')
dayno() { sqlite3 :memory: "SELECT CAST(julianday('$1') - julianday('1970-01-01') AS INTEGER)"; }
d0=$(dayno "$day")
m0=$(dayno "$month-01")
m1=$(dayno "$(sqlite3 :memory: "SELECT date('$month-01', '+1 month', '-1 day')")")
y0=$(dayno "$year-01-01")
y1=$(dayno "$year-12-31")

echo "== size by table and index (dbstat)"
sqlite3 -readonly "$db" "SELECT printf('  %-30s %8.1f MB', name, sum(pgsize) / 1e6) FROM dbstat GROUP BY name
  ORDER BY sum(pgsize) DESC LIMIT 12" 2>/dev/null || echo "  (this sqlite3 has no dbstat table)"

# --- the queries ---
rows_sql="SELECT e.event_key, e.date, e.cameo, e.plover, e.source_code, e.target_code, p.name, e.country,
  e.lat, e.lon, e.killed, e.wounded, d.id, d.url, s.text
  FROM events e JOIN documents d ON d.doc_key = e.first_doc LEFT JOIN places p ON p.place_key = e.place_key
  LEFT JOIN sentences s ON s.doc_key = e.first_doc AND s.idx = e.first_sentence"
# events with a report whose sentence matches the full-text query $1
text_where() {
  echo "WHERE e.event_key IN (SELECT m.event_key FROM sentences_fts f JOIN sentences t ON t.sentence_key = f.rowid
    JOIN mentions m ON m.doc_key = t.doc_key AND m.sentence = t.idx WHERE sentences_fts MATCH '$1')"
}
# the same events found without the index: the words as FTS5's tokenizer reads them
scan_count() {
  local cond="" w
  for w in "$@"; do
    cond="$cond${cond:+ AND }(' ' || lower(t.text) || ' ') GLOB '*[^a-z0-9]$w[^a-z0-9]*'"
  done
  sqlite3 -readonly "$db" "SELECT count(DISTINCT m.event_key) FROM mentions m
    JOIN sentences t ON t.doc_key = m.doc_key AND t.idx = m.sentence WHERE $cond"
}
fts_count() { sqlite3 -readonly "$db" "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH '$1'"; }

evict() {
  local f
  for f in "$db" "$db-wal"; do
    [ -f "$f" ] && dd if="$f" iflag=nocache count=0 status=none
  done
}

# times CMD... (its output lines are the rows): sets ms (milliseconds, one
# decimal) and rows
run_once() {
  local t0 t1
  t0=$(date +%s%N)
  rows=$("$@" | wc -l)
  t1=$(date +%s%N)
  ms=$(( (t1 - t0) / 100000 ))
  ms="$((ms / 10)).$((ms % 10))"
}

# best and median of three numbers
best_median() { printf '%s\n' "$@" | sort -n | sed -n '1p;2p' | paste -sd/ -; }

# measure LABEL EXPECTED CMD...: three cold runs and three warm ones
measure() {
  local label=$1 expected=$2 cold=() warm=() got="" k
  shift 2
  for k in 1 2 3; do evict; run_once "$@"; cold+=("$ms"); got=$rows; done
  for k in 1 2 3; do run_once "$@"; warm+=("$ms"); done
  local mark=ok
  [ "$got" = "$expected" ] || mark="WRONG (expected $expected)"
  printf '  %-44s %9s %-6s %17s %17s\n' "$label" "$got" "$mark" "$(best_median "${cold[@]}")" \
    "$(best_median "${warm[@]}")"
  [ "$mark" = ok ]
}

sql() { sqlite3 -readonly "$db" "$1"; }

wrong=0
echo "== checks: full-text sentences against the generator's counts"
for q in "said:$said_sentences" "$rare:$rare_sentences" "police AND protesters:$pair_sentences"; do
  got=$(fts_count "${q%%:*}")
  if [ "$got" = "${q##*:}" ]; then mark=ok; else mark="WRONG (expected ${q##*:})"; wrong=1; fi
  printf '  %-44s %9s %s\n' "sentences MATCH '${q%%:*}'" "$got" "$mark"
done
said_events=$(scan_count said)
rare_events=$(scan_count "$rare")
pair_events=$(scan_count police protesters)
countries=$(sql "SELECT count(DISTINCT coalesce(country, '')) FROM events WHERE day BETWEEN $y0 AND $y1")
year_sum=$(sql "SELECT count(*) FROM events WHERE day BETWEEN $y0 AND $y1")
[ "$year_sum" = "$year_rows" ] || { echo "  events of $year: $year_sum, expected $year_rows WRONG"; wrong=1; }

echo "== queries (milliseconds, process start to last row: best/median of 3, cold = this file evicted from the page cache)"
printf '  %-44s %9s %-6s %17s %17s\n' query rows check cold warm
echo "  -- SQL in the sqlite3 shell (sqlite3 $(sqlite3 --version | cut -d' ' -f1))"
measure "day+country: $country $day" "$day_rows" \
  sql "$rows_sql WHERE e.day BETWEEN $d0 AND $d0 AND e.country = '$country'" || wrong=1
measure "month+country: $country $month" "$month_rows" \
  sql "$rows_sql WHERE e.day BETWEEN $m0 AND $m1 AND e.country = '$country'" || wrong=1
measure "text: said (common)" "$said_events" sql "$rows_sql $(text_where said)" || wrong=1
measure "text: $rare (rare)" "$rare_events" sql "$rows_sql $(text_where "$rare")" || wrong=1
measure "text: police AND protesters" "$pair_events" \
  sql "$rows_sql $(text_where 'police AND protesters')" || wrong=1
measure "count by country, $year" "$countries" \
  sql "SELECT country, count(*) FROM events WHERE day BETWEEN $y0 AND $y1 GROUP BY country" || wrong=1

if "$khaldun" query --help >/dev/null 2>&1; then
  q() { "$khaldun" query --db "$db" --format jsonl "$@"; }
  echo "  -- khaldun query (JSON lines)"
  measure "day+country: $country $day" "$day_rows" q --country "$country" --from "$day" --to "$day" || wrong=1
  measure "month+country: $country $month" "$month_rows" q --country "$country" --from "$month" --to "$month" || wrong=1
  measure "text: said (common)" "$said_events" q --text said || wrong=1
  measure "text: $rare (rare)" "$rare_events" q --text "$rare" || wrong=1
  measure "text: police AND protesters" "$pair_events" q --text 'police AND protesters' || wrong=1
  measure "count by country, $year" "$countries" q --from "$year" --to "$year" --count-by country || wrong=1
else
  echo "  (this khaldun has no query command: SQL figures only)"
fi
[ "$wrong" = 0 ] || { echo "bench-store: some queries returned the wrong rows" >&2; exit 1; }
