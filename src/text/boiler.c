/*
 * boiler.c - boilerplate and repeat detection over sentences.
 *
 * Patterns are matched against a "flat" view of each sentence: token forms
 * in ASCII lower case joined by single spaces, so "Photo: AFP via Getty
 * Images" reads "photo : afp via getty images".
 */
#include "text/boiler.h"

#include <pthread.h>
#include <string.h>

#include "khaldun.h"

static char ascii_lower(char c) { return (char)((c >= 'A' && c <= 'Z') ? c + 32 : c); }

/* Builds the flat view of sentence s into out. */
static void flatten(const doc *d, const sent *s, buf *out)
{
    buf_clear(out);
    for (uint32_t k = 0; k < s->tok_count; k++) {
        const tok *t = &d->toks[s->tok_first + k];
        if (buf_reserve(out, t->form_len + 1) != 0)
            return;
        if (k)
            out->p[out->len++] = ' ';
        for (uint32_t c = 0; c < t->form_len; c++)
            out->p[out->len++] = ascii_lower(t->form[c]);
        out->p[out->len] = '\0';
    }
}

/* Boilerplate sentences are short; longer ones are only checked for a
 * copyright sign among their tokens. */
enum { FLAT_MAX_TOKENS = 40 };

static int has_copyright_sign(const doc *d, const sent *s)
{
    for (uint32_t k = 0; k < s->tok_count; k++) {
        const char *f = d->toks[s->tok_first + k].form;
        if (strcmp(f, "\xc2\xa9") == 0)
            return 1;
    }
    return 0;
}

static int starts_with(const char *s, const char *p) { return strncmp(s, p, strlen(p)) == 0; }

static int contains_any(const char *s, const char *const *pats)
{
    for (; *pats; pats++)
        if (strstr(s, *pats))
            return 1;
    return 0;
}

static int starts_with_any(const char *s, const char *const *pats)
{
    for (; *pats; pats++)
        if (starts_with(s, *pats))
            return 1;
    return 0;
}

/* A four-digit year 1900-2099 somewhere in s. */
static int has_year(const char *s)
{
    for (const char *p = s; *p; p++) {
        if ((p[0] == '1' && p[1] == '9') || (p[0] == '2' && p[1] == '0')) {
            if (p[2] >= '0' && p[2] <= '9' && p[3] >= '0' && p[3] <= '9' &&
                (p == s || p[-1] == ' ') && (p[4] == ' ' || p[4] == '\0'))
                return 1;
        }
    }
    return 0;
}

static int is_copyright(const char *f)
{
    if (strstr(f, "all rights reserved") || strstr(f, "\xc2\xa9"))
        return 1;
    if ((strstr(f, "copyright") || strstr(f, "( c )")) && (has_year(f) || strstr(f, "rights")))
        return 1;
    return 0;
}

static int is_credit(const char *f, uint32_t ntok)
{
    static const char *const inside[] = {"getty images", "getty image", "shutterstock",
                                         "ap photo", "afp photo", "reuters photo", "epa-efe",
                                         "/ reuters", "reuters /", "/ afp", "afp /", "/ ap ",
                                         "photo credit", "image credit", "picture alliance",
                                         "via reuters", "via ap", "via afp", NULL};
    static const char *const opening[] = {"photo :", "photos :", "photograph :", "image :",
                                          "images :", "picture :", "credit :", "credits :",
                                          "photo by ", "photograph by ", "photos by ",
                                          "photo courtesy", "courtesy of ", "( photo",
                                          "file photo :", NULL};
    if (ntok > 24)
        return 0;
    return contains_any(f, inside) || starts_with_any(f, opening);
}

static int is_byline(const doc *d, const sent *s, const char *f)
{
    static const char *const credit[] = {"reporting by ", "additional reporting by ",
                                         "writing by ", "editing by ", "compiled by ",
                                         "( reporting by ", "( writing by ", "( editing by ",
                                         NULL};
    if (starts_with_any(f, credit))
        return 1;
    if (!starts_with(f, "by ") || s->tok_count > 10 || !(s->flags & KH_SENT_LINE))
        return 0;
    /* "By John Smith and Jane Doe": every word after "By" capitalised or "and" */
    for (uint32_t k = 1; k < s->tok_count; k++) {
        const tok *t = &d->toks[s->tok_first + k];
        if (t->kind == TK_WORD && t->shape == SHAPE_LOWER && strcmp(t->form, "and") != 0)
            return 0;
    }
    return 1;
}

static int is_promo(const char *f)
{
    static const char *const whole[] = {"advertisement", "advertisement :", "advertising",
                                        "story continues below advertisement", "share", "share this",
                                        "related", "related :", NULL};
    static const char *const opening[] = {"click here", "read more", "read also", "related :",
                                          "related stories", "related articles", "share this article",
                                          "share on ", "follow us on", "sign up for",
                                          "subscribe to our", "download our app",
                                          "to continue reading", "this article was originally",
                                          NULL};
    for (const char *const *w = whole; *w; w++)
        if (strcmp(f, *w) == 0)
            return 1;
    return starts_with_any(f, opening);
}

/* ---- repeats ---- */

static uint64_t repeat_key(const doc *d, const sent *s, uint32_t *words)
{
    uint64_t h = 1469598103934665603ull;
    *words = 0;
    for (uint32_t k = 0; k < s->tok_count; k++) {
        const tok *t = &d->toks[s->tok_first + k];
        if (t->kind == TK_PUNCT)
            continue;
        if (t->kind == TK_WORD)
            (*words)++;
        h = (h ^ t->hash) * 1099511628211ull;
    }
    return h;
}

static int same_words(const doc *d, const sent *a, const sent *b)
{
    uint32_t i = 0, j = 0;
    for (;;) {
        while (i < a->tok_count && d->toks[a->tok_first + i].kind == TK_PUNCT)
            i++;
        while (j < b->tok_count && d->toks[b->tok_first + j].kind == TK_PUNCT)
            j++;
        if (i == a->tok_count || j == b->tok_count)
            return i == a->tok_count && j == b->tok_count;
        const tok *x = &d->toks[a->tok_first + i++], *y = &d->toks[b->tok_first + j++];
        if (x->form_len != y->form_len)
            return 0;
        for (uint32_t c = 0; c < x->form_len; c++)
            if (ascii_lower(x->form[c]) != ascii_lower(y->form[c]))
                return 0;
    }
}

typedef struct seen_slot {
    uint64_t key;
    uint32_t sent_plus1; /* 0 = empty */
} seen_slot;

static int mark_repeats(doc *d)
{
    uint32_t cap = 16;
    while (cap < d->nsents * 2u)
        cap *= 2;
    seen_slot *tab = arena_calloc(d->mem, cap, sizeof(seen_slot));
    if (!tab)
        return -1;
    for (uint32_t i = 0; i < d->nsents; i++) {
        sent *s = &d->sents[i];
        uint32_t words;
        uint64_t key = repeat_key(d, s, &words);
        if (words < 3)
            continue;
        uint32_t slot = (uint32_t)(key & (cap - 1));
        for (;;) {
            seen_slot *e = &tab[slot];
            if (!e->sent_plus1) {
                e->key = key;
                e->sent_plus1 = i + 1;
                break;
            }
            if (e->key == key && same_words(d, &d->sents[e->sent_plus1 - 1], s)) {
                s->flags |= KH_SENT_REPEAT | KH_SENT_BOILERPLATE;
                if (!s->reason)
                    s->reason = "repeat";
                break;
            }
            slot = (slot + 1) & (cap - 1);
        }
    }
    return 0;
}

/* Marks sentence i as a copyright notice, and the short sentences after it
 * on the same line ("All rights reserved.", "Do not reproduce without
 * permission.").  News sentences before it on the line are kept. */
static void mark_copyright(doc *d, uint32_t i)
{
    enum { NOTICE_MAX_TOKENS = 15 };
    for (uint32_t k = i; k < d->nsents; k++) {
        sent *s = &d->sents[k];
        if (k > i && ((d->toks[s->tok_first].flags & TF_NEWLINE) || s->tok_count > NOTICE_MAX_TOKENS))
            break;
        s->flags |= KH_SENT_BOILERPLATE;
        if (!s->reason || strcmp(s->reason, "repeat") == 0)
            s->reason = "copyright";
    }
}

/* ---- a cheap filter before the patterns ----
 * A sentence can only be boilerplate when one of its words is a trigger
 * ("copyright", "getty", "photo" ...) or its first word opens a byline or a
 * promotion ("By", "Read", "Advertisement" ...).  Token hashes go through a
 * small bitmap first. */

static const char *const TRIGGERS_ANYWHERE[] = {
    "\xc2\xa9", "copyright", "rights", "c", "getty", "images", "image", "shutterstock", "photo",
    "photos", "photograph", "picture", "pictures", "credit", "credits", "courtesy", "reuters",
    "afp", "ap", "epa-efe", "alliance", NULL};
static const char *const TRIGGERS_FIRST[] = {
    "by", "reporting", "additional", "writing", "editing", "compiled", "(", "click", "read",
    "related", "share", "follow", "sign", "subscribe", "download", "to", "this",
    "advertisement", "advertising", "story", NULL};

typedef struct trigger_set {
    uint64_t bits[4];     /* bitmap over hash & 255 */
    uint32_t anywhere[32], first[32];
    int n_anywhere, n_first;
} trigger_set;

static trigger_set TRIGGERS;
static pthread_once_t triggers_once = PTHREAD_ONCE_INIT;

static void triggers_init(void)
{
    trigger_set *ts = &TRIGGERS;
    memset(ts, 0, sizeof *ts);
    for (int k = 0; TRIGGERS_ANYWHERE[k]; k++) {
        uint32_t h = tok_hash_lower(TRIGGERS_ANYWHERE[k], strlen(TRIGGERS_ANYWHERE[k]));
        ts->anywhere[ts->n_anywhere++] = h;
        ts->bits[(h & 255) >> 6] |= 1ull << (h & 63);
    }
    for (int k = 0; TRIGGERS_FIRST[k]; k++)
        ts->first[ts->n_first++] = tok_hash_lower(TRIGGERS_FIRST[k], strlen(TRIGGERS_FIRST[k]));
}

static int hash_in(const uint32_t *set, int n, uint32_t h)
{
    for (int k = 0; k < n; k++)
        if (set[k] == h)
            return 1;
    return 0;
}

static int may_be_boilerplate(const doc *d, const sent *s, const trigger_set *ts)
{
    if (hash_in(ts->first, ts->n_first, d->toks[s->tok_first].hash))
        return 1;
    for (uint32_t k = 0; k < s->tok_count; k++) {
        uint32_t h = d->toks[s->tok_first + k].hash;
        if ((ts->bits[(h & 255) >> 6] >> (h & 63)) & 1 && hash_in(ts->anywhere, ts->n_anywhere, h))
            return 1;
    }
    return 0;
}

int boil_mark(doc *d)
{
    buf flat = BUF_INIT;
    pthread_once(&triggers_once, triggers_init);
    const trigger_set *ts = &TRIGGERS;
    for (uint32_t i = 0; i < d->nsents; i++) {
        sent *s = &d->sents[i];
        if (s->tok_count > FLAT_MAX_TOKENS) {
            if (has_copyright_sign(d, s))
                mark_copyright(d, i);
            continue;
        }
        if (!may_be_boilerplate(d, s, ts))
            continue;
        flatten(d, s, &flat);
        if (flat.failed) {
            buf_free(&flat);
            return -1;
        }
        const char *f = flat.p ? flat.p : "";
        if (is_copyright(f)) {
            mark_copyright(d, i);
        } else if (is_credit(f, s->tok_count)) {
            s->flags |= KH_SENT_BOILERPLATE;
            s->reason = "credit";
        } else if (is_byline(d, s, f)) {
            s->flags |= KH_SENT_BOILERPLATE;
            s->reason = "byline";
        } else if (is_promo(f)) {
            s->flags |= KH_SENT_BOILERPLATE;
            s->reason = "promo";
        }
    }
    buf_free(&flat);
    return mark_repeats(d);
}
