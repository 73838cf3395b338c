#!/usr/bin/env bash
# bench-smoke.sh - keeps the store bench's generator (tests/bench/
# bench_store.c, `make bench-store`) from rotting: 2,000 generated events
# into a scratch store, whose counts, full-text index and probe counts
# must agree with the generator's report, the same seed must give the same
# store, and an existing file is refused.  Needs sqlite3; skips without.
# Usage: tests/store/bench-smoke.sh BUILD/bench_store
set -u
gen=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
if ! command -v sqlite3 >/dev/null 2>&1; then
  echo "store bench smoke test: skipped (no sqlite3 command)"
  exit 0
fi
. "$(dirname "$0")/../check.sh"
cd "$tmp" || exit 1

# same NAME GOT WANT
same() {
  if [ "$2" = "$3" ]; then pass=$((pass + 1)); else echo "FAIL $1: '$2', expected '$3'"; fail=$((fail + 1)); fi
}

check "generate 2,000 events" 0 "" -- "$gen" --db a.db --events 2000 --seed 7 --quiet
cp out a.report
value() { sed -n "s/^$1: //p" a.report; }
q() { sqlite3 a.db "$1"; }
same "mentions: one per coded event" "$(q 'SELECT count(*) FROM mentions')" 2000
same "events" "$(q 'SELECT count(*) FROM events')" "$(value 'new events')"
same "documents" "$(q 'SELECT count(*) FROM documents')" "$(value documents)"
same "mentions counted on events" "$(q 'SELECT sum(mentions) FROM events')" 2000
same "integrity" "$(q 'PRAGMA integrity_check')" ok
same "every event has its codes" "$(q "SELECT count(*) FROM events WHERE root <> substr(cameo, 1, 2)
  OR quad_class NOT BETWEEN 1 AND 4 OR goldstein NOT BETWEEN -10 AND 10 OR (plover IS NULL) <> (root < '03')")" 0
same "the date range" "$(q "SELECT min(date) >= '2019-01-01' AND max(date) <= '2025-12-31' FROM events")" 1
same "publication after the event" "$(q "SELECT count(*) FROM events WHERE first_seen < date")" 0
placed=$(q "SELECT 100 * count(place_key) / count(*) FROM events")
[ "$placed" -ge 70 ] && [ "$placed" -le 90 ] && pass=$((pass + 1)) || { echo "FAIL places for $placed% of events"; fail=$((fail + 1)); }
further=$(q "SELECT 1000 * (2000 - count(*)) / 2000 FROM events")
[ "$further" -ge 50 ] && [ "$further" -le 200 ] && pass=$((pass + 1)) ||
  { echo "FAIL further reports $further per mille, expected 50-200"; fail=$((fail + 1)); }
same "full text: said" "$(q "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'said'")" \
  "$(value 'probe said')"
read -r rare rare_rows <<<"$(value 'probe rare')"
same "full text: a rare word" "$(q "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH '$rare'")" "$rare_rows"
read -r year year_rows <<<"$(value 'probe year')"
same "events of the probe year" "$(q "SELECT count(*) FROM events WHERE date LIKE '$year-%'")" "$year_rows"

check "the same seed again" 0 "" -- "$gen" --db b.db --events 2000 --seed 7 --quiet
dump() { sqlite3 "$1" "SELECT * FROM events; SELECT * FROM mentions; SELECT * FROM sentences;" | sha256sum; }
same "the same seed, the same store" "$(dump b.db)" "$(dump a.db)"
check "an existing file is refused" 1 "exists: remove it first" -- "$gen" --db a.db --events 10 --quiet
check "a bad option" 2 "usage" -- "$gen" --db c.db --events none

echo "store bench smoke test: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
