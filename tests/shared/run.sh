#!/bin/sh
# run.sh - tests that read ../shared (the acceptance article, the UD
# treebanks).  Skips cleanly when the folder is absent.
# Usage: tests/shared/run.sh BUILD/khaldun SHARED_DIR
set -u
bin=$1
shared=$2
if [ ! -d "$shared" ]; then
  echo "shared tests: $shared not found; skipped"
  exit 0
fi
status=0
article=$shared/acceptance/embassy-attack/article.txt
if [ -f "$article" ]; then
  python3 tests/shared/check_article.py "$bin" "$article" || status=1
  python3 tests/shared/check_actors.py "$bin" "$article" || status=1
else
  echo "shared tests: $article not found; skipped"
fi
# The CAMEO code table against the published Goldstein and PLOVER tables.
if [ -d "$shared/data/peer-dicts/cameo" ]; then
  python3 tests/shared/check_cameo.py "$shared" || status=1
fi
# The committed sentence model must be what `make model` makes from this code.
if [ -d "$shared/data/ud" ]; then
  tmp=$(mktemp -d)
  python3 scripts/sbd_data.py "$shared" "$tmp" >/dev/null &&
    "$bin" train sbd --final --train "$tmp/train.jsonl" --dev "$tmp/dev.jsonl" --out "$tmp/sbd.bin" >/dev/null &&
    if cmp -s "$tmp/sbd.bin" data/models/sbd.bin; then
      echo "sentence model: data/models/sbd.bin is reproduced by make model"
    else
      echo "FAIL sentence model: data/models/sbd.bin differs from what make model trains; run make model"
      status=1
    fi
  rm -rf "$tmp"
fi
# Regression guard on the PLOVER gold actors (the figure itself comes from make eval-actors).
gsr=$shared/data/plover-gsr-dev/PLOVER_GSR_dev.json
if [ -f "$gsr" ]; then
  out=$(python3 scripts/eval_actors.py --min 85 "$bin" "$gsr") || status=1
  printf '%s\n' "$out" | sed -n '1p;/FAIL/p'
fi
# Events: every required case of the acceptance article, and a guard on the PLOVER records
# event types (the figures themselves come from make eval-events).
tools=$shared/tools
if [ -f "$article" ] && [ -f "$tools/score-acceptance.py" ]; then
  tmp=$(mktemp -d)
  "$bin" code --date 2020-01-27 --id embassy-attack "$article" >"$tmp/events.jsonl" 2>"$tmp/err" || status=1
  res=$(python3 "$tools/score-acceptance.py" --only-codes "$shared/acceptance/embassy-attack/expected.json" \
        "$tmp/events.jsonl" | tail -n 1)
  echo "acceptance events: $res"
  case "$res" in *" 0 failed"*) ;; *) echo "FAIL acceptance events"; status=1 ;; esac
  phoenix=$shared/data/peer-dicts/phoenix/CAMEO.2.0.txt
  if [ -f "$phoenix" ]; then # the PETRARCH importer on the Phoenix verb dictionary
    "$bin" code --date 2020-01-27 --id embassy-attack --verbs "$phoenix" "$article" >"$tmp/phoenix.jsonl" \
      2>"$tmp/phoenix.err" || status=1
    res=$(python3 "$tools/score-acceptance.py" --only-codes "$shared/acceptance/embassy-attack/expected.json" \
          "$tmp/phoenix.jsonl" | tail -n 1)
    echo "acceptance events with the Phoenix verbs: $res"
    passed=$(printf '%s\n' "$res" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
    if [ -z "$passed" ] || [ "$passed" -lt 8 ]; then echo "FAIL Phoenix verbs: fewer than 8 cases"; status=1; fi
  fi
  if [ -f "$gsr" ] && [ -f "$tools/eval.py" ]; then
    python3 "$tools/eval.py" docs plover "$gsr" >"$tmp/docs.jsonl"
    "$bin" code --input jsonl "$tmp/docs.jsonl" >"$tmp/gsr.jsonl" 2>"$tmp/err" || status=1
    line=$(python3 "$tools/eval.py" plover "$gsr" "$tmp/gsr.jsonl" | tail -n 1)
    echo "gold events: $line"
    recall=$(printf '%s\n' "$line" | sed -n 's/.*type recall \([0-9.]*\)%.*/\1/p')
    if [ -z "$recall" ] || awk -v r="$recall" 'BEGIN { exit !(r < 60) }'; then
      echo "FAIL gold events: type recall below the guard of 60%"; status=1
    fi
  fi
  # peer_suite NAME MIN SUITE: `khaldun validate NAME SUITE` passes at least MIN records
  peer_suite() {
    "$bin" validate "$1" "$3" >"$tmp/$1.out" 2>"$tmp/$1.err" || status=1
    res=$(tail -n 1 "$tmp/$1.out")
    echo "$1 records: $res"
    passed=$(printf '%s\n' "$res" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
    if [ -z "$passed" ] || [ "$passed" -lt "$2" ]; then echo "FAIL $1 records: fewer than $2 pass"; status=1; fi
    if grep -E 'AddressSanitizer|runtime error' "$tmp/$1.err"; then status=1; fi
  }
  records=$shared/data/peer-suites/petrarch/PETR.UnitTest.records.xml
  [ -f "$records" ] && peer_suite petrarch 238 "$records"
  project=$shared/data/peer-suites/tabari
  [ -f "$project/Validate.project" ] && peer_suite tabari 369 "$project"
  grep -E 'AddressSanitizer|runtime error' "$tmp/err" && status=1
  rm -rf "$tmp"
fi
# Regression guards on the UD test files (the figures themselves come from make eval-text).
python3 scripts/eval_text.py --khaldun "$bin" --shared "$shared" \
  --min-boundary-f1 0.945 --min-token-f1 0.98 || status=1
exit $status
