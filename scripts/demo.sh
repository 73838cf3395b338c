#!/bin/sh
# demo.sh - the bundled example (data/examples/) through khaldun: events
# coded from one article, then the article, its web page and three wire
# reports written into an event store (build/demo/events.sqlite), and a
# summary of what the store holds, asked with `khaldun query` and
# `khaldun export`.
# Usage: scripts/demo.sh BUILD/khaldun [OUT_DIR]
set -eu
bin=${1:-build/khaldun}
out=${2:-$(dirname "$bin")/demo}
ex=data/examples
db=$out/events.sqlite
mkdir -p "$out"
rm -f "$db" "$db-wal" "$db-shm"

# q ARGS...: khaldun query on the demo store
q() { "$bin" query --db "$db" "$@"; }

echo "== 1. khaldun code --date 2026-03-11 $ex/article.txt"
echo "   one JSON line per event (all of them in $out/article.jsonl); the first:"
"$bin" code --date 2026-03-11 "$ex/article.txt" >"$out/article.jsonl"
head -n 1 "$out/article.jsonl"
echo
echo "== 2. khaldun code --db $db: the article, the same report as a web page, three wire reports"
"$bin" code --stats --db "$db" --date 2026-03-11 "$ex/article.txt" "$ex/article.html" "$ex/wire.jsonl" 2>&1 |
  grep -v 'actor mentions'
echo "   (the web page tells the article's events again: they are stored once, with a mention from each)"
echo
echo "== 3. the events by PLOVER type (khaldun query --count-by plover; empty: a CAMEO code PLOVER leaves out)"
q --count-by plover --format tsv
echo
echo "== 4. by the country they took place in (--count-by country), and by day (--count-by day)"
q --count-by country --format tsv
echo
q --count-by day --format tsv
echo
echo "== 5. the first events with their evidence (khaldun query --limit 6 --format tsv, some columns)"
q --limit 6 --format tsv | cut -f 3,11,12,7,15,18,24,25,31,26
echo
echo "== 6. a full-text search over every report's sentence: --text 'rockets OR \"tear gas\"'"
q --text 'rockets OR "tear gas"' --format tsv | cut -f 1,2,3,7,11,18,26
echo
echo "== 7. attacks in Iraq in March 2026: --root 19 --country IRQ --from 2026-03 --to 2026-03 --count-by source"
q --root 19 --country IRQ --from 2026-03 --to 2026-03 --count-by source --format tsv
echo
echo "== 8. the store as GDELT 2.0 events (khaldun export --db --format gdelt; id, day, actors, code, Goldstein, mentions, place)"
"$bin" export --db "$db" --format gdelt | head -n 5 | cut -f 1,2,6,16,27,31,32,53,57,58
echo
echo "The store is an SQLite file: sqlite3 $db 'SELECT * FROM mention_reports LIMIT 3'"
