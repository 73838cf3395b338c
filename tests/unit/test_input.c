/*
 * test_input.c - unit tests of the document readers: JSON lines through a
 * memory stream, dates, binary sniffing, format detection.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "io/input.h"

static void test_format_by_extension(void **state)
{
    (void)state;
    assert_int_equal(in_format_for("-"), IN_JSONL);
    assert_int_equal(in_format_for("a/b.JSONL"), IN_JSONL);
    assert_int_equal(in_format_for("x.ndjson"), IN_JSONL);
    assert_int_equal(in_format_for("page.htm"), IN_HTML);
    assert_int_equal(in_format_for("notes"), IN_TXT);
    assert_int_equal(in_format_parse("html"), IN_HTML);
    assert_int_equal(in_format_parse("pdf"), IN_AUTO);
}

static void test_dates(void **state)
{
    (void)state;
    char out[11];
    assert_true(in_valid_date("2020-01-27", out));
    assert_string_equal(out, "2020-01-27");
    assert_true(in_valid_date("2020-02-29T10:00:00Z", out));
    assert_string_equal(out, "2020-02-29");
    assert_false(in_valid_date("2019-02-29", out));
    assert_false(in_valid_date("2020-04-31", out));
    assert_false(in_valid_date("2020-13-01", out));
    assert_false(in_valid_date("0000-01-01", out));
    assert_true(in_valid_date("9999-12-31", out));
    assert_false(in_valid_date("2020-1-5", out));
    assert_false(in_valid_date("", out));
    assert_false(in_valid_date("2020-01-27x", out));
}

static void test_sniff(void **state)
{
    (void)state;
    char why[160];
    const char *text = "Plain text with an accent: caf\xc3\xa9.";
    assert_null(in_sniff_binary((const unsigned char *)text, strlen(text), why, sizeof why));
    assert_non_null(in_sniff_binary((const unsigned char *)"%PDF-1.4 rest", 13, why, sizeof why));
    assert_non_null(strstr(why, "PDF"));
    unsigned char junk[4096];
    for (size_t k = 0; k < sizeof junk; k++)
        junk[k] = (unsigned char)((k * 131u + 7u) & 0xFF);
    assert_non_null(in_sniff_binary(junk, sizeof junk, why, sizeof why));
    /* a handful of stray NUL bytes in long text is repaired, not refused */
    char mostly[2000];
    memset(mostly, 'a', sizeof mostly);
    mostly[100] = '\0';
    assert_null(in_sniff_binary((const unsigned char *)mostly, sizeof mostly, why, sizeof why));
}

/* Reads every record of a JSON-lines string; returns IN_* results in order. */
static int read_all(const char *data, int *results, int max, in_doc *docs, arena *a, buf *err)
{
    FILE *f = fmemopen((void *)(uintptr_t)data, strlen(data), "r");
    assert_non_null(f);
    in_reader *r = in_open("-", IN_JSONL, f, 1000, err);
    assert_non_null(r);
    buf warn = BUF_INIT;
    int n = 0, got;
    while (n < max && (got = in_next(r, &docs[n], a, err, &warn)) != IN_END)
        results[n++] = got;
    in_close(r);
    fclose(f);
    buf_free(&warn);
    return n;
}

static void test_jsonl_records(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    buf err = BUF_INIT;
    int res[8];
    in_doc docs[8];
    const char *data = "{\"id\":\"a\",\"date\":\"2021-03-04\",\"text\":\"One.\",\"url\":\"http://x\"}\n"
                       "\n"
                       "{oops\n"
                       "{\"id\":5,\"text\":\"Two.\"}\r\n"
                       "{\"text\":\"Three.\"}";
    int n = read_all(data, res, 8, docs, &a, &err);
    assert_int_equal(n, 4);
    assert_int_equal(res[0], IN_DOC);
    assert_string_equal(docs[0].id, "a");
    assert_string_equal(docs[0].date, "2021-03-04");
    assert_string_equal(docs[0].url, "http://x");
    assert_int_equal(docs[0].line, 1);
    assert_int_equal(res[1], IN_SKIP);
    assert_non_null(strstr(err.p, "<stdin>:3: malformed JSON"));
    assert_int_equal(res[2], IN_DOC);
    assert_string_equal(docs[2].id, "5");
    assert_int_equal(docs[2].line, 4);
    assert_int_equal(res[3], IN_DOC);
    assert_null(docs[3].id);
    assert_string_equal(docs[3].text, "Three.");
    buf_free(&err);
    arena_free(&a);
}

static void test_jsonl_limits(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    buf err = BUF_INIT;
    int res[4];
    in_doc docs[4];
    char line[5000];
    memcpy(line, "{\"text\":\"", 9);
    memset(line + 9, 'x', 4000);
    memcpy(line + 4009, "\"}\n{\"text\":\"ok\"}\n", 18);
    int n = read_all(line, res, 4, docs, &a, &err);
    assert_int_equal(n, 2);
    assert_int_equal(res[0], IN_SKIP); /* 4000 bytes of text, limit 1000 */
    assert_non_null(strstr(err.p, "over the document size limit"));
    assert_int_equal(res[1], IN_DOC);
    buf_free(&err);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_by_extension),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_sniff),
        cmocka_unit_test(test_jsonl_records),
        cmocka_unit_test(test_jsonl_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
