/*
 * gazbuild.c - compiling the gazetteer (see gazbuild.h).
 */
#include "geo/gazbuild.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "geo/gaz.h"
#include "lex/dict.h"

#define NAME_MAX_BYTES 200
#define WARN_PER_FILE 5

/* ---- a string -> uint32 map (open addressing) ---- */

typedef struct smap {
    uint32_t *slot; /* value + 1, 0 empty */
    char **key;
    uint32_t cap, n;
} smap;

static uint32_t shash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static int smap_grow(smap *m)
{
    uint32_t cap = m->cap ? m->cap * 2 : 1024;
    uint32_t *slot = mem_calloc(cap, sizeof *slot);
    char **key = mem_calloc(cap, sizeof *key);
    if (!slot || !key) {
        mem_free(slot);
        mem_free(key);
        return -1;
    }
    for (uint32_t k = 0; k < m->cap; k++)
        if (m->slot[k]) {
            uint32_t h = shash(m->key[k]) & (cap - 1);
            while (slot[h])
                h = (h + 1) & (cap - 1);
            slot[h] = m->slot[k], key[h] = m->key[k];
        }
    mem_free(m->slot);
    mem_free(m->key);
    m->slot = slot, m->key = key, m->cap = cap;
    return 0;
}

/* The value of s, or UINT32_MAX. */
static uint32_t smap_get(const smap *m, const char *s)
{
    if (!m->cap)
        return UINT32_MAX;
    for (uint32_t h = shash(s) & (m->cap - 1); m->slot[h]; h = (h + 1) & (m->cap - 1))
        if (strcmp(m->key[h], s) == 0)
            return m->slot[h] - 1;
    return UINT32_MAX;
}

/* Sets s to v (first setting wins).  Returns 0 or -1. */
static int smap_put(smap *m, const char *s, uint32_t v)
{
    if ((m->n + 1) * 2 > m->cap && smap_grow(m) != 0)
        return -1;
    uint32_t h = shash(s) & (m->cap - 1);
    for (; m->slot[h]; h = (h + 1) & (m->cap - 1))
        if (strcmp(m->key[h], s) == 0)
            return 0;
    char *k = mem_strndup(s, strlen(s));
    if (!k)
        return -1;
    m->slot[h] = v + 1, m->key[h] = k;
    m->n++;
    return 0;
}

static void smap_free(smap *m)
{
    for (uint32_t k = 0; k < m->cap; k++)
        mem_free(m->key[k]);
    mem_free(m->slot);
    mem_free(m->key);
    memset(m, 0, sizeof *m);
}

/* ---- the places being built ---- */

typedef struct bplace {
    gaz_place p;           /* name and parent: p.name an offset in builder.pool, p.parent index + 1 */
    char cc2[3];           /* ISO alpha-2 */
    uint8_t has_coords;
    uint32_t region;       /* index + 1 of its admin1 region, for cities and counties */
    uint32_t county;       /* index + 1 of its admin2 county, for cities */
    uint64_t pop_sum;      /* regions, counties, countries: the population of their places */
} bplace;

typedef struct bname {
    uint32_t str;   /* offset in pool: the name as written */
    uint32_t place;
    uint32_t alt;   /* GAZ_ALT or 0 */
} bname;

typedef struct fvec {
    float *v;
    uint32_t n, cap;
} fvec;

typedef struct builder {
    bplace *pl;
    uint32_t npl, capl;
    bname *nm;
    uint32_t nnm, capn;
    buf pool;
    smap by_iso2, by_iso3, by_admin1, by_admin2;
    fvec *lat, *lon; /* per place: coordinates of the places inside it (regions, counties, countries) */
    uint32_t skipped;
    int oom;
} builder;

/* Grows the array *pp of *cap elements (mem_grow); -1 and b->oom when
 * memory runs out. */
static int grow(builder *b, void *pp, uint32_t *cap, uint32_t first, size_t elem)
{
    void *bigger = mem_grow(*(void **)pp, cap, first, elem);
    if (!bigger) {
        b->oom = 1;
        return -1;
    }
    *(void **)pp = bigger;
    return 0;
}

static uint32_t pool_add(builder *b, const char *s, size_t n)
{
    size_t at = b->pool.len;
    buf_append(&b->pool, s, n);
    buf_putc(&b->pool, '\0');
    if (b->pool.failed || at > UINT32_MAX / 2)
        b->oom = 1;
    return (uint32_t)at;
}

static const char *pool_str(const builder *b, uint32_t off) { return b->pool.p + off; }

/* A new place; returns its index or UINT32_MAX. */
static uint32_t add_place(builder *b, const char *name, size_t n, unsigned kind, const char *iso3, const char *cc2)
{
    char c3[4] = {0}, c2[3] = {0}; /* they may point into b->pl, which moves */
    snprintf(c3, sizeof c3, "%s", iso3 ? iso3 : "");
    if (cc2)
        memcpy(c2, cc2, 2);
    if (b->npl == b->capl && grow(b, &b->pl, &b->capl, 4096, sizeof *b->pl) != 0)
        return UINT32_MAX;
    bplace *q = &b->pl[b->npl];
    memset(q, 0, sizeof *q);
    q->p.name = pool_add(b, name, n);
    q->p.kind = (uint8_t)kind;
    memcpy(q->p.country, c3, 4);
    memcpy(q->cc2, c2, 2);
    return b->npl++;
}

static void add_name(builder *b, uint32_t place, const char *s, size_t n, uint32_t alt)
{
    if (!n || n > NAME_MAX_BYTES)
        return;
    if (b->nnm == b->capn && grow(b, &b->nm, &b->capn, 65536, sizeof *b->nm) != 0)
        return;
    b->nm[b->nnm++] = (bname){pool_add(b, s, n), place, alt};
}

static void add_point(builder *b, uint32_t into, float lat, float lon)
{
    for (int k = 0; k < 2; k++) {
        fvec *v = k ? &b->lon[into] : &b->lat[into];
        if (v->n == v->cap && grow(b, &v->v, &v->cap, 8, sizeof *v->v) != 0)
            return;
        v->v[v->n++] = k ? lon : lat;
    }
}

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

/* The middle of the 2nd-98th percentile range of v. */
static double mid_range(fvec *v)
{
    qsort(v->v, v->n, sizeof *v->v, cmp_float);
    uint32_t lo = v->n >= 50 ? v->n / 50 : 0, hi = v->n >= 50 ? v->n - 1 - v->n / 50 : v->n - 1;
    return ((double)v->v[lo] + v->v[hi]) / 2;
}

static void warn_line(buf *warn, unsigned *nwarn, const char *file, unsigned long line, const char *why)
{
    if ((*nwarn)++ < WARN_PER_FILE)
        buf_printf(warn, "%s:%lu: %s; skipped\n", file, line, why);
}

/* ---- ISO 3166 ---- */

static json_t *load_json(const char *path, buf *err)
{
    json_error_t je;
    json_t *j = json_load_file(path, 0, &je);
    if (!j)
        buf_printf(err, "%s:%d: %s\n", path, je.line, je.text);
    return j;
}

static int read_iso(builder *b, const char *dir, buf *err)
{
    buf path = BUF_INIT;
    buf_printf(&path, "%s/iso_3166-1.json", dir);
    json_t *j = path.p ? load_json(path.p, err) : NULL;
    buf_free(&path);
    json_t *list = j ? json_object_get(j, "3166-1") : NULL;
    if (!json_is_array(list)) {
        if (j)
            buf_printf(err, "%s/iso_3166-1.json: no \"3166-1\" list\n", dir);
        json_decref(j);
        return -1;
    }
    size_t i;
    json_t *c;
    json_array_foreach(list, i, c)
    {
        const char *a2 = json_string_value(json_object_get(c, "alpha_2"));
        const char *a3 = json_string_value(json_object_get(c, "alpha_3"));
        const char *name = json_string_value(json_object_get(c, "name"));
        if (!a2 || !a3 || !name || strlen(a2) != 2 || strlen(a3) != 3 || smap_get(&b->by_iso3, a3) != UINT32_MAX) {
            b->skipped++;
            continue;
        }
        const char *common = json_string_value(json_object_get(c, "common_name"));
        uint32_t k = add_place(b, common ? common : name, strlen(common ? common : name), GK_COUNTRY, a3, a2);
        if (k == UINT32_MAX)
            break;
        memcpy(b->pl[k].p.fcode, "PCLI", 4);
        b->pl[k].p.fclass = 'A';
        static const char *const fields[] = {"name", "official_name", "common_name"};
        for (int f = 0; f < 3; f++) {
            const char *s = json_string_value(json_object_get(c, fields[f]));
            if (s)
                add_name(b, k, s, strlen(s), f == 0 || (f == 2 && common) ? 0 : GAZ_ALT);
        }
        /* "Iran, Islamic Republic of" -> "Iran" */
        const char *comma = strchr(name, ',');
        if (comma)
            add_name(b, k, name, (size_t)(comma - name), GAZ_ALT);
        if (smap_put(&b->by_iso2, a2, k) || smap_put(&b->by_iso3, a3, k))
            b->oom = 1;
    }
    json_decref(j);
    /* Kosovo: not in ISO 3166-1; XK and XKX are the codes in common use (GeoNames', CAMEO's) */
    if (smap_get(&b->by_iso3, "XKX") == UINT32_MAX) {
        uint32_t k = add_place(b, "Kosovo", 6, GK_COUNTRY, "XKX", "XK");
        if (k != UINT32_MAX) {
            memcpy(b->pl[k].p.fcode, "PCLI", 4);
            b->pl[k].p.fclass = 'A';
            add_name(b, k, "Kosovo", 6, 0);
            if (smap_put(&b->by_iso2, "XK", k) || smap_put(&b->by_iso3, "XKX", k))
                b->oom = 1;
        }
    }
    return 0;
}

/* ISO 3166-2 subdivision names as alternate names of the admin1 regions
 * whose names they match (GeoNames' admin1 codes are not ISO's). */
static void read_iso2(builder *b, const char *dir, buf *warn)
{
    buf path = BUF_INIT, err = BUF_INIT;
    buf_printf(&path, "%s/iso_3166-2.json", dir);
    json_t *j = path.p ? load_json(path.p, &err) : NULL;
    json_t *list = j ? json_object_get(j, "3166-2") : NULL;
    if (!json_is_array(list)) {
        buf_printf(warn, "%s: cannot read: %s", path.p ? path.p : "iso_3166-2.json", err.p ? err.p : "no list\n");
        json_decref(j);
        buf_free(&path);
        buf_free(&err);
        return;
    }
    /* the regions by country and key */
    smap regions = {0};
    char key[GAZ_KEY_MAX], both[GAZ_KEY_MAX + 8];
    for (uint32_t k = 0; k < b->npl; k++)
        if (b->pl[k].p.kind == GK_REGION) {
            const char *nm = pool_str(b, b->pl[k].p.name);
            if (gaz_key(nm, strlen(nm), key, sizeof key)) {
                snprintf(both, sizeof both, "%.2s %s", b->pl[k].cc2, key);
                if (smap_put(&regions, both, k))
                    b->oom = 1;
            }
        }
    size_t i;
    json_t *c;
    json_array_foreach(list, i, c)
    {
        const char *code = json_string_value(json_object_get(c, "code"));
        const char *name = json_string_value(json_object_get(c, "name"));
        if (!code || !name || strlen(code) < 4 || code[2] != '-' || json_object_get(c, "parent"))
            continue;
        if (!gaz_key(name, strlen(name), key, sizeof key))
            continue;
        snprintf(both, sizeof both, "%.2s %s", code, key);
        uint32_t r = smap_get(&regions, both);
        if (r != UINT32_MAX)
            add_name(b, r, name, strlen(name), GAZ_ALT);
    }
    smap_free(&regions);
    json_decref(j);
    buf_free(&path);
    buf_free(&err);
}

/* ---- GeoNames regions ---- */

static int read_admin(builder *b, const char *path, int level, buf *warn, buf *err)
{
    json_t *j = load_json(path, err);
    if (!j)
        return -1;
    if (!json_is_array(j)) {
        buf_printf(err, "%s: not a JSON list\n", path);
        json_decref(j);
        return -1;
    }
    unsigned nwarn = 0;
    size_t i;
    json_t *c;
    json_array_foreach(j, i, c)
    {
        const char *code = json_string_value(json_object_get(c, "code"));
        const char *name = json_string_value(json_object_get(c, "name"));
        size_t cl = code ? strlen(code) : 0, nl = name ? strlen(name) : 0;
        const char *dot = code ? strchr(code, '.') : NULL;
        const char *dot2 = dot ? strchr(dot + 1, '.') : NULL;
        if (!code || !name || cl < 4 || cl > 40 || !nl || nl > NAME_MAX_BYTES || dot != code + 2 ||
            (level == 1) != (dot2 == NULL)) {
            warn_line(warn, &nwarn, path, (unsigned long)i + 1, "not a region code and name");
            b->skipped++;
            continue;
        }
        char cc2[3] = {code[0], code[1], 0};
        uint32_t country = smap_get(&b->by_iso2, cc2);
        if (country == UINT32_MAX)
            continue; /* a code ISO does not know */
        uint32_t k = add_place(b, name, nl, level == 1 ? GK_REGION : GK_COUNTY, b->pl[country].p.country, cc2);
        if (k == UINT32_MAX)
            break;
        memcpy(b->pl[k].p.fcode, level == 1 ? "ADM1" : "ADM2", 4);
        b->pl[k].p.fclass = 'A';
        add_name(b, k, name, nl, 0);
        if (level == 1) {
            b->pl[k].p.parent = country + 1;
        } else {
            char a1[48];
            snprintf(a1, sizeof a1, "%.*s", (int)(dot2 - code), code);
            uint32_t r = smap_get(&b->by_admin1, a1);
            b->pl[k].region = r == UINT32_MAX ? 0 : r + 1;
            b->pl[k].p.parent = r == UINT32_MAX ? country + 1 : r + 1;
        }
        if (smap_put(level == 1 ? &b->by_admin1 : &b->by_admin2, code, k))
            b->oom = 1;
    }
    if (nwarn > WARN_PER_FILE)
        buf_printf(warn, "%s: %u entries skipped\n", path, nwarn);
    json_decref(j);
    return 0;
}

/* ---- GeoNames rows ---- */

/* Strict decimal number of s (whole field); 0 when it is not one. */
static int parse_num(const char *s, double *v)
{
    if (!*s)
        return 0;
    char *end;
    errno = 0;
    *v = strtod(s, &end);
    return *end == '\0' && errno == 0 && isfinite(*v);
}

/* A name of GeoNames' alternate names worth indexing: not an airport or
 * postal code, not a link. */
static int good_alternate(const char *s, size_t n)
{
    if (!n || n > NAME_MAX_BYTES || memchr(s, ':', n) || memchr(s, '/', n))
        return 0;
    int upper = 1, digits = 0;
    for (size_t k = 0; k < n; k++) {
        unsigned char c = (unsigned char)s[k];
        if (c >= 'a' && c <= 'z')
            upper = 0;
        if (c >= '0' && c <= '9')
            digits = 1;
    }
    return !digits && !(upper && n <= 4);
}

/* A GeoNames row cut into its fields, with the numbers check_row read. */
typedef struct gn_row {
    char *f[20];
    int nf;
    double lat, lon, pop;
    unsigned long id;
} gn_row;

/* Ends the line that starts at p at its '\n' (or at end), dropping a
 * '\r' before it; returns where the next line starts. */
static char *cut_line(char *p, char *end)
{
    char *nl = memchr(p, '\n', (size_t)(end - p));
    char *le = nl ? nl : end;
    if (le > p && le[-1] == '\r')
        le[-1] = '\0';
    *le = '\0';
    return nl ? nl + 1 : end;
}

/* Cuts s in place at its tabs into at most max fields; returns how many. */
static int split_tabs(char *s, char **f, int max)
{
    int nf = 0;
    while (nf < max) {
        f[nf++] = s;
        char *tab = strchr(s, '\t');
        if (!tab)
            break;
        *tab = '\0';
        s = tab + 1;
    }
    return nf;
}

/* Why row r is skipped, or NULL with its coordinates, population and
 * geonameid read into r. */
static const char *check_row(gn_row *r)
{
    char **f = r->f;
    r->pop = 0;
    if (r->nf < 15)
        return "fewer than 15 tab-separated fields";
    if (!parse_num(f[4], &r->lat) || !parse_num(f[5], &r->lon))
        return "latitude or longitude is not a number";
    if (r->lat < -90 || r->lat > 90 || r->lon < -180 || r->lon > 180)
        return "coordinates out of range";
    if (!*f[1] || strlen(f[1]) > NAME_MAX_BYTES)
        return "name empty or longer than 200 bytes";
    if (strlen(f[8]) != 2)
        return "country code is not two letters";
    if (*f[14] && (!parse_num(f[14], &r->pop) || r->pop < 0 || r->pop > 4e9))
        return "population is not a number";
    char *idend;
    r->id = strtoul(f[0], &idend, 10);
    if (*idend || r->id == 0 || r->id > UINT32_MAX)
        return "geonameid is not a number";
    return NULL;
}

/* Adds the names of list (GeoNames' comma-separated alternate names)
 * worth indexing as alternate names of place k. */
static void add_alternates(builder *b, uint32_t k, const char *list)
{
    for (const char *s = list; *s;) {
        const char *comma = strchr(s, ',');
        size_t n = comma ? (size_t)(comma - s) : strlen(s);
        if (good_alternate(s, n))
            add_name(b, k, s, n, GAZ_ALT);
        s = comma ? comma + 1 : s + n;
    }
}

/* Places city q under its admin1 region (as parent) and admin2 county,
 * found by the row's country, admin1 and admin2 codes. */
static void link_admin(builder *b, bplace *q, char *const *f)
{
    char code[64];
    snprintf(code, sizeof code, "%s.%s", f[8], f[10]);
    uint32_t r = smap_get(&b->by_admin1, code);
    if (r == UINT32_MAX)
        return;
    q->region = r + 1;
    q->p.parent = r + 1;
    snprintf(code, sizeof code, "%s.%s.%s", f[8], f[10], f[11]);
    uint32_t c = smap_get(&b->by_admin2, code);
    q->county = c == UINT32_MAX ? 0 : c + 1;
}

/* Adds the city of checked row r in country, with its names.  Returns 0,
 * or -1 when memory runs out. */
static int add_city(builder *b, const gn_row *r, uint32_t country)
{
    char *const *f = r->f;
    uint32_t k = add_place(b, f[1], strlen(f[1]), GK_CITY, b->pl[country].p.country, f[8]);
    if (k == UINT32_MAX)
        return -1;
    bplace *q = &b->pl[k];
    q->p.geonameid = (uint32_t)r->id;
    q->p.lat = (int32_t)lround(r->lat * 1e6);
    q->p.lon = (int32_t)lround(r->lon * 1e6);
    q->p.population = (uint32_t)r->pop;
    q->has_coords = 1;
    q->p.fclass = (uint8_t)(f[6][0] ? f[6][0] : 'P');
    snprintf(q->p.fcode, sizeof q->p.fcode, "%.5s", f[7]);
    add_name(b, k, f[1], strlen(f[1]), 0);
    if (strcmp(f[2], f[1]) != 0)
        add_name(b, k, f[2], strlen(f[2]), 0);
    add_alternates(b, k, f[3]);
    link_admin(b, q, f);
    return 0;
}

/* Reads one GeoNames row (line `line` of path, cut in place): a city of
 * an ISO country added, a blank line or another country's row passed
 * over, a broken row warned about and counted.  Returns 0, or -1 when
 * memory runs out. */
static int read_geonames_row(builder *b, char *row, const char *path, unsigned long line, unsigned *nwarn, buf *warn)
{
    gn_row r;
    r.nf = split_tabs(row, r.f, 20);
    if (!*row)
        return 0;
    const char *why = check_row(&r);
    if (why) {
        warn_line(warn, nwarn, path, line, why);
        b->skipped++;
        return 0;
    }
    uint32_t country = smap_get(&b->by_iso2, r.f[8]);
    if (country == UINT32_MAX)
        return 0; /* not an ISO country */
    return add_city(b, &r, country);
}

/* Adds the populated places of a GeoNames file (cities1000.txt).
 * Returns 0, or -1 with the reason in err (out of memory: none). */
static int read_geonames(builder *b, const char *path, buf *warn, buf *err)
{
    size_t len;
    char *text = dict_read_file(path, (size_t)1 << 30, &len, err);
    if (!text)
        return -1;
    unsigned nwarn = 0;
    unsigned long line = 0;
    char *p = text, *end = text + len;
    while (p < end && !b->oom) {
        char *next = cut_line(p, end);
        if (read_geonames_row(b, p, path, ++line, &nwarn, warn) != 0)
            break;
        p = next;
    }
    if (nwarn > WARN_PER_FILE)
        buf_printf(warn, "%s: %u rows skipped\n", path, nwarn);
    mem_free(text);
    return b->oom ? -1 : 0;
}

/* ---- the project's additions ---- */

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        *--e = '\0';
    return s;
}

/* Cuts s (the part before "=>") in place at its '|' into a's names.
 * Returns 0, or -1 with the reason in why. */
static int split_names(char *s, gaz_addition *a, const char **why)
{
    for (char *n = s; n;) {
        char *bar = strchr(n, '|');
        if (bar)
            *bar = '\0';
        char *t = trim(n);
        if (!*t) {
            *why = "an empty name";
            return -1;
        }
        if (strlen(t) > NAME_MAX_BYTES) {
            *why = "a name longer than 200 bytes";
            return -1;
        }
        if (a->nnames == 32) {
            *why = "more than 32 names";
            return -1;
        }
        a->names[a->nnames++] = t;
        n = bar ? bar + 1 : NULL;
    }
    return 0;
}

#define PLACE_FIELDS "(ISO3 LAT LON KIND [POPULATION])"

/* Cuts s (the part after "=>") in place at its blanks into f, four or
 * five fields.  Returns how many, or -1 with the reason in why. */
static int split_place_fields(char *s, char *f[6], const char **why)
{
    int nf = 0;
    for (char *t = strtok(s, " \t"); t; t = strtok(NULL, " \t")) {
        if (nf == 6) {
            *why = "more than five fields after \"=>\" " PLACE_FIELDS;
            return -1;
        }
        f[nf++] = t;
    }
    if (nf < 4) {
        *why = "fewer than four fields after \"=>\" " PLACE_FIELDS;
        return -1;
    }
    if (nf == 6) {
        *why = "more than five fields after \"=>\" " PLACE_FIELDS;
        return -1;
    }
    return nf;
}

/* Reads the country field s into iso3: an ISO 3166-1 alpha-3 code, or
 * "-" for none (a continent, a sea: iso3 left empty).  Returns 0 or -1. */
static int parse_iso3(const char *s, char iso3[4])
{
    if (strcmp(s, "-") == 0) {
        iso3[0] = '\0';
        return 0;
    }
    if (strlen(s) != 3 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z' || s[2] < 'A' || s[2] > 'Z')
        return -1;
    memcpy(iso3, s, 4);
    return 0;
}

/* The enum gaz_kind named by s ("country" ... "landmark"), or 0. */
static unsigned parse_kind(const char *s)
{
    static const char *const kinds[] = {"", "country", "region", "county", "area", "city", "landmark"};
    unsigned kind = 0;
    for (unsigned k = 1; k < GK_NKINDS; k++)
        if (strcmp(s, kinds[k]) == 0)
            kind = k;
    return kind;
}

/* Reads the fields after "=>" (ISO3 LAT LON KIND [POPULATION]) into a.
 * Returns 0, or -1 with the reason in why. */
static int parse_place_fields(char *const *f, int nf, gaz_addition *a, const char **why)
{
    if (parse_iso3(f[0], a->iso3) != 0) {
        *why = "the country is not an ISO 3166-1 alpha-3 code (or - for none)";
        return -1;
    }
    if (!parse_num(f[1], &a->lat) || !parse_num(f[2], &a->lon) || a->lat < -90 || a->lat > 90 || a->lon < -180 ||
        a->lon > 180) {
        *why = "latitude or longitude is not a number in range";
        return -1;
    }
    a->kind = parse_kind(f[3]);
    if (!a->kind) {
        *why = "the kind is not one of country, region, county, area, city, landmark";
        return -1;
    }
    if (nf == 5) {
        double pop;
        if (!parse_num(f[4], &pop) || pop < 0 || pop > 4e9 || pop != floor(pop)) {
            *why = "the population is not a whole number";
            return -1;
        }
        a->population = (uint32_t)pop;
    }
    return 0;
}

int gaz_parse_addition(char *line, gaz_addition *a, const char **why)
{
    memset(a, 0, sizeof *a);
    char *hash = strchr(line, '#');
    if (hash)
        *hash = '\0';
    char *s = trim(line);
    if (!*s)
        return 0;
    char *arrow = strstr(s, "=>");
    if (!arrow) {
        *why = "no \"=>\" between the names and the place";
        return -1;
    }
    *arrow = '\0';
    if (split_names(s, a, why) != 0)
        return -1;
    char *f[6];
    int nf = split_place_fields(arrow + 2, f, why);
    if (nf < 0 || parse_place_fields(f, nf, a, why) != 0)
        return -1;
    return 1;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The key by which an addition finds the place it completes:
 * "ISO3 KIND NAMEKEY" (the first three bytes of iso3, even when empty)
 * written to key[GAZ_KEY_MAX + 8].  Returns 0 when name has no key. */
static int kind_key(char *key, const char *iso3, unsigned kind, const char *name)
{
    if (!gaz_key(name, strlen(name), key + 6, GAZ_KEY_MAX + 2))
        return 0;
    memcpy(key, iso3, 3);
    key[3] = ' ', key[4] = (char)('0' + kind), key[5] = ' ';
    return 1;
}

/* An existing place an addition completes: the country itself, or a
 * region or city of the same kind, country and first name's key within
 * 100 km. */
static uint32_t same_place(builder *b, const gaz_addition *a, smap *keys)
{
    if (a->kind == GK_COUNTRY)
        return smap_get(&b->by_iso3, a->iso3);
    if (a->kind != GK_REGION && a->kind != GK_CITY)
        return UINT32_MAX;
    char key[GAZ_KEY_MAX + 8];
    if (!kind_key(key, a->iso3, a->kind, a->names[0]))
        return UINT32_MAX;
    uint32_t k = smap_get(keys, key);
    if (k == UINT32_MAX || !b->pl[k].has_coords)
        return k;
    return gaz_km(a->lat, a->lon, gaz_lat(&b->pl[k].p), gaz_lon(&b->pl[k].p)) < 100 ? k : UINT32_MAX;
}

/* The paths of dir's additions files (*.txt, not hidden), sorted, into
 * *files and *nfiles (the caller frees them).  Returns 0, or -1 with the
 * reason in err (out of memory: none). */
static int list_additions(const char *dir, char ***files, size_t *nfiles, buf *err)
{
    DIR *d = opendir(dir);
    if (!d) {
        buf_printf(err, "%s: cannot open: %s\n", dir, strerror(errno));
        return -1;
    }
    char **list = NULL;
    size_t nf = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n <= 4 || strcmp(e->d_name + n - 4, ".txt") != 0 || e->d_name[0] == '.')
            continue;
        char **bigger = mem_realloc(list, (nf + 1) * sizeof *list);
        buf path = BUF_INIT;
        buf_printf(&path, "%s/%s", dir, e->d_name);
        if (!bigger || path.failed) {
            char **all = bigger ? bigger : list;
            for (size_t k = 0; k < nf; k++)
                mem_free(all[k]); /* the paths collected so far */
            mem_free(all);
            buf_free(&path);
            closedir(d);
            buf_printf(err, "%s: out of memory\n", dir);
            return -1;
        }
        list = bigger;
        list[nf++] = path.p;
    }
    closedir(d);
    qsort(list, nf, sizeof *list, cmp_str);
    *files = list, *nfiles = nf;
    return 0;
}

/* Indexes the regions and cities read so far by kind_key into keys, the
 * first place of a key kept. */
static void index_by_kind_key(builder *b, smap *keys)
{
    char key[GAZ_KEY_MAX + 8];
    for (uint32_t k = 0; k < b->npl; k++) {
        const bplace *q = &b->pl[k];
        if ((q->p.kind == GK_REGION || q->p.kind == GK_CITY) &&
            kind_key(key, q->p.country, q->p.kind, pool_str(b, q->p.name))) {
            if (smap_get(keys, key) == UINT32_MAX && smap_put(keys, key, k) != 0)
                b->oom = 1;
        }
    }
}

/* Reading the additions: the builder, the places they may complete, the
 * count of places they add and the line being read, for messages. */
typedef struct adder {
    builder *b;
    smap keys;             /* regions and cities by kind_key */
    uint32_t *added;
    buf *err;
    const char *file;
    unsigned long line;
} adder;

/* A new place for addition a in country (UINT32_MAX: none), its feature
 * class and code from its kind.  Returns its index or UINT32_MAX. */
static uint32_t add_addition_place(builder *b, const gaz_addition *a, uint32_t country)
{
    uint32_t k = add_place(b, a->names[0], strlen(a->names[0]), a->kind, a->iso3,
                           country == UINT32_MAX ? NULL : b->pl[country].cc2);
    if (k == UINT32_MAX)
        return UINT32_MAX;
    static const char *const codes[] = {"", "PCLI", "ADM1", "ADM2", "AREA", "PPL", "LDMK"};
    snprintf(b->pl[k].p.fcode, sizeof b->pl[k].p.fcode, "%s", codes[a->kind]);
    b->pl[k].p.fclass = a->kind == GK_CITY ? 'P' : a->kind == GK_LANDMARK ? 'S' : a->kind == GK_AREA ? 'L' : 'A';
    b->pl[k].p.parent = country == UINT32_MAX ? 0 : country + 1;
    return k;
}

/* Gives addition a to the place it completes, or to a new one: its
 * coordinates (a country's always, others' when they have none), a
 * larger population, its names.  Returns 0, or -1 with the reason in
 * ad->err (out of memory: none). */
static int apply_addition(adder *ad, const gaz_addition *a)
{
    builder *b = ad->b;
    uint32_t country = a->iso3[0] ? smap_get(&b->by_iso3, a->iso3) : UINT32_MAX;
    if (country == UINT32_MAX && a->iso3[0]) {
        buf_printf(ad->err, "%s:%lu: %s is not an ISO 3166-1 country\n", ad->file, ad->line, a->iso3);
        return -1;
    }
    uint32_t k = same_place(b, a, &ad->keys);
    if (k == UINT32_MAX) {
        if (a->kind == GK_COUNTRY) {
            buf_printf(ad->err, "%s:%lu: a country needs its ISO 3166-1 code\n", ad->file, ad->line);
            return -1;
        }
        k = add_addition_place(b, a, country);
        if (k == UINT32_MAX)
            return -1;
        (*ad->added)++;
    }
    bplace *q = &b->pl[k];
    if (a->kind == GK_COUNTRY || !q->has_coords) {
        q->p.lat = (int32_t)lround(a->lat * 1e6);
        q->p.lon = (int32_t)lround(a->lon * 1e6);
        q->has_coords = 2; /* given: not computed from its places */
    }
    if (a->population > q->p.population)
        q->p.population = a->population;
    for (unsigned n = 0; n < a->nnames; n++)
        add_name(b, k, a->names[n], strlen(a->names[n]), 0); /* curated: all the place's own */
    return 0;
}

/* Reads one additions file, line by line.  Returns 0, or -1 with the
 * reason in ad->err (out of memory: none). */
static int read_additions_file(adder *ad, const char *file)
{
    size_t len;
    char *text = dict_read_file(file, (size_t)16 << 20, &len, ad->err);
    if (!text)
        return -1;
    if (dict_check_text(file, text, len, ad->err) != 0) {
        mem_free(text);
        return -1;
    }
    int rc = 0;
    ad->file = file, ad->line = 0;
    for (char *p = text; p && *p && rc == 0;) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        ad->line++;
        gaz_addition a;
        const char *why = NULL;
        int r = gaz_parse_addition(p, &a, &why);
        if (r < 0) {
            buf_printf(ad->err, "%s:%lu: %s\n", file, ad->line, why);
            rc = -1;
        } else if (r > 0) {
            rc = apply_addition(ad, &a);
        }
        p = nl ? nl + 1 : NULL;
    }
    mem_free(text);
    return rc;
}

/* Adds the project's additions (dir's *.txt files, in name order),
 * counting the new places in *added.  Returns 0, or -1 with the reason
 * in err (out of memory: none). */
static int read_additions(builder *b, const char *dir, uint32_t *added, buf *err)
{
    char **files;
    size_t nf;
    if (list_additions(dir, &files, &nf, err) != 0)
        return -1;
    adder ad = {.b = b, .added = added, .err = err};
    index_by_kind_key(b, &ad.keys);
    int rc = 0;
    for (size_t fi = 0; fi < nf && rc == 0; fi++)
        rc = read_additions_file(&ad, files[fi]);
    smap_free(&ad.keys);
    for (size_t k = 0; k < nf; k++)
        mem_free(files[k]);
    mem_free(files);
    return rc == 0 && !b->oom ? 0 : -1;
}

/* ---- assembling the file ---- */

/* Regions, counties and countries: coordinates from their places where
 * none were given, populations summed; countries' capitals. */
static int settle(builder *b)
{
    b->lat = mem_calloc(b->npl, sizeof *b->lat);
    b->lon = mem_calloc(b->npl, sizeof *b->lon);
    if (!b->lat || !b->lon)
        return -1;
    for (uint32_t k = 0; k < b->npl; k++) {
        bplace *q = &b->pl[k];
        if (q->p.kind != GK_CITY || q->p.geonameid == 0)
            continue;
        float la = (float)gaz_lat(&q->p), lo = (float)gaz_lon(&q->p);
        uint32_t country = smap_get(&b->by_iso3, q->p.country);
        if (country != UINT32_MAX) {
            add_point(b, country, la, lo);
            b->pl[country].pop_sum += q->p.population;
            if (strcmp(q->p.fcode, "PPLC") == 0) {
                uint32_t cap = b->pl[country].p.parent;
                if (!cap || b->pl[cap - 1].p.population < q->p.population)
                    b->pl[country].p.parent = k + 1;
            }
        }
        if (q->region) {
            add_point(b, q->region - 1, la, lo);
            b->pl[q->region - 1].pop_sum += q->p.population;
        }
        if (q->county) {
            add_point(b, q->county - 1, la, lo);
            b->pl[q->county - 1].pop_sum += q->p.population;
        }
    }
    for (uint32_t k = 0; k < b->npl && !b->oom; k++) {
        bplace *q = &b->pl[k];
        if (q->p.kind == GK_COUNTRY || q->p.kind == GK_REGION || q->p.kind == GK_COUNTY) {
            if (q->has_coords != 2 && b->lat[k].n) {
                q->p.lat = (int32_t)lround(mid_range(&b->lat[k]) * 1e6);
                q->p.lon = (int32_t)lround(mid_range(&b->lon[k]) * 1e6);
                q->has_coords = 1;
            }
            if (q->pop_sum > q->p.population)
                q->p.population = q->pop_sum > UINT32_MAX ? UINT32_MAX : (uint32_t)q->pop_sum;
        }
        mem_free(b->lat[k].v);
        mem_free(b->lon[k].v);
    }
    return b->oom ? -1 : 0;
}

/* The order of places in the file (countries first by code, then in
 * order) and of names (by key, then by the place's rank). */
static const builder *sort_b;
static const uint32_t *sort_rank;
static const char *const *sort_keys;

static int cmp_place(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, c = *(const uint32_t *)y;
    const bplace *p = &sort_b->pl[a], *q = &sort_b->pl[c];
    int ca = p->p.kind == GK_COUNTRY, cc = q->p.kind == GK_COUNTRY;
    if (ca != cc)
        return cc - ca;
    if (ca)
        return strcmp(p->p.country, q->p.country);
    return (a > c) - (a < c);
}

typedef struct kname {
    uint32_t key; /* offset in the output strings */
    uint32_t place; /* new index | alt */
} kname;

static int cmp_kname(const void *x, const void *y)
{
    const kname *a = x, *c = y;
    int s = strcmp(sort_keys[0] + a->key, sort_keys[0] + c->key);
    if (s)
        return s;
    uint32_t ra = sort_rank[a->place & ~GAZ_ALT], rc = sort_rank[c->place & ~GAZ_ALT];
    if (ra != rc)
        return (ra > rc) - (ra < rc);
    return (a->place > c->place) - (a->place < c->place);
}

static int cmp_rank_src(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, c = *(const uint32_t *)y;
    const gaz_place *p = &sort_b->pl[a].p, *q = &sort_b->pl[c].p;
    if (p->kind != q->kind && (p->kind == GK_COUNTRY || q->kind == GK_COUNTRY))
        return p->kind == GK_COUNTRY ? -1 : 1;
    if (p->population != q->population)
        return p->population > q->population ? -1 : 1;
    return (a > c) - (a < c);
}

/* The file being laid out from the builder: places in their new order,
 * their names' keys, the strings. */
typedef struct layout {
    uint32_t n;            /* places */
    uint32_t *order;       /* new index -> builder index */
    uint32_t *newi;        /* builder index -> new index */
    uint32_t *rank;        /* new index -> rank (countries, then the most populous first) */
    uint32_t *byrank;      /* rank -> builder index */
    uint32_t ncountries;
    gaz_place *places;     /* in the new order, names as offsets in strings */
    kname *kn;             /* the names: key offset, new index | alt */
    uint32_t nk;
    buf strings;           /* "", the places' names, the names' keys */
    smap keyoff;           /* a key -> its offset in strings */
} layout;

/* Allocates w's arrays for b's places and names.  Returns 0 or -1 (then
 * layout_free still applies). */
static int layout_alloc(layout *w, const builder *b)
{
    memset(w, 0, sizeof *w);
    w->n = b->npl;
    w->order = mem_alloc((size_t)w->n * sizeof *w->order);
    w->newi = mem_alloc((size_t)w->n * sizeof *w->newi);
    w->rank = mem_alloc((size_t)w->n * sizeof *w->rank);
    w->byrank = mem_alloc((size_t)w->n * sizeof *w->byrank);
    w->kn = mem_alloc(((size_t)b->nnm + 1) * sizeof *w->kn);
    w->places = mem_calloc(w->n ? w->n : 1, sizeof *w->places);
    return w->order && w->newi && w->rank && w->byrank && w->kn && w->places ? 0 : -1;
}

/* Frees w's arrays, strings and key map (whatever was allocated). */
static void layout_free(layout *w)
{
    mem_free(w->order);
    mem_free(w->newi);
    mem_free(w->rank);
    mem_free(w->byrank);
    mem_free(w->kn);
    mem_free(w->places);
    buf_free(&w->strings);
    smap_free(&w->keyoff);
}

/* Orders the places (cmp_place) and ranks them (cmp_rank_src), counting
 * the countries. */
static void order_places(layout *w, const builder *b)
{
    for (uint32_t k = 0; k < w->n; k++)
        w->order[k] = k, w->byrank[k] = k;
    sort_b = b;
    qsort(w->order, w->n, sizeof *w->order, cmp_place);
    qsort(w->byrank, w->n, sizeof *w->byrank, cmp_rank_src);
    for (uint32_t k = 0; k < w->n; k++) {
        w->newi[w->order[k]] = k;
        w->ncountries += b->pl[w->order[k]].p.kind == GK_COUNTRY;
    }
    for (uint32_t k = 0; k < w->n; k++)
        w->rank[w->newi[w->byrank[k]]] = k;
}

/* Copies the places in their new order, their names into the strings,
 * their parents renumbered; counts them by kind in st. */
static void copy_places(layout *w, const builder *b, gaz_build_stats *st)
{
    buf_putc(&w->strings, '\0');
    for (uint32_t k = 0; k < w->n; k++) {
        const bplace *q = &b->pl[w->order[k]];
        w->places[k] = q->p;
        const char *nm = pool_str(b, q->p.name);
        w->places[k].name = (uint32_t)w->strings.len;
        buf_append(&w->strings, nm, strlen(nm) + 1);
        w->places[k].parent = q->p.parent ? w->newi[q->p.parent - 1] + 1 : 0;
        st->countries += q->p.kind == GK_COUNTRY;
        st->regions += q->p.kind == GK_REGION;
        st->counties += q->p.kind == GK_COUNTY;
        st->cities += q->p.kind == GK_CITY;
    }
}

/* The names of places with coordinates as keys (each key once in the
 * strings) and new place indexes.  Returns 0, or -1 when memory runs out. */
static int collect_names(layout *w, const builder *b)
{
    char key[GAZ_KEY_MAX];
    for (uint32_t k = 0; k < b->nnm; k++) {
        if (!b->pl[b->nm[k].place].has_coords)
            continue; /* a region without places, a country without a centre */
        const char *s = pool_str(b, b->nm[k].str);
        size_t kl = gaz_key(s, strlen(s), key, sizeof key);
        if (!kl)
            continue;
        uint32_t off = smap_get(&w->keyoff, key);
        if (off == UINT32_MAX) {
            off = (uint32_t)w->strings.len;
            buf_append(&w->strings, key, kl + 1);
            if (smap_put(&w->keyoff, key, off))
                return -1;
        }
        w->kn[w->nk++] = (kname){off, w->newi[b->nm[k].place] | b->nm[k].alt};
    }
    return w->strings.failed || w->strings.len > UINT32_MAX / 2 ? -1 : 0;
}

/* Sorts the names (cmp_kname) and keeps one entry per key and place: the
 * primary name's if it has one.  Returns how many are left. */
static uint32_t merge_names(layout *w)
{
    sort_keys = (const char *const *)&w->strings.p;
    sort_rank = w->rank;
    qsort(w->kn, w->nk, sizeof *w->kn, cmp_kname);
    uint32_t m = 0;
    for (uint32_t k = 0; k < w->nk; k++) {
        kname *last = m ? &w->kn[m - 1] : NULL;
        if (last && last->key == w->kn[k].key && (last->place & ~GAZ_ALT) == (w->kn[k].place & ~GAZ_ALT)) {
            last->place &= w->kn[k].place | ~GAZ_ALT; /* primary wins */
            continue;
        }
        w->kn[m++] = w->kn[k];
    }
    return m;
}

/* Appends zeros to out up to offset at. */
static void pad_to(buf *out, uint32_t at)
{
    while (out->len < at)
        buf_putc(out, 0);
}

/* The payload of the file (geo/gaz.h) into out: the header, the places,
 * the first m names, the strings, each part 8-byte aligned. */
static void lay_out(buf *out, const layout *w, uint32_t m, uint32_t skipped)
{
    gaz_header h;
    memset(&h, 0, sizeof h);
    h.version = GAZ_VERSION;
    h.nplaces = w->n, h.ncountries = w->ncountries, h.nnames = m, h.nstrings = (uint32_t)w->strings.len;
    h.places_at = (uint32_t)sizeof h;
    h.names_at = (uint32_t)(h.places_at + (size_t)w->n * sizeof *w->places);
    h.names_at = (h.names_at + 7u) & ~7u;
    h.strings_at = (uint32_t)(h.names_at + (size_t)m * sizeof(gaz_name));
    h.strings_at = (h.strings_at + 7u) & ~7u;
    h.skipped = skipped;
    buf_append(out, &h, sizeof h);
    buf_append(out, w->places, (size_t)w->n * sizeof *w->places);
    pad_to(out, h.names_at);
    for (uint32_t k = 0; k < m; k++) {
        gaz_name g = {w->kn[k].key, w->kn[k].place};
        buf_append(out, &g, sizeof g);
    }
    pad_to(out, h.strings_at);
    buf_append(out, w->strings.p, w->strings.len);
}

/* Lays the places and names out and writes the file to out_path.
 * Returns 0, or -1 with the reason in err. */
static int write_file(builder *b, const char *out_path, gaz_build_stats *st, buf *err)
{
    int rc = -1;
    layout w;
    buf out = BUF_INIT;
    if (layout_alloc(&w, b) != 0)
        goto done;
    order_places(&w, b);
    copy_places(&w, b, st);
    if (collect_names(&w, b) != 0)
        goto done;
    uint32_t m = merge_names(&w);
    lay_out(&out, &w, m, b->skipped);
    if (out.failed || out.len > UINT32_MAX)
        goto done;
    if (model_write(out_path, GAZ_KIND, out.p, out.len, err) != 0)
        goto done;
    st->places = w.n, st->names = m, st->bytes = out.len + MODEL_HEADER_SIZE;
    rc = 0;
done:
    if (rc != 0 && !err->len)
        buf_puts(err, "out of memory building the gazetteer\n");
    layout_free(&w);
    buf_free(&out);
    return rc;
}

int gaz_build(const gaz_sources *src, const char *out_path, gaz_build_stats *st, buf *warn, buf *err)
{
    builder b;
    memset(&b, 0, sizeof b);
    memset(st, 0, sizeof *st);
    int rc = 0;
    if (!src->iso_dir) {
        buf_puts(err, "the ISO 3166 files are needed (iso-codes)\n");
        return -1;
    }
    rc = read_iso(&b, src->iso_dir, err);
    if (rc == 0 && src->admin1)
        rc = read_admin(&b, src->admin1, 1, warn, err);
    if (rc == 0 && src->admin2)
        rc = read_admin(&b, src->admin2, 2, warn, err);
    if (rc == 0)
        read_iso2(&b, src->iso_dir, warn);
    if (rc == 0 && src->geonames)
        rc = read_geonames(&b, src->geonames, warn, err);
    if (rc == 0 && src->places_dir)
        rc = read_additions(&b, src->places_dir, &st->additions, err);
    if (rc == 0)
        rc = settle(&b);
    if (rc == 0 && b.oom)
        rc = -1;
    if (rc == 0)
        rc = write_file(&b, out_path, st, err);
    else if (!err->len)
        buf_puts(err, "out of memory building the gazetteer\n");
    st->skipped = b.skipped;
    mem_free(b.pl);
    mem_free(b.nm);
    mem_free(b.lat);
    mem_free(b.lon);
    buf_free(&b.pool);
    smap_free(&b.by_iso2);
    smap_free(&b.by_iso3);
    smap_free(&b.by_admin1);
    smap_free(&b.by_admin2);
    return rc;
}
