/*
 * test_core.c - unit tests of the arena, the byte buffer and JSON escaping.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/mem.h"
#include "core/utf8.h"

static void test_arena_alignment_and_reuse(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 1024);
    char *p = arena_alloc(&a, 3);
    char *q = arena_alloc(&a, 5);
    assert_non_null(p);
    assert_non_null(q);
    assert_int_equal((uintptr_t)q % 8, 0);
    assert_true(q >= p + 3);
    /* a request larger than a block gets its own block */
    char *big = arena_alloc(&a, 10000);
    assert_non_null(big);
    memset(big, 'x', 10000);
    arena_reset(&a);
    assert_int_equal(a.used_total, 0);
    char *again = arena_alloc(&a, 16);
    assert_non_null(again);
    arena_free(&a);
    assert_null(a.head);
    assert_null(a.spare);
}

static void test_arena_grow_in_place(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 4096);
    int *v = arena_alloc(&a, 4 * sizeof(int));
    for (int k = 0; k < 4; k++)
        v[k] = k;
    int *w = arena_grow(&a, v, 4 * sizeof(int), 8 * sizeof(int));
    assert_ptr_equal(v, w); /* the last allocation grows where it is */
    (void)arena_alloc(&a, 8);
    int *z = arena_grow(&a, w, 8 * sizeof(int), 512 * sizeof(int));
    assert_non_null(z);
    for (int k = 0; k < 4; k++)
        assert_int_equal(z[k], k);
    arena_free(&a);
}

static void test_arena_overflow_sets_failed(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    assert_null(arena_calloc(&a, SIZE_MAX / 2, 4));
    assert_true(a.failed);
    assert_null(arena_alloc(&a, 8)); /* sticky until reset */
    arena_reset(&a);
    assert_false(a.failed);
    assert_non_null(arena_alloc(&a, 8));
    arena_free(&a);
}

static void test_buf_append_printf(void **state)
{
    (void)state;
    buf b = BUF_INIT;
    buf_puts(&b, "abc");
    buf_putc(&b, '-');
    buf_printf(&b, "%d/%s", 42, "x");
    assert_string_equal(b.p, "abc-42/x");
    char big[1000];
    memset(big, 'y', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    buf_printf(&b, "%s", big);
    assert_int_equal(b.len, 8 + 999);
    buf_clear(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(b.p, "");
    buf_free(&b);
}

static void test_json_escapes(void **state)
{
    (void)state;
    buf b = BUF_INIT;
    json_str(&b, "a\"b\\c\nd\te\x01" "f", 11);
    assert_string_equal(b.p, "\"a\\\"b\\\\c\\nd\\te\\u0001f\"");
    buf_clear(&b);
    json_cstr(&b, NULL);
    assert_string_equal(b.p, "null");
    buf_clear(&b);
    json_cstr(&b, "Dvořák “no”");
    assert_string_equal(b.p, "\"Dvořák “no”\"");
    buf_free(&b);
}

static void test_utf8_roundtrip(void **state)
{
    (void)state;
    const uint32_t cps[] = {0x41, 0xE9, 0x20AC, 0x1F600, 0x10FFFF};
    for (size_t k = 0; k < sizeof cps / sizeof cps[0]; k++) {
        char enc[4];
        size_t n = utf8_encode(cps[k], enc), m;
        assert_int_equal(utf8_decode((const unsigned char *)enc, &m), cps[k]);
        assert_int_equal(n, m);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena_alignment_and_reuse),
        cmocka_unit_test(test_arena_grow_in_place),
        cmocka_unit_test(test_arena_overflow_sets_failed),
        cmocka_unit_test(test_buf_append_printf),
        cmocka_unit_test(test_json_escapes),
        cmocka_unit_test(test_utf8_roundtrip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
