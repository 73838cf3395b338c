/*
 * calendar.c - day numbers of the proleptic Gregorian calendar (after
 * H. Hinnant's days_from_civil / civil_from_days), and the YYYY-MM-DD
 * reader.
 */
#include "time/calendar.h"

int date_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_month_days(int y, int m)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return mdays[m - 1] + (m == 2 && date_leap(y));
}

int date_valid(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && d >= 1 && d <= date_month_days(y, m);
}

int32_t date_from_civil(int y, int m, int d)
{
    int32_t yy = (int32_t)y - (m <= 2);
    int32_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int32_t yoe = yy - era * 400;
    int32_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void date_to_civil(int32_t day, int *y, int *m, int *d)
{
    int32_t z = day + 719468;
    int32_t era = (z >= 0 ? z : z - 146096) / 146097;
    int32_t doe = z - era * 146097;
    int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int32_t mp = (5 * doy + 2) / 153;
    int32_t dd = doy - (153 * mp + 2) / 5 + 1;
    int32_t mm = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)(yoe + era * 400 + (mm <= 2));
    *m = (int)mm;
    *d = (int)dd;
}

int date_weekday(int32_t day)
{
    /* 1970-01-01 was a Thursday (3) */
    int32_t r = (day + 3) % 7;
    return (int)(r < 0 ? r + 7 : r);
}

int date_in_range(int64_t day)
{
    return day >= DATE_FIRST_DAY && day <= DATE_LAST_DAY;
}

int date_parse_iso(const char *s, size_t n, int32_t *day)
{
    if (!s || n < 10 || (n > 10 && s[10] != 'T' && s[10] != ' '))
        return 0;
    int v[3] = {0, 0, 0};
    static const int from[3] = {0, 5, 8}, len[3] = {4, 2, 2};
    if (s[4] != '-' || s[7] != '-')
        return 0;
    for (int f = 0; f < 3; f++)
        for (int k = 0; k < len[f]; k++) {
            char c = s[from[f] + k];
            if (c < '0' || c > '9')
                return 0;
            v[f] = v[f] * 10 + (c - '0');
        }
    if (!date_valid(v[0], v[1], v[2]))
        return 0;
    *day = date_from_civil(v[0], v[1], v[2]);
    return 1;
}

void date_format(int32_t day, char out[11])
{
    if (!date_in_range(day)) {
        out[0] = '\0';
        return;
    }
    int y, m, d;
    date_to_civil(day, &y, &m, &d);
    static const char digits[] = "0123456789";
    out[0] = digits[y / 1000], out[1] = digits[y / 100 % 10], out[2] = digits[y / 10 % 10], out[3] = digits[y % 10];
    out[4] = '-', out[5] = digits[m / 10], out[6] = digits[m % 10];
    out[7] = '-', out[8] = digits[d / 10], out[9] = digits[d % 10];
    out[10] = '\0';
}
