/*
 * timex.h - temporal expressions of a sentence, and their resolution
 * against a document's publication date.
 *
 * date_find reads the words of one sentence (their forms only: no tags or
 * parse needed) and writes the temporal expressions it finds, unresolved:
 * explicit dates ("January 5", "Jan. 5, 2020", "5 January 2020", "the 5th
 * of January", "2020-01-05", "on the 5th"), months ("in March", "last
 * March", "mid-March 2019"), years ("in 2019"), weekdays ("on Sunday",
 * "last Sunday", "next Sunday", "this coming Sunday", "Sunday night",
 * "early Sunday"), days, weeks, months and years counted from the
 * publication date ("today", "yesterday", "tomorrow", "last week",
 * "earlier this month", "this year", "three days ago", "a week ago", "over
 * the weekend": the week that holds it), from
 * the previous event of the document ("two days later", "less than a week
 * later", "the next day", "the day before", "a week later", "that night",
 * "the following month"), and times of day ("at 9 pm", "at 7.30 p.m.",
 * "at 21:00", "at noon", "in the morning"), a time next to a date being
 * part of it ("on Sunday at 9 pm").  Words that only sometimes name a
 * month ("May", "March") count only beside a day, a year or a preposition
 * such as "in"; a year only beside a month or after "in", "since" and the
 * like.  A date that is not in the calendar ("31 February", "February 29,
 * 2019", a year 0 or 9999) is no expression at all.
 *
 * date_resolve turns one expression into a date: the first day of the
 * period it names and that period's length (its precision: day, week,
 * month or year; weeks run Monday to Sunday).  The publication date is
 * the injected "now": nothing here reads a clock.  Without a year, a
 * weekday, month or day is the latest one on or before the publication
 * date ("on Sunday" on a Sunday is that Sunday), or with the future flag
 * (the event's verb says "will") the earliest one on or after it; "last"
 * and "next" say strictly before and strictly after.
 *
 * Work is linear in the sentence's words (each word is looked up once;
 * patterns look a few words ahead).  Ownership: results go into caller
 * arrays; date_find takes a scratch arena for one small record per word.
 */
#ifndef KH_DATE_TIMEX_H
#define KH_DATE_TIMEX_H

#include <stdint.h>

#include "core/mem.h"
#include "syntax/words.h"

/* How long the period of a resolved date is; its date is its first day. */
enum date_precision { DATE_DAY = 0, DATE_WEEK, DATE_MONTH, DATE_YEAR };

/* Parts of the day said in words. */
enum date_part { DATE_PART_NONE = 0, DATE_EARLY_MORNING, DATE_MORNING, DATE_AFTERNOON, DATE_EVENING, DATE_NIGHT };

/* What an expression names (date_expr.kind). */
enum date_kind {
    DK_TIME = 0,     /* a time of day alone: "at 9 pm", "in the morning" */
    DK_DATE,         /* y-m-d; y 0 when the text gives no year */
    DK_MONTH,        /* month m of year y (0: not given) */
    DK_YEAR,         /* year y */
    DK_DOM,          /* day d of a month not given: "on the 5th" */
    DK_WEEKDAY,      /* weekday d (0 Monday .. 6 Sunday), see dir */
    DK_DAYS,         /* the publication date + n days ("yesterday": -1) */
    DK_WEEKS,        /* the week of the publication date + n weeks ("last week": -1) */
    DK_WEEKEND,      /* the week of a weekend, see dir ("over the weekend", "next weekend") */
    DK_MONTHS,       /* the month of the publication date + n months */
    DK_YEARS,        /* the year of the publication date + n years */
    DK_AFTER_DAYS,   /* the previous event's date + n days ("two days later") */
    DK_AFTER_WEEKS,  /* the week of the previous event + n weeks ("the following week") */
    DK_AFTER_MONTHS  /* the month of the previous event + n months ("later that month": 0) */
};

/* date_expr.dir for weekdays, months and days without a year. */
enum date_dir { DATE_NEAREST = 0, DATE_BEFORE = -1, DATE_AFTER = 1, DATE_THIS = 2 };

typedef struct date_expr {
    uint32_t start, end; /* words [start, end) of the sentence */
    uint8_t kind;        /* enum date_kind */
    int8_t dir;          /* enum date_dir */
    uint8_t precision;   /* DK_DAYS and DK_AFTER_DAYS: the precision to give (a vague "days later" is a week) */
    uint8_t part;        /* enum date_part, or DATE_PART_NONE */
    int16_t minute;      /* time of day in minutes after midnight, or -1 */
    int16_t y;           /* year, or 0 */
    int8_t m, d;         /* month 1-12 and day 1-31 (DK_WEEKDAY: the weekday), or 0 */
    int32_t n;           /* the offset of the counted kinds */
} date_expr;

/* A resolved date: the first day of the period (days since 1970-01-01)
 * and its precision. */
typedef struct date_value {
    int32_t day;
    uint8_t precision;
} date_value;

/* Finds the temporal expressions of the sentence w[0..n), in order and
 * without overlaps, writing at most cap of them to out.  scratch holds
 * one small record per word until the next reset.  Returns how many were
 * written (0 also when scratch runs out). */
uint32_t date_find(const word *w, uint32_t n, arena *scratch, date_expr *out, uint32_t cap);

/* 1 for the kinds counted from the previous event (DK_AFTER_*). */
int date_is_relative(const date_expr *x);

/* 1 for an expression that names a date (every kind but DK_TIME). */
int date_has_date(const date_expr *x);

/* Resolves x against the publication date pub (days since 1970-01-01).
 * future: the event is said to come ("will"): a weekday, month or day
 * without "last"/"next" is the earliest on or after pub.  anchor: the
 * date of the previous event of the document (NULL when there is none),
 * for the DK_AFTER_* kinds, whose result may not come after pub unless
 * future is set.  Writes *out and returns 1; returns 0 when x gives no
 * date (DK_TIME, no anchor, a result outside the calendar). */
int date_resolve(const date_expr *x, int32_t pub, int future, const date_value *anchor, date_value *out);

/* 1 when word i of w[0..n) begins a temporal noun phrase that a noun
 * chunk must not swallow ("arrested 12 protesters yesterday", "attacked
 * the embassy last Friday"): a weekday, "today", "tonight", "yesterday",
 * "tomorrow", or "last", "next", "this" or "past" before a weekday,
 * "week", "month", "year" or "night".  A few comparisons, no lookup: it is
 * asked of every word of a noun chunk. */
int date_starts_here(const word *w, uint32_t n, uint32_t i);

/* "day", "week", "month" or "year". */
const char *date_precision_name(unsigned precision);

/* The time of day of x as text into out: "21:00", or the part of the day
 * ("early morning", "morning", "afternoon", "evening", "night").  Returns
 * 0 (out "") when x has none. */
int date_time_text(const date_expr *x, char out[16]);

#endif
