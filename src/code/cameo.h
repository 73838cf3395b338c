/*
 * cameo.h - the CAMEO event code table (data/cameo/codes.txt): for every
 * code its QuadClass, Goldstein value, PLOVER type and mode, and name.
 *
 * The file has one code per line, "CODE | QUAD | GOLDSTEIN | PLOVER |
 * MODE | NAME", '#' comments and blank lines; MODE is "-" when there is
 * none.  A malformed line is an error naming the file and line.
 *
 * Ownership: a table owns its strings (cameo_free).
 */
#ifndef KH_CAMEO_H
#define KH_CAMEO_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

typedef struct cameo_code {
    char code[5];     /* "190", "0211" */
    uint8_t quad;     /* 1 verbal cooperation .. 4 material conflict */
    float goldstein;  /* -10 .. +10 */
    const char *plover, *mode, *name; /* mode "" when there is none */
} cameo_code;

typedef struct cameo_table {
    cameo_code *codes; /* sorted by code */
    uint32_t n;
    char *text;        /* the file, holding the strings */
} cameo_table;

/* Reads the table at path.  Returns 0, or -1 with "path:line: reason" in
 * err (then t holds nothing). */
int cameo_load(cameo_table *t, const char *path, buf *err);

/* The same from text in memory (copied), named name in messages. */
int cameo_load_text(cameo_table *t, const char *name, const char *text, size_t len, buf *err);

void cameo_free(cameo_table *t);

/* The entry of code ("190"), or NULL. */
const cameo_code *cameo_find(const cameo_table *t, const char *code);

#endif
