/*
 * test_geo.c - unit tests of the gazetteer: keys, the additions' format,
 * building from the tiny sources of tests/geo (bad rows skipped and
 * counted), the loader on truncated and corrupt files, look-ups.
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

#include "geo/gaz.h"
#include "geo/gazbuild.h"

static const char *key_of(const char *s)
{
    static char k[GAZ_KEY_MAX];
    return gaz_key(s, strlen(s), k, sizeof k) ? k : "";
}

static void test_keys_fold_spellings(void **state)
{
    (void)state;
    assert_string_equal(key_of("Fallujah"), key_of("Falluja"));
    assert_string_equal(key_of("al-Fallūjah"), key_of("Falluja"));
    assert_string_equal(key_of("Ain al-Asad"), key_of("Ain Asad"));
    assert_string_equal(key_of("the West Bank"), key_of("West Bank"));
    assert_string_equal(key_of("U.S."), "u s");
    /* initials stay apart: L.A. is not La. (Louisiana), W.Va. is W. Va. */
    assert_string_equal(key_of("L.A."), "l a");
    assert_string_equal(key_of("La."), "la");
    assert_string_equal(key_of("W.Va."), key_of("W. Va."));
    assert_string_equal(key_of("St. Louis"), "st louis");
    assert_string_equal(key_of("Saint Louis"), key_of("St. Louis"));
    assert_string_equal(key_of("Côte d’Ivoire"), key_of("Cote d'Ivoire"));
    assert_string_equal(key_of("Qandahar"), key_of("Kandahar"));
    assert_string_equal(key_of("Port-au-Prince"), key_of("Port au Prince"));
    /* other scripts are not indexed, nor names too long for a key */
    assert_string_equal(key_of("Бағдад"), "");
    char longname[600];
    memset(longname, 'x', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    assert_string_equal(key_of(longname), "");
    assert_string_equal(key_of(""), "");
}

static void test_addition_lines(void **state)
{
    (void)state;
    gaz_addition a;
    const char *why = NULL;
    char ok[] = "Green Zone | International Zone => IRQ 33.305 44.385 landmark  # Baghdad";
    assert_int_equal(gaz_parse_addition(ok, &a, &why), 1);
    assert_int_equal(a.nnames, 2);
    assert_string_equal(a.names[1], "International Zone");
    assert_string_equal(a.iso3, "IRQ");
    assert_int_equal(a.kind, GK_LANDMARK);
    char none[] = "Africa => - 7.2 21.1 area 1300000000";
    assert_int_equal(gaz_parse_addition(none, &a, &why), 1);
    assert_string_equal(a.iso3, "");
    assert_int_equal(a.population, 1300000000u);
    char comment[] = "   # nothing";
    assert_int_equal(gaz_parse_addition(comment, &a, &why), 0);
    char bad1[] = "Nowhere => IRQ 95 44 city";
    assert_int_equal(gaz_parse_addition(bad1, &a, &why), -1);
    assert_non_null(strstr(why, "latitude"));
    char bad2[] = "Nowhere IRQ 33 44 city";
    assert_int_equal(gaz_parse_addition(bad2, &a, &why), -1);
    char bad3[] = "Nowhere => iraq 33 44 city";
    assert_int_equal(gaz_parse_addition(bad3, &a, &why), -1);
    char bad4[] = "Nowhere => IRQ 33 44 village";
    assert_int_equal(gaz_parse_addition(bad4, &a, &why), -1);
    char bad5[] = " | Nowhere => IRQ 33 44 city";
    assert_int_equal(gaz_parse_addition(bad5, &a, &why), -1);
    char bad6[700];
    memset(bad6, 'y', 600);
    strcpy(bad6 + 600, " => IRQ 33 44 city");
    assert_int_equal(gaz_parse_addition(bad6, &a, &why), -1);
    assert_non_null(strstr(why, "200"));
}

static char *build_tiny(void)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/khaldun-test-gaz-%ld.bin", (long)getpid());
    gaz_sources src = {"tests/geo/rows.txt", "tests/geo/admin1.json", NULL, "tests/geo/iso", "tests/geo/places"};
    gaz_build_stats st;
    buf warn = BUF_INIT, err = BUF_INIT;
    assert_int_equal(gaz_build(&src, path, &st, &warn, &err), 0);
    assert_int_equal(st.skipped, 4); /* out of range, 500-character name, broken line, bad number */
    assert_non_null(strstr(warn.p, "coordinates out of range"));
    assert_non_null(strstr(warn.p, "longer than 200 bytes"));
    assert_int_equal(st.countries, 5); /* four from ISO, and Kosovo */
    buf_free(&warn);
    buf_free(&err);
    return path;
}

static void test_build_and_look_up(void **state)
{
    (void)state;
    char *path = build_tiny();
    gaz g;
    buf err = BUF_INIT;
    assert_int_equal(gaz_open(&g, path, &err), 0);
    uint32_t first;
    assert_int_equal(gaz_lookup(&g, key_of("Fallujah"), &first), 1);
    const gaz_place *p = &g.places[g.names[first].place & ~GAZ_ALT];
    assert_int_equal(p->geonameid, 900002);
    assert_string_equal(p->country, "IRQ");
    assert_int_equal(gaz_lookup(&g, key_of("Northbrook"), &first), 2);
    assert_int_equal(gaz_lookup(&g, key_of("Atlantis"), &first), 0);
    int64_t iraq = gaz_country(&g, "IRQ");
    assert_true(iraq >= 0);
    assert_int_equal(g.places[iraq].kind, GK_COUNTRY);
    assert_true(g.places[iraq].parent > 0); /* its capital */
    assert_int_equal(g.places[g.places[iraq].parent - 1].geonameid, 900001);
    assert_int_equal(gaz_country(&g, "ZZZ"), -1);
    gaz_close(&g);

    /* truncated and corrupt copies are refused with the way to rebuild */
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char bytes[1 << 16];
    size_t n = fread(bytes, 1, sizeof bytes, f);
    fclose(f);
    assert_true(n > 200);
    char bad[80];
    snprintf(bad, sizeof bad, "%s.bad", path);
    for (int variant = 0; variant < 3; variant++) {
        f = fopen(bad, "wb");
        assert_non_null(f);
        if (variant == 0)
            fwrite(bytes, 1, n / 2, f);
        else {
            bytes[variant == 1 ? 100 : n - 3] ^= 0x55;
            fwrite(bytes, 1, n, f);
            bytes[variant == 1 ? 100 : n - 3] ^= 0x55;
        }
        fclose(f);
        buf_clear(&err);
        assert_int_equal(gaz_open(&g, bad, &err), -1);
        assert_non_null(strstr(err.p, "make gazetteer"));
    }
    buf_clear(&err);
    assert_int_equal(gaz_open(&g, "/nonexistent/gazetteer.bin", &err), -1);
    assert_non_null(strstr(err.p, "make gazetteer"));
    remove(bad);
    remove(path);
    buf_free(&err);
}

static void test_payload_checks(void **state)
{
    (void)state;
    /* a payload whose sections point outside it */
    _Alignas(8) unsigned char p[256];
    memset(p, 0, sizeof p);
    gaz_header *h = (gaz_header *)(void *)p;
    h->version = GAZ_VERSION;
    h->nplaces = 1000;
    h->places_at = sizeof *h;
    h->names_at = sizeof *h;
    h->strings_at = sizeof *h;
    h->nstrings = 1;
    gaz g;
    buf err = BUF_INIT;
    assert_int_equal(gaz_from_payload(&g, p, sizeof p, &err), -1);
    assert_non_null(err.p);
    /* an empty gazetteer is valid and finds nothing */
    h->nplaces = 0;
    buf_clear(&err);
    assert_int_equal(gaz_from_payload(&g, p, sizeof p, &err), 0);
    uint32_t first;
    assert_int_equal(gaz_lookup(&g, "baghdad", &first), 0);
    buf_free(&err);
}

static void test_distance(void **state)
{
    (void)state;
    double d = gaz_km(33.3, 44.4, 30.05, 31.25); /* about 1,300 km */
    assert_true(d > 1200 && d < 1400);
    assert_true(gaz_km(10, 10, 10, 10) < 1e-6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keys_fold_spellings), cmocka_unit_test(test_addition_lines),
        cmocka_unit_test(test_build_and_look_up), cmocka_unit_test(test_payload_checks),
        cmocka_unit_test(test_distance),
    };
    return cmocka_run_group_tests_name("geo", tests, NULL, NULL);
}
