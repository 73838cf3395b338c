/*
 * model.h - the container of khaldun's trained model files.
 *
 * A model file is a 40-byte header and a payload, little-endian:
 *
 *     0  char[8]  magic "KHALDUN\0"
 *     8  u32      container version (MODEL_VERSION)
 *    12  char[12] kind, NUL-padded ("sbd", "tagger", ...)
 *    24  u64      payload size in bytes
 *    32  u64      checksum of the payload (model_checksum)
 *    40  payload
 *
 * Files are mapped read-only (mmap), so loading costs what the checks cost.
 * A truncated, foreign, corrupt or out-of-date file is refused with a
 * message that names it and says how to rebuild it.
 *
 * Ownership: a mapped model_file owns its mapping until model_unmap().
 */
#ifndef KH_MODEL_H
#define KH_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* Version 2: perceptron slots found from the feature hash itself, weights
 * of at most 14 bits.  Every change to a payload's layout or to the
 * hashing its features go through bumps it. */
#define MODEL_VERSION 2u
#define MODEL_HEADER_SIZE 40u

typedef struct model_file {
    void *map;           /* the whole mapping, NULL when not mapped */
    size_t map_size;
    const void *payload; /* inside map */
    size_t payload_size;
} model_file;

/* 64-bit checksum of data[0..n) (fast, not cryptographic). */
uint64_t model_checksum(const void *data, size_t n);

/* Checks that bytes[0..n) hold a valid model of the given kind; on success
 * points *payload and *payload_size into bytes and returns 0, else writes the
 * reason into err and returns -1. */
int model_check(const void *bytes, size_t n, const char *kind, const void **payload,
                size_t *payload_size, buf *err);

/* Maps the model file at path and checks it (model_check).  Returns 0, or -1
 * with the reason in err (which names the path). */
int model_map(model_file *m, const char *path, const char *kind, buf *err);

/* model_map for a file rebuilt another way: its messages end with
 * "; rebuild it with `REBUILD`" (model_map's say `make model`). */
int model_map_as(model_file *m, const char *path, const char *kind, const char *rebuild, buf *err);

void model_unmap(model_file *m);

/* Writes payload as a model file of the given kind, through a temporary
 * file renamed into place.  Returns 0, or -1 with the reason in err. */
int model_write(const char *path, const char *kind, const void *payload, size_t n, buf *err);

#endif
