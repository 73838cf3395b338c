#!/usr/bin/env bash
# run.sh - command-line tests: bad input, exit statuses, messages, bounded memory.
# Usage: tests/cli/run.sh BUILD/khaldun
# Each check runs the binary on an input made here and tests its exit status,
# its standard error and, where it matters, its standard output.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
models=$(cd "$(dirname "$0")/../../data/models" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

# check NAME EXPECTED_STATUS STDERR_PATTERN -- COMMAND... (tests/check.sh)
. "$(dirname "$0")/../check.sh"

# out_lines NAME N: the last command printed N lines on stdout
out_lines() {
  local n
  n=$(wc -l <"$tmp/out")
  if [ "$n" -ne "$2" ]; then echo "FAIL $1: $n output lines, expected $2"; fail=$((fail + 1)); else pass=$((pass + 1)); fi
}

cd "$tmp" || exit 1
printf 'The army said on Monday that two soldiers died. Talks resumed.\n' >good.txt
printf 'A rocket hit the base.\n' >a.txt

# --- usage ---
check "no command" 2 "usage" -- "$bin"
check "unknown command" 2 "unknown command" -- "$bin" frobnicate
check "unknown option" 2 "unknown option '--nope'" -- "$bin" code --nope good.txt
check "bad --date" 2 "YYYY-MM-DD" -- "$bin" code --date 2020-02-30 good.txt
check "bad --input" 2 "txt, jsonl or html" -- "$bin" code --input pdf good.txt
check "bad size" 2 "size" -- "$bin" code --max-doc-bytes lots good.txt
check "version" 0 "" -- "$bin" version
check "help" 0 "" -- "$bin" code --help

# --- good input ---
check "txt" 0 "1 document, 2 sentences" -- "$bin" code --stats good.txt
check "sentences txt" 0 "" -- "$bin" sentences --brief good.txt
out_lines "sentences txt lines" 2
check "two files" 0 "2 documents" -- "$bin" code --stats good.txt a.txt

# --- missing and unreadable files ---
check "missing file" 1 "nothere.txt: cannot open: No such file" -- "$bin" code nothere.txt
check "missing among good" 1 "nothere.txt: cannot open" -- "$bin" sentences --brief good.txt nothere.txt a.txt
out_lines "good files still read" 3
mkdir adir
check "directory" 1 "adir: cannot open: Is a directory" -- "$bin" code adir

# --- empty input ---
: >empty.txt
check "empty file" 1 "empty.txt: empty document; skipped" -- "$bin" code empty.txt
printf '  \n\n  \n' >blank.txt
check "blank file" 1 "blank.txt: empty document" -- "$bin" code blank.txt
: >empty.jsonl
check "empty jsonl" 1 "empty.jsonl: empty input; no documents" -- "$bin" code empty.jsonl
check "empty stdin" 1 "<stdin>: empty input" -- "$bin" code - </dev/null

# --- invalid UTF-8, NUL and control characters ---
printf 'Troops entered Mosul.\xff\xfe The army said \xc3(so).\n' >bad-utf8.txt
check "invalid utf-8 repaired" 0 "bad-utf8.txt: invalid UTF-8 at byte 21 \\(3 bytes in all\\), replaced by U\\+FFFD" -- \
  "$bin" sentences --brief bad-utf8.txt
grep -q $'\xef\xbf\xbd' out || { echo "FAIL U+FFFD not in output"; fail=$((fail + 1)); }
printf 'Troops\x00 entered\x01 Mosul.\n' >nul.txt
check "NUL repaired" 0 "nul.txt: NUL or control character at byte 6 \\(2 in all\\)" -- "$bin" sentences --brief nul.txt
grep -q 'Troops  entered  Mosul.' out || { echo "FAIL NUL not replaced by space"; fail=$((fail + 1)); }
printf '{"id":"u1","text":"Bad \xff byte here."}\n' >bad-utf8.jsonl
check "invalid utf-8 in jsonl" 0 "bad-utf8.jsonl:1: invalid UTF-8 at byte 23 of the line" -- "$bin" code bad-utf8.jsonl
printf '{"id":"n1","text":"Nul \\u0000 escaped."}\n' >nul.jsonl
check "escaped NUL in jsonl" 0 "nul.jsonl:1: NUL or control character" -- "$bin" code nul.jsonl

# --- binary files ---
head -c 20000 /dev/urandom >random.bin
check "random binary" 1 "random.bin: looks like binary data" -- "$bin" code random.bin
printf '%%PDF-1.7\n%%\xe2\xe3\xcf\xd3\n1 0 obj\n' >report.txt
check "pdf named .txt" 1 "report.txt: looks like a PDF document" -- "$bin" code report.txt
printf '\x1f\x8b\x08\x00\x00\x00\x00\x00' >news.jsonl
check "gzip jsonl" 1 "news.jsonl:1: malformed JSON" -- "$bin" code news.jsonl
head -c 1000000 "$bin" >khaldun-copy # the sanitizer build is over the 8 MB document limit
check "ELF" 1 "looks like an executable" -- "$bin" code --input txt khaldun-copy
printf '\xff\xfeT\x00h\x00e\x00' >utf16.txt
check "utf-16" 1 "UTF-16" -- "$bin" code utf16.txt

# --- JSON lines: one bad line among good ones ---
{
  echo '{"id":"d1","date":"2020-01-05","text":"The army said two soldiers died."}'
  echo '{"id":"d2","text":"Unclosed string}'
  echo '["not", "an", "object"]'
  echo '{"id":"d4","title":"no text"}'
  echo ''
  echo '{"id":"d6","date":"2020-13-45","text":"Talks resumed in Geneva."}'
  echo '{"id":7,"text":"Numeric ids are fine."}'
  echo '{"id":"d8","text":""}'
} >mixed.jsonl
check "mixed jsonl" 1 "mixed.jsonl:2: malformed JSON" -- "$bin" sentences --brief --stats mixed.jsonl
out_lines "mixed jsonl good docs" 3
grep -q 'mixed.jsonl:3: expected a JSON object' err || { echo "FAIL line 3 message"; fail=$((fail + 1)); }
grep -q 'mixed.jsonl:4: no "text" string' err || { echo "FAIL line 4 message"; fail=$((fail + 1)); }
grep -q 'mixed.jsonl:6: date "2020-13-45" is not YYYY-MM-DD' err || { echo "FAIL line 6 message"; fail=$((fail + 1)); }
grep -q 'mixed.jsonl:8: empty document' err || { echo "FAIL line 8 message"; fail=$((fail + 1)); }
grep -q '3 documents, 3 sentences, .* 4 skipped' err || { echo "FAIL mixed stats"; cat err; fail=$((fail + 1)); }
check "jsonl on stdin" 0 "" -- sh -c "echo '{\"id\":\"s\",\"text\":\"Hello there.\"}' | '$bin' sentences --brief -"
check "txt on stdin" 0 "1 document" -- sh -c "printf 'Plain text. Two sentences.' | '$bin' code --stats --input txt -"
printf '{"id":"crlf","text":"Windows line."}\r\n' >crlf.jsonl
check "crlf jsonl" 0 "" -- "$bin" code crlf.jsonl

# --- size limits and huge lines: refused, memory stays bounded ---
limit_mem() { if [ -z "${KH_SANITIZED:-}" ]; then ulimit -v 262144; fi; "$@"; }
head -c 210000000 /dev/zero | tr '\0' 'a' >huge.txt
check "200 MB txt refused" 1 "huge.txt: 210000000 bytes is over the document size limit" -- limit_mem "$bin" code huge.txt
{ echo '{"id":"a","text":"First document."}'; printf '{"id":"big","text":"'; head -c 210000000 /dev/zero | tr '\0' 'a'; echo '"}'; echo '{"id":"c","text":"Last document."}'; } >huge.jsonl
check "200 MB json line skipped" 1 "huge.jsonl:2: line longer than" -- limit_mem "$bin" sentences --brief huge.jsonl
out_lines "documents around the huge line" 2
check "200 MB on a pipe refused" 1 "<stdin>: over the document size limit" -- limit_mem sh -c "cat huge.txt | '$bin' code --input txt -"
rm -f huge.txt huge.jsonl
printf 'Short text that is over a tiny limit.' >small.txt
check "--max-doc-bytes" 1 "over the document size limit of 10 bytes" -- "$bin" code --max-doc-bytes 10 small.txt
head -c 3000000 /dev/zero | tr '\0' 'x' >oneword.txt
check "3 MB single token" 0 "1 document, 1 sentences, 1 tokens" -- "$bin" code --stats oneword.txt
yes 'word' | head -n 400000 | tr '\n' ' ' >longline.txt
check "400k-token line" 0 "400000 tokens" -- "$bin" code --stats longline.txt

# --- HTML ---
printf '<html><body><nav>Menu Home</nav><article><p>Rebels attacked the town on Sunday.</p><p>Two people died.</p></article><footer>&copy; 2026 Example</footer></body></html>' >page.html
check "html article" 0 "" -- "$bin" sentences --brief page.html
grep -q 'Menu' out && { echo "FAIL nav kept in html"; fail=$((fail + 1)); }
out_lines "html sentences" 2
printf '<html><body><script>var a=1;</script></body></html>' >noarticle.html
check "html without text" 1 "no text found" -- "$bin" code noarticle.html

# --- the sentence model: missing, corrupt, foreign ---
mkdir -p nodata baddata/models
check "no model: rules alone, with a warning" 0 "no sentence model in nodata/models; splitting by rules alone" -- \
  "$bin" code --data nodata good.txt
check "--rules-only: no warning about the sentence model" 0 "" -- "$bin" code --rules-only --data nodata good.txt
grep -q "sentence model" err && { echo "FAIL --rules-only warned about the sentence model"; fail=$((fail + 1)); }
printf 'KHALDUN\0garbage that is long enough to be a header............' >baddata/models/sbd.bin
check "corrupt model" 1 "baddata/models/sbd.bin: .*rebuild it with .make model." -- "$bin" code --data baddata good.txt
head -c 1000 /dev/urandom >baddata/models/sbd.bin
check "random bytes as model" 1 "not a khaldun model file" -- "$bin" sentences --data baddata good.txt
KHALDUN_DATA=nodata "$bin" code good.txt 2>err >/dev/null
grep -q "no sentence model in nodata" err || { echo "FAIL KHALDUN_DATA not used"; fail=$((fail + 1)); }

# --- the syntax models: truncated, foreign, from another version; odd sentences ---
mkdir -p syn/models
cp "$models"/*.bin syn/models/
echo "Rebels seized the town." >s.txt
check "parse with the committed models" 0 "" -- "$bin" parse --data syn --brief s.txt
grep -q 'Rebels/NOUN/nsubj>2' out || { echo "FAIL parse: no subject"; fail=$((fail + 1)); }
head -c 100000 "$models/parser.bin" >syn/models/parser.bin
check "truncated parser model" 1 "syn/models/parser.bin: truncated.*make model" -- "$bin" parse --data syn s.txt
cp "$models/sbd.bin" syn/models/parser.bin
check "a model of another kind" 1 'syn/models/parser.bin: a "sbd" model where a "parser" model was expected' -- \
  "$bin" parse --data syn s.txt
cp "$models/parser.bin" syn/models/parser.bin
printf '\007' | dd of=syn/models/tagger.bin bs=1 seek=8 conv=notrunc 2>/dev/null
check "a model from another version" 1 "syn/models/tagger.bin: model format version 7, this khaldun reads version" -- \
  "$bin" parse --data syn s.txt
head -c 5000 /dev/urandom >syn/models/tagger.bin
check "random bytes as tagger" 1 "syn/models/tagger.bin: not a khaldun model file" -- "$bin" parse --data syn s.txt
cp "$models/tagger.bin" syn/models/tagger.bin
printf '1\tCeasefire\t_\t_\t_\t_\t_\t_\t_\t_\n\n' >one.conllu
check "a one-word sentence" 0 "" -- "$bin" parse --data syn --input conllu one.conllu
grep -Eq '^1	Ceasefire	.*	0	root	' out || { echo "FAIL one word: not the root"; fail=$((fail + 1)); }
awk 'BEGIN { for (i = 1; i <= 2000; i++) printf "%d\tword%d\t_\t_\t_\t_\t_\t_\t_\t_\n", i, i % 7; print "" }' >long.conllu
check "a 2,000-word sentence" 0 "" -- "$bin" parse --data syn --input conllu long.conllu
[ "$(awk -F'\t' 'NF == 10 && $7 == 0' out | wc -l)" -eq 1 ] || { echo "FAIL 2,000 words: not one root"; fail=$((fail + 1)); }
[ "$(awk -F'\t' 'NF == 10 && $7 != "_"' out | wc -l)" -eq 2000 ] || { echo "FAIL 2,000 words: heads missing"; fail=$((fail + 1)); }
printf '1\tRebels\t_\t_\n\n1\tPolice\t_\t_\t_\t_\t_\t_\t_\t_\n2\tfled\t_\t_\t_\t_\t_\t_\t_\t_\n\n' >badcols.conllu
check "CoNLL-U with bad columns" 1 "badcols.conllu:1: 4 columns where 10 were expected" -- \
  "$bin" parse --data syn --input conllu badcols.conllu
grep -q 'fled' out || { echo "FAIL bad columns: the good sentence after it was lost"; fail=$((fail + 1)); }
printf '1\tA\t_\t_\t_\t_\t2\tdep\t_\t_\n2\tB\t_\t_\t_\t_\t1\tdep\t_\t_\n\n' >cycle.conllu
check "CoNLL-U with a cycle" 1 "cycle.conllu:.*cycle" -- "$bin" parse --data syn --input conllu cycle.conllu

# --- dictionaries: missing, binary, empty, huge lines, a corrupt cache ---
echo "Iraqi police arrested two men." >iq.txt
check "a missing dictionary" 1 "nowhere.dict: cannot open" -- "$bin" actors --dict nowhere.dict iq.txt
head -c 3000 /dev/urandom >random.dict
check "random bytes as a dictionary" 1 "random.dict:[0-9]+: (invalid UTF-8|a control character|expected)" -- \
  "$bin" actors --dict random.dict iq.txt
: >empty.dict
check "an empty dictionary: no actors, no error" 0 "" -- "$bin" actors --dict empty.dict iq.txt
[ -s out ] && { echo "FAIL empty dictionary found actors"; fail=$((fail + 1)); }
awk 'BEGIN { printf "Iraq"; for (i = 0; i < 70000; i++) printf " x"; print " => IRQ" }' >long.dict
check "a dictionary line of 140 kB" 1 "long.dict:1: a line longer than" -- "$bin" actors --dict long.dict iq.txt
head -c 2000 /dev/urandom >random.actors
check "random bytes as a TABARI file" 1 "random.actors:[0-9]+:" -- "$bin" actors --actors random.actors iq.txt
printf 'Iraqi | Iraqis => IRQ {demonym}\n[agents]\npolice => COP\n' >ok.dict
mkdir -p cache
KHALDUN_CACHE=cache "$bin" actors --brief --dict ok.dict iq.txt >out 2>err
grep -q 'Iraqi police -> IRQCOP' out || { echo "FAIL actors with a cache"; fail=$((fail + 1)); }
for f in cache/*.bin; do printf 'garbage' | dd of="$f" bs=1 seek=100 conv=notrunc 2>/dev/null; done
check "a corrupt cache is rebuilt silently" 0 "" -- env KHALDUN_CACHE=cache "$bin" actors --brief --dict ok.dict iq.txt
grep -q 'Iraqi police -> IRQCOP' out || { echo "FAIL actors after a corrupt cache"; fail=$((fail + 1)); }
[ -s err ] && { echo "FAIL corrupt cache reported"; fail=$((fail + 1)); }
check "an unwritable cache folder only costs time" 0 "" -- env KHALDUN_CACHE=/proc/nope "$bin" actors --brief --dict ok.dict iq.txt

# --- events on odd sentences: bounded work, sound output ---
python3 - <<'PY' >odd.jsonl
import json
docs = [
    "No verb here at all, just Iraq, Iran and the United States.",
    " and ".join(["Iraq", "Iran", "Syria", "Turkey", "Egypt"] * 100) + " attacked the base.",
    "He said that she said that they said that \"we said 'Iraq attacked Iran'\" in Baghdad.",
    " ".join(["Iraqi security forces attacked Iranian troops"] * 120) + ".",
    "Iraq " * 1500 + "attacked.",
]
for k, t in enumerate(docs):
    print(json.dumps({"id": "odd%d" % k, "date": "2020-01-27", "text": t}))
PY
check "events on odd sentences (no verb, 500 actors, nested quotes, every word a phrase)" 0 "" -- \
  timeout 60 "$bin" code --stats odd.jsonl
grep -q '"doc_id":"odd1"' out || { echo "FAIL 500 coordinated actors coded no event"; fail=$((fail + 1)); }
printf '[verbs]\nattack => 190\nattack => 195\nattack obj => 112\n' >contra.patterns
check "contradictory patterns: the first one, no crash" 0 "" -- "$bin" code --brief --patterns contra.patterns good.txt

# --- documents in parallel: the same output, in the same order ---
python3 - <<'PY' >many.jsonl
import json
for k in range(60):
    text = "Iraqi police arrested %d protesters in Baghdad. Iran condemned the arrests." % k
    if k % 17 == 5:
        print('{"id": "bad%d", "text": ' % k)  # a malformed line among the good ones
    else:
        print(json.dumps({"id": "d%d" % k, "date": "2020-01-27", "text": text}))
PY
"$bin" code --jobs 1 many.jsonl >one.out 2>one.err
"$bin" code --jobs 2 many.jsonl >two.out 2>two.err
if cmp -s one.out two.out && cmp -s one.err two.err && [ -s one.out ]; then pass=$((pass + 1)); else
  echo "FAIL --jobs 2 differs from --jobs 1"; fail=$((fail + 1)); fi
check "--jobs 0 is a usage error" 2 "" -- "$bin" code --jobs 0 many.jsonl

# --- validate: usage and missing or bad records files ---
check "validate without a suite" 2 "usage: khaldun validate" -- "$bin" validate
check "validate tabari without a project" 1 "Validate.project: cannot open" -- "$bin" validate tabari somewhere
# a small TABARI project of our own: paired codes, a negated verb (coded:
# TABARI's own negation is in its patterns), a
# pattern with words before the verb (read in order, as TABARI does), a
# noun as the verb of such a pattern ("raised its voice"), an actor ending
# in "=" (the whole word, not a stem), an agent of no actor (none, or
# "~REB" with SET: CONVERT AGENTS), DEFAULT: SOURCE without PRIOR (the
# source sought after the verb first), TABARI's verb endings ("departes":
# DEPART_, none on "BAN="), a verb tagged as a noun read as TABARI's verb
# unless THE, A or AN comes before it, a pattern's word after the verb
# without "_" a stem ("REVOLUTION": "revolutionary") and one with "_" that
# word only ("ACCORD_"), the longer pattern tried first, an agent whose
# code the actor has already (NGM, not NGMNGM), words joined by "_" before
# the verb with no word between ("SAID_WOULD *"), a code with a letter
# ("051A"), SET: CODE BY CLAUSE (the first verb with an event ends its clause),
# "%" after the verb (a compound whose actors act on each other),
# options-only records (not tests; MINIMUM WORDS and DEFAULT are emulated) and records
# after FINAL-01 (not read)
mkdir -p tabari-project
printf '<actorsfile> small.actors\n<agentsfile> small.agents\n<verbsfile> small.verbs\n<textfile> small.text\n' >tabari-project/Validate.project
printf 'REBEL_ [~REB]\nRIGHTS_ACTIVISTS_ [NGM~]\nENVOY_ [~GOV]\n' >tabari-project/small.agents
printf 'VALORIA [VAL]\nMERIDIA [MER] ; a comment\nORONIA [ORO]\nNORIA= [NOR]\nLIBERTY_LEAGUE [NGM]\nTHE_LOWLANDS [NLD/BEL]\nDUKE NORTH_MARCH [DNM]\nSHADOWLAND [---]\n' >tabari-project/small.actors
printf '<SYNSETS>\n&TALKS\n+TALKS\n+NEGOTIATIONS\n</SYNSETS>\nPRAISE [041]\nMEET [031:031]\nHOLD [---]\n- * &TALKS WITH [032]\nSUGGEST [100]\nSHOULD [101]\n- SUGGESTED * APPLY CONVENTIONS [152]\nVOICE [020]\n- LOUDLY RAISED ITS * [042]\nDEPART_ [032]\nPROTEST [130]\nBAN= [191]\nADOPT [081]\n- * REVOLUTION [083]\nSIGN [057]\n- PROMPT * [052]\n- * CHARTERS [053]\n- * NEW DEAL [054]\n- * ACCORD_ [056]\nGREET [051]\n- SAID_WOULD * [052]\n- SAID WOULD * [053]\n- * KINDLY [051A]\nTRADE [---]\n- * WITH %% [067]\nBOYCOTT [---]\n- ANTI- + * [111]\nHAILXE [---]\n- %% * [044:045]\nCHEER [050]\n- * AT ^ + [051]\nSHOOT [223]\n- + WAS * DEAD [224]\nCASUALTY COUNT CLIMBED [223]\nCELEBRATE [181]\n- * FEAST AT ^ WITH + [043]\nWARN [160]\n- $ ^ FOR * [164]\n' >tabari-project/small.verbs
cat >tabari-project/small.text <<'TXT'
##########
#
#    SIMPLE CASES
#
##########

200101  SMALL-01
Valoria praised Meridia on Monday in a statement from its capital.
/*\n[praise]
\n{ VAL / MER / 041 } */

200101  SMALL-01
Meridia praised Valoria on Monday in a statement from its capital.
/*\n[the same id again: its own record]
\n{ MER / VAL / 041 } */

200101  SMALL-02
Valoria met Meridia in the capital of the region on Monday.
/*\n[a paired code]
\n{ VAL / MER / 031 }
\n{ MER / VAL / 031 } */

200101  SMALL-03
Valoria did not praise Meridia in its statement on Monday.
/*\n[TABARI has no negation rule of its own: a pattern names NOT where it matters]
\n{ VAL / MER / 041 } */

200101  SMALL-04
Valoria held talks with Meridia in the capital on Monday.
/*\n{ VAL / MER / 032 } */

200101  SMALL-05
An options record.
/*\n{ OPTION: SET: CODE ALL } */

200101  SMALL-06
Valoria praised Meridia.
/*\n[fewer than eight words: TABARI codes nothing]
\n{---} */

200101  SMALL-07
Options.
/*\n{ OPTION: SET: MINIMUM WORDS = 3 } */

200101  SMALL-08
Valoria praised Meridia.
/*\n{ VAL / MER / 041 } */

200101  SMALL-10
Options.
/*\n{ OPTION: DEFAULT: SOURCE [DEF] PRIOR } */

200101  SMALL-11
Someone praised Meridia.
/*\n[no source found: the default]
\n{ DEF / MER / 041 } */

200101  SMALL-12
Valoria suggested Meridia should apply the old conventions in its dealings with Oronia, a spokesman said.
/*\n[words of the pattern read in order: the source before them, the target after them;
\n"suggested" is the pattern's, not an event of its own]
\n{ VAL / ORO / 152 } */

200101  SMALL-13
Valoria has recently loudly raised its voice for Meridia to win a greater role in the talks.
/*\n[a noun as the verb of a pattern naming the words before it]
\n{ VAL / MER / 042 } */

200101  SMALL-14
Valoria praised Noria on Monday in a statement from its capital.
/*\n["NORIA=": the whole word]
\n{ VAL / NOR / 041 } */

200101  SMALL-15
Valoria praised Norian officials on Monday in a statement from its capital.
/*\n["NORIA=": not a stem of "Norian"]
\n{---} */

200101  SMALL-16
Options.
/*\n{ OPTION: SET: CONVERT AGENTS = TRUE } */

200101  SMALL-17
Rebels praised Meridia on Monday in a statement from its capital.
/*\n[an agent of no actor converted; "REBEL_" takes the plural "S"]
\n{ ~REB / MER / 041 } */

200101  SMALL-18
Options.
/*\n{ OPTION: SET: CONVERT AGENTS = FALSE }
\n{ OPTION: DEFAULT: OFF } */

200101  SMALL-19
Rebels praised Meridia on Monday in a statement from its capital.
/*\n[an agent of no actor is none]
\n{---} */

200101  SMALL-20
Options.
/*\n{ OPTION: DEFAULT: SOURCE [DEF] TARGET [DFT] } */

200101  SMALL-21
Someone praised Meridia and Oronia on Monday in a statement.
/*\n[DEFAULT: SOURCE without PRIOR: the source sought after the verb first]
\n{ MER / ORO / 041 } */

200101  SMALL-22
Someone praised Meridia on Monday in a statement from its capital.
/*\n{ MER / DFT / 041 } */

200101  SMALL-23
Valoria departes from Meridia on Monday for talks in the capital.
/*\n[TABARI's regular verb ending "ES" on "DEPART_"] \n{ VAL / MER / 032 } */

200101  SMALL-24
Valoria is baning Meridia from the talks in the capital on Monday.
/*\n["BAN=": no ending] \n{---} */

200101  SMALL-25
Valoria protest over the treatment of Meridia in the capital on Monday.
/*\n[a verb the tagger takes for a noun is TABARI's verb without THE, A or AN before it] \n{ VAL / MER / 130 } */

200101  SMALL-26
Valoria saw a large protest over the treatment of Meridia in the capital on Monday.
/*\n[after "a": a noun] \n{---} */

200101  SMALL-27
Valoria will adopt a revolutionary charter with Meridia in the capital on Monday.
/*\n["REVOLUTION" after the verb is a stem: "revolutionary"] \n{ VAL / MER / 083 } */

200101  SMALL-28
Rights activists Liberty League praised Meridia on Monday in a statement.
/*\n[an agent's code already the actor's is not added again: NGM, not NGMNGM] \n{ NGM / MER / 041 } */

200101  SMALL-29
Valoria promptly signed with Meridia on Monday in the capital of the region.
/*\n[a word before the verb without "_" is a stem too: "promptly"] \n{ VAL / MER / 052 } */

200101  SMALL-30
Valoria will sign new charters on a deal with Meridia in the capital on Monday.
/*\n[the longer pattern first, as TABARI counts length: CHARTERS before NEW DEAL] \n{ VAL / MER / 053 } */

200101  SMALL-31
Valoria will sign two accords with Meridia in the capital on Monday.
/*\n["ACCORD_": that word only, not "accords"] \n{ VAL / MER / 057 } */

200101  SMALL-32
Valoria said it would greet Meridia in the capital on Monday.
/*\n["SAID_WOULD": no word between, so the other pattern] \n{ VAL / MER / 053 } */

200101  SMALL-33
Valoria said would greet Meridia in the capital on Monday.
/*\n{ VAL / MER / 052 } */

200101  SMALL-34
Valoria will greet Meridia kindly in the capital on Monday.
/*\n[a code with a letter, as TABARI writes it] \n{ VAL / MER / 051A } */

200101  SMALL-35
Options.
/*\n{ OPTION: SET: CODE BY CLAUSE } */

200101  SMALL-36
Valoria praised Meridia after it greeted Oronia in the capital on Monday.
/*\n[by clause: the first verb with an event ends the clause] \n{ VAL / MER / 041 } */

200101  SMALL-37
Valoria praised Meridia on Monday, and Oronia greeted Noria in the capital.
/*\n[two clauses] \n{ VAL / MER / 041 } \n{ ORO / NOR / 051 } */

200101  SMALL-38
Valoria traded grain with Meridia and Oronia in the capital on Monday.
/*\n["%" after the verb: the compound acts on itself] \n{ MER / ORO / 067 } \n{ ORO / MER / 067 } */

200101  SMALL-39
Valoria joined in an anti- Meridia boycott in the capital on Monday.
/*\n["ANTI- + *": a hyphen as "_", the target between the word and the verb, the source before them]
\n{ VAL / MER / 111 } */

200101  SMALL-40
Valoria praised an anti- Meridia boycott in the capital on Monday.
/*\n[a noun read as a verb codes nothing under a verb that has coded] \n{ VAL / MER / 041 } */

200101  SMALL-41
Valoria and Meridia hailxed the new charter in the capital on Monday.
/*\n["%": the compound is source and target, each way with both codes of the pair; "hailxed": HAILXE]
\n{ VAL / MER / 044 } \n{ MER / VAL / 045 } \n{ MER / VAL / 044 } \n{ VAL / MER / 045 } */

200101  SMALL-42
Valoria praised Meridia and Valoria on Monday in a statement.
/*\n[no actor acts on itself] \n{ VAL / MER / 041 } */

200101  SMALL-43
The envoys of Valoria, Meridia and Oronia praised Noria on Monday in the capital.
/*\n[the agent goes to the first of the actors only]
\n{ VALGOV / NOR / 041 } \n{ MER / NOR / 041 } \n{ ORO / NOR / 041 } */

200101  SMALL-44
Liberty League, the Lowlands and Oronia praised Meridia on Monday in the capital.
/*\n[a coded compound: an event for each of its codes; no country lent to an actor before it]
\n{ NGM / MER / 041 } \n{ NLD / MER / 041 } \n{ BEL / MER / 041 } \n{ ORO / MER / 041 } */

200101  SMALL-45
The Duke of North March praised Meridia on Monday in the capital.
/*\n["DUKE NORTH_MARCH": a space lets other words come between] \n{ DNM / MER / 041 } */

200101  SMALL-46
Valoria praised the talks with Shadowland in Meridia on Monday.
/*\n[an actor coded "---" is no actor] \n{ VAL / MER / 041 } */

200101  SMALL-47
Valoria cheered loudly at Meridia for Oronia in the capital on Monday.
/*\n["AT ^ +": the first actor after AT passed over] \n{ VAL / ORO / 051 } */

200101  SMALL-48
Valoria said on Monday that it should not renew the treaty with Oronia this year.
/*\n[an auxiliary among the verbs ("SHOULD") stands for its verb's clause] \n{ VAL / ORO / 101 } */

200101  SMALL-49
A soldier of Valoria was shot dead in Meridia on Monday near the border.
/*\n["+ WAS * DEAD" with no "$": the source the first actor after the verb] \n{ MER / VAL / 224 } */

200101  SMALL-50
Valoria's casualty count has climbed in the dispute with Meridia on Monday.
/*\n[no target in the verb's phrase: the first actor after the pattern's words, not the source's own noun]
\n{ VAL / MER / 223 } */

200101  SMALL-51
Valoria celebrated with Oronia the feast at Noria with Meridia after the harvest on Monday.
/*\n["AT ^ WITH +": the actor after AT passed over, the words after it read in order, not the verb's with]
\n{ VAL / MER / 043 } */

200101  SMALL-52
Valoria cheered loudly at Meridia and Noria for Oronia in the capital on Monday.
/*\n["AT ^ +": "^" passes over the actors coordinated with the one it passes] \n{ VAL / ORO / 051 } */

200101  SMALL-53
Valoria joined Noria for the Meridia warning on Monday in the capital.
/*\n["$ ^ FOR *": the source back from the actor passed over; the target between FOR and the verb]
\n{ VAL / MER / 164 } */

990101  FINAL-01
The end.

200101  SMALL-09
Valoria praised Meridia.
/*\n{ MER / VAL / 041 } */
TXT
# the same TABARI verbs (and a PETRARCH one) used by `khaldun code --verbs`
printf 'Valoria praised Meridia on Monday in a statement from its capital.\n' >praise.txt
check "code --verbs with a TABARI file" 0 "" -- "$bin" code --brief --actors tabari-project/small.actors --verbs tabari-project/small.verbs --input txt praise.txt
if grep -q "VAL -> Meridia=MER 041" "$tmp/out" || grep -q "=VAL -> Meridia=MER 041" "$tmp/out"; then pass=$((pass + 1)); else
  echo "FAIL code --verbs with a TABARI file:"; sed 's/^/  /' "$tmp/out"; fail=$((fail + 1)); fi
printf -- '--- PRAISE [041] ---\nPRAISE\n- * LOUDLY [042]\n\n--- TRIAL [991] ---\nTRY\n' >small-petrarch.verbs
check "code --verbs with a PETRARCH file drops codes CAMEO lacks" 0 "codes that are not CAMEO codes; dropped" -- "$bin" code --brief --actors tabari-project/small.actors --verbs small-petrarch.verbs --input txt praise.txt
if grep -q "=MER 041" "$tmp/out"; then pass=$((pass + 1)); else
  echo "FAIL code --verbs with a PETRARCH file:"; sed 's/^/  /' "$tmp/out"; fail=$((fail + 1)); fi
printf 'PRAISE [041]\n- UU VV WW XX YY ZZ * AA BB CC DD EE FF GG [042]\n' >long.verbs # 13 words around the verb: no pattern holds them
check "code --verbs with a pattern longer than a pattern may be" 0 "" -- \
  "$bin" code --brief --actors tabari-project/small.actors --verbs long.verbs --input txt praise.txt
if grep -q "=MER 041" "$tmp/out"; then pass=$((pass + 1)); else
  echo "FAIL code --verbs with a long pattern:"; sed 's/^/  /' "$tmp/out" "$tmp/err"; fail=$((fail + 1)); fi
check "code --verbs with a missing file" 1 "missing.verbs" -- "$bin" code --verbs missing.verbs --input txt praise.txt
printf 'PRAISE [041]\n\001\002\000binary\n' >binary.verbs
check "code --verbs with a binary file" 1 "binary.verbs:2: a control character" -- "$bin" code --verbs binary.verbs --input txt praise.txt
printf 'PRAISE [041] ; caf\351 noir\n- * LOUDLY [042]\n' >latin1.verbs
check "code --verbs with a Latin-1 file" 0 "latin1.verbs:1: not UTF-8 \\(1 byte in the file\\); read as Latin-1" -- \
  "$bin" code --brief --actors tabari-project/small.actors --verbs latin1.verbs --input txt praise.txt
if grep -q "=MER 041" "$tmp/out"; then pass=$((pass + 1)); else
  echo "FAIL code --verbs with a Latin-1 file:"; sed 's/^/  /' "$tmp/out"; fail=$((fail + 1)); fi
check "validate tabari on a small project" 0 "" -- "$bin" validate tabari tabari-project
if grep -q "^46 passed, 0 failed" "$tmp/out" && grep -q "SIMPLE CASES 46/46" "$tmp/out"; then pass=$((pass + 1)); else
  echo "FAIL validate tabari on a small project:"; sed 's/^/  /' "$tmp/out" | head -8; fail=$((fail + 1)); fi
# a small PETRARCH records file of our own: verbs written as past forms
# ("SAID": matched by its lemma), a "said" whose clause complement is not
# its target, <Config> require_dyad false letting one-actor events count,
# words joined by "_" in the text ("New_Meridia") read as a phrase, a
# <Parse> whose words differ from the <Text> (PETRARCH codes the parse),
# comma-delimited clauses removed by the comma_* settings but not a list of
# names, and "+ WAS * DEAD IN $" (the subject before the words, a place after)
mkdir -p petrarch-project
printf 'VALORIA_ [VAL]\nMERIDIA_ [MER]\nMERIDIAN_ [MER]\nNEW_MERIDIA_ [NME]\nORONIA_ [ORO]\n' >petrarch-project/small.actors
printf -- '--- SAID [023] ---\nSAID\n\n--- PRAISE [041] ---\nPRAISE\n\n--- SHOT [223] ---\nSHOT\n- + WAS * DEAD IN $ [224]\n' >petrarch-project/small.verbs
cat >petrarch-project/small.xml <<'XML'
<Validation>
<Environment><Verbfile>small.verbs</Verbfile><Actorfile>small.actors</Actorfile></Environment>
<Sentences>
<Sentence date="20010101" id="P-01" category="SMALL">
<EventCoding sourcecode="VAL" targetcode="MER" eventcode="041"></EventCoding>
<Text>Valoria praised Meridia warmly on Monday in the capital.</Text>
</Sentence>
<Sentence date="20010101" id="P-02" category="SMALL">
<Text>Meridia had praised the local harvest, Valoria said on Monday.</Text>
</Sentence>
<Sentence date="20010101" id="P-05" category="SMALL">
<EventCoding sourcecode="VAL" targetcode="NME" eventcode="041"></EventCoding>
<Text>Valoria praised New_Meridia warmly on Monday in the capital.</Text>
</Sentence>
<Sentence date="20010101" id="P-06" category="SMALL">
<EventCoding sourcecode="VAL" targetcode="MER" eventcode="041"></EventCoding>
<Text>Valoria ignored Meridia again on Monday in the capital.</Text>
<Parse>(ROOT (S (NP (NNP Valoria)) (VP (VBD praised) (NP (NNP Meridia)) (ADVP (RB again))
  (PP (IN on) (NP (NNP Monday))) (PP (IN in) (NP (DT the) (NN capital)))) (. .)))</Parse>
</Sentence>
<Sentence date="20010101" id="P-07" category="SMALL">
<EventCoding sourcecode="VAL" targetcode="MER" eventcode="041"></EventCoding>
<Text>Valoria praised Meridia warmly on Monday, Oronia praised Meridia too.</Text>
</Sentence>
<Sentence date="20010101" id="P-08" category="SMALL">
<EventCoding sourcecode="VAL" targetcode="MER" eventcode="041"></EventCoding>
<EventCoding sourcecode="VAL" targetcode="ORO" eventcode="041"></EventCoding>
<EventCoding sourcecode="VAL" targetcode="NME" eventcode="041"></EventCoding>
<Text>Valoria praised Meridia, Oronia and New_Meridia on Monday.</Text>
</Sentence>
<Sentence date="20010101" id="P-09" category="SMALL">
<EventCoding sourcecode="VAL" targetcode="MER" eventcode="224"></EventCoding>
<Text>A Meridian was shot dead in Valoria on Monday.</Text>
</Sentence>
<Config option="comma_emax" value="0"></Config>
<Sentence date="20010101" id="P-10" category="SMALL">
<EventCoding sourcecode="VAL" targetcode="MER" eventcode="041"></EventCoding>
<EventCoding sourcecode="ORO" targetcode="MER" eventcode="041"></EventCoding>
<Text>Valoria praised Meridia warmly on Monday, Oronia praised Meridia too.</Text>
</Sentence>
<Config option="require_dyad" value="False"></Config>
<Sentence date="20010101" id="P-03" category="SMALL">
<EventCoding sourcecode="VAL" targetcode="---" eventcode="023"></EventCoding>
<Text>Valoria said on Monday that the harvest was good this year.</Text>
</Sentence>
<Config option="require_dyad" value="true"></Config>
<Sentence date="20010101" id="P-04" category="SMALL">
<Text>Valoria said on Monday that the harvest was good this year.</Text>
</Sentence>
</Sentences>
</Validation>
XML
check "validate petrarch on a small records file" 0 "" -- "$bin" validate petrarch petrarch-project/small.xml
if grep -q "^10 passed, 0 failed" "$tmp/out" && grep -q "SMALL 10/10" "$tmp/out"; then pass=$((pass + 1)); else
  echo "FAIL validate petrarch on a small records file:"; sed 's/^/  /' "$tmp/out" | head -8; fail=$((fail + 1)); fi
check "validate a missing records file" 1 "missing.xml: not a readable XML records file" -- "$bin" validate petrarch missing.xml
printf '<Validation><Sentences></Sentences></Validation>' >empty-records.xml
check "validate records without an environment" 1 "names no Verbfile or Actorfile" -- "$bin" validate petrarch empty-records.xml

echo "cli tests: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
