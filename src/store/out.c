/*
 * out.c - export layouts of coded events (store/out.h): GDELT 2.0 events,
 * Phoenix, CSV and JSON lines; and the reader of khaldun's event JSON lines
 * that `khaldun export` and the fuzz harness use.
 *
 * The layouts are tab-separated (GDELT, Phoenix: a tab, carriage return or
 * line feed inside a text becomes a space, so that a line is always one
 * event with its fixed number of columns) or RFC 4180 CSV (a field with a
 * comma, quote, CR or LF is quoted, quotes doubled).  A field khaldun does
 * not produce is left empty, as GDELT leaves the fields it has no value
 * for.  docs/exports.md describes every column.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>

#include <jansson.h>

#include "store/out.h"
#include "time/calendar.h"

void out_event_init(out_event *e)
{
    memset(e, 0, sizeof *e);
    e->sentence = e->quad_class = e->killed = e->wounded = OUT_NONE;
    e->span_start = e->span_end = e->mentions = e->articles = e->sources = OUT_NONE;
    e->location.geonameid = OUT_NONE;
}

/* ---- reading one event JSON object ---- */

/* A string member (or NULL when absent or null) into *out; -1 when it is
 * something else. */
static int get_str(json_t *obj, const char *key, const char **out, const char *where, buf *err)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v)) {
        buf_printf(err, "%s\"%s\" is not a string or null", where, key);
        return -1;
    }
    *out = json_string_value(v);
    return 0;
}

/* An integer member in [lo, hi] (OUT_NONE when absent or null). */
static int get_int(json_t *obj, const char *key, int64_t lo, int64_t hi, int64_t *out, const char *where, buf *err)
{
    json_t *v = json_object_get(obj, key);
    *out = OUT_NONE;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi) {
        buf_printf(err, "%s\"%s\" is not an integer from %lld to %lld", where, key, (long long)lo, (long long)hi);
        return -1;
    }
    *out = (int64_t)json_integer_value(v);
    return 0;
}

/* A number member in [lo, hi]; *has is 0 when absent or null. */
static int get_num(json_t *obj, const char *key, double lo, double hi, double *out, int *has, const char *where,
                   buf *err)
{
    json_t *v = json_object_get(obj, key);
    *has = 0;
    *out = 0;
    if (!v || json_is_null(v))
        return 0;
    double x = json_number_value(v);
    if (!json_is_number(v) || !(x >= lo && x <= hi)) {
        buf_printf(err, "%s\"%s\" is not a number from %g to %g", where, key, lo, hi);
        return -1;
    }
    *out = x;
    *has = 1;
    return 0;
}

/* An object member into *out: returns 1, or 0 when absent or null, -1
 * when something else. */
static int get_obj(json_t *obj, const char *key, json_t **out, buf *err)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_object(v)) {
        buf_printf(err, "\"%s\" is not an object or null", key);
        return -1;
    }
    *out = v;
    return 1;
}

/* A "span" member, [start, end] with 0 <= start <= end, into *start and
 * *end (left as they are when absent or null); -1 when something else. */
static int get_span(json_t *obj, int64_t *start, int64_t *end, const char *where, buf *err)
{
    json_t *span = json_object_get(obj, "span");
    if (!span || json_is_null(span))
        return 0;
    json_t *s0 = json_array_get(span, 0), *s1 = json_array_get(span, 1);
    if (!json_is_array(span) || json_array_size(span) != 2 || !json_is_integer(s0) || !json_is_integer(s1) ||
        json_integer_value(s0) < 0 || json_integer_value(s1) < json_integer_value(s0)) {
        buf_printf(err, "%s\"span\" is not [start, end] with 0 <= start <= end", where);
        return -1;
    }
    *start = (int64_t)json_integer_value(s0);
    *end = (int64_t)json_integer_value(s1);
    return 0;
}

static int read_actor(json_t *root, const char *key, out_actor *a, buf *err)
{
    json_t *o;
    int got = get_obj(root, key, &o, err);
    if (got <= 0)
        return got;
    char where[16];
    snprintf(where, sizeof where, "%s: ", key);
    if (get_str(o, "code", &a->code, where, err) || get_str(o, "country", &a->country, where, err) ||
        get_str(o, "sector", &a->sector, where, err) || get_str(o, "text", &a->text, where, err) ||
        get_span(o, &a->start, &a->end, where, err))
        return -1;
    return 0;
}

static int read_location(json_t *root, out_location *l, buf *err)
{
    json_t *o;
    int got = get_obj(root, "location", &o, err);
    if (got <= 0)
        return got;
    double lat, lon;
    int has_lat, has_lon;
    const char *w = "location: ";
    if (get_str(o, "name", &l->name, w, err) || get_str(o, "country", &l->country, w, err) ||
        get_num(o, "lat", -90, 90, &lat, &has_lat, w, err) || get_num(o, "lon", -180, 180, &lon, &has_lon, w, err) ||
        get_int(o, "geonameid", 0, INT64_C(1) << 53, &l->geonameid, w, err) ||
        get_str(o, "precision", &l->precision, w, err) || get_str(o, "admin1", &l->admin1, w, err))
        return -1;
    if (!l->name) {
        buf_puts(err, "location: \"name\" is missing");
        return -1;
    }
    l->has_coords = has_lat && has_lon;
    l->lat = has_lat ? lat : 0;
    l->lon = has_lon ? lon : 0;
    return 0;
}

static int read_evidence(json_t *root, out_event *e, buf *err)
{
    json_t *o;
    int got = get_obj(root, "evidence", &o, err);
    if (got <= 0)
        return got;
    const char *w = "evidence: ";
    if (get_str(o, "text", &e->evidence, w, err) || get_span(o, &e->span_start, &e->span_end, w, err) ||
        get_str(o, "head", &e->head, w, err) || get_str(o, "pattern", &e->pattern, w, err) ||
        get_str(o, "date_text", &e->date_text, w, err))
        return -1;
    return 0;
}

/* casualty_note: an object (kept as compact JSON text) or null. */
static int read_casualty_note(json_t *root, out_event *e, buf *err)
{
    json_t *o;
    int got = get_obj(root, "casualty_note", &o, err);
    if (got <= 0)
        return got;
    e->owned_note = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    if (!e->owned_note) {
        buf_puts(err, "out of memory");
        return -1;
    }
    e->casualty_note = e->owned_note;
    return 0;
}

/* The code is one to eight characters without spaces, tabs, quotes or commas. */
static int plain_code(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 8)
        return 0;
    for (size_t k = 0; k < n; k++)
        if ((unsigned char)s[k] <= ' ' || s[k] == '"' || s[k] == ',' || (unsigned char)s[k] >= 0x7F)
            return 0;
    return 1;
}

static int read_event(json_t *root, out_event *e, buf *err)
{
    if (!json_is_object(root)) {
        buf_puts(err, "not a JSON object");
        return -1;
    }
    const char *w = "";
    if (get_str(root, "doc_id", &e->doc_id, w, err) || get_int(root, "sentence", 0, INT32_MAX, &e->sentence, w, err) ||
        read_actor(root, "source", &e->source, err) || read_actor(root, "target", &e->target, err) ||
        get_str(root, "cameo", &e->cameo, w, err) || get_str(root, "plover", &e->plover, w, err) ||
        get_int(root, "quad_class", 0, 4, &e->quad_class, w, err) ||
        get_num(root, "goldstein", -10, 10, &e->goldstein, &e->has_goldstein, w, err) ||
        get_str(root, "date", &e->date, w, err) || get_str(root, "date_precision", &e->date_precision, w, err) ||
        get_str(root, "time", &e->time, w, err) || read_location(root, &e->location, err) ||
        get_int(root, "killed", 0, INT64_C(1) << 40, &e->killed, w, err) ||
        get_int(root, "wounded", 0, INT64_C(1) << 40, &e->wounded, w, err) || read_casualty_note(root, e, err) ||
        read_evidence(root, e, err) ||
        get_str(root, "url", &e->url, w, err) || get_str(root, "doc_source", &e->doc_source, w, err) ||
        get_int(root, "mentions", 1, INT32_MAX, &e->mentions, w, err))
        return -1;
    if (!e->doc_id) {
        buf_puts(err, "\"doc_id\" is missing");
        return -1;
    }
    if (!e->cameo || !plain_code(e->cameo)) {
        buf_puts(err, e->cameo ? "\"cameo\" is not a CAMEO code" : "\"cameo\" is missing");
        return -1;
    }
    int32_t day;
    if (e->date && (strlen(e->date) != 10 || !date_parse_iso(e->date, 10, &day))) {
        buf_printf(err, "\"date\" is not a calendar date YYYY-MM-DD");
        return -1;
    }
    if (e->mentions == OUT_NONE)
        e->mentions = 1;
    return 0;
}

int out_event_parse(const char *line, size_t n, out_event *e, buf *err)
{
    out_event_init(e);
    json_error_t je;
    json_t *root = json_loadb(line, n, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        buf_printf(err, "invalid JSON at column %d: %s", je.column, je.text);
        return -1;
    }
    e->owner = root;
    if (read_event(root, e, err) != 0) {
        out_event_free(e);
        return -1;
    }
    return 0;
}

void out_event_free(out_event *e)
{
    if (e->owner)
        json_decref(e->owner);
    free(e->owned_note); /* json_dumps's, allocated with malloc */
    out_event_init(e);
}

int out_format_parse(const char *name, out_format *f)
{
    static const char *const NAMES[] = {"gdelt", "phoenix", "csv", "jsonl", "tsv"};
    for (int k = 0; k < 5; k++)
        if (name && strcmp(name, NAMES[k]) == 0) {
            *f = (out_format)k;
            return 0;
        }
    return -1;
}

/* ---- pieces shared by the layouts ---- */

/* The year, month and day of a "YYYY-MM-DD" date; 0 when there is none. */
static int date_ymd(const char *date, int *y, int *m, int *d)
{
    int32_t day;
    if (!date || strlen(date) != 10 || !date_parse_iso(date, 10, &day))
        return 0;
    return sscanf(date, "%4d-%2d-%2d", y, m, d) == 3;
}

/* A text as one tab-separated field: tabs, CR and LF become spaces. */
static void tsv_text(buf *b, const char *s)
{
    for (; s && *s; s++)
        buf_putc(b, *s == '\t' || *s == '\r' || *s == '\n' ? ' ' : *s);
}

/* A number as GDELT writes it: one decimal, without ".0" ("-10", "2.8"). */
static void short_number(buf *b, double x)
{
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%.1f", x);
    size_t n = strlen(tmp);
    if (n > 2 && strcmp(tmp + n - 2, ".0") == 0)
        tmp[n - 2] = '\0';
    buf_puts(b, strcmp(tmp, "-0") == 0 ? "0" : tmp);
}

/* The first n characters of s (all of it when shorter). */
static void prefix(buf *b, const char *s, size_t n)
{
    size_t len = s ? strlen(s) : 0;
    for (size_t k = 0; k < len && k < n; k++) /* as tsv_text: a field never splits */
        buf_putc(b, s[k] == '\t' || s[k] == '\r' || s[k] == '\n' ? ' ' : s[k]);
}

int out_geo_type(const out_location *loc)
{
    if (!loc->name)
        return 0;
    const char *p = loc->precision ? loc->precision : "city";
    int us = loc->country && strcmp(loc->country, "USA") == 0;
    if (strcmp(p, "country") == 0)
        return 1;
    if (strcmp(p, "region") == 0)
        return us ? 2 : 5;
    return us ? 3 : 4;
}

/* ---- GDELT 2.0 events ---- */

/* CAMEO actor type codes (GDELT's Actor1Type1Code ...) and religion codes
 * (Actor1Religion1Code ...); a part of an actor code that is neither is a
 * known group (Actor1KnownGroupCode). */
static const char *const TYPES[] = {"AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH",
                                    "HRI", "IGO", "IMG", "INS", "JUD", "LAB", "LEG", "MED", "MIL", "MNC", "MOD",
                                    "NGM", "NGO", "OPP", "PTY", "RAD", "REB", "REF", "SEP", "SET", "SPY", "UAF",
                                    "UIS"};
static const char *const RELIGIONS[] = {"ADR", "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "CPT", "CTH", "DOX",
                                        "DRZ", "HIN", "HSD", "ITR", "JAN", "JEW", "JHW", "LDS", "MOS", "MRN",
                                        "NRM", "PAG", "PRO", "SFI", "SHI", "SHN", "SIK", "SUN", "TAO", "UDX",
                                        "ZRO"};

static int in_list(const char *part, const char *const *list, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (strncmp(part, list[k], 3) == 0)
            return 1;
    return 0;
}

/* Is part[0..3) a CAMEO code part: letters and digits only? */
static int code_part(const char *part)
{
    for (int k = 0; k < 3; k++)
        if (!isalnum((unsigned char)part[k]))
            return 0;
    return 1;
}

/* The ten actor columns: Code, Name, CountryCode, KnownGroupCode,
 * EthnicCode, Religion1Code, Religion2Code, Type1Code, Type2Code,
 * Type3Code.  The code is read in parts of three letters after its
 * country. */
static void gdelt_actor(buf *b, const out_actor *a)
{
    if (!a->code) {
        buf_puts(b, "\t\t\t\t\t\t\t\t\t\t");
        return;
    }
    char group[4] = "", rel[2][4] = {"", ""}, type[3][4] = {"", "", ""};
    size_t nrel = 0, ntype = 0, len = strlen(a->code);
    size_t at = a->country && strncmp(a->code, a->country, 3) == 0 ? 3 : 0;
    for (; at + 3 <= len; at += 3) {
        const char *part = a->code + at;
        if (!code_part(part))
            continue; /* only letters and digits go into the code columns */
        if (in_list(part, TYPES, sizeof TYPES / sizeof TYPES[0])) {
            if (ntype < 3)
                memcpy(type[ntype++], part, 3);
        } else if (in_list(part, RELIGIONS, sizeof RELIGIONS / sizeof RELIGIONS[0])) {
            if (nrel < 2)
                memcpy(rel[nrel++], part, 3);
        } else if (!group[0]) {
            memcpy(group, part, 3);
        }
    }
    tsv_text(b, a->code);
    buf_putc(b, '\t');
    tsv_text(b, a->text);
    buf_putc(b, '\t');
    tsv_text(b, a->country);
    buf_printf(b, "\t%s\t\t%s\t%s\t%s\t%s\t%s\t", group, rel[0], rel[1], type[0], type[1], type[2]);
}

/* The eight geographic columns: Type, FullName, CountryCode, ADM1Code,
 * ADM2Code, Lat, Long, FeatureID.  Without a location, GDELT's type 0 and
 * the rest empty. */
static void gdelt_geo(buf *b, const out_location *l)
{
    int type = out_geo_type(l);
    buf_printf(b, "%d\t", type);
    if (!type) {
        buf_puts(b, "\t\t\t\t\t\t\t");
        return;
    }
    const char *fips = out_fips(l->country);
    tsv_text(b, l->name);
    buf_printf(b, "\t%s\t%s\t\t", fips ? fips : "", type == 1 && fips ? fips : "");
    if (l->has_coords)
        buf_printf(b, "%.4f\t%.4f\t", l->lat, l->lon);
    else
        buf_puts(b, "\t\t");
    if (type == 1 && fips)
        buf_puts(b, fips);
    else if (l->geonameid != OUT_NONE)
        buf_printf(b, "%lld", (long long)l->geonameid);
    buf_putc(b, '\t');
}

void out_gdelt(buf *b, const out_event *e, uint64_t id, const char *added)
{
    static const out_location NOWHERE = {NULL, NULL, 0, 0, 0, OUT_NONE, NULL, NULL};
    int y, m, d;
    buf_printf(b, "%llu\t", (unsigned long long)id);
    if (date_ymd(e->date, &y, &m, &d))
        buf_printf(b, "%04d%02d%02d\t%04d%02d\t%04d\t%.4f\t", y, m, d, y, m, y, y + (m * 30 + d) / 365.0);
    else
        buf_puts(b, "\t\t\t\t");
    gdelt_actor(b, &e->source);
    gdelt_actor(b, &e->target);
    /* IsRootEvent: the lead of the document, its first three sentences */
    buf_printf(b, "%d\t", e->sentence >= 0 && e->sentence < 3 ? 1 : 0);
    tsv_text(b, e->cameo);
    buf_putc(b, '\t');
    prefix(b, e->cameo, 3);
    buf_putc(b, '\t');
    prefix(b, e->cameo, 2);
    buf_putc(b, '\t');
    if (e->quad_class > 0)
        buf_printf(b, "%lld", (long long)e->quad_class);
    buf_putc(b, '\t');
    if (e->has_goldstein)
        short_number(b, e->goldstein);
    /* NumMentions, NumSources, NumArticles (one document unless the store
     * counted them); AvgTone: none */
    buf_printf(b, "\t%lld\t%lld\t%lld\t\t", (long long)(e->mentions > 0 ? e->mentions : 1),
               (long long)(e->sources > 0 ? e->sources : 1), (long long)(e->articles > 0 ? e->articles : 1));
    gdelt_geo(b, &NOWHERE); /* Actor1Geo: khaldun places the event, not its actors */
    gdelt_geo(b, &NOWHERE); /* Actor2Geo */
    gdelt_geo(b, &e->location);
    if (added)
        tsv_text(b, added);
    buf_putc(b, '\t');
    tsv_text(b, e->url ? e->url : e->doc_source);
    buf_putc(b, '\n');
}

/* ---- Phoenix ---- */

/* Full, Entity, Role, Attribute: the entity is the country (or the first
 * part of a code without one), the role and attribute the parts after it. */
static void phoenix_actor(buf *b, const out_actor *a)
{
    if (!a->code) {
        buf_puts(b, "\t\t\t\t");
        return;
    }
    size_t len = strlen(a->code);
    tsv_text(b, a->code);
    buf_putc(b, '\t');
    prefix(b, a->code, 3);
    buf_putc(b, '\t');
    if (len > 3)
        prefix(b, a->code + 3, 3);
    buf_putc(b, '\t');
    if (len > 6)
        tsv_text(b, a->code + 6);
    buf_putc(b, '\t');
}

void out_phoenix(buf *b, const out_event *e, uint64_t id)
{
    int y, m, d;
    buf_printf(b, "%llu\t", (unsigned long long)id);
    if (date_ymd(e->date, &y, &m, &d))
        buf_printf(b, "%04d%02d%02d\t%04d\t%02d\t%02d\t", y, m, d, y, m, d);
    else
        buf_puts(b, "\t\t\t\t");
    phoenix_actor(b, &e->source);
    phoenix_actor(b, &e->target);
    tsv_text(b, e->cameo);
    buf_putc(b, '\t');
    prefix(b, e->cameo, 2);
    buf_putc(b, '\t');
    /* PentaClass: 0 for public statements and appeals (roots 01, 02),
     * else the QuadClass */
    if (e->cameo && (strncmp(e->cameo, "01", 2) == 0 || strncmp(e->cameo, "02", 2) == 0))
        buf_putc(b, '0');
    else if (e->quad_class > 0)
        buf_printf(b, "%lld", (long long)e->quad_class);
    buf_putc(b, '\t');
    if (e->has_goldstein)
        buf_printf(b, "%.1f", e->goldstein);
    buf_puts(b, "\t\t"); /* Issues: not coded */
    const out_location *l = &e->location;
    if (l->name && l->has_coords)
        buf_printf(b, "%.5f\t%.5f\t", l->lat, l->lon);
    else
        buf_puts(b, "\t\t");
    tsv_text(b, l->name);
    buf_putc(b, '\t');
    tsv_text(b, l->name ? l->admin1 : NULL); /* StateName */
    buf_putc(b, '\t');
    tsv_text(b, l->name ? l->country : NULL);
    buf_putc(b, '\t');
    tsv_text(b, e->doc_id);
    if (e->sentence >= 0)
        buf_printf(b, "_%lld", (long long)e->sentence);
    buf_putc(b, '\t');
    tsv_text(b, e->url);
    buf_putc(b, '\t');
    tsv_text(b, e->doc_source);
    buf_putc(b, '\n');
}

/* ---- CSV ---- */

static const char CSV_HEADER[] =
    "doc_id,sentence,source_code,source_country,source_sector,source_text,"
    "target_code,target_country,target_sector,target_text,cameo,plover,quad_class,goldstein,"
    "date,date_precision,time,location_name,location_country,location_lat,location_lon,"
    "location_geonameid,location_precision,killed,wounded,evidence_text,evidence_start,evidence_end,"
    "url,doc_source,mentions\n";

void out_cell(buf *b, const char *s, char sep)
{
    if (sep == '\t') {
        tsv_text(b, s);
    } else if (s && strpbrk(s, ",\"\r\n")) {
        buf_putc(b, '"');
        for (; *s; s++) {
            if (*s == '"')
                buf_putc(b, '"');
            buf_putc(b, *s);
        }
        buf_putc(b, '"');
    } else if (s) {
        buf_puts(b, s);
    }
    buf_putc(b, sep);
}

static void cell_int(buf *b, int64_t v, char sep)
{
    if (v != OUT_NONE)
        buf_printf(b, "%lld", (long long)v);
    buf_putc(b, sep);
}

static void cell_actor(buf *b, const out_actor *a, char sep)
{
    out_cell(b, a->code, sep);
    out_cell(b, a->country, sep);
    out_cell(b, a->sector, sep);
    out_cell(b, a->text, sep);
}

static void cell_location(buf *b, const out_location *l, char sep)
{
    out_cell(b, l->name, sep);
    out_cell(b, l->name ? l->country : NULL, sep);
    if (l->name && l->has_coords)
        buf_printf(b, "%.5f%c%.5f", l->lat, sep, l->lon);
    else
        buf_putc(b, sep);
    buf_putc(b, sep);
    cell_int(b, l->name ? l->geonameid : OUT_NONE, sep);
    out_cell(b, l->name ? l->precision : NULL, sep);
}

void out_csv(buf *b, const out_event *e, char sep)
{
    out_cell(b, e->doc_id, sep);
    cell_int(b, e->sentence, sep);
    cell_actor(b, &e->source, sep);
    cell_actor(b, &e->target, sep);
    out_cell(b, e->cameo, sep);
    out_cell(b, e->plover, sep);
    cell_int(b, e->quad_class, sep);
    if (e->has_goldstein)
        buf_printf(b, "%.1f", e->goldstein);
    buf_putc(b, sep);
    out_cell(b, e->date, sep);
    out_cell(b, e->date_precision, sep);
    out_cell(b, e->time, sep);
    cell_location(b, &e->location, sep);
    cell_int(b, e->killed, sep);
    cell_int(b, e->wounded, sep);
    out_cell(b, e->evidence, sep);
    cell_int(b, e->span_start, sep);
    cell_int(b, e->span_end, sep);
    out_cell(b, e->url, sep);
    out_cell(b, e->doc_source, sep);
    if (e->mentions != OUT_NONE)
        buf_printf(b, "%lld", (long long)e->mentions);
    buf_putc(b, '\n');
}

/* ---- JSON lines ---- */

/* sep_key and the number v (or null). */
static void jfield_int(buf *b, const char *sep_key, int64_t v)
{
    buf_puts(b, sep_key);
    if (v == OUT_NONE)
        buf_puts(b, "null");
    else
        buf_printf(b, "%lld", (long long)v);
}

/* sep_key (",\"name\":") and the string s (or null). */
static void jfield_str(buf *b, const char *sep_key, const char *s)
{
    buf_puts(b, sep_key);
    json_cstr(b, s);
}

static void jsonl_actor(buf *b, const char *key, const out_actor *a)
{
    json_key(b, key);
    if (!a->code) {
        buf_puts(b, "null,");
        return;
    }
    jfield_str(b, "{\"code\":", a->code);
    jfield_str(b, ",\"country\":", a->country);
    jfield_str(b, ",\"sector\":", a->sector);
    jfield_str(b, ",\"text\":", a->text);
    if (a->end > a->start)
        buf_printf(b, ",\"span\":[%lld,%lld]", (long long)a->start, (long long)a->end);
    buf_puts(b, "},");
}

/* sep_key and the string s, only when s is given. */
static void jfield_opt(buf *b, const char *sep_key, const char *s)
{
    if (s)
        jfield_str(b, sep_key, s);
}

/* The evidence object: the sentence and its span, the event's word, the
 * pattern and the date's words; null when none is known. */
static void jsonl_evidence(buf *b, const out_event *e)
{
    buf_puts(b, ",\"evidence\":");
    if (!e->evidence && e->span_start == OUT_NONE && !e->head && !e->pattern && !e->date_text) {
        buf_puts(b, "null");
        return;
    }
    jfield_str(b, "{\"text\":", e->evidence);
    if (e->span_start != OUT_NONE)
        buf_printf(b, ",\"span\":[%lld,%lld]", (long long)e->span_start, (long long)e->span_end);
    jfield_opt(b, ",\"head\":", e->head);
    jfield_opt(b, ",\"pattern\":", e->pattern);
    jfield_opt(b, ",\"date_text\":", e->date_text);
    buf_putc(b, '}');
}

void out_jsonl(buf *b, const out_event *e)
{
    jfield_str(b, "{\"doc_id\":", e->doc_id);
    jfield_int(b, ",\"sentence\":", e->sentence);
    buf_putc(b, ',');
    jsonl_actor(b, "source", &e->source);
    jsonl_actor(b, "target", &e->target);
    jfield_str(b, "\"cameo\":", e->cameo);
    jfield_str(b, ",\"plover\":", e->plover);
    jfield_int(b, ",\"quad_class\":", e->quad_class);
    buf_puts(b, ",\"goldstein\":");
    if (e->has_goldstein)
        buf_printf(b, "%.1f", e->goldstein);
    else
        buf_puts(b, "null");
    jfield_str(b, ",\"date\":", e->date);
    jfield_str(b, ",\"date_precision\":", e->date_precision);
    jfield_str(b, ",\"time\":", e->time);
    buf_puts(b, ",\"location\":");
    const out_location *l = &e->location;
    if (l->name) {
        jfield_str(b, "{\"name\":", l->name);
        jfield_str(b, ",\"country\":", l->country);
        if (l->has_coords)
            buf_printf(b, ",\"lat\":%.5f,\"lon\":%.5f", l->lat, l->lon);
        else
            buf_puts(b, ",\"lat\":null,\"lon\":null");
        jfield_int(b, ",\"geonameid\":", l->geonameid);
        jfield_str(b, ",\"precision\":", l->precision);
        jfield_opt(b, ",\"admin1\":", l->admin1);
        buf_putc(b, '}');
    } else {
        buf_puts(b, "null");
    }
    jfield_int(b, ",\"killed\":", e->killed);
    jfield_int(b, ",\"wounded\":", e->wounded);
    if (e->casualty_note) { /* a JSON object's text (out_event_parse's, or the store's, checked by SQLite) */
        buf_puts(b, ",\"casualty_note\":");
        buf_puts(b, e->casualty_note);
    }
    jsonl_evidence(b, e);
    jfield_opt(b, ",\"url\":", e->url);
    jfield_opt(b, ",\"doc_source\":", e->doc_source);
    jfield_int(b, ",\"mentions\":", e->mentions);
    buf_puts(b, "}\n");
}

/* ---- by format ---- */

void out_header(buf *b, out_format f)
{
    if (f == OUT_CSV)
        buf_puts(b, CSV_HEADER);
    else if (f == OUT_TSV)
        for (const char *c = CSV_HEADER; *c; c++)
            buf_putc(b, *c == ',' ? '\t' : *c);
}

void out_write(buf *b, out_format f, const out_event *e, uint64_t id, const char *added)
{
    switch (f) {
    case OUT_GDELT:
        out_gdelt(b, e, id, added);
        break;
    case OUT_PHOENIX:
        out_phoenix(b, e, id);
        break;
    case OUT_CSV:
        out_csv(b, e, ',');
        break;
    case OUT_TSV:
        out_csv(b, e, '\t');
        break;
    case OUT_JSONL:
        out_jsonl(b, e);
        break;
    }
}
