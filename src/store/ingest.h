/*
 * ingest.h - stores the output of `khaldun code --db` for documents: for
 * each, a header line {"kh_doc": {"id", "date", "title", "source", "url",
 * "hash" (16 hex digits), "sentences"}} followed by its events, one JSON
 * object per line as `khaldun code` writes them.
 *
 * The text is only read; the caller keeps it.  A malformed line is an
 * error (DB_ERROR, the batch rolled back), since this text is khaldun's
 * own.
 */
#ifndef KH_INGEST_H
#define KH_INGEST_H

#include <stddef.h>

#include "store/db.h"

typedef struct db_ingest_counts {
    unsigned long docs;       /* stored (new or changed) */
    unsigned long unchanged;  /* already stored with the same content */
    unsigned long events;     /* new events */
    unsigned long mentions;   /* further reports of stored events */
} db_ingest_counts;

/* Stores the documents and events of p[0..n) into d, adding to *counts
 * (may be NULL). */
db_result db_ingest(db *d, const char *p, size_t n, db_ingest_counts *counts);

#endif
