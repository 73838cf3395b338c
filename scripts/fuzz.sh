#!/bin/sh
# fuzz.sh - runs each libFuzzer harness for a bounded time on its seed corpus.
# Usage: scripts/fuzz.sh SECONDS build-fuzz/fuzz_x...
# Seeds come from tests/fuzz/corpus/<x>/; new inputs found go to a scratch
# folder under build-fuzz/, never into the source tree.  Fails when any
# harness finds a crash (the crashing input is kept in build-fuzz/crashes/).
set -u
seconds=$1
shift
status=0
mkdir -p build-fuzz/crashes
for bin in "$@"; do
  name=$(basename "$bin" | sed 's/^fuzz_//')
  seeds=tests/fuzz/corpus/$name
  work=build-fuzz/corpus-$name
  mkdir -p "$work"
  echo "fuzz: $name for ${seconds}s"
  if ! "$bin" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix=build-fuzz/crashes/"$name"- -print_final_stats=1 \
       "$work" "$seeds" >build-fuzz/"$name".log 2>&1; then
    echo "fuzz: $name FAILED (see build-fuzz/$name.log and build-fuzz/crashes/)"
    tail -n 30 build-fuzz/"$name".log
    status=1
  else
    grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' build-fuzz/"$name".log | sed "s/^/  /"
  fi
done
exit $status
