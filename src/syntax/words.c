/*
 * words.c - from tokens to syntactic words (clitics and hyphens split the
 * Universal Dependencies way).
 */
#include "syntax/words.h"

#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "text/chars.h"
#include "text/norm.h"
#include "text/tok.h"

void word_set_form(word *w, const char *form)
{
    w->form = form;
    w->len = (uint32_t)strlen(form);
    w->hash = 2166136261u;
    for (uint32_t k = 0; k < w->len; k++) {
        unsigned char c = (unsigned char)form[k];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        w->hash = (w->hash ^ c) * 16777619u;
    }
}

const char *word_fold(const char *form, arena *a)
{
    const unsigned char *p = (const unsigned char *)form;
    size_t n = strlen(form), i = 0;
    while (i < n && p[i] < 0x80)
        i++;
    if (i == n)
        return form;
    buf out = BUF_INIT;
    for (i = 0; i < n;) {
        size_t bad, len = txt_utf8_seq(p + i, n - i, &bad);
        if (!len) {
            buf_append(&out, p + i, bad);
            i += bad;
            continue;
        }
        const char *fold = len > 1 ? txt_fold_cp(utf8_decode(p + i, &len)) : NULL;
        if (fold)
            buf_puts(&out, fold);
        else
            buf_append(&out, p + i, len);
        i += len;
    }
    const char *r = out.failed ? NULL : arena_strndup(a, out.p ? out.p : "", out.len);
    buf_free(&out);
    return r;
}

/* ---- where a token splits ---- */

static uint32_t lower_at(const doc *d, uint32_t i) { return ch_ascii_lower(d->ncp[i]); }

/* Does ncp[i, e) spell lit (ASCII, case-insensitive, apostrophes of any kind)? */
static int spells(const doc *d, uint32_t i, uint32_t e, const char *lit)
{
    size_t n = strlen(lit);
    if (e - i != n)
        return 0;
    for (size_t k = 0; k < n; k++) {
        uint32_t c = lower_at(d, i + (uint32_t)k);
        if (lit[k] == '\'' ? !ch_apostrophe(c) : c != (uint32_t)lit[k])
            return 0;
    }
    return 1;
}

/* Where the clitic of token [b, e) starts, or 0 when it has none. */
static uint32_t clitic_split(const doc *d, uint32_t b, uint32_t e)
{
    static const char *const tails[] = {"n't", "'s", "'ll", "'re", "'ve", "'d", "'m", NULL};
    if (e - b >= 3 && ch_apostrophe(d->ncp[e - 1]) && lower_at(d, e - 2) == 's')
        return e - 1; /* workers' */
    for (int k = 0; tails[k]; k++) {
        uint32_t n = (uint32_t)strlen(tails[k]);
        if (e - b > n && spells(d, e - n, e, tails[k]))
            return e - n;
    }
    return 0;
}

/* Whole-word contractions the treebanks split without an apostrophe. */
static uint32_t fused_split(const doc *d, uint32_t b, uint32_t e)
{
    static const struct {
        const char *word;
        uint32_t at;
    } fused[] = {{"cannot", 3}, {"gonna", 3}, {"wanna", 3}, {"gotta", 3}};
    for (size_t k = 0; k < sizeof fused / sizeof fused[0]; k++)
        if (spells(d, b, e, fused[k].word))
            return b + fused[k].at;
    return 0;
}

/* Prefixes the treebanks leave attached to what follows the hyphen. */
static int kept_prefix(const doc *d, uint32_t b, uint32_t e)
{
    static const char *const prefixes[] = {
        "anti", "bi", "co", "counter", "cross", "de", "e", "ex", "hyper", "inter", "intra", "macro",
        "micro", "mid", "mini", "multi", "neo", "non", "over", "pan", "post", "pre", "pro", "pseudo",
        "psycho", "quasi", "re", "semi", "socio", "sub", "super", "trans", "tri", "ultra", "un", "under",
        NULL};
    for (int k = 0; prefixes[k]; k++)
        if (spells(d, b, e, prefixes[k]))
            return 1;
    return 0;
}

/* ---- building ---- */

typedef struct builder {
    const doc *d;
    arena *a;
    word *w;
    uint32_t n, cap;
} builder;

static int add_word(builder *bd, uint32_t ti, uint32_t b, uint32_t e, int mwt, int first, int space)
{
    if (bd->n == bd->cap) {
        word *grown = arena_reserve(bd->a, bd->w, &bd->cap, bd->n + 1, sizeof(word));
        if (!grown)
            return -1;
        bd->w = grown;
    }
    uint32_t len;
    const char *form = tok_make_form(bd->d, b, e, bd->a, &len);
    if (!form)
        return -1;
    word *w = &bd->w[bd->n++];
    memset(w, 0, sizeof *w);
    word_set_form(w, form);
    w->start = doc_orig_at(bd->d, b);
    w->end = doc_orig_at(bd->d, e);
    w->tok = ti;
    w->mwt = (uint8_t)mwt;
    w->mwt_first = (uint8_t)first;
    w->space_after = (uint8_t)space;
    w->head = -1;
    return 0;
}

/* Splits a hyphenated token [b, e) at its hyphens (unless the first part is
 * a kept prefix): parts and hyphens become words of their own. */
static int add_hyphenated(builder *bd, uint32_t ti, uint32_t b, uint32_t e, int space)
{
    const doc *d = bd->d;
    uint32_t first_hyphen = b;
    while (first_hyphen < e && !ch_hyphen(d->ncp[first_hyphen]))
        first_hyphen++;
    if (first_hyphen == e || kept_prefix(d, b, first_hyphen))
        return add_word(bd, ti, b, e, 0, 0, space);
    uint32_t start = b;
    for (uint32_t i = b; i <= e; i++) {
        if (i < e && !ch_hyphen(d->ncp[i]))
            continue;
        if (i > start && add_word(bd, ti, start, i, 0, 0, i == e ? space : 0) != 0)
            return -1;
        if (i < e && add_word(bd, ti, i, i + 1, 0, 0, 0) != 0)
            return -1;
        start = i + 1;
    }
    return 0;
}

static int add_token(builder *bd, uint32_t ti)
{
    const doc *d = bd->d;
    const tok *t = &d->toks[ti];
    int space = ti + 1 >= d->ntoks || (d->toks[ti + 1].flags & TF_SPACE_BEFORE);
    uint32_t split = 0;
    if (t->kind == TK_WORD) {
        split = (t->flags & TF_CLITIC) ? clitic_split(d, t->nb, t->ne) : fused_split(d, t->nb, t->ne);
        if (!split && (t->flags & TF_HYPHEN) && !(t->flags & TF_ABBREV))
            return add_hyphenated(bd, ti, t->nb, t->ne, space);
    }
    if (!split)
        return add_word(bd, ti, t->nb, t->ne, 0, 0, space);
    if (add_word(bd, ti, t->nb, split, 1, 1, 0) != 0)
        return -1;
    return add_word(bd, ti, split, t->ne, 1, 0, space);
}

int64_t words_of_sentence(const doc *d, const sent *s, arena *a, word **out)
{
    builder bd = {d, a, NULL, 0, 0};
    bd.cap = s->tok_count + 4;
    bd.w = arena_alloc(a, (size_t)bd.cap * sizeof(word));
    if (!bd.w)
        return -1;
    for (uint32_t k = 0; k < s->tok_count; k++)
        if (add_token(&bd, s->tok_first + k) != 0)
            return -1;
    *out = bd.w;
    return bd.n;
}
