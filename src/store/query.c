/*
 * query.c - filters and counts over the event store (query.h).
 *
 * The SQL is assembled from fixed fragments; every value a user gives is
 * checked here and bound as a parameter, never pasted into the SQL.  The
 * filters lean on the store's indexes: events(day) for a date range,
 * events(country, day) for a country, events_identity (cameo first) for a
 * CAMEO prefix, and the FTS5 index over the sentences for --text.
 */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/query.h"
#include "time/calendar.h"

enum { MAX_PARAMS = 24 };

/* A condition under construction: " AND "-joined SQL and its parameters. */
typedef struct cond {
    buf sql;
    db_param p[MAX_PARAMS];
    int n;
} cond;

/* ---- reading the filters ---- */

void query_filter_init(query_filter *f)
{
    memset(f, 0, sizeof *f);
    f->from = INT64_MIN;
    f->to = INT64_MAX;
}

/* "YYYY", "YYYY-MM" or "YYYY-MM-DD": its first and last day. */
static int date_span(const char *s, int64_t *first, int64_t *last)
{
    size_t n = strlen(s);
    int y = 0, m = 1, d = 1, ok = n == 4 || n == 7 || n == 10;
    for (size_t k = 0; ok && k < n; k++)
        ok = (k == 4 || k == 7) ? s[k] == '-' : isdigit((unsigned char)s[k]) != 0;
    if (!ok)
        return -1;
    y = atoi(s);
    if (n >= 7)
        m = atoi(s + 5);
    if (n == 10)
        d = atoi(s + 8);
    if (!date_valid(y, m, d))
        return -1;
    *first = date_from_civil(y, m, d);
    if (n == 10)
        *last = *first;
    else if (n == 7)
        *last = date_from_civil(y, m, date_month_days(y, m));
    else
        *last = date_from_civil(y, 12, 31);
    return 0;
}

/* Copies value into out (cap bytes) upper-cased, when it is 1..cap-1
 * characters each accepted by ok. */
static int upper_word(const char *value, char *out, size_t cap, int (*ok)(int))
{
    size_t n = strlen(value);
    if (n == 0 || n >= cap)
        return -1;
    for (size_t k = 0; k < n; k++) {
        if (!ok((unsigned char)value[k]))
            return -1;
        out[k] = (char)toupper((unsigned char)value[k]);
    }
    out[n] = '\0';
    return 0;
}

static int plover_char(int c)
{
    return isalpha(c) || c == '_';
}

/* A CAMEO code or prefix: digits, then at most one letter (075A). */
static int cameo_code(const char *s)
{
    size_t digits = strspn(s, "0123456789"), n = strlen(s);
    return digits >= 1 && digits <= 4 && (n == digits || (n == digits + 1 && isalpha((unsigned char)s[digits])));
}

/* "W,S,E,N" in degrees. */
static int read_bbox(query_filter *f, const char *value)
{
    char *end;
    double v[4];
    const char *s = value;
    for (int k = 0; k < 4; k++) {
        v[k] = strtod(s, &end);
        if (end == s || !isfinite(v[k]) || *end != (k < 3 ? ',' : '\0'))
            return -1;
        s = end + 1;
    }
    if (fabs(v[0]) > 180 || fabs(v[2]) > 180 || fabs(v[1]) > 90 || fabs(v[3]) > 90 || v[1] > v[3])
        return -1;
    f->has_bbox = 1;
    f->west = v[0], f->south = v[1], f->east = v[2], f->north = v[3];
    return 0;
}

/* The place: a GeoNames id when all digits, else a name. */
static int read_place(query_filter *f, const char *value)
{
    size_t n = strlen(value);
    if (n == 0)
        return -1;
    if (strspn(value, "0123456789") == n) {
        if (n > 12)
            return -1;
        f->geonameid = strtoll(value, NULL, 10);
        f->place = NULL;
        return f->geonameid > 0 ? 0 : -1;
    }
    f->place = value;
    f->geonameid = 0;
    return 0;
}

static int read_from(query_filter *f, const char *value)
{
    int64_t last;
    return date_span(value, &f->from, &last);
}

static int read_to(query_filter *f, const char *value)
{
    int64_t first;
    return date_span(value, &first, &f->to);
}

static int read_code(char *out, size_t cap, const char *value)
{
    return upper_word(value, out, cap, isalnum);
}

static int read_actor(query_filter *f, const char *v) { return read_code(f->actor, sizeof f->actor, v); }
static int read_source(query_filter *f, const char *v) { return read_code(f->source, sizeof f->source, v); }
static int read_target(query_filter *f, const char *v) { return read_code(f->target, sizeof f->target, v); }

static int read_iso3(char out[4], const char *value)
{
    return strlen(value) == 3 ? upper_word(value, out, 4, isalpha) : -1;
}

static int read_actor_country(query_filter *f, const char *v) { return read_iso3(f->actor_country, v); }
static int read_country(query_filter *f, const char *v) { return read_iso3(f->country, v); }

static int read_cameo(query_filter *f, const char *value)
{
    return cameo_code(value) ? upper_word(value, f->cameo, sizeof f->cameo, isalnum) : -1;
}

static int read_root(query_filter *f, const char *value)
{
    return strlen(value) == 2 && atoi(value) >= 1 && atoi(value) <= 20 ? read_cameo(f, value) : -1;
}

static int read_plover(query_filter *f, const char *value)
{
    return upper_word(value, f->plover, sizeof f->plover, plover_char);
}

static int read_text(query_filter *f, const char *value)
{
    f->text = value;
    return value[0] ? 0 : -1;
}

/* Each filter: its option's name, what it expects (for the error
 * message) and its reader, which leaves f unchanged on a bad value. */
static const struct {
    const char *name, *what;
    int (*read)(query_filter *f, const char *value);
} FILTERS[] = {
    {"from", "a date YYYY-MM-DD, YYYY-MM or YYYY", read_from},
    {"to", "a date YYYY-MM-DD, YYYY-MM or YYYY", read_to},
    {"actor", "an actor code or its start, letters and digits (IRQ, IRQGOV)", read_actor},
    {"source", "an actor code or its start, letters and digits (IRQ, IRQGOV)", read_source},
    {"target", "an actor code or its start, letters and digits (IRQ, IRQGOV)", read_target},
    {"actor-country", "an ISO 3166-1 alpha-3 code (IRQ)", read_actor_country},
    {"cameo", "a CAMEO code or its start (19, 190, 0211, 075A)", read_cameo},
    {"root", "a two-digit CAMEO root (01 to 20)", read_root},
    {"plover", "a PLOVER type (ASSAULT, PROTEST, ...)", read_plover},
    {"country", "an ISO 3166-1 alpha-3 code (IRQ)", read_country},
    {"place", "a place name or a GeoNames id", read_place},
    {"bbox", "W,S,E,N in degrees (west, south, east, north)", read_bbox},
    {"text", "an FTS5 query (words, \"phrases\", AND, OR, NOT)", read_text},
};

const char *query_filter_name(size_t k)
{
    return k < sizeof FILTERS / sizeof FILTERS[0] ? FILTERS[k].name : NULL;
}

int query_set(query_filter *f, const char *name, const char *value, buf *err)
{
    for (size_t k = 0; k < sizeof FILTERS / sizeof FILTERS[0]; k++) {
        if (strcmp(FILTERS[k].name, name) != 0)
            continue;
        if (FILTERS[k].read(f, value) != 0) {
            buf_printf(err, "--%s '%s' is not %s", name, value, FILTERS[k].what);
            return -1;
        }
        return 0;
    }
    return -2;
}

/* ---- the condition ---- */

static int param(cond *c, db_param p)
{
    if (c->n == MAX_PARAMS)
        return 0; /* cannot happen: fewer filters than parameters */
    c->p[c->n] = p;
    return ++c->n;
}

static int text_param(cond *c, const char *t)
{
    return param(c, (db_param){DB_P_TEXT, 0, 0, t});
}

static int int_param(cond *c, int64_t v)
{
    return param(c, (db_param){DB_P_INT, v, 0, NULL});
}

static int real_param(cond *c, double v)
{
    return param(c, (db_param){DB_P_REAL, 0, v, NULL});
}

/* Appends " AND " (unless first) and the fragment. */
static void and(cond *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void and(cond *c, const char *fmt, ...)
{
    if (c->sql.len)
        buf_puts(&c->sql, " AND ");
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&c->sql, fmt, ap);
    va_end(ap);
}

/* A code prefix as a GLOB pattern ("IRQ" -> "IRQ*"; codes hold letters
 * and digits only, so nothing in them is special to GLOB). */
static int prefix_param(cond *c, const char *code, char *pattern, size_t cap)
{
    snprintf(pattern, cap, "%s*", code);
    return text_param(c, pattern);
}

typedef struct patterns {
    char actor[40], source[40], target[40];
} patterns;

static void actor_conditions(cond *c, const query_filter *f, patterns *g)
{
    if (f->actor[0]) {
        int k = prefix_param(c, f->actor, g->actor, sizeof g->actor);
        and(c, "(e.source_code GLOB ?%d OR e.target_code GLOB ?%d)", k, k);
    }
    if (f->source[0])
        and(c, "e.source_code GLOB ?%d", prefix_param(c, f->source, g->source, sizeof g->source));
    if (f->target[0])
        and(c, "e.target_code GLOB ?%d", prefix_param(c, f->target, g->target, sizeof g->target));
    if (f->actor_country[0]) {
        int k = text_param(c, f->actor_country);
        and(c, "(sa.country = ?%d OR ta.country = ?%d)", k, k);
    }
}

/* The CAMEO prefix as a range of codes, which the identity index serves
 * ("19" -> "19" <= cameo < "19~"). */
static void cameo_condition(cond *c, const query_filter *f, char *upper, size_t cap)
{
    if (!f->cameo[0])
        return;
    snprintf(upper, cap, "%s~", f->cameo);
    int lo = text_param(c, f->cameo), hi = text_param(c, upper);
    and(c, "e.cameo >= ?%d AND e.cameo < ?%d", lo, hi);
}

static void place_conditions(cond *c, const query_filter *f)
{
    if (f->country[0])
        and(c, "e.country = ?%d", text_param(c, f->country));
    if (f->place)
        and(c, "p.name = ?%d COLLATE NOCASE", text_param(c, f->place));
    if (f->geonameid)
        and(c, "p.geonameid = ?%d", int_param(c, f->geonameid));
    if (f->has_bbox) {
        int s = real_param(c, f->south), n = real_param(c, f->north);
        int w = real_param(c, f->west), e = real_param(c, f->east);
        and(c, "e.lat BETWEEN ?%d AND ?%d", s, n);
        if (f->west <= f->east)
            and(c, "e.lon BETWEEN ?%d AND ?%d", w, e);
        else
            and(c, "(e.lon >= ?%d OR e.lon <= ?%d)", w, e);
    }
}

/* The events one of whose reports' sentences matches the FTS5 query. */
static void text_condition(cond *c, const query_filter *f)
{
    if (!f->text)
        return;
    and(c,
        "e.event_key IN (SELECT m.event_key FROM sentences_fts"
        " JOIN sentences fs ON fs.sentence_key = sentences_fts.rowid"
        " JOIN mentions m ON m.doc_key = fs.doc_key AND m.sentence = fs.idx"
        " WHERE sentences_fts MATCH ?%d)",
        text_param(c, f->text));
}

/* The filters of f as one condition in c (which holds the strings its
 * parameters point to in g and upper: keep them alive with it). */
static void build(cond *c, const query_filter *f, patterns *g, char *upper, size_t cap)
{
    memset(c, 0, sizeof *c);
    if (f->from != INT64_MIN)
        and(c, "e.day >= ?%d", int_param(c, f->from));
    if (f->to != INT64_MAX)
        and(c, "e.day <= ?%d", int_param(c, f->to));
    actor_conditions(c, f, g);
    cameo_condition(c, f, upper, cap);
    if (f->plover[0])
        and(c, "e.plover = ?%d", text_param(c, f->plover));
    place_conditions(c, f);
    text_condition(c, f);
}

static int no_row(int ncols, const char *const *cols, void *ctx)
{
    (void)ncols, (void)cols, (void)ctx;
    return 0;
}

db_result query_check_text(db *d, const char *text)
{
    db_param p = {DB_P_TEXT, 0, 0, text};
    return db_select(d, "SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?1 LIMIT 1", &p, 1, no_row, NULL);
}

db_result query_events(db *d, const query_filter *f, db_event_fn fn, void *ctx)
{
    cond c;
    patterns g;
    char upper[16];
    build(&c, f, &g, upper, sizeof upper);
    if (c.sql.failed) {
        buf_free(&c.sql);
        return DB_NOMEM;
    }
    db_where w = {c.sql.len ? c.sql.p : NULL, c.p, c.n, f->limit};
    db_result r = db_each_event_where(d, &w, fn, ctx);
    buf_free(&c.sql);
    return r;
}

/* ---- counts ---- */

static const struct {
    const char *name;
    const char *expr; /* over e, sa, ta; actor keys have two (source, target) */
    const char *expr2;
    int by_time;
} KEYS[QK_NKEYS] = {
    [QK_NONE] = {"", NULL, NULL, 0},
    [QK_DAY] = {"day", "e.date", NULL, 1},
    [QK_WEEK] = {"week", "date((e.day - (((e.day % 7) + 10) % 7)) * 86400, 'unixepoch')", NULL, 1},
    [QK_MONTH] = {"month", "substr(e.date, 1, 7)", NULL, 1},
    [QK_YEAR] = {"year", "substr(e.date, 1, 4)", NULL, 1},
    [QK_COUNTRY] = {"country", "e.country", NULL, 0},
    [QK_ROOT] = {"root", "e.root", NULL, 0},
    [QK_CAMEO] = {"cameo", "e.cameo", NULL, 0},
    [QK_PLOVER] = {"plover", "e.plover", NULL, 0},
    [QK_ACTOR] = {"actor", "e.source_code", "e.target_code", 0},
    [QK_ACTOR_COUNTRY] = {"actor-country", "sa.country", "ta.country", 0},
    [QK_SOURCE] = {"source", "e.source_code", NULL, 0},
    [QK_TARGET] = {"target", "e.target_code", NULL, 0},
};

query_key query_key_parse(const char *name)
{
    for (int k = 1; k < QK_NKEYS; k++)
        if (name && strcmp(KEYS[k].name, name) == 0)
            return (query_key)k;
    return QK_NONE;
}

const char *query_key_name(query_key k)
{
    return k > QK_NONE && k < QK_NKEYS ? KEYS[k].name : NULL;
}

/* The tables a count reads: events, and the actors' and place's rows only
 * when the filter or the key looks at them (SQLite keeps LEFT JOINs it
 * could drop, and they double a count's time on a large store). */
static void count_from(buf *sql, const query_filter *f, query_key k)
{
    int actors = f->actor_country[0] || k == QK_ACTOR_COUNTRY, place = f->place || f->geonameid;
    buf_puts(sql, " FROM events e");
    if (actors)
        buf_puts(sql, " LEFT JOIN actors sa ON sa.code = e.source_code"
                      " LEFT JOIN actors ta ON ta.code = e.target_code");
    if (place)
        buf_puts(sql, " LEFT JOIN places p ON p.place_key = e.place_key");
}

/* The SQL counting the events meeting where by key k into sql. */
static void count_sql(buf *sql, const query_filter *f, query_key k, const char *where)
{
    buf_puts(sql, "SELECT k, count(*), sum(m) FROM (");
    if (KEYS[k].expr2) { /* an event counts once under each actor it has */
        buf_printf(sql, "SELECT e.event_key, %s AS k, e.mentions AS m", KEYS[k].expr);
        count_from(sql, f, k);
        buf_printf(sql, " WHERE (%s) AND k IS NOT NULL UNION SELECT e.event_key, %s AS k, e.mentions AS m", where,
                   KEYS[k].expr2);
        count_from(sql, f, k);
        buf_printf(sql, " WHERE (%s) AND k IS NOT NULL", where);
    } else {
        buf_printf(sql, "SELECT %s AS k, e.mentions AS m", KEYS[k].expr);
        count_from(sql, f, k);
        buf_printf(sql, " WHERE %s", where);
    }
    buf_puts(sql, ") GROUP BY k ORDER BY ");
    buf_puts(sql, KEYS[k].by_time ? "k IS NULL, k" : "count(*) DESC, k IS NULL, k");
    if (f->limit > 0)
        buf_printf(sql, " LIMIT %lld", (long long)f->limit);
}

typedef struct count_run {
    query_count_fn fn;
    void *ctx;
} count_run;

static int count_row(int ncols, const char *const *cols, void *ctx)
{
    count_run *r = ctx;
    if (ncols < 3)
        return -1;
    return r->fn(cols[0], cols[1] ? strtoll(cols[1], NULL, 10) : 0, cols[2] ? strtoll(cols[2], NULL, 10) : 0,
                 r->ctx);
}

db_result query_counts(db *d, const query_filter *f, query_key k, query_count_fn fn, void *ctx)
{
    if (k <= QK_NONE || k >= QK_NKEYS)
        return DB_ERROR;
    cond c;
    patterns g;
    char upper[16];
    build(&c, f, &g, upper, sizeof upper);
    buf sql = BUF_INIT;
    count_sql(&sql, f, k, c.sql.len ? c.sql.p : "1");
    db_result r = DB_NOMEM;
    if (!sql.failed && !c.sql.failed) {
        count_run run = {fn, ctx};
        r = db_select(d, sql.p, c.p, c.n, count_row, &run);
    }
    buf_free(&sql);
    buf_free(&c.sql);
    return r;
}
