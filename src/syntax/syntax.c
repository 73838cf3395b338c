/*
 * syntax.c - loading the syntax models and running them on a sentence.
 */
#include "syntax/syntax.h"

#include <string.h>
#include <unistd.h>

int syn_load_tagger(model_file *f, tagger *t, const char *path, buf *err)
{
    if (model_map(f, path, TAG_KIND, err) != 0)
        return -1;
    buf why = BUF_INIT;
    int rc = tagger_from_payload(t, f->payload, f->payload_size, &why);
    if (rc != 0) {
        buf_printf(err, "%s: %s; rebuild it with `make model`", path, why.p ? why.p : "unusable");
        model_unmap(f);
    }
    buf_free(&why);
    return rc;
}

int syn_load_parser(model_file *f, parser *p, const char *path, buf *err)
{
    if (model_map(f, path, PARSE_KIND, err) != 0)
        return -1;
    buf why = BUF_INIT;
    int rc = parser_from_payload(p, f->payload, f->payload_size, &why);
    if (rc != 0) {
        buf_printf(err, "%s: %s; rebuild it with `make model`", path, why.p ? why.p : "unusable");
        model_unmap(f);
    }
    buf_free(&why);
    return rc;
}

int syn_open(syn_models *m, const char *dir, buf *err)
{
    memset(m, 0, sizeof *m);
    buf path = BUF_INIT;
    int rc = 0;
    buf_printf(&path, "%s/models/tagger.bin", dir);
    if (!path.failed && access(path.p, F_OK) == 0) {
        rc = syn_load_tagger(&m->tagger_file, &m->tagger, path.p, err);
        m->has_tagger = rc == 0;
    }
    buf_clear(&path);
    buf_printf(&path, "%s/models/parser.bin", dir);
    if (rc == 0 && !path.failed && access(path.p, F_OK) == 0) {
        rc = syn_load_parser(&m->parser_file, &m->parser, path.p, err);
        m->has_parser = rc == 0;
    }
    if (path.failed)
        rc = -2;
    buf_free(&path);
    if (rc != 0)
        syn_close(m);
    return rc;
}

void syn_close(syn_models *m)
{
    model_unmap(&m->tagger_file);
    model_unmap(&m->parser_file);
    memset(m, 0, sizeof *m);
}

int syn_analyse(const syn_models *m, word *w, uint32_t n, arena *scratch)
{
    if (m->has_tagger && tagger_tag(&m->tagger, w, n, scratch) != 0)
        return -1;
    if (m->has_tagger && m->has_parser && parser_parse(&m->parser, w, n, scratch) != 0)
        return -1;
    return 0;
}
