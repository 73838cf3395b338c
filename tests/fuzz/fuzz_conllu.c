/*
 * fuzz_conllu.c - libFuzzer harness for the CoNLL-U reader and writer.
 *
 * Reads arbitrary bytes as a CoNLL-U stream.  For every sentence returned it
 * checks the reader's promises (heads in 0..n or all -1, ranges sorted,
 * disjoint and within 1..n, every string valid UTF-8, NUL-terminated and
 * free of line feeds (and of tabs in columns), space_after agreeing with MISC), then writes
 * the sentence with conllu_write, reads that back and checks it gives the
 * same words (every column), ranges and comments, with no message.
 * Every refusal must name the stream and a line.  abort() on any violation.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "syntax/conllu.h"
#include "text/norm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NAME "f"

static void check(int ok)
{
    if (!ok)
        abort();
}

enum { COLUMN, COMMENT, COMMENT_VALUE };

/* A string handed out: non-NULL, valid UTF-8 without NUL (strlen is its
 * length) or line feed; a column is also non-empty and has no tab. */
static void check_str(const char *s, int kind)
{
    check(s != NULL);
    size_t n = strlen(s);
    check(kind == COMMENT_VALUE || n > 0);
    for (size_t i = 0; i < n;) {
        size_t bad = 0, len = txt_utf8_seq((const unsigned char *)s + i, n - i, &bad);
        check(len > 0);
        check(s[i] != '\n' && (kind != COLUMN || s[i] != '\t'));
        i += len;
    }
}

/* True when the |-separated list s holds the item `item`. */
static int has_item(const char *s, const char *item)
{
    size_t n = strlen(item);
    for (;;) {
        size_t len = strcspn(s, "|");
        if (len == n && memcmp(s, item, n) == 0)
            return 1;
        if (!s[len])
            return 0;
        s += len + 1;
    }
}

static void check_word(const conllu_word *w, uint32_t id, uint32_t n, int heads_none)
{
    const char *cols[8] = {w->form, w->lemma, w->upos, w->xpos, w->feats, w->deprel, w->deps, w->misc};
    for (int k = 0; k < 8; k++)
        check_str(cols[k], COLUMN);
    check(heads_none ? w->head == -1 : (w->head >= 0 && (uint32_t)w->head <= n && (uint32_t)w->head != id));
    check(w->space_after == !has_item(w->misc, "SpaceAfter=No"));
}

/* The promises of one sentence read by conllu_next(). */
static void check_sent(const conllu_sent *s)
{
    check(s->nwords >= 1 && s->nwords <= CONLLU_MAX_WORDS && s->words);
    check(s->line >= 1);
    int heads_none = s->words[0].head == -1;
    for (uint32_t k = 0; k < s->nwords; k++)
        check_word(&s->words[k], k + 1, s->nwords, heads_none);
    for (uint32_t k = 0; k < s->nranges; k++) {
        const conllu_range *g = &s->ranges[k];
        check(g->first >= 1 && g->first < g->last && g->last <= s->nwords);
        check(k == 0 || s->ranges[k - 1].last < g->first);
        check_str(g->form, COLUMN);
        check_str(g->misc, COLUMN);
        check_str(g->feats, COLUMN);
        check(g->space_after == !has_item(g->misc, "SpaceAfter=No"));
    }
    for (uint32_t k = 0; k < s->ncomments; k++) {
        check_str(s->comments[k], COMMENT);
        check(s->comments[k][0] == '#');
    }
    if (s->sent_id)
        check_str(s->sent_id, COMMENT_VALUE);
    if (s->text)
        check_str(s->text, COMMENT_VALUE);
}

/* True when a and b hold the same words, ranges and comments. */
static int same(const conllu_sent *a, const conllu_sent *b)
{
    if (a->nwords != b->nwords || a->nranges != b->nranges || a->ncomments != b->ncomments)
        return 0;
    for (uint32_t k = 0; k < a->nwords; k++) {
        const conllu_word *x = &a->words[k], *y = &b->words[k];
        if (x->head != y->head || x->space_after != y->space_after || strcmp(x->form, y->form) ||
            strcmp(x->lemma, y->lemma) || strcmp(x->upos, y->upos) || strcmp(x->xpos, y->xpos) ||
            strcmp(x->feats, y->feats) || strcmp(x->deprel, y->deprel) || strcmp(x->deps, y->deps) ||
            strcmp(x->misc, y->misc))
            return 0;
    }
    for (uint32_t k = 0; k < a->nranges; k++) {
        const conllu_range *x = &a->ranges[k], *y = &b->ranges[k];
        if (x->first != y->first || x->last != y->last || x->space_after != y->space_after ||
            strcmp(x->form, y->form) || strcmp(x->feats, y->feats) || strcmp(x->misc, y->misc))
            return 0;
    }
    for (uint32_t k = 0; k < a->ncomments; k++)
        if (strcmp(a->comments[k], b->comments[k]))
            return 0;
    return 1;
}

/* Writes s, reads it back and compares. */
static void round_trip(const conllu_sent *s)
{
    buf out = BUF_INIT, err = BUF_INIT;
    conllu_write(&out, s);
    check(!out.failed && out.len > 0);
    FILE *f = fmemopen(out.p, out.len, "r");
    check(f != NULL);
    conllu_reader *r = conllu_open(f, NAME, &err);
    check(r != NULL);
    arena a;
    arena_init(&a, 0);
    conllu_sent back;
    check(conllu_next(r, &back, &a, &err) == CONLLU_SENT);
    check(err.len == 0);
    check(same(s, &back));
    check(conllu_next(r, &back, &a, &err) == CONLLU_END);
    conllu_close(r);
    fclose(f);
    arena_free(&a);
    buf_free(&out);
    buf_free(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    FILE *f = fmemopen((void *)(uintptr_t)data, size, "r");
    if (!f)
        return 0;
    buf err = BUF_INIT;
    conllu_reader *r = conllu_open(f, NAME, &err);
    check(r != NULL);
    arena a;
    arena_init(&a, 0);
    conllu_sent s;
    int got;
    while ((got = conllu_next(r, &s, &a, &err)) != CONLLU_END) {
        check(got == CONLLU_SENT || got == CONLLU_SKIP);
        if (got == CONLLU_SENT) {
            check_sent(&s);
            round_trip(&s);
        }
        check(err.len == 0 || strncmp(err.p, NAME ":", 2) == 0); /* every message says where */
        check(got == CONLLU_SENT || err.len > 0);                  /* every refusal says why */
        buf_clear(&err);
        arena_reset(&a);
    }
    conllu_close(r);
    fclose(f);
    arena_free(&a);
    buf_free(&err);
    return 0;
}
