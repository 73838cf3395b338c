/*
 * treebank.c - loading CoNLL-U treebanks into memory, and their class tables.
 */
#include "syntax/treebank.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "syntax/conllu.h"

void tb_init(treebank *tb)
{
    memset(tb, 0, sizeof *tb);
    arena_init(&tb->mem, 1u << 20);
}

void tb_free(treebank *tb)
{
    mem_free(tb->s);
    arena_free(&tb->mem);
    memset(tb, 0, sizeof *tb);
}

/* Copies one CoNLL-U sentence into the treebank's arena. */
static int add_sentence(treebank *tb, const conllu_sent *cs)
{
    if (tb->n == tb->cap) {
        size_t cap = tb->cap ? tb->cap * 2 : 1024;
        tb_sent *s = mem_realloc(tb->s, cap * sizeof *s);
        if (!s)
            return -1;
        tb->s = s;
        tb->cap = cap;
    }
    arena *a = &tb->mem;
    uint32_t n = cs->nwords;
    tb_sent *s = &tb->s[tb->n];
    memset(s, 0, sizeof *s);
    s->n = n;
    s->w = arena_calloc(a, n, sizeof(word));
    s->upos = arena_calloc(a, n, sizeof(char *));
    s->xpos = arena_calloc(a, n, sizeof(char *));
    s->deprel = arena_calloc(a, n, sizeof(char *));
    s->lemma = arena_calloc(a, n, sizeof(char *));
    s->head = arena_calloc(a, n, sizeof(int32_t));
    s->tag = arena_calloc(a, n, sizeof(uint16_t));
    s->label = arena_calloc(a, n, sizeof(uint16_t));
    if (!s->w || !s->upos || !s->xpos || !s->deprel || !s->lemma || !s->head || !s->tag || !s->label)
        return -1;
    for (uint32_t i = 0; i < n; i++) {
        const conllu_word *cw = &cs->words[i];
        const char *form = word_fold(cw->form, a);
        if (form == cw->form)
            form = arena_strndup(a, cw->form, strlen(cw->form));
        s->upos[i] = arena_strndup(a, cw->upos, strlen(cw->upos));
        s->xpos[i] = arena_strndup(a, cw->xpos, strlen(cw->xpos));
        s->deprel[i] = arena_strndup(a, cw->deprel, strlen(cw->deprel));
        s->lemma[i] = arena_strndup(a, cw->lemma, strlen(cw->lemma));
        if (!form || !s->upos[i] || !s->xpos[i] || !s->deprel[i] || !s->lemma[i])
            return -1;
        word_set_form(&s->w[i], form);
        s->w[i].space_after = cw->space_after;
        s->head[i] = cw->head > 0 ? cw->head - 1 : -1;
        s->w[i].head = -1;
    }
    tb->n++;
    tb->words += n;
    return 0;
}

int64_t tb_read(treebank *tb, const char *path, buf *err)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        buf_printf(err, "%s: cannot open\n", path);
        return -1;
    }
    buf msg = BUF_INIT;
    conllu_reader *r = conllu_open(f, path, &msg);
    arena scratch;
    arena_init(&scratch, 0);
    int64_t added = 0;
    int got;
    for (;;) {
        if (!r) {
            added = -1;
            break;
        }
        conllu_sent cs;
        buf_clear(&msg);
        arena_reset(&scratch);
        got = conllu_next(r, &cs, &scratch, &msg);
        if (msg.len)
            buf_printf(err, "%s\n", msg.p);
        if (got == CONLLU_END)
            break;
        if (got == CONLLU_FAIL) {
            added = -1;
            break;
        }
        if (got == CONLLU_SENT) {
            if (add_sentence(tb, &cs) != 0) {
                added = -1;
                break;
            }
            added++;
        }
    }
    conllu_close(r);
    arena_free(&scratch);
    buf_free(&msg);
    fclose(f);
    return added;
}

/* ---- class tables ---- */

void tb_names_free(tb_names *t)
{
    mem_free(t->name);
    mem_free(t->count);
    memset(t, 0, sizeof *t);
}

static int64_t names_find(const tb_names *t, const char *s)
{
    for (uint32_t k = 0; k < t->n; k++)
        if (strcmp(t->name[k], s) == 0)
            return k;
    return -1;
}

static int names_count(tb_names *t, const char *s)
{
    int64_t k = names_find(t, s);
    if (k >= 0) {
        t->count[k]++;
        return 0;
    }
    if (t->n == t->cap) {
        uint32_t cap = t->cap ? t->cap * 2 : 64;
        char(*name)[16] = mem_realloc(t->name, cap * sizeof *name);
        if (!name)
            return -1;
        t->name = name;
        uint32_t *count = mem_realloc(t->count, cap * sizeof *count);
        if (!count)
            return -1;
        t->count = count;
        t->cap = cap;
    }
    snprintf(t->name[t->n], sizeof t->name[0], "%s", s);
    t->count[t->n++] = 1;
    return 0;
}

/* Sorts by descending count, then by name: a deterministic order. */
static void names_sort(tb_names *t)
{
    for (uint32_t i = 1; i < t->n; i++)
        for (uint32_t j = i; j > 0; j--) {
            int swap = t->count[j] > t->count[j - 1] ||
                       (t->count[j] == t->count[j - 1] && strcmp(t->name[j], t->name[j - 1]) < 0);
            if (!swap)
                break;
            char tmp[16];
            memcpy(tmp, t->name[j], 16);
            memcpy(t->name[j], t->name[j - 1], 16);
            memcpy(t->name[j - 1], tmp, 16);
            uint32_t c = t->count[j];
            t->count[j] = t->count[j - 1];
            t->count[j - 1] = c;
        }
}

static void tag_key(char *out, const char *upos, const char *xpos)
{
    snprintf(out, 16, "%.7s %.7s", upos, xpos);
}

int tb_tag_classes(const treebank *tb, uint32_t max, tb_names *names)
{
    memset(names, 0, sizeof *names);
    char key[16];
    for (size_t k = 0; k < tb->n; k++)
        for (uint32_t i = 0; i < tb->s[k].n; i++) {
            tag_key(key, tb->s[k].upos[i], tb->s[k].xpos[i]);
            if (names_count(names, key) != 0)
                return -1;
        }
    names_sort(names);
    if (names->n > max)
        names->n = max;
    return 0;
}

int tb_label_classes(const treebank *tb, uint32_t max, tb_names *names)
{
    memset(names, 0, sizeof *names);
    for (size_t k = 0; k < tb->n; k++)
        for (uint32_t i = 0; i < tb->s[k].n; i++)
            if (names_count(names, tb->s[k].deprel[i]) != 0)
                return -1;
    names_sort(names);
    if (names->n > max)
        names->n = max;
    return 0;
}

void tb_assign_tags(treebank *tb, const tb_names *classes, uint16_t missing)
{
    char key[16];
    for (size_t k = 0; k < tb->n; k++)
        for (uint32_t i = 0; i < tb->s[k].n; i++) {
            tag_key(key, tb->s[k].upos[i], tb->s[k].xpos[i]);
            int64_t c = names_find(classes, key);
            tb->s[k].tag[i] = c >= 0 ? (uint16_t)c : missing;
        }
}

void tb_assign_labels(treebank *tb, const tb_names *labels, uint16_t missing)
{
    for (size_t k = 0; k < tb->n; k++)
        for (uint32_t i = 0; i < tb->s[k].n; i++) {
            int64_t c = names_find(labels, tb->s[k].deprel[i]);
            tb->s[k].label[i] = c >= 0 ? (uint16_t)c : missing;
        }
}

/* ---- all-caps copies ---- */

/* form in ASCII upper case, in arena a (NULL when memory runs out). */
static const char *upper_copy(arena *a, const char *form, uint32_t len)
{
    char *up = arena_strndup(a, form, len);
    for (uint32_t k = 0; up && k < len; k++)
        if (up[k] >= 'a' && up[k] <= 'z')
            up[k] = (char)(up[k] - 32);
    return up;
}

/* Appends to tb an upper-case copy of sentence k (same gold annotation). */
static int add_caps_copy(treebank *tb, size_t k)
{
    if (tb->n == tb->cap) {
        size_t cap = tb->cap * 2;
        tb_sent *s = mem_realloc(tb->s, cap * sizeof *s);
        if (!s)
            return -1;
        tb->s = s;
        tb->cap = cap;
    }
    tb_sent *orig = &tb->s[k], *s = &tb->s[tb->n];
    *s = *orig;
    s->w = arena_calloc(&tb->mem, s->n, sizeof(word));
    s->tag = arena_calloc(&tb->mem, s->n, sizeof(uint16_t));
    s->label = arena_calloc(&tb->mem, s->n, sizeof(uint16_t));
    if (!s->w || !s->tag || !s->label)
        return -1;
    for (uint32_t i = 0; i < s->n; i++) {
        s->w[i] = orig->w[i];
        const char *up = upper_copy(&tb->mem, orig->w[i].form, orig->w[i].len);
        if (!up)
            return -1;
        word_set_form(&s->w[i], up);
    }
    memcpy(s->tag, orig->tag, s->n * sizeof(uint16_t));
    memcpy(s->label, orig->label, s->n * sizeof(uint16_t));
    tb->n++;
    tb->words += s->n;
    return 0;
}

int64_t tb_add_caps_copies(treebank *tb, uint32_t every, uint32_t max_words)
{
    size_t n = tb->n, eligible = 0;
    int64_t added = 0;
    for (size_t k = 0; every && k < n; k++) {
        if (tb->s[k].n > max_words || eligible++ % every != 0)
            continue;
        if (add_caps_copy(tb, k) != 0)
            return -1;
        added++;
    }
    return added;
}
