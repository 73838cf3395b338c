# check.sh - the check function of the command-line test scripts
# (tests/cli/run.sh, tests/store/run.sh), sourced by them: they set tmp
# (a scratch folder), pass and fail (counters).
#
# check NAME EXPECTED_STATUS STDERR_PATTERN -- COMMAND...
# STDERR_PATTERN is an extended regular expression ('' = anything).
check() {
  local name=$1 want=$2 pattern=$3
  shift 4
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    echo "FAIL $name: exit status $got, expected $want"; sed 's/^/  stderr: /' "$tmp/err" | head -5
    fail=$((fail + 1)); return
  fi
  if [ -n "$pattern" ] && ! grep -Eq -- "$pattern" "$tmp/err"; then
    echo "FAIL $name: stderr does not match /$pattern/"; sed 's/^/  stderr: /' "$tmp/err" | head -5
    fail=$((fail + 1)); return
  fi
  if grep -Eq 'AddressSanitizer|runtime error|Segmentation|Aborted' "$tmp/err"; then
    echo "FAIL $name: crashed"; head -5 "$tmp/err"; fail=$((fail + 1)); return
  fi
  pass=$((pass + 1))
}

