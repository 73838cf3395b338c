/*
 * test_casualty.c - unit tests of casualty counts (code/casualty.h) on
 * hand-parsed sentences written for these tests (no models needed):
 * numbers in words and digits, qualifiers, ranges, vague quantities and
 * numbers too large; victims of active and passive verbs, lists, nouns,
 * states, zero ("no one was hurt", "no causalities"), perpetrators;
 * mentions given to events, to an earlier sentence's attack, and the
 * JSON and brief forms.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "code/casualty.h"

enum { MAXW = 40 };

/* One hand-parsed sentence: words written "form/lemma/UPOS/head/rel"
 * (head 1-based, 0 for the root), separated by blanks. */
typedef struct hand {
    char text[1024];
    word w[MAXW];
    uint8_t pos[MAXW];
    const char *rel[MAXW];
    ev_sentence s;
} hand;

static hand H;

static const ev_sentence *parse(const char *spec)
{
    memset(&H, 0, sizeof H);
    snprintf(H.text, sizeof H.text, "%s", spec);
    uint32_t n = 0;
    char *save = NULL;
    for (char *item = strtok_r(H.text, " ", &save); item && n < MAXW; item = strtok_r(NULL, " ", &save), n++) {
        char *form = item, *lemma = strchr(form, '/');
        assert_non_null(lemma);
        *lemma++ = 0;
        if (!*form) { /* the form "/" cannot be written; "." is "././PUNCT" */
            form = lemma - 1;
            *form = '/';
        }
        char *upos = strchr(lemma, '/');
        assert_non_null(upos);
        *upos++ = 0;
        char *head = strchr(upos, '/');
        assert_non_null(head);
        *head++ = 0;
        char *rel = strchr(head, '/');
        assert_non_null(rel);
        *rel++ = 0;
        word_set_form(&H.w[n], form);
        H.w[n].lemma = lemma;
        H.w[n].head = atoi(head) - 1;
        H.pos[n] = actor_pos_of(upos);
        H.rel[n] = rel;
    }
    H.s = (ev_sentence){H.w, H.pos, H.rel, n, NULL, 0, 0, NULL};
    return &H.s;
}

/* Words with forms only (for numbers). */
static const ev_sentence *words(const char *text)
{
    memset(&H, 0, sizeof H);
    snprintf(H.text, sizeof H.text, "%s", text);
    uint32_t n = 0;
    char *save = NULL;
    for (char *item = strtok_r(H.text, " ", &save); item && n < MAXW; item = strtok_r(NULL, " ", &save))
        word_set_form(&H.w[n++], item);
    H.s = (ev_sentence){H.w, H.pos, H.rel, n, NULL, 0, 0, NULL};
    return &H.s;
}

/* A count written as the brief form shows it: "12", "at least 12",
 * "10-15", "?>=24", "?" or "" (nothing said). */
static const char *shown(const cas_count *c)
{
    static char out[4][64];
    static int next;
    char *o = out[next++ % 4];
    buf b = BUF_INIT;
    cas_pair p;
    memset(&p, 0, sizeof p);
    p.c[CAS_KILLED] = *c;
    cas_write_brief(&b, &p);
    snprintf(o, 64, "%s", b.p ? b.p : "");
    buf_free(&b);
    if (strncmp(o, " [killed ", 9) == 0) {
        memmove(o, o + 9, strlen(o + 9) + 1);
        o[strlen(o) - 1] = 0;
    }
    return o;
}

static const char *quantity(const char *text, uint32_t *end)
{
    static cas_count c;
    c = cas_quantity_at(words(text), 0, end);
    return shown(&c);
}

/* Quantities read at the start of a text: as shown, and the words they
 * take (0: not checked). */
static const struct {
    const char *text, *shown;
    uint32_t end;
} QUANTITIES[] = {
    {"three soldiers", "3", 1},
    {"twenty - five people", "25", 3},
    {"1,200 people", "1200", 1},
    {"12", "12", 1},
    {"a dozen people", "12", 2},
    {"two dozen", "24", 2},
    {"two hundred and fifty people", "250", 4},
    {"three thousand four hundred", "3400", 4},
    {"1.5 million", "1500000", 2},
    {"Seventeen", "17", 1},
    /* not numbers */
    {"1,2 people", "", 0},
    {"1.5 people", "", 0},
    {"soldiers", "", 0},
    {"a soldier", "", 0},
    /* qualifiers */
    {"at least 12 civilians", "at least 12", 3},
    {"more than twenty - five", "more than 25", 5},
    {"up to 40", "up to 40", 3},
    {"as many as 40", "up to 40", 4},
    {"nearly 300", "about 300", 2},
    {"an estimated 3,000", "about 3000", 3},
    /* ranges */
    {"between 10 and 15 fighters", "10-15", 4},
    {"10 - 15", "10-15", 3},
    {"two or three", "2-3", 3},
    /* vague quantities; "scores" alone is a verb or a result */
    {"dozens", "?>=24", 1},
    {"scores of people", "?>=40", 1},
    {"scores", "", 0},
    {"hundreds", "?>=200", 1},
    {"several", "?>=3", 1},
    {"a few", "?>=2", 2},
};

static void test_quantities(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof QUANTITIES / sizeof QUANTITIES[0]; k++) {
        uint32_t end = 0;
        const char *got = quantity(QUANTITIES[k].text, &end);
        if (strcmp(got, QUANTITIES[k].shown) != 0 || (QUANTITIES[k].end && end != QUANTITIES[k].end))
            fail_msg("\"%s\": got \"%s\" ending at %u, expected \"%s\" ending at %u", QUANTITIES[k].text, got, end,
                     QUANTITIES[k].shown, QUANTITIES[k].end);
    }
    uint32_t end = 0;
    /* "fewer than 4" is at most 3 */
    cas_count c = cas_quantity_at(words("fewer than 4"), 0, &end);
    assert_int_equal(c.n, 4);
    assert_int_equal(c.max, 3);
    assert_int_equal(c.qual, CAS_UP_TO);
}

static void test_huge_numbers(void **state)
{
    (void)state;
    char text[700];
    memset(text, '9', 500);
    strcpy(text + 500, " people");
    uint32_t end = 0;
    cas_count c = cas_quantity_at(words(text), 0, &end);
    assert_true(c.said);
    assert_int_equal(c.n, -1);
    assert_int_equal(c.min, -1);
    assert_int_equal(end, 1);
    /* with commas, words and a scale word */
    c = cas_quantity_at(words("999,999,999,999,999,999,999,999,999 people"), 0, &end);
    assert_true(c.said && c.n == -1);
    c = cas_quantity_at(words("nine hundred billion billion billion"), 0, &end);
    assert_true(c.said && c.n == -1);
    c = cas_quantity_at(words("1,000,000,001"), 0, &end);
    assert_true(c.said && c.n == -1);
    c = cas_quantity_at(words("1,000,000,000"), 0, &end);
    assert_int_equal(c.n, CAS_MAX);
    /* a range with a huge end is no count either */
    c = cas_quantity_at(words("10 to 99999999999999999999999"), 0, &end);
    assert_true(c.said && c.n == -1 && c.min == -1 && c.max == -1);
}

/* The mentions of a sentence as "killed N" / "wounded N" items, with "^"
 * after those that may report an earlier sentence's attack. */
static const char *mentions(const char *spec)
{
    static char out[256];
    cas_mention m[CAS_MENTIONS];
    const ev_sentence *s = parse(spec);
    uint32_t n = cas_find(s, m, CAS_MENTIONS);
    out[0] = 0;
    for (uint32_t k = 0; k < n; k++) {
        size_t len = strlen(out);
        snprintf(out + len, sizeof out - len, "%s%s %s%s", k ? "; " : "", m[k].kind == CAS_KILLED ? "killed" : "wounded",
                 shown(&m[k].c), m[k].back ? "^" : "");
    }
    return out;
}

static void test_victims_of_verbs(void **state)
{
    (void)state;
    /* "killed X and Y" with the parse's conjunct hanging inside the second name's phrase */
    assert_string_equal(mentions("A/a/DET/3/det drone/drone/NOUN/3/compound strike/strike/NOUN/4/nsubj "
                                 "killed/kill/VERB/0/root general/general/ADJ/10/amod Jon/Jon/PROPN/10/compound "
                                 "Varga/Varga/PROPN/6/flat and/and/CCONJ/9/cc militia/militia/PROPN/6/conj "
                                 "leader/leader/NOUN/11/nmod:desc Abu/Abu/PROPN/4/obj Karim/Karim/PROPN/11/flat "
                                 "././PUNCT/4/punct"),
                        "killed 2");
    /* "killed Iranian general X and Iraqi figure Y" with the adjective as the verb's complement */
    assert_string_equal(mentions("strike/strike/NOUN/2/nsubj killed/kill/VERB/0/root Danish/Danish/ADJ/2/xcomp "
                                 "general/general/ADJ/5/amod Jon/Jon/PROPN/3/obj and/and/CCONJ/8/cc "
                                 "Dutch/Dutch/ADJ/8/amod figure/figure/NOUN/5/conj Ann/Ann/PROPN/8/appos "
                                 "Smit/Smit/PROPN/9/flat"),
                        "killed 2");
    assert_string_equal(mentions("A/a/DET/2/det soldier/soldier/NOUN/4/nsubj:pass was/be/AUX/4/aux:pass "
                                 "killed/kill/VERB/0/root ././PUNCT/4/punct"),
                        "killed 1^");
    assert_string_equal(mentions("Troops/troops/NOUN/2/nsubj killed/kill/VERB/0/root 3/3/NUM/4/nummod "
                                 "militants/militant/NOUN/2/obj and/and/CCONJ/7/cc 2/2/NUM/7/nummod "
                                 "civilians/civilian/NOUN/4/conj ././PUNCT/2/punct"),
                        "killed 5");
    /* "killing at least 12 civilians and wounding dozens" */
    assert_string_equal(mentions("Rebels/rebel/NOUN/2/nsubj shelled/shell/VERB/0/root the/the/DET/4/det "
                                 "town/town/NOUN/2/obj ,/,/PUNCT/6/punct killing/kill/VERB/2/advcl at/at/ADP/8/case "
                                 "least/least/ADJ/9/nmod 12/12/NUM/10/nummod civilians/civilian/NOUN/6/obj "
                                 "and/and/CCONJ/12/cc wounding/wound/VERB/6/conj dozens/dozen/NOUN/12/obj "
                                 "././PUNCT/2/punct"),
                        "killed at least 12^; wounded ?>=24^");
    /* "killing a civilian"; a plural without a number is some */
    assert_string_equal(mentions("Gunmen/gunman/NOUN/2/nsubj attacked/attack/VERB/0/root ,/,/PUNCT/4/punct "
                                 "killing/kill/VERB/2/advcl a/a/DET/6/det civilian/civilian/NOUN/4/obj"),
                        "killed 1^"); /* no cause of its own */
    assert_string_equal(mentions("Gunmen/gunman/NOUN/2/nsubj killed/kill/VERB/0/root civilians/civilian/NOUN/2/obj"),
                        "killed ?>=2");
    assert_string_equal(mentions("Hundreds/hundred/NOUN/4/nsubj of/of/ADP/3/case people/people/NOUN/1/nmod "
                                 "died/die/VERB/0/root"),
                        "killed ?>=200^");
    /* "gunned down" and "shot dead" kill; "shot" alone says nothing */
    assert_string_equal(mentions("Police/police/NOUN/2/nsubj gunned/gun/VERB/0/root down/down/ADP/2/compound:prt "
                                 "a/a/DET/5/det suspect/suspect/NOUN/2/obj"),
                        "killed 1");
    assert_string_equal(mentions("The/the/DET/2/det rebels/rebel/NOUN/3/nsubj shot/shoot/VERB/0/root "
                                 "dead/dead/ADJ/7/amod a/a/DET/7/det police/police/NOUN/7/compound "
                                 "officer/officer/NOUN/3/obj"),
                        "killed 1^"); /* "the rebels": a definite cause */
    assert_string_equal(mentions("The/the/DET/2/det rebels/rebel/NOUN/3/nsubj shot/shoot/VERB/0/root "
                                 "a/a/DET/5/det officer/officer/NOUN/3/obj"),
                        "");
    /* a huge number is no count */
    assert_string_equal(mentions("Rebels/rebel/NOUN/2/nsubj killed/kill/VERB/0/root "
                                 "123456789012345678901234567890/123456789012345678901234567890/NUM/4/nummod "
                                 "people/people/NOUN/2/obj"),
                        "");
    /* "killed the deal" is no death */
    assert_string_equal(mentions("Iran/Iran/PROPN/2/nsubj killed/kill/VERB/0/root the/the/DET/4/det "
                                 "deal/deal/NOUN/2/obj"),
                        "");
}

static void test_nouns_states_claims(void **state)
{
    (void)state;
    assert_string_equal(mentions("The/the/DET/2/det blast/blast/NOUN/3/nsubj claimed/claim/VERB/0/root "
                                 "the/the/DET/5/det life/life/NOUN/3/obj of/of/ADP/9/case a/a/DET/9/det "
                                 "Danish/Danish/ADJ/9/amod engineer/engineer/NOUN/5/nmod ././PUNCT/3/punct"),
                        "killed 1^");
    assert_string_equal(mentions("A/a/DET/2/det bomb/bomb/NOUN/3/nsubj claimed/claim/VERB/0/root "
                                 "12/12/NUM/5/nummod lives/life/NOUN/3/obj"),
                        "killed 12");
    assert_string_equal(mentions("Rebels/rebel/NOUN/2/nsubj claimed/claim/VERB/0/root the/the/DET/4/det "
                                 "attack/attack/NOUN/2/obj"),
                        "");
    assert_string_equal(mentions("Ten/ten/NUM/2/nummod people/people/NOUN/3/nsubj lost/lose/VERB/0/root "
                                 "their/their/PRON/5/nmod:poss lives/life/NOUN/3/obj"),
                        "killed 10^");
    assert_string_equal(mentions("The/the/DET/2/det clashes/clash/NOUN/3/nsubj left/leave/VERB/0/root "
                                 "7/7/NUM/5/nummod people/people/NOUN/3/obj dead/dead/ADJ/3/advcl "
                                 "and/and/CCONJ/8/cc 30/30/NUM/6/conj injured/injured/ADJ/8/advmod"),
                        "killed 7^; wounded 30^");
    assert_string_equal(mentions("Police/police/NOUN/2/nsubj said/say/VERB/0/root 5/5/NUM/4/nsubj "
                                 "killed/kill/VERB/2/ccomp and/and/CCONJ/4/conj 9/9/NUM/5/conj "
                                 "wounded/wounded/ADJ/6/nmod:unmarked"),
                        "killed 5^; wounded 9^");
    assert_string_equal(mentions("Three/three/NUM/2/nummod injuries/injury/NOUN/4/nsubj:pass were/be/AUX/4/aux:pass "
                                 "reported/report/VERB/0/root"),
                        "wounded 3^");
    assert_string_equal(mentions("The/the/DET/2/det deaths/death/NOUN/7/nsubj:pass of/of/ADP/5/case "
                                 "two/two/NUM/5/nummod journalists/journalist/NOUN/2/nmod were/be/AUX/7/aux:pass "
                                 "confirmed/confirm/VERB/0/root"),
                        "killed 2^");
    assert_string_equal(mentions("The/the/DET/3/det death/death/NOUN/3/compound toll/toll/NOUN/4/nsubj "
                                 "rose/rise/VERB/0/root to/to/ADP/6/case 41/41/NUM/4/obl"),
                        "killed 41^");
    assert_string_equal(mentions("a/a/DET/3/det death/death/NOUN/3/compound toll/toll/NOUN/0/root of/of/ADP/5/case "
                                 "at/at/ADP/6/case least/least/ADJ/7/nmod 9/9/NUM/3/nmod"),
                        "killed at least 9^");
}

static void test_zero_and_perpetrators(void **state)
{
    (void)state;
    assert_string_equal(mentions("No/no/DET/2/det one/one/PRON/4/nsubj:pass was/be/AUX/4/aux:pass "
                                 "hurt/hurt/VERB/0/root ././PUNCT/4/punct"),
                        "killed 0^; wounded 0^");
    assert_string_equal(mentions("Nobody/nobody/PRON/3/nsubj:pass was/be/AUX/3/aux:pass injured/injure/VERB/0/root"),
                        "wounded 0^");
    assert_string_equal(mentions("There/there/PRON/2/expl were/be/VERB/0/root no/no/DET/4/det "
                                 "causalities/causality/NOUN/2/nsubj ././PUNCT/2/punct"),
                        "killed 0^; wounded 0^");
    assert_string_equal(mentions("The/the/DET/2/det attack/attack/NOUN/3/nsubj caused/cause/VERB/0/root "
                                 "no/no/DET/5/det casualties/casualty/NOUN/3/obj"),
                        "killed 0^; wounded 0^");
    /* "12 casualties" does not say killed or wounded */
    assert_string_equal(mentions("There/there/PRON/2/expl were/be/VERB/0/root 12/12/NUM/4/nummod "
                                 "casualties/casualty/NOUN/2/nsubj"),
                        "");
    assert_string_equal(mentions("There/there/PRON/2/expl were/be/VERB/0/root no/no/DET/4/det "
                                 "injuries/injury/NOUN/2/nsubj"),
                        "wounded 0^");
    assert_string_equal(mentions("The/the/DET/2/det envoy/envoy/NOUN/3/nsubj was/be/AUX/4/cop "
                                 "unhurt/unhurt/ADJ/0/root"),
                        "killed 0^; wounded 0^");
    assert_string_equal(mentions("No/no/DET/2/det soldiers/soldier/NOUN/4/nsubj:pass were/be/AUX/4/aux:pass "
                                 "killed/kill/VERB/0/root"),
                        "killed 0^");
    /* "a dozen people, including the attacker" is 11 victims */
    assert_string_equal(mentions("The/the/DET/2/det bombing/bombing/NOUN/3/nsubj killed/kill/VERB/0/root "
                                 "a/a/DET/5/det dozen/dozen/NUM/6/nummod people/people/NOUN/3/obj ,/,/PUNCT/10/punct "
                                 "including/include/VERB/10/case the/the/DET/10/det attacker/attacker/NOUN/3/obl"),
                        "killed 11^");
    /* "the bomber and four guards were killed": four victims */
    assert_string_equal(mentions("The/the/DET/2/det bomber/bomber/NOUN/7/nsubj:pass and/and/CCONJ/5/cc "
                                 "four/four/NUM/5/nummod guards/guard/NOUN/2/conj were/be/AUX/7/aux:pass "
                                 "killed/kill/VERB/0/root"),
                        "killed 4^");
    /* alone, the gunman is the victim */
    assert_string_equal(mentions("The/the/DET/2/det gunman/gunman/NOUN/4/nsubj:pass was/be/AUX/4/aux:pass "
                                 "killed/kill/VERB/0/root"),
                        "killed 1^");
    /* an indefinite cause of its own, or "separately": not an earlier attack */
    assert_string_equal(mentions("A/a/DET/3/det car/car/NOUN/3/compound bomb/bomb/NOUN/4/nsubj killed/kill/VERB/0/root "
                                 "two/two/NUM/6/nummod men/man/NOUN/4/obj"),
                        "killed 2");
    assert_string_equal(mentions("Separately/separately/ADV/5/advmod ,/,/PUNCT/1/punct two/two/NUM/4/nummod "
                                 "men/man/NOUN/5/nsubj died/die/VERB/0/root"),
                        "killed 2");
}

/* Events of a sentence for cas_attach: heads (1-based) and codes. */
static uint32_t events(event *ev, const char *items)
{
    char copy[128];
    uint32_t n = 0;
    char *save = NULL;
    snprintf(copy, sizeof copy, "%s", items);
    for (char *item = strtok_r(copy, " ", &save); item && n < 8; item = strtok_r(NULL, " ", &save), n++) {
        memset(&ev[n], 0, sizeof ev[n]);
        unsigned head;
        assert_int_equal(sscanf(item, "%u=%4s", &head, ev[n].code), 2);
        ev[n].head = head - 1;
        ev[n].source = ev[n].target = -1;
    }
    return n;
}

/* "killed K wounded W" per event, then "| rest ..." */
static const char *attached(const char *spec, const char *evs)
{
    static char out[256];
    event ev[8];
    cas_mention m[CAS_MENTIONS];
    cas_pair got[8], rest;
    const ev_sentence *s = parse(spec);
    uint32_t ne = events(ev, evs), nm = cas_find(s, m, CAS_MENTIONS);
    cas_attach(s, m, nm, ev, ne, got, &rest);
    out[0] = 0;
    for (uint32_t k = 0; k <= ne; k++) {
        const cas_pair *p = k < ne ? &got[k] : &rest;
        size_t len = strlen(out);
        snprintf(out + len, sizeof out - len, "%s%s/%s", k == ne ? " | " : k ? " " : "", shown(&p->c[0]),
                 shown(&p->c[1]));
    }
    return out;
}

#define SHELLING_KILLING                                                                                  \
    "Rebels/rebel/NOUN/2/nsubj shelled/shell/VERB/0/root the/the/DET/4/det town/town/NOUN/2/obj ,/,/PUNCT/6/punct " \
    "killing/kill/VERB/2/advcl two/two/NUM/8/nummod soldiers/soldier/NOUN/6/obj"

static void test_attach(void **state)
{
    (void)state;
    /* the nearest event in the tree takes the count ... */
    assert_string_equal(attached("A/a/DET/2/det soldier/soldier/NOUN/4/nsubj:pass was/be/AUX/4/aux:pass "
                                 "killed/kill/VERB/0/root when/when/ADV/7/advmod militants/militant/NOUN/7/nsubj "
                                 "attacked/attack/VERB/4/advcl a/a/DET/9/det checkpoint/checkpoint/NOUN/7/obj",
                                 "4=190 7=190"),
                        "1/ / | /");
    /* ... and a participle clause tells the same attack */
    assert_string_equal(attached(SHELLING_KILLING, "2=194 6=190"), "2/ 2/ | /");
    /* the only violent event takes it; a statement does not */
    assert_string_equal(attached(SHELLING_KILLING, "2=010 2=194"), "/ 2/ | /");
    /* no violent event: the rest, for an earlier sentence's attack */
    assert_string_equal(attached(SHELLING_KILLING, "2=010"), "/ | 2/");
    /* a protest takes a count when no violent event is in its sentence */
    assert_string_equal(attached(SHELLING_KILLING, "2=141"), "2/ | /");
    assert_string_equal(attached(SHELLING_KILLING, "2=141 6=190"), "/ 2/ | /");
    /* "The attack killed two soldiers": the attack may have been told before */
    assert_string_equal(attached("The/the/DET/2/det attack/attack/NOUN/3/nsubj killed/kill/VERB/0/root "
                                 "two/two/NUM/5/nummod soldiers/soldier/NOUN/3/obj",
                                 "2=190"),
                        "2/ | 2/");
    /* coordinated verbs share their counts */
    assert_string_equal(attached("A/a/DET/2/det bomb/bomb/NOUN/3/nsubj killed/kill/VERB/0/root one/one/NUM/5/nummod "
                                 "soldier/soldier/NOUN/3/obj and/and/CCONJ/7/cc wounded/wound/VERB/3/conj "
                                 "two/two/NUM/9/nummod others/other/NOUN/7/obj",
                                 "3=190 7=190"),
                        "1/2 1/2 | /");
    /* a death told as the reason of another event is not its count */
    assert_string_equal(attached("Israel/Israel/PROPN/2/nsubj closed/close/VERB/0/root crossings/crossing/NOUN/2/obj "
                                 "after/after/ADP/6/case the/the/DET/6/det deaths/death/NOUN/2/obl of/of/ADP/9/case "
                                 "two/two/NUM/9/nummod soldiers/soldier/NOUN/6/nmod",
                                 "2=191"),
                        "/ | /");
    /* ... unless it is that event ("after the killing of X" coded on "killing") */
    assert_string_equal(attached("after/after/ADP/3/case the/the/DET/3/det killing/killing/NOUN/0/root of/of/ADP/6/case "
                                 "a/a/DET/6/det general/general/NOUN/3/nmod",
                                 "3=186"),
                        "1/ | /");
}

static void json_is(cas_count killed, cas_count wounded, const char *expected)
{
    cas_pair p;
    p.c[CAS_KILLED] = killed;
    p.c[CAS_WOUNDED] = wounded;
    buf out = BUF_INIT;
    cas_write_json(&out, &p);
    assert_string_equal(out.p, expected);
    buf_free(&out);
}

static void test_sums_and_json(void **state)
{
    (void)state;
    cas_count a = {3, -1, -1, CAS_EXACT, 1}, b = {12, 12, -1, CAS_AT_LEAST, 1}, v = {-1, 24, -1, CAS_VAGUE, 1};
    cas_count none = {-1, -1, -1, CAS_EXACT, 0};
    cas_count x = a;
    cas_add(&x, &none);
    assert_string_equal(shown(&x), "3");
    cas_add(&x, &b);
    assert_string_equal(shown(&x), "at least 15");
    assert_int_equal(x.min, 15);
    cas_add(&x, &v);
    assert_string_equal(shown(&x), "?>=39");
    cas_count big = {CAS_MAX, -1, -1, CAS_EXACT, 1};
    x = big;
    cas_add(&x, &a); /* beyond CAS_MAX: no count */
    assert_int_equal(x.n, -1);

    cas_count r = {-1, 10, 15, CAS_RANGE, 1};
    json_is(none, none, "\"killed\":null,\"wounded\":null");
    json_is(a, b, "\"killed\":3,\"wounded\":12,\"casualty_note\":{\"wounded\":{\"qualifier\":\"at least\",\"min\":12}}");
    json_is(r, v,
            "\"killed\":null,\"wounded\":null,\"casualty_note\":{\"killed\":{\"qualifier\":\"range\",\"min\":10,"
            "\"max\":15},\"wounded\":{\"qualifier\":\"vague\",\"min\":24}}");
    cas_pair p;
    p.c[CAS_KILLED] = r;
    p.c[CAS_WOUNDED] = v;
    buf out = BUF_INIT;
    cas_write_brief(&out, &p);
    assert_string_equal(out.p, " [killed 10-15, wounded ?>=24]");
    /* cas_fill keeps what is given */
    cas_pair q;
    memset(&q, 0, sizeof q);
    q.c[CAS_KILLED] = a;
    cas_fill(&q, &p);
    assert_int_equal(q.c[CAS_KILLED].n, 3);
    assert_int_equal(q.c[CAS_WOUNDED].min, 24);
    buf_free(&out);
    assert_int_equal(cas_level("190"), 2);
    assert_int_equal(cas_level("2041"), 2);
    assert_int_equal(cas_level("183"), 2);
    assert_int_equal(cas_level("145"), 1);
    assert_int_equal(cas_level("173"), 1);
    assert_int_equal(cas_level("010"), 0);
    assert_int_equal(cas_level(""), 0);
}

/* Bounded work: a sentence of MAXW mentions gives at most CAS_MENTIONS. */
static void test_bounds(void **state)
{
    (void)state;
    char spec[2048] = "";
    for (int k = 0; k < MAXW / 2; k++) {
        char item[80];
        snprintf(item, sizeof item, "%sone/one/NUM/%d/nsubj died/die/VERB/0/root", k ? " " : "", 2 * k + 2);
        strcat(spec, item);
    }
    cas_mention m[CAS_MENTIONS + 4];
    assert_int_equal(cas_find(parse(spec), m, CAS_MENTIONS + 4), CAS_MENTIONS);
    assert_int_equal(cas_find(parse(spec), m, 3), 3);
    /* a sentence whose heads loop is read without hanging */
    assert_string_equal(attached("two/two/NUM/2/nsubj died/die/VERB/3/dep there/there/ADV/2/advmod", "3=190"),
                        "2/ | /");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quantities),
        cmocka_unit_test(test_huge_numbers),
        cmocka_unit_test(test_victims_of_verbs),
        cmocka_unit_test(test_nouns_states_claims),
        cmocka_unit_test(test_zero_and_perpetrators),
        cmocka_unit_test(test_attach),
        cmocka_unit_test(test_sums_and_json),
        cmocka_unit_test(test_bounds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
