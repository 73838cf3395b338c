/*
 * mem.h - the one allocation path of khaldun, and arenas built on it.
 *
 * Every heap allocation goes through mem_realloc() so that tests can inject
 * failures (kh_set_allocator).  Arenas hand out memory that lives until
 * arena_reset() or arena_free(); a document's tokens, sentences and strings
 * all live in its arena.
 *
 * Ownership: mem_* results are owned by the caller and released with
 * mem_free().  arena_* results are owned by the arena.  An arena that failed
 * to allocate sets its sticky `failed` flag and returns NULL from then on
 * until reset, so callers may check once at the end of a stage.
 */
#ifndef KH_MEM_H
#define KH_MEM_H

#include <stddef.h>
#include <stdint.h>

/* realloc() through the installed allocator; size 0 frees and returns NULL. */
void *mem_realloc(void *ptr, size_t size);
/* malloc()/calloc()/free() equivalents on the same path. */
void *mem_alloc(size_t size);
void *mem_calloc(size_t count, size_t size);
void mem_free(void *ptr);
/* Doubles the array p of *cap elements of elem bytes (to `first` when
 * empty): returns the new array and updates *cap, or NULL (p and *cap
 * untouched) when memory runs out or the count would pass UINT32_MAX. */
void *mem_grow(void *p, uint32_t *cap, uint32_t first, size_t elem);
/* A copy of s (n bytes) with a NUL appended; NULL on failure. */
char *mem_strndup(const char *s, size_t n);

typedef struct arena_block arena_block;

/* The start of every arena block (its data follows); public so that
 * arena_alloc_small can be inlined. */
struct arena_block {
    arena_block *prev;
    size_t size; /* usable bytes in data[] */
    size_t used;
    _Alignas(16) unsigned char data[];
};

typedef struct arena {
    arena_block *head;  /* current block; older blocks chained behind */
    arena_block *spare; /* ordinary blocks kept by arena_reset for reuse */
    unsigned nspare;
    size_t block_size;  /* size of new ordinary blocks */
    size_t used_total;  /* bytes handed out since the last reset */
    int failed;         /* sticky: an allocation failed */
} arena;

/* Prepares an arena whose blocks are block_size bytes (0 = 64 KiB).  Never
 * allocates; the first block comes with the first request. */
void arena_init(arena *a, size_t block_size);
/* Returns size bytes aligned to 8, or NULL (and sets a->failed). */
void *arena_alloc(arena *a, size_t size);
/* arena_alloc for the hot paths: the common case (room in the current
 * block) inline, the rest through arena_alloc. */
static inline void *arena_alloc_small(arena *a, size_t size)
{
    arena_block *b = a->head;
    size_t rounded = (size + 7u) & ~(size_t)7u;
    if (b && !a->failed && b->size - b->used >= rounded) {
        void *p = b->data + b->used;
        b->used += rounded;
        a->used_total += rounded;
        return p;
    }
    return arena_alloc(a, size);
}

/* Zero-filled array of count elements of size bytes; NULL on overflow or failure. */
void *arena_calloc(arena *a, size_t count, size_t size);
/* A NUL-terminated copy of s[0..n). */
char *arena_strndup(arena *a, const char *s, size_t n);
/* Grows the most recent allocation p (old_size bytes) to new_size bytes,
 * in place when it is the last one, else by copying. */
void *arena_grow(arena *a, void *p, size_t old_size, size_t new_size);
/* Makes room for `need` elements of elem_size bytes in the arena array p of
 * capacity *cap (doubling it, keeping the contents).  Returns the array,
 * moved or not, or NULL on failure (then p and *cap are unchanged). */
void *arena_reserve(arena *a, void *p, uint32_t *cap, uint32_t need, size_t elem_size);
/* Forgets every allocation but keeps up to 4 MiB of ordinary blocks for
 * reuse; clears failed. */
void arena_reset(arena *a);
/* Releases every block. */
void arena_free(arena *a);

#endif
