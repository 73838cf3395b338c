/*
 * calendar.h - the proleptic Gregorian calendar as day numbers: civil
 * dates to and from days since 1970-01-01, weekdays, month lengths, and
 * the one reader of YYYY-MM-DD dates (the --date option, the "date" of
 * JSON documents, dictionary date ranges).
 *
 * Dates run from 0001-01-01 to 9999-12-31 (DATE_FIRST_DAY ..
 * DATE_LAST_DAY); nothing outside that range is a date, so arithmetic that
 * leaves it ("tomorrow" of 9999-12-31) gives no date rather than a
 * five-digit year.  Every function is pure: no clock, no locale, no
 * allocation.
 */
#ifndef KH_DATE_CALENDAR_H
#define KH_DATE_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

#define DATE_FIRST_DAY (-719162) /* 0001-01-01 */
#define DATE_LAST_DAY 2932896    /* 9999-12-31 */

/* 1 when y is a leap year of the Gregorian calendar. */
int date_leap(int y);

/* Days in month m (1-12) of year y; 0 when m is not a month. */
int date_month_days(int y, int m);

/* 1 when y-m-d is a date of the calendar (years 1 to 9999): 2020-02-29
 * is, 2019-02-29, 2020-02-31 and 0000-01-01 are not. */
int date_valid(int y, int m, int d);

/* Days since 1970-01-01 of y-m-d (any integers: the result is only
 * meaningful for a date_valid one). */
int32_t date_from_civil(int y, int m, int d);

/* The civil date of day (days since 1970-01-01) into *y, *m, *d. */
void date_to_civil(int32_t day, int *y, int *m, int *d);

/* Day of the week of day: 0 Monday ... 6 Sunday (ISO 8601). */
int date_weekday(int32_t day);

/* 1 when day lies within DATE_FIRST_DAY .. DATE_LAST_DAY. */
int date_in_range(int64_t day);

/* Reads the date at s[0..n): exactly YYYY-MM-DD, or followed by 'T' or a
 * blank (the start of an ISO 8601 timestamp) when n > 10.  Sets *day and
 * returns 1; returns 0 (and leaves *day alone) for anything else,
 * including dates that are not in the calendar ("2019-02-29",
 * "0000-01-01").  Reads at most n bytes. */
int date_parse_iso(const char *s, size_t n, int32_t *day);

/* Writes day as "YYYY-MM-DD" and a NUL into out; "" when day is outside
 * the calendar's range. */
void date_format(int32_t day, char out[11]);

#endif
