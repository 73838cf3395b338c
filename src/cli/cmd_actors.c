/*
 * cmd_actors.c - `khaldun actors`: every actor mention of every sentence,
 * one JSON object per line (../shared/contract/README.md): doc_id,
 * sentence, start and end (code points into the document), text, code,
 * country (ISO 3166-1 alpha-3 or null), and, to show why: kind, place
 * (named after a locative preposition: maybe where rather than who), backer
 * (the X of "X-backed") and the dictionary entry that decided the code.
 * Date-restricted codes are chosen by the document's date (--date for
 * documents without one).
 */
#include <string.h>

#include "cli/cli.h"
#include "code/actor.h"

static void json_slice(buf *b, const doc *d, uint32_t start, uint32_t end)
{
    size_t bs = doc_byte_at(d, start), be = doc_byte_at(d, end);
    json_str(b, d->text + bs, be - bs);
}

void json_open_sentence(buf *b, const doc *d, uint32_t si)
{
    buf_puts(b, "{");
    json_key(b, "doc_id");
    json_cstr(b, d->id);
    buf_putc(b, ',');
    json_key(b, "sentence");
    json_uint(b, si);
    buf_putc(b, ',');
}

static void write_actor(buf *b, const lexicon *lx, const doc *d, uint32_t si, const word *w, const actor *a)
{
    const lex_entry *e = &lx->entries[a->entry];
    json_open_sentence(b, d, si);
    json_key(b, "start");
    json_uint(b, w[a->start].start);
    buf_putc(b, ',');
    json_key(b, "end");
    json_uint(b, w[a->end - 1].end);
    buf_putc(b, ',');
    json_key(b, "text");
    json_slice(b, d, w[a->start].start, w[a->end - 1].end);
    buf_putc(b, ',');
    json_key(b, "code");
    json_cstr(b, a->code);
    buf_putc(b, ',');
    json_key(b, "country");
    json_cstr(b, a->country[0] ? a->country : NULL);
    buf_putc(b, ',');
    json_key(b, "kind");
    json_cstr(b, a->kind ? lex_kind_name(a->kind) : NULL);
    buf_putc(b, ',');
    json_key(b, "place");
    buf_puts(b, a->place ? "true" : "false");
    buf_putc(b, ',');
    json_key(b, "backer");
    json_cstr(b, a->backer[0] ? a->backer : NULL);
    buf_putc(b, ',');
    json_key(b, "entry");
    buf_putc(b, '"');
    buf_printf(b, "%s:%u", lex_str(lx, e->source), e->line);
    buf_puts(b, "\"}\n");
}

int lexicon_load(lexicon *lx, const char *data_dir, dict_opts *o, cli_io *io)
{
    buf err = BUF_INIT, warn = BUF_INIT;
    int cached;
    o->set.no_cache = o->warnings;
    int rc = lex_load_set(lx, data_dir, &o->set, &err, &warn, &cached);
    if (warn.len && o->warnings)
        fprintf(io->err, "%s", warn.p);
    if (rc == 1)
        fprintf(io->err, "khaldun: no dictionaries in %s/dictionaries; no actor will be found\n", data_dir);
    else if (rc != 0)
        fprintf(io->err, "%skhaldun: the dictionaries cannot be used\n", err.p ? err.p : "");
    rc = rc == 1 ? 0 : rc;
    buf_free(&err);
    buf_free(&warn);
    return rc;
}

/* "text -> CODE", " backer=X" when there is one, " (place)" for a place
 * after a locative preposition. */
static void write_brief(buf *b, const doc *d, const word *w, const actor *a)
{
    size_t bs = doc_byte_at(d, w[a->start].start), be = doc_byte_at(d, w[a->end - 1].end);
    buf_append(b, d->text + bs, be - bs);
    buf_printf(b, " -> %s%s%s%s\n", a->code, a->backer[0] ? " backer=" : "", a->backer, a->place ? " (place)" : "");
}

/* Days since 1970-01-01 of the document's date, or LEX_UNDATED. */
static int32_t doc_day(const doc *d)
{
    int ok = 0;
    int32_t day = d->date && strlen(d->date) >= 10 ? lex_parse_day(d->date, 10, &ok) : 0;
    return ok ? day : LEX_UNDATED;
}

int actors_scan(doc_loop *L, const doc *d, void *ud)
{
    actors_run *r = ud;
    khaldun *kh = L->kh;
    if (!r->loaded) {
        r->loaded = 1;
        r->failed = lexicon_load(&r->lx, kh->data_dir, &r->dict, L->io) != 0;
        if (!kh->syn.has_tagger || !kh->syn.has_parser)
            fprintf(L->io->err, "khaldun: no tagger or parser in %s/models; no actor will be found (make model builds them)\n",
                    kh->data_dir);
    }
    if (r->failed)
        return 0; /* reported once; the exit status says it */
    arena scratch;
    arena_init(&scratch, 0);
    int32_t day = doc_day(d);
    actor_memory memory;
    memset(&memory, 0, sizeof memory);
    int rc = 0, story_discarded = 0;
    for (uint32_t i = 0; i < d->nsents && rc == 0; i++) {
        arena_reset(&scratch);
        word *w = NULL;
        int64_t n = words_of_sentence(d, &d->sents[i], &scratch, &w);
        uint8_t *pos = n > 0 ? arena_alloc(&scratch, (size_t)n) : NULL;
        actor *found = n > 0 ? arena_alloc(&scratch, (size_t)n * sizeof *found) : NULL;
        if (n < 0 || (n > 0 && (!pos || !found)) || syn_analyse(&kh->syn, w, (uint32_t)n, &scratch) != 0) {
            rc = -1;
            break;
        }
        for (int64_t k = 0; k < n; k++)
            pos[k] = kh->syn.has_tagger ? actor_pos_of(tagger_upos(&kh->syn.tagger, w[k].tag)) : AP_OTHER;
        uint32_t na = actor_find(&r->lx, w, pos, (uint32_t)n, day, found, (uint32_t)n);
        na = na < (uint32_t)n ? na : (uint32_t)n;
        actor_recall(&memory, w, found, na);
        r->mentions += na;
        for (uint32_t k = 0; k < na && r->write; k++)
            if (r->brief)
                write_brief(&L->out, d, w, &found[k]);
            else
                write_actor(&L->out, &r->lx, d, i, w, &found[k]);
        int64_t dis = lex_find_discard(&r->lx, w, (uint32_t)n, "-+"); /* imported sentence and story discards */
        int dated = 0; /* TABARI: an actor whose code on the date is "###" discards the sentence */
        for (uint32_t k = 0; k < na; k++)
            dated |= strcmp(found[k].code, "###") == 0;
        if (dis >= 0 && lex_code_on(&r->lx, (uint32_t)dis, LEX_UNDATED)[0] == '+')
            story_discarded = 1;
        if (r->on_sentence && dis < 0 && !dated && !story_discarded &&
            r->on_sentence(L, d, i, w, pos, (uint32_t)n, found, na, &scratch, r->ctx) != 0)
            rc = -1;
    }
    arena_free(&scratch);
    if (rc == 0 && r->on_document_end && r->on_document_end(L, d, r->ctx) != 0)
        rc = -1;
    return rc;
}

int actors_command(doc_loop *L, actors_run *r, const opt_spec *specs, const char *usage, int argc, char **argv,
                   cli_io *io)
{
    char **pos = mem_calloc((size_t)argc + 1, sizeof *pos);
    int npos = 0;
    int rc = pos ? opts_parse(argc, argv, specs, usage, pos, &npos, io) : 2;
    if (rc == 0) {
        L->io = io;
        L->on_doc = actors_scan;
        L->ud = r;
        rc = doc_loop_run(L, pos, npos);
        if (r->failed)
            rc = 1;
    } else if (rc == 1) {
        rc = 0;
    }
    mem_free(pos);
    return rc;
}

int cmd_actors(int argc, char **argv, cli_io *io)
{
    doc_loop L = {0};
    actors_run r;
    memset(&r, 0, sizeof r);
    opt_spec specs[] = {DOC_LOOP_OPTIONS(L), DICT_OPTIONS(r.dict),
                        {"brief", OPT_FLAG, &r.brief, "one line per actor: TEXT -> CODE"},
                        {NULL, OPT_FLAG, NULL, NULL}};
    r.write = 1;
    int rc = actors_command(&L, &r, specs, "khaldun actors [options] [FILE|-]...", argc, argv, io);
    actors_done(&r);
    return rc;
}

void actors_done(actors_run *r)
{
    if (r->loaded && !r->failed)
        lex_free(&r->lx);
    r->loaded = 0;
}

/* reread_misread_verb: 1 when s now points at a new parse, 0 when it
 * stays, -1 when scratch runs out. */
static int reread_misread_verb(const khaldun *kh, const pattern_set *ps, ev_sentence *s, arena *scratch)
{
    uint32_t x = event_misread_verb(ps, s), n = s->n;
    if (x == UINT32_MAX || !kh->syn.has_tagger || !kh->syn.has_parser)
        return 0;
    word *w = arena_alloc(scratch, (size_t)n * sizeof *w);
    uint8_t *pos = arena_alloc(scratch, n);
    const char **rel = arena_alloc(scratch, (size_t)n * sizeof *rel);
    if (!w || !pos || !rel)
        return -1;
    memcpy(w, s->w, (size_t)n * sizeof *w);
    int rc = syn_reparse_as_verb(&kh->syn, w, n, x, scratch);
    if (rc != 0)
        return rc < 0 ? -1 : 0;
    for (uint32_t k = 0; k < n; k++) {
        pos[k] = actor_pos_of(tagger_upos(&kh->syn.tagger, w[k].tag));
        rel[k] = w[k].head < 0 ? "root" : parser_label(&kh->syn.parser, w[k].deprel);
    }
    ev_sentence again = *s;
    again.w = w, again.pos = pos, again.rel = rel;
    if (!event_verb_has_actor_subject(&again, x))
        return 0;
    *s = again;
    return 1;
}

/* TABARI ignores an actor whose code is null ("[---]", maybe on the
 * record's date only): its words are a noun phrase like any other (the
 * manual, 5.8).  The actors without them, in scratch; NULL when it runs out. */
static const actor *coded_actors(const actor *actors, uint32_t *nactors, arena *scratch)
{
    actor *kept = arena_alloc(scratch, (*nactors ? *nactors : 1) * sizeof *kept);
    uint32_t n = 0;
    for (uint32_t a = 0; kept && a < *nactors; a++)
        if (strcmp(actors[a].code, "---") != 0)
            kept[n++] = actors[a];
    *nactors = n;
    return kept;
}

int event_sentence(const khaldun *kh, const pattern_set *ps, const word *w, const uint8_t *pos, uint32_t n,
                   const actor *actors, uint32_t nactors, int peer, arena *scratch, ev_sentence *s)
{
    const char **rel = arena_alloc(scratch, (size_t)n * sizeof *rel);
    if (peer == EV_PEER_TABARI)
        actors = coded_actors(actors, &nactors, scratch);
    if (!rel || !actors)
        return -1;
    for (uint32_t i = 0; i < n; i++)
        rel[i] = w[i].head < 0 ? "root" : parser_label(&kh->syn.parser, w[i].deprel);
    *s = (ev_sentence){w, pos, rel, n, actors, nactors, peer, NULL};
    return reread_misread_verb(kh, ps, s, scratch) < 0 ? -1 : 0;
}
