/*
 * docloop.c - reads documents from files and standard input, runs the text
 * stage on each through the library, and reports problems as
 * "khaldun: FILE:LINE: message" on standard error.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
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

/* Writes n bytes of a document's output to the sink or standard output. */
static void emit(doc_loop *L, const char *p, size_t n)
{
    if (!n)
        return;
    if (!L->sink)
        fwrite(p, 1, n, L->io->out);
    else if (!L->stopped && L->sink(L->sink_ctx, p, n) != 0)
        L->stopped = 1;
}

static void flush_out(doc_loop *L)
{
    emit(L, L->out.p, L->out.len);
    buf_clear(&L->out);
}

/* Where a document came from, for messages: "file" or "file:line". */
static void where(const char *name, const in_doc *in, char *w, size_t n)
{
    if (in->line)
        snprintf(w, n, "%s:%lu", name, in->line);
    else
        snprintf(w, n, "%s", name);
}

static int is_blank(const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (s[k] != ' ' && s[k] != '\t' && s[k] != '\n' && s[k] != '\r')
            return 0;
    return 1;
}

/* Processes one document read from r; returns 0, or 1 when it was skipped. */
static int run_one(doc_loop *L, khaldun *kh, const char *name, const char *path, in_doc *in)
{
    char w[600], idbuf[600];
    where(name, in, w, sizeof w);
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


/* ---- documents coded in parallel (--jobs N) ----
 * The main thread reads documents and hands copies to worker threads, each
 * with its own library handle and command state (doc_loop.ud_clone); what
 * a document writes to standard output and standard error is kept and
 * written in the documents' order, so the output is the same whatever the
 * number of jobs. */

enum { QUEUE_PER_WORKER = 4 };

typedef struct job {
    unsigned long seq;
    int state;            /* 0 free, 1 waiting, 2 taken, 3 done */
    char *name, *path;
    in_doc in;
    char *text, *fields[5];
    char *out, *err;      /* what it wrote, from open_memstream */
    size_t out_len, err_len;
    int skipped;
} job;

typedef struct worker {
    struct pool *pool;
    pthread_t thread;
    doc_loop L;
    khaldun *kh;
    int started;
} worker;

struct pool {
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    job *jobs;
    size_t njobs;
    unsigned long next_seq, next_out, next_take;
    int closing;
    worker *w;
    int nw;
    doc_loop *main;
};

static char *dup_or_null(const char *s, size_t n) { return s ? mem_strndup(s, n) : NULL; }

static void job_clear(job *j)
{
    mem_free(j->name);
    mem_free(j->path);
    mem_free(j->text);
    for (int k = 0; k < 5; k++)
        mem_free(j->fields[k]);
    free(j->out);
    free(j->err);
    memset(j, 0, sizeof *j);
}

/* Writes the finished documents at the head of the queue, in order. */
static void write_done(struct pool *p)
{
    for (;;) {
        job *j = &p->jobs[p->next_out % p->njobs];
        if (j->state != 3 || j->seq != p->next_out)
            return;
        if (j->err_len)
            fwrite(j->err, 1, j->err_len, p->main->io->err);
        emit(p->main, j->out, j->out_len);
        p->main->skipped += (unsigned long)j->skipped;
        job_clear(j);
        p->next_out++;
        pthread_cond_broadcast(&p->done);
    }
}

static void *worker_main(void *arg)
{
    worker *wk = arg;
    struct pool *p = wk->pool;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->closing && p->next_take == p->next_seq)
            pthread_cond_wait(&p->work, &p->mu);
        if (p->next_take == p->next_seq)
            break;
        job *j = &p->jobs[p->next_take % p->njobs];
        p->next_take++;
        j->state = 2;
        pthread_mutex_unlock(&p->mu);
        FILE *out = open_memstream(&j->out, &j->out_len), *err = open_memstream(&j->err, &j->err_len);
        cli_io io = {NULL, out ? out : stdout, err ? err : stderr};
        wk->L.io = &io;
        j->skipped = run_one(&wk->L, wk->kh, j->name, j->path, &j->in);
        fflush(io.out);
        if (out)
            fclose(out);
        if (err)
            fclose(err);
        pthread_mutex_lock(&p->mu);
        j->state = 3;
        pthread_cond_broadcast(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static void pool_submit(struct pool *p, const char *name, const char *path, const in_doc *in)
{
    pthread_mutex_lock(&p->mu);
    for (;;) {
        write_done(p);
        if (p->next_seq - p->next_out < p->njobs)
            break;
        pthread_cond_wait(&p->done, &p->mu);
    }
    job *j = &p->jobs[p->next_seq % p->njobs];
    pthread_mutex_unlock(&p->mu);
    j->seq = p->next_seq;
    j->name = mem_strndup(name, strlen(name));
    j->path = mem_strndup(path, strlen(path));
    j->in = *in;
    j->text = mem_strndup(in->text ? in->text : "", in->len);
    j->in.text = j->text;
    const char *f[5] = {in->id, in->date, in->title, in->source, in->url};
    for (int k = 0; k < 5; k++)
        j->fields[k] = dup_or_null(f[k], f[k] ? strlen(f[k]) : 0);
    j->in.id = j->fields[0], j->in.date = j->fields[1], j->in.title = j->fields[2];
    j->in.source = j->fields[3], j->in.url = j->fields[4];
    pthread_mutex_lock(&p->mu);
    j->state = 1;
    p->next_seq++;
    pthread_cond_signal(&p->work);
    pthread_mutex_unlock(&p->mu);
}

/* Starts n workers with handles like the main one; NULL when they cannot
 * be (the caller then works alone). */
static struct pool *pool_start(doc_loop *L, const kh_options *opts, int n)
{
    struct pool *p = mem_calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->main = L;
    p->nw = n;
    p->njobs = (size_t)n * QUEUE_PER_WORKER;
    p->jobs = mem_calloc(p->njobs, sizeof *p->jobs);
    p->w = mem_calloc((size_t)n, sizeof *p->w);
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->done, NULL);
    int ok = p->jobs && p->w;
    for (int k = 0; ok && k < n; k++) {
        worker *wk = &p->w[k];
        wk->pool = p;
        wk->L = *L;
        wk->L.pool = NULL;
        wk->L.sink = NULL; /* workers write to their memory stream; the main thread to the sink */
        wk->L.out = (buf)BUF_INIT;
        wk->L.docs = wk->L.sents = wk->L.toks = wk->L.warnings = wk->L.skipped = 0;
        wk->L.ud = L->ud_clone(L->ud);
        ok = wk->L.ud && kh_open(&wk->kh, opts) == KH_OK;
        wk->L.kh = wk->kh;
        ok = ok && pthread_create(&wk->thread, NULL, worker_main, wk) == 0;
        wk->started = ok;
    }
    if (ok)
        return p;
    pthread_mutex_lock(&p->mu);
    p->closing = 1;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->mu);
    for (int k = 0; k < n; k++) {
        if (p->w && p->w[k].started)
            pthread_join(p->w[k].thread, NULL);
        if (p->w && p->w[k].L.ud)
            L->ud_merge(L->ud, p->w[k].L.ud);
        if (p->w)
            kh_close(p->w[k].kh);
    }
    mem_free(p->jobs);
    mem_free(p->w);
    mem_free(p);
    return NULL;
}

/* Waits for every document, writes what is left, merges the workers'
 * counts and state into the main loop, and stops the workers. */
static void pool_finish(struct pool *p)
{
    pthread_mutex_lock(&p->mu);
    p->closing = 1;
    pthread_cond_broadcast(&p->work);
    while (p->next_out < p->next_seq) {
        write_done(p);
        if (p->next_out < p->next_seq)
            pthread_cond_wait(&p->done, &p->mu);
    }
    pthread_mutex_unlock(&p->mu);
    for (int k = 0; k < p->nw; k++) {
        worker *wk = &p->w[k];
        pthread_join(wk->thread, NULL);
        p->main->docs += wk->L.docs;
        p->main->sents += wk->L.sents;
        p->main->toks += wk->L.toks;
        p->main->warnings += wk->L.warnings;
        p->main->ud_merge(p->main->ud, wk->L.ud);
        buf_free(&wk->L.out);
        kh_close(wk->kh);
    }
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->done);
    mem_free(p->jobs);
    mem_free(p->w);
    mem_free(p);
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
    while (!L->stopped) {
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
        if (L->pool)
            pool_submit(L->pool, in_name(r), path, &in);
        else
            skipped += (unsigned long)run_one(L, kh, in_name(r), path, &in);
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
    if (L->jobs > 1 && L->ud_clone && L->ud_merge)
        L->pool = pool_start(L, &opts, (int)L->jobs);
    for (int k = 0; k < n && !L->stopped; k++)
        L->skipped += run_source(L, kh, files[k], fmt);
    if (L->pool)
        pool_finish(L->pool);
    L->pool = NULL;
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
