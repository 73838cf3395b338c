/*
 * mem.c - allocation wrapper with an injectable allocator, and arenas.
 */
#include "mem.h"

#include <stdlib.h>
#include <string.h>

#include "khaldun.h"

static void *default_alloc(void *ud, void *ptr, size_t size)
{
    (void)ud;
    if (size == 0) {
        free(ptr);
        return NULL;
    }
    return realloc(ptr, size);
}

static kh_alloc_fn alloc_fn = default_alloc;
static void *alloc_ud = NULL;

void kh_set_allocator(kh_alloc_fn fn, void *ud)
{
    alloc_fn = fn ? fn : default_alloc;
    alloc_ud = fn ? ud : NULL;
}

void *mem_realloc(void *ptr, size_t size) { return alloc_fn(alloc_ud, ptr, size); }

void *mem_alloc(size_t size) { return size ? alloc_fn(alloc_ud, NULL, size) : NULL; }

void *mem_calloc(size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return NULL;
    void *p = mem_alloc(count * size);
    if (p)
        memset(p, 0, count * size);
    return p;
}

void mem_free(void *ptr)
{
    if (ptr)
        alloc_fn(alloc_ud, ptr, 0);
}

char *mem_strndup(const char *s, size_t n)
{
    if (n == SIZE_MAX)
        return NULL;
    char *p = mem_alloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

/* ---- arenas ---- */

#define ARENA_DEFAULT_BLOCK (64u * 1024u)

void arena_init(arena *a, size_t block_size)
{
    a->head = NULL;
    a->spare = NULL;
    a->nspare = 0;
    a->block_size = block_size ? block_size : ARENA_DEFAULT_BLOCK;
    a->used_total = 0;
    a->failed = 0;
}

static arena_block *arena_new_block(arena *a, size_t need)
{
    if (need <= a->block_size && a->spare) {
        arena_block *b = a->spare;
        a->spare = b->prev;
        a->nspare--;
        b->used = 0;
        b->prev = a->head;
        a->head = b;
        return b;
    }
    size_t size = need > a->block_size ? need : a->block_size;
    if (size > SIZE_MAX - sizeof(arena_block))
        return NULL;
    arena_block *b = mem_alloc(sizeof(arena_block) + size);
    if (!b)
        return NULL;
    b->size = size;
    b->used = 0;
    b->prev = a->head;
    a->head = b;
    return b;
}

void *arena_alloc(arena *a, size_t size)
{
    if (a->failed)
        return NULL;
    size_t rounded = (size + 7u) & ~(size_t)7u;
    if (rounded < size) {
        a->failed = 1;
        return NULL;
    }
    arena_block *b = a->head;
    if (!b || b->size - b->used < rounded) {
        b = arena_new_block(a, rounded);
        if (!b) {
            a->failed = 1;
            return NULL;
        }
    }
    void *p = b->data + b->used;
    b->used += rounded;
    a->used_total += rounded;
    return p;
}

void *arena_calloc(arena *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size) {
        a->failed = 1;
        return NULL;
    }
    void *p = arena_alloc(a, count * size);
    if (p)
        memset(p, 0, count * size);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

void *arena_grow(arena *a, void *p, size_t old_size, size_t new_size)
{
    if (!p)
        return arena_alloc(a, new_size);
    if (new_size <= old_size)
        return p;
    arena_block *b = a->head;
    size_t old_rounded = (old_size + 7u) & ~(size_t)7u;
    size_t new_rounded = (new_size + 7u) & ~(size_t)7u;
    if (b && (unsigned char *)p + old_rounded == b->data + b->used &&
        new_rounded >= old_rounded && new_rounded - old_rounded <= b->size - b->used) {
        b->used += new_rounded - old_rounded;
        a->used_total += new_rounded - old_rounded;
        return p;
    }
    void *q = arena_alloc(a, new_size);
    if (q)
        memcpy(q, p, old_size);
    return q;
}

void *arena_reserve(arena *a, void *p, uint32_t *cap, uint32_t need, size_t elem_size)
{
    if (need <= *cap && p)
        return p;
    uint32_t ncap = *cap ? *cap : 16;
    while (ncap < need) {
        if (ncap > UINT32_MAX / 2)
            return NULL;
        ncap *= 2;
    }
    void *q = arena_grow(a, p, (size_t)*cap * elem_size, (size_t)ncap * elem_size);
    if (q)
        *cap = ncap;
    return q;
}

#define ARENA_SPARE_BYTES ((size_t)4 * 1024 * 1024)

void arena_reset(arena *a)
{
    arena_block *b = a->head;
    while (b) {
        arena_block *prev = b->prev;
        if (b->size == a->block_size && (a->nspare + 1) * a->block_size <= ARENA_SPARE_BYTES) {
            b->prev = a->spare;
            a->spare = b;
            a->nspare++;
        } else {
            mem_free(b);
        }
        b = prev;
    }
    a->head = NULL;
    a->used_total = 0;
    a->failed = 0;
}

static void free_chain(arena_block *b)
{
    while (b) {
        arena_block *prev = b->prev;
        mem_free(b);
        b = prev;
    }
}

void arena_free(arena *a)
{
    free_chain(a->head);
    free_chain(a->spare);
    a->head = a->spare = NULL;
    a->nspare = 0;
    a->used_total = 0;
    a->failed = 0;
}

void *mem_grow(void *p, uint32_t *cap, uint32_t first, size_t elem)
{
    uint64_t want = *cap ? (uint64_t)*cap * 2 : first;
    if (want > UINT32_MAX || want * elem > SIZE_MAX / 2)
        return NULL;
    void *bigger = mem_realloc(p, (size_t)(want * elem));
    if (bigger)
        *cap = (uint32_t)want;
    return bigger;
}
