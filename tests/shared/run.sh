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
else
  echo "shared tests: $article not found; skipped"
fi
# Regression guards on the UD test files (the figures themselves come from make eval-text).
python3 scripts/eval_text.py --khaldun "$bin" --shared "$shared" \
  --min-boundary-f1 0.92 --min-token-f1 0.98 || status=1
exit $status
