/*
 * cache.c - writing compiled dictionaries to a file and mapping them back.
 */
#include "lex/cache.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "core/mem.h"

enum { LAYOUT = LEX_CACHE_LAYOUT, NCOUNTS = 10, HEAD = 8 + NCOUNTS * 4 };

uint64_t lex_key_add(uint64_t key, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t k = 0; k < n; k++)
        key = (key ^ p[k]) * 0x100000001b3ull;
    return key;
}

static size_t pad8(size_t n) { return (n + 7u) & ~(size_t)7u; }

/* The byte sizes of the arrays, in payload order. */
static void sizes(const uint32_t c[NCOUNTS], size_t out[5])
{
    out[0] = (size_t)c[0] * sizeof(lex_entry);
    out[1] = (size_t)c[1] * sizeof(lex_code);
    out[2] = pad8(c[2]);
    out[3] = (size_t)c[3] * sizeof(lex_edge);
    out[4] = (size_t)c[5] * LEX_NSECTIONS * sizeof(uint32_t);
}

int lex_cache_write(const lexicon *lx, uint64_t key, const char *path, buf *err)
{
    uint32_t c[NCOUNTS] = {lx->nentries, lx->ncodes, lx->nstrings, lx->nslots, lx->nedges, lx->nnodes, lx->nphrases,
                           lx->nstems, lx->ngaps, 0};
    size_t sz[5];
    sizes(c, sz);
    buf b = BUF_INIT;
    uint64_t k = key ^ LAYOUT;
    buf_append(&b, &k, 8);
    buf_append(&b, c, sizeof c);
    const void *arrays[5] = {lx->entries, lx->codes, lx->strings, lx->edges, lx->ends};
    size_t real[5] = {sz[0], sz[1], lx->nstrings, sz[3], sz[4]};
    static const char zeros[8];
    for (int a = 0; a < 5; a++) {
        buf_append(&b, arrays[a], real[a]);
        buf_append(&b, zeros, sz[a] - real[a]);
    }
    int rc = b.failed ? -1 : model_write(path, LEX_CACHE_KIND, b.p, b.len, err);
    if (b.failed)
        buf_puts(err, "out of memory");
    buf_free(&b);
    return rc;
}

/* Checks every offset, count and node number of the mapped arrays. */
static int consistent(const lexicon *lx)
{
    if (lx->nslots < 16 || (lx->nslots & (lx->nslots - 1)) || lx->nedges >= lx->nslots || !lx->nnodes ||
        lx->nnodes > (1u << 30) || !lx->nstrings || lx->strings[lx->nstrings - 1] != 0)
        return 0;
    for (uint32_t i = 0; i < lx->nslots; i++) {
        const lex_edge *e = &lx->edges[i];
        if (e->parent && (((e->parent - 1) >> 2) >= lx->nnodes || !e->child || e->child >= lx->nnodes))
            return 0;
    }
    for (size_t i = 0; i < (size_t)lx->nnodes * LEX_NSECTIONS; i++)
        if (lx->ends[i] > lx->nentries)
            return 0;
    for (uint32_t i = 0; i < lx->nentries; i++) {
        const lex_entry *e = &lx->entries[i];
        if ((uint64_t)e->code0 + e->ncodes > lx->ncodes || e->source >= lx->nstrings || e->name >= lx->nstrings ||
            e->section >= LEX_NSECTIONS || e->kind >= LK_NKINDS)
            return 0;
    }
    for (uint32_t i = 0; i < lx->ncodes; i++)
        if (!memchr(lx->codes[i].code, 0, LEX_CODE_MAX))
            return 0;
    return 1;
}

int lex_cache_from_payload(lexicon *lx, uint64_t key, const void *payload, size_t n, buf *err)
{
    const unsigned char *p = payload;
    uint64_t k;
    uint32_t c[NCOUNTS];
    if (n < HEAD || ((uintptr_t)p & 7u)) {
        buf_puts(err, "a truncated or misaligned dictionary cache");
        return -1;
    }
    memcpy(&k, p, 8);
    memcpy(c, p + 8, sizeof c);
    if (k != (key ^ LAYOUT))
        return 1;
    size_t sz[5], need = HEAD;
    sizes(c, sz);
    for (int a = 0; a < 5; a++)
        need += sz[a];
    if (need != n || c[2] > sz[2]) {
        buf_puts(err, "a dictionary cache with inconsistent sizes");
        return -1;
    }
    size_t off = HEAD;
    lx->entries = (lex_entry *)(uintptr_t)(p + off);
    off += sz[0];
    lx->codes = (lex_code *)(uintptr_t)(p + off);
    off += sz[1];
    lx->strings = (char *)(uintptr_t)(p + off);
    off += sz[2];
    lx->edges = (lex_edge *)(uintptr_t)(p + off);
    off += sz[3];
    lx->ends = (uint32_t *)(uintptr_t)(p + off);
    lx->nentries = c[0], lx->ncodes = c[1], lx->nstrings = c[2], lx->nslots = c[3], lx->nedges = c[4];
    lx->nnodes = c[5], lx->nphrases = c[6], lx->nstems = c[7], lx->ngaps = c[8];
    lx->mapped = 1;
    if (!consistent(lx)) {
        buf_puts(err, "a corrupt dictionary cache");
        return -1;
    }
    return 0;
}

int lex_cache_map(lexicon *lx, uint64_t key, const char *path, buf *err)
{
    memset(lx, 0, sizeof *lx);
    struct stat st;
    if (stat(path, &st) != 0)
        return errno == ENOENT ? 1 : (buf_printf(err, "%s: cannot read the dictionary cache", path), -1);
    model_file f;
    if (model_map(&f, path, LEX_CACHE_KIND, err) != 0)
        return -1;
    int rc = lex_cache_from_payload(lx, key, f.payload, f.payload_size, err);
    if (rc != 0) {
        model_unmap(&f);
        memset(lx, 0, sizeof *lx);
        if (rc < 0)
            buf_printf(err, " (%s)", path);
        return rc;
    }
    lx->file = f;
    return 0;
}
