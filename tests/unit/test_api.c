/*
 * test_api.c - the public interface (khaldun.h): handles, documents,
 * accessors, errors, and allocation failures injected at every point.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "khaldun.h"

static const char ARTICLE[] =
    "Rebels seize town\n\n"
    "BAGHDAD (Reuters) - Rebels seized the town of Qaim on Sunday, officials said. "
    "The U.S. embassy condemned the attack.\n\n"
    "\xc2\xa9 2026 Example. All rights reserved.";

static void test_open_process_close(void **state)
{
    (void)state;
    khaldun *kh = NULL;
    assert_int_equal(kh_open(&kh, NULL), KH_OK);
    assert_string_equal(kh_errmsg(kh), "");
    kh_input in = {"doc-1", "2020-01-05", ARTICLE, sizeof ARTICLE - 1, KH_FORMAT_TEXT};
    kh_doc *doc = NULL;
    assert_int_equal(kh_process(kh, &in, &doc), KH_OK);
    assert_non_null(doc);
    assert_int_equal(kh_doc_sentence_count(doc), 6);
    kh_sentence s;
    assert_int_equal(kh_doc_sentence(doc, 1, &s), KH_OK);
    assert_true(s.flags & KH_SENT_DATELINE);
    assert_int_equal(kh_doc_sentence(doc, 4, &s), KH_OK);
    assert_true(s.flags & KH_SENT_BOILERPLATE);
    assert_string_equal(s.boilerplate_reason, "copyright");
    assert_int_equal(kh_doc_sentence(doc, 99, &s), KH_MISUSE);
    kh_token t;
    assert_int_equal(kh_doc_token(doc, 0, &t), KH_OK);
    assert_string_equal(t.form, "Rebels");
    assert_string_equal(t.kind, "word");
    assert_int_equal(t.start, 0);
    assert_int_equal(t.end, 6);
    size_t len;
    const char *text = kh_doc_text(doc, &len);
    assert_int_equal(len, sizeof ARTICLE - 1);
    assert_memory_equal(text, ARTICLE, len);
    assert_int_equal(kh_doc_warning_count(doc), 0);
    kh_close(kh);
    kh_close(NULL);
}

static void test_errors(void **state)
{
    (void)state;
    khaldun *kh = NULL;
    kh_options opts = {.max_doc_bytes = 16};
    assert_int_equal(kh_open(&kh, &opts), KH_OK);
    kh_doc *doc = NULL;
    kh_input big = {"x", NULL, "this text is longer than sixteen bytes", 38, KH_FORMAT_TEXT};
    assert_int_equal(kh_process(kh, &big, &doc), KH_TOOBIG);
    assert_null(doc);
    assert_non_null(strstr(kh_errmsg(kh), "size limit"));
    assert_int_equal(kh_process(kh, NULL, &doc), KH_MISUSE);
    assert_int_equal(kh_open(NULL, NULL), KH_MISUSE);
    kh_close(kh);
    assert_string_equal(kh_errmsg(NULL), "no handle");

    assert_int_equal(kh_open(&kh, NULL), KH_OK);
    unsigned char bin[512];
    for (size_t k = 0; k < sizeof bin; k++)
        bin[k] = (unsigned char)(k * 37u);
    kh_input b = {"b", NULL, (const char *)bin, sizeof bin, KH_FORMAT_TEXT};
    assert_int_equal(kh_process(kh, &b, &doc), KH_INVALID);
    assert_non_null(strstr(kh_errmsg(kh), "binary"));
    kh_input repaired = {"r", NULL, "ok \xff fine.", 10, KH_FORMAT_TEXT};
    assert_int_equal(kh_process(kh, &repaired, &doc), KH_OK);
    assert_int_equal(kh_doc_warning_count(doc), 1);
    assert_non_null(strstr(kh_doc_warning(doc, 0), "invalid UTF-8 at byte 3"));
    assert_null(kh_doc_warning(doc, 5));
    kh_close(kh);
}

static void test_version(void **state)
{
    (void)state;
    assert_string_equal(kh_version(), KHALDUN_VERSION);
}

/* An allocator that fails from the n-th call on. */
typedef struct failing {
    long calls, fail_at;
} failing;

static void *failing_alloc(void *ud, void *ptr, size_t size)
{
    failing *f = ud;
    if (size == 0) {
        free(ptr);
        return NULL;
    }
    if (++f->calls >= f->fail_at)
        return NULL;
    return realloc(ptr, size);
}

/* Every allocation of open + process fails in turn: each run must return
 * KH_NOMEM (or succeed), never crash, and leak nothing (checked by the
 * sanitizer build). */
static void test_allocation_failures(void **state)
{
    (void)state;
    long needed = 0;
    for (long at = 1; at < 400; at++) {
        failing f = {0, at};
        kh_set_allocator(failing_alloc, &f);
        khaldun *kh = NULL;
        kh_result rc = kh_open(&kh, NULL);
        if (rc == KH_OK) {
            kh_input in = {"d", NULL, ARTICLE, sizeof ARTICLE - 1, KH_FORMAT_TEXT};
            kh_doc *doc = NULL;
            rc = kh_process(kh, &in, &doc);
            assert_true(rc == KH_OK || rc == KH_NOMEM);
            if (rc == KH_NOMEM)
                assert_null(doc);
            else
                assert_int_equal(kh_doc_sentence_count(doc), 6);
        } else {
            assert_int_equal(rc, KH_NOMEM);
            assert_null(kh);
        }
        kh_close(kh);
        kh_set_allocator(NULL, NULL);
        if (rc == KH_OK && f.calls < at) {
            needed = f.calls;
            break;
        }
    }
    assert_true(needed > 0); /* a run eventually needed fewer allocations than the limit */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_process_close),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_version),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
