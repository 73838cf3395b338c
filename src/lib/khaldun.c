/*
 * khaldun.c - the public API: handles, documents and their accessors.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/input.h"
#include "lib/handle.h"
#include "text/html.h"
#include "text/norm.h"

const char *kh_version(void) { return KHALDUN_VERSION; }

kh_result kh_fail(khaldun *kh, kh_result rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(kh->err, sizeof kh->err, fmt, ap);
    va_end(ap);
    return rc;
}

static int sbd_decide(void *ctx, const doc *d, uint32_t first, uint32_t j)
{
    const sbd_model *m = ctx;
    return sbd_score(m, d, d->style, first, j) > m->threshold;
}

/* Maps data_dir/models/sbd.bin when it exists.  A missing file means rules
 * alone; a file that exists but cannot be used is an error. */
static kh_result load_sentence_model(khaldun *kh)
{
    buf path = BUF_INIT, err = BUF_INIT;
    buf_printf(&path, "%s/models/sbd.bin", kh->data_dir);
    if (path.failed) {
        buf_free(&path);
        return kh_fail(kh, KH_NOMEM, "out of memory");
    }
    kh_result rc = KH_OK;
    if (access(path.p, F_OK) == 0) {
        if (model_map(&kh->sbd_file, path.p, SBD_KIND, &err) != 0 ||
            sbd_from_payload(&kh->sbd, kh->sbd_file.payload, kh->sbd_file.payload_size, &err) != 0) {
            rc = kh_fail(kh, KH_INVALID, "%s", err.p ? err.p : "sentence model unusable");
            model_unmap(&kh->sbd_file);
        } else {
            kh->sbd_path = path.p;
            path.p = NULL;
        }
    }
    buf_free(&path);
    buf_free(&err);
    return rc;
}

static const char *default_data_dir(void)
{
    const char *env = getenv("KHALDUN_DATA");
    return env && *env ? env : KH_DATA_DIR;
}

kh_result kh_open(khaldun **out, const kh_options *opts)
{
    if (!out)
        return KH_MISUSE;
    khaldun *kh = mem_calloc(1, sizeof *kh);
    *out = kh;
    if (!kh)
        return KH_NOMEM;
    if (opts)
        kh->opts = *opts;
    if (!kh->opts.max_doc_bytes)
        kh->opts.max_doc_bytes = KH_DEFAULT_MAX_DOC_BYTES;
    arena_init(&kh->mem, 0);
    doc_reset(&kh->doc.d, &kh->mem);
    const char *dir = kh->opts.data_dir ? kh->opts.data_dir : default_data_dir();
    kh->data_dir = mem_strndup(dir, strlen(dir));
    if (!kh->data_dir) {
        kh_close(kh);
        *out = NULL;
        return KH_NOMEM;
    }
    kh->opts.data_dir = kh->data_dir;
    kh_result rc = kh->opts.rules_only ? KH_OK : load_sentence_model(kh);
    if (rc == KH_OK) {
        buf err = BUF_INIT;
        int syn = syn_open(&kh->syn, kh->data_dir, &err);
        if (syn == -2 || (syn == -1 && err.failed))
            rc = kh_fail(kh, KH_NOMEM, "out of memory");
        else if (syn != 0)
            rc = kh_fail(kh, KH_INVALID, "%s", err.p ? err.p : "syntax models unusable");
        buf_free(&err);
    }
    if (rc == KH_NOMEM) {
        kh_close(kh);
        *out = NULL;
    }
    return rc;
}

const char *kh_sentence_model(const khaldun *kh) { return kh ? kh->sbd_path : NULL; }

void kh_close(khaldun *kh)
{
    if (!kh)
        return;
    model_unmap(&kh->sbd_file);
    syn_close(&kh->syn);
    mem_free(kh->sbd_path);
    mem_free(kh->data_dir);
    arena_free(&kh->mem);
    mem_free(kh);
}

const char *kh_errmsg(const khaldun *kh) { return kh ? kh->err : "no handle"; }

/* Copies an optional string into the document's arena. */
static const char *keep(arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

static kh_result process_html(khaldun *kh, const kh_input *in, doc *d)
{
    html_article art;
    if (html_extract(in->text, in->len, &kh->mem, &art) != 0)
        return kh_fail(kh, KH_NOMEM, "out of memory while reading HTML");
    if (!d->title)
        d->title = art.title;
    if (!d->date)
        d->date = art.date;
    if (!d->url)
        d->url = art.url;
    if (!d->source)
        d->source = art.source;
    if (doc_process_text(d, art.text, art.len) != 0)
        return kh_fail(kh, KH_NOMEM, "out of memory");
    return KH_OK;
}

kh_result kh_process(khaldun *kh, const kh_input *in, kh_doc **out)
{
    if (!kh || !in || !out || (!in->text && in->len))
        return kh ? kh_fail(kh, KH_MISUSE, "kh_process: missing argument") : KH_MISUSE;
    *out = NULL;
    kh->err[0] = '\0';
    if (in->len > kh->opts.max_doc_bytes)
        return kh_fail(kh, KH_TOOBIG, "document of %zu bytes is over the size limit of %zu bytes",
                       in->len, kh->opts.max_doc_bytes);
    char why[160];
    if (in->format == KH_FORMAT_TEXT && !txt_clean_ascii((const unsigned char *)in->text, in->len) &&
        in_sniff_binary((const unsigned char *)in->text, in->len, why, sizeof why))
        return kh_fail(kh, KH_INVALID, "document looks like %s", why);
    arena_reset(&kh->mem);
    doc *d = &kh->doc.d;
    doc_reset(d, &kh->mem);
    if (kh->sbd_path) {
        d->boundary = sbd_decide;
        d->boundary_ctx = &kh->sbd;
    }
    d->id = keep(&kh->mem, in->id);
    char date[11];
    if (in->date && in_valid_date(in->date, date))
        d->date = arena_strndup(&kh->mem, date, 10);
    kh_result rc;
    if (in->format == KH_FORMAT_HTML) {
        rc = process_html(kh, in, d);
    } else {
        rc = doc_process_text(d, in->text ? in->text : "", in->len) == 0
                 ? KH_OK
                 : kh_fail(kh, KH_NOMEM, "out of memory");
    }
    if (rc == KH_OK && kh->mem.failed)
        rc = kh_fail(kh, KH_NOMEM, "out of memory");
    if (rc == KH_OK)
        *out = &kh->doc;
    return rc;
}

const char *kh_doc_text(const kh_doc *kd, size_t *len)
{
    if (len)
        *len = kd->d.text_len;
    return kd->d.text ? kd->d.text : "";
}

size_t kh_doc_sentence_count(const kh_doc *kd) { return kd->d.nsents; }

kh_result kh_doc_sentence(const kh_doc *kd, size_t i, kh_sentence *out)
{
    if (i >= kd->d.nsents || !out)
        return KH_MISUSE;
    const sent *s = &kd->d.sents[i];
    out->start = s->start;
    out->end = s->end;
    out->first_token = s->tok_first;
    out->token_count = s->tok_count;
    out->flags = s->flags;
    out->boilerplate_reason = s->reason;
    return KH_OK;
}

size_t kh_doc_token_count(const kh_doc *kd) { return kd->d.ntoks; }

kh_result kh_doc_token(const kh_doc *kd, size_t i, kh_token *out)
{
    if (i >= kd->d.ntoks || !out)
        return KH_MISUSE;
    const tok *t = &kd->d.toks[i];
    out->start = t->start;
    out->end = t->end;
    out->form = t->form;
    out->kind = tok_kind_name(t->kind);
    return KH_OK;
}

size_t kh_doc_warning_count(const kh_doc *kd) { return kd->d.nwarnings; }

const char *kh_doc_warning(const kh_doc *kd, size_t i)
{
    return i < kd->d.nwarnings ? kd->d.warnings[i].msg : NULL;
}
