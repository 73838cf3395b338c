/*
 * test_export.c - unit tests of the export layouts (store/out.h): the
 * GDELT 2.0 event layout (61 columns, FIPS country codes, geographic
 * types, empty fields), Phoenix (26 columns), CSV quoting, JSON lines
 * read back, the FIPS table, and the event reader's refusals.  Events
 * invented for these tests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "store/out.h"

/* An invented event: police of Iraq against a US embassy in Baghdad. */
static void sample(out_event *e)
{
    out_event_init(e);
    e->doc_id = "doc-1";
    e->sentence = 2;
    e->source = (out_actor){"IRQCOP", "IRQ", "COP", "Iraqi police", 10, 22};
    e->target = (out_actor){"USAGOV", "USA", "GOV", "US embassy", 0, 0}; /* no span */
    e->cameo = "1823";
    e->plover = "ASSAULT";
    e->quad_class = 4;
    e->goldstein = -9.0;
    e->has_goldstein = 1;
    e->date = "2020-03-05";
    e->location = (out_location){"Baghdad", "IRQ", 33.3406, 44.4009, 1, 98182, "city", "Baghdad"};
    e->killed = 3;
    e->evidence = "Iraqi police\tattacked the US embassy,\n\"they said\".";
    e->span_start = 10;
    e->span_end = 60;
    e->url = "https://example.org/story";
    e->mentions = 2;
}

/* Splits line (without its newline) at sep into fields (pointers into
 * copy); returns the number of fields. */
static int split(const char *line, char sep, char *copy, size_t cap, char **fields, int max)
{
    size_t n = strcspn(line, "\n");
    assert_true(n < cap);
    memcpy(copy, line, n);
    copy[n] = '\0';
    int k = 0;
    fields[k++] = copy;
    for (char *p = copy; *p; p++)
        if (*p == sep) {
            *p = '\0';
            if (k < max)
                fields[k] = p + 1;
            k++;
        }
    return k;
}

static void test_gdelt_columns(void **state)
{
    (void)state;
    out_event e;
    sample(&e);
    buf b = BUF_INIT;
    out_gdelt(&b, &e, 42, "20200306120000");
    assert_false(b.failed);
    assert_int_equal(b.p[b.len - 1], '\n');
    assert_ptr_equal(strchr(b.p, '\n'), b.p + b.len - 1); /* one line */
    char copy[2048], *f[80];
    assert_int_equal(split(b.p, '\t', copy, sizeof copy, f, 80), OUT_GDELT_COLUMNS);
    assert_string_equal(f[0], "42");
    assert_string_equal(f[1], "20200305");
    assert_string_equal(f[2], "202003");
    assert_string_equal(f[3], "2020");
    assert_string_equal(f[4], "2020.2603"); /* (3 * 30 + 5) / 365 */
    assert_string_equal(f[5], "IRQCOP");
    assert_string_equal(f[6], "Iraqi police");
    assert_string_equal(f[7], "IRQ");
    assert_string_equal(f[12], "COP"); /* Actor1Type1Code */
    assert_string_equal(f[15], "USAGOV");
    assert_string_equal(f[17], "USA");
    assert_string_equal(f[22], "GOV");
    assert_string_equal(f[25], "1"); /* IsRootEvent: the third sentence is in the lead */
    assert_string_equal(f[26], "1823");
    assert_string_equal(f[27], "182");
    assert_string_equal(f[28], "18");
    assert_string_equal(f[29], "4");
    assert_string_equal(f[30], "-9");
    assert_string_equal(f[31], "2");
    assert_string_equal(f[32], "1");
    assert_string_equal(f[33], "1");
    assert_string_equal(f[34], ""); /* AvgTone: not computed */
    assert_string_equal(f[35], "0"); /* Actor1Geo: none */
    for (int k = 36; k <= 42; k++)
        assert_string_equal(f[k], "");
    assert_string_equal(f[43], "0");
    assert_string_equal(f[51], "4"); /* a world city */
    assert_string_equal(f[52], "Baghdad");
    assert_string_equal(f[53], "IZ"); /* FIPS, not ISO */
    assert_string_equal(f[54], ""); /* ADM1Code: khaldun keeps the region's name, not its code */
    assert_string_equal(f[55], "");
    assert_string_equal(f[56], "33.3406");
    assert_string_equal(f[57], "44.4009");
    assert_string_equal(f[58], "98182");
    assert_string_equal(f[59], "20200306120000");
    assert_string_equal(f[60], "https://example.org/story");
    buf_free(&b);
}

static void test_gdelt_empty_event(void **state)
{
    (void)state;
    out_event e;
    out_event_init(&e);
    e.doc_id = "x";
    e.cameo = "01";
    buf b = BUF_INIT;
    out_gdelt(&b, &e, 1, NULL);
    char copy[1024], *f[80];
    assert_int_equal(split(b.p, '\t', copy, sizeof copy, f, 80), OUT_GDELT_COLUMNS);
    for (int k = 1; k <= 24; k++)
        assert_string_equal(f[k], "");
    assert_string_equal(f[25], "0"); /* no sentence: not the lead */
    assert_string_equal(f[26], "01");
    assert_string_equal(f[27], "01");
    assert_string_equal(f[28], "01");
    assert_string_equal(f[29], "");
    assert_string_equal(f[30], "");
    assert_string_equal(f[31], "1");
    assert_string_equal(f[51], "0");
    assert_string_equal(f[59], "");
    assert_string_equal(f[60], "");
    buf_free(&b);
}

static void test_geo_types(void **state)
{
    (void)state;
    out_location l = {"Texas", "USA", 31, -99, 1, 4736286, "region", "Texas"};
    assert_int_equal(out_geo_type(&l), 2);
    l.precision = "city";
    assert_int_equal(out_geo_type(&l), 3);
    l.precision = "landmark";
    assert_int_equal(out_geo_type(&l), 3);
    l.country = "IRQ";
    assert_int_equal(out_geo_type(&l), 4);
    l.precision = "region";
    assert_int_equal(out_geo_type(&l), 5);
    l.precision = "country";
    assert_int_equal(out_geo_type(&l), 1);
    l.precision = NULL;
    assert_int_equal(out_geo_type(&l), 4);
    l.name = NULL;
    assert_int_equal(out_geo_type(&l), 0);

    /* a country: its FIPS code is the ADM1 code and the feature id too */
    out_event e;
    sample(&e);
    e.location = (out_location){"Germany", "DEU", 51.5, 10.5, 1, 2921044, "country", NULL};
    buf b = BUF_INIT;
    out_gdelt(&b, &e, 7, NULL);
    char copy[2048], *f[80];
    assert_int_equal(split(b.p, '\t', copy, sizeof copy, f, 80), OUT_GDELT_COLUMNS);
    assert_string_equal(f[51], "1");
    assert_string_equal(f[53], "GM");
    assert_string_equal(f[54], "GM");
    assert_string_equal(f[58], "GM");
    buf_free(&b);
}

static void test_fips(void **state)
{
    (void)state;
    assert_string_equal(out_fips("IRQ"), "IZ");
    assert_string_equal(out_fips("DEU"), "GM");
    assert_string_equal(out_fips("GBR"), "UK");
    assert_string_equal(out_fips("USA"), "US");
    assert_string_equal(out_fips("CHN"), "CH");
    assert_string_equal(out_fips("CHE"), "SZ");
    assert_string_equal(out_fips("AUS"), "AS");
    assert_string_equal(out_fips("AUT"), "AU");
    assert_string_equal(out_fips("ESP"), "SP");
    assert_string_equal(out_fips("ZAF"), "SF");
    assert_string_equal(out_fips("SSD"), "OD");
    assert_string_equal(out_fips("ABW"), "AA"); /* first row */
    assert_string_equal(out_fips("ZWE"), "ZI"); /* last row */
    assert_null(out_fips("ALA"));
    assert_null(out_fips("XXX"));
    assert_null(out_fips("IR"));
    assert_null(out_fips(NULL));
    /* sorted, unique, every code two capitals */
    const char *prev = "", *fips, *iso;
    size_t k = 0;
    for (; (iso = out_fips_row(k, &fips)) != NULL; k++) {
        assert_true(strcmp(prev, iso) < 0);
        assert_int_equal(strlen(iso), 3);
        assert_int_equal(strlen(fips), 2);
        assert_true(fips[0] >= 'A' && fips[0] <= 'Z' && fips[1] >= 'A' && fips[1] <= 'Z');
        assert_string_equal(out_fips(iso), fips);
        prev = iso;
    }
    assert_true(k > 240);
}

static void test_phoenix(void **state)
{
    (void)state;
    out_event e;
    sample(&e);
    e.doc_source = "Example News";
    buf b = BUF_INIT;
    out_phoenix(&b, &e, 9);
    char copy[2048], *f[40];
    assert_int_equal(split(b.p, '\t', copy, sizeof copy, f, 40), OUT_PHOENIX_COLUMNS);
    const char *want[OUT_PHOENIX_COLUMNS] = {"9", "20200305", "2020", "03", "05", "IRQCOP", "IRQ", "COP", "",
                                             "USAGOV", "USA", "GOV", "", "1823", "18", "4", "-9.0", "",
                                             "33.34060", "44.40090", "Baghdad", "Baghdad", "IRQ", "doc-1_2",
                                             "https://example.org/story", "Example News"};
    for (int k = 0; k < OUT_PHOENIX_COLUMNS; k++)
        assert_string_equal(f[k], want[k]);
    /* statements and appeals are PentaClass 0 */
    e.cameo = "020";
    e.quad_class = 1;
    buf_clear(&b);
    out_phoenix(&b, &e, 9);
    split(b.p, '\t', copy, sizeof copy, f, 40);
    assert_string_equal(f[15], "0");
    buf_free(&b);
}

static void test_csv_quoting(void **state)
{
    (void)state;
    out_event e;
    sample(&e);
    buf b = BUF_INIT;
    out_header(&b, OUT_CSV);
    char copy[2048], *f[40];
    int columns = split(b.p, ',', copy, sizeof copy, f, 40);
    assert_int_equal(columns, 31);
    assert_string_equal(f[0], "doc_id");
    assert_string_equal(f[30], "mentions");
    buf_clear(&b);
    e.source.text = "Police, \"special\" unit";
    out_csv(&b, &e, ',');
    assert_non_null(strstr(b.p, ",\"Police, \"\"special\"\" unit\","));
    /* the evidence's tab stays, its line break is inside the quotes */
    assert_non_null(strstr(b.p, ",\"Iraqi police\tattacked the US embassy,\n\"\"they said\"\".\",10,60,"));
    assert_true(strncmp(b.p, "doc-1,2,IRQCOP,IRQ,COP,", 23) == 0);
    assert_non_null(strstr(b.p, ",1823,ASSAULT,4,-9.0,2020-03-05,,,Baghdad,IRQ,33.34060,44.40090,98182,city,3,,"));
    assert_int_equal(b.p[b.len - 1], '\n');
    assert_true(b.len >= 2 && b.p[b.len - 2] == '2'); /* mentions, then the end of the record */
    /* no header for the tab-separated layouts */
    buf_clear(&b);
    out_header(&b, OUT_GDELT);
    out_header(&b, OUT_PHOENIX);
    out_header(&b, OUT_JSONL);
    assert_int_equal(b.len, 0);
    buf_free(&b);
}

static void test_tsv_never_splits(void **state)
{
    (void)state;
    out_event e;
    sample(&e);
    e.source.text = "a\tb\nc\rd";
    e.url = "http://x/\t";
    buf b = BUF_INIT;
    out_gdelt(&b, &e, 1, NULL);
    char copy[2048], *f[80];
    assert_int_equal(split(b.p, '\t', copy, sizeof copy, f, 80), OUT_GDELT_COLUMNS);
    assert_string_equal(f[6], "a b c d");
    assert_ptr_equal(strchr(b.p, '\n'), b.p + b.len - 1);
    buf_clear(&b);
    out_phoenix(&b, &e, 1);
    assert_int_equal(split(b.p, '\t', copy, sizeof copy, f, 40), OUT_PHOENIX_COLUMNS);
    buf_free(&b);
}

static void test_jsonl_round_trip(void **state)
{
    (void)state;
    out_event e, back;
    sample(&e);
    e.doc_source = "Example News";
    e.head = "attacked";
    e.pattern = "verbs.txt:12";
    e.date_text = "on Thursday";
    e.casualty_note = "{\"killed\":{\"qualifier\":\"at least\",\"min\":3}}";
    buf b = BUF_INIT, err = BUF_INIT, again = BUF_INIT;
    out_jsonl(&b, &e);
    assert_int_equal(out_event_parse(b.p, b.len, &back, &err), 0);
    assert_string_equal(back.doc_id, "doc-1");
    assert_string_equal(back.source.text, "Iraqi police");
    assert_string_equal(back.location.name, "Baghdad");
    assert_string_equal(back.location.admin1, "Baghdad");
    assert_int_equal(back.location.geonameid, 98182);
    assert_int_equal(back.killed, 3);
    assert_int_equal(back.wounded, OUT_NONE);
    assert_string_equal(back.doc_source, "Example News");
    assert_int_equal(back.source.start, 10);
    assert_int_equal(back.source.end, 22);
    assert_true(back.target.end <= back.target.start);
    assert_string_equal(back.head, "attacked");
    assert_string_equal(back.pattern, "verbs.txt:12");
    assert_string_equal(back.date_text, "on Thursday");
    assert_string_equal(back.casualty_note, "{\"killed\":{\"qualifier\":\"at least\",\"min\":3}}");
    out_jsonl(&again, &back);
    assert_string_equal(again.p, b.p);
    out_event_free(&back);
    assert_null(back.owner);
    buf_free(&b);
    buf_free(&err);
    buf_free(&again);
}

static void test_reader_refusals(void **state)
{
    (void)state;
    static const char *const bad[][2] = {
        {"not json", "invalid JSON"},
        {"[1,2]", "not a JSON object"},
        {"{\"cameo\":\"190\"}", "\"doc_id\" is missing"},
        {"{\"doc_id\":\"a\"}", "\"cameo\" is missing"},
        {"{\"doc_id\":\"a\",\"cameo\":\"19 0\"}", "\"cameo\" is not a CAMEO code"},
        {"{\"doc_id\":7,\"cameo\":\"190\"}", "\"doc_id\" is not a string"},
        {"{\"doc_id\":\"a\",\"cameo\":\"190\",\"sentence\":-1}", "\"sentence\" is not an integer"},
        {"{\"doc_id\":\"a\",\"cameo\":\"190\",\"date\":\"2019-02-29\"}", "\"date\" is not a calendar date"},
        {"{\"doc_id\":\"a\",\"cameo\":\"190\",\"source\":[]}", "\"source\" is not an object"},
        {"{\"doc_id\":\"a\",\"cameo\":\"190\",\"target\":{\"code\":1}}", "target: \"code\" is not a string"},
        {"{\"doc_id\":\"a\",\"cameo\":\"190\",\"location\":{\"name\":\"X\",\"lat\":91,\"lon\":0}}",
         "location: \"lat\" is not a number"},
        {"{\"doc_id\":\"a\",\"cameo\":\"190\",\"location\":{\"lat\":1,\"lon\":0}}", "location: \"name\" is missing"},
        {"{\"doc_id\":\"a\",\"cameo\":\"190\",\"goldstein\":11}", "\"goldstein\" is not a number"},
        {"{\"doc_id\":\"a\",\"cameo\":\"190\",\"killed\":\"3\"}", "\"killed\" is not an integer"},
        {"{\"doc_id\":\"a\",\"cameo\":\"190\",\"evidence\":{\"span\":[5,2]}}", "\"span\" is not [start, end]"},
        {"{\"doc_id\":\"a\",\"doc_id\":\"b\",\"cameo\":\"190\"}", "invalid JSON"},
        {"{\"doc_id\":\"a\\u0000b\",\"cameo\":\"190\"}", "invalid JSON"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        out_event e;
        buf err = BUF_INIT;
        assert_int_equal(out_event_parse(bad[k][0], strlen(bad[k][0]), &e, &err), -1);
        if (!err.p || !strstr(err.p, bad[k][1]))
            fail_msg("%s: got '%s', want '%s'", bad[k][0], err.p ? err.p : "", bad[k][1]);
        assert_null(e.owner);
        buf_free(&err);
    }
    /* the smallest event: mentions default to 1 */
    out_event e;
    buf err = BUF_INIT;
    const char *min = "{\"doc_id\":\"a\",\"cameo\":\"190\"}";
    assert_int_equal(out_event_parse(min, strlen(min), &e, &err), 0);
    assert_int_equal(e.mentions, 1);
    assert_int_equal(e.sentence, OUT_NONE);
    assert_null(e.source.code);
    out_event_free(&e);
    buf_free(&err);
}

static void test_formats(void **state)
{
    (void)state;
    out_format f;
    assert_int_equal(out_format_parse("gdelt", &f), 0);
    assert_int_equal(f, OUT_GDELT);
    assert_int_equal(out_format_parse("phoenix", &f), 0);
    assert_int_equal(f, OUT_PHOENIX);
    assert_int_equal(out_format_parse("csv", &f), 0);
    assert_int_equal(f, OUT_CSV);
    assert_int_equal(out_format_parse("jsonl", &f), 0);
    assert_int_equal(f, OUT_JSONL);
    assert_int_equal(out_format_parse("tsv", &f), 0);
    assert_int_equal(f, OUT_TSV);
    assert_int_equal(out_format_parse("xlsx", &f), -1);
    assert_int_equal(out_format_parse(NULL, &f), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gdelt_columns),    cmocka_unit_test(test_gdelt_empty_event),
        cmocka_unit_test(test_geo_types),        cmocka_unit_test(test_fips),
        cmocka_unit_test(test_phoenix),          cmocka_unit_test(test_csv_quoting),
        cmocka_unit_test(test_tsv_never_splits), cmocka_unit_test(test_jsonl_round_trip),
        cmocka_unit_test(test_reader_refusals),  cmocka_unit_test(test_formats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
