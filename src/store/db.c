/*
 * db.c - the event store in SQLite (db.h; the schema is documented in
 * docs/store.md, and changes to it raise DB_SCHEMA_VERSION).
 *
 * One connection, WAL mode (readers never wait for the writer), every
 * statement prepared once at db_open, documents written in batches of
 * batch_docs per transaction: a process killed at any moment leaves the
 * batches committed before, whole, and nothing of the open one.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/mem.h"
#include "geo/gaz.h"
#include "store/db.h"
#include "store/out.h"
#include "time/calendar.h"

/* The schema of version 1.  A new file gets it and then every upgrade
 * step, so that a new file and an upgraded one have the same schema. */
static const char schema_sql[] =
    "CREATE TABLE documents(\n"
    "  doc_key INTEGER PRIMARY KEY,\n"
    "  id TEXT NOT NULL UNIQUE,\n"
    "  hash TEXT NOT NULL,\n"
    "  date TEXT, title TEXT, source TEXT, url TEXT,\n"
    "  sentences INTEGER NOT NULL);\n"
    "CREATE TABLE sentences(\n"
    "  sentence_key INTEGER PRIMARY KEY,\n"
    "  doc_key INTEGER NOT NULL REFERENCES documents(doc_key),\n"
    "  idx INTEGER NOT NULL,\n"
    "  start INTEGER NOT NULL, \"end\" INTEGER NOT NULL,\n"
    "  text TEXT NOT NULL,\n"
    "  UNIQUE(doc_key, idx));\n"
    "CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='sentence_key');\n"
    "CREATE TABLE actors(\n"
    "  code TEXT PRIMARY KEY,\n"
    "  country TEXT, sector TEXT) WITHOUT ROWID;\n"
    "CREATE TABLE places(\n"
    "  place_key INTEGER PRIMARY KEY,\n"
    "  geonameid INTEGER, name TEXT NOT NULL, country TEXT,\n"
    "  lat REAL NOT NULL, lon REAL NOT NULL, precision TEXT);\n"
    "CREATE INDEX places_name ON places(name, lat, lon);\n"
    "CREATE TABLE events(\n"
    "  event_key INTEGER PRIMARY KEY,\n"
    "  cameo TEXT NOT NULL, root TEXT NOT NULL, plover TEXT, quad_class INTEGER, goldstein REAL,\n"
    "  source_code TEXT REFERENCES actors(code), target_code TEXT REFERENCES actors(code),\n"
    "  date TEXT, day INTEGER,\n"
    "  place_key INTEGER REFERENCES places(place_key), country TEXT, lat REAL, lon REAL,\n"
    "  killed INTEGER, wounded INTEGER,\n"
    "  first_doc INTEGER NOT NULL REFERENCES documents(doc_key),\n"
    "  first_sentence INTEGER NOT NULL,\n"
    "  first_seen TEXT,\n"
    "  mentions INTEGER NOT NULL, reports INTEGER NOT NULL);\n"
    "CREATE INDEX events_identity ON events(cameo, source_code, target_code, day);\n"
    "CREATE TABLE mentions(\n"
    "  mention_key INTEGER PRIMARY KEY,\n"
    "  event_key INTEGER NOT NULL REFERENCES events(event_key),\n"
    "  doc_key INTEGER NOT NULL REFERENCES documents(doc_key),\n"
    "  sentence INTEGER NOT NULL,\n"
    "  source_text TEXT, target_text TEXT,\n"
    "  date TEXT, place_key INTEGER REFERENCES places(place_key),\n"
    "  killed INTEGER, wounded INTEGER,\n"
    "  reports INTEGER NOT NULL);\n"
    "CREATE INDEX mentions_event ON mentions(event_key);\n"
    "CREATE INDEX mentions_doc ON mentions(doc_key);\n"
    "CREATE VIEW mention_reports AS\n"
    "  SELECT m.mention_key, m.event_key, d.id AS doc_id, m.sentence, d.source, d.url, d.date AS published,\n"
    "         m.source_text, m.target_text, s.text AS evidence\n"
    "  FROM mentions m JOIN documents d USING (doc_key)\n"
    "  LEFT JOIN sentences s ON s.doc_key = m.doc_key AND s.idx = m.sentence;\n";

/* upgrade_sql[v] turns a file of schema version v into one of v + 1, in
 * the transaction that sets user_version (docs/store.md, "Versions"). */
static const char *const upgrade_sql[DB_SCHEMA_VERSION] = {
    [1] = "CREATE INDEX events_day ON events(day);\n"
          "CREATE INDEX events_country_day ON events(country, day);\n"
          "ALTER TABLE mentions ADD COLUMN head TEXT;\n"
          "ALTER TABLE mentions ADD COLUMN pattern TEXT;\n"
          "ALTER TABLE mentions ADD COLUMN date_text TEXT;\n"
          "ALTER TABLE mentions ADD COLUMN date_precision TEXT;\n"
          "ALTER TABLE mentions ADD COLUMN time TEXT;\n"
          "ALTER TABLE mentions ADD COLUMN casualty_note TEXT;\n"
          "ALTER TABLE mentions ADD COLUMN source_start INTEGER;\n"
          "ALTER TABLE mentions ADD COLUMN source_end INTEGER;\n"
          "ALTER TABLE mentions ADD COLUMN target_start INTEGER;\n"
          "ALTER TABLE mentions ADD COLUMN target_end INTEGER;\n"
          "ALTER TABLE places ADD COLUMN admin1 TEXT;\n"
          "DROP VIEW mention_reports;\n"
          "CREATE VIEW mention_reports AS\n"
          "  SELECT m.mention_key, m.event_key, d.id AS doc_id, m.sentence, d.source, d.url, d.date AS published,\n"
          "         m.source_text, m.target_text, s.text AS evidence, m.head, m.pattern, m.date, m.date_text\n"
          "  FROM mentions m JOIN documents d USING (doc_key)\n"
          "  LEFT JOIN sentences s ON s.doc_key = m.doc_key AND s.idx = m.sentence;\n",
};

enum {
    S_BEGIN, S_COMMIT, S_ROLLBACK,
    S_DOC_FIND, S_DOC_INSERT,
    S_SENT_INSERT, S_FTS_INSERT,
    S_ACTOR_INSERT, S_PLACE_FIND, S_PLACE_INSERT, S_PLACE_ADMIN1,
    S_EVENT_FIND_DATED, S_EVENT_FIND_UNDATED, S_EVENT_INSERT, S_EVENT_MENTION,
    S_MENTION_INSERT,
    S_NSTMT
};

static const char *const stmt_sql[S_NSTMT] = {
    [S_BEGIN] = "BEGIN IMMEDIATE",
    [S_COMMIT] = "COMMIT",
    [S_ROLLBACK] = "ROLLBACK",
    [S_DOC_FIND] = "SELECT doc_key, hash FROM documents WHERE id = ?1",
    [S_DOC_INSERT] = "INSERT INTO documents(id, hash, date, title, source, url, sentences) VALUES(?1,?2,?3,?4,?5,?6,?7)",
    [S_SENT_INSERT] = "INSERT OR IGNORE INTO sentences(doc_key, idx, start, \"end\", text) VALUES(?1,?2,?3,?4,?5)",
    [S_FTS_INSERT] = "INSERT INTO sentences_fts(rowid, text) VALUES(?1, ?2)",
    [S_ACTOR_INSERT] = "INSERT OR IGNORE INTO actors(code, country, sector) VALUES(?1,?2,?3)",
    [S_PLACE_FIND] = "SELECT place_key, admin1 IS NULL FROM places WHERE name = ?1 AND lat = ?2 AND lon = ?3 "
                     "AND country IS ?4 AND geonameid IS ?5 LIMIT 1",
    [S_PLACE_INSERT] = "INSERT INTO places(geonameid, name, country, lat, lon, precision, admin1)"
                       " VALUES(?1,?2,?3,?4,?5,?6,?7)",
    [S_PLACE_ADMIN1] = "UPDATE places SET admin1 = ?2 WHERE place_key = ?1",
    [S_EVENT_FIND_DATED] = "SELECT event_key, lat, lon FROM events WHERE cameo = ?1 AND source_code IS ?2 "
                           "AND target_code IS ?3 AND day BETWEEN ?4 AND ?5 ORDER BY event_key",
    [S_EVENT_FIND_UNDATED] = "SELECT event_key, lat, lon FROM events WHERE cameo = ?1 AND source_code IS ?2 "
                             "AND target_code IS ?3 AND day IS NULL ORDER BY event_key",
    [S_EVENT_INSERT] = "INSERT INTO events(cameo, root, plover, quad_class, goldstein, source_code, target_code, date, day,"
                       " place_key, country, lat, lon, killed, wounded, first_doc, first_sentence, first_seen, mentions,"
                       " reports) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,1,?19)",
    [S_EVENT_MENTION] = "UPDATE events SET mentions = mentions + 1, reports = reports + ?2,"
                        " killed = coalesce(killed, ?3), wounded = coalesce(wounded, ?4) WHERE event_key = ?1",
    [S_MENTION_INSERT] = "INSERT INTO mentions(event_key, doc_key, sentence, source_text, target_text, date, place_key,"
                         " killed, wounded, reports, head, pattern, date_text, date_precision, time, casualty_note,"
                         " source_start, source_end, target_start, target_end)"
                         " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20)",
};

/* What removing a stored document does, in order (?1 its doc_key): its
 * events lose its mentions, those left without any go, the others get
 * their first report from what remains; then its rows go. */
static const char remove_sql[] =
    "UPDATE events SET mentions = mentions - (SELECT count(*) FROM mentions m WHERE m.event_key = events.event_key"
    " AND m.doc_key = ?1), reports = reports - (SELECT coalesce(sum(reports), 0) FROM mentions m"
    " WHERE m.event_key = events.event_key AND m.doc_key = ?1)"
    " WHERE event_key IN (SELECT event_key FROM mentions WHERE doc_key = ?1);\n"
    "DELETE FROM events WHERE mentions <= 0 AND event_key IN (SELECT event_key FROM mentions WHERE doc_key = ?1);\n"
    "UPDATE events SET (first_doc, first_sentence, first_seen) = (SELECT m.doc_key, m.sentence, d.date FROM mentions m"
    " JOIN documents d USING (doc_key) WHERE m.event_key = events.event_key AND m.doc_key <> ?1"
    " ORDER BY m.mention_key LIMIT 1) WHERE first_doc = ?1"
    " AND event_key IN (SELECT event_key FROM mentions WHERE doc_key = ?1);\n"
    "DELETE FROM mentions WHERE doc_key = ?1;\n"
    "INSERT INTO sentences_fts(sentences_fts, rowid, text) SELECT 'delete', sentence_key, text FROM sentences"
    " WHERE doc_key = ?1;\n"
    "DELETE FROM sentences WHERE doc_key = ?1;\n"
    "DELETE FROM documents WHERE doc_key = ?1;\n";

struct db {
    sqlite3 *conn;
    sqlite3_stmt *st[S_NSTMT];
    db_options o;
    char *path;
    char msg[512];
    int readonly;          /* opened by db_open_read */
    int version;           /* the file's schema version (below ours only when read-only) */
    int in_txn, batch;     /* a transaction is open; documents in it */
    int64_t doc_key;       /* the current document's, or 0 */
    char doc_date[11];     /* its publication date ("" when none) */
    int has_doc_date;
};

static void set_msg(db *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void set_msg(db *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->msg, sizeof d->msg, fmt, ap);
    va_end(ap);
}

/* The errno of the system call that made SQLite fail with code, or 0.
 * After a failed write SQLite's rollback often overwrites errno before
 * the connection keeps it (sqlite3_system_errno), so what the write-ahead
 * log's or the database file's handle recorded comes first. */
static int failed_errno(sqlite3 *conn, int code)
{
    int sys = 0;
    if ((code & 0xff) == SQLITE_IOERR) {
        sqlite3_file *log = NULL;
        if (sqlite3_file_control(conn, "main", SQLITE_FCNTL_JOURNAL_POINTER, &log) == SQLITE_OK && log &&
            log->pMethods)
            log->pMethods->xFileControl(log, SQLITE_FCNTL_LAST_ERRNO, &sys);
        if (sys == 0)
            sqlite3_file_control(conn, "main", SQLITE_FCNTL_LAST_ERRNO, &sys);
    }
    if (sys == 0 && ((code & 0xff) == SQLITE_IOERR || (code & 0xff) == SQLITE_CANTOPEN))
        sys = sqlite3_system_errno(conn);
    return sys;
}

/* A write that found no room: the disk (SQLITE_FULL is how SQLite says
 * ENOSPC), the file size limit or the disk quota.  Returns 0 when the
 * failure was something else. */
static int set_no_room(db *d, int code, int sys, const char *doing)
{
    const char *what, *remedy;
    if ((code & 0xff) == SQLITE_FULL || sys == ENOSPC) {
        what = "the disk is full";
        remedy = "free some room";
    } else if (sys == EFBIG) {
        what = "the file size limit was reached";
        remedy = "raise the limit (ulimit -f)";
    } else if (sys == EDQUOT) {
        what = "the disk quota is used up";
        remedy = "free some of the quota";
    } else {
        return 0;
    }
    set_msg(d, "%s: %s (a write failed) while %s; the documents of the last batch were not stored, the rest of the "
               "database is intact: %s and run the same command again",
            d->path, what, doing, remedy);
    return 1;
}

/* path does not exist and its folder cannot be written (errno says why). */
static int folder_unwritable(const char *path)
{
    if (access(path, F_OK) == 0)
        return 0;
    const char *slash = strrchr(path, '/');
    char dir[4096];
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path > 0 ? slash - path : 1), path);
    return access(dir, W_OK) != 0;
}

/* Turns SQLite's last error into a result and a message about path that
 * names its cause: no room (disk, file size limit, quota), a read-only
 * file, an I/O error, a foreign or corrupt file, a lock, memory; else
 * SQLite's own message. */
static db_result fail(db *d, const char *doing)
{
    int code = d->conn ? sqlite3_extended_errcode(d->conn) : SQLITE_NOMEM;
    int primary = code & 0xff, sys = d->conn ? failed_errno(d->conn, code) : 0;
    const char *what = d->conn ? sqlite3_errmsg(d->conn) : "out of memory";
    const char *sep = sys ? ": " : "", *why = sys ? strerror(sys) : "";
    db_result r = DB_ERROR;
    if (set_no_room(d, code, sys, doing)) {
        r = DB_FULL;
    } else if (primary == SQLITE_NOTADB) {
        set_msg(d, "%s is not an SQLite database (refusing to touch it)", d->path);
        r = DB_FOREIGN;
    } else if (primary == SQLITE_CORRUPT) {
        set_msg(d, "%s is corrupt (%s) while %s", d->path, what, doing);
    } else if (d->readonly && (primary == SQLITE_CANTOPEN || sys == EACCES || sys == ENOENT)) {
        set_msg(d, "%s cannot be read (%s%s%s) while %s", d->path, what, sep, why, doing);
    } else if (primary == SQLITE_CANTOPEN && folder_unwritable(d->path)) {
        set_msg(d, "%s cannot be created while %s: %s (%s)", d->path, doing,
                errno == ENOENT ? "its folder does not exist" : "its folder is read-only or not yours to write",
                strerror(errno));
    } else if (primary == SQLITE_READONLY || sys == EROFS || sys == EACCES || sys == EPERM) {
        set_msg(d, "%s cannot be written (%s%s%s) while %s: the file or its folder is read-only", d->path, what, sep,
                why, doing);
    } else if (sys == EIO) {
        set_msg(d, "%s: an I/O error (%s: %s) while %s: the disk or its file system failed; the documents of the last "
                   "batch were not stored",
                d->path, what, why, doing);
    } else if (primary == SQLITE_BUSY) {
        set_msg(d, "%s is locked by another writer (%s) while %s", d->path, what, doing);
    } else if (primary == SQLITE_NOMEM) {
        set_msg(d, "out of memory while %s", doing);
        r = DB_NOMEM;
    } else {
        set_msg(d, "%s: %s%s%s%s while %s", d->path, what, sys ? " (" : "", why, sys ? ")" : "", doing);
    }
    if (d->in_txn && d->conn) {
        sqlite3_exec(d->conn, "ROLLBACK", NULL, NULL, NULL);
        d->in_txn = 0;
        d->batch = 0;
    }
    d->doc_key = 0;
    return r;
}

static int step_done(sqlite3_stmt *s)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

/* A PRAGMA's integer value, or -1 (the error stays on the connection). */
static int64_t pragma_int(db *d, const char *sql)
{
    sqlite3_stmt *s = NULL;
    int64_t v = -1;
    if (sqlite3_prepare_v2(d->conn, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

static db_result check_schema(db *d);

/* Creates the schema in an empty file, or upgrades khaldun's store of an
 * older version, in one transaction (BEGIN IMMEDIATE: two writers cannot
 * both do it; what the file holds is read again inside it). */
static db_result write_schema(db *d)
{
    const char *doing = d->version ? "upgrading its schema" : "creating the schema";
    if (sqlite3_exec(d->conn, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return fail(d, doing);
    d->in_txn = 1;
    int64_t app = pragma_int(d, "PRAGMA application_id"), ver = pragma_int(d, "PRAGMA user_version");
    int64_t objects = pragma_int(d, "SELECT count(*) FROM sqlite_master");
    if (objects != 0 && (app != DB_APPLICATION_ID || ver < 1 || ver > DB_SCHEMA_VERSION)) {
        sqlite3_exec(d->conn, "ROLLBACK", NULL, NULL, NULL); /* another writer changed it meanwhile */
        d->in_txn = 0;
        return check_schema(d);
    }
    if (objects == 0 && sqlite3_exec(d->conn, schema_sql, NULL, NULL, NULL) != SQLITE_OK)
        return fail(d, doing);
    for (int64_t v = objects == 0 ? 1 : ver; v < DB_SCHEMA_VERSION; v++)
        if (sqlite3_exec(d->conn, upgrade_sql[v], NULL, NULL, NULL) != SQLITE_OK)
            return fail(d, doing);
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA application_id=%d; PRAGMA user_version=%d;", DB_APPLICATION_ID,
             DB_SCHEMA_VERSION);
    if (sqlite3_exec(d->conn, sql, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(d->conn, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        return fail(d, doing);
    d->in_txn = 0;
    d->version = DB_SCHEMA_VERSION;
    return DB_OK;
}

/* Checks that the file is khaldun's store (upgraded when older and opened
 * for writing), or an empty one to create it in. */
static db_result check_schema(db *d)
{
    int64_t app = pragma_int(d, "PRAGMA application_id");
    if (app < 0)
        return fail(d, "reading its header");
    int64_t ver = pragma_int(d, "PRAGMA user_version");
    int64_t tables = pragma_int(d, "SELECT count(*) FROM sqlite_master");
    if (ver < 0 || tables < 0)
        return fail(d, "reading its schema");
    if (app == DB_APPLICATION_ID) {
        if (ver > DB_SCHEMA_VERSION) {
            set_msg(d, "%s has schema version %lld, newer than this khaldun's (%d): use a newer khaldun", d->path,
                    (long long)ver, DB_SCHEMA_VERSION);
            return DB_NEWER;
        }
        if (ver < 1) {
            set_msg(d, "%s has schema version %lld, which this khaldun (%d) does not know", d->path, (long long)ver,
                    DB_SCHEMA_VERSION);
            return DB_FOREIGN;
        }
        d->version = (int)ver;
        return ver == DB_SCHEMA_VERSION || d->readonly ? DB_OK : write_schema(d);
    }
    if (app != 0 || tables != 0) {
        set_msg(d, "%s is an SQLite database without khaldun's schema (application_id %lld, %lld objects); refusing "
                   "to %s it",
                d->path, (long long)app, (long long)tables, d->readonly ? "read" : "write into");
        return DB_FOREIGN;
    }
    if (d->readonly) { /* an empty file: nothing to read, and no schema to create */
        set_msg(d, "%s is an empty SQLite database, not khaldun's event store (store events with `khaldun code --db`)",
                d->path);
        return DB_FOREIGN;
    }
    return write_schema(d);
}

/* A new handle for path in *out, its connection opened with flags and its
 * schema checked (db_open, db_open_read). */
/* Opens path (through the URI open_as when not NULL; messages name path)
 * with flags and checks that it is khaldun's store. */
static db_result open_checked(db **out, const char *path, const char *open_as, int flags)
{
    *out = NULL;
    db *d = mem_calloc(1, sizeof *d);
    if (!d)
        return DB_NOMEM;
    *out = d;
    d->readonly = !(flags & SQLITE_OPEN_READWRITE);
    d->path = mem_strndup(path, strlen(path));
    if (!d->path) {
        set_msg(d, "out of memory");
        return DB_NOMEM;
    }
    if (sqlite3_open_v2(open_as ? open_as : path, &d->conn, flags, NULL) != SQLITE_OK)
        return fail(d, "opening it");
    sqlite3_extended_result_codes(d->conn, 1);
    sqlite3_busy_timeout(d->conn, 10000);
    return check_schema(d);
}

/* The failed open of d could not set up WAL reading (its -shm file cannot
 * be made: the store and its folder belong to someone else) while no
 * writer is at work (there is no -wal file). */
static int wal_unreadable_idle(const db *d)
{
    int code = d->conn ? sqlite3_extended_errcode(d->conn) & 0xff : SQLITE_OK;
    if (code != SQLITE_READONLY && code != SQLITE_CANTOPEN)
        return 0;
    size_t n = strlen(d->path);
    char *wal = mem_alloc(n + 5);
    if (!wal)
        return 0;
    snprintf(wal, n + 5, "%s-wal", d->path);
    int idle = access(wal, F_OK) != 0 && errno == ENOENT && access(d->path, R_OK) == 0;
    mem_free(wal);
    return idle;
}

/* "file:PATH?immutable=1", PATH's '%', '?' and '#' escaped; NULL without
 * memory. */
static char *immutable_uri(const char *path)
{
    size_t n = strlen(path);
    char *uri = mem_alloc(3 * n + 32), *o = uri;
    if (!uri)
        return NULL;
    o += sprintf(o, "file:");
    for (const char *c = path; *c; c++)
        o += strchr("%?#", *c) ? sprintf(o, "%%%02X", (unsigned char)*c) : (*o = *c, 1);
    strcpy(o, "?immutable=1");
    return uri;
}

db_result db_open_read(db **out, const char *path)
{
    db_result r = open_checked(out, path, NULL, SQLITE_OPEN_READONLY);
    if (r == DB_OK || !*out || !wal_unreadable_idle(*out))
        return r;
    /* a store we may only read, with no writer at work: read as it is on
     * disk (SQLite's immutable mode), since WAL reading needs a -shm file
     * we cannot make */
    char *uri = immutable_uri(path);
    if (!uri)
        return r;
    db_close(*out);
    r = open_checked(out, path, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
    mem_free(uri);
    return r;
}

db_result db_open(db **out, const char *path, const db_options *o)
{
    db_result r = open_checked(out, path, NULL, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    db *d = *out;
    if (r != DB_OK)
        return r;
    d->o = o ? *o : (db_options){0, 0, 0};
    if (!o) {
        d->o.dedup_days = 1;
        d->o.dedup_km = 50;
    }
    if (d->o.batch_docs <= 0)
        d->o.batch_docs = DB_DEFAULT_BATCH;
    sqlite3_stmt *s = NULL;
    int wal = sqlite3_prepare_v2(d->conn, "PRAGMA journal_mode=WAL", -1, &s, NULL) == SQLITE_OK &&
              sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0) &&
              strcmp((const char *)sqlite3_column_text(s, 0), "wal") == 0;
    sqlite3_finalize(s);
    if (!wal)
        return sqlite3_errcode(d->conn) != SQLITE_OK ? fail(d, "switching to WAL mode")
                                                     : (set_msg(d, "%s cannot be put in WAL mode", path), DB_ERROR);
    if (sqlite3_exec(d->conn, "PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32768;"
                     " PRAGMA wal_autocheckpoint=10000;",
                     NULL, NULL, NULL) != SQLITE_OK)
        return fail(d, "setting it up");
    for (int k = 0; k < S_NSTMT; k++)
        if (sqlite3_prepare_v3(d->conn, stmt_sql[k], -1, SQLITE_PREPARE_PERSISTENT, &d->st[k], NULL) != SQLITE_OK)
            return fail(d, "preparing its statements");
    return DB_OK;
}

int db_schema_version(const db *d)
{
    return d->version;
}

const char *db_errmsg(const db *d)
{
    return d ? d->msg : "out of memory";
}

db_result db_commit(db *d)
{
    if (!d->in_txn)
        return DB_OK;
    if (step_done(d->st[S_COMMIT]) != 0)
        return fail(d, "committing");
    d->in_txn = 0;
    d->batch = 0;
    return DB_OK;
}

db_result db_close(db *d)
{
    if (!d)
        return DB_OK;
    db_result r = d->conn ? db_commit(d) : DB_OK;
    for (int k = 0; k < S_NSTMT; k++)
        sqlite3_finalize(d->st[k]);
    if (d->conn)
        sqlite3_close(d->conn);
    mem_free(d->path);
    mem_free(d);
    return r;
}

static void bind_text(sqlite3_stmt *s, int i, const char *t)
{
    if (t)
        sqlite3_bind_text(s, i, t, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, i);
}

static void bind_count(sqlite3_stmt *s, int i, int64_t v)
{
    if (v >= 0)
        sqlite3_bind_int64(s, i, v);
    else
        sqlite3_bind_null(s, i);
}

static db_result remove_doc(db *d, int64_t key)
{
    const char *sql = remove_sql;
    while (*sql) {
        sqlite3_stmt *s = NULL;
        const char *rest = NULL;
        if (sqlite3_prepare_v2(d->conn, sql, -1, &s, &rest) != SQLITE_OK)
            return fail(d, "replacing a changed document");
        if (!s)
            break;
        sqlite3_bind_int64(s, 1, key);
        int rc = sqlite3_step(s);
        sqlite3_finalize(s);
        if (rc != SQLITE_DONE)
            return fail(d, "replacing a changed document");
        sql = rest;
    }
    return DB_OK;
}

db_result db_doc_begin(db *d, const db_doc *doc, int *skip)
{
    char hash[17];
    snprintf(hash, sizeof hash, "%016llx", (unsigned long long)doc->hash);
    *skip = 0;
    if (!d->in_txn) {
        if (step_done(d->st[S_BEGIN]) != 0)
            return fail(d, "starting a batch");
        d->in_txn = 1;
    }
    sqlite3_stmt *s = d->st[S_DOC_FIND];
    sqlite3_bind_text(s, 1, doc->id, -1, SQLITE_STATIC);
    int64_t old = 0;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        old = sqlite3_column_int64(s, 0);
        const unsigned char *h = sqlite3_column_text(s, 1);
        *skip = h && strcmp((const char *)h, hash) == 0;
    }
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return fail(d, "looking a document up");
    if (*skip)
        return DB_OK;
    if (old && remove_doc(d, old) != DB_OK)
        return DB_ERROR;
    s = d->st[S_DOC_INSERT];
    sqlite3_bind_text(s, 1, doc->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, hash, -1, SQLITE_STATIC);
    bind_text(s, 3, doc->date);
    bind_text(s, 4, doc->title);
    bind_text(s, 5, doc->source);
    bind_text(s, 6, doc->url);
    sqlite3_bind_int64(s, 7, doc->sentences);
    if (step_done(s) != 0)
        return fail(d, "storing a document");
    d->doc_key = sqlite3_last_insert_rowid(d->conn);
    d->has_doc_date = doc->date != NULL;
    snprintf(d->doc_date, sizeof d->doc_date, "%s", doc->date ? doc->date : "");
    return DB_OK;
}

db_result db_doc_end(db *d)
{
    d->doc_key = 0;
    if (++d->batch >= d->o.batch_docs)
        return db_commit(d);
    return DB_OK;
}

int64_t db_day(const char *date)
{
    int32_t day;
    return date && date_parse_iso(date, strlen(date), &day) ? day : INT64_MIN;
}

static int same_code(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

int db_same_event(const db_identity *a, const db_identity *b, int days, double km)
{
    if (!same_code(a->cameo, b->cameo) || !same_code(a->source_code, b->source_code) ||
        !same_code(a->target_code, b->target_code))
        return 0;
    if ((a->day == INT64_MIN) != (b->day == INT64_MIN))
        return 0;
    if (a->day != INT64_MIN && llabs(a->day - b->day) > (days < 0 ? 0 : days))
        return 0;
    if (a->has_place != b->has_place)
        return 0;
    return !a->has_place || gaz_km(a->lat, a->lon, b->lat, b->lon) <= km;
}

/* The stored event e is (the first by event_key), or 0; -1 on error. */
static int64_t find_event(db *d, const db_event *e, const db_identity *id)
{
    sqlite3_stmt *s = d->st[id->day == INT64_MIN ? S_EVENT_FIND_UNDATED : S_EVENT_FIND_DATED];
    sqlite3_bind_text(s, 1, e->cameo, -1, SQLITE_STATIC);
    bind_text(s, 2, e->source_code);
    bind_text(s, 3, e->target_code);
    if (id->day != INT64_MIN) {
        int days = d->o.dedup_days < 0 ? 0 : d->o.dedup_days;
        sqlite3_bind_int64(s, 4, id->day - days);
        sqlite3_bind_int64(s, 5, id->day + days);
    }
    int64_t found = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        db_identity other = *id;
        other.has_place = sqlite3_column_type(s, 1) != SQLITE_NULL;
        other.lat = sqlite3_column_double(s, 1);
        other.lon = sqlite3_column_double(s, 2);
        if (db_same_event(id, &other, d->o.dedup_days, d->o.dedup_km)) {
            found = sqlite3_column_int64(s, 0);
            break;
        }
    }
    sqlite3_reset(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? found : -1;
}

static int add_actor(db *d, const char *code, const char *country, const char *sector)
{
    if (!code)
        return 0;
    sqlite3_stmt *s = d->st[S_ACTOR_INSERT];
    sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
    bind_text(s, 2, country);
    bind_text(s, 3, sector);
    return step_done(s);
}

/* The place's key, stored when new; 0 without a place, -1 on error. */
static int64_t place_key(db *d, const db_event *e)
{
    if (!e->has_place || !e->place_name)
        return 0;
    sqlite3_stmt *s = d->st[S_PLACE_FIND];
    sqlite3_bind_text(s, 1, e->place_name, -1, SQLITE_STATIC);
    sqlite3_bind_double(s, 2, e->lat);
    sqlite3_bind_double(s, 3, e->lon);
    bind_text(s, 4, e->place_country);
    if (e->geonameid)
        sqlite3_bind_int64(s, 5, e->geonameid);
    else
        sqlite3_bind_null(s, 5);
    int64_t key = 0;
    int rc = sqlite3_step(s), lacks_admin1 = 0;
    if (rc == SQLITE_ROW) {
        key = sqlite3_column_int64(s, 0);
        lacks_admin1 = sqlite3_column_int(s, 1);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return -1;
    if (key && lacks_admin1 && e->place_admin1) { /* stored before its region was known (schema version 1) */
        s = d->st[S_PLACE_ADMIN1];
        sqlite3_bind_int64(s, 1, key);
        sqlite3_bind_text(s, 2, e->place_admin1, -1, SQLITE_STATIC);
        if (step_done(s) != 0)
            return -1;
    }
    if (key)
        return key;
    s = d->st[S_PLACE_INSERT];
    if (e->geonameid)
        sqlite3_bind_int64(s, 1, e->geonameid);
    else
        sqlite3_bind_null(s, 1);
    sqlite3_bind_text(s, 2, e->place_name, -1, SQLITE_STATIC);
    bind_text(s, 3, e->place_country);
    sqlite3_bind_double(s, 4, e->lat);
    sqlite3_bind_double(s, 5, e->lon);
    bind_text(s, 6, e->place_precision);
    bind_text(s, 7, e->place_admin1);
    if (step_done(s) != 0)
        return -1;
    return sqlite3_last_insert_rowid(d->conn);
}

/* A span into parameters i and i + 1, both NULL when none (end <= start). */
static void bind_span(sqlite3_stmt *s, int i, const int64_t span[2])
{
    for (int k = 0; k < 2; k++)
        if (span[1] > span[0])
            sqlite3_bind_int64(s, i + k, span[k]);
        else
            sqlite3_bind_null(s, i + k);
}

static void bind_key(sqlite3_stmt *s, int i, int64_t key)
{
    if (key > 0)
        sqlite3_bind_int64(s, i, key);
    else
        sqlite3_bind_null(s, i);
}

db_result db_add_event(db *d, const db_event *e, int *is_new)
{
    if (!d->doc_key) {
        set_msg(d, "an event outside a document");
        return DB_ERROR;
    }
    /* its sentence, once, with its full-text entry */
    sqlite3_stmt *s = d->st[S_SENT_INSERT];
    sqlite3_bind_int64(s, 1, d->doc_key);
    sqlite3_bind_int64(s, 2, e->sentence);
    sqlite3_bind_int64(s, 3, e->span[0]);
    sqlite3_bind_int64(s, 4, e->span[1]);
    sqlite3_bind_text(s, 5, e->evidence ? e->evidence : "", -1, SQLITE_STATIC);
    if (step_done(s) != 0)
        return fail(d, "storing a sentence");
    if (sqlite3_changes(d->conn) == 1) {
        s = d->st[S_FTS_INSERT];
        sqlite3_bind_int64(s, 1, sqlite3_last_insert_rowid(d->conn));
        sqlite3_bind_text(s, 2, e->evidence ? e->evidence : "", -1, SQLITE_STATIC);
        if (step_done(s) != 0)
            return fail(d, "indexing a sentence");
    }
    db_identity id = {e->source_code, e->target_code, e->cameo, db_day(e->date), e->has_place, e->lat, e->lon};
    int64_t pk = place_key(d, e);
    if (pk < 0)
        return fail(d, "storing a place");
    int64_t ev = find_event(d, e, &id);
    if (ev < 0)
        return fail(d, "looking an event up");
    if (is_new)
        *is_new = ev == 0;
    uint32_t reports = e->reports ? e->reports : 1;
    if (ev) {
        s = d->st[S_EVENT_MENTION];
        sqlite3_bind_int64(s, 1, ev);
        sqlite3_bind_int64(s, 2, reports);
        bind_count(s, 3, e->killed);
        bind_count(s, 4, e->wounded);
        if (step_done(s) != 0)
            return fail(d, "adding a mention");
    } else {
        if (add_actor(d, e->source_code, e->source_country, e->source_sector) != 0 ||
            add_actor(d, e->target_code, e->target_country, e->target_sector) != 0)
            return fail(d, "storing an actor");
        char root[3] = {e->cameo[0], e->cameo[0] ? e->cameo[1] : 0, 0};
        s = d->st[S_EVENT_INSERT];
        sqlite3_bind_text(s, 1, e->cameo, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, root, -1, SQLITE_TRANSIENT);
        bind_text(s, 3, e->plover);
        if (e->quad_class)
            sqlite3_bind_int(s, 4, e->quad_class);
        else
            sqlite3_bind_null(s, 4);
        if (e->has_goldstein)
            sqlite3_bind_double(s, 5, e->goldstein);
        else
            sqlite3_bind_null(s, 5);
        bind_text(s, 6, e->source_code);
        bind_text(s, 7, e->target_code);
        bind_text(s, 8, id.day != INT64_MIN ? e->date : NULL);
        if (id.day != INT64_MIN)
            sqlite3_bind_int64(s, 9, id.day);
        else
            sqlite3_bind_null(s, 9);
        bind_key(s, 10, pk);
        bind_text(s, 11, e->has_place ? e->place_country : NULL);
        if (e->has_place) {
            sqlite3_bind_double(s, 12, e->lat);
            sqlite3_bind_double(s, 13, e->lon);
        } else {
            sqlite3_bind_null(s, 12);
            sqlite3_bind_null(s, 13);
        }
        bind_count(s, 14, e->killed);
        bind_count(s, 15, e->wounded);
        sqlite3_bind_int64(s, 16, d->doc_key);
        sqlite3_bind_int64(s, 17, e->sentence);
        bind_text(s, 18, d->has_doc_date ? d->doc_date : NULL);
        sqlite3_bind_int64(s, 19, reports);
        if (step_done(s) != 0)
            return fail(d, "storing an event");
        ev = sqlite3_last_insert_rowid(d->conn);
    }
    s = d->st[S_MENTION_INSERT];
    sqlite3_bind_int64(s, 1, ev);
    sqlite3_bind_int64(s, 2, d->doc_key);
    sqlite3_bind_int64(s, 3, e->sentence);
    bind_text(s, 4, e->source_text);
    bind_text(s, 5, e->target_text);
    bind_text(s, 6, id.day != INT64_MIN ? e->date : NULL);
    bind_key(s, 7, pk);
    bind_count(s, 8, e->killed);
    bind_count(s, 9, e->wounded);
    sqlite3_bind_int64(s, 10, reports);
    bind_text(s, 11, e->head);
    bind_text(s, 12, e->pattern);
    bind_text(s, 13, e->date_text);
    bind_text(s, 14, e->date_precision);
    bind_text(s, 15, e->time);
    bind_text(s, 16, e->casualty_note);
    bind_span(s, 17, e->source_span);
    bind_span(s, 19, e->target_span);
    if (step_done(s) != 0)
        return fail(d, "storing a mention");
    return DB_OK;
}

db_result db_counts(db *d, int64_t *docs, int64_t *events, int64_t *mentions)
{
    *docs = pragma_int(d, "SELECT count(*) FROM documents");
    *events = pragma_int(d, "SELECT count(*) FROM events");
    *mentions = pragma_int(d, "SELECT count(*) FROM mentions");
    return *docs < 0 || *events < 0 || *mentions < 0 ? fail(d, "counting") : DB_OK;
}

/* Each stored event with what the export layouts want of it, in the order
 * stored: its first report's document, sentence, actors' words and
 * evidence and its place's region (FIRST_REPORT: of version 2, or as
 * absent in a store of version 1), its place, and over all its mentions the reports, documents
 * and sources.  A casualty note that is not a JSON object (a file changed
 * by hand) reads as absent. */
#define EACH_EVENT_SQL(FIRST_REPORT)                                                                                 \
    "SELECT e.event_key, d.id, e.first_sentence,"                                                                    \
    " e.source_code, sa.country, sa.sector, fm.source_text,"                                                         \
    " e.target_code, ta.country, ta.sector, fm.target_text,"                                                         \
    " e.cameo, e.plover, e.quad_class, e.goldstein, e.date,"                                                         \
    " p.name, p.country, p.lat, p.lon, p.geonameid, p.precision,"                                                    \
    " e.killed, e.wounded, s.text, s.start, s.\"end\", d.url, d.source,"                                             \
    " (SELECT sum(m.reports) FROM mentions m WHERE m.event_key = e.event_key),"                                      \
    " (SELECT count(DISTINCT m.doc_key) FROM mentions m WHERE m.event_key = e.event_key),"                           \
    " (SELECT count(DISTINCT coalesce(md.source, '#' || md.doc_key)) FROM mentions m"                                \
    "  JOIN documents md ON md.doc_key = m.doc_key WHERE m.event_key = e.event_key), " FIRST_REPORT                  \
    " FROM events e JOIN documents d ON d.doc_key = e.first_doc"                                                     \
    " LEFT JOIN mentions fm ON fm.mention_key = (SELECT min(m.mention_key) FROM mentions m"                          \
    "  WHERE m.event_key = e.event_key AND m.doc_key = e.first_doc AND m.sentence = e.first_sentence)"               \
    " LEFT JOIN actors sa ON sa.code = e.source_code"                                                                \
    " LEFT JOIN actors ta ON ta.code = e.target_code"                                                                \
    " LEFT JOIN places p ON p.place_key = e.place_key"                                                               \
    " LEFT JOIN sentences s ON s.doc_key = e.first_doc AND s.idx = e.first_sentence"

static const char each_event_sql[] = EACH_EVENT_SQL(
    "fm.head, fm.pattern, fm.date_text, fm.date_precision, fm.time,"
    " CASE WHEN json_valid(fm.casualty_note) THEN CASE json_type(fm.casualty_note) WHEN 'object'"
    " THEN json(fm.casualty_note) END END,"
    " fm.source_start, fm.source_end, fm.target_start, fm.target_end, p.admin1");
static const char each_event_v1_sql[] =
    EACH_EVENT_SQL("NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL");

static const char *col_text(sqlite3_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(s, i);
}

static int64_t col_count(sqlite3_stmt *s, int i)
{
    return sqlite3_column_type(s, i) == SQLITE_NULL ? OUT_NONE : sqlite3_column_int64(s, i);
}

/* The event of the current row of each_event_sql into *e (pointers into
 * the row, valid until the next step). */
static void event_of_row(sqlite3_stmt *s, out_event *e)
{
    out_event_init(e);
    e->doc_id = col_text(s, 1);
    e->sentence = sqlite3_column_int64(s, 2);
    e->source = (out_actor){col_text(s, 3), col_text(s, 4), col_text(s, 5), col_text(s, 6), sqlite3_column_int64(s, 38),
                            sqlite3_column_int64(s, 39)};
    e->target = (out_actor){col_text(s, 7), col_text(s, 8), col_text(s, 9), col_text(s, 10),
                            sqlite3_column_int64(s, 40), sqlite3_column_int64(s, 41)};
    if (!e->source.code)
        e->source = (out_actor){0};
    if (!e->target.code)
        e->target = (out_actor){0};
    e->cameo = col_text(s, 11);
    e->plover = col_text(s, 12);
    e->quad_class = col_count(s, 13);
    e->has_goldstein = sqlite3_column_type(s, 14) != SQLITE_NULL;
    e->goldstein = sqlite3_column_double(s, 14);
    e->date = col_text(s, 15);
    if (col_text(s, 16)) {
        e->location.name = col_text(s, 16);
        e->location.country = col_text(s, 17);
        e->location.lat = sqlite3_column_double(s, 18);
        e->location.lon = sqlite3_column_double(s, 19);
        e->location.has_coords = 1;
        e->location.geonameid = col_count(s, 20);
        e->location.precision = col_text(s, 21);
        e->location.admin1 = col_text(s, 42);
    }
    e->killed = col_count(s, 22);
    e->wounded = col_count(s, 23);
    e->evidence = col_text(s, 24);
    e->span_start = col_count(s, 25);
    e->span_end = col_count(s, 26);
    e->url = col_text(s, 27);
    e->doc_source = col_text(s, 28);
    e->mentions = col_count(s, 29);
    e->articles = col_count(s, 30);
    e->sources = col_count(s, 31);
    e->head = col_text(s, 32);
    e->pattern = col_text(s, 33);
    e->date_text = col_text(s, 34);
    e->date_precision = col_text(s, 35);
    e->time = col_text(s, 36);
    e->casualty_note = col_text(s, 37);
}

/* Binds params[0..n) to s's parameters ?1..?n. */
static int bind_params(sqlite3_stmt *s, const db_param *params, int n)
{
    for (int k = 0; k < n; k++) {
        const db_param *p = &params[k];
        int rc = p->kind == DB_P_INT    ? sqlite3_bind_int64(s, k + 1, p->i)
                 : p->kind == DB_P_REAL ? sqlite3_bind_double(s, k + 1, p->f)
                                        : sqlite3_bind_text(s, k + 1, p->t, -1, SQLITE_TRANSIENT);
        if (rc != SQLITE_OK)
            return -1;
    }
    return 0;
}

/* Prepares sql (up to n bytes, or -1) and binds params; NULL on failure
 * (the message says what was being done). */
static sqlite3_stmt *prepare_bound(db *d, const char *sql, int n, const db_param *params, int nparams,
                                   const char *doing)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(d->conn, sql, n, &s, NULL) != SQLITE_OK || bind_params(s, params, nparams) != 0) {
        fail(d, doing);
        sqlite3_finalize(s);
        return NULL;
    }
    return s;
}

/* Steps s through its rows, calling fn with each (non-zero stops), then
 * finalizes it. */
static db_result each_row(db *d, sqlite3_stmt *s, int (*fn)(sqlite3_stmt *, void *), void *ctx, const char *doing)
{
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        if (fn(s, ctx) != 0) {
            sqlite3_finalize(s);
            set_msg(d, "%s: %s stopped", d->path, doing);
            return DB_ERROR;
        }
    db_result r = rc == SQLITE_DONE ? DB_OK : fail(d, doing);
    sqlite3_finalize(s);
    return r;
}

typedef struct event_reader {
    db_event_fn fn;
    void *ctx;
} event_reader;

static int read_event_row(sqlite3_stmt *s, void *ctx)
{
    event_reader *r = ctx;
    out_event e;
    event_of_row(s, &e);
    return r->fn(&e, sqlite3_column_int64(s, 0), r->ctx);
}

typedef struct select_reader {
    db_row_fn fn;
    void *ctx;
} select_reader;

/* The row's first columns (at most 16) as text. */
static int read_select_row(sqlite3_stmt *s, void *ctx)
{
    select_reader *r = ctx;
    const char *cols[16];
    int ncols = sqlite3_column_count(s);
    if (ncols > 16)
        ncols = 16;
    for (int k = 0; k < ncols; k++)
        cols[k] = (const char *)sqlite3_column_text(s, k);
    return r->fn(ncols, cols, r->ctx);
}

db_result db_each_event_where(db *d, const db_where *w, db_event_fn fn, void *ctx)
{
    static const db_where all = {NULL, NULL, 0, 0};
    if (!w)
        w = &all;
    size_t n = sizeof each_event_sql + sizeof each_event_v1_sql + (w->sql ? strlen(w->sql) : 0) + 64;
    char *sql = mem_alloc(n);
    if (!sql) {
        set_msg(d, "out of memory while reading its events");
        return DB_NOMEM;
    }
    snprintf(sql, n, "%s%s%s ORDER BY e.event_key%s", d->version >= 2 ? each_event_sql : each_event_v1_sql,
             w->sql ? " WHERE " : "", w->sql ? w->sql : "",
             w->limit > 0 ? " LIMIT ?999" : "");
    sqlite3_stmt *s = prepare_bound(d, sql, -1, w->params, w->nparams, "reading its events");
    mem_free(sql);
    if (!s)
        return DB_ERROR;
    if (w->limit > 0)
        sqlite3_bind_int64(s, 999, w->limit);
    event_reader r = {fn, ctx};
    return each_row(d, s, read_event_row, &r, "reading its events");
}

db_result db_each_event(db *d, db_event_fn fn, void *ctx)
{
    return db_each_event_where(d, NULL, fn, ctx);
}

db_result db_select(db *d, const char *sql, const db_param *params, int nparams, db_row_fn fn, void *ctx)
{
    sqlite3_stmt *s = prepare_bound(d, sql, -1, params, nparams, "reading it");
    if (!s)
        return DB_ERROR;
    return each_row(d, s, read_select_row, &(select_reader){fn, ctx}, "reading it");
}
