/*
 * test_store.c - unit tests of the event store (store/db.h): the identity
 * rule (codes, date window, distance, absent actors, dates and places),
 * and the store itself on a temporary file: a re-reported event joins the
 * first as a mention, a document stored again unchanged is skipped, a
 * changed one replaces its rows.  Events invented for the tests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "store/db.h"

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

static void test_store_round_trip(void **state)
{
    (void)state;
    char path[] = "/tmp/khaldun-test-store-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    unlink(path); /* a new, empty file is created by db_open */
    db *d = NULL;
    assert_int_equal(db_open(&d, path, NULL), DB_OK);
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
    char extra[64];
    unlink(path);
    snprintf(extra, sizeof extra, "%s-wal", path);
    unlink(extra);
    snprintf(extra, sizeof extra, "%s-shm", path);
    unlink(extra);
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
        cmocka_unit_test(test_foreign_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
