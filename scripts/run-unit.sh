#!/bin/sh
# run-unit.sh - runs the unit test binaries given as arguments; fails if any fails.
status=0
for t in "$@"; do
  if ! "$t"; then
    echo "unit tests: $t failed" >&2
    status=1
  fi
done
exit $status
