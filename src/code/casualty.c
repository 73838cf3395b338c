/*
 * casualty.c - killed and wounded counts read from a parsed sentence and
 * given to its violent events (see casualty.h for the forms read and the
 * rules).
 *
 * The parse says who the victims are (the object of an active verb, the
 * subject of a passive or intransitive one, the noun a participle or an
 * adjective modifies, the "of" phrase of a noun); a window of at most
 * WINDOW words before each victim noun, read in order, says how many (the
 * number, its qualifier, a range), because the parse of number phrases
 * ("at least", "twenty - five", "between 10 and 15") is less reliable than
 * their words.
 */
#include "code/casualty.h"

#include <string.h>
#include <strings.h>

enum { WINDOW = 10, LIST_MAX = 32, ANCESTORS = 64 };

/* ---- words ---- */

static const char *lemma_of(const ev_sentence *s, uint32_t i)
{
    return s->w[i].lemma ? s->w[i].lemma : s->w[i].form;
}

static int is_form(const ev_sentence *s, uint32_t i, const char *lit)
{
    return i < s->n && strcasecmp(s->w[i].form, lit) == 0;
}

static int is_lemma(const ev_sentence *s, uint32_t i, const char *lit)
{
    return i < s->n && strcasecmp(lemma_of(s, i), lit) == 0;
}

/* w is one of the '|'-separated words of list (case-insensitive). */
static int in_list(const char *w, const char *list)
{
    size_t n = strlen(w);
    for (const char *p = list; *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncasecmp(p, w, n) == 0)
            return 1;
        if (!bar)
            break;
        p = bar + 1;
    }
    return 0;
}

static int rel_is(const ev_sentence *s, uint32_t i, const char *r)
{
    return s->rel && s->rel[i] && strcmp(s->rel[i], r) == 0;
}

/* The relation without its subtype ("nsubj:pass" -> nsubj) is r. */
static int rel_base(const ev_sentence *s, uint32_t i, const char *r)
{
    size_t n = strlen(r);
    return s->rel && s->rel[i] && strncmp(s->rel[i], r, n) == 0 && (s->rel[i][n] == 0 || s->rel[i][n] == ':');
}

static int nominal(const ev_sentence *s, uint32_t i)
{
    uint8_t p = s->pos[i];
    return p == AP_NOUN || p == AP_PROPN || p == AP_NUM || p == AP_PRON;
}

/* The first child of h whose relation is r (with its subtypes when base),
 * from word `from` on, or UINT32_MAX.  Children lie near their head: the
 * search stops after 40 words either side. */
static uint32_t child(const ev_sentence *s, uint32_t h, const char *r, int base)
{
    uint32_t lo = h > 40 ? h - 40 : 0, hi = h + 40 < s->n ? h + 40 : s->n;
    for (uint32_t i = lo; i < hi; i++)
        if (s->w[i].head == (int32_t)h && (base ? rel_base(s, i, r) : rel_is(s, i, r)))
            return i;
    return UINT32_MAX;
}

static uint32_t child_lemma(const ev_sentence *s, uint32_t h, const char *list)
{
    uint32_t lo = h > 40 ? h - 40 : 0, hi = h + 40 < s->n ? h + 40 : s->n;
    for (uint32_t i = lo; i < hi; i++)
        if (s->w[i].head == (int32_t)h && in_list(lemma_of(s, i), list))
            return i;
    return UINT32_MAX;
}

static uint32_t head_of(const ev_sentence *s, uint32_t i)
{
    int32_t h = s->w[i].head;
    return h >= 0 && (uint32_t)h < s->n ? (uint32_t)h : UINT32_MAX;
}

/* ---- numbers ---- */

static const char *const UNITS[] = {"zero",    "one",     "two",      "three",    "four",    "five",   "six",
                                    "seven",   "eight",   "nine",     "ten",      "eleven",  "twelve", "thirteen",
                                    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
static const char *const TENS[] = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};

/* The value of a number word below a hundred, or -1. */
static int small_word(const char *f)
{
    for (int k = 0; k < 20; k++)
        if (strcasecmp(f, UNITS[k]) == 0)
            return k;
    for (int k = 0; k < 8; k++)
        if (strcasecmp(f, TENS[k]) == 0)
            return 20 + 10 * k;
    return -1;
}

/* The multiplier a scale word gives, or 0. */
static int64_t scale_word(const char *f)
{
    return strcasecmp(f, "hundred") == 0    ? 100
           : strcasecmp(f, "thousand") == 0 ? 1000
           : strcasecmp(f, "million") == 0  ? 1000000
           : strcasecmp(f, "billion") == 0  ? 1000000000
           : strcasecmp(f, "dozen") == 0    ? 12
                                            : 0;
}

/* A number too large to be a count; parsing goes on but the result is
 * refused. */
#define HUGE_VALUE ((int64_t)CAS_MAX * 1000)

static int64_t times(int64_t a, int64_t b)
{
    return a > HUGE_VALUE / (b ? b : 1) ? HUGE_VALUE : a * b;
}

static int64_t plus(int64_t a, int64_t b)
{
    return a > HUGE_VALUE - b ? HUGE_VALUE : a + b;
}

/* Digits "12", "1,200", "1.5" (the last only before a scale word): the
 * value (at most HUGE_VALUE), or -1.  *frac gets the tenths, hundredths...
 * as a value over *den. */
static int64_t digits(const char *f, int64_t *frac, int64_t *den)
{
    int64_t v = 0;
    int group = -1; /* digits since the last comma, -1 before any comma */
    *frac = 0, *den = 1;
    const char *p = f;
    if (!(*p >= '0' && *p <= '9'))
        return -1;
    for (; *p && *p != '.'; p++) {
        if (*p == ',') {
            if (group == 0 || (group > 0 && group != 3))
                return -1;
            group = 0;
            continue;
        }
        if (!(*p >= '0' && *p <= '9'))
            return -1;
        v = plus(times(v, 10), *p - '0');
        if (group >= 0)
            group++;
    }
    if (group >= 0 && group != 3)
        return -1;
    if (*p == '.') {
        for (p++; *p; p++) {
            if (!(*p >= '0' && *p <= '9'))
                return -1;
            if (*den < 1000000) {
                *frac = *frac * 10 + (*p - '0');
                *den *= 10;
            }
        }
        if (*den == 1)
            return -1;
    }
    return v;
}

static int number_word(const ev_sentence *s, uint32_t i)
{
    int64_t f, d;
    return i < s->n && (small_word(s->w[i].form) >= 0 || scale_word(s->w[i].form) || digits(s->w[i].form, &f, &d) >= 0);
}

/* A number at word i: digits with an optional scale word, or number
 * words.  Returns the value (HUGE_VALUE when too large) and sets *end
 * past it, or returns -1. */
static int64_t number_at(const ev_sentence *s, uint32_t i, uint32_t *end)
{
    int64_t frac, den, v = digits(s->w[i].form, &frac, &den);
    if (v >= 0) {
        int64_t scale = i + 1 < s->n ? scale_word(s->w[i + 1].form) : 0;
        if (scale && scale != 12) {
            *end = i + 2;
            return plus(times(v, scale), frac * (scale / den > 0 ? scale / den : 0));
        }
        if (den != 1)
            return -1; /* "1.5 people" */
        *end = i + 1;
        return v;
    }
    int64_t total = 0, cur = 0;
    int any = 0, last = 0; /* last: 1 after a word below a hundred, 2 after a scale word */
    uint32_t k = i;
    if ((is_form(s, k, "a") || is_form(s, k, "an")) && k + 1 < s->n && scale_word(s->w[k + 1].form)) {
        cur = 1;
        k++;
    }
    for (; k < s->n; k++) {
        const char *f = s->w[k].form;
        int small = small_word(f);
        int64_t scale = scale_word(f);
        if (small >= 0 && last != 1) {
            cur = plus(cur, small);
            last = 1;
        } else if (small >= 0 && cur >= 20 && cur % 10 == 0 && small < 10 && k > i && is_form(s, k - 1, "-")) {
            cur = plus(cur, small); /* "twenty - five" */
        } else if (scale == 100 || scale == 12) {
            cur = times(cur ? cur : 1, scale);
            last = 2;
        } else if (scale) {
            total = plus(total, times(cur ? cur : 1, scale));
            cur = 0;
            last = 2;
        } else if (strcmp(f, "-") == 0 && last == 1 && k + 1 < s->n && small_word(s->w[k + 1].form) > 0) {
            continue;
        } else if (strcasecmp(f, "and") == 0 && last == 2 && k + 1 < s->n && small_word(s->w[k + 1].form) > 0) {
            last = 0;
            continue;
        } else {
            break;
        }
        any = 1;
    }
    if (!any)
        return -1;
    *end = k;
    return plus(total, cur);
}

/* Vague quantities: the lower bound they give, or 0.  "scores" and
 * "tens" only before "of". */
static int64_t vague_at(const ev_sentence *s, uint32_t i, uint32_t *end)
{
    static const struct {
        const char *word;
        int64_t min;
        int needs_of;
    } vague[] = {{"dozens", 24, 0},  {"hundreds", 200, 0}, {"thousands", 2000, 0}, {"millions", 2000000, 0},
                 {"scores", 40, 1},  {"tens", 20, 1},      {"several", 3, 0},      {"many", 2, 0},
                 {"numerous", 2, 0}, {"multiple", 2, 0}};
    if ((is_form(s, i, "a") && is_form(s, i + 1, "few"))) {
        *end = i + 2;
        return 2;
    }
    for (size_t k = 0; k < sizeof vague / sizeof vague[0]; k++)
        if (is_form(s, i, vague[k].word) && (!vague[k].needs_of || is_form(s, i + 1, "of"))) {
            *end = i + 1;
            return vague[k].min;
        }
    return 0;
}

/* Words before a number that qualify it. */
static const struct {
    const char *w1, *w2, *w3;
    uint8_t qual;
} QUALIFIERS[] = {
    {"at", "least", NULL, CAS_AT_LEAST},     {"no", "fewer", "than", CAS_AT_LEAST}, {"no", "less", "than", CAS_AT_LEAST},
    {"not", "less", "than", CAS_AT_LEAST},   {"more", "than", NULL, CAS_MORE_THAN}, {"over", NULL, NULL, CAS_MORE_THAN},
    {"upwards", "of", NULL, CAS_MORE_THAN},  {"up", "to", NULL, CAS_UP_TO},         {"as", "many", "as", CAS_UP_TO},
    {"at", "most", NULL, CAS_UP_TO},         {"no", "more", "than", CAS_UP_TO},     {"fewer", "than", NULL, CAS_UP_TO},
    {"less", "than", NULL, CAS_UP_TO},       {"about", NULL, NULL, CAS_ABOUT},      {"around", NULL, NULL, CAS_ABOUT},
    {"nearly", NULL, NULL, CAS_ABOUT},       {"almost", NULL, NULL, CAS_ABOUT},     {"approximately", NULL, NULL, CAS_ABOUT},
    {"roughly", NULL, NULL, CAS_ABOUT},      {"some", NULL, NULL, CAS_ABOUT},       {"an", "estimated", NULL, CAS_ABOUT},
    {"estimated", NULL, NULL, CAS_ABOUT},    {"close", "to", NULL, CAS_ABOUT},      {"between", NULL, NULL, CAS_RANGE},
};

/* A counted quantity starting at word i (a qualifier, a number or a
 * range, or a vague word): said is set when there is one, and *end past
 * it.  A number too large gives said with no count and no bounds. */
cas_count cas_quantity_at(const ev_sentence *s, uint32_t i, uint32_t *end)
{
    cas_count c = {-1, -1, -1, CAS_EXACT, 0};
    uint32_t k = i, e;
    uint8_t qual = CAS_EXACT;
    for (size_t q = 0; q < sizeof QUALIFIERS / sizeof QUALIFIERS[0]; q++) {
        uint32_t len = QUALIFIERS[q].w3 ? 3 : QUALIFIERS[q].w2 ? 2 : 1;
        if (is_form(s, i, QUALIFIERS[q].w1) && (len < 2 || is_form(s, i + 1, QUALIFIERS[q].w2)) &&
            (len < 3 || is_form(s, i + 2, QUALIFIERS[q].w3)) && number_word(s, i + len)) {
            qual = QUALIFIERS[q].qual;
            k = i + len;
            break;
        }
    }
    int64_t v = k < s->n ? number_at(s, k, &e) : -1;
    if (v < 0) {
        int64_t min = qual == CAS_EXACT && k < s->n ? vague_at(s, k, &e) : 0;
        if (min) {
            c.said = 1, c.qual = CAS_VAGUE, c.min = min;
            *end = e;
        }
        return c;
    }
    c.said = 1;
    *end = e;
    /* a range: "between 10 and 15", "10 to 15", "10-15", "two or three" */
    uint32_t e2;
    if (e + 1 < s->n && (qual == CAS_RANGE ? is_form(s, e, "and")
                                           : (qual == CAS_EXACT && (is_form(s, e, "to") || is_form(s, e, "or") ||
                                                                   is_form(s, e, "-") || is_form(s, e, "–"))))) {
        int64_t v2 = number_at(s, e + 1, &e2);
        if (v2 >= 0) {
            *end = e2;
            if (v >= HUGE_VALUE || v2 >= HUGE_VALUE || v > CAS_MAX || v2 > CAS_MAX)
                return c; /* said, no count */
            c.qual = CAS_RANGE;
            c.min = v < v2 ? v : v2;
            c.max = v < v2 ? v2 : v;
            return c;
        }
    }
    if (qual == CAS_RANGE || v > CAS_MAX)
        return c; /* "between 10" alone; a number too large: said, no count */
    c.n = v;
    c.qual = qual;
    if (qual == CAS_AT_LEAST)
        c.min = v;
    else if (qual == CAS_MORE_THAN)
        c.min = v + 1;
    else if (qual == CAS_UP_TO)
        c.max = (is_form(s, i, "fewer") || is_form(s, i, "less")) && v > 0 ? v - 1 : v; /* "fewer than 4": 3 */
    return c;
}

/* Words that may stand in a noun phrase before its head: determiners,
 * adjectives, nouns, numbers and the words of qualifiers and ranges. */
static int before_head(const ev_sentence *s, uint32_t j)
{
    uint8_t p = s->pos[j];
    if (p == AP_DET || p == AP_ADJ || p == AP_NUM || p == AP_NOUN || p == AP_PROPN)
        return 1;
    const char *f = s->w[j].form;
    if (in_list(f, "-|–"))
        return 1; /* "al-Qaeda", "10-15" */
    if (in_list(f, "to"))
        return j > 0 && (number_word(s, j - 1) || in_list(s->w[j - 1].form, "up|close")) && number_word(s, j + 1);
    if (in_list(f, "and|or"))
        return j > 0 && number_word(s, j - 1) && number_word(s, j + 1);
    return in_list(f, "at|least|most|more|than|over|up|upwards|of|as|many|nearly|almost|about|around|approximately|"
                      "roughly|some|an|estimated|fewer|less|no|not|between|close");
}

static cas_count no_count(void)
{
    cas_count c = {-1, -1, -1, CAS_EXACT, 0};
    return c;
}

static cas_count exactly(int64_t n)
{
    cas_count c = {n, -1, -1, CAS_EXACT, 1};
    return c;
}

static cas_count some(void)
{
    cas_count c = {-1, 2, -1, CAS_VAGUE, 1};
    return c;
}

/* ---- victims ---- */

static int zero_det(const ev_sentence *s, uint32_t h)
{
    uint32_t d = child(s, h, "det", 0);
    return (d != UINT32_MAX && in_list(s->w[d].form, "no|zero")) || (h > 0 && is_form(s, h - 1, "no"));
}

static int perpetrator(const ev_sentence *s, uint32_t h)
{
    return in_list(lemma_of(s, h), "attacker|assailant|bomber|gunman|shooter|perpetrator|hijacker|himself|herself|"
                                   "themselves") ||
           in_list(s->w[h].form, "attackers|assailants|bombers|gunmen|shooters|perpetrators|hijackers");
}

/* The last quantity read in order in the words of a noun phrase before
 * its head h, and in h ("at least 12 demonstrators", "dozens"). */
static cas_count quantity_before(const ev_sentence *s, uint32_t h)
{
    uint32_t from = h;
    while (from > 0 && h - from < WINDOW && before_head(s, from - 1))
        from--;
    cas_count got = no_count();
    for (uint32_t i = from, e; i <= h;) {
        cas_count c = cas_quantity_at(s, i, &e);
        if (c.said && e <= h + 1 && e > i) {
            got = c;
            i = e;
        } else {
            i++;
        }
    }
    return got;
}

/* How many one victim noun phrase, headed by h, names. */
static cas_count np_count(const ev_sentence *s, uint32_t h)
{
    const char *f = s->w[h].form, *l = lemma_of(s, h);
    if (in_list(f, "nobody|none|noone") || (in_list(f, "one") && h > 0 && is_form(s, h - 1, "no")) || zero_det(s, h))
        return exactly(0);
    cas_count got = quantity_before(s, h);
    if (got.said)
        return got;
    uint8_t p = s->pos[h];
    if (p == AP_ADJ && (rel_base(s, h, "obj") || rel_base(s, h, "nsubj") || rel_is(s, h, "conj")))
        p = AP_NOUN; /* "killing a civilian" with "civilian" tagged an adjective */
    if (p == AP_PRON) {
        if (in_list(f, "he|him|she|her|himself|herself|someone|somebody|one"))
            return exactly(1);
        return in_list(f, "they|them|themselves|those|these") ? some() : no_count();
    }
    if (p != AP_NOUN && p != AP_PROPN)
        return no_count();
    if (in_list(l, "deal|bill|plan|proposal|idea|project|talks|process|motion|agreement|hope|chance|time|engine|"
                   "light|bid|effort|attack|strike|operation|death|injury"))
        return no_count(); /* not victims */
    if (in_list(l, "police|staff|personnel|crowd|family|military|people|army|troops|force|public|civilian population"))
        return some();
    if (strcasecmp(f, l) != 0)
        return some(); /* a plural ("soldiers", "people"), of two or more */
    return exactly(1);
}

/* Word x is h, or inside h's noun phrase as a modifier of its name
 * ("militia" in "killed general X and militia leader Y" parsed with the
 * conjunct under "X", itself a compound of "leader", the nmod:desc of
 * "Y"): the path up to h passes only such relations, no "of" phrase. */
static int in_phrase(const ev_sentence *s, uint32_t x, uint32_t h)
{
    for (int steps = 0; x != UINT32_MAX && steps < 8; steps++) {
        if (x == h)
            return 1;
        if (!rel_is(s, x, "compound") && !rel_is(s, x, "flat") && !rel_is(s, x, "nmod:desc") && !rel_is(s, x, "amod") &&
            !rel_is(s, x, "appos") && !rel_is(s, x, "conj"))
            return 0;
        x = head_of(s, x);
    }
    return 0;
}

/* The victims of a list headed by h: h and its conjuncts ("killed X and
 * Y"; an apposition is no new victim), perpetrators left out when others
 * are named, and an "including the attacker" phrase after the list taken
 * off. */
static cas_count group_count(const ev_sentence *s, uint32_t h)
{
    uint32_t member[LIST_MAX], nm = 0;
    member[nm++] = h;
    uint32_t lo = h > 2 * WINDOW ? h - 2 * WINDOW : 0, hi = h + 4 * LIST_MAX < s->n ? h + 4 * LIST_MAX : s->n;
    for (uint32_t j = lo; j < hi && nm < LIST_MAX; j++)
        if (j != h && rel_is(s, j, "conj") && nominal(s, j) && in_phrase(s, head_of(s, j), h))
            member[nm++] = j;
    cas_count total = no_count();
    uint32_t last = h, others = 0;
    for (uint32_t k = 0; k < nm; k++)
        others += !perpetrator(s, member[k]);
    for (uint32_t k = 0; k < nm; k++) {
        last = member[k] > last ? member[k] : last;
        if (others && perpetrator(s, member[k]))
            continue;
        cas_count c = np_count(s, member[k]);
        if (!c.said && !total.said)
            return c; /* no victims ("the strike" as the subject) */
        if (!c.said)
            c = some(); /* a member of unknown size */
        cas_add(&total, &c);
    }
    /* "..., including the attacker": a perpetrator among the victims */
    for (uint32_t j = last + 1; j < s->n && j <= last + 3; j++) {
        if (!is_form(s, j, "including"))
            continue;
        uint32_t k = j + 1, noun = UINT32_MAX;
        while (k < s->n && k <= j + WINDOW && before_head(s, k)) {
            if (s->pos[k] == AP_NOUN || s->pos[k] == AP_PROPN || s->pos[k] == AP_PRON)
                noun = k;
            k++;
        }
        if (k < s->n && s->pos[k] == AP_PRON)
            noun = k;
        if (noun != UINT32_MAX && perpetrator(s, noun)) {
            cas_count c = np_count(s, noun);
            if (c.said && c.n >= 0 && total.n >= c.n) {
                total.n -= c.n;
                if (total.min >= c.n)
                    total.min -= c.n;
                if (total.max >= c.n)
                    total.max -= c.n;
            }
        }
        break;
    }
    return total;
}

/* The subject of v, or, for a relative clause whose subject is its
 * relative pronoun ("soldiers who were killed"), the noun it modifies. */
static uint32_t subject(const ev_sentence *s, uint32_t v)
{
    uint32_t x = child(s, v, "nsubj", 1);
    if (x != UINT32_MAX && s->pos[x] == AP_PRON && in_list(s->w[x].form, "who|which|that") &&
        rel_is(s, v, "acl:relcl") && head_of(s, v) != UINT32_MAX)
        return head_of(s, v);
    return x;
}

/* ---- mentions ---- */

enum trigger {
    T_NONE = 0,
    T_VERB,     /* kill, wound: object when active, subject when passive */
    T_DIE,      /* die, perish: the subject */
    T_SHOOT,    /* shoot ... dead */
    T_GUN,      /* gun down */
    T_CLAIM,    /* claim the life / lives */
    T_LOSE,     /* lose their lives */
    T_STATE,    /* dead, injured, wounded as adjectives */
    T_NOUN,     /* death, injury, killing */
    T_CASUALTY, /* casualties: zero only */
    T_TOLL,     /* death toll */
    T_UNHURT    /* unhurt, unharmed */
};

#define KILL_VERBS "kill|murder|assassinate|slay|execute|behead|massacre|slaughter|lynch"
#define WOUND_VERBS "wound|injure|hurt|maim|harm"

/* What word i reports, and of which kind (*both: hurt, harm, casualties,
 * whose zero is both kinds). */
static int trigger_of(const ev_sentence *s, uint32_t i, uint8_t *kind, int *both)
{
    const char *l = lemma_of(s, i), *f = s->w[i].form;
    uint8_t p = s->pos[i];
    *kind = CAS_KILLED;
    *both = in_list(l, "hurt|harm|unhurt|unharmed|unscathed|uninjured");
    if (p == AP_VERB) {
        if (in_list(l, KILL_VERBS))
            return T_VERB;
        if (in_list(l, WOUND_VERBS)) {
            *kind = CAS_WOUNDED;
            return T_VERB;
        }
        if (in_list(l, "die|perish"))
            return T_DIE;
        if (strcasecmp(l, "shoot") == 0)
            return T_SHOOT;
        if (strcasecmp(l, "gun") == 0)
            return T_GUN;
        if (strcasecmp(l, "claim") == 0)
            return T_CLAIM;
        if (strcasecmp(l, "lose") == 0)
            return T_LOSE;
    }
    if (p == AP_ADJ || p == AP_VERB || p == AP_NOUN) {
        if (in_list(l, "unhurt|unharmed|unscathed|uninjured")) {
            *kind = CAS_WOUNDED;
            return T_UNHURT;
        }
        if (p != AP_NOUN && in_list(f, "dead|killed|slain"))
            return T_STATE;
        if (p != AP_NOUN && in_list(f, "injured|wounded|hurt")) {
            *kind = CAS_WOUNDED;
            return T_STATE;
        }
    }
    if (p == AP_NOUN || p == AP_PROPN) {
        if (in_list(l, "casualty|causality|casuality|casulty") || in_list(f, "casualties|causalities|casualities"))
            return T_CASUALTY;
        if (strcasecmp(l, "toll") == 0)
            return T_TOLL;
        if (in_list(l, "death|fatality|killing|murder|assassination|dead"))
            return T_NOUN;
        if (in_list(l, "injury|injured|wounded")) {
            *kind = CAS_WOUNDED;
            return T_NOUN;
        }
    }
    return T_NONE;
}

static int negated(const ev_sentence *s, uint32_t v)
{
    uint32_t x = child_lemma(s, v, "not|never|n't");
    return x != UINT32_MAX && (rel_is(s, x, "advmod") || s->pos[x] == AP_PART);
}

static int passive(const ev_sentence *s, uint32_t v)
{
    return child(s, v, "aux:pass", 0) != UINT32_MAX || child(s, v, "nsubj:pass", 0) != UINT32_MAX;
}

/* The victims of an active verb v: its object, or, when the parse gave
 * none, its first nominal dependent after it holding a number, or an
 * object hanging from an adjective after it ("killed Iranian general X"
 * parsed with the adjective as the verb's complement).  UINT32_MAX when
 * none. */
static uint32_t active_victims(const ev_sentence *s, uint32_t v)
{
    uint32_t o = child(s, v, "obj", 0);
    if (o != UINT32_MAX)
        return o;
    uint32_t hi = v + 40 < s->n ? v + 40 : s->n;
    for (uint32_t i = v + 1; i < hi; i++) {
        if (s->w[i].head != (int32_t)v)
            continue;
        if (s->pos[i] == AP_ADJ && (rel_is(s, i, "xcomp") || rel_is(s, i, "obl") || rel_is(s, i, "dep"))) {
            uint32_t x = child(s, i, "obj", 0);
            if (x == UINT32_MAX)
                x = child(s, i, "nsubj", 1);
            if (x != UINT32_MAX && x > i)
                return x;
        }
        if (nominal(s, i) && (rel_base(s, i, "obl") || rel_is(s, i, "xcomp") || rel_is(s, i, "dep") ||
                              rel_is(s, i, "iobj") || rel_is(s, i, "nmod"))) {
            uint32_t e;
            uint32_t from = i;
            while (from > v + 1 && i - from < WINDOW && before_head(s, from - 1))
                from--;
            for (uint32_t k = from; k <= i; k++)
                if (cas_quantity_at(s, k, &e).said)
                    return i;
        }
    }
    return UINT32_MAX;
}

/* The quantity in the words just before word t ("three dead", "7 people
 * dead"): the noun phrase ending at t - 1, when it holds a number. */
static cas_count before(const ev_sentence *s, uint32_t t)
{
    return t > 0 && nominal(s, t - 1) ? quantity_before(s, t - 1) : no_count();
}

/* A definite or pronoun cause (or none): the mention may be about an
 * attack told before.  x is the cause's head word, or UINT32_MAX. */
static int definite(const ev_sentence *s, uint32_t x)
{
    if (x == UINT32_MAX || s->pos[x] == AP_PRON)
        return 1;
    uint32_t d = child(s, x, "det", 0);
    if (d != UINT32_MAX)
        return in_list(s->w[d].form, "the|this|that|these|those");
    return child(s, x, "nmod:poss", 0) != UINT32_MAX;
}

/* The cause of a mention at word t: the subject of an active verb, the
 * agent or the "in"/"by" phrase of a passive one. */
static uint32_t cause_of(const ev_sentence *s, uint32_t t, int is_passive)
{
    if (!is_passive)
        return child(s, t, "nsubj", 0);
    uint32_t x = child(s, t, "obl:agent", 0);
    if (x != UINT32_MAX)
        return x;
    uint32_t lo = t + 1, hi = t + 40 < s->n ? t + 40 : s->n;
    for (uint32_t i = lo; i < hi; i++)
        if (s->w[i].head == (int32_t)t && rel_base(s, i, "obl") && child_lemma(s, i, "in|by") != UINT32_MAX)
            return i;
    return UINT32_MAX;
}

/* The mentions word t reports (none, one, or two for a zero of both
 * kinds); returns how many were written to out (room for two). */
static uint32_t mentions_at(const ev_sentence *s, uint32_t t, cas_mention *out)
{
    uint8_t kind;
    int both;
    int tr = trigger_of(s, t, &kind, &both);
    if (tr == T_NONE)
        return 0;
    cas_count c = no_count();
    uint32_t cause = UINT32_MAX, vic = UINT32_MAX; /* vic: the victims' head word, when the parse says */
    int has_cause = 0, is_passive = 0;
    switch (tr) {
    case T_UNHURT:
        c = exactly(0);
        break;
    case T_CASUALTY: {
        uint32_t hd = head_of(s, t);
        if (zero_det(s, t) || (rel_is(s, t, "conj") && hd != UINT32_MAX && zero_det(s, hd)))
            c = exactly(0);
        both = 1;
        break;
    }
    case T_TOLL: {
        uint32_t d = child_lemma(s, t, "death");
        if (d == UINT32_MAX && !(t > 0 && is_lemma(s, t - 1, "death")))
            return 0;
        uint32_t x = child(s, t, "nmod", 0); /* a number only: "the toll of the attack" says none */
        if (x != UINT32_MAX) {
            c = quantity_before(s, x);
            break;
        }
        uint32_t v = head_of(s, t); /* "the death toll rose to 12", "stood at 12", "reached 12" */
        if (v == UINT32_MAX || !rel_base(s, t, "nsubj"))
            return 0;
        uint32_t hi = v + 12 < s->n ? v + 12 : s->n;
        for (uint32_t i = v + 1; i < hi && !c.said; i++)
            if (s->w[i].head == (int32_t)v && nominal(s, i))
                c = quantity_before(s, i); /* not "rose sharply on Monday" */
        break;
    }
    case T_NOUN: {
        uint32_t hd = head_of(s, t);
        if (rel_is(s, t, "compound") && hd != UINT32_MAX && is_lemma(s, hd, "toll"))
            return 0; /* the toll says */
        if (zero_det(s, t) || (rel_is(s, t, "conj") && hd != UINT32_MAX && zero_det(s, hd))) {
            c = exactly(0);
            break;
        }
        if (strcasecmp(lemma_of(s, t), "dead") == 0 && hd != UINT32_MAX && is_lemma(s, hd, "leave")) {
            uint32_t o = child(s, hd, "obj", 0);
            c = o != UINT32_MAX && o != t ? group_count(s, o) : before(s, t);
            break;
        }
        c = before(s, t); /* "three deaths", "12 dead" */
        if (!c.said) {
            uint32_t x = child(s, t, "nmod", 0); /* "the deaths of two journalists" */
            if (x != UINT32_MAX && x > t && child_lemma(s, x, "of") != UINT32_MAX)
                c = group_count(s, x);
        }
        if (c.said && c.n < 0 && c.qual == CAS_VAGUE && c.min <= 2 && s->pos[t] == AP_NOUN)
            return 0; /* "deaths" said of no one counted */
        break;
    }
    case T_STATE: {
        uint32_t hd = head_of(s, t), x = child(s, t, "nsubj", 1);
        if ((hd != UINT32_MAX && is_lemma(s, hd, "shoot")) || (t > 0 && is_lemma(s, t - 1, "shoot")))
            return 0; /* "shot dead": the verb says */
        if (negated(s, t) || (in_list(s->w[t].form, "hurt|harmed") && x != UINT32_MAX && np_count(s, x).n == 0)) {
            c = exactly(0);
        } else if (x != UINT32_MAX) {
            c = group_count(s, vic = x);
        } else if (hd != UINT32_MAX && nominal(s, hd) && !rel_is(s, t, "conj")) {
            c = np_count(s, vic = hd); /* "1,200 wounded", "three dead", "dead soldiers" */
        } else if (hd != UINT32_MAX && is_lemma(s, hd, "leave")) {
            uint32_t o = child(s, hd, "obj", 0); /* "left seven people dead" */
            c = o != UINT32_MAX && o < t ? group_count(s, o) : before(s, t);
        } else {
            c = before(s, t);
        }
        if (c.said && c.qual == CAS_VAGUE && c.min == 2 && c.n < 0 && x == UINT32_MAX)
            return 0;
        break;
    }
    case T_SHOOT:
    case T_GUN:
        if (tr == T_SHOOT ? !(child_lemma(s, t, "dead") != UINT32_MAX || is_form(s, t + 1, "dead"))
                          : child_lemma(s, t, "down") == UINT32_MAX)
            return 0;
        /* fall through */
    case T_VERB:
        is_passive = passive(s, t);
        if (!is_passive && child(s, t, "obj", 0) == UINT32_MAX) {
            const char *f = s->w[t].form;
            size_t n = strlen(f);
            is_passive = !(n > 3 && strcasecmp(f + n - 3, "ing") == 0) && active_victims(s, t) == UINT32_MAX;
        }
        if (negated(s, t)) {
            c = exactly(0);
        } else if (is_passive) {
            uint32_t x = subject(s, t), hd = head_of(s, t);
            if (x != UINT32_MAX)
                c = group_count(s, vic = x);
            else if (hd != UINT32_MAX && nominal(s, hd) && (rel_base(s, t, "acl") || rel_is(s, t, "amod")))
                c = np_count(s, vic = hd); /* "the 12 people killed" */
            else
                c = before(s, t);
        } else {
            uint32_t x = active_victims(s, t);
            c = x != UINT32_MAX ? group_count(s, vic = x) : no_count();
        }
        cause = cause_of(s, t, is_passive);
        has_cause = 1;
        break;
    case T_DIE: {
        uint32_t x = subject(s, t), hd = head_of(s, t);
        c = negated(s, t)                                                               ? exactly(0)
            : x != UINT32_MAX                                                           ? group_count(s, vic = x)
            : hd != UINT32_MAX && nominal(s, hd) && rel_base(s, t, "acl") ? np_count(s, vic = hd)
                                                                                        : no_count();
        break;
    }
    case T_CLAIM: {
        uint32_t life = child(s, t, "obj", 0);
        if (life == UINT32_MAX || !is_lemma(s, life, "life"))
            return 0;
        uint32_t x = child(s, life, "nmod", 0);
        c = x != UINT32_MAX && x > life ? group_count(s, x) : np_count(s, life);
        cause = child(s, t, "nsubj", 0);
        has_cause = 1;
        break;
    }
    case T_LOSE: {
        uint32_t life = child(s, t, "obj", 0), x = subject(s, t);
        if (life == UINT32_MAX || !is_lemma(s, life, "life") || x == UINT32_MAX)
            return 0;
        c = group_count(s, vic = x);
        break;
    }
    default:
        return 0;
    }
    if (!c.said || (c.n < 0 && c.min < 0 && c.max < 0))
        return 0; /* nothing said, or a number too large to be a count */
    uint8_t back = has_cause ? (uint8_t)definite(s, cause) : 1;
    uint8_t reason = 0;
    if (tr == T_NOUN || tr == T_CASUALTY || tr == T_TOLL) {
        uint32_t x = child_lemma(s, t, "after|following|since|before|over|despite|for|amid");
        uint32_t hd = head_of(s, t); /* "following" parsed as a verb with the noun its object */
        reason = (x != UINT32_MAX && x < t) ||
                 (hd != UINT32_MAX && hd < t && in_list(s->w[hd].form, "following|after|amid") && rel_is(s, t, "obj"));
    }
    out[0] = (cas_mention){t, vic, kind, back, reason, c};
    if (both && c.n == 0) {
        out[0].kind = CAS_KILLED;
        out[1] = (cas_mention){t, vic, CAS_WOUNDED, back, reason, c};
        return 2;
    }
    if (both && tr == T_CASUALTY)
        return 0; /* "12 casualties": killed or wounded, the text does not say */
    return 1;
}

uint32_t cas_find(const ev_sentence *s, cas_mention *out, uint32_t cap)
{
    cas_mention m[2];
    uint32_t n = 0;
    int elsewhere = 0;
    if (cap > CAS_MENTIONS)
        cap = CAS_MENTIONS;
    for (uint32_t i = 0; i < s->n; i++)
        if (in_list(lemma_of(s, i), "separately|separate|another|elsewhere|meanwhile|unrelated"))
            elsewhere = 1;
    for (uint32_t i = 0; i < s->n && n < cap; i++) {
        uint32_t k = mentions_at(s, i, m);
        for (uint32_t j = 0; j < k && n < cap; j++) {
            if (elsewhere)
                m[j].back = 0;
            out[n++] = m[j];
        }
    }
    return n;
}

/* ---- events ---- */

int cas_level(const char *code)
{
    if (!code || !code[0] || !code[1])
        return 0;
    if ((code[0] == '1' && (code[1] == '8' || code[1] == '9')) || (code[0] == '2' && code[1] == '0'))
        return 2;
    if (code[0] == '1' && (code[1] == '4' || code[1] == '7'))
        return 1;
    return 0;
}

/* Steps from a to b in the tree (through their nearest common ancestor),
 * or UINT32_MAX beyond ANCESTORS steps. */
static uint32_t tree_distance(const ev_sentence *s, uint32_t a, uint32_t b)
{
    uint32_t up[ANCESTORS], na = 0;
    for (uint32_t x = a; x != UINT32_MAX && na < ANCESTORS; x = head_of(s, x))
        up[na++] = x;
    uint32_t steps = 0;
    for (uint32_t y = b; y != UINT32_MAX && steps < ANCESTORS; y = head_of(s, y), steps++)
        for (uint32_t k = 0; k < na; k++)
            if (up[k] == y)
                return k + steps;
    return UINT32_MAX;
}

static void add_mention(cas_pair *p, const cas_mention *m)
{
    cas_add(&p->c[m->kind], &m->c);
}

/* The victims of m are the source of e ("police shot dead two gunmen who
 * attacked a bank": the gunmen's attack did not kill them). */
static int victim_is_source(const ev_sentence *s, const cas_mention *m, const event *e)
{
    if (m->victim >= s->n || e->source < 0 || !s->actors || (uint32_t)e->source >= s->nactors)
        return 0;
    const actor *a = &s->actors[e->source];
    return m->victim >= a->start && m->victim < a->end;
}

/* Verb b tells the same attack as verb a: coordinated with it, or its
 * participle clause ("attacked a post, killing three"). */
static int one_attack(const ev_sentence *s, uint32_t a, uint32_t b)
{
    if (head_of(s, b) != a)
        return 0;
    size_t n = strlen(s->w[b].form);
    return rel_is(s, b, "conj") || (rel_is(s, b, "advcl") && n > 3 && strcasecmp(s->w[b].form + n - 3, "ing") == 0);
}

void cas_attach(const ev_sentence *s, const cas_mention *m, uint32_t nm, const event *ev, uint32_t ne, cas_pair *out,
                cas_pair *rest)
{
    memset(out, 0, (size_t)ne * sizeof *out);
    memset(rest, 0, sizeof *rest);
    for (uint32_t k = 0; k < ne; k++)
        for (int j = 0; j < 2; j++)
            out[k].c[j] = no_count();
    for (int j = 0; j < 2; j++)
        rest->c[j] = no_count();
    int level = 0;
    for (uint32_t k = 0; k < ne; k++) {
        int l = cas_level(ev[k].code);
        level = l > level ? l : level;
    }
    for (uint32_t i = 0; i < nm; i++) {
        uint32_t best = UINT32_MAX, head = UINT32_MAX;
        int perpetrators = 0;
        for (uint32_t k = 0; level && k < ne; k++) {
            if (cas_level(ev[k].code) != level || ev[k].head >= s->n || (m[i].reason && ev[k].head != m[i].word))
                continue;
            if (victim_is_source(s, &m[i], &ev[k])) {
                perpetrators = 1;
                continue;
            }
            uint32_t d = tree_distance(s, m[i].word, ev[k].head);
            if (d < best || (d == best && ev[k].head < head))
                best = d, head = ev[k].head;
        }
        if (head == UINT32_MAX) {
            if (m[i].back && !m[i].reason && !perpetrators)
                add_mention(rest, &m[i]);
            continue;
        }
        for (uint32_t k = 0; k < ne; k++)
            if (ev[k].head == head && cas_level(ev[k].code) == level)
                add_mention(&out[k], &m[i]);
        /* "The attack killed ...": the attack may have been told before */
        uint32_t d = child(s, head, "det", 0);
        if (m[i].back && !m[i].reason && level == 2 && s->pos[head] == AP_NOUN && d != UINT32_MAX &&
            in_list(s->w[d].form, "the|this|that"))
            add_mention(rest, &m[i]);
    }
    /* coordinated verbs and a participle clause tell one attack: "killed
     * one soldier and wounded two others", "attacked a post, killing three" */
    uint32_t lim = ne < 64 ? ne : 64;
    for (int pass = 0; pass < 2; pass++) /* twice: "attacked X, killing three and wounding five" */
        for (uint32_t k = 0; k < lim; k++)
            for (uint32_t j = 0; j < lim; j++) {
                uint32_t a = ev[k].head, b = ev[j].head;
                if (a != b && a < s->n && b < s->n && cas_level(ev[k].code) == level &&
                    cas_level(ev[j].code) == level && (one_attack(s, a, b) || one_attack(s, b, a)))
                    cas_fill(&out[k], &out[j]);
            }
}

/* ---- counts ---- */

static int64_t lower(const cas_count *c)
{
    return c->min >= 0 ? c->min : c->n >= 0 ? c->n : 0;
}

static int64_t upper(const cas_count *c)
{
    return c->max >= 0 ? c->max : c->n >= 0 && c->qual == CAS_EXACT ? c->n : -1;
}

void cas_add(cas_count *a, const cas_count *b)
{
    if (!b->said)
        return;
    if (!a->said) {
        *a = *b;
        return;
    }
    cas_count r = {-1, -1, -1, CAS_EXACT, 1};
    if (a->n >= 0 && b->n >= 0 && a->n + b->n <= CAS_MAX)
        r.n = a->n + b->n;
    int64_t lo = lower(a) + lower(b), ua = upper(a), ub = upper(b);
    int64_t hi = ua >= 0 && ub >= 0 ? ua + ub : -1;
    if (r.n >= 0) {
        r.qual = a->qual == CAS_EXACT ? b->qual : b->qual == CAS_EXACT || b->qual == a->qual ? a->qual : CAS_ABOUT;
        if (r.qual == CAS_AT_LEAST || r.qual == CAS_MORE_THAN)
            r.min = lo;
        if (r.qual == CAS_UP_TO)
            r.max = hi;
    } else {
        r.qual = hi >= 0 ? CAS_RANGE : CAS_VAGUE;
        r.min = lo > CAS_MAX ? CAS_MAX : lo;
        r.max = hi > CAS_MAX ? -1 : hi;
        if (r.qual == CAS_RANGE && r.max < 0)
            r.qual = CAS_VAGUE;
    }
    *a = r;
}

void cas_fill(cas_pair *into, const cas_pair *from)
{
    for (int j = 0; j < 2; j++)
        if (!into->c[j].said && from->c[j].said)
            into->c[j] = from->c[j];
}

static const char *const QUAL_NAMES[] = {"", "at least", "more than", "up to", "about", "range", "vague"};

static int noted(const cas_count *c)
{
    return c->said && (c->qual != CAS_EXACT || c->n < 0);
}

void cas_write_json(buf *b, const cas_pair *p)
{
    static const char *const keys[] = {"killed", "wounded"};
    for (int j = 0; j < 2; j++) {
        if (j)
            buf_putc(b, ',');
        json_key(b, keys[j]);
        if (p->c[j].said && p->c[j].n >= 0)
            json_uint(b, (uint64_t)p->c[j].n);
        else
            buf_puts(b, "null");
    }
    if (!noted(&p->c[0]) && !noted(&p->c[1]))
        return;
    buf_puts(b, ",\"casualty_note\":{");
    int first = 1;
    for (int j = 0; j < 2; j++) {
        const cas_count *c = &p->c[j];
        if (!noted(c))
            continue;
        if (!first)
            buf_putc(b, ',');
        first = 0;
        json_key(b, keys[j]);
        buf_putc(b, '{');
        json_key(b, "qualifier");
        json_cstr(b, QUAL_NAMES[c->qual]);
        if (c->min >= 0)
            buf_printf(b, ",\"min\":%lld", (long long)c->min);
        if (c->max >= 0)
            buf_printf(b, ",\"max\":%lld", (long long)c->max);
        buf_putc(b, '}');
    }
    buf_putc(b, '}');
}

void cas_write_brief(buf *b, const cas_pair *p)
{
    static const char *const keys[] = {"killed", "wounded"};
    int first = 1;
    for (int j = 0; j < 2; j++) {
        const cas_count *c = &p->c[j];
        if (!c->said)
            continue;
        buf_puts(b, first ? " [" : ", ");
        first = 0;
        buf_printf(b, "%s ", keys[j]);
        if (c->n >= 0 && c->qual != CAS_EXACT)
            buf_printf(b, "%s %lld", QUAL_NAMES[c->qual], (long long)c->n);
        else if (c->n >= 0)
            buf_printf(b, "%lld", (long long)c->n);
        else if (c->qual == CAS_RANGE)
            buf_printf(b, "%lld-%lld", (long long)c->min, (long long)c->max);
        else if (c->min >= 0)
            buf_printf(b, "?>=%lld", (long long)c->min);
        else
            buf_puts(b, "?");
    }
    if (!first)
        buf_putc(b, ']');
}
