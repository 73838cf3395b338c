/*
 * lexicon.c - entries, codes and the word trie of the phrase matcher.
 */
#include "lex/lexicon.h"

#include <string.h>

#include "core/hash.h"
#include "core/mem.h"
#include "text/doc.h"
#include "text/tok.h"
#include "time/calendar.h"

static const char *const kind_names[LK_NKINDS] = {
    "",     "country", "demonym", "capital", "seat",  "city",  "region",  "body",
    "person", "igo",   "ngo",     "group",   "party", "media", "company", "title",
};

const char *lex_kind_name(unsigned k) { return k < LK_NKINDS ? kind_names[k] : ""; }

unsigned lex_kind_of(const char *s, size_t n)
{
    for (unsigned k = 1; k < LK_NKINDS; k++)
        if (strlen(kind_names[k]) == n && memcmp(kind_names[k], s, n) == 0)
            return k;
    return LK_NONE;
}

/* ---- growing arrays ---- */

/* Makes room for need elements in *arr (capacity *cap).  Returns 0 or -1. */
static int reserve(void **arr, uint32_t *cap, uint32_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    uint32_t c = *cap ? *cap : 64;
    while (c < need) {
        if (c > UINT32_MAX / 2)
            return -1;
        c *= 2;
    }
    void *p = mem_realloc(*arr, (size_t)c * elem);
    if (!p)
        return -1;
    memset((char *)p + (size_t)*cap * elem, 0, (size_t)(c - *cap) * elem);
    *arr = p;
    *cap = c;
    return 0;
}

/* Copies s into the string pool; returns its offset, or UINT32_MAX. */
static uint32_t add_string(lexicon *lx, const char *s)
{
    size_t n = strlen(s);
    if (n > UINT32_MAX / 2 || reserve((void **)&lx->strings, &lx->strings_cap, lx->nstrings + (uint32_t)n + 1, 1) != 0)
        return UINT32_MAX;
    uint32_t off = lx->nstrings;
    memcpy(lx->strings + off, s, n + 1);
    lx->nstrings += (uint32_t)n + 1;
    return off;
}

/* ---- the edge table ---- */

enum { EDGE_EXACT = 1, EDGE_STEM = 2, EDGE_GAP = 3, GAP_HASH = 0 }; /* a gap: one edge of its own, no word */

static uint32_t edge_key(uint32_t node, unsigned flags) { return (node << 2 | flags) + 1; }

static uint32_t edge_slot(uint32_t key, uint32_t hash, uint32_t mask)
{
    return hash_fmix32(key * 0x9E3779B1u ^ hash) & mask;
}

/* The child of key by hash, or 0 (node 0 is the root: never a child). */
static uint32_t find_child(const lexicon *lx, uint32_t key, uint32_t hash)
{
    uint32_t mask = lx->nslots - 1;
    for (uint32_t i = edge_slot(key, hash, mask);; i = (i + 1) & mask) {
        const lex_edge *e = &lx->edges[i];
        if (e->parent == key && e->hash == hash)
            return e->child;
        if (!e->parent)
            return 0;
    }
}

static void put_edge(lex_edge *table, uint32_t mask, lex_edge e)
{
    uint32_t i = edge_slot(e.parent, e.hash, mask);
    while (table[i].parent)
        i = (i + 1) & mask;
    table[i] = e;
}

/* Doubles the edge table when it is half full.  Returns 0 or -1. */
static int grow_edges(lexicon *lx)
{
    if ((lx->nedges + 1) * 2 <= lx->nslots)
        return 0;
    uint32_t n = lx->nslots * 2;
    lex_edge *t = mem_calloc(n, sizeof *t);
    if (!t)
        return -1;
    for (uint32_t i = 0; i < lx->nslots; i++)
        if (lx->edges[i].parent)
            put_edge(t, n - 1, lx->edges[i]);
    mem_free(lx->edges);
    lx->edges = t;
    lx->nslots = n;
    return 0;
}

/* A new node; returns its number, or 0 on failure. */
static uint32_t new_node(lexicon *lx)
{
    if (lx->nnodes >= (1u << 30) ||
        reserve((void **)&lx->ends, &lx->ends_cap, (lx->nnodes + 1) * LEX_NSECTIONS, sizeof *lx->ends) != 0)
        return 0;
    return lx->nnodes++;
}

/* ---- building ---- */

int lex_init(lexicon *lx)
{
    memset(lx, 0, sizeof *lx);
    lx->nslots = 1024;
    lx->edges = mem_calloc(lx->nslots, sizeof *lx->edges);
    if (lx->edges && add_string(lx, "") != UINT32_MAX)
        new_node(lx); /* the root, node 0 */
    if (!lx->edges || lx->nnodes != 1) {
        lex_free(lx);
        return -1;
    }
    return 0;
}

void lex_free(lexicon *lx)
{
    if (lx->mapped) {
        model_unmap(&lx->file);
    } else {
        mem_free(lx->entries);
        mem_free(lx->codes);
        mem_free(lx->strings);
        mem_free(lx->edges);
        mem_free(lx->ends);
    }
    memset(lx, 0, sizeof *lx);
}

int64_t lex_add_entry(lexicon *lx, unsigned section, unsigned kind, const char *source, uint32_t line,
                      const char *name)
{
    if (lx->mapped || section >= LEX_NSECTIONS || kind >= LK_NKINDS ||
        reserve((void **)&lx->entries, &lx->entries_cap, lx->nentries + 1, sizeof *lx->entries) != 0)
        return -1;
    uint32_t src = add_string(lx, source ? source : ""), nm = add_string(lx, name ? name : "");
    if (src == UINT32_MAX || nm == UINT32_MAX)
        return -1;
    lex_entry *e = &lx->entries[lx->nentries];
    memset(e, 0, sizeof *e);
    e->section = (uint8_t)section;
    e->kind = (uint8_t)kind;
    e->code0 = lx->ncodes;
    e->source = src;
    e->line = line;
    e->name = nm;
    return lx->nentries++;
}

int lex_add_code(lexicon *lx, const char *code, int32_t from, int32_t to)
{
    size_t n = strlen(code);
    if (lx->mapped || !lx->nentries || n == 0 || n >= LEX_CODE_MAX ||
        lx->entries[lx->nentries - 1].ncodes == UINT16_MAX ||
        reserve((void **)&lx->codes, &lx->codes_cap, lx->ncodes + 1, sizeof *lx->codes) != 0)
        return -1;
    lex_code *c = &lx->codes[lx->ncodes++];
    memset(c, 0, sizeof *c);
    memcpy(c->code, code, n);
    c->from = from;
    c->to = to;
    lx->entries[lx->nentries - 1].ncodes++;
    return 0;
}

/* The hash of a word as it must appear: its exact bytes, or lower case. */
static uint32_t word_key_hash(const word *w, int exact) { return exact ? tok_hash_lower(w->form, w->len) : w->hash; }

/* The child of node by key and hash, added when missing; 0 on failure. */
static uint32_t child_or_new(lexicon *lx, uint32_t key, uint32_t hash)
{
    uint32_t child = find_child(lx, key, hash);
    if (!child) {
        if (grow_edges(lx) != 0 || !(child = new_node(lx)))
            return 0;
        put_edge(lx->edges, lx->nslots - 1, (lex_edge){key, hash, child});
        lx->nedges++;
    }
    return child;
}

int lex_add_phrase(lexicon *lx, uint32_t e, const word *w, const uint8_t *flags, uint32_t n, int stem,
                   uint32_t *replaced)
{
    *replaced = 0;
    if (lx->mapped || e >= lx->nentries || n == 0)
        return -1;
    uint32_t node = 0;
    for (uint32_t k = 0; k < n; k++) {
        int ex = flags && (flags[k] & LEX_WORD_EXACT), st = stem && k + 1 == n && !ex;
        if (k && flags && (flags[k] & LEX_WORD_GAP)) { /* the gap: a node of its own before the word */
            if (!(node = child_or_new(lx, edge_key(node, EDGE_GAP), GAP_HASH)))
                return -1;
            lx->ngaps++;
        }
        uint32_t key = edge_key(node, (unsigned)(ex ? EDGE_EXACT : st ? EDGE_STEM : 0));
        if (!(node = child_or_new(lx, key, word_key_hash(&w[k], ex))))
            return -1;
    }
    uint32_t *end = &lx->ends[node * LEX_NSECTIONS + lx->entries[e].section];
    if (*end && *end != e + 1)
        *replaced = *end;
    *end = e + 1;
    lx->nphrases++;
    lx->nstems += stem != 0;
    return 0;
}

int64_t lex_phrase_words(const char *phrase, size_t len, arena *a, word **out)
{
    doc d;
    doc_reset(&d, a);
    if (doc_process_text(&d, phrase, len) != 0)
        return -1;
    uint32_t total = 0, cap = d.ntoks * 2 + 4;
    word *all = arena_alloc(a, (size_t)cap * sizeof *all);
    if (!all)
        return -1;
    for (uint32_t s = 0; s < d.nsents; s++) { /* a phrase is one unit, whatever the splitter thinks */
        word *w;
        int64_t n = words_of_sentence(&d, &d.sents[s], a, &w);
        if (n < 0)
            return -1;
        if (total + (uint64_t)n > cap) {
            word *bigger = arena_alloc(a, ((size_t)total + (size_t)n) * 2 * sizeof *bigger);
            if (!bigger)
                return -1;
            memcpy(bigger, all, (size_t)total * sizeof *all);
            all = bigger;
            cap = (total + (uint32_t)n) * 2;
        }
        memcpy(all + total, w, (size_t)n * sizeof *w);
        total += (uint32_t)n;
    }
    *out = all;
    return total;
}

/* ---- matching ---- */

/* The child of node by word w, or 0: an exact edge first (where allowed),
 * else a case-insensitive one. */
static uint32_t step(const lexicon *lx, uint32_t node, const word *w, int exact_ok)
{
    uint32_t child = exact_ok ? find_child(lx, edge_key(node, EDGE_EXACT), tok_hash_lower(w->form, w->len)) : 0;
    return child ? child : find_child(lx, edge_key(node, 0), w->hash);
}

/* The node of the longest stem (a phrase's last word matching as a
 * prefix, TABARI style) that w begins with, after node; 0 when none. */
static uint32_t stem_step(const lexicon *lx, uint32_t node, const word *w)
{
    uint32_t key = edge_key(node, EDGE_STEM), h = 2166136261u, found = 0;
    for (uint32_t k = 0; k < w->len; k++) {
        unsigned char c = (unsigned char)w->form[k];
        h = (h ^ (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c)) * 16777619u;
        uint32_t child = find_child(lx, key, h);
        found = child ? child : found;
    }
    return found;
}

/* The entry ending at node (+ 1), discards first, then actors, then agents. */
static uint32_t end_at(const lexicon *lx, uint32_t node)
{
    const uint32_t *e = &lx->ends[node * LEX_NSECTIONS];
    return e[LEX_DISCARD] ? e[LEX_DISCARD] : e[LEX_ACTOR] ? e[LEX_ACTOR] : e[LEX_AGENT];
}

/* A search for the longest phrase at one position of a sentence. */
typedef struct probe {
    const lexicon *lx;
    const word *w;
    uint32_t n;
    const uint8_t *exact_ok;
    uint32_t best_end, best, best_gaps; /* best: the entry + 1, or 0 */
} probe;

/* Notes the phrase ending at node after word end - 1 (having crossed
 * gaps): longer ones first, then those with fewer gaps, then the last. */
static void note(probe *p, uint32_t node, uint32_t end, uint32_t gaps)
{
    uint32_t e = node ? end_at(p->lx, node) : 0;
    if (e && (end > p->best_end || (end == p->best_end && gaps <= p->best_gaps))) {
        p->best_end = end;
        p->best = e;
        p->best_gaps = gaps;
    }
}

/* Can word x stand in a phrase's gap (no clause punctuation)? */
static int gap_word(const word *x) { return !(x->len == 1 && strchr(",;:.!?()[]", x->form[0])); }

/* Follows the phrases from node with the words from j on. */
static void walk(probe *p, uint32_t node, uint32_t j, uint32_t gaps)
{
    for (; j < p->n; j++) {
        uint32_t g = p->lx->ngaps && gaps < 8 ? find_child(p->lx, edge_key(node, EDGE_GAP), GAP_HASH) : 0;
        for (uint32_t skip = 0; g && skip <= LEX_GAP_MAX && j + skip < p->n; skip++) {
            if (skip && !gap_word(&p->w[j + skip - 1]))
                break;
            walk(p, g, j + skip, gaps + 1);
        }
        if (p->lx->nstems)
            note(p, stem_step(p->lx, node, &p->w[j]), j + 1, gaps);
        node = step(p->lx, node, &p->w[j], !p->exact_ok || p->exact_ok[j]);
        if (!node)
            return;
        note(p, node, j + 1, gaps);
    }
}

uint32_t lex_match_words(const lexicon *lx, const word *w, uint32_t n, const uint8_t *exact_ok, lex_match *out,
                         uint32_t cap)
{
    uint32_t found = 0;
    for (uint32_t i = 0; i < n;) {
        probe p = {lx, w, n, exact_ok, 0, 0, 0};
        walk(&p, 0, i, 0);
        if (!p.best) {
            i++;
            continue;
        }
        if (lx->entries[p.best - 1].section != LEX_DISCARD) {
            if (found < cap)
                out[found] = (lex_match){i, p.best_end, p.best - 1};
            found++;
        }
        i = p.best_end;
    }
    return found;
}

int64_t lex_find_discard(const lexicon *lx, const word *w, uint32_t n, const char *codes)
{
    for (uint32_t i = 0; i < n; i++) {
        uint32_t node = 0;
        for (uint32_t j = i; j < n; j++) {
            node = step(lx, node, &w[j], 1);
            if (!node)
                break;
            uint32_t e = lx->ends[node * LEX_NSECTIONS + LEX_DISCARD];
            if (!e)
                continue;
            const char *c = lex_code_on(lx, e - 1, LEX_UNDATED);
            if (!codes || (c && strchr(codes, c[0]) && !c[1]))
                return e - 1;
        }
    }
    return -1;
}

int lex_has_discard(const lexicon *lx, const word *w, uint32_t n) { return lex_find_discard(lx, w, n, NULL) >= 0; }

/* ---- codes and dates ---- */

const char *lex_code_on(const lexicon *lx, uint32_t e, int32_t day)
{
    if (e >= lx->nentries)
        return NULL;
    const lex_entry *en = &lx->entries[e];
    if (!en->ncodes)
        return NULL;
    const lex_code *c = lx->codes + en->code0, *undated = NULL, *latest = NULL;
    for (uint32_t k = 0; k < en->ncodes; k++) {
        if (c[k].from == LEX_UNDATED) {
            undated = &c[k];
            continue;
        }
        if (day != LEX_UNDATED && c[k].from <= day && day < c[k].to)
            return c[k].code;
        if (!latest || c[k].from > latest->from)
            latest = &c[k];
    }
    if (day != LEX_UNDATED)
        return undated ? undated->code : NULL;
    return undated ? undated->code : latest ? latest->code : NULL;
}

int32_t lex_parse_day(const char *s, size_t n, int *ok)
{
    int32_t day = -1;
    *ok = n == 10 && date_parse_iso(s, n, &day);
    return *ok ? day : -1;
}
