/*
 * cmd_parse.c - `khaldun parse`: tags and parses sentences and writes
 * CoNLL-U (ID, FORM, LEMMA, UPOS, XPOS, HEAD, DEPREL filled; FEATS and
 * DEPS "_").
 *
 * Raw text (any input `khaldun code` reads) is split into sentences and
 * words by khaldun itself: tokens split into clitics become multiword-token
 * ranges, SpaceAfter=No marks where no space follows, FORM is the text as
 * written.  With --input conllu, the words of a CoNLL-U file are parsed as
 * they stand (their annotations ignored); comments, ranges and MISC are
 * kept.  --brief prints one line per sentence instead, each word as
 * FORM/UPOS/DEPREL>HEAD (for tests and quick looks).
 */
#include <string.h>

#include "cli/cli.h"
#include "syntax/conllu.h"

/* Appends the original text of code points [start, end) with line breaks
 * and tabs turned into spaces. */
static void put_span(buf *b, const doc *d, uint32_t start, uint32_t end)
{
    size_t bs = doc_byte_at(d, start), be = doc_byte_at(d, end);
    for (size_t k = bs; k < be; k++) {
        char c = d->text[k];
        buf_putc(b, (c == '\n' || c == '\r' || c == '\t') ? ' ' : c);
    }
}

static const char *upos_of(const khaldun *kh, const word *w)
{
    return kh->syn.has_tagger ? tagger_upos(&kh->syn.tagger, w->tag) : "_";
}

static const char *xpos_of(const khaldun *kh, const word *w)
{
    return kh->syn.has_tagger ? tagger_xpos(&kh->syn.tagger, w->tag) : "_";
}

static void put_word_columns(buf *b, const khaldun *kh, const word *w, uint32_t i, uint32_t n)
{
    int parsed = kh->syn.has_tagger && kh->syn.has_parser;
    buf_printf(b, "\t%s\t%s\t%s\t_\t", w->lemma ? w->lemma : "_", upos_of(kh, w), xpos_of(kh, w));
    if (!parsed)
        buf_puts(b, "_\t_");
    else if (w->head < 0 || (uint32_t)w->head >= n)
        buf_puts(b, "0\troot");
    else
        buf_printf(b, "%d\t%s", w->head + 1, parser_label(&kh->syn.parser, w->deprel));
    (void)i;
}

/* One line per sentence: FORM/UPOS/DEPREL>HEAD for every word. */
static void write_brief_sentence(buf *b, const khaldun *kh, const word *w, uint32_t n)
{
    int parsed = kh->syn.has_tagger && kh->syn.has_parser;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t head = (!parsed || w[i].head < 0 || (uint32_t)w[i].head >= n) ? 0 : (uint32_t)w[i].head + 1;
        const char *rel = !parsed ? "_" : head == 0 ? "root" : parser_label(&kh->syn.parser, w[i].deprel);
        buf_printf(b, "%s%s/%s/%s>%u", i ? " " : "", w[i].form, upos_of(kh, &w[i]), rel, head);
    }
    buf_putc(b, '\n');
}

/* The words of one sentence of raw text, as CoNLL-U. */
static void write_raw_sentence(buf *b, const khaldun *kh, const doc *d, uint32_t index, const word *w,
                               uint32_t n)
{
    const sent *s = &d->sents[index];
    buf_printf(b, "# sent_id = %s-%u\n# text = ", d->id ? d->id : "doc", index + 1);
    put_span(b, d, s->start, s->end);
    buf_putc(b, '\n');
    if (s->flags & KH_SENT_BOILERPLATE)
        buf_printf(b, "# boilerplate = %s\n", s->reason ? s->reason : "yes");
    for (uint32_t i = 0; i < n; i++) {
        if (w[i].mwt_first) {
            uint32_t last = i + 1;
            while (last + 1 < n && w[last + 1].mwt && !w[last + 1].mwt_first)
                last++;
            buf_printf(b, "%u-%u\t", i + 1, last + 1);
            put_span(b, d, w[i].start, w[last].end);
            buf_printf(b, "\t_\t_\t_\t_\t_\t_\t_\t%s\n", w[last].space_after ? "_" : "SpaceAfter=No");
        }
        buf_printf(b, "%u\t", i + 1);
        put_span(b, d, w[i].start, w[i].end);
        put_word_columns(b, kh, &w[i], i, n);
        buf_printf(b, "\t_\t%s\n", (w[i].mwt || w[i].space_after) ? "_" : "SpaceAfter=No");
    }
    buf_putc(b, '\n');
}

static int parse_document(doc_loop *L, const doc *d, void *ud)
{
    const int *brief = ud;
    khaldun *kh = L->kh;
    arena scratch;
    arena_init(&scratch, 0);
    if (!*brief)
        buf_printf(&L->out, "# newdoc id = %s\n", d->id ? d->id : "doc");
    int rc = 0;
    for (uint32_t i = 0; i < d->nsents && rc == 0; i++) {
        arena_reset(&scratch);
        word *w = NULL;
        int64_t n = words_of_sentence(d, &d->sents[i], &scratch, &w);
        if (n < 0 || syn_analyse(&kh->syn, w, (uint32_t)n, &scratch) != 0) {
            rc = -1;
            break;
        }
        if (*brief)
            write_brief_sentence(&L->out, kh, w, (uint32_t)n);
        else
            write_raw_sentence(&L->out, kh, d, i, w, (uint32_t)n);
    }
    arena_free(&scratch);
    return rc;
}

/* ---- CoNLL-U in ---- */

/* Replaces the annotations of cs by khaldun's, from the analysed words. */
static int annotate(const khaldun *kh, conllu_sent *cs, const word *w, arena *a)
{
    int parsed = kh->syn.has_tagger && kh->syn.has_parser;
    for (uint32_t i = 0; i < cs->nwords; i++) {
        conllu_word *cw = &cs->words[i];
        cw->lemma = w[i].lemma ? w[i].lemma : "_";
        cw->upos = upos_of(kh, &w[i]);
        cw->xpos = xpos_of(kh, &w[i]);
        cw->feats = "_";
        cw->deps = "_";
        cw->head = !parsed ? -1 : (w[i].head < 0 || (uint32_t)w[i].head >= cs->nwords) ? 0 : w[i].head + 1;
        cw->deprel = !parsed ? "_" : cw->head == 0 ? "root" : parser_label(&kh->syn.parser, w[i].deprel);
    }
    (void)a;
    return 0;
}

static int parse_conllu_file(khaldun *kh, const char *path, cli_io *io, unsigned long *sents)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? io->in : fopen(path, "r");
    if (!f) {
        fprintf(io->err, "khaldun: %s: cannot open\n", path);
        return 1;
    }
    buf msg = BUF_INIT, out = BUF_INIT;
    conllu_reader *r = conllu_open(f, is_stdin ? "<stdin>" : path, &msg);
    arena a;
    arena_init(&a, 0);
    int status = r ? 0 : 1, got;
    while (r) {
        conllu_sent cs;
        buf_clear(&msg);
        arena_reset(&a);
        got = conllu_next(r, &cs, &a, &msg);
        if (msg.len)
            fprintf(io->err, "khaldun: %s\n", msg.p);
        if (got == CONLLU_END || got == CONLLU_FAIL) {
            status |= got == CONLLU_FAIL;
            break;
        }
        if (got == CONLLU_SKIP) {
            status = 1;
            continue;
        }
        word *w = arena_calloc(&a, cs.nwords ? cs.nwords : 1, sizeof *w);
        for (uint32_t i = 0; w && i < cs.nwords; i++) {
            const char *form = word_fold(cs.words[i].form, &a);
            word_set_form(&w[i], form ? form : cs.words[i].form);
        }
        if (!w || syn_analyse(&kh->syn, w, cs.nwords, &a) != 0 || annotate(kh, &cs, w, &a) != 0) {
            fprintf(io->err, "khaldun: %s: out of memory\n", path);
            status = 1;
            break;
        }
        buf_clear(&out);
        conllu_write(&out, &cs);
        fwrite(out.p, 1, out.len, io->out);
        (*sents)++;
    }
    conllu_close(r);
    arena_free(&a);
    buf_free(&msg);
    buf_free(&out);
    if (!is_stdin)
        fclose(f);
    return status;
}

static int warn_missing_models(const khaldun *kh, cli_io *io)
{
    if (!kh->syn.has_tagger || !kh->syn.has_parser)
        fprintf(io->err, "khaldun parse: no %s in %s/models; columns left \"_\" (make model builds them)\n",
                !kh->syn.has_tagger ? "tagger" : "parser", kh->data_dir);
    return 0;
}

static int parse_conllu(doc_loop *L, char **files, int n, cli_io *io)
{
    kh_options opts = {.max_doc_bytes = L->max_doc_bytes, .data_dir = L->data_dir, .rules_only = 1};
    khaldun *kh = NULL;
    if (kh_open(&kh, &opts) != KH_OK) {
        fprintf(io->err, "khaldun: %s\n", kh ? kh_errmsg(kh) : "out of memory");
        kh_close(kh);
        return 1;
    }
    warn_missing_models(kh, io);
    static char dash[] = "-";
    char *stdin_only[] = {dash};
    if (n == 0) {
        files = stdin_only;
        n = 1;
    }
    int status = 0;
    unsigned long sents = 0;
    for (int k = 0; k < n; k++)
        status |= parse_conllu_file(kh, files[k], io, &sents);
    if (L->stats)
        fprintf(io->err, "khaldun: %lu sentences parsed\n", sents);
    kh_close(kh);
    return status;
}

typedef struct parse_opts {
    int warned, brief;
} parse_opts;

static int parse_first_document(doc_loop *L, const doc *d, void *ud)
{
    parse_opts *o = ud;
    if (!o->warned) {
        o->warned = 1;
        warn_missing_models(L->kh, L->io);
    }
    return parse_document(L, d, &o->brief);
}

int cmd_parse(int argc, char **argv, cli_io *io)
{
    doc_loop L = {0};
    parse_opts o = {0, 0};
    opt_spec specs[] = {DOC_LOOP_OPTIONS(L),
                        {"brief", OPT_FLAG, &o.brief, "one line per sentence: FORM/UPOS/DEPREL>HEAD"},
                        {NULL, OPT_FLAG, NULL, NULL}};
    char **pos = mem_calloc((size_t)argc + 1, sizeof *pos);
    int npos = 0;
    int rc = pos ? opts_parse(argc, argv, specs,
                              "khaldun parse [options] [FILE|-]...   (--input conllu: parse a CoNLL-U file's words)",
                              pos, &npos, io)
                 : 2;
    if (rc == 0 && L.input && strcmp(L.input, "conllu") == 0) {
        rc = parse_conllu(&L, pos, npos, io);
    } else if (rc == 0) {
        L.io = io;
        L.on_doc = parse_first_document;
        L.ud = &o;
        rc = doc_loop_run(&L, pos, npos);
    } else if (rc == 1) {
        rc = 0;
    }
    mem_free(pos);
    return rc;
}
