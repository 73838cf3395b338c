/*
 * attach.c - choosing each event's temporal expression on the dependency
 * tree, and resolving it (time/attach.h).
 */
#include <string.h>

#include "time/attach.h"
#include "time/calendar.h"

enum { MAX_UP = 12, NO_DEPTH = 1000 };

void date_doc_start(date_doc *dd, const char *pub_iso)
{
    memset(dd, 0, sizeof *dd);
    dd->has_pub = pub_iso && date_parse_iso(pub_iso, strnlen(pub_iso, 11), &dd->pub);
}

static int in_span(const date_expr *x, int64_t i)
{
    return i >= x->start && i < x->end;
}

/* The word expression x hangs from (the head of its first word whose head
 * lies outside it), or -1. */
static int32_t governor(const date_sentence *s, const date_expr *x)
{
    for (uint32_t i = x->start; i < x->end && i < s->n; i++) {
        int32_t h = s->w[i].head;
        if (!in_span(x, h))
            return h;
    }
    return -1;
}

/* Relations that open a clause of its own: a date under one belongs to
 * that clause. */
static int clausal(const char *rel)
{
    return rel && (!strncmp(rel, "acl", 3) || !strncmp(rel, "advcl", 5) || !strncmp(rel, "ccomp", 5) ||
                   !strncmp(rel, "xcomp", 5) || !strncmp(rel, "csubj", 5) || !strncmp(rel, "parataxis", 9) ||
                   !strncmp(rel, "conj", 4));
}

/* How near x is to the event headed by h: 0 when it hangs from h or
 * inside h's phrases, k when from (the phrases of) h's k-th governing
 * word, NO_DEPTH when it is not attached to h's clauses.  A date inside a
 * clause of its own ("goods seized in 2001") is that clause's. */
static int depth_of(const date_sentence *s, const date_expr *x, uint32_t h)
{
    int32_t up[MAX_UP];
    int na = 0;
    for (int32_t a = (int32_t)h; na < MAX_UP && a >= 0 && (uint32_t)a < s->n; a = s->w[a].head) {
        if (in_span(x, a))
            return na; /* the parse hangs the clause from the date ("Early Sunday, police fired") */
        up[na++] = a;
    }
    int32_t b = governor(s, x);
    for (int k = 0; k < MAX_UP && b >= 0 && (uint32_t)b < s->n; k++) {
        for (int j = 0; j < na; j++)
            if (up[j] == b)
                return j;
        if (clausal(s->rel[b]))
            break;
        b = s->w[b].head;
    }
    return NO_DEPTH;
}

/* Is x inside a clause of its own (under acl, advcl, ccomp, ...)? */
static int in_clause(const date_sentence *s, const date_expr *x)
{
    int32_t b = governor(s, x);
    for (int k = 0; k < MAX_UP && b >= 0 && (uint32_t)b < s->n; k++) {
        if (clausal(s->rel[b]))
            return 1;
        b = s->w[b].head;
    }
    return 0;
}

/* Is h's verb said to come ("will attack", "shall meet")? */
static int future_of(const date_sentence *s, uint32_t h)
{
    for (uint32_t i = 0; i < s->n; i++) {
        if (s->w[i].head != (int32_t)h || !s->rel[i] || strncmp(s->rel[i], "aux", 3) != 0)
            continue;
        const char *f = s->w[i].lemma ? s->w[i].lemma : s->w[i].form;
        if (!strcmp(f, "will") || !strcmp(f, "shall") || !strcmp(f, "'ll") || !strcmp(f, "wo"))
            return 1;
    }
    return 0;
}

static int has_time(const date_expr *x)
{
    return x->minute >= 0 || x->part;
}

/* The expression of the event headed by h: of the date kinds (want 0) or
 * the times alone (1), the nearest attached, else the only one of the
 * sentence that is in no clause of its own (the parse left it out of the
 * event's tree); -1 when none. */
static int32_t choose(const date_sentence *s, uint32_t h, int want)
{
    int32_t best = -1, free_one = -1, nfree = 0;
    int best_depth = NO_DEPTH;
    uint32_t best_dist = UINT32_MAX;
    for (uint32_t k = 0; k < s->nx; k++) {
        const date_expr *x = &s->x[k];
        if (want == 0 ? !date_has_date(x) : x->kind != DK_TIME)
            continue;
        int d = depth_of(s, x, h);
        uint32_t dist = x->start > h ? x->start - h : h - x->start;
        if (d < best_depth || (d == best_depth && d < NO_DEPTH && dist < best_dist))
            best = (int32_t)k, best_depth = d, best_dist = dist;
        if (d == NO_DEPTH && !in_clause(s, x))
            free_one = (int32_t)k, nfree++;
    }
    if (best >= 0 && best_depth < NO_DEPTH)
        return best;
    return nfree == 1 ? free_one : -1;
}

/* The date an expression counted from an earlier event ("two days later")
 * counts from: the last event dated by the text, when it is in sentence s
 * or the one before; else NULL. */
static const date_value *recent_event(const date_doc *dd, const date_sentence *s)
{
    return dd->has_last && s->index <= dd->last_sentence + 1 ? &dd->last : NULL;
}

static void date_one(date_doc *dd, const date_sentence *s, uint32_t h, event_date *out)
{
    memset(out, 0, sizeof *out);
    out->expr = out->time_expr = -1;
    int32_t k = choose(s, h, 0);
    const date_expr *x = k >= 0 ? &s->x[k] : NULL;
    /* without a publication date, only dates written with their year */
    int absolute = x && x->y && (x->kind == DK_DATE || x->kind == DK_MONTH || x->kind == DK_YEAR);
    if (x && (dd->has_pub || absolute) &&
        date_resolve(x, dd->has_pub ? dd->pub : 0, future_of(s, h), recent_event(dd, s), &out->v)) {
        out->has_date = out->from_text = 1;
        out->expr = k;
    }
    if (!out->has_date && dd->has_pub) {
        out->has_date = 1;
        out->v.day = dd->pub;
        out->v.precision = DATE_DAY;
    }
    int32_t t = choose(s, h, 1);
    if (t < 0 && out->expr >= 0 && has_time(&s->x[out->expr]))
        t = out->expr;
    out->time_expr = t;
}

void date_events(date_doc *dd, const date_sentence *s, const uint32_t *heads, uint32_t ne, event_date *out)
{
    /* in the order of the head words, so that "... on Sunday, and two days
     * later ..." counts from the event before it */
    uint32_t done = 0, last_head = 0;
    int first = 1;
    while (done < ne) {
        uint32_t next = UINT32_MAX;
        for (uint32_t k = 0; k < ne; k++)
            if ((first || heads[k] > last_head) && heads[k] < next)
                next = heads[k];
        if (next == UINT32_MAX)
            break;
        date_value latest = {0, 0};
        int dated = 0;
        for (uint32_t k = 0; k < ne; k++) {
            if (heads[k] != next)
                continue;
            date_one(dd, s, next, &out[k]);
            done++;
            if (out[k].from_text)
                latest = out[k].v, dated = 1;
        }
        if (dated)
            dd->last = latest, dd->has_last = 1, dd->last_sentence = s->index;
        last_head = next;
        first = 0;
    }
}
