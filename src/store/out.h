/*
 * out.h - export layouts of coded events: GDELT 2.0 events, Phoenix, CSV
 * and JSON lines, and the reader of khaldun's event JSON lines.
 *
 * One coded event is an out_event: the contract's event fields
 * (../shared/contract/README.md) as plain C values, plus the document's URL
 * and source name when they are known.  The writers append one line of a
 * layout to a buf (core/buf.h); they never fail loudly: a buf that ran out
 * of memory has its `failed` flag set, which the caller checks.
 *
 * Ownership: an out_event's strings are borrowed.  Events filled by
 * out_event_parse() borrow them from a JSON tree the event holds
 * (`owner`), released by out_event_free(); events a caller fills by hand
 * (the store, the tests) point wherever the caller likes and need no
 * out_event_free().  docs/exports.md describes every column.
 */
#ifndef KH_STORE_OUT_H
#define KH_STORE_OUT_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* The value of an absent number (killed, wounded, geonameid, ...). */
#define OUT_NONE INT64_C(-1)

typedef struct out_actor {
    const char *code;    /* CAMEO actor code, e.g. "IRQCOP"; NULL: no actor */
    const char *country; /* ISO 3166-1 alpha-3 or NULL */
    const char *sector;  /* the code after the country, e.g. "COP", or NULL */
    const char *text;    /* the words that name the actor, or NULL */
    int64_t start, end;  /* their code-point offsets in the document; not given when end <= start */
} out_actor;

typedef struct out_location {
    const char *name;      /* NULL: the event has no location */
    const char *country;   /* ISO 3166-1 alpha-3 or NULL */
    double lat, lon;       /* valid when has_coords */
    int has_coords;
    int64_t geonameid;     /* OUT_NONE for the project's own places */
    const char *precision; /* "country", "region", "city", "landmark" or NULL */
    const char *admin1;    /* khaldun's: the name of its first-level region (state, province), or NULL */
} out_location;

typedef struct out_event {
    const char *doc_id;
    int64_t sentence; /* 0-based index in the document */
    out_actor source, target;
    const char *cameo;  /* "194", "0211" ... */
    const char *plover; /* "ASSAULT" ... or NULL */
    int64_t quad_class; /* 1..4, OUT_NONE when unknown */
    double goldstein;
    int has_goldstein;
    const char *date;           /* "YYYY-MM-DD" or NULL */
    const char *date_precision; /* khaldun's: "day", "week", "month", "year" or NULL */
    const char *time;           /* khaldun's: "21:00", "night" ... or NULL */
    out_location location;
    int64_t killed, wounded;      /* OUT_NONE when the text gives none */
    const char *casualty_note;    /* khaldun's: how the counts were told, a JSON object as text, or NULL */
    const char *evidence;         /* the sentence, or NULL */
    int64_t span_start, span_end; /* its code-point offsets, OUT_NONE when unknown */
    const char *head, *pattern;   /* khaldun's: the event's word and the pattern that coded it ("FILE:LINE"), or NULL */
    const char *date_text;        /* khaldun's: the words its date was read from, or NULL */
    const char *url, *doc_source; /* of the document, when known */
    int64_t mentions;             /* reports of the event in its document (>= 1) */
    int64_t articles, sources;    /* documents and source names that report it (the store); OUT_NONE: 1 */
    void *owner;                  /* the JSON tree the strings live in (out_event_parse) */
    char *owned_note;             /* casualty_note's text when out_event_parse made it */
} out_event;

typedef enum out_format { OUT_GDELT, OUT_PHOENIX, OUT_CSV, OUT_JSONL, OUT_TSV } out_format;

/* Empties e: no actors, no location, every number OUT_NONE. */
void out_event_init(out_event *e);

/* Reads one event JSON object (as `khaldun code` prints it) from
 * line[0..n) into e, which then holds its JSON tree until
 * out_event_free().  Of the fields khaldun adds beyond the contract it
 * reads date_precision, time, casualty_note, the location's "admin1",
 * the actors' "span" and the
 * evidence's "head", "pattern" and "date_text", and ignores the others;
 * "url" and "doc_source" (strings) carry the document's URL and source
 * name ("source" is the source actor).  Returns 0, or -1 with a one-line
 * message in *err (no file or line: the caller adds them) and e empty. */
int out_event_parse(const char *line, size_t n, out_event *e, buf *err);

/* Releases what out_event_parse() holds and empties e. */
void out_event_free(out_event *e);

/* Parses a format name ("gdelt", "phoenix", "csv", "jsonl", "tsv"); returns 0 or -1. */
int out_format_parse(const char *name, out_format *f);

/* Appends the header line of the format, or nothing (GDELT and Phoenix
 * files have none). */
void out_header(buf *b, out_format f);

/* Appends e as one line (with its newline) of format f.  id is the
 * event's number (GDELT's GLOBALEVENTID, Phoenix's EventID).  added is
 * GDELT's DATEADDED, "YYYYMMDDHHMMSS", or NULL for an empty field. */
void out_write(buf *b, out_format f, const out_event *e, uint64_t id, const char *added);

void out_gdelt(buf *b, const out_event *e, uint64_t id, const char *added);
void out_phoenix(buf *b, const out_event *e, uint64_t id);
/* One field, then sep: with ',' RFC 4180 (quoted when it holds a comma,
 * quote, CR or LF); with '\t' tabs and line breaks become spaces; NULL is
 * an empty field. */
void out_cell(buf *b, const char *s, char sep);

/* The CSV layout with sep ',' (RFC 4180), or the same columns tab-separated
 * with sep '\t' (tabs and line breaks inside a field become spaces). */
void out_csv(buf *b, const out_event *e, char sep);
void out_jsonl(buf *b, const out_event *e);

/* The number of columns of the GDELT 2.0 event layout (61) and of the
 * Phoenix layout (26). */
enum { OUT_GDELT_COLUMNS = 61, OUT_PHOENIX_COLUMNS = 26 };

/* The FIPS 10-4 code GDELT uses for an ISO 3166-1 alpha-3 country
 * ("IRQ" -> "IZ"), or NULL when there is none (src/store/fips.c). */
const char *out_fips(const char *iso3);
/* The table's row k: its ISO code, and its FIPS code in *fips; NULL past
 * the end (for the tests). */
const char *out_fips_row(size_t k, const char **fips);

/* GDELT's geographic type of a location: 1 country, 2 US state, 3 US
 * city, 4 world city, 5 world state; 0 when there is no location. */
int out_geo_type(const out_location *loc);

#endif
