/*
 * test_query.c - unit tests of the store's query filters (store/query.h):
 * date spans of a day, month and year (leap years included), codes
 * upper-cased and checked, CAMEO prefixes and roots, boxes, places by
 * name or GeoNames id, the count keys; and a query on a small store
 * written through db.h with invented events.
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

#include "store/out.h"
#include "store/query.h"
#include "time/calendar.h"

static int set(query_filter *f, const char *name, const char *value)
{
    buf err = BUF_INIT;
    int r = query_set(f, name, value, &err);
    if (r == -1)
        assert_non_null(strstr(err.p, name));
    buf_free(&err);
    return r;
}

static void test_dates(void **state)
{
    (void)state;
    query_filter f;
    query_filter_init(&f);
    assert_int_equal(f.from, INT64_MIN);
    assert_int_equal(set(&f, "from", "2024-02"), 0);
    assert_int_equal(set(&f, "to", "2024-02"), 0);
    assert_int_equal(f.from, date_from_civil(2024, 2, 1));
    assert_int_equal(f.to, date_from_civil(2024, 2, 29));
    assert_int_equal(set(&f, "to", "2023-02"), 0);
    assert_int_equal(f.to, date_from_civil(2023, 2, 28));
    assert_int_equal(set(&f, "from", "2031"), 0);
    assert_int_equal(set(&f, "to", "2031"), 0);
    assert_int_equal(f.from, date_from_civil(2031, 1, 1));
    assert_int_equal(f.to, date_from_civil(2031, 12, 31));
    assert_int_equal(set(&f, "from", "2031-05-04"), 0);
    assert_int_equal(f.from, date_from_civil(2031, 5, 4));
    const char *bad[] = {"2023-02-29", "2031-13", "0000", "31-05-2031", "2031/05/04", "2031-5-4", "", "20310", "2031-05-04x"};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
        assert_int_equal(set(&f, "from", bad[k]), -1);
    assert_int_equal(f.from, date_from_civil(2031, 5, 4)); /* a bad value changes nothing */
}

static void test_codes(void **state)
{
    (void)state;
    query_filter f;
    query_filter_init(&f);
    assert_int_equal(set(&f, "actor", "irqGov"), 0);
    assert_string_equal(f.actor, "IRQGOV");
    assert_int_equal(set(&f, "actor", "IRQ GOV"), -1);
    assert_int_equal(set(&f, "actor", "IRQ*"), -1);
    assert_int_equal(set(&f, "source", "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJ"), -1);
    assert_int_equal(set(&f, "country", "egy"), 0);
    assert_string_equal(f.country, "EGY");
    assert_int_equal(set(&f, "country", "EG"), -1);
    assert_int_equal(set(&f, "actor-country", "Iraq"), -1);
    assert_int_equal(set(&f, "plover", "assault"), 0);
    assert_string_equal(f.plover, "ASSAULT");
    assert_int_equal(set(&f, "plover", "as'sault"), -1);
    assert_int_equal(set(&f, "nonsense", "x"), -2);
}

static void test_cameo(void **state)
{
    (void)state;
    query_filter f;
    query_filter_init(&f);
    assert_int_equal(set(&f, "cameo", "075a"), 0);
    assert_string_equal(f.cameo, "075A");
    assert_int_equal(set(&f, "cameo", "0211"), 0);
    assert_int_equal(set(&f, "cameo", "19x9"), -1);
    assert_int_equal(set(&f, "cameo", "A19"), -1);
    assert_int_equal(set(&f, "cameo", "12345"), -1);
    assert_int_equal(set(&f, "root", "20"), 0);
    assert_string_equal(f.cameo, "20");
    assert_int_equal(set(&f, "root", "21"), -1);
    assert_int_equal(set(&f, "root", "00"), -1);
    assert_int_equal(set(&f, "root", "190"), -1);
}

static void test_places_and_boxes(void **state)
{
    (void)state;
    query_filter f;
    query_filter_init(&f);
    assert_int_equal(set(&f, "place", "98182"), 0);
    assert_int_equal(f.geonameid, 98182);
    assert_null(f.place);
    assert_int_equal(set(&f, "place", "Kirkuk"), 0);
    assert_string_equal(f.place, "Kirkuk");
    assert_int_equal(f.geonameid, 0);
    assert_int_equal(set(&f, "place", "0"), -1);
    assert_int_equal(set(&f, "place", ""), -1);
    assert_int_equal(set(&f, "bbox", "43.5,33,45,34.25"), 0);
    assert_true(f.has_bbox);
    assert_true(f.west == 43.5 && f.south == 33 && f.east == 45 && f.north == 34.25);
    assert_int_equal(set(&f, "bbox", "170,-20,-170,20"), 0); /* across the antimeridian */
    const char *bad[] = {"43,33,45", "43,33,45,34,1", "43,34,45,33", "181,0,10,10", "0,-91,10,10", "a,b,c,d", "nan,0,1,1", "1,2,3,4x"};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
        assert_int_equal(set(&f, "bbox", bad[k]), -1);
    assert_int_equal(set(&f, "text", ""), -1);
}

static void test_keys(void **state)
{
    (void)state;
    const char *names[] = {"day", "week", "month", "year", "country", "root", "cameo", "plover", "actor", "actor-country", "source", "target"};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        query_key q = query_key_parse(names[k]);
        assert_int_not_equal(q, QK_NONE);
        assert_string_equal(query_key_name(q), names[k]);
    }
    assert_int_equal(query_key_parse("hour"), QK_NONE);
    assert_int_equal(query_key_parse(NULL), QK_NONE);
    assert_null(query_key_name(QK_NONE));
    assert_string_equal(query_filter_name(0), "from");
    assert_string_equal(query_filter_name(12), "text"); /* the 13 options of khaldun query, in its order */
    assert_null(query_filter_name(13));
}

/* ---- a query on a small store ---- */

static void add(db *d, const char *id, const char *date, const char *cameo, const char *src, const char *tgt,
                const char *country, double lat, double lon)
{
    db_doc doc = {id, date, NULL, NULL, NULL, (uint64_t)id[1], 1};
    int skip = 1;
    assert_int_equal(db_doc_begin(d, &doc, &skip), DB_OK);
    assert_false(skip);
    db_event e = {0};
    e.evidence = "Invented words for a test.";
    e.span[1] = 26;
    e.cameo = cameo;
    e.source_code = src;
    e.source_country = src;
    e.target_code = tgt;
    e.date = date;
    e.has_place = country != NULL;
    e.place_name = country ? "Somewhere" : NULL;
    e.place_country = country;
    e.lat = lat, e.lon = lon;
    e.killed = e.wounded = -1;
    assert_int_equal(db_add_event(d, &e, NULL), DB_OK);
    assert_int_equal(db_doc_end(d), DB_OK);
}

static int collect(const out_event *e, int64_t key, void *ctx)
{
    buf *b = ctx;
    buf_printf(b, "%lld:%s ", (long long)key, e->cameo);
    return 0;
}

static int collect_count(const char *value, int64_t events, int64_t mentions, void *ctx)
{
    buf *b = ctx;
    buf_printf(b, "%s=%lld/%lld ", value ? value : "-", (long long)events, (long long)mentions);
    return 0;
}

static void test_store_query(void **state)
{
    (void)state;
    char path[] = "/tmp/khaldun-query-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    unlink(path);
    db *d = NULL;
    assert_int_equal(db_open(&d, path, NULL), DB_OK);
    add(d, "d1", "2031-05-04", "190", "SYR", "TUR", "SYR", 36.2, 37.2);
    add(d, "d2", "2031-05-12", "0211", "TUR", NULL, "TUR", 39.9, 32.9);
    add(d, "d3", "2031-06-01", "193", "SYR", "SYR", NULL, 0, 0);
    assert_int_equal(db_close(d), DB_OK);
    assert_int_equal(db_open_read(&d, path), DB_OK);
    query_filter f;
    query_filter_init(&f);
    buf b = BUF_INIT;
    assert_int_equal(set(&f, "root", "19"), 0);
    assert_int_equal(query_events(d, &f, collect, &b), DB_OK);
    assert_string_equal(b.p, "1:190 3:193 ");
    buf_clear(&b);
    assert_int_equal(set(&f, "to", "2031-05"), 0);
    assert_int_equal(query_events(d, &f, collect, &b), DB_OK);
    assert_string_equal(b.p, "1:190 ");
    query_filter_init(&f);
    buf_clear(&b);
    assert_int_equal(query_counts(d, &f, QK_MONTH, collect_count, &b), DB_OK);
    assert_string_equal(b.p, "2031-05=2/2 2031-06=1/1 ");
    buf_clear(&b);
    assert_int_equal(query_counts(d, &f, QK_ACTOR, collect_count, &b), DB_OK);
    assert_string_equal(b.p, "SYR=2/2 TUR=2/2 "); /* SYR->SYR counts once */
    buf_clear(&b);
    assert_int_equal(query_counts(d, &f, QK_COUNTRY, collect_count, &b), DB_OK);
    assert_string_equal(b.p, "SYR=1/1 TUR=1/1 -=1/1 "); /* the unplaced last among equals */
    assert_int_equal(query_check_text(d, "invented AND words"), DB_OK);
    assert_int_equal(query_check_text(d, "AND words"), DB_ERROR);
    buf_free(&b);
    db_close(d);
    unlink(path);
    char wal[64];
    snprintf(wal, sizeof wal, "%s-wal", path);
    unlink(wal);
    snprintf(wal, sizeof wal, "%s-shm", path);
    unlink(wal);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates),           cmocka_unit_test(test_codes), cmocka_unit_test(test_cameo),
        cmocka_unit_test(test_places_and_boxes), cmocka_unit_test(test_keys),  cmocka_unit_test(test_store_query),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
