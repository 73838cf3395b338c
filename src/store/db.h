/*
 * db.h - the event store: coded documents and their events in an SQLite
 * database (schema and identity rule in docs/store.md).
 *
 * A db handle owns its connection and prepared statements; db_close
 * commits what is pending and frees them.  Strings passed in are copied
 * by SQLite before the call returns, so the caller keeps ownership.
 * Every function returns DB_OK or a negative db_result, and leaves a
 * message saying what went wrong and what to do in db_errmsg(); after an
 * error the open batch has been rolled back, so the file holds only whole
 * documents (the batches committed before).
 *
 * Writing: db_doc_begin for each document (says whether it is new,
 * changed or already stored with the same content), then db_add_event for
 * each of its events; db_doc_end closes the document and commits the
 * batch when it holds batch_docs documents.  The identity rule
 * (db_same_event) decides whether an event is one already stored, whose
 * mentions it then joins.
 */
#ifndef KH_DB_H
#define KH_DB_H

#include <stdint.h>

#define DB_SCHEMA_VERSION 2
#define DB_DEFAULT_BATCH 1024 /* documents per transaction */
#define DB_APPLICATION_ID 0x6b68646e /* "khdn" in PRAGMA application_id */

typedef enum db_result {
    DB_OK = 0,
    DB_ERROR = -1,    /* SQLite failed: the message says how */
    DB_FOREIGN = -2,  /* not an SQLite file, or one without khaldun's schema */
    DB_NEWER = -3,    /* written by a newer khaldun (schema version above ours) */
    DB_FULL = -4,     /* no room: the disk, the file size limit or the disk quota */
    DB_NOMEM = -5
} db_result;

typedef struct db db;

typedef struct db_options {
    int dedup_days;     /* events whose dates differ by at most this many days may be one (default 1) */
    double dedup_km;    /* ... and whose places are at most this far apart (default 50) */
    int batch_docs;     /* documents per transaction (default DB_DEFAULT_BATCH) */
} db_options;

/* A document as coded. */
typedef struct db_doc {
    const char *id;        /* required */
    const char *date, *title, *source, *url; /* or NULL */
    uint64_t hash;         /* of its date, title and text: a changed document replaces the stored one */
    uint32_t sentences;    /* how many it has */
} db_doc;

/* One coded event (one line of `khaldun code`). */
typedef struct db_event {
    uint32_t sentence;           /* its sentence in the document */
    uint32_t span[2];            /* the sentence's code-point offsets */
    const char *evidence;        /* the sentence's text */
    const char *source_code, *source_country, *source_sector, *source_text; /* or NULL */
    const char *target_code, *target_country, *target_sector, *target_text;
    const char *cameo;           /* required */
    const char *plover;          /* or NULL */
    int quad_class;              /* 0: none */
    double goldstein;
    int has_goldstein;
    const char *date;            /* YYYY-MM-DD or NULL */
    int has_place;
    const char *place_name, *place_country, *place_precision;
    const char *place_admin1;    /* the name of its first-level region, or NULL */
    double lat, lon;
    int64_t geonameid;           /* 0: none */
    int64_t killed, wounded;     /* -1: not given */
    uint32_t reports;            /* reports of it in the document (at least 1) */
    const char *json;            /* the line as `khaldun code` writes it, or NULL */
    /* the report's evidence beyond its sentence, each NULL when not given */
    const char *head;            /* the word the event was told with */
    const char *pattern;         /* the pattern that coded it, "FILE:LINE" */
    const char *date_text;       /* the words its date was read from */
    const char *date_precision;  /* "day", "week", "month", "year" */
    const char *time;            /* "21:00", "night" ... */
    const char *casualty_note;   /* a JSON object: how the counts were told ({"killed": {"qualifier": ...}}) */
    int64_t source_span[2], target_span[2]; /* the actors' words (code points); none when end <= start */
} db_event;

/* What the store holds about an event when judging identity. */
typedef struct db_identity {
    const char *source_code, *target_code, *cameo; /* NULL: no actor */
    int64_t day;      /* days since 1970-01-01, or INT64_MIN when undated */
    int has_place;
    double lat, lon;
} db_identity;

/* Opens (creating when missing) the database at path, in WAL mode, after
 * checking that it is khaldun's (o may be NULL: defaults); a store of an
 * older schema version is upgraded in place, in one transaction.  On
 * failure *out may still hold a handle whose db_errmsg says why: close
 * it. */
db_result db_open(db **out, const char *path, const db_options *o);

/* Opens an existing store at path read-only (SQLITE_OPEN_READONLY), with
 * db_open's checks: a file that is not SQLite, not khaldun's or of a newer
 * schema is refused, and so are a missing and an empty one.  A store of an
 * older schema version is read as it is (db_schema_version says which;
 * what it lacks reads as absent).  Only db_each_event(_where), db_select,
 * db_counts, db_schema_version and db_close may be called on it. */
db_result db_open_read(db **out, const char *path);

/* The schema version of the open file: DB_SCHEMA_VERSION, or an older one
 * for a file opened read-only. */
int db_schema_version(const db *d);

struct out_event;

/* Called for each stored event with its event_key; a non-zero return
 * stops the reading. */
typedef int (*db_event_fn)(const struct out_event *e, int64_t event_key, void *ctx);

/* Streams the stored events, in the order stored, one row at a time, as
 * out_events (store/out.h; their strings live until fn returns): each with
 * its first report's document, sentence, actors' words and sentence text,
 * its place, and mentions, articles and sources counted over all its
 * mentions, and the first report's evidence (head, pattern, date_text,
 * date_precision, time, casualty_note, the actors' spans; absent in a
 * store of version 1).  DB_ERROR when fn stopped it. */
db_result db_each_event(db *d, db_event_fn fn, void *ctx);

/* A value bound to a parameter ?N of a condition (N its place + 1). */
typedef struct db_param {
    enum { DB_P_INT, DB_P_REAL, DB_P_TEXT } kind;
    int64_t i;
    double f;
    const char *t; /* copied by SQLite */
} db_param;

/* A condition on the stored events, written by the store's own code
 * (store/query.c), never taken from a user: sql is an SQL expression over
 * the aliases e (events), sa and ta (the source and target actors' rows),
 * p (the place) and d (the first report's document), with parameters
 * ?1..?nparams (a number may repeat); NULL sql: every event.  limit > 0
 * keeps the first limit events. */
typedef struct db_where {
    const char *sql;
    const db_param *params;
    int nparams;
    int64_t limit;
} db_where;

/* As db_each_event, for the events meeting w (NULL: all), in the order
 * stored.  A condition SQLite refuses (an FTS5 query with a syntax error)
 * is DB_ERROR with SQLite's words in the message. */
db_result db_each_event_where(db *d, const db_where *w, db_event_fn fn, void *ctx);

/* Called with each row of db_select: its first columns (at most 16) as
 * text (NULL for NULL), valid until it returns; non-zero stops. */
typedef int (*db_row_fn)(int ncols, const char *const *cols, void *ctx);

/* Runs the read-only SELECT sql (the store's own SQL, with parameters
 * ?1..?nparams bound from params) and calls fn with each row. */
db_result db_select(db *d, const char *sql, const db_param *params, int nparams, db_row_fn fn, void *ctx);

/* Commits what is pending and closes; NULL is fine.  Returns the result
 * of that last commit. */
db_result db_close(db *d);

const char *db_errmsg(const db *d);

/* Starts document doc.  Sets *skip to 1 when a document with this id and
 * hash is stored already (then add nothing and do not call db_doc_end);
 * otherwise a stored one with this id is removed with its mentions (its
 * events too when nothing else reports them) and *skip is 0. */
db_result db_doc_begin(db *d, const db_doc *doc, int *skip);

/* Adds an event of the current document: a new event, or a mention of the
 * stored event it is (db_same_event).  Sets *is_new when given. */
db_result db_add_event(db *d, const db_event *e, int *is_new);

/* Ends the current document; commits when the batch is full. */
db_result db_doc_end(db *d);

/* Commits the open batch, if any. */
db_result db_commit(db *d);

/* Counts: documents, events, mentions stored (after a commit). */
db_result db_counts(db *d, int64_t *docs, int64_t *events, int64_t *mentions);

/* The identity rule: the same CAMEO code, the same source and target
 * codes (or both absent), dates at most days apart (or both undated), and
 * places at most km apart (gaz_km; or both without a place). */
int db_same_event(const db_identity *a, const db_identity *b, int days, double km);

/* Days since 1970-01-01 of a YYYY-MM-DD date, or INT64_MIN. */
int64_t db_day(const char *date);

#endif
