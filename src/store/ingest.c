/*
 * ingest.c - stores what `khaldun code --db` writes for a document
 * (ingest.h): its header line and its events, as JSON lines.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "store/ingest.h"

static const char *str_of(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static int64_t count_of(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_integer(v) && json_integer_value(v) >= 0 ? (int64_t)json_integer_value(v) : -1;
}

/* The two numbers of o's "span" (0 when absent). */
static void span_of(json_t *o, int64_t span[2])
{
    json_t *a = json_object_get(o, "span");
    span[0] = (int64_t)json_integer_value(json_array_get(a, 0));
    span[1] = (int64_t)json_integer_value(json_array_get(a, 1));
}

static void actor_of(json_t *o, const char **code, const char **country, const char **sector, const char **text,
                     int64_t span[2])
{
    *code = str_of(o, "code");
    *country = str_of(o, "country");
    *sector = str_of(o, "sector");
    *text = str_of(o, "text");
    span_of(o, span);
}

/* The event of one line into *e (pointers into o; the casualty note's
 * text in *note, to be freed). */
static int event_of(json_t *o, db_event *e, char **note)
{
    memset(e, 0, sizeof *e);
    json_t *ev = json_object_get(o, "evidence");
    int64_t span[2];
    span_of(ev, span);
    e->sentence = (uint32_t)json_integer_value(json_object_get(o, "sentence"));
    e->evidence = str_of(ev, "text");
    e->span[0] = (uint32_t)span[0];
    e->span[1] = (uint32_t)span[1];
    e->head = str_of(ev, "head");
    e->pattern = str_of(ev, "pattern");
    e->date_text = str_of(ev, "date_text");
    actor_of(json_object_get(o, "source"), &e->source_code, &e->source_country, &e->source_sector, &e->source_text,
             e->source_span);
    actor_of(json_object_get(o, "target"), &e->target_code, &e->target_country, &e->target_sector, &e->target_text,
             e->target_span);
    e->cameo = str_of(o, "cameo");
    e->plover = str_of(o, "plover");
    e->quad_class = (int)json_integer_value(json_object_get(o, "quad_class"));
    json_t *g = json_object_get(o, "goldstein");
    e->has_goldstein = json_is_number(g);
    e->goldstein = json_number_value(g);
    e->date = str_of(o, "date");
    e->date_precision = str_of(o, "date_precision");
    e->time = str_of(o, "time");
    json_t *cas = json_object_get(o, "casualty_note");
    *note = json_is_object(cas) ? json_dumps(cas, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    e->casualty_note = *note;
    json_t *loc = json_object_get(o, "location");
    e->has_place = json_is_object(loc) && json_is_number(json_object_get(loc, "lat"));
    if (e->has_place) {
        e->place_name = str_of(loc, "name");
        e->place_country = str_of(loc, "country");
        e->place_precision = str_of(loc, "precision");
        e->place_admin1 = str_of(loc, "admin1");
        e->lat = json_number_value(json_object_get(loc, "lat"));
        e->lon = json_number_value(json_object_get(loc, "lon"));
        e->geonameid = json_integer_value(json_object_get(loc, "geonameid"));
    }
    e->killed = count_of(o, "killed");
    e->wounded = count_of(o, "wounded");
    int64_t m = count_of(o, "mentions");
    e->reports = m > 0 ? (uint32_t)m : 1;
    return e->cameo ? 0 : -1;
}

db_result db_ingest(db *d, const char *p, size_t n, db_ingest_counts *counts)
{
    const char *end = p + n;
    int skip = 0, started = 0;
    db_result r = DB_OK;
    while (p < end && r == DB_OK) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        json_error_t jerr;
        json_t *o = len ? json_loadb(p, len, 0, &jerr) : NULL;
        p += len + (nl ? 1 : 0);
        if (!len)
            continue;
        json_t *h = json_object_get(o, "kh_doc");
        if (!o) {
            r = DB_ERROR;
        } else if (h) {
            if (started && !skip)
                r = db_doc_end(d);
            db_doc dd = {str_of(h, "id"), str_of(h, "date"), str_of(h, "title"), str_of(h, "source"),
                         str_of(h, "url"), 0, (uint32_t)json_integer_value(json_object_get(h, "sentences"))};
            const char *hash = str_of(h, "hash");
            for (const char *c = hash; c && *c; c++)
                dd.hash = dd.hash * 16 + (uint64_t)(*c <= '9' ? *c - '0' : *c - 'a' + 10);
            if (r == DB_OK && dd.id)
                r = db_doc_begin(d, &dd, &skip);
            started = 1;
            if (r == DB_OK && counts)
                (skip ? &counts->unchanged : &counts->docs)[0]++;
        } else if (started && !skip) {
            db_event e;
            char *note = NULL;
            int is_new = 0;
            r = event_of(o, &e, &note) == 0 ? db_add_event(d, &e, &is_new) : DB_ERROR;
            free(note); /* json_dumps's */
            if (r == DB_OK && counts)
                (is_new ? &counts->events : &counts->mentions)[0]++;
        }
        json_decref(o);
    }
    if (r == DB_OK && started && !skip)
        r = db_doc_end(d);
    return r;
}
