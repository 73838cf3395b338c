/*
 * hash.h - the 32-bit mixing steps every hashed feature in khaldun uses.
 *
 * Models store feature hashes, so these functions are part of the model
 * file formats: changing them invalidates every trained model.
 */
#ifndef KH_HASH_H
#define KH_HASH_H

#include <stdint.h>

/* The finaliser of MurmurHash3: every input bit affects every output bit. */
static inline uint32_t hash_fmix32(uint32_t h)
{
    h ^= h >> 16;
    h *= 0x85EBCA6Bu;
    h ^= h >> 13;
    h *= 0xC2B2AE35u;
    h ^= h >> 16;
    return h;
}

static inline uint32_t hash_rotl32(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }

#endif
