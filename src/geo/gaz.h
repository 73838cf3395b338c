/*
 * gaz.h - the gazetteer: places with their names, compiled into one file
 * that is mapped read-only (mmap) and checked, never parsed, at start-up.
 *
 * The file is a model container (core/model.h, kind "gazetteer": magic,
 * version, payload size, checksum) whose payload is, little-endian:
 *
 *     gaz_header              counts and the byte offsets of the sections
 *     gaz_place[nplaces]      countries first (sorted by ISO alpha-3), then
 *                             every other place
 *     gaz_name[nnames]        the name index, sorted by key (gaz_key) then by
 *                             the place's rank: one entry per distinct key of
 *                             a place's names and alternate names
 *     char strings[nstrings]  NUL-terminated names and keys
 *
 * A key is a name folded so that spellings news uses for one place meet
 * (gaz_key): lower case, diacritics off, punctuation and hyphens as blanks,
 * "al-"/"el-" and a leading "the" dropped, doubled letters single, "q" as
 * "k", a final "ah" as "a", "saint"/"st", "fort"/"ft", "mount"/"mt": so
 * "Falluja", "Fallujah" and "al-Fallūjah" are one key.  Names that leave
 * letters other than ASCII ones (other scripts) are not indexed.
 *
 * The loader checks the container (truncation, checksum), then every
 * offset and index of the payload, so that a corrupt or crafted file is
 * refused with a message (naming the file and saying to rebuild it with
 * `make gazetteer`) and never read out of bounds.
 *
 * Ownership: a gaz owns its mapping until gaz_close (or, made with
 * gaz_from_payload, points into the caller's bytes).
 */
#ifndef KH_GAZ_H
#define KH_GAZ_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/model.h"

#define GAZ_KIND "gazetteer"
#define GAZ_VERSION 2u /* 2: initials apart in keys ("L.A." is "l a") */
#define GAZ_KEY_MAX 128 /* bytes of a key, NUL included; longer names are not indexed */

/* What a place is; the event location's precision follows from it. */
enum gaz_kind { GK_COUNTRY = 1, GK_REGION, GK_COUNTY, GK_AREA, GK_CITY, GK_LANDMARK, GK_NKINDS };

typedef struct gaz_header {
    uint32_t version;   /* GAZ_VERSION */
    uint32_t nplaces, ncountries, nnames, nstrings;
    uint32_t places_at, names_at, strings_at; /* byte offsets from the payload's start, multiples of 8 */
    uint32_t skipped;   /* source rows the builder skipped (bad coordinates, long names, broken lines) */
    uint32_t reserved[7];
} gaz_header;

typedef struct gaz_place {
    uint32_t geonameid;  /* GeoNames id, 0 for the project's own additions */
    int32_t lat, lon;    /* micro-degrees */
    uint32_t population;
    uint32_t name;       /* offset in strings: the name as GeoNames or the addition writes it */
    uint32_t parent;     /* a city's or county's region, a region's or area's country, a country's capital:
                          * place index + 1, 0 for none */
    char country[4];     /* ISO 3166-1 alpha-3, NUL-terminated ("" for none) */
    char fcode[6];       /* GeoNames feature code ("PPLA", "ADM1", "PCLI"), NUL-padded */
    uint8_t fclass;      /* GeoNames feature class ('P', 'A', 'S', ...) */
    uint8_t kind;        /* enum gaz_kind */
} gaz_place;

#define GAZ_ALT 0x80000000u /* gaz_name.place: the key comes from an alternate name */

typedef struct gaz_name {
    uint32_t key;   /* offset in strings */
    uint32_t place; /* place index, | GAZ_ALT for an alternate name */
} gaz_name;

typedef struct gaz {
    model_file file;
    const gaz_header *h;
    const gaz_place *places;
    const gaz_name *names;
    const char *strings;
    uint32_t nplaces, ncountries, nnames, nstrings;
} gaz;

/* The key of name s[0..n) into out (cap bytes, at least GAZ_KEY_MAX):
 * returns its length, or 0 when the name has no key (empty, too long, or
 * letters of another script). */
size_t gaz_key(const char *s, size_t n, char *out, size_t cap);

/* Maps and checks the gazetteer at path.  Returns 0, or -1 with the reason
 * in err (naming the file and the way to rebuild it). */
int gaz_open(gaz *g, const char *path, buf *err);

/* Reads a payload already in memory (8-byte aligned; kept by the caller).
 * Returns 0, or -1 with the reason in err. */
int gaz_from_payload(gaz *g, const void *p, size_t n, buf *err);

void gaz_close(gaz *g);

/* The name entries whose key is key: returns how many (0 for none) and
 * sets *first to the index of the first in g->names. */
uint32_t gaz_lookup(const gaz *g, const char *key, uint32_t *first);

/* The country place of ISO alpha-3 code iso3, or -1. */
int64_t gaz_country(const gaz *g, const char *iso3);

static inline const char *gaz_str(const gaz *g, uint32_t off) { return g->strings + off; }
static inline double gaz_lat(const gaz_place *p) { return p->lat / 1e6; }
static inline double gaz_lon(const gaz_place *p) { return p->lon / 1e6; }

/* Great-circle distance in km. */
double gaz_km(double lat1, double lon1, double lat2, double lon2);

/* The name of kind k ("city"). */
const char *gaz_kind_name(unsigned k);

#endif
