/*
 * query.h - questions to the event store (`khaldun query`): which stored
 * events meet a set of filters, and how many there are by day, week,
 * month, country, CAMEO root, PLOVER type or actor.
 *
 * A query_filter holds the filters as checked values; query_set reads one
 * from its command-line spelling and says what is wrong with a bad one.
 * query_events and query_counts turn the filter into SQL of the store's
 * own making, the user's values always bound as parameters, and read the
 * store through db_each_event_where and db_select (store/db.h), so they
 * work on a store opened read-only.  Every filter given must hold (AND).
 */
#ifndef KH_STORE_QUERY_H
#define KH_STORE_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "store/db.h"

typedef struct query_filter {
    int64_t from, to;             /* event days (since 1970-01-01), inclusive; INT64_MIN / INT64_MAX: open */
    char actor[32], source[32], target[32]; /* actor code prefixes ("IRQ", "IRQGOV"); "" for none */
    char actor_country[4];        /* ISO 3166-1 alpha-3 of the source or the target; "" for none */
    char cameo[8];                /* CAMEO code prefix ("19", "190", "0211"); "" for none */
    char plover[32];              /* PLOVER type, upper case ("ASSAULT"); "" for none */
    char country[4];              /* ISO alpha-3 of the event's place; "" for none */
    const char *place;            /* the place's name (ASCII case ignored), or NULL */
    int64_t geonameid;            /* the place's GeoNames id, 0 for none */
    int has_bbox;                 /* the place lies in the box (west > east: across the antimeridian) */
    double west, south, east, north;
    const char *text;             /* an FTS5 query one of the event's reports' sentences matches, or NULL */
    int64_t limit;                /* at most this many events (or count rows); 0: all */
} query_filter;

typedef enum query_key {
    QK_NONE,
    QK_DAY,           /* the event's date */
    QK_WEEK,          /* the Monday of its ISO week */
    QK_MONTH,         /* YYYY-MM */
    QK_YEAR,          /* YYYY */
    QK_COUNTRY,       /* its place's country */
    QK_ROOT,          /* CAMEO root */
    QK_CAMEO,         /* CAMEO code */
    QK_PLOVER,        /* PLOVER type */
    QK_ACTOR,         /* source or target code (an event counts once for each) */
    QK_ACTOR_COUNTRY, /* source or target country (likewise) */
    QK_SOURCE,        /* source code */
    QK_TARGET,        /* target code */
    QK_NKEYS
} query_key;

/* No filter: every event. */
void query_filter_init(query_filter *f);

/* Sets the filter named name (the option's name without dashes: "from",
 * "to", "actor", "source", "target", "actor-country", "cameo", "root",
 * "plover", "country", "place", "bbox", "text") from value, which must
 * outlive f (place and text point into it).  Returns 0; -1 when the
 * value is not valid, with a one-line reason in err; -2 when name is
 * not a filter. */
int query_set(query_filter *f, const char *name, const char *value, buf *err);

/* The name of filter k (0, 1, ... in the order of query_set's list), or
 * NULL past the last: the options a command offers. */
const char *query_filter_name(size_t k);

/* The key named name ("day", "week", ..., "actor-country"); QK_NONE when
 * unknown. */
query_key query_key_parse(const char *name);

/* The name of k, as query_key_parse reads it (its column in the output). */
const char *query_key_name(query_key k);

/* Checks that SQLite's FTS5 accepts the query text; DB_ERROR with its
 * reason in db_errmsg(d) when it does not. */
db_result query_check_text(db *d, const char *text);

/* Calls fn with each stored event meeting f, in the order stored. */
db_result query_events(db *d, const query_filter *f, db_event_fn fn, void *ctx);

/* Called with each count row: the key's value (NULL: the events without
 * one, as undated or unplaced events), the events and their mentions
 * (reports by distinct documents).  Non-zero stops. */
typedef int (*query_count_fn)(const char *value, int64_t events, int64_t mentions, void *ctx);

/* Counts the events meeting f by k: time keys in time order (undated
 * last), the others from the most events down (ties by value). */
db_result query_counts(db *d, const query_filter *f, query_key k, query_count_fn fn, void *ctx);

#endif
