/*
 * bench_store.c - insert throughput and size of the event store
 * (src/store/db.c) on generated coded news.
 *
 * usage: bench_store --db FILE [--events N] [--seed S] [--batch N]
 *                    [--data DIR] [--probe-country ISO3] [--probe-day DATE]
 *                    [--quiet]
 *
 * Generates N coded events (default 1,000,000) with a seeded PRNG and
 * stores them through the store's own writing path (db_open, db_doc_begin,
 * db_add_event, db_doc_end, db_close), de-duplication included.  The data
 * looks like coded news so that sizes and latencies mean something:
 *   - documents in publication order over 2019-2025, each of several
 *     sentences with 1-3 events, mostly about one country;
 *   - the 202 countries of data/places/countries.txt with Zipf weights
 *     (the countries most in the news first), a few hundred invented city
 *     points around each country's centre, a place for ~80% of events;
 *   - actors country+sector (GOV, MIL, COP, ...), a country alone, or
 *     absent; ~75 common CAMEO codes with their quad class, Goldstein value
 *     and PLOVER type from data/cameo/codes.txt (through code/cameo.h);
 *   - event dates 0-3 days before publication; killed and wounded for
 *     attacks; evidence sentences of ~25 words from templates and an
 *     invented vocabulary of 3,000 words with Zipf frequencies;
 *   - each report with what schema 2 keeps of it: the verb it was told
 *     with, its pattern ("patterns/verbs-15-20.txt:641", relative to the
 *     data folder as `khaldun code` names them), the words of its date, the actors' spans, the place's region;
 *   - ~12.5% of events retold by a later document (same codes, date within
 *     a day, place within 3 km), so that de-duplication runs at its real
 *     rate.
 * Prints "name: value" lines: documents, coded events (new + further
 * reports), wall and store time, events/s, file size, bytes per event,
 * peak RSS, and the expected row counts of the probe queries
 * (scripts/bench-store.sh checks its query results against them).  The
 * file must not exist: the bench writes a fresh store.  Exit 1 when the
 * store fails or its counts differ from what was inserted.
 */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "code/cameo.h"
#include "store/db.h"
#include "time/calendar.h"

#ifndef KH_DATA_DIR
#define KH_DATA_DIR "data"
#endif

/* ---- the PRNG (xoshiro256**, seeded by splitmix64) and sampling ---- */

typedef struct rng {
    uint64_t s[4];
} rng;

static uint64_t splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static void rng_seed(rng *r, uint64_t seed)
{
    for (int k = 0; k < 4; k++)
        r->s[k] = splitmix(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(rng *r)
{
    uint64_t *s = r->s, out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return out;
}

/* Uniform in [0, 1). */
static double rng_unit(rng *r)
{
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* Uniform in 0 .. n-1 (n > 0). */
static uint32_t rng_below(rng *r, uint32_t n)
{
    return (uint32_t)(rng_unit(r) * n);
}

static int chance(rng *r, double p)
{
    return rng_unit(r) < p;
}

/* Zipf-like ranks: weight 1/(rank+1)^s, drawn by bisection. */
typedef struct zipf {
    double *cum;
    uint32_t n;
} zipf;

static void zipf_init(zipf *z, uint32_t n, double s)
{
    z->n = n;
    z->cum = malloc(n * sizeof *z->cum);
    if (!z->cum) {
        fprintf(stderr, "bench_store: out of memory\n");
        exit(1);
    }
    double total = 0;
    for (uint32_t k = 0; k < n; k++)
        z->cum[k] = total += 1.0 / pow(k + 1.0, s);
}

/* A rank 0 .. n-1, rank 0 the most likely. */
static uint32_t zipf_draw(const zipf *z, rng *r)
{
    double u = rng_unit(r) * z->cum[z->n - 1];
    uint32_t lo = 0, hi = z->n - 1;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (z->cum[mid] <= u)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* An index of the weights w[0..n), drawn in proportion to them. */
static int pick(rng *r, const int *w, int n)
{
    int total = 0;
    for (int k = 0; k < n; k++)
        total += w[k];
    int u = (int)rng_below(r, (uint32_t)total);
    for (int k = 0; k < n; k++)
        if ((u -= w[k]) < 0)
            return k;
    return n - 1;
}

/* ---- the tables: CAMEO codes, sectors, verbs, words ---- */

/* The most common codes in coded news, with rough relative frequencies. */
static const struct {
    const char *code;
    int weight;
} code_mix[] = {
    {"010", 60}, {"011", 5}, {"012", 6}, {"013", 6}, {"015", 4}, {"016", 3}, {"018", 5}, {"019", 6},
    {"020", 25}, {"022", 5}, {"023", 6}, {"0233", 4}, {"024", 5}, {"026", 4}, {"028", 3}, {"030", 10},
    {"031", 5}, {"032", 5}, {"033", 5}, {"036", 25}, {"040", 30}, {"041", 8}, {"042", 30}, {"043", 30},
    {"044", 5}, {"046", 15}, {"050", 6}, {"051", 20}, {"052", 4}, {"054", 3}, {"057", 12}, {"060", 6},
    {"061", 8}, {"062", 4}, {"071", 6}, {"073", 6}, {"080", 4}, {"0841", 3}, {"0871", 3}, {"090", 4},
    {"091", 6}, {"100", 6}, {"111", 25}, {"112", 25}, {"114", 4}, {"115", 3}, {"116", 4}, {"120", 10},
    {"125", 3}, {"128", 4}, {"130", 8}, {"138", 4}, {"140", 5}, {"141", 18}, {"143", 6}, {"145", 6},
    {"150", 5}, {"154", 4}, {"160", 3}, {"163", 8}, {"172", 4}, {"173", 20}, {"174", 3}, {"175", 4},
    {"180", 8}, {"181", 5}, {"182", 4}, {"183", 6}, {"186", 3}, {"190", 20}, {"193", 12}, {"194", 6},
    {"195", 8}, {"200", 2}, {"202", 2},
};
enum { NCODES = sizeof code_mix / sizeof code_mix[0] };

/* Actor sectors with their weights and the words news uses for them. */
static const struct {
    const char *code;
    int weight;
    const char *words[3];
} sectors[] = {
    {"GOV", 30, {"the government", "officials", "the ministry"}},
    {"MIL", 14, {"the army", "troops", "soldiers"}},
    {"COP", 12, {"police", "police officers", "security forces"}},
    {"REB", 6, {"rebels", "militants", "insurgents"}},
    {"OPP", 6, {"the opposition", "opposition leaders", "opposition supporters"}},
    {"CVL", 10, {"residents", "civilians", "protesters"}},
    {"BUS", 5, {"businesses", "a company", "traders"}},
    {"MED", 4, {"journalists", "reporters", "a newspaper"}},
    {"JUD", 3, {"a court", "judges", "prosecutors"}},
    {"LEG", 4, {"lawmakers", "parliament", "legislators"}},
    {"EDU", 2, {"students", "teachers", "a university"}},
    {"HLH", 2, {"doctors", "health workers", "a hospital"}},
    {"LAB", 2, {"workers", "unions", "strikers"}},
    {"REF", 1, {"refugees", "displaced families", "migrants"}},
};
enum { NSECTORS = sizeof sectors / sizeof sectors[0], SEC_COP = 2, SEC_REB = 3, SEC_MIL = 1 };

/* What each CAMEO root's events are told with (index: root - 1). */
static const char *const root_verbs[20][3] = {
    {"said of", "spoke about", "commented on"},        {"called on", "urged", "appealed to"},
    {"pledged to work with", "offered to help", "agreed to talk with"},
    {"met", "held talks with", "visited"},             {"praised", "backed", "signed an accord with"},
    {"cooperated with", "signed a trade deal with", "shared intelligence with"},
    {"sent aid to", "delivered supplies to", "pledged funds to"},
    {"released", "eased restrictions on", "agreed a truce with"},
    {"opened an inquiry into", "investigated", "launched a probe into"},
    {"demanded concessions from", "insisted on talks with", "pressed"},
    {"criticised", "accused", "condemned"},           {"rejected", "refused an offer from", "turned down"},
    {"threatened", "warned", "issued an ultimatum to"}, {"protested against", "rallied against", "marched against"},
    {"deployed troops near", "reinforced positions against", "mobilised against"},
    {"cut ties with", "imposed sanctions on", "expelled envoys of"},
    {"arrested", "detained", "seized property of"},    {"attacked", "bombed", "abducted"},
    {"clashed with", "shelled", "launched air strikes on"}, {"massacred", "carried out mass killings of", "expelled"},
};

static const char *const function_words[] = {
    "the", "of", "and", "a", "to", "in", "that", "for", "with", "on", "was", "by", "after", "as", "from",
    "at", "is", "were", "had", "have", "has", "but", "its", "their", "which", "who", "this", "it", "an",
    "over", "about", "against", "amid", "during", "before", "since", "while", "under", "new", "other",
    "two", "three", "last", "week", "year", "month", "region", "city", "country", "people", "government",
};
enum { NFUNCTION = sizeof function_words / sizeof function_words[0] };

static const char *const weekdays[7] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                                        "Sunday"};
static const char *const speakers[] = {"officials", "police", "a spokesman", "witnesses", "the ministry",
                                       "local media", "aid workers", "a statement"};
static const char *const outlet_kinds[] = {"Times", "Post", "Herald", "News", "Daily", "Monitor",
                                           "Tribune", "Observer", "Gazette", "Wire"};

/* Countries most in the news, in order; the others follow shuffled. */
static const char *const news_countries[] = {
    "USA", "CHN", "RUS", "UKR", "GBR", "ISR", "IRN", "IND", "FRA", "DEU", "TUR", "SYR", "IRQ", "AFG", "PAK",
    "JPN", "KOR", "PRK", "NGA", "EGY", "SAU", "PSE", "LBN", "YEM", "BRA", "MEX", "AUS", "CAN", "ZAF", "SDN",
};

/* ---- the invented world ---- */

enum { NVOCAB = 3000, NSURNAMES = 800, NGIVEN = 200, NOUTLETS = 300, RARE_RANK = 2000 };

typedef struct city {
    char name[24];
    double lat, lon;
    int64_t geonameid;
    uint32_t region;   /* its first-level region, in country.regions */
} city;

typedef struct country {
    char iso3[4];
    char name[48];
    double lat, lon;
    city *cities;
    uint32_t ncities;
    zipf city_z;
    char (*regions)[24];
    uint32_t nregions;
} country;

typedef struct world {
    country *c;          /* in news rank order */
    uint32_t nc;
    zipf country_z;
    cameo_table table;
    const cameo_code *code[NCODES];
    int code_w[NCODES], sector_w[NSECTORS];
    char vocab[NVOCAB][16], surnames[NSURNAMES][16], given[NGIVEN][16], outlets[NOUTLETS][40],
        domains[NOUTLETS][40];
    zipf vocab_z, name_z, outlet_z;
} world;

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "bench_store: ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

/* An invented word of 2-4 syllables into out (capitalised when asked). */
static void invent_word(rng *r, char *out, size_t cap, int capital)
{
    static const char *const onset[] = {"b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v",
                                        "z", "br", "dr", "kr", "st", "tr", "sh", "ch", "th", "gl", "pl"};
    static const char *const nucleus[] = {"a", "e", "i", "o", "u", "ai", "ea", "ou", "ar", "en", "or", "il"};
    int n = 2 + (int)rng_below(r, 3);
    size_t len = 0;
    out[0] = 0;
    for (int k = 0; k < n; k++) {
        const char *o = onset[rng_below(r, sizeof onset / sizeof *onset)];
        const char *v = nucleus[rng_below(r, sizeof nucleus / sizeof *nucleus)];
        len += (size_t)snprintf(out + len, cap - len, "%s%s", o, v);
        if (len >= cap - 1)
            break;
    }
    if (capital)
        out[0] = (char)toupper((unsigned char)out[0]);
}

/* 1 when word (any case) is one of the n words of list (stride bytes apart). */
static int seen(const char *list, size_t stride, uint32_t n, const char *word)
{
    for (uint32_t k = 0; k < n; k++)
        if (strcasecmp(list + k * stride, word) == 0)
            return 1;
    return 0;
}

/* Fills list[0..n) with distinct invented words, none in avoid[0..navoid). */
static void invent_words(rng *r, char *list, size_t stride, uint32_t n, const char *avoid, uint32_t navoid,
                         int capital)
{
    for (uint32_t k = 0; k < n; k++) {
        char *w = list + k * stride;
        do
            invent_word(r, w, stride, capital);
        while (seen(list, stride, k, w) || (avoid && seen(avoid, 16, navoid, w)));
    }
}

/* Reads data/places/countries.txt: "Name | Other => ISO3 LAT LON country". */
static void load_countries(world *w, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        die("cannot read %s", path);
    char line[512];
    uint32_t cap = 256;
    w->c = calloc(cap, sizeof *w->c);
    while (w->c && fgets(line, sizeof line, f)) {
        char *arrow = strstr(line, "=>");
        if (line[0] == '#' || !arrow)
            continue;
        country *c = &w->c[w->nc];
        char kind[16];
        if (w->nc == cap || sscanf(arrow + 2, "%3s %lf %lf %15s", c->iso3, &c->lat, &c->lon, kind) != 4)
            die("%s: a line not of the form NAME => ISO3 LAT LON KIND", path);
        size_t n = strcspn(line, "|=");
        while (n && line[n - 1] == ' ')
            n--;
        snprintf(c->name, sizeof c->name, "%.*s", (int)n, line);
        w->nc++;
    }
    fclose(f);
    if (!w->c || w->nc < (uint32_t)(sizeof news_countries / sizeof *news_countries))
        die("%s: too few countries", path);
}

/* Puts the news countries first, in their order, and shuffles the rest. */
static void rank_countries(world *w, rng *r)
{
    uint32_t placed = 0;
    for (size_t k = 0; k < sizeof news_countries / sizeof *news_countries; k++)
        for (uint32_t j = placed; j < w->nc; j++)
            if (strcmp(w->c[j].iso3, news_countries[k]) == 0) {
                country t = w->c[placed];
                w->c[placed++] = w->c[j];
                w->c[j] = t;
                break;
            }
    for (uint32_t j = w->nc - 1; j > placed; j--) {
        uint32_t i = placed + rng_below(r, j - placed + 1);
        country t = w->c[i];
        w->c[i] = w->c[j];
        w->c[j] = t;
    }
}

/* A few hundred invented cities around each country's centre (more for
 * the countries more in the news). */
static void make_cities(world *w, rng *r)
{
    for (uint32_t k = 0; k < w->nc; k++) {
        country *c = &w->c[k];
        c->ncities = 30 + (uint32_t)(370.0 / sqrt(k + 1.0));
        c->nregions = 5 + c->ncities / 20;
        c->cities = calloc(c->ncities, sizeof *c->cities);
        c->regions = calloc(c->nregions, sizeof *c->regions);
        if (!c->cities || !c->regions)
            die("%s", "out of memory");
        for (uint32_t j = 0; j < c->nregions; j++)
            invent_word(r, c->regions[j], sizeof c->regions[j], 1);
        for (uint32_t j = 0; j < c->ncities; j++) {
            city *t = &c->cities[j];
            invent_word(r, t->name, sizeof t->name, 1);
            double dist = 2.5 * sqrt(rng_unit(r)), angle = 2 * M_PI * rng_unit(r);
            t->lat = fmax(-89.0, fmin(89.0, c->lat + dist * cos(angle)));
            t->lon = c->lon + dist * sin(angle);
            t->lon = t->lon > 180 ? t->lon - 360 : t->lon < -180 ? t->lon + 360 : t->lon;
            t->lat = round(t->lat * 1e5) / 1e5;
            t->lon = round(t->lon * 1e5) / 1e5;
            t->geonameid = 20000000 + (int64_t)k * 1000 + j;
            t->region = rng_below(r, c->nregions);
        }
        zipf_init(&c->city_z, c->ncities, 1.0);
    }
}

static void make_world(world *w, rng *r, const char *data)
{
    char path[4096];
    buf err = BUF_INIT;
    snprintf(path, sizeof path, "%s/cameo/codes.txt", data);
    if (cameo_load(&w->table, path, &err) != 0)
        die("%s", err.p ? err.p : path);
    buf_free(&err);
    for (int k = 0; k < NCODES; k++) {
        w->code[k] = cameo_find(&w->table, code_mix[k].code);
        if (!w->code[k])
            die("CAMEO code %s is not in the code table", code_mix[k].code);
        w->code_w[k] = code_mix[k].weight;
    }
    for (int k = 0; k < NSECTORS; k++)
        w->sector_w[k] = sectors[k].weight;
    snprintf(path, sizeof path, "%s/places/countries.txt", data);
    load_countries(w, path);
    rank_countries(w, r);
    make_cities(w, r);
    zipf_init(&w->country_z, w->nc, 1.0);
    invent_words(r, &w->vocab[0][0], 16, NVOCAB, NULL, 0, 0);
    invent_words(r, &w->surnames[0][0], 16, NSURNAMES, &w->vocab[0][0], NVOCAB, 1);
    invent_words(r, &w->given[0][0], 16, NGIVEN, &w->surnames[0][0], NSURNAMES, 1);
    for (int k = 0; k < NOUTLETS; k++) {
        char name[16];
        invent_word(r, name, sizeof name, 1);
        snprintf(w->outlets[k], sizeof w->outlets[k], "The %s %s", name,
                 outlet_kinds[rng_below(r, sizeof outlet_kinds / sizeof *outlet_kinds)]);
        snprintf(w->domains[k], sizeof w->domains[k], "%c%s%d.example", tolower((unsigned char)name[0]),
                 name + 1, k);
    }
    zipf_init(&w->vocab_z, NVOCAB, 1.0);
    zipf_init(&w->name_z, NSURNAMES, 0.8);
    zipf_init(&w->outlet_z, NOUTLETS, 1.0);
}

/* ---- stories: what a coded event is about ---- */

typedef struct actor {
    int country;   /* index in world.c, -1: no actor */
    int sector;    /* index in sectors, -1: the country alone */
} actor;

typedef struct story {
    uint32_t doc;  /* the document that first told it */
    int code;      /* index in code_mix */
    actor src, tgt;
    int32_t day;
    int country;   /* of its place, -1: no place */
    int city;      /* -1: the country as a whole */
    double lat, lon;
    int64_t killed, wounded;
} story;

static int root_of(const world *w, int code)
{
    return atoi((char[3]){w->code[code]->code[0], w->code[code]->code[1], 0});
}

static int violent(int root)
{
    return root >= 18 || root == 14 || root == 17;
}

/* An actor of the event at country c with root root (source or not). */
static actor make_actor(const world *w, rng *r, int c, int root, int is_source)
{
    double absent = is_source ? (root >= 18 ? 0.30 : 0.10) : (root == 14 ? 0.40 : 0.20);
    actor a = {-1, -1};
    if (chance(r, absent))
        return a;
    a.country = chance(r, 0.75) ? c : (int)zipf_draw(&w->country_z, r);
    if (chance(r, 0.08))
        return a;
    if (is_source && root == 14)
        a.sector = (int[]){5, 4, 12, 10}[rng_below(r, 4)]; /* CVL OPP LAB EDU */
    else if (is_source && root == 17)
        a.sector = SEC_COP;
    else if (is_source && root >= 18)
        a.sector = chance(r, 0.5) ? SEC_REB : SEC_MIL;
    else
        a.sector = pick(r, w->sector_w, NSECTORS);
    return a;
}

/* How many were killed or wounded: often none given, a long tail. */
static int64_t casualties(rng *r, double given)
{
    if (!chance(r, given))
        return -1;
    return 1 + (int64_t)floor(pow(rng_unit(r), 3.0) * 40.0 + (chance(r, 0.02) ? 100 * rng_unit(r) : 0));
}

/* A new story at country c, on day (or -1 for the document's focus). */
static story new_story(const world *w, rng *r, uint32_t doc, int c, int32_t day)
{
    story s = {0};
    s.doc = doc;
    s.code = pick(r, w->code_w, NCODES);
    int root = root_of(w, s.code);
    s.src = make_actor(w, r, c, root, 1);
    s.tgt = make_actor(w, r, c, root, 0);
    s.day = day;
    s.country = -1;
    s.city = -1;
    if (chance(r, 0.80)) {
        const country *k = &w->c[c];
        s.country = c;
        s.city = chance(r, 0.94) ? (int)zipf_draw(&k->city_z, r) : -1;
        s.lat = s.city >= 0 ? k->cities[s.city].lat : k->lat;
        s.lon = s.city >= 0 ? k->cities[s.city].lon : k->lon;
    }
    s.killed = violent(root) ? casualties(r, root >= 18 ? 0.55 : 0.15) : -1;
    s.wounded = violent(root) ? casualties(r, root >= 18 ? 0.45 : 0.15) : -1;
    return s;
}

/* The same event as another document tells it: a date within a day, the
 * same place or one within 3 km, its own casualty figures. */
static story retell(rng *r, const story *first, uint32_t doc)
{
    story s = *first;
    s.doc = doc;
    int shift = pick(r, (const int[]){15, 70, 15}, 3) - 1;
    s.day += shift;
    if (s.country >= 0 && chance(r, 0.25)) {
        double km = 3.0 * rng_unit(r), angle = 2 * M_PI * rng_unit(r);
        s.lat = round((s.lat + km * cos(angle) / 111.2) * 1e5) / 1e5;
        s.lon = round((s.lon + km * sin(angle) / (111.2 * fmax(0.05, cos(s.lat * M_PI / 180)))) * 1e5) / 1e5;
    }
    if (s.killed >= 0 && chance(r, 0.3))
        s.killed += (int64_t)rng_below(r, 4);
    if (chance(r, 0.3))
        s.killed = -1;
    return s;
}

/* ---- the text ---- */

typedef struct text {
    char p[2048];
    size_t n;
    int words;
} text;

/* Appends s as a word, after a space unless at the start or joined. */
static void put(text *t, const char *s)
{
    if (t->n + strlen(s) + 2 >= sizeof t->p)
        return;
    if (t->n && t->p[t->n - 1] != ' ')
        t->p[t->n++] = ' ';
    t->n += (size_t)snprintf(t->p + t->n, sizeof t->p - t->n, "%s", s);
    t->words++;
}

/* Appends punctuation right after the last word. */
static void punct(text *t, const char *s)
{
    if (t->n + strlen(s) + 1 < sizeof t->p)
        t->n += (size_t)snprintf(t->p + t->n, sizeof t->p - t->n, "%s", s);
}

/* The words of actor a into out ("police", "Kenya troops", "Kenya"). */
static void actor_words(const world *w, rng *r, const actor *a, char *out, size_t cap)
{
    const char *word = a->sector >= 0 ? sectors[a->sector].words[rng_below(r, 3)] : "";
    if (a->sector < 0)
        snprintf(out, cap, "%s", w->c[a->country].name);
    else if (chance(r, 0.35))
        snprintf(out, cap, "%s %s", w->c[a->country].name, strncmp(word, "the ", 4) == 0 ? word + 4 : word);
    else
        snprintf(out, cap, "%s", word);
}

/* The code of actor a ("KENCOP", "KEN") into out, or NULL without one. */
static const char *actor_code(const world *w, const actor *a, char out[8])
{
    if (a->country < 0)
        return NULL;
    snprintf(out, 8, "%s%s", w->c[a->country].iso3, a->sector >= 0 ? sectors[a->sector].code : "");
    return out;
}

/* Filler words up to a sentence of want words: common words, the invented
 * vocabulary with Zipf frequencies, names and numbers. */
static void fill(const world *w, rng *r, text *t, int want)
{
    while (t->words < want) {
        double u = rng_unit(r);
        char num[16];
        if (u < 0.40)
            put(t, function_words[rng_below(r, NFUNCTION)]);
        else if (u < 0.88)
            put(t, w->vocab[zipf_draw(&w->vocab_z, r)]);
        else if (u < 0.94) {
            if (chance(r, 0.5))
                put(t, w->given[rng_below(r, NGIVEN)]);
            put(t, w->surnames[zipf_draw(&w->name_z, r)]);
        } else {
            snprintf(num, sizeof num, "%u", chance(r, 0.5) ? rng_below(r, 100) : 1990 + rng_below(r, 36));
            put(t, num);
        }
        if (chance(r, 0.06) && t->words < want - 2)
            punct(t, ",");
    }
}

/* Where the story happened, as a sentence says it. */
static void put_place(const world *w, rng *r, text *t, const story *s)
{
    if (s->country < 0)
        return;
    put(t, chance(r, 0.7) ? "in" : "near");
    put(t, s->city >= 0 ? w->c[s->country].cities[s->city].name : w->c[s->country].name);
}

/* An evidence sentence telling story s (the actors' words in src, tgt). */
static void tell(const world *w, rng *r, text *t, const story *s, const char *src, const char *tgt)
{
    int root = root_of(w, s->code);
    t->n = 0;
    t->words = 0;
    t->p[0] = 0;
    int front = chance(r, 0.10);
    if (front) {
        put(t, "According to");
        put(t, w->outlets[zipf_draw(&w->outlet_z, r)]);
        punct(t, ",");
    }
    put(t, src ? src : root >= 18 ? "gunmen" : root == 14 ? "crowds" : "a spokesman");
    if (!front && t->p[0] >= 'a' && t->p[0] <= 'z')
        t->p[0] = (char)(t->p[0] - 'a' + 'A');
    put(t, root_verbs[root - 1][rng_below(r, 3)]);
    if (tgt)
        put(t, tgt);
    put_place(w, r, t, s);
    put(t, "on");
    put(t, weekdays[date_weekday(s->day)]);
    char num[48];
    if (s->killed > 0) {
        snprintf(num, sizeof num, ", killing %lld people", (long long)s->killed);
        punct(t, num);
        t->words += 3;
    }
    if (s->wounded > 0) {
        snprintf(num, sizeof num, " and wounding %lld", (long long)s->wounded);
        punct(t, num);
        t->words += 3;
    }
    int want = 16 + (int)rng_below(r, 19);
    if (chance(r, 0.45)) {
        punct(t, ",");
        put(t, speakers[rng_below(r, sizeof speakers / sizeof *speakers)]);
        put(t, "said");
    }
    if (t->words < want) {
        punct(t, ",");
        fill(w, r, t, want);
    }
    punct(t, ".");
}

/* ---- the probes: row counts the queries must return ---- */

typedef struct probes {
    int country;              /* index of --probe-country */
    int32_t day, month_first, month_last, year_first, year_last;
    long day_rows, month_rows, year_rows;
    const char *rare;         /* an invented word of Zipf rank RARE_RANK */
    long said, rare_rows, pair_rows;
} probes;

/* Counts the sentence for the full-text probes, reading its tokens as
 * FTS5's unicode61 tokenizer does for ASCII text (letters and digits,
 * folded to lower case). */
static void probe_sentence(probes *p, const char *s)
{
    int said = 0, rare = 0, police = 0, protesters = 0;
    while (*s) {
        while (*s && !isalnum((unsigned char)*s))
            s++;
        char tok[64];
        size_t n = 0;
        for (; isalnum((unsigned char)*s); s++)
            if (n < sizeof tok - 1)
                tok[n++] = (char)tolower((unsigned char)*s);
        tok[n] = 0;
        said |= strcmp(tok, "said") == 0;
        rare |= strcmp(tok, p->rare) == 0;
        police |= strcmp(tok, "police") == 0;
        protesters |= strcmp(tok, "protesters") == 0;
    }
    p->said += said;
    p->rare_rows += rare;
    p->pair_rows += police && protesters;
}

static void probe_event(probes *p, const story *s)
{
    if (s->country == p->country && s->day == p->day)
        p->day_rows++;
    if (s->country == p->country && s->day >= p->month_first && s->day <= p->month_last)
        p->month_rows++;
    if (s->day >= p->year_first && s->day <= p->year_last)
        p->year_rows++;
}

/* ---- the run ---- */

typedef struct options {
    const char *path, *data, *probe_country, *probe_day;
    long events;
    uint64_t seed;
    int batch, quiet;
} options;

typedef struct run {
    const world *w;
    rng r;
    db *d;
    options o;
    probes p;
    long done, fresh, retold, docs;
    double store_seconds;
    long long written, read; /* bytes, by the end of db_close */
    story *ring;            /* the last RING new stories, for retelling */
    uint32_t ring_n;
    int32_t first_day, ndays;
} run;

enum { RING = 5000 };

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Dies with the store's message when r is not DB_OK. */
static void check(run *u, db_result r, const char *doing)
{
    if (r != DB_OK) {
        fprintf(stderr, "bench_store: %s: %s\n", doing, db_errmsg(u->d));
        exit(1);
    }
}

/* A story for the next event of document doc: a retelling of an earlier
 * document's event (12.5%, once 200 events are stored), or a new one at country c on day. */
static story next_story(run *u, uint32_t doc, int c, int32_t day, int *retold)
{
    *retold = 0;
    if (u->ring_n >= 200 && chance(&u->r, 0.125))
        for (int tries = 0; tries < 4; tries++) {
            const story *old = &u->ring[rng_below(&u->r, u->ring_n < RING ? u->ring_n : RING)];
            if (old->doc != doc) {
                *retold = 1;
                return retell(&u->r, old, doc);
            }
        }
    return new_story(u->w, &u->r, doc, c, day);
}

/* Where words occur in s, in any case, or NULL. */
static const char *find_words(const char *s, const char *words)
{
    size_t n = strlen(words);
    for (; *s; s++)
        if (strncasecmp(s, words, n) == 0)
            return s;
    return NULL;
}

/* The actor's words: told (when the sentence says them: their span in
 * the document, its sentence starting at start, into span) or new ones
 * into own (no span). */
static const char *actor_text(run *u, const actor *a, const char *told, const text *t, uint32_t start,
                              char *own, size_t cap, int64_t span[2])
{
    const char *at = told ? find_words(t->p, told) : NULL;
    span[0] = span[1] = 0;
    if (!at) {
        actor_words(u->w, &u->r, a, own, cap);
        return own;
    }
    span[0] = start + (at - t->p);
    span[1] = span[0] + (int64_t)strlen(told);
    return told;
}

/* What a report says beyond its sentence: the verb it was told with, the
 * pattern (a file and line of data/patterns, as `khaldun code` names
 * them), the date's words, the time, how the dead were counted. */
static void report_details(run *u, const story *s, int first, db_event *e, char head[32], char *pattern,
                           size_t cap)
{
    rng *r = &u->r;
    int root = root_of(u->w, s->code);
    static const char *const files[] = {"01-07", "08-14", "15-20"};
    const char *verb = root_verbs[root - 1][s->code % 3];
    snprintf(head, 32, "%.*s", (int)strcspn(verb, " "), verb);
    e->head = head;
    snprintf(pattern, cap, "patterns/verbs-%s.txt:%d", files[root <= 7 ? 0 : root <= 14 ? 1 : 2],
             20 + s->code * 13 + (int)rng_below(r, 3));
    e->pattern = pattern;
    if (first && chance(r, 0.5)) {
        e->date_text = (const char *[]){"on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday",
                                        "on Saturday", "on Sunday"}[date_weekday(s->day)];
        e->date_precision = "day";
        e->time = chance(r, 0.06) ? (chance(r, 0.5) ? "night" : "morning") : NULL;
    }
    if (s->killed > 0 && chance(r, 0.15))
        e->casualty_note = "{\"killed\":{\"qualifier\":\"at least\"}}";
}

/* The sentence an event is told in: its text, its index and offset in
 * the document, and for the event it was written for (first) the words
 * of its actors. */
typedef struct told {
    const text *t;
    uint32_t idx, start;
    int first;
    const char *src, *tgt;  /* NULL: not said */
} told;

/* Stores one event of story s told in the sentence of k. */
static void store_event(run *u, const story *s, const told *k, int retold)
{
    const text *t = k->t;
    uint32_t start = k->start;
    const world *w = u->w;
    rng *r = &u->r;
    char sc[8], tc[8], sw[80], tw[80], date[11], head[32], pattern[64];
    const cameo_code *cc = w->code[s->code];
    db_event e = {0};
    e.sentence = k->idx;
    e.span[0] = start;
    e.span[1] = start + (uint32_t)t->n;
    e.evidence = t->p;
    e.source_code = actor_code(w, &s->src, sc);
    e.target_code = actor_code(w, &s->tgt, tc);
    if (e.source_code) {
        e.source_text = actor_text(u, &s->src, k->first ? k->src : NULL, t, start, sw, sizeof sw, e.source_span);
        e.source_country = w->c[s->src.country].iso3;
        e.source_sector = s->src.sector >= 0 ? sectors[s->src.sector].code : NULL;
    }
    if (e.target_code) {
        e.target_text = actor_text(u, &s->tgt, k->first ? k->tgt : NULL, t, start, tw, sizeof tw, e.target_span);
        e.target_country = w->c[s->tgt.country].iso3;
        e.target_sector = s->tgt.sector >= 0 ? sectors[s->tgt.sector].code : NULL;
    }
    report_details(u, s, k->first, &e, head, pattern, sizeof pattern);
    e.cameo = cc->code;
    e.plover = strcmp(cc->plover, "-") != 0 ? cc->plover : NULL;
    e.quad_class = cc->quad;
    e.goldstein = round(cc->goldstein * 10) / 10; /* as `khaldun code` writes it */
    e.has_goldstein = 1;
    date_format(s->day, date);
    e.date = date;
    if (s->country >= 0) {
        const country *c = &w->c[s->country];
        e.has_place = 1;
        e.place_name = s->city >= 0 ? c->cities[s->city].name : c->name;
        e.place_country = c->iso3;
        e.place_precision = s->city >= 0 ? "city" : "country";
        e.place_admin1 = s->city >= 0 ? c->regions[c->cities[s->city].region] : NULL;
        e.lat = s->lat;
        e.lon = s->lon;
        e.geonameid = s->city >= 0 ? c->cities[s->city].geonameid : 10000000 + s->country;
    }
    e.killed = s->killed;
    e.wounded = s->wounded;
    e.reports = (uint32_t)pick(r, (const int[]){88, 9, 3}, 3) + 1;
    int is_new = 0;
    double t0 = now();
    check(u, db_add_event(u->d, &e, &is_new), "storing an event");
    u->store_seconds += now() - t0;
    u->done++;
    u->retold += retold;
    if (is_new) {
        u->fresh++;
        probe_event(&u->p, s);
        if (!retold)
            u->ring[u->ring_n++ % RING] = *s;
    }
}

/* One document of several sentences, published on the day its place in
 * the run gives (documents come in publication order). */
static void one_document(run *u)
{
    const world *w = u->w;
    rng *r = &u->r;
    uint32_t doc = (uint32_t)u->docs++;
    int32_t published = u->first_day + (int32_t)((double)u->done / (double)u->o.events * u->ndays);
    int focus = (int)zipf_draw(&w->country_z, r);
    int nsent = (int[]){1, 2, 3, 4, 5, 6, 8, 10}[pick(r, (const int[]){15, 20, 20, 15, 10, 8, 7, 5}, 8)];
    char id[32], url[128], date[11];
    int outlet = (int)zipf_draw(&w->outlet_z, r);
    text title = {0};
    fill(w, r, &title, 6 + (int)rng_below(r, 5));
    title.p[0] = (char)toupper((unsigned char)title.p[0]);
    /* ids as feeds give them: unordered (a hash), so the index on them grows
     * at random places as it does with real ones */
    uint64_t z = doc ^ (u->o.seed << 32);
    snprintf(id, sizeof id, "gen-%016llx", (unsigned long long)splitmix(&z));
    date_format(published, date);
    snprintf(url, sizeof url, "https://%s/%.4s/%.2s/%s", w->domains[outlet], date, date + 5, id);
    db_doc doc_info = {id, date, title.p, w->outlets[outlet], url, 0, 0};
    doc_info.hash = (uint64_t)doc * 0x9e3779b97f4a7c15ULL ^ u->o.seed;
    uint32_t idx = 0, offset = 0;
    text t;
    story sub[3];
    int skip = 0, retold[3];
    doc_info.sentences = (uint32_t)(nsent * 2 + 2);
    double t0 = now();
    check(u, db_doc_begin(u->d, &doc_info, &skip), "starting a document");
    u->store_seconds += now() - t0;
    for (int k = 0; k < nsent && u->done < u->o.events; k++) {
        uint32_t gap = rng_below(r, 2); /* sentences without events between */
        idx += gap;
        offset += gap * (80 + rng_below(r, 120));
        int nev = pick(r, (const int[]){60, 28, 12}, 3) + 1;
        for (int j = 0; j < nev; j++) {
            int c = chance(r, 0.8) ? focus : (int)zipf_draw(&w->country_z, r);
            int32_t day = published - pick(r, (const int[]){50, 30, 12, 8}, 4);
            sub[j] = next_story(u, doc, c, j ? sub[0].day : day, &retold[j]);
        }
        char src[80], tgt[80];
        if (sub[0].src.country >= 0)
            actor_words(w, r, &sub[0].src, src, sizeof src);
        if (sub[0].tgt.country >= 0)
            actor_words(w, r, &sub[0].tgt, tgt, sizeof tgt);
        tell(w, r, &t, &sub[0], sub[0].src.country >= 0 ? src : NULL, sub[0].tgt.country >= 0 ? tgt : NULL);
        probe_sentence(&u->p, t.p);
        told in = {&t, idx, offset, 1, sub[0].src.country >= 0 ? src : NULL, sub[0].tgt.country >= 0 ? tgt : NULL};
        for (int j = 0; j < nev && u->done < u->o.events; j++, in.first = 0)
            store_event(u, &sub[j], &in, retold[j]);
        idx++;
        offset += (uint32_t)t.n + 1;
    }
    t0 = now();
    check(u, db_doc_end(u->d), "ending a document");
    u->store_seconds += now() - t0;
}

static void usage(void)
{
    fprintf(stderr, "usage: bench_store --db FILE [--events N] [--seed S] [--batch N] [--data DIR]\n"
                    "                   [--probe-country ISO3] [--probe-day YYYY-MM-DD] [--quiet]\n");
    exit(2);
}

static options parse_options(int argc, char **argv)
{
    options o = {NULL, KH_DATA_DIR, "USA", "2023-06-14", 1000000, 1, DB_DEFAULT_BATCH, 0};
    for (int k = 1; k < argc; k++) {
        const char *a = argv[k], *v = k + 1 < argc ? argv[k + 1] : NULL;
        if (strcmp(a, "--quiet") == 0) {
            o.quiet = 1;
            continue;
        }
        if (!v)
            usage();
        k++;
        if (strcmp(a, "--db") == 0)
            o.path = v;
        else if (strcmp(a, "--events") == 0)
            o.events = atol(v);
        else if (strcmp(a, "--seed") == 0)
            o.seed = strtoull(v, NULL, 10);
        else if (strcmp(a, "--batch") == 0)
            o.batch = atoi(v);
        else if (strcmp(a, "--data") == 0)
            o.data = v;
        else if (strcmp(a, "--probe-country") == 0)
            o.probe_country = v;
        else if (strcmp(a, "--probe-day") == 0)
            o.probe_day = v;
        else
            usage();
    }
    if (!o.path || o.events <= 0 || o.batch <= 0)
        usage();
    return o;
}

/* The probes of the options: a day and its month in a country, the year
 * of the day, and the invented word of rank RARE_RANK. */
static void set_probes(probes *p, const world *w, const options *o)
{
    int32_t day;
    int y, m, dd;
    if (!date_parse_iso(o->probe_day, strlen(o->probe_day), &day))
        die("--probe-day %s is not a YYYY-MM-DD date", o->probe_day);
    p->country = -1;
    for (uint32_t k = 0; k < w->nc; k++)
        if (strcmp(w->c[k].iso3, o->probe_country) == 0)
            p->country = (int)k;
    if (p->country < 0)
        die("--probe-country %s is not a country of the table", o->probe_country);
    date_to_civil(day, &y, &m, &dd);
    p->day = day;
    p->month_first = date_from_civil(y, m, 1);
    p->month_last = date_from_civil(y, m, date_month_days(y, m));
    p->year_first = date_from_civil(y, 1, 1);
    p->year_last = date_from_civil(y, 12, 31);
    p->rare = w->vocab[RARE_RANK - 1];
}

static long long file_size(const char *path, const char *suffix)
{
    char name[4200];
    struct stat st;
    snprintf(name, sizeof name, "%s%s", path, suffix);
    return stat(name, &st) == 0 ? (long long)st.st_size : 0;
}

/* Reopens the file read-only and checks that it holds what was stored. */
static void verify(run *u)
{
    db *d = NULL;
    int64_t docs = 0, events = 0, mentions = 0;
    if (db_open_read(&d, u->o.path) != DB_OK || db_counts(d, &docs, &events, &mentions) != DB_OK) {
        fprintf(stderr, "bench_store: %s\n", db_errmsg(d));
        exit(1);
    }
    db_close(d);
    printf("stored: %lld documents, %lld events, %lld mentions\n", (long long)docs, (long long)events,
           (long long)mentions);
    if (docs != u->docs || events != u->fresh || mentions != u->done) {
        fprintf(stderr, "bench_store: the store holds %lld documents, %lld events, %lld mentions; %ld, %ld and %ld "
                        "were stored\n",
                (long long)docs, (long long)events, (long long)mentions, u->docs, u->fresh, u->done);
        exit(1);
    }
}

/* What the process wrote and read through system calls (Linux's
 * /proc/self/io: wchar, rchar), or -1 each where that is not there. */
static void io_bytes(long long *written, long long *read)
{
    char line[128];
    FILE *f = fopen("/proc/self/io", "r");
    *written = *read = -1;
    while (f && fgets(line, sizeof line, f)) {
        sscanf(line, "wchar: %lld", written);
        sscanf(line, "rchar: %lld", read);
    }
    if (f)
        fclose(f);
}

static void report(run *u, double wall)
{
    long long main_bytes = file_size(u->o.path, ""), wal = file_size(u->o.path, "-wal");
    long long bytes = main_bytes + wal;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("documents: %ld\n", u->docs);
    printf("coded events: %ld\n", u->done);
    printf("new events: %ld\n", u->fresh);
    printf("further reports: %ld (%.1f%%; %ld generated as retellings)\n", u->done - u->fresh,
           100.0 * (double)(u->done - u->fresh) / (double)u->done, u->retold);
    printf("wall seconds: %.2f\n", wall);
    printf("store seconds: %.2f (generating the data: %.2f)\n", u->store_seconds, wall - u->store_seconds);
    printf("coded events/s: %.0f (store time only: %.0f)\n", (double)u->done / wall, (double)u->done / u->store_seconds);
    printf("new events/s: %.0f\n", (double)u->fresh / wall);
    printf("further reports/s: %.0f\n", (double)(u->done - u->fresh) / wall);
    printf("file bytes: %lld (main %lld, wal %lld)\n", bytes, main_bytes, wal);
    printf("bytes per coded event: %.0f\n", (double)bytes / (double)u->done);
    printf("MB per million coded events: %.1f\n", (double)bytes / (double)u->done);
    if (u->written >= 0)
        printf("written by write calls: %.0f MB (%.1f times the file; read %.0f MB)\n", (double)u->written / 1e6,
               (double)u->written / (double)bytes, (double)u->read / 1e6);
    printf("peak RSS MB: %.1f\n", (double)ru.ru_maxrss / 1024.0);
    printf("probe day: %s %s %ld\n", u->o.probe_country, u->o.probe_day, u->p.day_rows);
    printf("probe month: %s %.7s %ld\n", u->o.probe_country, u->o.probe_day, u->p.month_rows);
    printf("probe year: %.4s %ld\n", u->o.probe_day, u->p.year_rows);
    printf("probe said: %ld\n", u->p.said);
    printf("probe rare: %s %ld\n", u->p.rare, u->p.rare_rows);
    printf("probe police AND protesters: %ld\n", u->p.pair_rows);
}

int main(int argc, char **argv)
{
    static world w;
    run u = {0};
    u.o = parse_options(argc, argv);
    struct stat st;
    if (stat(u.o.path, &st) == 0)
        die("%s exists: remove it first (the bench writes a fresh store)", u.o.path);
    rng_seed(&u.r, u.o.seed);
    make_world(&w, &u.r, u.o.data);
    u.w = &w;
    set_probes(&u.p, &w, &u.o);
    u.ring = calloc(RING, sizeof *u.ring);
    u.first_day = date_from_civil(2019, 1, 4); /* events up to 3 days earlier */
    u.ndays = date_from_civil(2025, 12, 30) - u.first_day;
    db_options dopt = {1, 50, u.o.batch};
    double t0 = now();
    if (!u.ring || db_open(&u.d, u.o.path, &dopt) != DB_OK) {
        fprintf(stderr, "bench_store: %s\n", db_errmsg(u.d));
        return 1;
    }
    long next_note = 100000;
    double last = t0;
    while (u.done < u.o.events) {
        one_document(&u);
        if (!u.o.quiet && u.done >= next_note) {
            double t = now();
            fprintf(stderr, "bench_store: %ld events, %.0f/s (the last 100,000: %.0f/s)\n", u.done,
                    (double)u.done / (t - t0), 100000.0 / (t - last));
            next_note += 100000;
            last = t;
        }
    }
    double t1 = now();
    if (db_close(u.d) != DB_OK) /* the handle is gone: its message too */
        die("%s: the last commit failed", u.o.path);
    u.store_seconds += now() - t1;
    double wall = now() - t0;
    io_bytes(&u.written, &u.read);
    printf("bench_store: %ld coded events, seed %llu, %s\n", u.o.events, (unsigned long long)u.o.seed, u.o.path);
    verify(&u);
    report(&u, wall);
    free(u.ring);
    return 0;
}
