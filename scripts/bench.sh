#!/bin/sh
# bench.sh - throughput, peak memory and start-up time on a fixed corpus.
# Usage: scripts/bench.sh BUILD/khaldun SHARED_DIR
# Prints figures only; nothing here passes or fails on a timing.
set -eu
bin=$1
shared=$2
dir=$(dirname "$bin")
mkdir -p "$dir/bench"
corpus=$dir/bench/corpus.jsonl
python3 scripts/make_corpus.py "$shared" "$corpus"
bytes=$(wc -c <"$corpus")
echo "corpus: $corpus ($bytes bytes)"
echo
"$dir/bench_text" "$corpus" 5
echo
KHALDUN_DATA=/nonexistent "$dir/bench_text" "$corpus" 5 | sed -n "1,2p;/MB.s/p"
echo
ud=$shared/data/ud/en_ewt-ud-test.conllu
if [ -f "$ud" ]; then
    echo "syntax (tagging, lemmatising and parsing the gold words of $ud):"
    "$dir/bench_syntax" data "$ud" 5
    echo
    KHALDUN_CACHE="$dir/bench/cache" "$dir/bench_actors" data "$ud" 4
    echo
fi
python3 - "$bin" "$corpus" "$bytes" <<'PY'
import re, resource, subprocess, sys, time
binary, corpus, size = sys.argv[1], sys.argv[2], int(sys.argv[3])

def run(args, stdin=None, repeat=1):
    best = None
    for _ in range(repeat):
        t = time.perf_counter()
        p = subprocess.run(args, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        dt = time.perf_counter() - t
        best = dt if best is None or dt < best else best
    return best, p

dt, p = run([binary, "code", "--stats", corpus], repeat=3)
stats = "\n  ".join(l for l in p.stderr.decode().strip().splitlines() if l.startswith("khaldun: ") and "no " not in l)
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
print("end to end (khaldun code --stats: read, split, tag, parse, find actors, code events; best of 3):")
print("  %s" % stats)
m = re.search(r"(\d+) sentences", stats)
rate = " %.0f sentences/s," % (int(m.group(1)) / dt) if m else ""
print("  %.3f s,%s %.1f MB/s, peak memory %.1f MB" % (dt, rate, size / dt / 1e6, rss))
dt2, p2 = run([binary, "code", "--stats", "--jobs", "2", corpus], repeat=3)
rate2 = " %.0f sentences/s," % (int(m.group(1)) / dt2) if m else ""
print("  with --jobs 2 (two threads, output in input order): %.3f s,%s %.1f MB/s" % (dt2, rate2, size / dt2 / 1e6))
one = b"Rebels attacked the town of Qaim on Sunday, officials said.\n"
times = []
for _ in range(30):
    t = time.perf_counter()
    subprocess.run([binary, "code", "--input", "txt", "-"], input=one, stdout=subprocess.DEVNULL, check=False)
    times.append(time.perf_counter() - t)
times.sort()
print("start-up (one sentence on stdin, median of 30 runs): %.1f ms" % (times[len(times) // 2] * 1000))
PY
