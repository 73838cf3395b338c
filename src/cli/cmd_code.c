/*
 * cmd_code.c - `khaldun code`: the main job.  Reads documents, splits,
 * tags and parses every sentence, finds its actors and codes its events,
 * one JSON object per event (../shared/contract/README.md): doc_id,
 * sentence, source and target ({code, country, sector, text}), cameo,
 * plover, quad_class, goldstein, date, location, killed, wounded, and the
 * evidence (the sentence's text and span) with, to show why, the event's
 * head word and the pattern that coded it, and mentions: the same event
 * (same source and target codes, CAMEO code and date, told with the same
 * verb or noun) reported again in the document is output once, at its
 * first report, with the number of reports.  Places, resolved dates and
 * casualties come in a later version: until then location, killed and
 * wounded are null and date is the document's.
 *
 * The dictionaries are khaldun's own, or those named by --dict, --actors,
 * --agents and --discards; the patterns every *.txt of DATA/patterns, or
 * those named by --patterns, or TABARI or PETRARCH verb dictionaries named
 * by --verbs (converted by code/verbimport.h; patterns whose codes are not
 * CAMEO codes are dropped with a warning); the code table
 * DATA/cameo/codes.txt.
 */
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "code/cameo.h"
#include "code/event.h"
#include "code/verbimport.h"
#include "geo/geo.h"
#include "lex/dict.h"

/* An event of the document being coded, written but not yet output: the
 * same event reported twice in a document is output once, with the number
 * of its mentions. */
typedef struct pending {
    uint64_t key;       /* source and target codes, CAMEO code, date, head lemma (the place is added at the end) */
    size_t at, len;     /* its JSON text in coder.held, without the closing brace */
    size_t loc;         /* where its location goes in that text (after "date") */
    int32_t mention;    /* the place mention of its clause or sentence (geo_doc), or -1: the document's focus */
    uint32_t mentions;
} pending;

typedef struct coder {
    const char *patterns_opt, *verbs_opt;
    int brief;
    buf held;           /* the document's events */
    pending *ev;
    size_t nev, cap;
    pattern_set ps;
    cameo_table table;
    int loaded, failed, disabled; /* disabled: no code table, so no events (a warning, not an error) */
    unsigned long events;
    const char *gaz_opt;  /* --gazetteer */
    int stats;            /* --stats: say when there is no gazetteer */
    gaz g;
    int gaz_state;        /* 0: not opened yet, 1: open, 2: none (events get no location) */
    geo_doc gd;           /* the document's place mentions */
} coder;

/* A peer verbs file's format: PETRARCH's has "--- VERB [code] ---" blocks. */
static int petrarch_verbs(const char *text)
{
    for (const char *line = text; line;) {
        const char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        while (n && (line[n - 1] == ' ' || line[n - 1] == '\t' || line[n - 1] == '\r'))
            n--;
        if (n > 7 && memcmp(line, "--- ", 4) == 0 && memchr(line, '[', n) && memcmp(line + n - 3, "---", 3) == 0)
            return 1;
        line = nl ? nl + 1 : NULL;
    }
    return 0;
}

/* The --verbs files (comma-separated), converted to patterns. */
static int load_peer_verbs(coder *c, buf *err)
{
    int rc = 0;
    for (const char *p = c->verbs_opt; p && *p && rc == 0;) {
        const char *comma = strchr(p, ',');
        char *one = mem_strndup(p, comma ? (size_t)(comma - p) : strlen(p));
        size_t len;
        char *raw = one ? dict_read_file(one, (size_t)64 << 20, &len, err) : NULL;
        buf text = BUF_INIT;
        rc = raw && dict_check_text(one, raw, len, err) == 0 && (petrarch_verbs(raw) ? verbs_from_petrarch : verbs_from_tabari)(one, raw, len, &text, err) >= 0 &&
                     pattern_load_text(&c->ps, one, text.p ? text.p : "", text.len, err) >= 0
                 ? 0
                 : -1;
        buf_free(&text);
        mem_free(raw);
        mem_free(one);
        p = comma ? comma + 1 : NULL;
    }
    return rc;
}

/* Drops the patterns of --verbs files whose codes the table lacks (peer
 * dictionaries carry private codes such as "903"); says how many. */
static void drop_unknown_codes(coder *c, cli_io *io)
{
    uint32_t kept = 0;
    for (uint32_t k = 0; k < c->ps.n; k++) {
        const pattern *p = &c->ps.p[k];
        if (cameo_find(&c->table, p->code) && (!p->back[0] || cameo_find(&c->table, p->back)))
            c->ps.p[kept++] = *p;
    }
    if (kept < c->ps.n)
        fprintf(io->err, "khaldun: %u patterns of the --verbs files have codes that are not CAMEO codes; dropped\n",
                c->ps.n - kept);
    c->ps.n = kept;
    c->ps.sorted = 0;
    pattern_finish(&c->ps);
}

/* Loads the patterns and the code table of data_dir (or the --patterns
 * files); prints errors.  Returns 0 or -1. */
static int load_coding(coder *c, const char *data_dir, cli_io *io)
{
    buf err = BUF_INIT, path = BUF_INIT;
    int rc = pattern_init(&c->ps);
    char **names = NULL;
    int n = 0;
    if (rc == 0 && c->verbs_opt) {
        rc = load_peer_verbs(c, &err);
    } else if (rc == 0 && c->patterns_opt) {
        for (const char *p = c->patterns_opt; p && *p && rc == 0;) {
            const char *comma = strchr(p, ',');
            size_t len = comma ? (size_t)(comma - p) : strlen(p);
            char *one = mem_strndup(p, len);
            rc = one && pattern_load_file(&c->ps, one, &err) >= 0 ? 0 : -1;
            mem_free(one);
            p = comma ? comma + 1 : NULL;
        }
    } else if (rc == 0) {
        buf_printf(&path, "%s/patterns", data_dir);
        int got = lex_list_txt(path.p, &names, &n);
        if (got == 1)
            fprintf(io->err, "khaldun: no event patterns in %s; no event will be coded\n", path.p);
        rc = got < 0 ? -1 : 0;
        for (int k = 0; k < n && rc == 0; k++)
            rc = pattern_load_file(&c->ps, names[k], &err) >= 0 ? 0 : -1;
        lex_list_free(names, n);
    }
    pattern_finish(&c->ps);
    buf_clear(&path);
    buf_printf(&path, "%s/cameo/codes.txt", data_dir);
    if (rc == 0 && !path.failed && access(path.p, F_OK) != 0) {
        fprintf(io->err, "khaldun: no CAMEO code table %s; no event will be coded\n", path.p);
        c->disabled = 1;
    } else if (rc == 0 && cameo_load(&c->table, path.p, &err) != 0) {
        rc = -1;
    }
    if (rc == 0 && !c->disabled && c->verbs_opt)
        drop_unknown_codes(c, io);
    for (uint32_t k = 0; rc == 0 && !c->disabled && k < c->ps.n; k++)
        if (!cameo_find(&c->table, c->ps.p[k].code) || (c->ps.p[k].back[0] && !cameo_find(&c->table, c->ps.p[k].back))) {
            buf_printf(&err, "%s:%u: code %s%s%s is not in %s\n", c->ps.strings + c->ps.p[k].source, c->ps.p[k].line,
                       c->ps.p[k].code, c->ps.p[k].back[0] ? ":" : "", c->ps.p[k].back, path.p);
            rc = -1;
        }
    if (rc != 0)
        fprintf(io->err, "%skhaldun: the event patterns cannot be used\n", err.p ? err.p : "");
    buf_free(&err);
    buf_free(&path);
    return rc;
}

static void json_span(buf *b, const doc *d, uint32_t start, uint32_t end)
{
    size_t bs = doc_byte_at(d, start), be = doc_byte_at(d, end);
    json_str(b, d->text + bs, be - bs);
}

static void write_actor_field(buf *b, const char *key, const doc *d, const word *w, const actor *actors, int32_t a,
                              const char *code)
{
    json_key(b, key);
    if (a < 0) {
        buf_puts(b, "null");
        return;
    }
    const actor *x = &actors[a];
    int country = actor_is_country(code);
    buf_puts(b, "{");
    json_key(b, "code");
    json_cstr(b, code);
    buf_putc(b, ',');
    json_key(b, "country");
    if (country)
        json_str(b, code, 3);
    else
        buf_puts(b, "null");
    buf_putc(b, ',');
    json_key(b, "sector");
    json_cstr(b, country ? (code[3] ? code + 3 : NULL) : code);
    buf_putc(b, ',');
    json_key(b, "text");
    json_span(b, d, w[x->start].start, w[x->end - 1].end);
    buf_putc(b, ',');
    json_key(b, "span");
    buf_printf(b, "[%u,%u]", w[x->start].start, w[x->end - 1].end);
    buf_puts(b, "}");
}

static void write_event(buf *b, const coder *c, const doc *d, uint32_t si, const word *w, const actor *actors,
                        const event *e, size_t *loc)
{
    const cameo_code *cc = cameo_find(&c->table, e->code);
    const pattern *p = &c->ps.p[e->pattern];
    const sent *s = &d->sents[si];
    json_open_sentence(b, d, si);
    write_actor_field(b, "source", d, w, actors, e->source, e->source_code);
    buf_putc(b, ',');
    write_actor_field(b, "target", d, w, actors, e->target, e->target_code);
    buf_putc(b, ',');
    json_key(b, "cameo");
    json_cstr(b, e->code);
    buf_putc(b, ',');
    json_key(b, "plover");
    json_cstr(b, cc && strcmp(cc->plover, "-") != 0 ? cc->plover : NULL);
    buf_putc(b, ',');
    json_key(b, "quad_class");
    buf_printf(b, "%u,", cc ? cc->quad : 0);
    json_key(b, "goldstein");
    buf_printf(b, "%.1f,", cc ? cc->goldstein : 0.0);
    json_key(b, "date");
    if (d->date && strlen(d->date) >= 10)
        json_str(b, d->date, 10);
    else
        buf_puts(b, "null");
    buf_putc(b, ',');
    if (loc)
        *loc = b->len; /* the location goes here (flush_events) */
    else
        buf_puts(b, "\"location\":null,");
    buf_puts(b, "\"killed\":null,\"wounded\":null,");
    json_key(b, "evidence");
    buf_puts(b, "{");
    json_key(b, "text");
    json_span(b, d, s->start, s->end);
    buf_putc(b, ',');
    json_key(b, "span");
    buf_printf(b, "[%u,%u],", s->start, s->end);
    json_key(b, "head");
    json_span(b, d, w[e->head].start, w[e->head].end);
    buf_putc(b, ',');
    json_key(b, "pattern");
    buf_putc(b, '"');
    buf_printf(b, "%s:%u", c->ps.strings + p->source, p->line);
    buf_puts(b, "\"}");
}

static uint64_t mix_key(uint64_t key, const char *s)
{
    for (; s && *s; s++)
        key = (key ^ (unsigned char)*s) * 0x100000001b3ull;
    return (key ^ 0xFF) * 0x100000001b3ull;
}

/* Holds an event of the document; a second report of the same event
 * counts as a mention of the first.  Returns 0 or -1 (memory). */
static int hold_event(coder *c, const doc *d, uint32_t si, const word *w, const actor *actors, const event *e,
                      int32_t mention)
{
    uint64_t key = 0xcbf29ce484222325ull;
    key = mix_key(key, e->source >= 0 ? e->source_code : "-");
    key = mix_key(key, e->target >= 0 ? e->target_code : "-");
    key = mix_key(key, e->code);
    key = mix_key(key, d->date);
    key = mix_key(key, w[e->head].lemma ? w[e->head].lemma : w[e->head].form); /* told with the same word */
    if (c->nev == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        pending *bigger = mem_realloc(c->ev, cap * sizeof *bigger);
        if (!bigger)
            return -1;
        c->ev = bigger;
        c->cap = cap;
    }
    size_t at = c->held.len, loc = 0;
    write_event(&c->held, c, d, si, w, actors, e, &loc);
    c->ev[c->nev++] = (pending){key, at, c->held.len - at, loc, mention, 1};
    return c->held.failed ? -1 : 0;
}

/* The event's place: its own mention's, else the document's focus; -1. */
static int32_t event_place(const coder *c, const pending *p, int32_t focus)
{
    if (c->gaz_state != 1)
        return -1;
    int32_t m = p->mention >= 0 ? p->mention : focus;
    return m >= 0 && (uint32_t)m < c->gd.n ? c->gd.m[m].place : -1;
}

static void write_location(buf *b, const coder *c, int32_t place)
{
    json_key(b, "location");
    if (place < 0) {
        buf_puts(b, "null,");
        return;
    }
    buf_putc(b, '{');
    geo_write_place(b, &c->g, place);
    buf_putc(b, ',');
    json_key(b, "precision");
    json_cstr(b, geo_precision(&c->g.places[place]));
    buf_puts(b, "},");
}

/* Outputs the document's events, each once with its mentions: the same
 * event at the same place reported again is a mention of the first. */
static int flush_events(doc_loop *L, const doc *d, void *ctx)
{
    coder *c = ctx;
    (void)d;
    int32_t focus = -1;
    if (c->gaz_state == 1) {
        geo_resolve(&c->g, &c->gd);
        focus = geo_focus(&c->g, &c->gd);
    }
    for (size_t k = 0; k < c->nev; k++) {
        int32_t place = event_place(c, &c->ev[k], focus);
        char id[16];
        snprintf(id, sizeof id, "%d", place);
        c->ev[k].key = mix_key(c->ev[k].key, id);
        for (size_t j = 0; j < k; j++)
            if (c->ev[j].mentions && c->ev[j].key == c->ev[k].key) {
                c->ev[j].mentions += c->ev[k].mentions;
                c->ev[k].mentions = 0; /* told before */
                break;
            }
    }
    for (size_t k = 0; k < c->nev; k++) {
        const pending *p = &c->ev[k];
        if (!p->mentions)
            continue;
        buf_append(&L->out, c->held.p + p->at, p->loc - p->at);
        write_location(&L->out, c, event_place(c, p, focus));
        buf_append(&L->out, c->held.p + p->loc, p->at + p->len - p->loc);
        buf_printf(&L->out, ",\"mentions\":%u}\n", p->mentions);
    }
    c->nev = 0;
    buf_clear(&c->held);
    geo_doc_reset(&c->gd);
    return c->gd.oom ? -1 : 0;
}

/* "SOURCE -> TARGET CODE PLOVER (head)" with actors as "text=CODE". */
static void write_brief_event(buf *b, const coder *c, const doc *d, const word *w, const actor *actors, const event *e)
{
    const cameo_code *cc = cameo_find(&c->table, e->code);
    for (int side = 0; side < 2; side++) {
        int32_t a = side ? e->target : e->source;
        if (side)
            buf_puts(b, " -> ");
        if (a < 0) {
            buf_puts(b, "-");
            continue;
        }
        size_t bs = doc_byte_at(d, w[actors[a].start].start), be = doc_byte_at(d, w[actors[a].end - 1].end);
        buf_append(b, d->text + bs, be - bs);
        buf_printf(b, "=%s", side ? e->target_code : e->source_code);
    }
    size_t hs = doc_byte_at(d, w[e->head].start), he = doc_byte_at(d, w[e->head].end);
    buf_printf(b, " %s %s (", e->code, cc && strcmp(cc->plover, "-") != 0 ? cc->plover : "-");
    buf_append(b, d->text + hs, he - hs);
    buf_puts(b, ")\n");
}

/* The events of one sentence (an actors_run callback). */
static int code_sentence(doc_loop *L, const doc *d, uint32_t index, const word *w, const uint8_t *pos, uint32_t n,
                         const actor *actors, uint32_t nactors, arena *scratch, void *ctx)
{
    coder *c = ctx;
    khaldun *kh = L->kh;
    if (!c->loaded) {
        c->loaded = 1;
        c->failed = load_coding(c, kh->data_dir, L->io) != 0;
    }
    if (c->failed || c->disabled || !n || !kh->syn.has_parser)
        return 0;
    enum { MAX_SENTENCE_EVENTS = 1024 }; /* bounded memory whatever the sentence */
    uint32_t cap = n * 2 < MAX_SENTENCE_EVENTS ? n * 2 : MAX_SENTENCE_EVENTS;
    event *ev = arena_alloc(scratch, (size_t)cap * sizeof *ev);
    ev_sentence s;
    if (!ev || event_sentence(kh, &c->ps, w, pos, n, actors, nactors, 0, scratch, &s) != 0)
        return -1;
    w = s.w; /* the events point into the words they were found in */
    uint32_t ne = event_find(&c->ps, &s, ev, cap);
    ne = ne < cap ? ne : cap;
    c->events += ne;
    int boiler = !!(d->sents[index].flags & KH_SENT_BOILERPLATE);
    if (c->gaz_state == 0 && !c->brief) {
        int got = geo_open_for(&c->g, c->gaz_opt, kh->data_dir, 1, c->stats, L->io);
        c->gaz_state = got == 0 ? 1 : 2;
        if (got < 0)
            c->failed = 1; /* a gazetteer that is there but cannot be used is an error */
    }
    uint32_t m0 = c->gd.n;
    if (c->gaz_state == 1 && !boiler &&
        geo_sentence(&c->g, &((actors_run *)L->ud)->lx, index, s.w, s.pos, s.rel, n, s.actors, s.nactors, &c->gd) != 0)
        return -1;
    uint8_t *skip = c->gaz_state == 1 && ne ? arena_alloc(scratch, n) : NULL;
    for (uint32_t k = 0; k < ne && !boiler; k++) {
        int32_t mention = -1;
        if (skip) {
            memset(skip, 0, n);
            for (int side = 0; side < 2; side++) {
                int32_t a = side ? ev[k].target : ev[k].source;
                for (uint32_t i = a >= 0 ? s.actors[a].start : 0; a >= 0 && i < s.actors[a].end && i < n; i++)
                    skip[i] = 1;
            }
            mention = geo_event_mention(&c->gd, m0, c->gd.n, s.w, s.rel, n, ev[k].head, skip);
        }
        if (c->brief)
            write_brief_event(&L->out, c, d, w, actors, &ev[k]);
        else if (hold_event(c, d, index, w, actors, &ev[k], mention) != 0)
            return -1;
    }
    return 0;
}

/* A worker's own copy of the coding state: the same options, its own
 * dictionaries, patterns and counts (loaded with its first document). */
typedef struct code_run {
    actors_run r;
    coder c;
} code_run;

static void *clone_run(void *ud)
{
    const actors_run *r = ud;
    const coder *c = r->ctx;
    code_run *k = mem_calloc(1, sizeof *k);
    if (!k)
        return NULL;
    k->r.dict = r->dict;
    k->r.on_sentence = r->on_sentence;
    k->r.on_document_end = r->on_document_end;
    k->r.ctx = &k->c;
    k->c.patterns_opt = c->patterns_opt;
    k->c.verbs_opt = c->verbs_opt;
    k->c.brief = c->brief;
    k->c.gaz_opt = c->gaz_opt;
    k->c.stats = c->stats;
    return &k->r;
}

static void free_coder(coder *c)
{
    if (c->loaded) {
        pattern_free(&c->ps);
        cameo_free(&c->table);
    }
    buf_free(&c->held);
    mem_free(c->ev);
    if (c->gaz_state == 1)
        gaz_close(&c->g);
    c->gaz_state = 0;
    geo_doc_free(&c->gd);
}

static void merge_run(void *ud, void *clone)
{
    actors_run *r = ud, *w = clone;
    coder *c = r->ctx, *wc = w->ctx;
    r->mentions += w->mentions;
    r->failed |= w->failed;
    c->events += wc->events;
    c->failed |= wc->failed;
    actors_done(w);
    free_coder(wc);
    mem_free(w); /* the code_run: r is its first member */
}

int cmd_code(int argc, char **argv, cli_io *io)
{
    doc_loop L = {0};
    actors_run r;
    coder c;
    memset(&r, 0, sizeof r);
    memset(&c, 0, sizeof c);
    const char *db = NULL;
    opt_spec specs[] = {DOC_LOOP_OPTIONS(L), DICT_OPTIONS(r.dict),
                        {"patterns", OPT_STRING, &c.patterns_opt, "event pattern files instead of DATA/patterns (comma-separated)"},
                        {"verbs", OPT_STRING, &c.verbs_opt, "TABARI or PETRARCH verb dictionaries instead of the patterns (comma-separated)"},
                        {"brief", OPT_FLAG, &c.brief, "one line per event: SOURCE -> TARGET CODE PLOVER (head word)"},
                        {"gazetteer", OPT_STRING, &c.gaz_opt, "the gazetteer file (default: $KHALDUN_GAZETTEER or DATA/gazetteer.bin)"},
                        {"jobs", OPT_SIZE, &L.jobs, "code documents on this many threads, output in input order (default 1)"},
                        {"db", OPT_STRING, &db, "write events into this SQLite database (not yet available)"},
                        {NULL, OPT_FLAG, NULL, NULL}};
    char **pos = mem_calloc((size_t)argc + 1, sizeof *pos);
    int npos = 0;
    int rc = opts_parse(argc, argv, specs, "khaldun code [options] [FILE|-]...", pos, &npos, io);
    if (rc == 0 && db) {
        fprintf(io->err, "khaldun code: --db is not available yet in this version\n");
        rc = 2;
    }
    if (rc == 0) {
        L.io = io;
        L.on_doc = actors_scan;
        L.ud = &r;
        r.on_sentence = code_sentence;
        r.on_document_end = flush_events;
        r.ctx = &c;
        L.ud_clone = clone_run;
        L.ud_merge = merge_run;
        c.stats = L.stats;
        rc = doc_loop_run(&L, pos, npos);
        if (r.failed || c.failed)
            rc = 1;
        else if (L.stats)
            fprintf(io->err, "khaldun: %lu actor mentions, %lu events\n", r.mentions, c.events);
    } else if (rc == 1) {
        rc = 0;
    }
    actors_done(&r);
    free_coder(&c);
    mem_free(pos);
    return rc;
}
