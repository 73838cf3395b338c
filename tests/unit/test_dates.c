/*
 * test_dates.c - unit tests of date resolution (src/time): the calendar
 * (leap years, month and year boundaries, the range 0001-9999, the
 * YYYY-MM-DD reader), temporal expressions resolved against fixed
 * publication dates (weekdays, relative days, weeks, months and years,
 * explicit dates in news formats, times of day, dates counted from the
 * previous event), dates that are not in the calendar, words that only
 * look like dates, bounded work on a long sentence, and the choice of each
 * event's expression on hand-parsed sentences.  Sentences are invented;
 * no clock is read: every case names its publication date.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "time/attach.h"
#include "time/calendar.h"
#include "time/timex.h"

int date_lexicon_sorted(void); /* timex.c: the lexicon's order, for its binary search */

static int32_t day_of(const char *iso)
{
    int32_t d = 0;
    assert_true(date_parse_iso(iso, strlen(iso), &d));
    return d;
}

/* ---- the calendar ---- */

static void test_calendar(void **state)
{
    (void)state;
    assert_int_equal(date_from_civil(1970, 1, 1), 0);
    assert_int_equal(date_from_civil(1, 1, 1), DATE_FIRST_DAY);
    assert_int_equal(date_from_civil(9999, 12, 31), DATE_LAST_DAY);
    assert_int_equal(date_weekday(day_of("2020-01-27")), 0); /* a Monday */
    assert_int_equal(date_weekday(day_of("2020-01-26")), 6);
    assert_int_equal(date_weekday(DATE_FIRST_DAY), 0);       /* 0001-01-01 was a Monday */
    assert_true(date_leap(2000) && date_leap(2020) && !date_leap(1900) && !date_leap(2100) && !date_leap(2019));
    assert_int_equal(date_month_days(2020, 2), 29);
    assert_int_equal(date_month_days(2019, 2), 28);
    assert_int_equal(date_month_days(2019, 13), 0);
    assert_true(date_valid(2020, 2, 29));
    assert_false(date_valid(2019, 2, 29));
    assert_false(date_valid(2020, 2, 31));
    assert_false(date_valid(2020, 4, 31));
    assert_false(date_valid(0, 1, 1));
    assert_true(date_valid(9999, 12, 31));
    assert_false(date_valid(10000, 1, 1));
    /* every day of the range goes there and back */
    for (int32_t d = DATE_FIRST_DAY; d <= DATE_LAST_DAY; d += 997) {
        int y, m, dd;
        date_to_civil(d, &y, &m, &dd);
        assert_true(date_valid(y, m, dd));
        assert_int_equal(date_from_civil(y, m, dd), d);
    }
    char out[11];
    date_format(day_of("2020-02-29"), out);
    assert_string_equal(out, "2020-02-29");
    date_format(DATE_LAST_DAY + 1, out);
    assert_string_equal(out, "");
    date_format(DATE_FIRST_DAY - 1, out);
    assert_string_equal(out, "");
}

static void test_parse_iso(void **state)
{
    (void)state;
    int32_t d = 12345;
    assert_true(date_parse_iso("2020-01-27", 10, &d));
    assert_int_equal(d, date_from_civil(2020, 1, 27));
    assert_true(date_parse_iso("2020-01-27T10:00:00Z", 20, &d));
    assert_true(date_parse_iso("2020-01-27 10:00", 16, &d));
    d = 12345;
    assert_false(date_parse_iso("2020-01-27x", 11, &d));
    assert_false(date_parse_iso("2019-02-29", 10, &d));
    assert_false(date_parse_iso("2020-02-31", 10, &d));
    assert_false(date_parse_iso("0000-01-01", 10, &d));
    assert_false(date_parse_iso("2020-13-01", 10, &d));
    assert_false(date_parse_iso("2020-1-5", 8, &d));
    assert_false(date_parse_iso("2020-01-2", 9, &d));
    assert_false(date_parse_iso("", 0, &d));
    assert_false(date_parse_iso(NULL, 10, &d));
    assert_false(date_parse_iso("+020-01-27", 10, &d));
    assert_int_equal(d, 12345); /* left alone */
    assert_true(date_parse_iso("9999-12-31", 10, &d));
    assert_true(date_parse_iso("0001-01-01", 10, &d));
}

/* ---- expressions ---- */

/* Words of text split at blanks (the tests write "Jan. 5 , 2020"). */
static uint32_t split(const char *text, char *storage, size_t size, word *w, uint32_t cap)
{
    snprintf(storage, size, "%s", text);
    uint32_t n = 0;
    for (char *t = strtok(storage, " "); t && n < cap; t = strtok(NULL, " ")) {
        memset(&w[n], 0, sizeof w[n]);
        w[n].form = t;
        w[n].len = (uint32_t)strlen(t);
        w[n].head = -1;
        n++;
    }
    return n;
}

/* The first expression of text with a date, resolved on pub (future,
 * anchor: the previous event's date or NULL), as "YYYY-MM-DD", with
 * "/week" etc. when not a day, and " TIME" when it has one; "none" when
 * no expression gives a date; the time alone ("@21:00") when only a time
 * is said. */
static const char *resolve_ex(const char *text, const char *pub, int future, const char *anchor)
{
    static char out[64];
    char storage[512];
    word w[64];
    date_expr x[8];
    arena a;
    arena_init(&a, 0);
    uint32_t n = split(text, storage, sizeof storage, w, 64);
    uint32_t nx = date_find(w, n, &a, x, 8);
    snprintf(out, sizeof out, "none");
    date_value an = {anchor ? day_of(anchor) : 0, DATE_DAY};
    for (uint32_t k = 0; k < nx; k++) {
        char tod[16], day[11];
        date_time_text(&x[k], tod);
        if (!date_has_date(&x[k])) {
            snprintf(out, sizeof out, "@%s", tod);
            continue;
        }
        date_value v;
        if (!date_resolve(&x[k], day_of(pub), future, anchor ? &an : NULL, &v))
            break;
        date_format(v.day, day);
        snprintf(out, sizeof out, "%s%s%s%s%s", day, v.precision ? "/" : "", v.precision ? date_precision_name(v.precision) : "",
                 tod[0] ? " " : "", tod);
        break;
    }
    arena_free(&a);
    return out;
}

static const char *resolve(const char *text, const char *pub)
{
    return resolve_ex(text, pub, 0, NULL);
}

#define MONDAY "2020-01-27" /* the publication date of most cases: a Monday */

static char *trim(char *s)
{
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

/* Runs the cases of a file: each line "HEAD | WORDS | EXPECTED" (blank
 * lines and '#' comments skipped) gives one's answer; a line without '|'
 * is given to one with words NULL (and its answer ignored).  Fails unless
 * every case gives what it expects and there are at least min_cases. */
static void run_cases(const char *path, const char *(*one)(char *head, char *words, void *ctx), void *ctx, int min_cases)
{
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("cannot open %s (run from the project's folder)", path);
    char line[1024];
    int cases = 0, failed = 0, lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        char *bar1 = strchr(line, '|'), *bar2 = bar1 ? strchr(bar1 + 1, '|') : NULL;
        if (!bar1 || !bar2) {
            one(trim(line), NULL, ctx);
            continue;
        }
        *bar1 = *bar2 = '\0';
        char *head = trim(line), *words = trim(bar1 + 1), *want = trim(bar2 + 1);
        const char *got = one(head, words, ctx);
        cases++;
        if (strcmp(got, want) != 0) {
            fprintf(stderr, "%s:%d: \"%s\": expected %s, got %s\n", path, lineno, words, want, got);
            failed++;
        }
    }
    fclose(f);
    assert_true(cases >= min_cases);
    assert_int_equal(failed, 0);
}

/* "PUB [will] [after ANCHOR]" and the words: the first date they say. */
static const char *one_expression(char *head, char *words, void *ctx)
{
    (void)ctx;
    if (!words)
        fail_msg("not PUB | WORDS | EXPECTED: %s", head);
    char pub[11];
    const char *anchor = strstr(head, "after ");
    snprintf(pub, sizeof pub, "%s", head);
    return resolve_ex(words, pub, strstr(head, " will") != NULL, anchor ? anchor + 6 : NULL);
}

/* tests/unit/dates-cases.txt: expressions resolved on their own. */
static void test_cases_file(void **state)
{
    (void)state;
    run_cases("tests/unit/dates-cases.txt", one_expression, NULL, 150);
}

static void test_not_dates(void **state)
{
    (void)state;
    const char *none[] = {
        "May God help us", "They may march on the capital", "The March of the Volunteers was sung",
        "The Sunday Times reported it", "5,200 Americans are stationed there", "after months of close calls",
        "the 5th Fleet sailed", "since the past one month", "I am here", "the day was long",
        "2019 was a hard year for us", "in the morning papers", "Jan Smith spoke",
    };
    for (size_t k = 0; k < sizeof none / sizeof none[0]; k++) {
        const char *got = resolve(none[k], MONDAY);
        if (strcmp(got, "none") != 0 && got[0] != '@')
            fail_msg("\"%s\" read as %s", none[k], got);
    }
    assert_true(date_lexicon_sorted());
}

/* Where a noun chunk must stop ("the embassy last Friday"). */
static void test_chunk_stops(void **state)
{
    (void)state;
    word w[8];
    char storage[128];
    uint32_t n = split("protesters yesterday the last Soviet leader last Friday", storage, sizeof storage, w, 8);
    assert_int_equal(n, 8);
    assert_false(date_starts_here(w, n, 0));
    assert_true(date_starts_here(w, n, 1));  /* yesterday */
    assert_false(date_starts_here(w, n, 3)); /* last Soviet */
    assert_true(date_starts_here(w, n, 6));  /* last Friday */
    assert_true(date_starts_here(w, n, 7));  /* Friday */
    assert_false(date_starts_here(w, n, 8)); /* past the end */
    n = split("TODAY next week this month past year", storage, sizeof storage, w, 8);
    assert_true(date_starts_here(w, n, 0) && date_starts_here(w, n, 1) && date_starts_here(w, n, 3) &&
                date_starts_here(w, n, 5));
    assert_false(date_starts_here(w, n, 2)); /* "week" alone */
    n = split("last", storage, sizeof storage, w, 8);
    assert_false(date_starts_here(w, n, 0));
}

/* A sentence of 20,000 words that are all weekdays: at most cap
 * expressions, in time linear in the words. */
static void test_bounded(void **state)
{
    (void)state;
    enum { N = 20000 };
    word *w = calloc(N, sizeof *w);
    assert_non_null(w);
    for (uint32_t i = 0; i < N; i++) {
        w[i].form = i % 3 ? "Sunday" : "at";
        w[i].len = (uint32_t)strlen(w[i].form);
        w[i].head = -1;
    }
    date_expr x[16];
    arena a;
    arena_init(&a, 0);
    assert_int_equal(date_find(w, N, &a, x, 16), 16);
    assert_int_equal(date_find(w, 0, &a, x, 16), 0);
    assert_int_equal(date_find(w, N, &a, x, 0), 0);
    arena_free(&a);
    free(w);
}

/* ---- events ---- */

/* A hand-parsed sentence "form/head/rel ..." (heads 1-based, 0 root),
 * its events' head words (1-based), dated on dd; returns each event's date
 * as "YYYY-MM-DD[*]" (* when from the text) joined by blanks. */
static const char *date_of_events(date_doc *dd, const char *spec, const uint32_t *heads1, uint32_t ne)
{
    static char out[256];
    static char storage[1024];
    static word w[40];
    static const char *rel[40];
    uint32_t n = 0;
    snprintf(storage, sizeof storage, "%s", spec);
    for (char *item = strtok(storage, " "); item && n < 40; item = strtok(NULL, " ")) {
        char *h = strchr(item, '/');
        assert_non_null(h);
        char *r = strchr(h + 1, '/');
        assert_non_null(r);
        *h++ = 0, *r++ = 0;
        memset(&w[n], 0, sizeof w[n]);
        w[n].form = item;
        w[n].len = (uint32_t)strlen(item);
        w[n].head = atoi(h) - 1;
        rel[n] = r;
        n++;
    }
    date_expr x[8];
    arena a;
    arena_init(&a, 0);
    uint32_t heads[8];
    event_date ed[8];
    for (uint32_t k = 0; k < ne; k++)
        heads[k] = heads1[k] - 1;
    date_sentence s = {w, rel, n, x, date_find(w, n, &a, x, 8)};
    date_events(dd, &s, heads, ne, ed);
    out[0] = 0;
    for (uint32_t k = 0; k < ne; k++) {
        char day[11] = "null", tod[16] = "";
        if (ed[k].has_date)
            date_format(ed[k].v.day, day);
        if (ed[k].time_expr >= 0)
            date_time_text(&x[ed[k].time_expr], tod);
        snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s%s%s%s", k ? " " : "", day,
                 ed[k].from_text ? "*" : "", tod[0] ? "@" : "", tod);
    }
    arena_free(&a);
    return out;
}

/* "document PUB" starts a document; "HEADS" and the words: the dates of
 * the events headed there. */
static const char *one_sentence(char *head, char *words, void *ctx)
{
    date_doc *dd = ctx;
    if (!words) {
        if (strncmp(head, "document ", 9) != 0)
            fail_msg("not a document line: %s", head);
        date_doc_start(dd, strcmp(head + 9, "none") ? head + 9 : NULL);
        return "";
    }
    uint32_t heads[8], ne = 0;
    for (char *h = strtok(head, " "); h && ne < 8; h = strtok(NULL, " "))
        heads[ne++] = (uint32_t)atoi(h);
    return date_of_events(dd, words, heads, ne);
}

/* tests/unit/dates-events.txt: events dated on hand-parsed sentences,
 * document by document. */
static void test_events_file(void **state)
{
    (void)state;
    date_doc dd;
    date_doc_start(&dd, NULL);
    run_cases("tests/unit/dates-events.txt", one_sentence, &dd, 20);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_calendar),
        cmocka_unit_test(test_parse_iso),
        cmocka_unit_test(test_cases_file),
        cmocka_unit_test(test_not_dates),
        cmocka_unit_test(test_bounded),
        cmocka_unit_test(test_chunk_stops),
        cmocka_unit_test(test_events_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
