/*
 * cmd_code.c - `khaldun code`: the main job.  Reads documents, splits,
 * tags and parses every sentence, finds its actors and codes its events,
 * one JSON object per event (../shared/contract/README.md): doc_id,
 * sentence, source and target ({code, country, sector, text}), cameo,
 * plover, quad_class, goldstein, date, location, killed, wounded, and the
 * evidence (the sentence's text and span) with, to show why, the event's
 * head word and the pattern that coded it, and mentions: the same event
 * (same source and target codes, CAMEO code, resolved date and place,
 * told with the same verb or noun) reported again in the document is
 * output once, at its first report, with the number of reports.
 *
 * Every event of a document is held (struct pending) until the document
 * ends, because two of its fields are only known then: its location and
 * its casualty counts.  The held JSON text runs up to "time" and then on
 * from the evidence; flush_events writes location, killed, wounded (and
 * casualty_note) into the gap, in the contract's order.
 *
 * - Dates: resolved from the temporal expression of the event's clause
 *   (time/attach.h), else the document's, with date_precision and time,
 *   and the expression's text in the evidence as date_text; written when
 *   the event is held.
 * - Places: the place mention of the event's clause or sentence
 *   (geo/geo.h), else the document's focus, known once the document's
 *   places are resolved at its end.
 * - Casualties: killed and wounded are read by code/casualty.h in the
 *   sentences with violent or material events and in the two sentences
 *   after one, whose counts may report it.
 *
 * --brief holds each event as its line, "SOURCE -> TARGET CODE PLOVER
 * (head)" with the date the text gives, its casualties written last, one
 * line per report (no mentions, no gazetteer read).
 *
 * The dictionaries are khaldun's own, or those named by --dict, --actors,
 * --agents and --discards; the patterns every *.txt of DATA/patterns, or
 * those named by --patterns, or TABARI or PETRARCH verb dictionaries named
 * by --verbs (converted by code/verbimport.h; patterns whose codes are not
 * CAMEO codes are dropped with a warning); the code table
 * DATA/cameo/codes.txt.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli/cli.h"
#include "code/cameo.h"
#include "code/casualty.h"
#include "code/event.h"
#include "code/verbimport.h"
#include "geo/geo.h"
#include "lex/dict.h"
#include "store/db.h"
#include "store/ingest.h"
#include "time/attach.h"
#include "time/calendar.h"

/* An event of the document being coded, written but not yet output: the
 * same event reported twice in a document is output once, with the number
 * of its mentions. */
typedef struct pending {
    uint64_t key;       /* source and target codes, CAMEO code, resolved date, head lemma (the place is added at the end) */
    size_t at, len;     /* its JSON text in coder.held, without the closing brace (--brief: its line, without "\n") */
    size_t mid;         /* where its location and casualty counts go in that text (bytes from at) */
    int32_t mention;    /* the place mention of its clause or sentence (geo_doc), or -1: the document's focus */
    uint32_t mentions;  /* its reports; 0: a later report of an earlier event (flush_events) */
    cas_pair cas;       /* killed and wounded */
    uint32_t sent;      /* the sentence of this report */
    uint32_t depth;     /* its head's depth in that sentence's tree */
    uint8_t level;      /* cas_level of its code */
} pending;

typedef struct coder {
    const char *patterns_opt, *verbs_opt;
    const char *data_dir; /* the data folder the patterns came from (pattern references are relative to it) */
    int brief;
    int to_db;          /* --db: each document's events follow a header line (store/ingest.h) */
    buf held;           /* the document's events */
    pending *ev;
    size_t nev, cap;
    pattern_set ps;
    cameo_table table;
    int loaded, failed, disabled; /* disabled: no code table, so no events (a warning, not an error) */
    unsigned long events;
    uint32_t last_violent; /* 1 + the last sentence of the document with a violent or material event (cas_level), or 0 */
    date_doc dates;     /* the document's dates so far */
    int dates_started;  /* dates holds the current document */
    const char *gaz_opt;  /* --gazetteer */
    int stats;            /* --stats: say when there is no gazetteer */
    gaz g;
    int gaz_state;        /* 0: not opened yet, 1: open, 2: none (events get no location) */
    geo_doc gd;           /* the document's place mentions */
} coder;

/* What write_event needs to say when an event happened. */
typedef struct event_when {
    const event_date *ed;
    const date_expr *x; /* the sentence's expressions */
} event_when;

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
static int load_peer_verbs(coder *c, buf *warn, buf *err)
{
    int rc = 0;
    for (const char *p = c->verbs_opt; p && *p && rc == 0;) {
        const char *comma = strchr(p, ',');
        char *one = mem_strndup(p, comma ? (size_t)(comma - p) : strlen(p));
        size_t len;
        char *raw = one ? dict_read_legacy(one, (size_t)64 << 20, &len, warn, err) : NULL;
        buf text = BUF_INIT;
        rc = raw && (petrarch_verbs(raw) ? verbs_from_petrarch : verbs_from_tabari)(one, raw, len, &text, err) >= 0 &&
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
    c->data_dir = data_dir;
    buf err = BUF_INIT, path = BUF_INIT;
    int rc = pattern_init(&c->ps);
    char **names = NULL;
    int n = 0;
    if (rc == 0 && c->verbs_opt) {
        buf warn = BUF_INIT;
        rc = load_peer_verbs(c, &warn, &err);
        if (warn.p)
            fprintf(io->err, "khaldun: %s", warn.p);
        buf_free(&warn);
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

/* The event's date as "YYYY-MM-DD" into out ("" when it has none). */
static void when_date(const event_when *when, char out[11])
{
    out[0] = '\0';
    if (when->ed->has_date)
        date_format(when->ed->v.day, out);
}

/* The time of day of the event into out ("" when the text gives none). */
static void when_time(const event_when *when, char out[16])
{
    out[0] = '\0';
    if (when->ed->time_expr >= 0)
        date_time_text(&when->x[when->ed->time_expr], out);
}

/* The event's fields up to its location (which, with its casualty
 * counts, flush_events writes). */
static void write_event(buf *b, const coder *c, const doc *d, uint32_t si, const word *w, const actor *actors,
                        const event *e, const event_when *when)
{
    const cameo_code *cc = cameo_find(&c->table, e->code);
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
    char day[11], tod[16];
    when_date(when, day);
    when_time(when, tod);
    json_key(b, "date");
    json_cstr(b, day[0] ? day : NULL);
    buf_putc(b, ',');
    json_key(b, "date_precision");
    json_cstr(b, when->ed->from_text ? date_precision_name(when->ed->v.precision) : NULL);
    buf_putc(b, ',');
    json_key(b, "time");
    json_cstr(b, tod[0] ? tod : NULL);
    buf_putc(b, ',');
}

/* The pattern as "FILE:LINE", a JSON string: a file of the data folder
 * named from it ("patterns/verbs-15-20.txt:641"), so that the output does
 * not depend on where khaldun is installed; another file as given. */
static void write_pattern_ref(buf *b, const char *file, uint32_t line, const char *data_dir)
{
    size_t n = data_dir ? strlen(data_dir) : 0;
    if (n && strncmp(file, data_dir, n) == 0 && file[n] == '/')
        file += n + 1;
    json_cstr(b, file);
    if (!b->failed && b->len) /* the line number inside the string's closing quote */
        b->len--;
    buf_printf(b, ":%u\"", line);
}

/* The event's fields after its casualty counts. */
static void write_evidence(buf *b, const coder *c, const doc *d, uint32_t si, const word *w, const event *e,
                           const event_when *when)
{
    const pattern *p = &c->ps.p[e->pattern];
    const sent *s = &d->sents[si];
    buf_putc(b, ',');
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
    write_pattern_ref(b, c->ps.strings + p->source, p->line, c->data_dir);
    int32_t k = when->ed->from_text ? when->ed->expr : when->ed->time_expr;
    if (k >= 0) {
        const date_expr *x = &when->x[k];
        buf_putc(b, ',');
        json_key(b, "date_text");
        json_span(b, d, w[x->start].start, w[x->end - 1].end);
    }
    buf_puts(b, "}");
}

static uint64_t mix_key(uint64_t key, const char *s)
{
    for (; s && *s; s++)
        key = (key ^ (unsigned char)*s) * 0x100000001b3ull;
    return (key ^ 0xFF) * 0x100000001b3ull;
}

/* "SOURCE -> TARGET CODE PLOVER (head)" with actors as "text=CODE", and
 * " @DATE[/PRECISION] [TIME]" when the text gives the date or time (the
 * casualties follow at flush_events). */
static void write_brief_event(buf *b, const coder *c, const doc *d, const word *w, const actor *actors, const event *e,
                              const event_when *when)
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
    buf_puts(b, ")");
    char day[11], tod[16];
    when_date(when, day);
    when_time(when, tod);
    if (when->ed->from_text)
        buf_printf(b, " @%s%s%s", day, when->ed->v.precision ? "/" : "",
                   when->ed->v.precision ? date_precision_name(when->ed->v.precision) : "");
    if (tod[0])
        buf_printf(b, "%s%s", when->ed->from_text ? " " : " @", tod);
}

/* The depth of word i in its sentence's tree (bounded). */
static uint32_t depth_of(const word *w, uint32_t n, uint32_t i)
{
    uint32_t depth = 0;
    for (int32_t h = w[i].head; h >= 0 && (uint32_t)h < n && depth < 64; h = w[h].head)
        depth++;
    return depth;
}

/* Holds an event of the document with its casualties cas, its date when
 * and its place mention (or -1).  Every report is held: a second report
 * of the same event becomes a mention of the first at flush_events, once
 * the places are known.  --brief holds every event as its line.  Returns
 * 0 or -1 (memory). */
static int hold_event(coder *c, const doc *d, uint32_t si, const ev_sentence *s, const event *e, const cas_pair *cas,
                      const event_when *when, int32_t mention)
{
    const word *w = s->w;
    uint64_t key = 0xcbf29ce484222325ull;
    char day[11];
    when_date(when, day);
    key = mix_key(key, e->source >= 0 ? e->source_code : "-");
    key = mix_key(key, e->target >= 0 ? e->target_code : "-");
    key = mix_key(key, e->code);
    key = mix_key(key, day); /* the resolved date: the same words on two days are two events */
    key = mix_key(key, date_precision_name(when->ed->v.precision)); /* the publication date is a day */
    key = mix_key(key, w[e->head].lemma ? w[e->head].lemma : w[e->head].form); /* told with the same word */
    uint8_t level = (uint8_t)cas_level(e->code);
    uint32_t depth = depth_of(w, s->n, e->head);
    if (c->nev == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        pending *bigger = mem_realloc(c->ev, cap * sizeof *bigger);
        if (!bigger)
            return -1;
        c->ev = bigger;
        c->cap = cap;
    }
    size_t at = c->held.len, mid;
    if (c->brief) {
        write_brief_event(&c->held, c, d, w, s->actors, e, when);
        mid = c->held.len - at;
    } else {
        write_event(&c->held, c, d, si, w, s->actors, e, when);
        mid = c->held.len - at;
        write_evidence(&c->held, c, d, si, w, e, when);
    }
    c->ev[c->nev++] = (pending){key, at, c->held.len - at, mid, mention, 1, *cas, si, depth, level};
    return c->held.failed ? -1 : 0;
}

/* The last place the sentence before sent locates something at ("...
 * gathered outside the council in Basra. Police fired tear gas ..."), as
 * a mention, or -1: a place after a locative preposition, resolved, and
 * neither an actor (metonym), a word of a name nor a person's name. */
static int32_t previous_place(const coder *c, uint32_t si)
{
    for (uint32_t k = c->gd.n; si > 0 && k-- > 0;) {
        const geo_mention *m = &c->gd.m[k];
        if (m->sent < si - 1)
            break;
        if (m->sent == si - 1 && m->place >= 0 && m->locative && !m->metonym && !m->in_name && !m->person)
            return (int32_t)k;
    }
    return -1;
}

/* The event's place: its own mention's, else the place the sentence
 * before located something at, else the document's focus; -1. */
static int32_t event_place(const coder *c, const pending *p, int32_t focus)
{
    if (c->gaz_state != 1)
        return -1;
    int32_t m = p->mention >= 0 ? p->mention : previous_place(c, p->sent);
    if (m < 0)
        m = focus;
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
    uint32_t region = geo_region(&c->g, &c->g.places[place]);
    if (region) { /* its first-level region's name, when the gazetteer knows it */
        buf_putc(b, ',');
        json_key(b, "admin1");
        json_cstr(b, gaz_str(&c->g, c->g.places[region - 1].name));
    }
    buf_puts(b, "},");
}

/* --db: the line that starts a document's output (store/ingest.h), with
 * the hash of its date, title and text (FNV-1a, 64 bits). */
static void write_doc_header(buf *b, const doc *d)
{
    uint64_t h = 0xcbf29ce484222325ull;
    const char *parts[3] = {d->date ? d->date : "", d->title ? d->title : "", d->text ? d->text : ""};
    size_t lens[3] = {strlen(parts[0]), strlen(parts[1]), d->text ? d->text_len : 0};
    for (int k = 0; k < 3; k++) {
        for (size_t i = 0; i < lens[k]; i++)
            h = (h ^ (uint8_t)parts[k][i]) * 0x100000001b3ull;
        h = (h ^ 0xff) * 0x100000001b3ull; /* a separator no UTF-8 text holds */
    }
    buf_puts(b, "{\"kh_doc\":{");
    json_key(b, "id");
    json_cstr(b, d->id);
    const char *keys[4] = {"date", "title", "source", "url"};
    const char *vals[4] = {d->date, d->title, d->source, d->url};
    for (int k = 0; k < 4; k++) {
        buf_putc(b, ',');
        json_key(b, keys[k]);
        json_cstr(b, vals[k]);
    }
    buf_printf(b, ",\"hash\":\"%016llx\",\"sentences\":%u}}\n", (unsigned long long)h, d->nsents);
}

/* Outputs the document's events, each once with its mentions: the same
 * event (pending.key) at the same place reported again is a mention of
 * the first, and gives it the casualty counts it lacked. */
static int flush_events(doc_loop *L, const doc *d, void *ctx)
{
    coder *c = ctx;
    int32_t focus = -1;
    if (c->to_db)
        write_doc_header(&L->out, d);
    if (c->gaz_state == 1) {
        geo_resolve(&c->g, &c->gd);
        focus = geo_focus(&c->g, &c->gd);
    }
    for (size_t k = 0; k < c->nev && !c->brief; k++) {
        int32_t place = event_place(c, &c->ev[k], focus);
        char id[16];
        snprintf(id, sizeof id, "%d", place);
        c->ev[k].key = mix_key(c->ev[k].key, id);
        for (size_t j = 0; j < k; j++)
            if (c->ev[j].mentions && c->ev[j].key == c->ev[k].key) {
                c->ev[j].mentions += c->ev[k].mentions;
                cas_fill(&c->ev[j].cas, &c->ev[k].cas);
                c->ev[k].mentions = 0; /* told before */
                break;
            }
    }
    for (size_t k = 0; k < c->nev; k++) {
        const pending *p = &c->ev[k];
        if (!p->mentions)
            continue;
        buf_append(&L->out, c->held.p + p->at, p->mid);
        if (c->brief) {
            cas_write_brief(&L->out, &p->cas);
            buf_putc(&L->out, '\n');
            continue;
        }
        write_location(&L->out, c, event_place(c, p, focus));
        cas_write_json(&L->out, &p->cas);
        buf_append(&L->out, c->held.p + p->at + p->mid, p->len - p->mid);
        buf_printf(&L->out, ",\"mentions\":%u}\n", p->mentions);
    }
    c->nev = 0;
    c->last_violent = 0;
    buf_clear(&c->held);
    c->dates_started = 0;
    geo_doc_reset(&c->gd);
    return c->gd.oom ? -1 : 0;
}

/* Counts of sentence si that report the attack of an earlier sentence
 * (cas_attach's rest): to the events of the last sentence that had
 * violent or material ones, if it is at most two sentences before, those
 * of the highest cas_level there with the shallowest head in its tree;
 * counts they have stay. */
static void give_back(coder *c, uint32_t si, const cas_pair *rest)
{
    if (!c->last_violent || si + 1 - c->last_violent > 2 || (!rest->c[0].said && !rest->c[1].said))
        return;
    uint32_t at = c->last_violent - 1, top = UINT32_MAX;
    uint8_t level = 0;
    for (size_t k = 0; k < c->nev; k++)
        if (c->ev[k].sent == at && c->ev[k].level > level)
            level = c->ev[k].level;
    for (size_t k = 0; k < c->nev; k++)
        if (c->ev[k].sent == at && c->ev[k].level == level && c->ev[k].depth < top)
            top = c->ev[k].depth;
    for (size_t k = 0; level && k < c->nev; k++)
        if (c->ev[k].sent == at && c->ev[k].level == level && c->ev[k].depth == top)
            cas_fill(&c->ev[k].cas, rest);
}

/* Dates the ne events of sentence `index` of the document (time/attach.h)
 * into *when. */
static int date_sentence_events(coder *c, const doc *d, uint32_t index, const ev_sentence *s, const event *ev,
                                uint32_t ne, arena *scratch, event_date **when, date_expr **xs)
{
    enum { MAX_EXPRESSIONS = 32 }; /* bounded work whatever the sentence */
    if (!c->dates_started) {
        date_doc_start(&c->dates, d->date);
        c->dates_started = 1;
    }
    *xs = arena_alloc(scratch, MAX_EXPRESSIONS * sizeof **xs);
    *when = arena_alloc(scratch, (size_t)ne * sizeof **when);
    uint32_t *heads = arena_alloc(scratch, (size_t)ne * sizeof *heads);
    if (!*xs || !*when || !heads)
        return -1;
    date_sentence ds = {s->w, s->rel, s->n, *xs, date_find(s->w, s->n, scratch, *xs, MAX_EXPRESSIONS), index};
    for (uint32_t k = 0; k < ne; k++)
        heads[k] = ev[k].head;
    date_events(&c->dates, &ds, heads, ne, *when);
    return 0;
}

/* A preposition that places what follows it ("police in Baghdad"). */
static int locative(const char *form)
{
    static const char *const PREPS[] = {"in", "near", "at", "outside", "around", "inside"};
    for (size_t k = 0; form && k < sizeof PREPS / sizeof PREPS[0]; k++)
        if (strcasecmp(form, PREPS[k]) == 0)
            return 1;
    return 0;
}

/* The place mention of event e among the sentence's (from m0), not one of
 * its actors' words before a locative preposition (skip: n bytes of scratch), or -1 (no gazetteer, or
 * none: the document's focus). */
static int32_t event_mention(coder *c, const ev_sentence *s, uint32_t n, const event *e, uint32_t m0, uint8_t *skip)
{
    if (!skip)
        return -1;
    memset(skip, 0, n);
    for (int side = 0; side < 2; side++) {
        int32_t a = side ? e->target : e->source;
        int located = 0; /* past "in", "near" ... inside the actor's words: "militants in northern Iraq" */
        for (uint32_t i = a >= 0 ? s->actors[a].start : 0; a >= 0 && i < s->actors[a].end && i < n; i++) {
            skip[i] = !located;
            located |= locative(s->w[i].form);
        }
    }
    return geo_event_mention(&c->gd, m0, c->gd.n, s->w, s->rel, n, e->head, skip);
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
    uint32_t ne = event_find(&c->ps, &s, ev, cap);
    ne = ne < cap ? ne : cap;
    c->events += ne;
    if (c->gaz_state == 0 && !c->brief) {
        int got = geo_open_for(&c->g, c->gaz_opt, kh->data_dir, 1, c->stats, L->io);
        c->gaz_state = got == 0 ? 1 : 2;
        if (got < 0)
            c->failed = 1; /* a gazetteer that is there but cannot be used is an error */
    }
    if (d->sents[index].flags & KH_SENT_BOILERPLATE)
        return 0;
    /* places: every sentence's, for the document's focus */
    uint32_t m0 = c->gd.n;
    if (c->gaz_state == 1 &&
        geo_sentence(&c->g, &((actors_run *)L->ud)->lx, index, s.w, s.pos, s.rel, n, s.actors, s.nactors, &c->gd) != 0)
        return -1;
    /* casualties: read in sentences with a violent or material event and
     * in the two after one */
    int level = 0;
    for (uint32_t k = 0; k < ne; k++)
        level = cas_level(ev[k].code) > level ? cas_level(ev[k].code) : level;
    cas_pair *cas = arena_alloc(scratch, (size_t)(ne ? ne : 1) * sizeof *cas);
    if (!cas)
        return -1;
    memset(cas, 0, (size_t)(ne ? ne : 1) * sizeof *cas);
    if (level || (c->last_violent && index + 1 - c->last_violent <= 2)) {
        cas_mention m[CAS_MENTIONS];
        cas_pair rest;
        uint32_t nm = cas_find(&s, m, CAS_MENTIONS);
        if (nm) {
            cas_attach(&s, m, nm, ev, ne, cas, &rest);
            give_back(c, index, &rest);
        }
    }
    event_date *dates = NULL;
    date_expr *xs = NULL;
    if (ne && date_sentence_events(c, d, index, &s, ev, ne, scratch, &dates, &xs) != 0)
        return -1;
    uint8_t *skip = c->gaz_state == 1 && ne ? arena_alloc(scratch, n) : NULL;
    if (c->gaz_state == 1 && ne && !skip)
        return -1;
    for (uint32_t k = 0; k < ne; k++) {
        event_when when = {&dates[k], xs};
        if (hold_event(c, d, index, &s, &ev[k], &cas[k], &when, event_mention(c, &s, n, &ev[k], m0, skip)) != 0)
            return -1;
    }
    if (level)
        c->last_violent = index + 1;
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
    k->c.to_db = c->to_db;
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

/* --db: where the documents' output goes (doc_loop.sink). */
typedef struct store_sink {
    db *d;
    db_ingest_counts n;
    cli_io *io;
    int failed;
} store_sink;

static int store_write(void *ctx, const char *p, size_t n)
{
    store_sink *s = ctx;
    if (db_ingest(s->d, p, n, &s->n) == DB_OK)
        return 0;
    fprintf(s->io->err, "khaldun: %s\n", db_errmsg(s->d));
    s->failed = 1;
    return -1;
}

/* Opens the --db database; prints why not. */
static int store_open(store_sink *s, const char *path, const char *days, const char *km, size_t batch, cli_io *io)
{
    db_options o = {1, 50, (int)(batch > 100000 ? 100000 : batch)};
    char *end;
    if (days) {
        long v = strtol(days, &end, 10);
        if (*end || end == days || v < 0 || v > 3650) {
            fprintf(io->err, "khaldun code: --dedup-days wants a number of days from 0 to 3650, not '%s'\n", days);
            return 2;
        }
        o.dedup_days = (int)v;
    }
    if (km) {
        o.dedup_km = strtod(km, &end);
        if (*end || end == km || !(o.dedup_km >= 0)) {
            fprintf(io->err, "khaldun code: --dedup-km wants a distance in km such as 50, not '%s'\n", km);
            return 2;
        }
    }
    s->io = io;
    /* a file size limit (ulimit -f) makes writes fail with EFBIG instead of killing the process */
    signal(SIGXFSZ, SIG_IGN);
    if (db_open(&s->d, path, &o) != DB_OK) {
        fprintf(io->err, "khaldun: %s\n", db_errmsg(s->d));
        db_close(s->d);
        s->d = NULL;
        return 1;
    }
    return 0;
}

int cmd_code(int argc, char **argv, cli_io *io)
{
    doc_loop L = {0};
    actors_run r;
    coder c;
    store_sink store;
    memset(&r, 0, sizeof r);
    memset(&c, 0, sizeof c);
    memset(&store, 0, sizeof store);
    const char *db_path = NULL, *dedup_km = NULL, *dedup_days = NULL;
    size_t batch = DB_DEFAULT_BATCH;
    opt_spec specs[] = {DOC_LOOP_OPTIONS(L), DICT_OPTIONS(r.dict),
                        {"patterns", OPT_STRING, &c.patterns_opt, "event pattern files instead of DATA/patterns (comma-separated)"},
                        {"verbs", OPT_STRING, &c.verbs_opt, "TABARI or PETRARCH verb dictionaries instead of the patterns (comma-separated)"},
                        {"brief", OPT_FLAG, &c.brief, "one line per event: SOURCE -> TARGET CODE PLOVER (head word) @DATE [killed N, wounded M]"},
                        {"gazetteer", OPT_STRING, &c.gaz_opt, "the gazetteer file (default: $KHALDUN_GAZETTEER or DATA/gazetteer.bin)"},
                        {"jobs", OPT_SIZE, &L.jobs, "code documents on this many threads, output in input order (default 1)"},
                        {"db", OPT_STRING, &db_path, "store the events in this SQLite database instead of printing them (docs/store.md)"},
                        {"dedup-days", OPT_STRING, &dedup_days, "--db: events whose dates are at most this many days apart may be one (default 1)"},
                        {"dedup-km", OPT_STRING, &dedup_km, "--db: ... and whose places are at most this many km apart (default 50)"},
                        {"batch", OPT_SIZE, &batch, "--db: documents per transaction (default 1024)"},
                        {NULL, OPT_FLAG, NULL, NULL}};
    char **pos = mem_calloc((size_t)argc + 1, sizeof *pos);
    int npos = 0;
    int rc = opts_parse(argc, argv, specs, "khaldun code [options] [FILE|-]...", pos, &npos, io);
    if (rc == 1) { /* --help */
        mem_free(pos);
        return 0;
    }
    if (rc == 0 && db_path && c.brief) {
        fprintf(io->err, "khaldun code: --brief and --db cannot go together\n");
        rc = 2;
    }
    if (rc == 0 && !db_path && (dedup_km || dedup_days)) {
        fprintf(io->err, "khaldun code: --dedup-days and --dedup-km go with --db\n");
        rc = 2;
    }
    if (rc == 0 && db_path) {
        rc = store_open(&store, db_path, dedup_days, dedup_km, batch, io);
        c.to_db = 1;
        L.sink = store_write;
        L.sink_ctx = &store;
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
    }
    if (store.d) {
        if (!store.failed && db_commit(store.d) != DB_OK) {
            fprintf(io->err, "khaldun: %s\n", db_errmsg(store.d));
            store.failed = 1;
        }
        db_close(store.d);
        if (store.failed)
            rc = 1;
        else if (L.stats)
            fprintf(io->err, "khaldun: %s: %lu documents stored, %lu unchanged; %lu new events, %lu more mentions\n",
                    db_path, store.n.docs, store.n.unchanged, store.n.events, store.n.mentions);
    }
    actors_done(&r);
    free_coder(&c);
    mem_free(pos);
    return rc;
}
