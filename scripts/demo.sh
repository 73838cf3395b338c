#!/bin/sh
# demo.sh - runs khaldun on the bundled example article (data/examples/).
# Usage: scripts/demo.sh BUILD/khaldun
set -eu
bin=${1:-build/khaldun}
ex=data/examples

echo "== khaldun code --stats --date 2026-03-11 $ex/article.txt"
"$bin" code --stats --date 2026-03-11 "$ex/article.txt" 2>&1
echo
echo "(no events yet: this version reads, splits and counts; the event stages come next)"
echo
echo "== its sentences (khaldun sentences --brief): flags in brackets; boilerplate is never coded"
"$bin" sentences --brief "$ex/article.txt"
echo
echo "== the same report as a web page: the article text extracted from $ex/article.html"
"$bin" sentences --brief "$ex/article.html"
echo
echo "== JSON lines input, several documents: khaldun code --stats $ex/wire.jsonl"
"$bin" code --stats "$ex/wire.jsonl" 2>&1
