/*
 * timex.c - finding temporal expressions in a sentence's words, and
 * resolving them against the publication date (time/timex.h).
 *
 * Each word is looked up once in a small sorted lexicon (month and weekday
 * names, number words, units, the words of the patterns) or read as a
 * number, an ordinal, a year, a clock time or an ISO date; the patterns
 * then read a few words ahead of each position, longest first.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "time/calendar.h"
#include "time/timex.h"

/* ---- the lexicon ---- */

enum kw {
    K_NONE = 0, K_ABOUT, K_AFTER, K_AGO, K_AMPM, K_AT, K_BEFORE, K_COMING, K_COUPLE, K_EARLIER, K_EARLY, K_FEW,
    K_FOLLOWING, K_IN, K_LAST, K_LATE, K_LATER, K_LESS, K_MID, K_MIDNIGHT, K_NEXT, K_NOON, K_OF, K_ON, K_OVERNIGHT,
    K_PART, K_PAST, K_PREP, K_PREVIOUS, K_SAME, K_THAN, K_THAT, K_THE, K_THIS, K_TODAY, K_TOMORROW, K_TONIGHT,
    K_WITHIN, K_YESTERDAY, K_HOURS
};

enum unit { U_NONE = 0, U_DAY, U_WEEK, U_MONTH, U_YEAR, U_WEEKEND };

typedef struct lex_entry {
    const char *word;
    uint8_t kw;   /* enum kw */
    int8_t wd;    /* weekday 0-6, or -1 */
    int8_t mon;   /* month 1-12 (negative: a word that is not always a month), or 0 */
    uint8_t unit; /* enum unit */
    int16_t num;  /* a number word's value; K_PART: the part of the day; K_AMPM: 0 am, 12 pm */
} lex_entry;

#define KW(w, k, v) {w, k, -1, 0, U_NONE, v}
#define WD(w, d) {w, K_NONE, d, 0, U_NONE, 0}
#define MO(w, m) {w, K_NONE, -1, m, U_NONE, 0}
#define UN(w, u) {w, K_NONE, -1, 0, u, 0}
#define NU(w, v) {w, K_NONE, -1, 0, U_NONE, v}

/* Sorted by strcmp (checked by date_lexicon_sorted). */
static const lex_entry LEX[] = {
    NU("a", 1), KW("a.m.", K_AMPM, 0), KW("about", K_ABOUT, 0), KW("after", K_AFTER, 0),
    KW("afternoon", K_PART, DATE_AFTERNOON), KW("ago", K_AGO, 0), KW("almost", K_ABOUT, 0), KW("am", K_AMPM, 0), NU("an", 1),
    MO("apr", 4), MO("april", 4), KW("around", K_ABOUT, 0), KW("at", K_AT, 0), MO("aug", 8), MO("august", 8),
    KW("before", K_BEFORE, 0), KW("by", K_PREP, 0), KW("coming", K_COMING, 0), KW("couple", K_COUPLE, 0),
    KW("dawn", K_PART, DATE_EARLY_MORNING), UN("day", U_DAY), UN("days", U_DAY), MO("dec", 12), MO("december", 12),
    KW("during", K_PREP, 0), KW("dusk", K_PART, DATE_EVENING), KW("earlier", K_EARLIER, 0), KW("early", K_EARLY, 0),
    NU("eight", 8), NU("eleven", 11), KW("evening", K_PART, DATE_EVENING), MO("feb", 2), MO("february", 2),
    KW("few", K_FEW, 0), NU("fifteen", 15), NU("five", 5), KW("following", K_FOLLOWING, 0), NU("four", 4),
    WD("friday", 4), KW("from", K_PREP, 0), KW("hour", K_HOURS, 0), KW("hours", K_HOURS, 0), KW("in", K_IN, 0),
    MO("jan", 1), MO("january", 1), MO("jul", 7), MO("july", 7), MO("jun", 6), MO("june", 6), KW("just", K_ABOUT, 0),
    KW("last", K_LAST, 0), KW("late", K_LATE, 0), KW("later", K_LATER, 0), KW("less", K_LESS, 0), MO("mar", -3),
    MO("march", -3), MO("may", -5), KW("mid", K_MID, 0), KW("midday", K_NOON, 0), KW("midnight", K_MIDNIGHT, 0),
    KW("minutes", K_HOURS, 0), KW("moments", K_HOURS, 0), WD("monday", 0), UN("month", U_MONTH),
    UN("months", U_MONTH), KW("more", K_ABOUT, 0), KW("morning", K_PART, DATE_MORNING), KW("nearly", K_ABOUT, 0),
    KW("next", K_NEXT, 0), KW("night", K_PART, DATE_NIGHT), NU("nine", 9), KW("noon", K_NOON, 0), MO("nov", 11),
    MO("november", 11), MO("oct", 10), MO("october", 10), KW("of", K_OF, 0), KW("on", K_ON, 0), NU("one", 1),
    KW("over", K_PREP, 0), KW("overnight", K_OVERNIGHT, 0), KW("p.m.", K_AMPM, 12), KW("past", K_PAST, 0), KW("pm", K_AMPM, 12),
    KW("previous", K_PREVIOUS, 0), KW("same", K_SAME, 0), WD("saturday", 5), MO("sep", 9), MO("sept", 9),
    MO("september", 9), NU("seven", 7), KW("several", K_FEW, 0), KW("since", K_PREP, 0), NU("six", 6),
    KW("some", K_ABOUT, 0), WD("sunday", 6), NU("ten", 10), KW("than", K_THAN, 0), KW("that", K_THAT, 0),
    KW("the", K_THE, 0), NU("thirty", 30), KW("this", K_THIS, 0), NU("three", 3), WD("thursday", 3),
    KW("today", K_TODAY, 0), KW("tomorrow", K_TOMORROW, 0), KW("tonight", K_TONIGHT, 0), WD("tuesday", 1),
    NU("twelve", 12), NU("twenty", 20), NU("two", 2), KW("until", K_PREP, 0), KW("upcoming", K_COMING, 0),
    WD("wednesday", 2), UN("week", U_WEEK), UN("weekend", U_WEEKEND), UN("weeks", U_WEEK), KW("within", K_WITHIN, 0), UN("year", U_YEAR),
    UN("years", U_YEAR), KW("yesterday", K_YESTERDAY, 0),
};
#define NLEX (sizeof LEX / sizeof LEX[0])

int date_lexicon_sorted(void);
int date_lexicon_sorted(void)
{
    for (size_t k = 1; k < NLEX; k++)
        if (strcmp(LEX[k - 1].word, LEX[k].word) >= 0)
            return 0;
    return 1;
}

static const lex_entry *lex_find(const char *s)
{
    size_t lo = 0, hi = NLEX;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(s, LEX[mid].word);
        if (c == 0)
            return &LEX[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* ---- one record per word ---- */

enum {
    T_NUM = 1u << 0,     /* a count: num */
    T_DAY = 1u << 1,     /* a day of the month 1-31: num */
    T_ORD = 1u << 2,     /* written as an ordinal ("5th") */
    T_YEAR = 1u << 3,    /* four digits 1000-2999: num */
    T_BADYEAR = 1u << 4, /* four digits that are no year of news (0000, 9999) */
    T_CLOCK = 1u << 5,   /* "7.30", "21:00", "9pm": clock */
    T_ISO = 1u << 6,     /* "2020-01-05": iso */
    T_BADISO = 1u << 7,  /* the shape of an ISO date, not in the calendar */
    T_CAP = 1u << 8,     /* begins with an upper-case letter */
    T_PUNCT = 1u << 9,   /* begins with neither a letter nor a digit */
    T_MONFULL = 1u << 10 /* a month's full name */
};

typedef struct tinfo {
    uint16_t flags;
    uint8_t kw, unit;
    int8_t wd, mon;  /* mon < 0: "May", "March" */
    uint8_t mid;     /* "mid-March" */
    uint8_t ampm;    /* a clock written with am (1) or pm (2) */
    int16_t num;     /* count, day, year, or the lexicon's value */
    int16_t clock;   /* minutes after midnight, or -1 */
    int32_t iso;
} tinfo;

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* A clock time: H or HH followed by '.' or ':' and MM, then an optional
 * am/pm ("7.30", "21:00", "7.30pm", "9p.m.", "9pm").  Returns minutes,
 * or -1; *ampm 0 without a suffix, 1 am, 2 pm; *sep 1 with minutes. */
static int clock_of(const char *s, int *ampm, int *sep)
{
    int h = 0, k = 0, mins = 0;
    *ampm = 0, *sep = 0;
    while (is_digit(s[k]) && k < 2)
        h = h * 10 + (s[k++] - '0');
    if (k == 0 || is_digit(s[k]))
        return -1;
    if ((s[k] == '.' || s[k] == ':') && is_digit(s[k + 1]) && is_digit(s[k + 2]) && !is_digit(s[k + 3])) {
        mins = (s[k + 1] - '0') * 10 + (s[k + 2] - '0');
        *sep = 1;
        k += 3;
    }
    const char *rest = s + k;
    if (!strcmp(rest, "am") || !strcmp(rest, "a.m.") || !strcmp(rest, "a.m"))
        *ampm = 1;
    else if (!strcmp(rest, "pm") || !strcmp(rest, "p.m.") || !strcmp(rest, "p.m"))
        *ampm = 2;
    else if (*rest)
        return -1;
    if (mins > 59 || (*ampm && (h < 1 || h > 12)) || h > 23 || (!*ampm && !*sep))
        return -1;
    if (*ampm)
        h = h % 12 + (*ampm == 2 ? 12 : 0);
    return h * 60 + mins;
}

/* A word of digits (lower-cased in low[0..n)): a count or day, a year, an
 * ordinal day ("5th"), an ISO date, or a clock time; anything else leaves
 * t as it is. */
static void classify_digits(const char *low, size_t n, tinfo *t)
{
    size_t d = 0;
    int v = 0;
    while (d < n && is_digit(low[d]) && d < 5)
        v = v * 10 + (low[d++] - '0');
    if (d == n) {
        if (d == 4) {
            t->flags |= v >= 1000 && v <= 2999 ? T_YEAR : T_BADYEAR;
            t->num = (int16_t)v;
        } else if (d < 4 && v >= 1) {
            t->flags |= T_NUM | (v <= 31 ? T_DAY : 0);
            t->num = (int16_t)v;
        }
        return;
    }
    if (d <= 2 && n == d + 2 && v >= 1 && v <= 31 &&
        (!strcmp(low + d, "st") || !strcmp(low + d, "nd") || !strcmp(low + d, "rd") || !strcmp(low + d, "th"))) {
        t->flags |= T_DAY | T_ORD;
        t->num = (int16_t)v;
        return;
    }
    if (n == 10 && low[4] == '-' && low[7] == '-') {
        int32_t day;
        if (date_parse_iso(low, 10, &day)) {
            t->flags |= T_ISO;
            t->iso = day;
        } else {
            t->flags |= T_BADISO;
        }
        return;
    }
    int ampm, sep, m = clock_of(low, &ampm, &sep);
    if (m >= 0) {
        t->flags |= T_CLOCK;
        t->clock = (int16_t)m;
        t->ampm = (uint8_t)ampm;
    }
}

/* A word of letters (lower-cased in low[0..n), which a final '.' may be
 * cut from): its lexicon entry, "mid-" before a month, a month only when
 * capitalised; t stays blank for a word the lexicon lacks. */
static void classify_letters(char *low, size_t n, tinfo *t)
{
    const char *key = low;
    if (n > 4 && !memcmp(low, "mid-", 4)) {
        key = low + 4;
        t->mid = 1;
    }
    const lex_entry *e = lex_find(key);
    if (!e && n > 2 && low[n - 1] == '.') { /* "Jan.", "Sept." */
        low[n - 1] = '\0';
        e = lex_find(key);
    }
    if (!e || (t->mid && !e->mon)) {
        t->mid = 0;
        return;
    }
    t->kw = e->kw, t->wd = e->wd, t->mon = e->mon, t->unit = e->unit, t->num = e->num;
    if (!e->kw && !e->mon && !e->unit && e->wd < 0)
        t->flags |= T_NUM;
    if (e->mon && strlen(e->word) > 3 && strcmp(e->word, "sept") != 0)
        t->flags |= T_MONFULL;
    if (t->mid)
        t->mon = (int8_t)abs(t->mon); /* "mid-March" is a month */
    if (e->mon && !(t->flags & T_CAP) && !t->mid)
        t->mon = 0; /* months are written with a capital */
}

/* The record of word w: punctuation, capitalisation, then what its digits
 * or its letters say (words longer than 12 bytes say nothing more). */
static void classify(const word *w, tinfo *t)
{
    memset(t, 0, sizeof *t);
    t->wd = -1, t->clock = -1;
    const char *f = w->form;
    size_t n = w->len;
    if (!n)
        return;
    unsigned char c0 = (unsigned char)f[0];
    if (!(c0 >= 'a' && c0 <= 'z') && !(c0 >= 'A' && c0 <= 'Z') && !is_digit((char)c0)) {
        t->flags = T_PUNCT;
        return;
    }
    if (c0 >= 'A' && c0 <= 'Z')
        t->flags |= T_CAP;
    if (n > 12)
        return;
    char low[16];
    for (size_t k = 0; k < n; k++)
        low[k] = (char)(f[k] >= 'A' && f[k] <= 'Z' ? f[k] + 32 : f[k]);
    low[n] = '\0';
    if (is_digit(low[0]))
        classify_digits(low, n, t);
    else
        classify_letters(low, n, t);
}

/* ---- the patterns ---- */

typedef struct scan {
    const word *w;
    const tinfo *t;
    uint32_t n;
} scan;

static const tinfo NONE_T = {0, 0, 0, -1, 0, 0, 0, 0, -1, 0};

static const tinfo *T(const scan *s, uint32_t i)
{
    return i < s->n ? &s->t[i] : &NONE_T;
}

static int kw(const scan *s, uint32_t i, int k)
{
    return T(s, i)->kw == k;
}

static int comma(const scan *s, uint32_t i)
{
    return i < s->n && s->w[i].len == 1 && s->w[i].form[0] == ',';
}

/* The sentence ends at i, or punctuation comes ("the day before."). */
static int ends(const scan *s, uint32_t i)
{
    return i >= s->n || (T(s, i)->flags & T_PUNCT);
}

static int part_at(const scan *s, uint32_t i)
{
    return kw(s, i, K_PART) ? T(s, i)->num : 0;
}

static void blank(date_expr *x, uint32_t start, int kind)
{
    memset(x, 0, sizeof *x);
    x->start = start;
    x->kind = (uint8_t)kind;
    x->minute = -1;
}

/* A year after a day and month, with or without a comma: its index past
 * the year, or i when none.  *bad when the number is no year. */
static uint32_t year_after(const scan *s, uint32_t i, int *y, int *bad)
{
    uint32_t j = comma(s, i) ? i + 1 : i;
    if (T(s, j)->flags & T_YEAR) {
        *y = T(s, j)->num;
        return j + 1;
    }
    if (T(s, j)->flags & T_BADYEAR) {
        *bad = 1;
        return j + 1;
    }
    return i;
}

/* Month-first and day-first dates at i ("January 5", "Jan. 5, 2020",
 * "5 January 2020", "5th of January", "January 2020", "March" when
 * licensed by a preposition before it).  Returns the end, or 0. */
static uint32_t explicit_date(const scan *s, uint32_t i, int licensed, date_expr *x, int *bad)
{
    const tinfo *a = T(s, i);
    int y = 0;
    if (a->mon && !a->mid && (T(s, i + 1)->flags & T_DAY) && !T(s, i + 2)->unit) {
        uint32_t e = year_after(s, i + 2, &y, bad);
        blank(x, i, DK_DATE);
        x->m = (int8_t)abs(a->mon), x->d = (int8_t)T(s, i + 1)->num, x->y = (int16_t)y;
        return e;
    }
    uint32_t j = kw(s, i + 1, K_OF) ? i + 2 : i + 1;
    if ((a->flags & T_DAY) && T(s, j)->mon && !T(s, j)->mid && (j == i + 1 || (a->flags & T_ORD))) {
        uint32_t e = year_after(s, j + 1, &y, bad);
        blank(x, i, DK_DATE);
        x->m = (int8_t)abs(T(s, j)->mon), x->d = (int8_t)a->num, x->y = (int16_t)y;
        return e;
    }
    if (a->mon && (licensed || a->mon > 0) && (licensed || (a->flags & T_MONFULL) || (T(s, i + 1)->flags & (T_YEAR | T_BADYEAR)))) {
        blank(x, i, DK_MONTH);
        x->m = (int8_t)abs(a->mon);
        if (T(s, i + 1)->flags & T_YEAR)
            x->y = T(s, i + 1)->num;
        else if (T(s, i + 1)->flags & T_BADYEAR)
            *bad = 1;
        return i + 1 + ((T(s, i + 1)->flags & (T_YEAR | T_BADYEAR)) ? 1 : 0);
    }
    return 0;
}

/* A time of day at i: "9 pm", "7.30 p.m.", "21:00" (licensed), "noon",
 * "midnight", "the morning" after "in", "night" after "at", "overnight",
 * "the early hours" after "in".  Returns the end, or 0. */
static uint32_t time_of_day(const scan *s, uint32_t i, int prep, date_expr *x)
{
    const tinfo *a = T(s, i);
    blank(x, i, DK_TIME);
    if ((a->flags & T_CLOCK) && a->ampm) {
        x->minute = a->clock;
        return i + 1;
    }
    if ((a->flags & (T_CLOCK | T_NUM)) && kw(s, i + 1, K_AMPM)) {
        int h = a->flags & T_CLOCK ? a->clock / 60 : a->num, mins = a->flags & T_CLOCK ? a->clock % 60 : 0;
        if (h < 1 || h > 12)
            return 0;
        x->minute = (int16_t)((h % 12 + T(s, i + 1)->num) * 60 + mins);
        return i + 2;
    }
    if ((a->flags & T_CLOCK) && (prep == K_AT || prep == K_ABOUT || prep == K_PREP)) {
        x->minute = a->clock;
        return i + 1;
    }
    if (a->kw == K_NOON || a->kw == K_MIDNIGHT) {
        x->minute = a->kw == K_NOON ? 12 * 60 : 0;
        return i + 1;
    }
    if (a->kw == K_OVERNIGHT) {
        x->part = DATE_NIGHT;
        return i + 1;
    }
    if (prep == K_AT && a->kw == K_PART && a->num != DATE_MORNING && a->num != DATE_AFTERNOON) {
        x->part = (uint8_t)a->num; /* "at night", "at dawn" */
        return i + 1;
    }
    if (prep == K_IN && a->kw == K_THE && part_at(s, i + 1)) {
        x->part = (uint8_t)part_at(s, i + 1);
        return i + 2;
    }
    if (prep == K_IN && a->kw == K_THE && kw(s, i + 1, K_EARLY) && kw(s, i + 2, K_HOURS)) {
        x->part = DATE_EARLY_MORNING;
        return i + 3;
    }
    return 0;
}

/* Counted periods: "three days ago", "a week later", "less than a week
 * later", "two days before." ("before"/"after" only at a clause's end),
 * "a few days ago", "days later", "hours later".  Returns the end, or 0. */
static uint32_t counted(const scan *s, uint32_t i, date_expr *x)
{
    uint32_t j = i;
    int less = 0, vague = 0, n = 1, have = 0;
    if (kw(s, j, K_LESS) && kw(s, j + 1, K_THAN))
        less = 1, j += 2;
    else if (kw(s, j, K_WITHIN))
        less = 1, j++;
    else if (kw(s, j, K_ABOUT))
        j += kw(s, j + 1, K_THAN) ? 2 : 1; /* "about", "more than", "nearly": the count as said */
    if ((T(s, j)->flags & T_NUM) && T(s, j)->num == 1 && kw(s, j + 1, K_FEW))
        vague = 1, have = 1, j += 2;
    else if (kw(s, j, K_FEW))
        vague = 1, have = 1, j++;
    else if ((T(s, j)->flags & T_NUM) && T(s, j)->num == 1 && kw(s, j + 1, K_COUPLE) && kw(s, j + 2, K_OF))
        n = 2, have = 1, j += 3;
    else if (T(s, j)->flags & T_NUM)
        n = T(s, j)->num, have = 1, j++;
    int unit = T(s, j)->unit, hours = kw(s, j, K_HOURS);
    if (!unit && !hours)
        return 0;
    if (!have && !hours) {
        if (unit != U_DAY || T(s, j)->num)
            return 0;
        vague = 1; /* "days later" */
    }
    uint32_t e = j + 1;
    int sign;
    if (kw(s, e, K_AGO))
        sign = 0;
    else if (kw(s, e, K_LATER) || (kw(s, e, K_AFTER) && ends(s, e + 1)))
        sign = 1;
    else if (kw(s, e, K_EARLIER) || (kw(s, e, K_BEFORE) && ends(s, e + 1)))
        sign = -1;
    else
        return 0;
    e++;
    blank(x, i, sign ? DK_AFTER_DAYS : DK_DAYS);
    if (hours) {
        x->n = 0;
        return e;
    }
    int days = unit == U_DAY ? n : unit == U_WEEK ? 7 * n : 0;
    if (vague || less) {
        if (unit == U_DAY || (unit == U_WEEK && less && n == 1)) { /* within a week of it */
            x->precision = DATE_WEEK;
            x->n = sign ? sign * (sign > 0 ? 1 : 7) : -(less ? 6 : 7);
            return e;
        }
        return 0;
    }
    if (unit == U_MONTH || unit == U_YEAR) {
        if (!sign)
            x->kind = unit == U_MONTH ? DK_MONTHS : DK_YEARS;
        else if (unit == U_MONTH)
            x->kind = DK_AFTER_MONTHS;
        else
            return 0;
        x->n = (sign ? sign : -1) * n;
        return e;
    }
    x->n = (sign ? sign : -1) * days;
    return e;
}

/* "the next day", "the following week", "the day before.", "the same
 * day", "the night before", "that night", "later that month", "the day
 * before yesterday"... at i (after "the", "that" or "later/earlier that").
 * Returns the end, or 0. */
static uint32_t after_event(const scan *s, uint32_t i, date_expr *x)
{
    uint32_t j = i;
    int the = kw(s, j, K_THE), that = kw(s, j, K_THAT);
    if (kw(s, j, K_LATER) || kw(s, j, K_EARLIER)) {
        if (!kw(s, j + 1, K_THAT) && !(kw(s, j + 1, K_IN) && kw(s, j + 2, K_THE)))
            return 0;
        j += kw(s, j + 1, K_IN) ? 2 : 1;
        the = 0, that = 1; /* "later that day", "later in the day" */
    }
    if (!the && !that)
        return 0;
    j++;
    int shift = 0;
    if (kw(s, j, K_SAME)) {
        j++;
    } else if (the && (kw(s, j, K_NEXT) || kw(s, j, K_FOLLOWING))) {
        shift = 1, j++;
    } else if (the && kw(s, j, K_PREVIOUS)) {
        shift = -1, j++;
    }
    int unit = T(s, j)->unit, part = part_at(s, j);
    if (unit == U_DAY && !T(s, j)->num) { /* "day", not "days" */
        if (the && !shift && kw(s, j + 1, K_BEFORE) && kw(s, j + 2, K_YESTERDAY)) {
            blank(x, i, DK_DAYS);
            x->n = -2;
            return j + 3;
        }
        if (the && !shift && kw(s, j + 1, K_AFTER) && kw(s, j + 2, K_TOMORROW)) {
            blank(x, i, DK_DAYS);
            x->n = 2;
            return j + 3;
        }
        uint32_t e = j + 1;
        if (the && !shift && !kw(s, j - 1, K_SAME)) {
            if ((kw(s, e, K_BEFORE) || kw(s, e, K_AFTER)) && ends(s, e + 1))
                shift = kw(s, e, K_BEFORE) ? -1 : 1, e++;
            else
                return 0; /* "the day" alone is not a date */
        }
        blank(x, i, DK_AFTER_DAYS);
        x->n = shift;
        return e;
    }
    if (part) {
        uint32_t e = j + 1;
        if (the && !shift && part == DATE_NIGHT && kw(s, e, K_BEFORE) && ends(s, e + 1))
            shift = -1, e++;
        else if (the && !shift)
            return 0; /* "the morning" is a time of day, not a date */
        blank(x, i, DK_AFTER_DAYS);
        x->n = shift, x->part = (uint8_t)part;
        return e;
    }
    if ((unit == U_WEEK || unit == U_MONTH) && !T(s, j)->num && (that || shift)) {
        blank(x, i, unit == U_WEEK ? DK_AFTER_WEEKS : DK_AFTER_MONTHS);
        x->n = shift;
        return j + 1;
    }
    return 0;
}

/* A part of the day after a day ("Sunday night", "yesterday morning"). */
static uint32_t with_part(const scan *s, uint32_t e, date_expr *x)
{
    if (part_at(s, e)) {
        if (x->part != DATE_EARLY_MORNING || part_at(s, e) != DATE_MORNING) /* "early Sunday morning" */
            x->part = (uint8_t)part_at(s, e);
        return e + 1;
    }
    return e;
}

/* The expression at i, or 0 (*bad: one that names no date of the
 * calendar, skipped whole). */
static uint32_t match(const scan *s, uint32_t i, date_expr *x, int *bad)
{
    uint32_t j = i, e;
    int prep = 0, early = 0, late = 0, dir = DATE_NEAREST, licensed = 0, same = 0;
    const tinfo *a = T(s, i);
    if (a->flags & T_ISO) {
        blank(x, i, DK_DATE);
        int y, m, d;
        date_to_civil(a->iso, &y, &m, &d);
        x->y = (int16_t)y, x->m = (int8_t)m, x->d = (int8_t)d;
        return i + 1;
    }
    if (a->flags & T_BADISO) {
        *bad = 1;
        return i + 1;
    }
    if (a->kw == K_ON || a->kw == K_IN || a->kw == K_AT || a->kw == K_PREP || a->kw == K_OF || a->kw == K_ABOUT)
        prep = a->kw, licensed = 1, j++;
    if ((e = counted(s, j, x)) != 0 || (e = after_event(s, j, x)) != 0 || (e = time_of_day(s, j, prep, x)) != 0) {
        x->start = i;
        return e;
    }
    if (kw(s, j, K_EARLY) || kw(s, j, K_LATE) || kw(s, j, K_MID)) {
        early = kw(s, j, K_EARLY), late = kw(s, j, K_LATE), licensed = 1, j++;
        if (kw(s, j, K_ON) || kw(s, j, K_IN))
            j++;
    }
    if (kw(s, j, K_EARLIER) || kw(s, j, K_LATER)) {
        if (!kw(s, j + 1, K_THIS) && !kw(s, j + 1, K_TODAY))
            return 0;
        same = 1, j++;
    }
    if (kw(s, j, K_LAST) || kw(s, j, K_PAST) || kw(s, j, K_PREVIOUS))
        dir = DATE_BEFORE, j++;
    else if (kw(s, j, K_NEXT) || kw(s, j, K_COMING))
        dir = DATE_AFTER, j++;
    else if (kw(s, j, K_THIS))
        dir = kw(s, j + 1, K_COMING) ? DATE_AFTER : DATE_THIS, j += kw(s, j + 1, K_COMING) ? 2 : 1;
    if (same && dir != DATE_THIS && !kw(s, j, K_TODAY))
        return 0;
    if (dir)
        licensed = 1;
    const tinfo *c = T(s, j);
    if (c->wd >= 0) {
        /* "The Sunday Times" is a newspaper */
        if (j > 0 && kw(s, j - 1, K_THE) && (T(s, j + 1)->flags & T_CAP) && !T(s, j + 1)->mon)
            return 0;
        uint32_t k = comma(s, j + 1) ? j + 2 : j + 1;
        if (!dir && (e = explicit_date(s, k, 1, x, bad)) != 0 && x->kind == DK_DATE) {
            if (x->d > date_month_days(2000, x->m) || (x->y && !date_valid(x->y, x->m, x->d)))
                *bad = 1;
            x->start = i;
            x->part = early ? DATE_EARLY_MORNING : late ? DATE_NIGHT : 0;
            return with_part(s, e, x);
        }
        blank(x, i, DK_WEEKDAY);
        x->d = c->wd, x->dir = (int8_t)dir;
        x->part = early ? DATE_EARLY_MORNING : late ? DATE_NIGHT : 0;
        return with_part(s, j + 1, x);
    }
    if (c->mon || (c->flags & T_DAY) || (kw(s, j, K_THE) && (T(s, j + 1)->flags & T_ORD))) {
        int the = kw(s, j, K_THE);
        if ((e = explicit_date(s, j + the, licensed, x, bad)) != 0) {
            if (x->kind == DK_DATE && (x->d > date_month_days(2000, x->m) || (x->y && !date_valid(x->y, x->m, x->d))))
                *bad = 1; /* "31 February", "February 29, 2019" */
            if (dir && x->kind == DK_MONTH && !x->y)
                x->dir = (int8_t)dir;
            else if (dir)
                return 0;
            x->start = i;
            return e;
        }
        if ((T(s, j + the)->flags & T_ORD) && the && prep == K_ON && !dir) { /* "on the 5th", not "the 5th Fleet" */
            blank(x, i, DK_DOM);
            x->d = (int8_t)T(s, j + the)->num;
            return j + the + 1;
        }
        return 0;
    }
    if ((c->flags & T_YEAR) && licensed && !dir) {
        blank(x, i, DK_YEAR);
        x->y = c->num;
        return j + 1;
    }
    if ((c->flags & T_BADYEAR) && (prep == K_IN || early || late)) {
        *bad = 1;
        return j + 1;
    }
    if (c->unit == U_WEEKEND || (kw(s, j, K_THE) && !dir && T(s, j + 1)->unit == U_WEEKEND)) {
        blank(x, i, DK_WEEKEND); /* "over the weekend", "last weekend" */
        x->dir = (int8_t)dir;
        return j + 1 + (c->unit != U_WEEKEND);
    }
    if (c->unit && !c->num && dir && c->unit != U_DAY) {
        if (dir == DATE_BEFORE && kw(s, j - 1, K_PAST) && c->unit == U_WEEK) { /* "the past week": the 7 days to now */
            blank(x, i, DK_DAYS);
            x->n = -6, x->precision = DATE_WEEK;
            return j + 1;
        }
        blank(x, i, c->unit == U_WEEK ? DK_WEEKS : c->unit == U_MONTH ? DK_MONTHS : DK_YEARS);
        x->n = dir == DATE_THIS ? 0 : dir;
        return j + 1;
    }
    if (c->kw == K_TODAY || c->kw == K_YESTERDAY || c->kw == K_TOMORROW || c->kw == K_TONIGHT) {
        if (dir && !same)
            return 0;
        blank(x, i, DK_DAYS);
        x->n = c->kw == K_YESTERDAY ? -1 : c->kw == K_TOMORROW ? 1 : 0;
        x->part = c->kw == K_TONIGHT ? DATE_NIGHT : early ? DATE_EARLY_MORNING : late ? DATE_NIGHT : 0;
        return with_part(s, j + 1, x);
    }
    if (c->kw == K_PART && (dir == DATE_THIS || (dir == DATE_BEFORE && c->num == DATE_NIGHT && kw(s, j - 1, K_LAST)))) {
        blank(x, i, DK_DAYS); /* "this morning", "last night" */
        x->n = dir == DATE_THIS ? 0 : -1;
        x->part = (uint8_t)c->num;
        return j + 1;
    }
    return 0;
}

/* Merges a time of day written next to a date ("at 9 pm on Sunday",
 * "on Sunday, at 9 pm") into it. */
static uint32_t merge_times(const scan *s, date_expr *out, uint32_t k)
{
    uint32_t m = 0;
    for (uint32_t i = 0; i < k; i++) {
        date_expr *x = &out[i];
        if (m > 0) {
            date_expr *p = &out[m - 1];
            int gap_ok = x->start == p->end || (x->start == p->end + 1 && comma(s, p->end));
            date_expr *date = p->kind == DK_TIME ? x : p, *time = p->kind == DK_TIME ? p : x;
            if (gap_ok && (p->kind == DK_TIME) != (x->kind == DK_TIME) && date->minute < 0 &&
                (!date->part || time->minute >= 0)) {
                date->minute = time->minute;
                if (time->part)
                    date->part = time->part;
                date->start = p->start, date->end = x->end;
                *p = *date;
                continue;
            }
        }
        out[m++] = *x;
    }
    return m;
}

uint32_t date_find(const word *w, uint32_t n, arena *scratch, date_expr *out, uint32_t cap)
{
    if (!n || !cap)
        return 0;
    tinfo *t = arena_alloc(scratch, (size_t)n * sizeof *t);
    if (!t)
        return 0;
    int any = 0; /* a word that only a temporal expression has */
    for (uint32_t i = 0; i < n; i++) {
        classify(&w[i], &t[i]);
        int k = t[i].kw;
        any |= t[i].wd >= 0 || t[i].mon || t[i].unit || (t[i].flags & (T_ISO | T_BADISO | T_CLOCK | T_ORD | T_YEAR | T_BADYEAR)) ||
               k == K_TODAY || k == K_YESTERDAY || k == K_TOMORROW || k == K_TONIGHT || k == K_NOON ||
               k == K_MIDNIGHT || k == K_OVERNIGHT || k == K_PART || k == K_HOURS || k == K_AMPM;
    }
    if (!any)
        return 0;
    scan s = {w, t, n};
    uint32_t k = 0;
    for (uint32_t i = 0; i < n && k < cap;) {
        int bad = 0;
        uint32_t e = match(&s, i, &out[k], &bad);
        if (e > i) {
            if (!bad) {
                out[k].end = e;
                k++;
            }
            i = e;
        } else {
            i++;
        }
    }
    return merge_times(&s, out, k);
}

static int weekday_word(const word *w)
{
    static const char *const days[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    if (w->len < 6 || w->len > 9)
        return 0;
    for (int k = 0; k < 7; k++)
        if (strcasecmp(w->form, days[k]) == 0)
            return 1;
    return 0;
}

int date_starts_here(const word *w, uint32_t n, uint32_t i)
{
    if (i >= n || w[i].len < 4 || w[i].len > 9)
        return 0;
    const char *f = w[i].form;
    char c = (char)(f[0] | 0x20);
    if (c != 'm' && c != 't' && c != 'w' && c != 'f' && c != 's' && c != 'y' && c != 'l' && c != 'n' && c != 'p')
        return 0;
    if (weekday_word(&w[i]) || !strcasecmp(f, "today") || !strcasecmp(f, "tonight") || !strcasecmp(f, "yesterday") ||
        !strcasecmp(f, "tomorrow"))
        return 1;
    if (i + 1 >= n || (strcasecmp(f, "last") && strcasecmp(f, "next") && strcasecmp(f, "this") && strcasecmp(f, "past")))
        return 0;
    const char *g = w[i + 1].form;
    return weekday_word(&w[i + 1]) || !strcasecmp(g, "week") || !strcasecmp(g, "month") || !strcasecmp(g, "year") ||
           !strcasecmp(g, "night");
}

int date_is_relative(const date_expr *x)
{
    return x->kind >= DK_AFTER_DAYS;
}

int date_has_date(const date_expr *x)
{
    return x->kind != DK_TIME;
}

/* ---- resolution ---- */

static int32_t monday_of(int32_t day)
{
    return day - date_weekday(day);
}

/* The first day of month m0 (0-based, may be out of 0..11) of year y;
 * fails outside the calendar. */
static int month_start(int64_t y, int64_t m0, date_value *out)
{
    int64_t yy = y + (m0 >= 0 ? m0 / 12 : -((11 - m0) / 12)), mm = m0 - (yy - y) * 12;
    if (yy < 1 || yy > 9999)
        return 0;
    out->day = date_from_civil((int)yy, (int)mm + 1, 1);
    out->precision = DATE_MONTH;
    return 1;
}

/* Day number day at this precision into out; fails outside the calendar. */
static int set_day(int64_t day, int precision, date_value *out)
{
    if (!date_in_range(day))
        return 0;
    out->day = (int32_t)day;
    out->precision = (uint8_t)precision;
    return 1;
}

/* Day d of month m of year y when it is a calendar day on the side of
 * pub the rule asks for (on or before it, on or after it when future):
 * set_day's result for it; -1 when it is not, to look further. */
static int day_on_side(int y, int m, int d, int32_t pub, int future, date_value *out)
{
    if (!date_valid(y, m, d))
        return -1;
    int32_t day = date_from_civil(y, m, d);
    if (future ? day >= pub : day <= pub)
        return set_day(day, DATE_DAY, out);
    return -1;
}

/* Month m and day d in the year nearest pub by the rule (latest on or
 * before, earliest on or after when future): 29 February looks up to
 * eight years away. */
static int nearest_year(int m, int d, int32_t pub, int py, int future, date_value *out)
{
    for (int k = 0; k <= 8; k++) {
        int found = day_on_side(future ? py + k : py - k, m, d, pub, future, out);
        if (found >= 0)
            return found;
    }
    return 0;
}

/* A month without a year: in the publication year py (month pm), or the
 * year before or after as x's direction and the future flag say. */
static int resolve_month(const date_expr *x, int py, int pm, int future, date_value *out)
{
    int y = py;
    if (x->dir == DATE_BEFORE)
        y = x->m < pm ? py : py - 1;
    else if (x->dir == DATE_AFTER)
        y = x->m > pm ? py : py + 1;
    else if (x->dir == DATE_NEAREST)
        y = future ? (x->m >= pm ? py : py + 1) : (x->m <= pm ? py : py - 1);
    return month_start(y, x->m - 1, out);
}

/* A day of the month alone ("on the 5th"): the latest such day on or
 * before pub (the earliest on or after it when future), within a year. */
static int resolve_day_of_month(int d, int32_t pub, int py, int pm, int future, date_value *out)
{
    for (int k = 0; k <= 12; k++) {
        int64_t m0 = (int64_t)py * 12 + (pm - 1) + (future ? k : -k);
        int found = day_on_side((int)(m0 / 12), (int)(m0 % 12) + 1, d, pub, future, out);
        if (found >= 0)
            return found;
    }
    return 0;
}

/* A weekday: strictly before or after pub, in pub's week ("this"), or
 * the nearest on or before it (on or after it when future). */
static int resolve_weekday(const date_expr *x, int32_t pub, int future, date_value *out)
{
    int64_t base = pub;
    int pw = date_weekday(pub), wd = x->d;
    switch (x->dir) {
    case DATE_BEFORE: return set_day(base - ((pw - wd + 6) % 7 + 1), DATE_DAY, out);
    case DATE_AFTER: return set_day(base + ((wd - pw + 6) % 7 + 1), DATE_DAY, out);
    case DATE_THIS: return set_day((int64_t)monday_of(pub) + wd, DATE_DAY, out);
    default:
        return set_day(future ? base + (wd - pw + 7) % 7 : base - (pw - wd + 7) % 7, DATE_DAY, out);
    }
}

/* The week of the weekend meant: the latest one, or this week's when the
 * publication date is in it or the event is to come. */
static int resolve_weekend(const date_expr *x, int32_t pub, int future, date_value *out)
{
    int in_it = date_weekday(pub) >= 5, k;
    if (x->dir == DATE_BEFORE)
        k = -1;
    else if (x->dir == DATE_AFTER)
        k = in_it ? 1 : 0;
    else if (x->dir == DATE_THIS || future)
        k = 0;
    else
        k = in_it ? 0 : -1;
    return set_day((int64_t)monday_of(pub) + 7 * k, DATE_WEEK, out);
}

/* Days, weeks or months after the anchor's date ("two days later"), at
 * the coarser of the two precisions; fails without an anchor, and for a
 * past event that would come after its report. */
static int resolve_after(const date_expr *x, int32_t pub, int future, const date_value *anchor, date_value *out)
{
    if (!anchor || !date_in_range(anchor->day))
        return 0;
    int ok, ay, am, ad;
    if (x->kind == DK_AFTER_DAYS) {
        ok = set_day((int64_t)anchor->day + x->n, x->precision, out);
    } else if (x->kind == DK_AFTER_WEEKS) {
        ok = set_day((int64_t)monday_of(anchor->day) + 7 * (int64_t)x->n, DATE_WEEK, out);
    } else {
        date_to_civil(anchor->day, &ay, &am, &ad);
        ok = month_start(ay, am - 1 + (int64_t)x->n, out);
    }
    if (!ok || (!future && out->day > pub))
        return 0; /* a past event cannot come after its report */
    if (anchor->precision > out->precision)
        out->precision = anchor->precision;
    return 1;
}

/* x resolved against the publication date pub: the contract is in
 * time/timex.h. */
int date_resolve(const date_expr *x, int32_t pub, int future, const date_value *anchor, date_value *out)
{
    if (!date_in_range(pub))
        return 0;
    int py, pm, pd;
    date_to_civil(pub, &py, &pm, &pd);
    int64_t base = pub;
    switch (x->kind) {
    case DK_DATE:
        if (x->y)
            return date_valid(x->y, x->m, x->d) && set_day(date_from_civil(x->y, x->m, x->d), DATE_DAY, out);
        return nearest_year(x->m, x->d, pub, py, future, out);
    case DK_MONTH:
        return x->y ? month_start(x->y, x->m - 1, out) : resolve_month(x, py, pm, future, out);
    case DK_YEAR:
        return date_valid(x->y, 1, 1) && set_day(date_from_civil(x->y, 1, 1), DATE_YEAR, out);
    case DK_DOM: return resolve_day_of_month(x->d, pub, py, pm, future, out);
    case DK_WEEKDAY: return resolve_weekday(x, pub, future, out);
    case DK_DAYS: return set_day(base + x->n, x->precision, out);
    case DK_WEEKS: return set_day((int64_t)monday_of(pub) + 7 * (int64_t)x->n, DATE_WEEK, out);
    case DK_WEEKEND: return resolve_weekend(x, pub, future, out);
    case DK_MONTHS: return month_start(py, pm - 1 + (int64_t)x->n, out);
    case DK_YEARS: return date_valid(py + x->n, 1, 1) && set_day(date_from_civil(py + x->n, 1, 1), DATE_YEAR, out);
    case DK_AFTER_DAYS:
    case DK_AFTER_WEEKS:
    case DK_AFTER_MONTHS: return resolve_after(x, pub, future, anchor, out);
    default:
        return 0;
    }
}

const char *date_precision_name(unsigned precision)
{
    static const char *const names[] = {"day", "week", "month", "year"};
    return precision < 4 ? names[precision] : "day";
}

int date_time_text(const date_expr *x, char out[16])
{
    static const char *const parts[] = {"", "early morning", "morning", "afternoon", "evening", "night"};
    out[0] = '\0';
    if (x->minute >= 0 && x->minute < 24 * 60) {
        out[0] = (char)('0' + x->minute / 600), out[1] = (char)('0' + x->minute / 60 % 10), out[2] = ':';
        out[3] = (char)('0' + x->minute % 60 / 10), out[4] = (char)('0' + x->minute % 10), out[5] = '\0';
        return 1;
    }
    if (x->part > DATE_PART_NONE && x->part <= DATE_NIGHT) {
        strcpy(out, parts[x->part]);
        return 1;
    }
    return 0;
}
