/*
 * docloop.c - reads documents from files and standard input, runs the text
 * stage on each through the library, and reports problems as
 * "khaldun: FILE:LINE: message" on standard error.
 */
#include <string.h>
#include <time.h>

#include "cli/cli.h"

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Prints each line of msgs as a message prefixed "khaldun: ". */
static void print_lines(doc_loop *L, const buf *msgs)
{
    if (!msgs->len)
        return;
    const char *p = msgs->p;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        fprintf(L->io->err, "khaldun: %.*s\n", (int)len, p);
        L->warnings++;
        p += len + (nl ? 1 : 0);
    }
}

static void flush_out(doc_loop *L)
{
    if (L->out.len)
        fwrite(L->out.p, 1, L->out.len, L->io->out);
    buf_clear(&L->out);
}

/* Where a document came from, for messages: "file" or "file:line". */
static void where(const in_reader *r, const in_doc *in, char *w, size_t n)
{
    if (in->line)
        snprintf(w, n, "%s:%lu", in_name(r), in->line);
    else
        snprintf(w, n, "%s", in_name(r));
}

static int is_blank(const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (s[k] != ' ' && s[k] != '\t' && s[k] != '\n' && s[k] != '\r')
            return 0;
    return 1;
}

/* Processes one document read from r; returns 0, or 1 when it was skipped. */
static int run_one(doc_loop *L, khaldun *kh, const in_reader *r, const char *path, in_doc *in)
{
    char w[600], idbuf[600];
    where(r, in, w, sizeof w);
    if (is_blank(in->text, in->len)) {
        fprintf(L->io->err, "khaldun: %s: empty document; skipped\n", w);
        return 1;
    }
    const char *id = in->id;
    if (!id && !in->line)
        id = L->id ? L->id : strcmp(path, "-") == 0 ? "stdin" : base_name(path);
    if (!id) {
        snprintf(idbuf, sizeof idbuf, "%s:%lu", strcmp(path, "-") == 0 ? "stdin" : base_name(path), in->line);
        id = idbuf;
    }
    kh_input ki = {id, in->date ? in->date : L->date, in->text, in->len,
                   in->format == IN_HTML ? KH_FORMAT_HTML : KH_FORMAT_TEXT};
    kh_doc *kd = NULL;
    kh_result rc = kh_process(kh, &ki, &kd);
    if (rc != KH_OK) {
        fprintf(L->io->err, "khaldun: %s: %s; skipped\n", w, kh_errmsg(kh));
        return 1;
    }
    doc *d = &kd->d;
    if (!d->title)
        d->title = in->title;
    if (!d->source)
        d->source = in->source;
    if (!d->url)
        d->url = in->url;
    for (uint32_t k = 0; k < d->nwarnings; k++) {
        fprintf(L->io->err, "khaldun: %s: %s\n", w, d->warnings[k].msg);
        L->warnings++;
    }
    if (d->ntoks == 0) {
        fprintf(L->io->err, "khaldun: %s: no text found in the document; skipped\n", w);
        return 1;
    }
    L->docs++;
    L->sents += d->nsents;
    L->toks += d->ntoks;
    if (L->on_doc && L->on_doc(L, d, L->ud) != 0) {
        fprintf(L->io->err, "khaldun: %s: out of memory while writing output; skipped\n", w);
        buf_clear(&L->out);
        return 1;
    }
    if (L->out.failed) {
        fprintf(L->io->err, "khaldun: %s: out of memory while writing output; skipped\n", w);
        buf_clear(&L->out);
        return 1;
    }
    flush_out(L);
    return 0;
}

/* Reads every document of one source; returns the number skipped. */
static unsigned long run_source(doc_loop *L, khaldun *kh, const char *path, in_format fmt)
{
    buf err = BUF_INIT, warn = BUF_INIT;
    in_reader *r = in_open(path, fmt, L->io->in, L->max_doc_bytes, &err);
    if (!r) {
        fprintf(L->io->err, "khaldun: %s\n", err.p ? err.p : path);
        buf_free(&err);
        return 1;
    }
    arena in_mem;
    arena_init(&in_mem, 0);
    unsigned long skipped = 0, docs = 0;
    for (;;) {
        buf_clear(&err);
        buf_clear(&warn);
        arena_reset(&in_mem);
        in_doc in;
        int got = in_next(r, &in, &in_mem, &err, &warn);
        print_lines(L, &warn);
        if (got == IN_END)
            break;
        if (got == IN_SKIP || got == IN_FAIL) {
            fprintf(L->io->err, "khaldun: %s\n", err.p ? err.p : "read error");
            skipped++;
            if (got == IN_FAIL)
                break;
            continue;
        }
        docs++;
        skipped += (unsigned long)run_one(L, kh, r, path, &in);
    }
    if (docs == 0 && skipped == 0) {
        fprintf(L->io->err, "khaldun: %s: empty input; no documents\n", in_name(r));
        skipped++;
    }
    arena_free(&in_mem);
    in_close(r);
    buf_free(&err);
    buf_free(&warn);
    return skipped;
}

int doc_loop_run(doc_loop *L, char **files, int n)
{
    in_format fmt = IN_AUTO;
    if (L->input && (fmt = in_format_parse(L->input)) == IN_AUTO) {
        fprintf(L->io->err, "khaldun: --input must be txt, jsonl or html, not '%s'\n", L->input);
        return 2;
    }
    char date[11];
    if (L->date && !in_valid_date(L->date, date)) {
        fprintf(L->io->err, "khaldun: --date must be a valid YYYY-MM-DD date, not '%s'\n", L->date);
        return 2;
    }
    kh_options opts = {L->max_doc_bytes, L->data_dir, L->rules_only};
    khaldun *kh = NULL;
    if (kh_open(&kh, &opts) != KH_OK) {
        fprintf(L->io->err, "khaldun: %s\n", kh ? kh_errmsg(kh) : "out of memory");
        kh_close(kh);
        return 1;
    }
    if (!L->rules_only && !kh_sentence_model(kh))
        fprintf(L->io->err, "khaldun: no sentence model in %s/models; splitting by rules alone (make model builds it)\n",
                kh->data_dir);
    L->max_doc_bytes = kh->opts.max_doc_bytes;
    L->kh = kh;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    static char dash[] = "-";
    char *stdin_only[] = {dash};
    if (n == 0) {
        files = stdin_only;
        n = 1;
    }
    for (int k = 0; k < n; k++)
        L->skipped += run_source(L, kh, files[k], fmt);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    L->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    flush_out(L);
    fflush(L->io->out);
    if (L->stats)
        fprintf(L->io->err, "khaldun: %lu document%s, %lu sentences, %lu tokens, %lu warnings, %lu skipped\n",
                L->docs, L->docs == 1 ? "" : "s", L->sents, L->toks, L->warnings, L->skipped);
    kh_close(kh);
    L->kh = NULL;
    buf_free(&L->out);
    return L->skipped ? 1 : 0;
}
