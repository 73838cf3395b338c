/*
 * pattern.c - reading event patterns.
 */
#include "code/pattern.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "lex/dict.h"
#include "text/norm.h"

enum { MAX_ERRORS = 20, MAX_SLOTS = PATTERN_MAX_SLOTS };

uint32_t pattern_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t k = 0; k < n; k++) {
        unsigned char c = (unsigned char)s[k];
        h = (h ^ (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c)) * 16777619u;
    }
    return h;
}

static int grow(void **arr, uint32_t *cap, uint32_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    uint32_t c = *cap ? *cap * 2 : 256;
    while (c < need)
        c *= 2;
    void *p = mem_realloc(*arr, (size_t)c * elem);
    if (!p)
        return -1;
    *arr = p;
    *cap = c;
    return 0;
}

int pattern_init(pattern_set *ps)
{
    memset(ps, 0, sizeof *ps);
    if (lex_init(&ps->discards) != 0 || grow((void **)&ps->strings, &ps->strings_cap, 1, 1) != 0) {
        pattern_free(ps);
        return -1;
    }
    ps->strings[ps->nstrings++] = 0;
    return 0;
}

void pattern_free(pattern_set *ps)
{
    mem_free(ps->p);
    mem_free(ps->slots);
    mem_free(ps->lemmas);
    mem_free(ps->strings);
    mem_free(ps->known);
    lex_free(&ps->discards);
    memset(ps, 0, sizeof *ps);
}

/* ---- reading ---- */

typedef struct reader {
    pattern_set *ps;
    const char *name;
    uint32_t line, source;
    int noun, discards, errors;
    buf *err;
    arena scratch;
} reader;

static void fail(reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fail(reader *r, const char *fmt, ...)
{
    if (r->errors++ >= MAX_ERRORS)
        return;
    va_list ap;
    va_start(ap, fmt);
    buf_printf(r->err, "%s:%u: ", r->name, r->line);
    buf_vprintf(r->err, fmt, ap);
    buf_putc(r->err, '\n');
    va_end(ap);
}

static int lemma_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '\''; }

/* Stores the '|'-separated lemmas of s[0..n); returns their count, -1 if
 * malformed, -2 on memory. */
static int add_lemmas(reader *r, const char *s, size_t n, uint32_t *first)
{
    *first = r->ps->nlemmas;
    int count = 0;
    size_t b = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '|') {
            if (!lemma_char(s[i]) && s[i] != '_' &&
                !((s[i] == '*' || s[i] == '=') && i > b && (i + 1 == n || s[i + 1] == '|')))
                return -1; /* "revolution*": a stem, any word beginning so */
            continue;
        }
        if (i == b)
            return -1;
        if (grow((void **)&r->ps->lemmas, &r->ps->lemmas_cap, r->ps->nlemmas + 1, sizeof(uint32_t)) != 0)
            return -2;
        r->ps->lemmas[r->ps->nlemmas++] = pattern_hash(s + b, i - b);
        count++;
        b = i + 1;
    }
    return count;
}

/* A preposition: letters, words joined by '_' (stored with spaces). */
static int prep_word(const char *s, size_t n, uint32_t *hash)
{
    char tmp[64];
    if (n == 0 || n >= sizeof tmp)
        return -1;
    for (size_t k = 0; k < n; k++) {
        if (!(s[k] >= 'a' && s[k] <= 'z') && s[k] != '_')
            return -1;
        tmp[k] = s[k] == '_' ? ' ' : s[k];
    }
    *hash = pattern_hash(tmp, n);
    return 0;
}

/* Reads one slot; returns 0, -1 (malformed), -2 (memory). */
static int parse_slot(reader *r, const char *s, size_t n, pat_slot *sl)
{
    memset(sl, 0, sizeof *sl);
    if (n >= 2 && s[n - 2] == ':' && (s[n - 1] == 'S' || s[n - 1] == 'T')) {
        sl->role = (uint8_t)s[n - 1];
        n -= 2;
    }
    const char *eq = memchr(s, '=', n);
    size_t name = eq ? (size_t)(eq - s) : n;
    const char *val = eq ? eq + 1 : NULL;
    size_t vn = eq ? n - name - 1 : 0;
    if (name == 4 && memcmp(s, "subj", 4) == 0 && !eq) {
        sl->kind = PS_SUBJ;
        return sl->role == PR_TARGET ? 0 : -1;
    }
    if (name == 3 && memcmp(s, "prt", 3) == 0) {
        sl->kind = PS_PRT;
        return val && !sl->role && prep_word(val, vn, &sl->word) == 0 ? 0 : -1;
    }
    if ((name == 3 && memcmp(s, "pre", 3) == 0) || (name == 4 && memcmp(s, "post", 4) == 0) ||
        (name == 4 && memcmp(s, "next", 4) == 0) || (name == 4 && memcmp(s, "form", 4) == 0) ||
        (name == 5 && memcmp(s, "prior", 5) == 0)) {
        /* words before or after the head: "pre=not|refuse"; the head's own form: "form=left" */
        sl->kind = name == 3 ? PS_PRE : name == 5 ? PS_PRIOR : s[0] == 'p' ? PS_POST : s[0] == 'f' ? PS_FORM : PS_NEXT;
        if (!val || sl->role)
            return -1;
        int c = add_lemmas(r, val, vn, &sl->lemma0);
        if (c < 0)
            return c;
        sl->nlemmas = (uint16_t)c;
        return 0;
    }
    if ((name == 5 && memcmp(s, "later", 5) == 0) || (name == 7 && memcmp(s, "earlier", 7) == 0)) {
        /* the first actor after the previous slot's word, or before the previous word before the head */
        sl->kind = name == 5 ? PS_LATER : PS_EARLIER;
        return eq ? -1 : 0; /* without a role: an actor passed over (TABARI's "^") */
    }
    if (name == 8 && memcmp(s, "compound", 8) == 0) { /* coordinated subjects: "X and Y agree" */
        sl->kind = PS_COMPOUND;
        return eq || sl->role ? -1 : 0;
    }
    if (name == 4 && memcmp(s, "that", 4) == 0) {
        sl->kind = PS_THAT;
        return eq || sl->role ? -1 : 0;
    }
    if (name == 7 && memcmp(s, "to-VERB", 7) == 0) {
        sl->kind = PS_TOVERB;
        if (sl->role)
            return -1;
    } else if (name == 3 && memcmp(s, "obj", 3) == 0) {
        sl->kind = PS_OBJ;
    } else {
        sl->kind = PS_PREP;
        if (prep_word(s, name, &sl->word) != 0)
            return -1;
    }
    if (!val)
        return 0;
    int c = add_lemmas(r, val, vn, &sl->lemma0);
    if (c < 0)
        return c;
    sl->nlemmas = (uint16_t)c;
    return 0;
}

/* 1 when s[0..n) is 2 to 4 digits, or 2 or 3 digits and a capital
 * letter (a peer's variant of a code, "075A"; the code table decides
 * whether it can be coded). */
static int cameo_digits(const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if ((s[k] < '0' || s[k] > '9') && !(k >= 2 && k + 1 == n && s[k] >= 'A' && s[k] <= 'Z'))
            return 0;
    return n >= 2 && n <= 4;
}

/* 1 when s[0..n) is a code of no event the peers write: "---" (null),
 * "###" (discard the sentence), "+++" (too complex to code). */
static int peer_code(const char *s, size_t n)
{
    return n == 3 && (memcmp(s, "---", 3) == 0 || memcmp(s, "###", 3) == 0 || memcmp(s, "+++", 3) == 0);
}

/* A code's mark, TABARI's "?" (subordinate) or "!" (dominant) after its
 * digits: taken off the end of s[0..*n) and returned, or 0. */
static uint8_t code_mark(const char *s, size_t *n)
{
    if (*n < 3 || (s[*n - 1] != '?' && s[*n - 1] != '!'))
        return 0;
    return (uint8_t)s[--*n];
}

/* "HEAD SLOT... => CODE" */
static int pattern_line(reader *r, const char *s, size_t n)
{
    const char *arrow = NULL;
    for (size_t i = 0; i + 1 < n; i++)
        if (s[i] == '=' && s[i + 1] == '>') {
            if (arrow) {
                fail(r, "more than one '=>'");
                return 0;
            }
            arrow = s + i;
        }
    if (!arrow) {
        fail(r, "expected HEAD SLOT... => CODE");
        return 0;
    }
    const char *code = arrow + 2, *end = s + n;
    while (code < end && (*code == ' ' || *code == '\t'))
        code++;
    size_t cn = (size_t)(end - code), bn = 0;
    const char *colon = memchr(code, ':', cn), *back = NULL;
    if (colon) { /* a pair: the reverse event's code after ':' */
        back = colon + 1;
        bn = (size_t)(end - back);
        cn = (size_t)(colon - code);
    }
    uint8_t mark = code_mark(code, &cn);
    if (back && code_mark(back, &bn) != mark)
        mark = 0;
    if (!(cameo_digits(code, cn) || (peer_code(code, cn) && !mark && !back)) || (back && !cameo_digits(back, bn))) {
        fail(r, "the code is a CAMEO event code of 2 to 4 digits, or a pair of them \"031:032\", "
                "or a peer's \"---\", \"###\" or \"+++\"");
        return 0;
    }
    /* the words before the arrow */
    const char *piece[MAX_SLOTS + 1];
    size_t len[MAX_SLOTS + 1];
    int nt = 0;
    for (const char *p = s; p < arrow;) {
        while (p < arrow && (*p == ' ' || *p == '\t'))
            p++;
        if (p == arrow)
            break;
        const char *q = p;
        while (q < arrow && *q != ' ' && *q != '\t')
            q++;
        if (nt == MAX_SLOTS + 1) {
            fail(r, "more than %d slots", MAX_SLOTS);
            return 0;
        }
        piece[nt] = p;
        len[nt++] = (size_t)(q - p);
        p = q;
    }
    if (nt == 0) {
        fail(r, "no head before '=>'");
        return 0;
    }
    pat_slot slots[MAX_SLOTS];
    unsigned rank = 0;
    if (nt > 1 && len[nt - 1] > 5 && memcmp(piece[nt - 1], "rank=", 5) == 0) { /* "rank=N", the last word */
        char *stop;
        char digits[8];
        snprintf(digits, sizeof digits, "%.*s", (int)(len[nt - 1] - 5 < 7 ? len[nt - 1] - 5 : 7), piece[nt - 1] + 5);
        unsigned long v = strtoul(digits, &stop, 10);
        if (*stop || !digits[0] || v > 255) {
            fail(r, "rank=N takes a number from 0 to 255");
            return 0;
        }
        rank = (unsigned)v;
        nt--;
    }
    for (int k = 1; k < nt; k++) {
        int rc = parse_slot(r, piece[k], len[k], &slots[k - 1]);
        if (rc == -2)
            return -1;
        if (rc < 0) {
            fail(r, "\"%.*s\" is not a slot (see docs/patterns.md)", (int)len[k], piece[k]);
            return 0;
        }
        if (r->noun && (slots[k - 1].kind == PS_OBJ || slots[k - 1].kind == PS_SUBJ)) {
            fail(r, "event nouns take no obj or subj slot");
            return 0;
        }
    }
    /* one pattern per head lemma */
    pattern_set *ps = r->ps;
    size_t b = 0;
    for (size_t i = 0; i <= len[0]; i++) {
        if (i < len[0] && piece[0][i] != '|') {
            int stem = piece[0][i] == '*' && i > b && (i + 1 == len[0] || piece[0][i + 1] == '|'); /* "actuality*" */
            if (!lemma_char(piece[0][i]) && piece[0][i] != '_' && !stem) {
                fail(r, "the head is a lower-case lemma");
                return 0;
            }
            continue;
        }
        if (i == b) {
            fail(r, "an empty head");
            return 0;
        }
        if (grow((void **)&ps->p, &ps->cap, ps->n + 1, sizeof *ps->p) != 0 ||
            grow((void **)&ps->slots, &ps->slots_cap, ps->nslots + (uint32_t)nt, sizeof *ps->slots) != 0)
            return -1;
        pattern *p = &ps->p[ps->n++];
        memset(p, 0, sizeof *p);
        p->head = pattern_hash(piece[0] + b, i - b);
        p->noun = (uint8_t)r->noun;
        p->nslots = (uint8_t)(nt - 1);
        p->rank = (uint8_t)rank;
        for (int k = 0; k + 1 < nt; k++)
            p->nlisted += slots[k].nlemmas > 0;
        p->slot0 = ps->nslots;
        memcpy(p->code, code, cn);
        p->mark = mark;
        if (back)
            memcpy(p->back, back, bn);
        p->source = r->source;
        p->line = r->line;
        memcpy(ps->slots + ps->nslots, slots, (size_t)(nt - 1) * sizeof *slots);
        ps->nslots += (uint32_t)(nt - 1);
        b = i + 1;
    }
    ps->sorted = 0;
    return 0;
}

static int discard_line(reader *r, const char *s, size_t n)
{
    int64_t e = lex_add_entry(&r->ps->discards, LEX_DISCARD, LK_NONE, r->name, r->line, "");
    if (e < 0)
        return -1;
    size_t b = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '|')
            continue;
        const char *p = s + b;
        size_t pn = i - b;
        while (pn && (*p == ' ' || *p == '\t'))
            p++, pn--;
        while (pn && (p[pn - 1] == ' ' || p[pn - 1] == '\t'))
            pn--;
        uint32_t replaced;
        int rc = pn ? dict_add_phrase(&r->ps->discards, (uint32_t)e, p, pn, 0, 0, &r->scratch, &replaced) : 1;
        if (rc < 0)
            return -1;
        if (rc)
            fail(r, "an empty or over-long discard phrase");
        b = i + 1;
    }
    return 0;
}

static int one_line(reader *r, const char *s, size_t n)
{
    size_t cut = n;
    for (size_t i = 0; i < n; i++) {
        int discard_code = i + 3 <= n && memcmp(s + i, "###", 3) == 0 &&
                           (i + 3 == n || s[i + 3] == ' ' || s[i + 3] == '\t' || s[i + 3] == '\r'); /* "=> ###" */
        if (s[i] == '#' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t') && !(discard_code && i > 0)) {
            cut = i;
            break;
        }
        i += discard_code ? 2 : 0;
    }
    for (size_t i = 0; i < cut; i++)
        if ((unsigned char)s[i] < 0x20 && s[i] != '\t' && s[i] != '\r') {
            fail(r, "a control character (is this a text file?)");
            return 0;
        }
    n = cut;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    if (!n)
        return 0;
    if (s[0] == '[') {
        if (n == 7 && memcmp(s, "[verbs]", 7) == 0)
            r->noun = 0, r->discards = 0;
        else if (n == 7 && memcmp(s, "[nouns]", 7) == 0)
            r->noun = 1, r->discards = 0;
        else if (n == 10 && memcmp(s, "[discards]", 10) == 0)
            r->discards = 1;
        else
            fail(r, "unknown section (use [verbs], [nouns] or [discards])");
        return 0;
    }
    arena_reset(&r->scratch);
    return r->discards ? discard_line(r, s, n) : pattern_line(r, s, n);
}

int64_t pattern_load_text(pattern_set *ps, const char *name, const char *text, size_t len, buf *err)
{
    reader r = {ps, name, 0, 0, 0, 0, 0, err, {0}};
    arena_init(&r.scratch, 0);
    size_t nlen = strlen(name);
    if (grow((void **)&ps->strings, &ps->strings_cap, ps->nstrings + (uint32_t)nlen + 1, 1) != 0)
        return -1;
    r.source = ps->nstrings;
    memcpy(ps->strings + ps->nstrings, name, nlen + 1);
    ps->nstrings += (uint32_t)nlen + 1;
    uint32_t before = ps->n;
    int rc = 0;
    for (size_t pos = 0; pos < len && rc == 0;) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        r.line++;
        if (end - pos > DICT_MAX_LINE)
            fail(&r, "a line longer than %d bytes", DICT_MAX_LINE);
        else if (memchr(text + pos, 0, end - pos))
            fail(&r, "a NUL byte (is this a text file?)");
        else
            rc = one_line(&r, text + pos, end - pos);
        pos = end + 1;
    }
    arena_free(&r.scratch);
    if (rc != 0) {
        buf_printf(err, "%s: out of memory\n", name);
        return -1;
    }
    if (r.errors > MAX_ERRORS)
        buf_printf(err, "%s: %d more errors\n", name, r.errors - MAX_ERRORS);
    return r.errors ? -1 : (int64_t)(ps->n - before);
}

int64_t pattern_load_file(pattern_set *ps, const char *path, buf *err)
{
    size_t len;
    char *text = dict_read_file(path, (size_t)256 << 20, &len, err);
    if (!text)
        return -1;
    int64_t n = pattern_load_text(ps, path, text, len, err);
    mem_free(text);
    return n;
}

/* ---- lookup ---- */

static int by_head(const void *a, const void *b)
{
    const pattern *x = a, *y = b;
    if (x->noun != y->noun)
        return x->noun < y->noun ? -1 : 1;
    if (x->head != y->head)
        return x->head < y->head ? -1 : 1;
    if (x->rank != y->rank)
        return x->rank > y->rank ? -1 : 1;
    if (x->nslots != y->nslots)
        return x->nslots > y->nslots ? -1 : 1;
    if (x->nlisted != y->nlisted)
        return x->nlisted > y->nlisted ? -1 : 1;
    if (x->source != y->source)
        return x->source < y->source ? -1 : 1;
    return (x->line > y->line) - (x->line < y->line);
}

static int by_value(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

void pattern_finish(pattern_set *ps)
{
    if (ps->n)
        qsort(ps->p, ps->n, sizeof *ps->p, by_head);
    ps->sorted = 1;
    mem_free(ps->known);
    ps->nknown = 0;
    ps->known = mem_alloc(((size_t)ps->nlemmas + ps->n + 1) * sizeof *ps->known);
    if (!ps->known)
        return; /* pattern_knows then knows nothing: only a loss of precision */
    for (uint32_t k = 0; k < ps->nlemmas; k++)
        ps->known[ps->nknown++] = ps->lemmas[k];
    for (uint32_t k = 0; k < ps->n; k++)
        ps->known[ps->nknown++] = ps->p[k].head;
    qsort(ps->known, ps->nknown, sizeof *ps->known, by_value);
    uint32_t u = 0;
    for (uint32_t k = 0; k < ps->nknown; k++)
        if (!u || ps->known[u - 1] != ps->known[k])
            ps->known[u++] = ps->known[k];
    ps->nknown = u;
}

int pattern_knows(const pattern_set *ps, uint32_t lemma)
{
    return ps->nknown && bsearch(&lemma, ps->known, ps->nknown, sizeof *ps->known, by_value) != NULL;
}

uint32_t pattern_find(const pattern_set *ps, int noun, uint32_t head, uint32_t *first)
{
    uint32_t lo = 0, hi = ps->n;
    while (lo < hi) { /* the first pattern not below (noun, head) */
        uint32_t mid = lo + (hi - lo) / 2;
        const pattern *p = &ps->p[mid];
        if (p->noun < noun || (p->noun == noun && p->head < head))
            lo = mid + 1;
        else
            hi = mid;
    }
    uint32_t end = lo;
    while (end < ps->n && ps->p[end].noun == noun && ps->p[end].head == head)
        end++;
    *first = lo;
    return end - lo;
}
