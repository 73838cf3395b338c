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

static int syn_load_lemma(model_file *f, lem_model *lm, const char *path, buf *err)
{
    if (model_map(f, path, LEM_KIND, err) != 0)
        return -1;
    buf why = BUF_INIT;
    int rc = lem_from_payload(lm, f->payload, f->payload_size, &why);
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
    buf_clear(&path);
    buf_printf(&path, "%s/models/lemma.bin", dir);
    if (rc == 0 && !path.failed && access(path.p, F_OK) == 0) {
        rc = syn_load_lemma(&m->lemma_file, &m->lemma, path.p, err);
        m->has_lemma = rc == 0;
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
    model_unmap(&m->lemma_file);
    memset(m, 0, sizeof *m);
}

/* Sets the lemma of every word from its form and tags. */
static int lemmatise(const syn_models *m, word *w, uint32_t n, arena *scratch)
{
    char small[256];
    for (uint32_t i = 0; i < n; i++) {
        const char *xpos = tagger_xpos(&m->tagger, w[i].tag), *upos = tagger_upos(&m->tagger, w[i].tag);
        const lem_model *lm = m->has_lemma ? &m->lemma : NULL;
        size_t len = lem_lemmatize(lm, w[i].form, w[i].len, xpos, upos, small, sizeof small);
        if (len < sizeof small) {
            w[i].lemma = arena_strndup(scratch, small, len);
        } else {
            char *big = arena_alloc(scratch, len + 1);
            if (big)
                lem_lemmatize(lm, w[i].form, w[i].len, xpos, upos, big, len + 1);
            w[i].lemma = big;
        }
        if (!w[i].lemma)
            return -1;
    }
    return 0;
}

int syn_analyse(const syn_models *m, word *w, uint32_t n, arena *scratch)
{
    if (m->has_tagger && tagger_tag(&m->tagger, w, n, scratch) != 0)
        return -1;
    if (m->has_tagger && lemmatise(m, w, n, scratch) != 0)
        return -1;
    if (m->has_tagger && m->has_parser && parser_parse(&m->parser, w, n, scratch) != 0)
        return -1;
    return 0;
}

int syn_reparse_as_verb(const syn_models *m, word *w, uint32_t n, uint32_t i, arena *scratch)
{
    if (!m->has_tagger || !m->has_parser || i >= n)
        return 1;
    const char *f = w[i].form;
    size_t len = w[i].len;
    const char *xpos = len > 3 && f[len - 1] == 's' && f[len - 2] != 's' ? "VBZ"
                       : len > 3 && f[len - 2] == 'e' && f[len - 1] == 'd' ? "VBD"
                       : len > 4 && memcmp(f + len - 3, "ing", 3) == 0 ? "VBG"
                                                                          : "VBP";
    uint32_t c = 0;
    while (c < m->tagger.nclasses &&
           !(strcmp(tagger_upos(&m->tagger, (uint16_t)c), "VERB") == 0 &&
             strcmp(tagger_xpos(&m->tagger, (uint16_t)c), xpos) == 0))
        c++;
    if (c == m->tagger.nclasses)
        return 1;
    w[i].tag = (uint16_t)c;
    if (lemmatise(m, w + i, 1, scratch) != 0 || parser_parse(&m->parser, w, n, scratch) != 0)
        return -1;
    return 0;
}
