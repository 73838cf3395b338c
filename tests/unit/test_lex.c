/*
 * test_lex.c - unit tests of the dictionaries and the phrase matcher:
 * the dictionary format (sections, synonyms, codes with date ranges,
 * kinds, comments), every kind of malformed line reported with its line
 * number, codes chosen by date, longest match, case-exact words, hyphen
 * variants, discards, redefinitions, and dates.
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

#include "lex/cache.h"
#include "lex/dict.h"
#include "lex/lexicon.h"

static const char example[] =
    "# a dictionary written for these tests\n"
    "[actors]\n"
    "Iraq | Republic of Iraq => IRQ {country}\n"
    "Iraqi | Iraqis => IRQ {demonym}   # people and adjective\n"
    "Baghdad => IRQ {capital}\n"
    "US! | U.S. | United States => USA {country}\n"
    "al-Qaeda => IMGMOSALQ {group}\n"
    "Joe Biden | Biden => USAGOV 2009-01-20..2017-01-20, USAGOV 2021-01-20..2025-01-20, USAELI {person}\n"
    "Ali Tester => IRQGOV ..2010-01-01, IRQMIL 2012-01-01.. {person}\n"
    "[agents]\n"
    "security forces | security force => COP\n"
    "spokesperson => =\n"
    "[discards]\n"
    "Iraq Street\n";

static lexicon lx;
static arena scratch;

static int setup(void **state)
{
    (void)state;
    buf err = BUF_INIT, warn = BUF_INIT;
    assert_int_equal(lex_init(&lx), 0);
    int64_t n = dict_load_text(&lx, "example.dict", example, sizeof example - 1, &err, &warn);
    if (n < 0)
        fprintf(stderr, "%s", err.p);
    assert_int_equal(n, 10);
    assert_int_equal(warn.len, 0);
    buf_free(&err);
    buf_free(&warn);
    arena_init(&scratch, 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    lex_free(&lx);
    arena_free(&scratch);
    return 0;
}

static int32_t day(const char *s)
{
    int ok;
    int32_t d = lex_parse_day(s, strlen(s), &ok);
    assert_true(ok);
    return d;
}

/* The matches of text, as "phrase=CODE" items separated by spaces. */
static const char *matches(const char *text, int32_t on)
{
    static char out[512];
    word *w;
    int64_t n = lex_phrase_words(text, strlen(text), &scratch, &w);
    assert_true(n > 0);
    lex_match m[32];
    uint32_t k = lex_match_words(&lx, w, (uint32_t)n, NULL, m, 32);
    out[0] = 0;
    for (uint32_t i = 0; i < k && i < 32; i++) {
        size_t len = strlen(out);
        snprintf(out + len, sizeof out - len, "%s%s..%s=%s", i ? " " : "", w[m[i].start].form, w[m[i].end - 1].form,
                 lex_code_on(&lx, m[i].entry, on) ? lex_code_on(&lx, m[i].entry, on) : "none");
    }
    return out;
}

static void test_matching(void **state)
{
    (void)state;
    int32_t d = day("2020-01-27");
    assert_string_equal(matches("Iraqi security forces fired on protesters in Baghdad.", d),
                        "Iraqi..Iraqi=IRQ security..forces=COP Baghdad..Baghdad=IRQ");
    assert_string_equal(matches("The Republic of Iraq and Iraq's neighbours", d),
                        "Republic..Iraq=IRQ Iraq..Iraq=IRQ");
    /* case-exact: "US" yes, "us" no; "U.S." in any case */
    assert_string_equal(matches("The US told us that the u.s. would stay.", d), "US..US=USA u.s...u.s.=USA");
    /* hyphens: as written, or left out */
    assert_string_equal(matches("al-Qaeda and al Qaeda, AL-QAEDA", d),
                        "al..Qaeda=IMGMOSALQ al..Qaeda=IMGMOSALQ AL..QAEDA=IMGMOSALQ");
    /* a discard hides the shorter actor inside it */
    assert_string_equal(matches("They met on Iraq Street in Baghdad.", d), "Baghdad..Baghdad=IRQ");
    assert_string_equal(matches("A spokesperson spoke.", d), "spokesperson..spokesperson==");
}

static void test_codes_by_date(void **state)
{
    (void)state;
    assert_string_equal(matches("Biden", day("2010-05-01")), "Biden..Biden=USAGOV");
    assert_string_equal(matches("Biden", day("2018-05-01")), "Biden..Biden=USAELI");
    assert_string_equal(matches("Joe Biden", day("2021-01-20")), "Joe..Biden=USAGOV");
    assert_string_equal(matches("Joe Biden", day("2025-01-20")), "Joe..Biden=USAELI");
    assert_string_equal(matches("Biden", LEX_UNDATED), "Biden..Biden=USAELI");
    /* no undated code: the range holding the day, else the latest range */
    assert_string_equal(matches("Ali Tester", day("2005-01-01")), "Ali..Tester=IRQGOV");
    assert_string_equal(matches("Ali Tester", day("2012-01-01")), "Ali..Tester=IRQMIL");
    assert_string_equal(matches("Ali Tester", day("2011-01-01")), "Ali..Tester=none");
    assert_string_equal(matches("Ali Tester", LEX_UNDATED), "Ali..Tester=IRQMIL");
}

/* Loads text into a fresh lexicon; returns the result and the messages. */
static int64_t load(const char *text, buf *err, buf *warn)
{
    lexicon l;
    assert_int_equal(lex_init(&l), 0);
    int64_t n = dict_load_text(&l, "bad.dict", text, strlen(text), err, warn);
    lex_free(&l);
    return n;
}

static void refused(const char *text, const char *message)
{
    buf err = BUF_INIT, warn = BUF_INIT;
    assert_int_equal(load(text, &err, &warn), -1);
    if (!err.p || !strstr(err.p, message))
        fail_msg("expected \"%s\" in: %s", message, err.p ? err.p : "(nothing)");
    buf_free(&err);
    buf_free(&warn);
}

static void test_malformed_lines(void **state)
{
    (void)state;
    refused("Iraq => IRQ\nIran IRN\n", "bad.dict:2: expected PHRASES => CODES");
    refused("Iraq => Irq\n", "bad.dict:1: \"Irq\" is not a code");
    refused("Iraq => IRQG\n", "bad.dict:1: \"IRQG\" is not a code");
    refused("Iraq => IRQ 2020-02-30..\n", "bad.dict:1: bad date range after IRQ");
    refused("Iraq => IRQ 2021-01-01..2020-01-01\n", "bad date range");
    refused("Iraq => IRQ ..\n", "bad date range");
    refused("Iraq => IRQ, IRQGOV\n", "more than one code without a date range");
    refused("Iraq => IRQ {nation}\n", "unknown kind {nation}");
    refused("Iraq => \n", "no code after '=>'");
    refused("Iraq | | Iran => IRQ\n", "an empty phrase");
    refused("[people]\n", "unknown section");
    refused("[discards]\nIraq => IRQ\n", "discards take no codes");
    refused("[agents]\narmy => MIL 2000-01-01..\n", "agent codes take no dates");
    refused("Iraq => =\n", "\"=\" is not a code");
    refused("Ir\xffq => IRQ\n", "bad.dict:1: invalid UTF-8");
    refused("Iraq => IRQ\n\x01\x02\x03 => IRN\n", "bad.dict:2: a control character");
    refused("Iraq => IRQ => IRN\n", "more than one '=>'");
    /* a very long line */
    size_t n = DICT_MAX_LINE + 10;
    char *big = malloc(n + 1);
    memset(big, 'a', n);
    big[n] = 0;
    refused(big, "bad.dict:1: a line longer than");
    free(big);
    /* at most 20 errors are listed, then a count */
    char many[2048] = "";
    for (int k = 0; k < 30; k++)
        strcat(many, "Iran IRN\n");
    refused(many, "bad.dict: 10 more errors");
}

static void test_well_formed_oddities(void **state)
{
    (void)state;
    buf err = BUF_INIT, warn = BUF_INIT;
    /* empty text, comments only, a byte-order mark, CRLF, # inside a word */
    assert_int_equal(load("", &err, &warn), 0);
    assert_int_equal(load("# nothing\n\n   # still nothing\n", &err, &warn), 0);
    assert_int_equal(load("\xEF\xBB\xBFIraq => IRQ\r\nC# => USA # a language\r\n", &err, &warn), 2);
    assert_int_equal(err.len, 0);
    /* a phrase defined twice: a warning naming both lines */
    assert_int_equal(load("Iraq => IRQ\nIraq => IRN\n", &err, &warn), 2);
    assert_non_null(strstr(warn.p, "bad.dict:2: \"Iraq\" was already defined at bad.dict:1"));
    buf_free(&err);
    buf_free(&warn);
}

static void test_dates(void **state)
{
    (void)state;
    int ok;
    assert_int_equal(lex_parse_day("1970-01-01", 10, &ok), 0);
    assert_true(ok);
    assert_int_equal(lex_parse_day("2000-03-01", 10, &ok) - lex_parse_day("2000-02-28", 10, &ok), 2);
    assert_int_equal(lex_parse_day("2020-01-27", 10, &ok), 18288);
    lex_parse_day("2019-02-29", 10, &ok);
    assert_false(ok);
    lex_parse_day("2019-13-01", 10, &ok);
    assert_false(ok);
    lex_parse_day("2019-1-01", 9, &ok);
    assert_false(ok);
    lex_parse_day("0000-01-01", 10, &ok);
    assert_false(ok);
    assert_true(lex_parse_day("9999-12-31", 10, &ok) > 0 && ok);
}

/* 120,000 phrases of one to three words: every one is found again. */
static void test_many_phrases(void **state)
{
    (void)state;
    lexicon big;
    assert_int_equal(lex_init(&big), 0);
    buf text = BUF_INIT, err = BUF_INIT, warn = BUF_INIT;
    for (int k = 0; k < 120000; k++)
        buf_printf(&text, "Name%d%s%s => X%02d\n", k, k % 3 ? " Alpha" : "", k % 5 ? " B" : "", k % 100);
    assert_false(text.failed);
    assert_int_equal(dict_load_text(&big, "big.dict", text.p, text.len, &err, &warn), 120000);
    assert_true(big.nphrases >= 120000);
    arena a;
    arena_init(&a, 0);
    for (int k = 0; k < 120000; k += 997) {
        char sentence[64];
        snprintf(sentence, sizeof sentence, "See Name%d%s%s now", k, k % 3 ? " Alpha" : "", k % 5 ? " B" : "");
        word *w;
        int64_t n = lex_phrase_words(sentence, strlen(sentence), &a, &w);
        lex_match m[4];
        assert_int_equal(lex_match_words(&big, w, (uint32_t)n, NULL, m, 4), 1);
        char want[8];
        snprintf(want, sizeof want, "X%02d", k % 100);
        assert_string_equal(lex_code_on(&big, m[0].entry, LEX_UNDATED), want);
        assert_int_equal(m[0].end - m[0].start, 1 + (k % 3 != 0) + (k % 5 != 0));
        arena_reset(&a);
    }
    arena_free(&a);
    buf_free(&text);
    buf_free(&err);
    buf_free(&warn);
    lex_free(&big);
}

/* The cache maps back to a lexicon that matches the same; a stale key or
 * a corrupt file is not used. */
static void test_cache(void **state)
{
    (void)state;
    char path[] = "/tmp/khaldun-test-lex-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    buf err = BUF_INIT;
    assert_int_equal(lex_cache_write(&lx, 42, path, &err), 0);
    lexicon back;
    assert_int_equal(lex_cache_map(&back, 43, path, &err), 1); /* another key: stale */
    assert_int_equal(lex_cache_map(&back, 42, path, &err), 0);
    assert_int_equal(back.nentries, lx.nentries);
    lexicon saved = lx;
    lx = back;
    assert_string_equal(matches("Iraqi security forces fired on protesters in Baghdad.", day("2020-01-27")),
                        "Iraqi..Iraqi=IRQ security..forces=COP Baghdad..Baghdad=IRQ");
    assert_string_equal(matches("Biden", day("2010-05-01")), "Biden..Biden=USAGOV");
    lx = saved;
    lex_free(&back);
    /* flip one byte of the payload: the checksum refuses it */
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    fseek(f, 200, SEEK_SET);
    int c = fgetc(f);
    fseek(f, 200, SEEK_SET);
    fputc(c ^ 0x5A, f);
    fclose(f);
    buf_clear(&err);
    assert_int_equal(lex_cache_map(&back, 42, path, &err), -1);
    assert_non_null(err.p);
    unlink(path);
    assert_int_equal(lex_cache_map(&back, 42, path, &err), 1); /* absent */
    buf_free(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matching),
        cmocka_unit_test(test_codes_by_date),
        cmocka_unit_test(test_malformed_lines),
        cmocka_unit_test(test_well_formed_oddities),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_many_phrases),
        cmocka_unit_test(test_cache),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
