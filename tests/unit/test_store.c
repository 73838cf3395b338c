/*
 * test_store.c - unit tests of the event store (store/db.h): the identity
 * rule (codes, date window, distance, absent actors, dates and places),
 * and the store itself on a temporary file: a re-reported event joins the
 * first as a mention, a document stored again unchanged is skipped, a
 * changed one replaces its rows, a report's evidence comes back with its
 * event; a failed write is reported with its cause
 * (no room on the disk, the file size limit, a quota, an I/O error, a
 * read-only file system), made by a file system that fails on purpose (a
 * VFS over the default one).  Events invented for the tests.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "store/db.h"
#include "store/out.h"

static db_identity ident(const char *src, const char *tgt, const char *cameo, const char *date, int place, double lat,
                         double lon)
{
    return (db_identity){src, tgt, cameo, db_day(date), place, lat, lon};
}

static void test_same_codes_and_day(void **state)
{
    (void)state;
    db_identity a = ident("SYRREB", "SYRMIL", "190", "2031-05-04", 1, 36.20, 37.16);
    db_identity b = a;
    assert_true(db_same_event(&a, &b, 1, 50));
    b.cameo = "193";
    assert_false(db_same_event(&a, &b, 1, 50));
    b = a;
    b.source_code = "SYRGOV";
    assert_false(db_same_event(&a, &b, 1, 50));
    b = a;
    b.target_code = NULL;
    assert_false(db_same_event(&a, &b, 1, 50));
    db_identity c = ident(NULL, "SYRMIL", "190", "2031-05-04", 0, 0, 0), d = c;
    assert_true(db_same_event(&c, &d, 1, 50)); /* both without a source */
}

static void test_window(void **state)
{
    (void)state;
    db_identity a = ident("A", "B", "190", "2031-12-31", 0, 0, 0);
    db_identity b = ident("A", "B", "190", "2032-01-01", 0, 0, 0);
    db_identity c = ident("A", "B", "190", "2032-01-02", 0, 0, 0);
    assert_true(db_same_event(&a, &b, 1, 50));  /* across a year end */
    assert_false(db_same_event(&a, &b, 0, 50)); /* window 0: the same date only */
    assert_false(db_same_event(&a, &c, 1, 50));
    assert_true(db_same_event(&a, &c, 2, 50));
    assert_true(db_same_event(&c, &a, 2, 50)); /* symmetric */
    db_identity u = ident("A", "B", "190", NULL, 0, 0, 0), v = u;
    assert_true(db_same_event(&u, &v, 1, 50));  /* both undated */
    assert_false(db_same_event(&u, &a, 30, 50)); /* dated and undated */
    assert_int_equal(db_day("1970-01-02"), 1);
    assert_true(db_day("2031-02-30") == INT64_MIN);
    assert_true(db_day("soon") == INT64_MIN);
}

static void test_distance(void **state)
{
    (void)state;
    /* about 0.4 degrees of latitude apart: 44 km */
    db_identity a = ident("A", "B", "190", "2031-05-04", 1, 33.30, 44.40);
    db_identity b = ident("A", "B", "190", "2031-05-04", 1, 33.70, 44.40);
    assert_true(db_same_event(&a, &b, 1, 50));
    assert_false(db_same_event(&a, &b, 1, 40));
    db_identity far = ident("A", "B", "190", "2031-05-04", 1, 36.20, 37.16);
    assert_false(db_same_event(&a, &far, 1, 50));
    db_identity none = ident("A", "B", "190", "2031-05-04", 0, 0, 0), none2 = none;
    assert_false(db_same_event(&a, &none, 1, 50)); /* a place and none */
    assert_true(db_same_event(&none, &none2, 1, 50));
    /* across the antimeridian */
    db_identity e = ident("A", "B", "190", "2031-05-04", 1, -17.0, 179.9);
    db_identity w = ident("A", "B", "190", "2031-05-04", 1, -17.0, -179.9);
    assert_true(db_same_event(&e, &w, 1, 50));
}

static db_event attack(uint32_t sentence, const char *date, double lat)
{
    db_event e;
    memset(&e, 0, sizeof e);
    e.sentence = sentence;
    e.span[1] = 20;
    e.evidence = "Rebels attacked the army.";
    e.source_code = "REB";
    e.target_code = "MIL";
    e.source_text = "Rebels";
    e.target_text = "the army";
    e.cameo = "190";
    e.plover = "ASSAULT";
    e.quad_class = 4;
    e.date = date;
    e.has_place = lat != 0;
    e.place_name = "Somewhere";
    e.lat = lat;
    e.lon = 10;
    e.killed = -1;
    e.wounded = 3;
    e.reports = 1;
    return e;
}

/* A new temporary file name in path (the file itself removed). */
static void temp_store(char *path)
{
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    unlink(path);
}

static void remove_store(const char *path)
{
    char extra[64];
    unlink(path);
    snprintf(extra, sizeof extra, "%s-wal", path);
    unlink(extra);
    snprintf(extra, sizeof extra, "%s-shm", path);
    unlink(extra);
}

static void test_store_round_trip(void **state)
{
    (void)state;
    char path[] = "/tmp/khaldun-test-store-XXXXXX";
    temp_store(path); /* a new, empty file is created by db_open */
    db *d = NULL;
    assert_int_equal(db_open(&d, path, NULL), DB_OK);
    assert_int_equal(db_schema_version(d), DB_SCHEMA_VERSION);
    int skip = -1, is_new = -1;
    db_doc one = {"one", "2031-05-04", NULL, "Wire", "http://x.example/1", 42, 2};
    assert_int_equal(db_doc_begin(d, &one, &skip), DB_OK);
    assert_int_equal(skip, 0);
    db_event e = attack(0, "2031-05-04", 33.3);
    assert_int_equal(db_add_event(d, &e, &is_new), DB_OK);
    assert_int_equal(is_new, 1);
    e = attack(1, "2031-05-05", 33.4); /* a day later, 11 km away: the same */
    assert_int_equal(db_add_event(d, &e, &is_new), DB_OK);
    assert_int_equal(is_new, 0);
    e = attack(1, "2031-05-04", 0); /* no place: another */
    assert_int_equal(db_add_event(d, &e, &is_new), DB_OK);
    assert_int_equal(is_new, 1);
    assert_int_equal(db_doc_end(d), DB_OK);
    assert_int_equal(db_doc_begin(d, &one, &skip), DB_OK);
    assert_int_equal(skip, 1); /* unchanged */
    db_doc two = {"one", "2031-05-04", NULL, "Wire", NULL, 43, 1};
    assert_int_equal(db_doc_begin(d, &two, &skip), DB_OK);
    assert_int_equal(skip, 0); /* changed: replaces */
    e = attack(0, NULL, 0);
    assert_int_equal(db_add_event(d, &e, &is_new), DB_OK);
    assert_int_equal(is_new, 1);
    assert_int_equal(db_doc_end(d), DB_OK);
    assert_int_equal(db_commit(d), DB_OK);
    int64_t docs, events, mentions;
    assert_int_equal(db_counts(d, &docs, &events, &mentions), DB_OK);
    assert_int_equal(docs, 1);
    assert_int_equal(events, 1);
    assert_int_equal(mentions, 1);
    assert_int_equal(db_close(d), DB_OK);
    /* reopened: the schema is recognised */
    assert_int_equal(db_open(&d, path, NULL), DB_OK);
    assert_int_equal(db_close(d), DB_OK);
    remove_store(path);
}

/* A new store in path (a temporary name) holding one document with the
 * event e, not yet committed. */
static db *store_one(char *path, const db_event *e)
{
    temp_store(path);
    db *d = NULL;
    assert_int_equal(db_open(&d, path, NULL), DB_OK);
    int skip = 0;
    db_doc doc = {"one", "2031-05-04", NULL, NULL, NULL, 7, 1};
    assert_int_equal(db_doc_begin(d, &doc, &skip), DB_OK);
    assert_int_equal(db_add_event(d, e, NULL), DB_OK);
    assert_int_equal(db_doc_end(d), DB_OK);
    return d;
}

/* db_each_event's callback: keeps the first event's evidence. */
typedef struct seen {
    int events;
    char head[16], pattern[32], date_text[32], precision[8], time[8], note[64];
    int64_t source_span[2], target_span[2];
} seen;

static void keep(char *into, size_t cap, const char *s)
{
    snprintf(into, cap, "%s", s ? s : "(null)");
}

static int see_event(const out_event *e, int64_t key, void *ctx)
{
    (void)key;
    seen *z = ctx;
    if (z->events++ == 0) {
        keep(z->head, sizeof z->head, e->head);
        keep(z->pattern, sizeof z->pattern, e->pattern);
        keep(z->date_text, sizeof z->date_text, e->date_text);
        keep(z->precision, sizeof z->precision, e->date_precision);
        keep(z->time, sizeof z->time, e->time);
        keep(z->note, sizeof z->note, e->casualty_note);
        z->source_span[0] = e->source.start;
        z->source_span[1] = e->source.end;
        z->target_span[0] = e->target.start;
        z->target_span[1] = e->target.end;
    }
    return 0;
}

/* A report's evidence beyond its sentence is stored with its mention and
 * read back with the event. */
static void test_evidence_kept(void **state)
{
    (void)state;
    char path[] = "/tmp/khaldun-test-store-XXXXXX";
    db_event e = attack(0, "2031-05-03", 33.3);
    e.head = "attacked";
    e.pattern = "verbs.txt:12";
    e.date_text = "on Saturday";
    e.date_precision = "day";
    e.time = "night";
    e.casualty_note = "{\"wounded\": {\"qualifier\": \"about\", \"min\": 3}}";
    e.source_span[0] = 0, e.source_span[1] = 6;
    db *d = store_one(path, &e);
    assert_int_equal(db_close(d), DB_OK);
    assert_int_equal(db_open_read(&d, path), DB_OK);
    seen z = {0};
    assert_int_equal(db_each_event(d, see_event, &z), DB_OK);
    db_close(d);
    assert_int_equal(z.events, 1);
    assert_string_equal(z.head, "attacked");
    assert_string_equal(z.pattern, "verbs.txt:12");
    assert_string_equal(z.date_text, "on Saturday");
    assert_string_equal(z.precision, "day");
    assert_string_equal(z.time, "night");
    assert_string_equal(z.note, "{\"wounded\":{\"qualifier\":\"about\",\"min\":3}}"); /* compact */
    assert_int_equal(z.source_span[0], 0);
    assert_int_equal(z.source_span[1], 6);
    assert_true(z.target_span[1] <= z.target_span[0]); /* none */
    remove_store(path);
}

/* ---- a file system that fails on purpose ----
 * The default VFS, except that once fault_errno is set every write fails
 * as the system call would with that errno: SQLITE_FULL for ENOSPC (as
 * SQLite says it), SQLITE_IOERR_WRITE otherwise; errno itself is lost, as
 * after SQLite's rollback, and only the file's handle keeps it. */

typedef struct faulty_file {
    sqlite3_file base;
    int last_errno;
    sqlite3_file *real; /* the default VFS's file, allocated after this */
} faulty_file;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs faulty_vfs;
static int fault_errno;

#define REAL(f) (((faulty_file *)(f))->real)

static int ff_close(sqlite3_file *f) { return REAL(f)->pMethods->xClose(REAL(f)); }
static int ff_read(sqlite3_file *f, void *p, int n, sqlite3_int64 at)
{
    return REAL(f)->pMethods->xRead(REAL(f), p, n, at);
}
static int ff_write(sqlite3_file *f, const void *p, int n, sqlite3_int64 at)
{
    if (fault_errno) {
        ((faulty_file *)f)->last_errno = fault_errno == ENOSPC ? 0 : fault_errno;
        errno = 0;
        return fault_errno == ENOSPC ? SQLITE_FULL : SQLITE_IOERR_WRITE;
    }
    return REAL(f)->pMethods->xWrite(REAL(f), p, n, at);
}
static int ff_truncate(sqlite3_file *f, sqlite3_int64 n) { return REAL(f)->pMethods->xTruncate(REAL(f), n); }
static int ff_sync(sqlite3_file *f, int flags) { return REAL(f)->pMethods->xSync(REAL(f), flags); }
static int ff_size(sqlite3_file *f, sqlite3_int64 *n) { return REAL(f)->pMethods->xFileSize(REAL(f), n); }
static int ff_lock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xLock(REAL(f), l); }
static int ff_unlock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xUnlock(REAL(f), l); }
static int ff_reserved(sqlite3_file *f, int *r) { return REAL(f)->pMethods->xCheckReservedLock(REAL(f), r); }
static int ff_control(sqlite3_file *f, int op, void *arg)
{
    if (op == SQLITE_FCNTL_LAST_ERRNO && ((faulty_file *)f)->last_errno) {
        *(int *)arg = ((faulty_file *)f)->last_errno;
        return SQLITE_OK;
    }
    return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}
static int ff_sector(sqlite3_file *f) { return REAL(f)->pMethods->xSectorSize(REAL(f)); }
static int ff_device(sqlite3_file *f) { return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f)); }
static int ff_shm_map(sqlite3_file *f, int k, int size, int extend, void volatile **p)
{
    return REAL(f)->pMethods->xShmMap(REAL(f), k, size, extend, p);
}
static int ff_shm_lock(sqlite3_file *f, int at, int n, int flags)
{
    return REAL(f)->pMethods->xShmLock(REAL(f), at, n, flags);
}
static void ff_shm_barrier(sqlite3_file *f) { REAL(f)->pMethods->xShmBarrier(REAL(f)); }
static int ff_shm_unmap(sqlite3_file *f, int del) { return REAL(f)->pMethods->xShmUnmap(REAL(f), del); }

static const sqlite3_io_methods faulty_methods = {
    2, ff_close, ff_read, ff_write, ff_truncate, ff_sync, ff_size, ff_lock, ff_unlock, ff_reserved, ff_control,
    ff_sector, ff_device, ff_shm_map, ff_shm_lock, ff_shm_barrier, ff_shm_unmap, NULL, NULL};

static int ff_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out_flags)
{
    (void)vfs;
    faulty_file *ff = (faulty_file *)f;
    ff->last_errno = 0;
    ff->real = (sqlite3_file *)(ff + 1);
    int rc = real_vfs->xOpen(real_vfs, name, ff->real, flags, out_flags);
    f->pMethods = rc == SQLITE_OK ? &faulty_methods : NULL;
    return rc;
}

/* Makes the faulty VFS the default one (once). */
static void use_faulty_vfs(void)
{
    if (real_vfs)
        return;
    real_vfs = sqlite3_vfs_find(NULL);
    faulty_vfs = *real_vfs;
    faulty_vfs.zName = "khaldun-faulty";
    faulty_vfs.szOsFile = (int)sizeof(faulty_file) + real_vfs->szOsFile;
    faulty_vfs.xOpen = ff_open;
    assert_int_equal(sqlite3_vfs_register(&faulty_vfs, 1), SQLITE_OK);
}

/* Stores a document while every write fails with errno sys: the result
 * and the message say why. */
static void expect_write_fault(int sys, db_result want, const char *says)
{
    char path[] = "/tmp/khaldun-test-store-XXXXXX";
    db_event e = attack(0, "2031-05-04", 33.3);
    db *d = store_one(path, &e);
    fault_errno = sys;
    assert_int_equal(db_commit(d), want);
    fault_errno = 0;
    if (!strstr(db_errmsg(d), says))
        fail_msg("errno %d: \"%s\" does not say \"%s\"", sys, db_errmsg(d), says);
    db_close(d);
    /* the batch was rolled back; the file is whole */
    assert_int_equal(db_open(&d, path, NULL), DB_OK);
    int64_t docs, events, mentions;
    assert_int_equal(db_counts(d, &docs, &events, &mentions), DB_OK);
    assert_int_equal(docs, 0);
    db_close(d);
    remove_store(path);
}

static void test_write_faults(void **state)
{
    (void)state;
    use_faulty_vfs();
    expect_write_fault(ENOSPC, DB_FULL, "the disk is full");
    expect_write_fault(EFBIG, DB_FULL, "the file size limit was reached");
    expect_write_fault(EDQUOT, DB_FULL, "the disk quota is used up");
    expect_write_fault(EIO, DB_ERROR, "an I/O error");
    expect_write_fault(EROFS, DB_ERROR, "the file or its folder is read-only");
    expect_write_fault(EACCES, DB_ERROR, "the file or its folder is read-only");
    expect_write_fault(EPERM, DB_ERROR, "the file or its folder is read-only");
    expect_write_fault(ENODEV, DB_ERROR, "disk I/O error (No such device)");
}

static void test_foreign_file(void **state)
{
    (void)state;
    char path[] = "/tmp/khaldun-test-store-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char junk[] = "not a database at all, only words, repeated to fill a page or so of it";
    for (int k = 0; k < 80; k++)
        assert_true(write(fd, junk, sizeof junk - 1) == (ssize_t)(sizeof junk - 1));
    close(fd);
    db *d = NULL;
    assert_int_equal(db_open(&d, path, NULL), DB_FOREIGN);
    assert_non_null(strstr(db_errmsg(d), "not an SQLite database"));
    db_close(d);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_codes_and_day), cmocka_unit_test(test_window),
        cmocka_unit_test(test_distance), cmocka_unit_test(test_store_round_trip),
        cmocka_unit_test(test_evidence_kept), cmocka_unit_test(test_foreign_file),
        cmocka_unit_test(test_write_faults),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
