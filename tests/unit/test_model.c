/*
 * test_model.c - model files (core/model.h) and the sentence-boundary model
 * (text/sbd.h): writing, mapping, every way a file can be wrong, scoring,
 * and training on a small made-up set.
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

#include "core/model.h"
#include "text/sbd.h"
#include "text/sbd_train.h"

static char path[64];

static int setup(void **state)
{
    (void)state;
    snprintf(path, sizeof path, "/tmp/khaldun-test-model-%ld.bin", (long)getpid());
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    remove(path);
    return 0;
}

static void write_raw(const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    fclose(f);
}

static void test_write_and_map(void **state)
{
    (void)state;
    buf err = BUF_INIT;
    const char payload[] = "sixteen bytes...";
    assert_int_equal(model_write(path, "demo", payload, 16, &err), 0);
    model_file m;
    assert_int_equal(model_map(&m, path, "demo", &err), 0);
    assert_int_equal(m.payload_size, 16);
    assert_memory_equal(m.payload, payload, 16);
    model_unmap(&m);
    assert_null(m.map);
    buf_free(&err);
}

/* Maps path as kind and returns the error text ("" when it maps). */
static char *map_error(const char *kind)
{
    static char msg[512];
    buf err = BUF_INIT;
    model_file m;
    if (model_map(&m, path, kind, &err) == 0) {
        model_unmap(&m);
        msg[0] = '\0';
    } else {
        snprintf(msg, sizeof msg, "%s", err.p ? err.p : "?");
    }
    buf_free(&err);
    return msg;
}

static void test_bad_files(void **state)
{
    (void)state;
    buf err = BUF_INIT;
    unsigned char bytes[64];
    memset(bytes, 0, sizeof bytes);
    assert_int_equal(model_write(path, "demo", "0123456789abcdef", 16, &err), 0);
    assert_string_equal(map_error("demo"), "");
    assert_non_null(strstr(map_error("sbd"), "a \"demo\" model where a \"sbd\" model was expected"));
    FILE *f = fopen(path, "rb");
    size_t n = fread(bytes, 1, sizeof bytes, f);
    fclose(f);
    assert_int_equal(n, MODEL_HEADER_SIZE + 16);

    write_raw(bytes, n - 1); /* truncated */
    assert_non_null(strstr(map_error("demo"), "truncated"));
    assert_non_null(strstr(map_error("demo"), "make model"));
    bytes[MODEL_HEADER_SIZE + 3] ^= 1; /* corrupt */
    write_raw(bytes, n);
    assert_non_null(strstr(map_error("demo"), "checksum"));
    bytes[MODEL_HEADER_SIZE + 3] ^= 1;
    bytes[8] = 9; /* another version */
    write_raw(bytes, n);
    assert_non_null(strstr(map_error("demo"), "version 9"));
    write_raw("hello", 5);
    assert_non_null(strstr(map_error("demo"), "too short"));
    write_raw("this is a plain text file and not a model at all", 48);
    assert_non_null(strstr(map_error("demo"), "not a khaldun model"));
    write_raw("", 0);
    assert_non_null(strstr(map_error("demo"), "empty"));
    remove(path);
    assert_non_null(strstr(map_error("demo"), "cannot open"));
    buf_free(&err);
}

static void test_sbd_payload_checks(void **state)
{
    (void)state;
    size_t n = sbd_payload_size(8);
    void *p = calloc(1, n);
    int16_t w[256] = {0};
    sbd_write_payload(p, 8, 0.5f, 1.0f, w);
    sbd_model m;
    buf err = BUF_INIT;
    assert_int_equal(sbd_from_payload(&m, p, n, &err), 0);
    assert_int_equal(m.mask, 255);
    assert_int_equal(sbd_from_payload(&m, p, n - 2, &err), -1);
    sbd_write_payload(p, 8, -1.0f, 1.0f, w);
    assert_int_equal(sbd_from_payload(&m, p, n, &err), -1);
    assert_int_equal(sbd_from_payload(&m, p, 3, &err), -1);
    free(p);
    buf_free(&err);
}

/* A made-up corpus where "Regards" lines end without punctuation: the
 * trained model must learn to split there, and the rules alone must not. */
static void test_training_learns(void **state)
{
    (void)state;
    static const char text[] =
        "Thanks for the files Regards Maria\n\nThe meeting is at noon Regards John\n\n"
        "Please call me back Regards Ahmed\n\nSee you tomorrow Regards Li\n\n";
    /* sentences end after "files", "Maria", "noon", "John", ... */
    const char *words[] = {"files", "Maria", "noon", "John", "back", "Ahmed", "tomorrow", "Li"};
    uint32_t ends[8];
    for (int k = 0; k < 8; k++)
        ends[k] = (uint32_t)(strstr(text, words[k]) - text + strlen(words[k]));
    sbd_data tr = {0}, dv = {0};
    arena a;
    arena_init(&a, 0);
    for (int rep = 0; rep < 20; rep++)
        assert_int_equal(sbd_collect(&tr, &a, text, sizeof text - 1, ends, 8), 0);
    assert_int_equal(sbd_collect(&dv, &a, text, sizeof text - 1, ends, 8), 0);
    assert_true(tr.n > 0);
    buf payload = BUF_INIT;
    sbd_report rep;
    assert_int_equal(sbd_train(&tr, &dv, 12, 5, 7, NULL, &payload, &rep), 0);
    assert_true(rep.dev_f1_model > rep.dev_f1_rules);
    assert_true(rep.dev_f1_model > 0.99);
    sbd_model m;
    buf err = BUF_INIT;
    assert_int_equal(sbd_from_payload(&m, payload.p, payload.len, &err), 0);
    buf again = BUF_INIT;
    assert_int_equal(sbd_train(&tr, &dv, 12, 5, 7, NULL, &again, &rep), 0);
    assert_int_equal(again.len, payload.len);
    assert_memory_equal(again.p, payload.p, payload.len); /* deterministic */
    sbd_data_free(&tr);
    sbd_data_free(&dv);
    arena_free(&a);
    buf_free(&payload);
    buf_free(&again);
    buf_free(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_write_and_map),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_sbd_payload_checks),
        cmocka_unit_test(test_training_learns),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
