/*
 * geo.c - finding and resolving place names (see geo.h).
 */
#include "geo/geo.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "core/mem.h"

#define MAX_SPAN 6        /* words of a name */
#define MAX_CANDIDATES 64 /* candidates of a mention scored */

static int form_is(const word *w, const char *s)
{
    /* the first letter first: most words are none of the lists' */
    return w->len && ((unsigned char)w->form[0] | 0x20) == ((unsigned char)s[0] | 0x20) && w->len == strlen(s) &&
           strcasecmp(w->form, s) == 0;
}

static int form_in(const word *w, const char *const *list)
{
    for (; *list; list++)
        if (form_is(w, *list))
            return 1;
    return 0;
}

static const char *const connectors[] = {"of", "de", "del", "la", "le", "al", "el", "upon", "on", "du", "des", "da",
                                         "do", "dos", "das", "-", "and", "y", "am", "an", "sur", "en", NULL};
/* lower-case words that end a landmark's or area's name */
static const char *const generics[] = {"square", "airport", "base", "airbase", "camp", "crossing", "embassy",
                                       "province", "governorate", "district", "region", "valley", "river",
                                       "strait", "bridge", "compound", "zone", "prison", "city", "county",
                                       "border", "port", "refinery", "mosque", "palace", "stadium", NULL};
/* capitalised generics of features that the gazetteer's populated places
 * and regions lack: after the name ("Rego Park", "Neches River") or, for
 * the first ones, before it ("Lake Harriet", "Mount Hood") */
static const char *const feature_before[] = {"Lake", "River", "Mount", "Mt.", NULL};
static const char *const feature_after[] = {"Park",   "Township", "Creek",     "River",    "Lake",   "Valley",
                                            "Colony", "Harbor",   "Harbour",   "Square",   "Mountains", "Mountain",
                                            "Canyon", "Forest",   "Reservoir", "Dam",      "Bay",
                                            "National", "Village", NULL};
static const char *const national_next[] = {"Park", "Forest", "Monument", "Lakeshore", "Seashore", "Wildlife",
                                            "Recreation", "Battlefield", NULL};
static const char *const directions[] = {"northern", "southern", "eastern", "western", "central", "north", "south",
                                         "east", "west", "northeastern", "northwestern", "southeastern",
                                         "southwestern", "northeast", "northwest", "southeast", "southwest",
                                         "upper", "lower", "greater", NULL};
/* months and weekdays: a date, even after "in" or "on" ("in May" is no
 * May-sur-Orne, "in August" no August, California) */
static const char *const dates[] = {"January", "February", "March",    "April",   "May",      "June",
                                    "July",    "August",   "September", "October", "November", "December",
                                    "Monday",  "Tuesday",  "Wednesday", "Thursday", "Friday",  "Saturday",
                                    "Sunday",  NULL};
/* capitalised words that are places somewhere but rarely meant as such */
static const char *const stop[] = {
    "God", "Police",
    "Army", "Union", "Liberty", "Independence", "Hope", "Republic", "Parliament", "Government", "Congress",
    "Senate", "President", "Minister", "State", "City", "County", "Center", "Centre", "University", "Church",
    "Street", "Road", "North", "South", "East", "West", "Central", "New", "Mr", "Mrs", "Ms", "Dr", "Gen", "Col",
    "Sgt", "St", "Mount", "Lake", "Island", "Mission", "Victory", "Unity", "Paradise", "Friendship", "Justice",
    "Progress", "Enterprise", "Commerce", "Industry", "Security", "Defense", "Defence", "Democrat", "Democrats",
    "Republican", "Republicans", "Reuters", "Ministry", "Office", "Department", "Court", "Council", "Committee",
    "Embassy", "Agency", "Company", "Group", "Bank", "Square", "Airport", "Base", "Province", "District",
    "Region", "Valley", "River", "Media", "Post", "Times", "News", "Herald", "Globe", "Tribune", "Star", "Sun",
    "Mercury", "Home", "Eagle", "Obama", "Bush", "Trump", "Biden",
    "Henry", "Charles", "Ali", "Muhammad", "Mohammed", "Christ", "Jesus", "Allah", "Islam", "Christian",
    "Christians", "Muslim", "Muslims", "Jewish", "Catholic", "Internet", "Web", "Monument", "Memorial", "Cross",
    "St.", "Dr.", "Gen.", "Col.", "Sgt.", "Lt.", "Capt.", "Sen.", "Sens.", "Rep.", "Reps.", "Gov.", "Mr.", "Mrs.",
    "Ms.", "Prof.", "Rev.", "Mt.", "Ft.", NULL};

static int is_upper_start(const word *w)
{
    if (!w->len)
        return 0;
    unsigned char c = (unsigned char)w->form[0];
    if (c < 128)
        return c >= 'A' && c <= 'Z';
    utf8proc_int32_t cp;
    if (utf8proc_iterate((const utf8proc_uint8_t *)w->form, w->len, &cp) <= 0)
        return 0;
    return utf8proc_isupper(cp);
}

static int has_lower(const word *w)
{
    for (uint32_t k = 0; k < w->len; k++)
        if (w->form[k] >= 'a' && w->form[k] <= 'z')
            return 1;
    return 0;
}

void geo_doc_reset(geo_doc *gd)
{
    gd->n = 0;
    gd->nactor_countries = 0;
    gd->oom = 0;
}

void geo_doc_free(geo_doc *gd)
{
    mem_free(gd->m);
    memset(gd, 0, sizeof *gd);
}

static geo_mention *push(geo_doc *gd)
{
    if (gd->n == gd->cap) {
        geo_mention *bigger = mem_grow(gd->m, &gd->cap, 64, sizeof *bigger);
        gd->oom |= !bigger;
        if (!bigger)
            return NULL;
        gd->m = bigger;
    }
    geo_mention *m = &gd->m[gd->n++];
    memset(m, 0, sizeof *m);
    m->fixed = m->place = m->container = -1;
    return m;
}

/* The key of words w[a..b) (with an extra word before, or NULL) into key. */
static size_t span_key(const word *w, uint32_t a, uint32_t b, const char *pre, char *key)
{
    char text[GAZ_KEY_MAX * 2];
    size_t len = 0;
    if (pre) {
        size_t n = strlen(pre);
        memcpy(text, pre, n);
        len = n;
        text[len++] = ' ';
    }
    for (uint32_t k = a; k < b; k++) {
        if (len + w[k].len + 2 > sizeof text)
            return 0;
        if (len)
            text[len++] = ' ';
        memcpy(text + len, w[k].form, w[k].len);
        len += w[k].len;
    }
    return gaz_key(text, len, key, GAZ_KEY_MAX);
}

static int actor_kind_is_place(unsigned k)
{
    return k == LK_COUNTRY || k == LK_CAPITAL || k == LK_CITY || k == LK_REGION || k == LK_SEAT || k == LK_NONE;
}

static int actor_kind_is_org(unsigned k)
{
    return k == LK_BODY || k == LK_IGO || k == LK_NGO || k == LK_MEDIA || k == LK_COMPANY;
}

/* The actor covering word i, or -1. */
static int32_t actor_at(const actor *a, uint32_t na, uint32_t i)
{
    for (uint32_t k = 0; k < na; k++)
        if (i >= a[k].start && i < a[k].end)
            return (int32_t)k;
    return -1;
}

/* The head of words [a, b): the word whose head lies outside. */
static uint32_t span_head(const word *w, uint32_t a, uint32_t b)
{
    for (uint32_t k = b; k-- > a;)
        if (w[k].head < (int32_t)a || w[k].head >= (int32_t)b)
            return k;
    return b - 1;
}

static const char *const locatives[] = {"in", "at", "near", "outside", "inside", "into", "across", "around",
                                        "throughout", "within", "along", "on", "from", "to", "toward", "towards",
                                        "through", "between", "off", "of", NULL};

static int is_locative(const word *w, uint32_t a)
{
    uint32_t k = a;
    while (k > 0 && (form_is(&w[k - 1], "the") || form_in(&w[k - 1], directions) ||
                     form_is(&w[k - 1], "a") || form_is(&w[k - 1], "an")))
        k--;
    return k > 0 && form_in(&w[k - 1], locatives) && !form_is(&w[k - 1], "of") && !form_is(&w[k - 1], "to");
}

/* words before a name that make it a person's */
static const char *const titles[] = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Sen", "Rep", "Gov", "Gen", "Lt", "Sgt",
                                     "Capt", "Col", "Cpl", "Pvt", "Adm", "Prof", "Rev", "Mr.", "Mrs.", "Ms.",
                                     "Dr.", "Sen.", "Rep.", "Gov.", "Gen.", "Lt.", "Sgt.", "Capt.", "Col.",
                                     "Cpl.", "Pvt.", "Adm.", "Prof.", "Rev.", "Det.", "Officer", "Deputy",
                                     "Detective", "Trooper", "Judge", "Justice", "Mayor", "Pastor", "Father",
                                     "Sister", "Brother", "Coach", "Chief", "Sheriff", "President", "Senator",
                                     "Governor", "Councilman", "Councilwoman", "Commissioner", "Superintendent",
                                     "Principal", "Attorney", "Dean", "Bishop", "Uncle", "Aunt", "Lady", "Sir",
                                     "Lord", "Prince", "Princess", "King", "Queen", NULL};
/* verbs whose subject is a speaker */
static const char *const speech[] = {"say", "tell", "add", "explain", "note", "ask", "reply", "recall", "testify",
                                     "admit", "write", "describe", "state", "agree", NULL};

static int is_number(const word *w)
{
    if (!w->len || w->len > 3)
        return 0;
    for (uint32_t k = 0; k < w->len; k++)
        if (w->form[k] < '0' || w->form[k] > '9')
            return 0;
    return 1;
}

/* Is the one-word name at i written as a person's?  After a title ("Mrs.
 * Logan", "Sen. Warden"), after another capitalised word that the
 * gazetteer did not join to it ("Sheila D. Williams", "Kevin George
 * Baker"), with an age in apposition ("Warden, 44,"), or as the speaker of
 * a verb of saying ("Baker said", "said Baker"). */
static int person_like(const word *w, const uint8_t *pos, const char *const *rel, uint32_t n, uint32_t i)
{
    if (i > 0) {
        const word *p = &w[i - 1];
        if (form_in(p, titles))
            return 1;
        if (is_upper_start(p) && has_lower(p) && !form_in(p, directions) && !form_in(p, connectors) &&
            !form_is(p, "The") && (!pos || pos[i - 1] == AP_PROPN))
            return 1;
        if (form_is(p, ".") && i > 1 && w[i - 2].len == 1 && is_upper_start(&w[i - 2]))
            return 1; /* "Sheila D . Williams" */
        if (p->len == 2 && p->form[1] == '.' && is_upper_start(p))
            return 1; /* "D. Williams" */
    }
    if (i + 2 < n && form_is(&w[i + 1], ",") && is_number(&w[i + 2]) && atoi(w[i + 2].form) < 110 &&
        (i + 3 >= n || !form_is(&w[i + 3], "%")))
        return 1;
    if (rel && rel[i] && strncmp(rel[i], "nsubj", 5) == 0 && w[i].head >= 0 && (uint32_t)w[i].head < n) {
        const word *h = &w[w[i].head];
        for (const char *const *v = speech; *v; v++)
            if (h->lemma && strcmp(h->lemma, *v) == 0)
                return 1;
    }
    return 0;
}

/* Is the actor covering [a, b) acting as the subject of a verb? */
static int metonym_at(const word *w, const char *const *rel, const actor *actors, uint32_t na, uint32_t a,
                      uint32_t b)
{
    if (!rel)
        return 0;
    int32_t x = actor_at(actors, na, a);
    if (x < 0 || actors[x].place || !actor_kind_is_place(actors[x].kind))
        return 0;
    uint32_t h = span_head(w, a, b);
    return rel[h] && strncmp(rel[h], "nsubj", 5) == 0;
}

static void note_country(geo_doc *gd, const char *c)
{
    if (!c[0])
        return;
    for (uint32_t k = 0; k < gd->nactor_countries; k++)
        if (strcmp(gd->actor_country[k], c) == 0) {
            gd->actor_count[k]++;
            return;
        }
    if (gd->nactor_countries < 64) {
        memcpy(gd->actor_country[gd->nactor_countries], c, 4);
        gd->actor_count[gd->nactor_countries++] = 1;
    }
}

/* The country named by a demonym that lexicon entry e codes, or -1. */
static int64_t demonym_country(const gaz *g, const lexicon *lx, uint32_t e)
{
    const char *code = lex_code_on(lx, e, LEX_UNDATED);
    if (!code || strlen(code) < 3)
        return -1;
    char iso[4] = {code[0], code[1], code[2], 0};
    return gaz_country(g, iso);
}

/* Is one of the cnt names from first the own name of one of the project's
 * additions (a place of data/places, no GeoNames id)? */
static int own_addition(const gaz *g, uint32_t first, uint32_t cnt)
{
    for (uint32_t c = 0; c < cnt; c++) {
        uint32_t e = g->names[first + c].place;
        if (!(e & GAZ_ALT) && g->places[e].geonameid == 0)
            return 1;
    }
    return 0;
}

/* The end of a party-state tag at word i ("D-N.Y.", "D-W. Va.", "R-Mass."):
 * the state's name after the party's letter, alone or with the next word,
 * with its key in key; 0 when it names no region. */
static uint32_t party_state(const gaz *g, const word *w, uint32_t n, uint32_t i, char *key)
{
    for (uint32_t j = i + 2 < n ? i + 2 : n; j > i; j--) {
        char text[GAZ_KEY_MAX];
        size_t len = 0;
        for (uint32_t k = i; k < j; k++) {
            const char *f = k == i ? w[k].form + 2 : w[k].form;
            size_t fl = k == i ? w[k].len - 2 : w[k].len;
            if (len + fl + 2 > sizeof text)
                break;
            if (k > i)
                text[len++] = ' ';
            memcpy(text + len, f, fl);
            len += fl;
        }
        if (j > i + 1 && !is_upper_start(&w[j - 1]))
            continue;
        uint32_t first, cnt = gaz_key(text, len, key, GAZ_KEY_MAX) ? gaz_lookup(g, key, &first) : 0;
        for (uint32_t c = 0; c < cnt; c++)
            if (g->places[g->names[first + c].place & ~GAZ_ALT].kind == GK_REGION)
                return j;
    }
    return 0;
}

/* "Harvey, Harper and Kingman counties": the names of a list before a
 * plural generic are each a county ("X County"), whatever else they name.
 * Fills at most max entries (words [w0, w1) and the candidates of "X
 * County") of the list that ends before word k; returns how many. */
typedef struct listed {
    uint32_t w0, w1, first, n;
} listed;

static uint32_t county_list(const gaz *g, const word *w, uint32_t k, const char *generic, listed *out,
                            uint32_t max)
{
    uint32_t nl = 0, e = k;
    char key[GAZ_KEY_MAX];
    while (nl < max && e > 0) {
        uint32_t b = e;
        while (b > 0 && e - b < 3 && is_upper_start(&w[b - 1]) && !form_in(&w[b - 1], connectors))
            b--;
        if (b == e || !span_key(w, b, e, NULL, key))
            break;
        char text[GAZ_KEY_MAX + 16];
        snprintf(text, sizeof text, "%s %s", key, generic);
        uint32_t first, cnt = gaz_key(text, strlen(text), key, sizeof key) ? gaz_lookup(g, key, &first) : 0;
        if (!cnt)
            break;
        out[nl++] = (listed){b, e, first, cnt};
        /* the separator before: ",", "and", "or", ", and" */
        if (b >= 2 && (form_is(&w[b - 1], "and") || form_is(&w[b - 1], "or")) && form_is(&w[b - 2], ","))
            e = b - 2;
        else if (b >= 1 && (form_is(&w[b - 1], ",") || form_is(&w[b - 1], "and") || form_is(&w[b - 1], "or")))
            e = b - 1;
        else
            break;
    }
    return nl > 1 ? nl : 0;
}

/* Is the name some candidate's own name (not only an alternate one)? */
static int own_name(const gaz *g, uint32_t first, uint32_t cnt)
{
    for (uint32_t c = 0; c < cnt; c++)
        if (!(g->names[first + c].place & GAZ_ALT))
            return 1;
    return 0;
}

/* The candidates of "City of X" (words i..j): X's when X names a city,
 * else those of the whole (cnt from *first). */
static uint32_t city_of(const gaz *g, const word *w, uint32_t i, uint32_t j, uint32_t cnt, uint32_t *first)
{
    char key[GAZ_KEY_MAX];
    uint32_t f, n = span_key(w, i + 2, j, NULL, key) ? gaz_lookup(g, key, &f) : 0;
    for (uint32_t c = 0; c < n; c++)
        if (g->places[g->names[f + c].place & ~GAZ_ALT].kind == GK_CITY) {
            *first = f;
            return n;
        }
    return cnt;
}

int geo_sentence(const gaz *g, const lexicon *lx, uint32_t si, const word *w, const uint8_t *pos,
                 const char *const *rel, uint32_t n, const actor *actors, uint32_t nactors, geo_doc *gd)
{
    char key[GAZ_KEY_MAX];
    uint32_t m0 = gd->n;
    /* demonyms, from the actor dictionaries */
    uint8_t demonym[256];
    int64_t demonym_place[256];
    memset(demonym, 0, sizeof demonym);
    if (lx && n <= 256) {
        lex_match lm[64];
        uint32_t nm = lex_match_words(lx, w, n, NULL, lm, 64);
        for (uint32_t k = 0; k < nm && k < 64; k++) {
            const lex_entry *e = &lx->entries[lm[k].entry];
            if (e->section != LEX_ACTOR || e->kind != LK_DEMONYM || lm[k].end > lm[k].start + MAX_SPAN ||
                lm[k].end > n || !is_upper_start(&w[lm[k].start]) || !is_upper_start(&w[lm[k].end - 1]))
                continue;
            int64_t c = demonym_country(g, lx, lm[k].entry);
            if (c >= 0 && lm[k].end - lm[k].start > demonym[lm[k].start])
                demonym[lm[k].start] = (uint8_t)(lm[k].end - lm[k].start), demonym_place[lm[k].start] = c;
        }
    }
    /* lists of counties */
    listed lists[16];
    uint32_t nlists = 0;
    for (uint32_t k = 2; k < n && nlists < 16; k++)
        if (form_is(&w[k], "counties") || form_is(&w[k], "parishes"))
            nlists += county_list(g, w, k, form_is(&w[k], "counties") ? "county" : "parish", lists + nlists,
                                  16 - nlists);
    for (uint32_t i = 0; i < n;) {
        const word *wi = &w[i];
        uint32_t li = 0;
        while (li < nlists && lists[li].w0 != i)
            li++;
        if (li < nlists) {
            geo_mention *m = push(gd);
            if (!m)
                return -1;
            m->sent = si, m->w0 = i, m->w1 = lists[li].w1, m->first = lists[li].first, m->n = lists[li].n;
            m->head = span_head(w, i, m->w1);
            m->locative = (uint8_t)is_locative(w, i);
            m->start = w[i].start, m->end = w[m->w1 - 1].end;
            i = m->w1;
            continue;
        }
        if (demonym[i < 256 ? i : 0] && i < 256) {
            geo_mention *m = push(gd);
            if (!m)
                return -1;
            m->sent = si, m->w0 = i, m->w1 = i + demonym[i], m->head = i + demonym[i] - 1, m->how = GM_DEMONYM;
            m->fixed = (int32_t)demonym_place[i];
            /* a northern Iraqi base */
            if (i > 0 && form_in(&w[i - 1], directions)) {
                const char *cname = gaz_str(g, g->places[m->fixed].name);
                char text[GAZ_KEY_MAX];
                snprintf(text, sizeof text, "%.*s %s", (int)w[i - 1].len, w[i - 1].form, cname);
                uint32_t first;
                if (gaz_key(text, strlen(text), key, sizeof key) && gaz_lookup(g, key, &first)) {
                    m->fixed = (int32_t)(g->names[first].place & ~GAZ_ALT);
                    m->w0 = i - 1;
                }
            }
            /* the Iraqi capital */
            if (m->w1 < n && form_is(&w[m->w1], "capital") && g->places[m->fixed].kind == GK_COUNTRY &&
                g->places[m->fixed].parent) {
                m->fixed = (int32_t)g->places[m->fixed].parent - 1;
                m->how = GM_CAPITAL;
                m->head = m->w1, m->w1++;
            }
            m->locative = (uint8_t)is_locative(w, m->w0);
            m->start = w[m->w0].start, m->end = w[m->w1 - 1].end;
            i = m->w1;
            continue;
        }
        /* a party-state tag, "D-N.Y.", "R-Mass.", "D-W. Va.": the state
         * after the party's letter */
        if (wi->len > 2 && wi->form[1] == '-' && (wi->form[0] == 'D' || wi->form[0] == 'R' || wi->form[0] == 'I') &&
            wi->form[2] >= 'A' && wi->form[2] <= 'Z') {
            uint32_t j = party_state(g, w, n, i, key);
            if (j) {
                geo_mention *m = push(gd);
                if (!m)
                    return -1;
                uint32_t first, cnt = gaz_lookup(g, key, &first);
                m->sent = si, m->w0 = i, m->w1 = j, m->head = i, m->first = first, m->n = cnt, m->area = 1;
                m->start = w[i].start + 2, m->end = w[j - 1].end;
                i = j;
                continue;
            }
        }
        if (wi->len == 1 && (wi->form[0] == 'D' || wi->form[0] == 'R' || wi->form[0] == 'I') && i + 2 < n &&
            form_is(&w[i + 1], "-") && !wi->space_after && !w[i + 1].space_after && is_upper_start(&w[i + 2])) {
            i += 2; /* "D - Pa ." as the tokens split it */
            continue;
        }
        /* a state's abbreviation after a comma or a party's letter, split
         * from its full stop ("Sulpher, La.", "D-Pa."): a region's name */
        if (i + 1 < n && i > 0 && (form_is(&w[i - 1], ",") || form_is(&w[i - 1], "-")) && is_upper_start(wi) &&
            has_lower(wi) && wi->len <= 4 && form_is(&w[i + 1], ".") && !wi->space_after) {
            uint32_t first, cnt = span_key(w, i, i + 1, NULL, key) ? gaz_lookup(g, key, &first) : 0, area = 0;
            for (uint32_t c = 0; c < cnt && !area; c++)
                area = g->places[g->names[first + c].place & ~GAZ_ALT].kind == GK_REGION;
            if (area) {
                geo_mention *m = push(gd);
                if (!m)
                    return -1;
                m->sent = si, m->w0 = i, m->w1 = i + 2, m->head = i, m->first = first, m->n = cnt, m->area = 1;
                m->locative = (uint8_t)is_locative(w, i);
                m->start = w[i].start, m->end = w[i + 1].end;
                i += 2;
                continue;
            }
        }
        int dir = form_in(wi, directions) && i + 1 < n && is_upper_start(&w[i + 1]);
        /* a connector begins a name only written with a capital, and of
         * more than one word ("El Paso", "Des Moines", "La Crosse") */
        int lead = form_in(wi, connectors);
        if ((!is_upper_start(wi) && !dir) || (lead && (!is_upper_start(wi) || wi->len < 2)) || form_is(wi, "the")) {
            i++;
            continue;
        }
        /* the longest span with a key the gazetteer knows */
        uint32_t best_end = 0, best_first = 0, best_n = 0;
        uint32_t limit = i + MAX_SPAN < n ? i + MAX_SPAN : n;
        for (uint32_t j = limit; j > i + (uint32_t)lead; j--) {
            const word *last = &w[j - 1];
            int generic = j - 1 > i && form_in(last, generics);
            if (!is_upper_start(last) && !generic)
                continue;
            int ok = 1;
            for (uint32_t k = i + 1; k < j - 1 && ok; k++)
                ok = is_upper_start(&w[k]) || form_in(&w[k], connectors) ||
                     (form_is(&w[k], ".") && !w[k - 1].space_after && !w[k].space_after); /* W.Va. as W . Va. */
            if (!ok || (j - i > 1 && form_is(&w[j - 1], "-")))
                continue;
            if (!span_key(w, i, j, NULL, key))
                continue;
            uint32_t first, cnt = gaz_lookup(g, key, &first);
            if (!cnt)
                continue;
            /* "the City of Richmond" is the city Richmond, whatever
             * place the gazetteer names "City of Richmond" (Virginia's) */
            if (j > i + 2 && form_is(wi, "City") && form_is(&w[i + 1], "of"))
                cnt = city_of(g, w, i, j, cnt, &first);
            if (j == i + 1) {
                /* one word: a proper noun, not a common word written with a capital */
                if (pos && pos[i] != AP_PROPN && !(pos[i] == AP_NOUN && !has_lower(wi)) &&
                    wi->ac != 0 && !own_addition(g, first, cnt))
                    continue;
                if ((form_in(wi, stop) && !is_locative(w, i)) || form_in(wi, dates))
                    continue;
                if (wi->len <= 2 && has_lower(wi))
                    continue;
                /* "Port of Los Angeles", "Bank of England": a word before
                 * "of" and a name, that is no place's own name, is the
                 * head of another name ("the Nice of Russia" is Nice) */
                if (i + 2 < n && form_is(&w[i + 1], "of") && is_upper_start(&w[i + 2]) && !own_name(g, first, cnt))
                    continue;
                /* a word in capitals ("UF", "EMS") that is no place's own
                 * name is an acronym, not a place's other name */
                if (!has_lower(wi) && !own_name(g, first, cnt))
                    continue;
            }
            /* "Dublin City Council": "X City" before another capitalised
             * word is X's body, unless "X City" is the own name of a
             * city ("Kansas City Council") */
            if (j > i + 1 && j < n && form_is(&w[j - 1], "City") && is_upper_start(&w[j])) {
                int city = 0;
                for (uint32_t c = 0; c < cnt && !city; c++)
                    city = !(g->names[first + c].place & GAZ_ALT) && g->places[g->names[first + c].place].kind == GK_CITY;
                if (!city)
                    continue;
            }
            best_end = j, best_first = first, best_n = cnt;
            break;
        }
        if (!best_end) {
            /* a name the gazetteer does not know, with a generic: a
             * feature ("Coffman Park", "Lake Harriet", "Neches River") */
            uint32_t e = i;
            while (e < n && e < i + 2 && is_upper_start(&w[e]) && has_lower(&w[e]) && !form_in(&w[e], stop) &&
                   !form_in(&w[e], dates) && !form_in(&w[e], feature_after) && !form_in(&w[e], feature_before) &&
                   !form_in(&w[e], directions))
                e++;
            int before = i > 0 && form_in(&w[i - 1], feature_before) && (gd->n == m0 || gd->m[gd->n - 1].w1 < i);
            int after = e < n && form_in(&w[e], feature_after) && !form_is(&w[e], "City") &&
                        !form_is(&w[e], "National") && !form_is(&w[e], "Village");
            if (e > i && (before || after) && (!pos || pos[i] == AP_PROPN) && actor_at(actors, nactors, i) < 0) {
                geo_mention *m = push(gd);
                if (!m)
                    return -1;
                m->sent = si, m->w0 = before ? i - 1 : i, m->w1 = after ? e + 1 : e, m->feature = 1;
                m->head = span_head(w, m->w0, m->w1);
                m->locative = (uint8_t)is_locative(w, m->w0);
                m->start = w[m->w0].start, m->end = w[m->w1 - 1].end;
                i = m->w1;
                continue;
            }
            i++;
            continue;
        }
        if (dir && best_end == i + 1) {
            i++;
            continue;
        }
        /* "north Arlington" is the north of Arlington, not North
         * Arlington: a direction written in lower case makes a name with
         * the next only when the whole is an area, a region or a country */
        if (dir && !is_upper_start(wi)) {
            int area = 0;
            for (uint32_t c = 0; c < best_n && !area; c++) {
                unsigned kind = g->places[g->names[best_first + c].place & ~GAZ_ALT].kind;
                area = kind == GK_REGION || kind == GK_COUNTRY || kind == GK_AREA;
            }
            if (!area) {
                i++;
                continue;
            }
        }
        /* not a word of a person's or group's name */
        int32_t x = actor_at(actors, nactors, i);
        int in_name = x >= 0 && !actor_kind_is_place(actors[x].kind) && actors[x].kind != LK_DEMONYM &&
                      actors[x].kind != LK_TITLE;
        /* ... but a place named in an organisation's name is a mention of
         * the place ("the U.S. Senate", "the European Union"), though never
         * an event's location */
        if (in_name && !actor_kind_is_org(actors[x].kind)) {
            i = best_end;
            continue;
        }
        /* "Raquel Henry": a name after an unknown proper name is a person's */
        if (best_end == i + 1 && i > 0 && pos && pos[i - 1] == AP_PROPN && is_upper_start(&w[i - 1]) &&
            (gd->n == m0 || gd->m[gd->n - 1].w1 != i) && !form_in(&w[i - 1], stop) &&
            !form_in(&w[i - 1], dates) && !form_in(&w[i - 1], directions)) {
            i = best_end;
            continue;
        }
        geo_mention *m = push(gd);
        if (!m)
            return -1;
        m->sent = si, m->w0 = i, m->w1 = best_end, m->first = best_first, m->n = best_n;
        m->in_name = (uint8_t)in_name;
        /* "Northeast Georgia", "southern Iraq": a direction before a name
         * of a region or a country is part of the mention, and makes it
         * the region or country (not a city of that name) */
        if (i > 0 && form_in(&w[i - 1], directions) && (gd->n == m0 + 1 || gd->m[gd->n - 2].w1 < i)) {
            for (uint32_t c = 0; c < best_n && !m->area; c++) {
                unsigned kind = g->places[g->names[best_first + c].place & ~GAZ_ALT].kind;
                m->area = kind == GK_REGION || kind == GK_COUNTRY || kind == GK_AREA;
            }
            if (m->area)
                m->w0 = i - 1;
        }
        /* a feature the gazetteer lacks, named after a place ("Hopkins
         * Park", "Jackson Township", "Lake Cumberland") */
        if (best_end < n && form_in(&w[best_end], feature_after) && is_upper_start(&w[best_end]) &&
            (!form_is(&w[best_end], "National") || (best_end + 1 < n && form_in(&w[best_end + 1], national_next)))) {
            m->feature = 1;
            m->w1 = best_end + 1 + form_is(&w[best_end], "National");
        } else if (m->w0 == i && i > 0 && form_in(&w[i - 1], feature_before) &&
                   (gd->n == m0 + 1 || gd->m[gd->n - 2].w1 < i)) {
            m->feature = 1;
            m->w0 = i - 1;
        }
        m->head = span_head(w, i, best_end);
        m->person = (uint8_t)(best_end == i + 1 && m->w0 == i && person_like(w, pos, rel, n, i));
        m->metonym = (uint8_t)metonym_at(w, rel, actors, nactors, i, best_end);
        m->locative = (uint8_t)is_locative(w, m->w0);
        x = actor_at(actors, nactors, i);
        m->in_actor = (uint8_t)(x >= 0 && !actors[x].place && (actors[x].end - actors[x].start) > best_end - i);
        /* Iraq's capital */
        if (best_end + 1 < n && form_is(&w[best_end], "'s") && form_is(&w[best_end + 1], "capital")) {
            for (uint32_t c = 0; c < best_n; c++) {
                const gaz_place *p = &g->places[g->names[best_first + c].place & ~GAZ_ALT];
                if (p->kind == GK_COUNTRY && p->parent) {
                    m->fixed = (int32_t)p->parent - 1;
                    m->how = GM_CAPITAL;
                    m->w1 = best_end + 2;
                    m->head = best_end + 1;
                    m->metonym = 0;
                    break;
                }
            }
        }
        m->start = w[m->w0].start, m->end = w[m->w1 - 1].end;
        i = m->w1;
    }
    /* the actors' countries, as evidence of the document's places; not an
     * actor that holds a place name ("Georgia police"): the name is
     * evidence already, and its place is to be found, not assumed */
    for (uint32_t k = 0; k < nactors; k++) {
        int named = 0;
        for (uint32_t j = m0; j < gd->n && !named; j++)
            named = gd->m[j].w0 < actors[k].end && gd->m[j].w1 > actors[k].start;
        if (!named)
            note_country(gd, actors[k].country);
    }
    /* containers: "X, Y" and "X in Y" */
    for (uint32_t k = m0; k + 1 < gd->n; k++) {
        geo_mention *a = &gd->m[k], *b = &gd->m[k + 1];
        if (b->w0 == a->w1 + 1 && (form_is(&w[a->w1], ",") || form_is(&w[a->w1], "in")))
            a->container = (int32_t)(k + 1);
    }
    return 0;
}

/* ---- resolution ----
 *
 * Every candidate place p of a mention is scored, and the best kept:
 *
 *   score(p) = prior(p) + context(p) + container(p) + nearness(p) + coherence(p)
 *
 * prior(p): log10(population + 10) (a region's and a county's population is
 * the sum of their populated places', gazbuild.c), plus a bonus for the
 * kind of place that news names more often than its population says
 * (PRIOR_*: countries, first-level regions, capitals, regional capitals, the
 * project's own additions), less PRIOR_ALT when the name is one of the
 * place's alternate names.  An alternate name that is the own name of the
 * place's region or country among the same candidates is that container's
 * ("Kansas" is the state, not Topeka; "Mexico" the country), and a
 * region that holds a city of its own name is that city ("Baghdad").
 *
 * context(p): how well p fits the document's other evidence, the places its
 * other mentions resolve to (each adds 1 to its country and 1 to its
 * region; a region to itself) and its actors (CTX_ACTOR to their country),
 * as smoothed log-probabilities of p's country and region:
 *
 *   CTX_COUNTRY * ln((w_country + CTX_ALPHA) / (W + CTX_ALPHA))
 *   + CTX_REGION * ln((w_region + CTX_ALPHA) / (W + CTX_ALPHA))
 *
 * with W the evidence's total weight, w_country the part in p's country and
 * w_region the part in p's region (for a country, an area or a landmark,
 * its country's).  Mentions of the same name are no evidence for one
 * another (five "Paris" do not vote for France).  The term is 0 for
 * every candidate of a document that names nothing else, and grows in
 * favour of the document's country and state with the evidence (as the log
 * of its number of mentions): a lone famous name keeps its prior, a name of
 * a story whose other places are in Illinois goes to Illinois.
 *
 * A name written as a person's somewhere in the document ("Sheila D.
 * Williams, 41,", "Mrs. Logan", "Baker said", "Kevin George Baker")
 * still counts for its country (family names that are also towns' are
 * mostly the country's) but not for its region (EV_PERSON).
 *
 * container(p): "X, Y" and "X in Y": Y is p's country, region or a place
 * within 50 km; and CONT_DOC when another mention of the document is p's
 * region (as chosen the round before), for a name that is no region's,
 * country's or area's ("Madison County" in a story that names Kentucky;
 * not "Washington" or "Wyoming", whose own region would get nothing: the
 * story's other states are no reason to make them towns).  nearness(p): a city, county or landmark within 50 km
 * (200 km) of another place the document names (as chosen the round
 * before).  coherence(p): COH_W for each other name of the document with
 * a candidate within COH_KM of p, whichever is chosen ("Paris and Henry
 * County": of the ten Henry Counties and eleven Parises, only those of
 * Tennessee lie together); unlike nearness it does not depend on the
 * choices of the round before, which can all be wrong together (Dublin,
 * Ireland; Franklin County, Kansas; Columbus, Kansas).
 *
 * The scores are settled in three rounds: the first with the evidence of
 * the names that have one candidate only (and of demonyms, descriptions
 * and actors), the next two with the places the round before chose.
 * Features the gazetteer lacks ("Rego Park", "Neches River") are no
 * evidence, and are placed last (place_features).
 */

/* the constants, chosen on the even-numbered documents of LGL and GeoVirus
 * (the odd ones held out; README "Places") */
static const double PRIOR_COUNTRY = 3, PRIOR_REGION = 1.5, PRIOR_COUNTY = 0.5, PRIOR_ADDITION = 6,
                    PRIOR_CAPITAL = 1, PRIOR_PPLA = 0, PRIOR_PPLA2 = 0.3, PRIOR_ALT = 1, CTX_ACTOR = 0.5,
                    CTX_COUNTRY = 1.5, CTX_REGION = 1.5, CTX_ALPHA = 0.5, CONT_COUNTRY = 4, CONT_REGION = 3,
                    CONT_NEAR = 4, NEAR_50 = 1.5, NEAR_200 = 0.8, EV_BARE = 0.5, EV_PERSON = 0, COH_W = 1, COH_KM = 50,
                    CONT_DOC = 2.5;
static const uint64_t COH_BUDGET = 20000000;

typedef struct context {
    char cc[96][4];
    float cw[96];
    uint32_t ncc;
    float total;
    uint32_t region[256];
    float rw[256];
    uint32_t nregion;
} context;

static void ctx_country(context *c, const char *iso, float w)
{
    if (!iso[0])
        return;
    c->total += w;
    for (uint32_t k = 0; k < c->ncc; k++)
        if (strcmp(c->cc[k], iso) == 0) {
            c->cw[k] += w;
            return;
        }
    if (c->ncc < 96) {
        memcpy(c->cc[c->ncc], iso, 4);
        c->cw[c->ncc++] = w;
    }
}

static float ctx_country_w(const context *c, const char *iso)
{
    for (uint32_t k = 0; k < c->ncc; k++)
        if (strcmp(c->cc[k], iso) == 0)
            return c->cw[k];
    return 0;
}

static void ctx_region(context *c, uint32_t r, float w)
{
    for (uint32_t k = 0; k < c->nregion; k++)
        if (c->region[k] == r) {
            c->rw[k] += w;
            return;
        }
    if (c->nregion < 256) {
        c->region[c->nregion] = r;
        c->rw[c->nregion++] = w;
    }
}

static float ctx_region_w(const context *c, uint32_t r)
{
    for (uint32_t k = 0; k < c->nregion; k++)
        if (c->region[k] == r)
            return c->rw[k];
    return 0;
}

/* The region (admin1) a place lies in, as place index + 1, or 0. */
static uint32_t region_of(const gaz *g, const gaz_place *p)
{
    if (p->kind == GK_REGION)
        return (uint32_t)(p - g->places) + 1;
    if ((p->kind == GK_CITY || p->kind == GK_COUNTY) && p->parent &&
        g->places[p->parent - 1].kind == GK_REGION)
        return p->parent;
    return 0;
}

static void add_context(const gaz *g, context *c, int32_t place, float w, float wr)
{
    if (place < 0)
        return;
    const gaz_place *p = &g->places[place];
    ctx_country(c, p->country, w);
    uint32_t r = region_of(g, p);
    if (r)
        ctx_region(c, r - 1, wr);
}

static double prior(const gaz_place *p, int alt)
{
    double s = log10((double)p->population + 10);
    switch (p->kind) {
    case GK_COUNTRY:
        s += PRIOR_COUNTRY;
        break;
    case GK_REGION:
        s += PRIOR_REGION;
        break;
    case GK_COUNTY:
        s += PRIOR_COUNTY;
        break;
    case GK_AREA:
    case GK_LANDMARK:
        s += PRIOR_ADDITION;
        break;
    default:
        if (strcmp(p->fcode, "PPLC") == 0)
            s += PRIOR_CAPITAL;
        else if (strcmp(p->fcode, "PPLA") == 0)
            s += PRIOR_PPLA;
        else if (strcmp(p->fcode, "PPLA2") == 0)
            s += PRIOR_PPLA2;
        if (p->geonameid == 0)
            s += PRIOR_ADDITION / 2;
    }
    if (alt)
        s -= PRIOR_ALT;
    return s;
}

/* Is candidate j of mention m an alternate name that is the own name of
 * its region or country, also a candidate? */
static int container_name(const gaz *g, const geo_mention *m, uint32_t j, uint32_t nc)
{
    uint32_t e = g->names[m->first + j].place;
    if (!(e & GAZ_ALT))
        return 0;
    const gaz_place *p = &g->places[e & ~GAZ_ALT];
    uint32_t r = region_of(g, p);
    for (uint32_t k = 0; k < nc; k++) {
        uint32_t f = g->names[m->first + k].place;
        if (k == j || (f & GAZ_ALT))
            continue;
        const gaz_place *q = &g->places[f];
        if ((r && f + 1 == r) || (q->kind == GK_COUNTRY && strcmp(q->country, p->country) == 0))
            return 1;
    }
    return 0;
}

/* Is candidate j of mention m a region that holds a city of its own name,
 * also a candidate?  "Baghdad", "Alexandria": the city is meant. */
static int region_of_namesake(const gaz *g, const geo_mention *m, uint32_t j, uint32_t nc)
{
    uint32_t e = g->names[m->first + j].place;
    if (g->places[e & ~GAZ_ALT].kind != GK_REGION)
        return 0;
    for (uint32_t k = 0; k < nc; k++) {
        uint32_t f = g->names[m->first + k].place;
        if (k != j && !(f & GAZ_ALT) && g->places[f].kind == GK_CITY &&
            region_of(g, &g->places[f]) == (e & ~GAZ_ALT) + 1)
            return 1;
    }
    return 0;
}

/* The evidence of mentions of the same name as the one scored, taken off
 * the context: their places (as they stood in the context). */
typedef struct own_votes {
    int32_t place[32];
    float w[32], wr[32];
    uint32_t n;
} own_votes;

static int local_kind(unsigned k) { return k == GK_CITY || k == GK_COUNTY || k == GK_LANDMARK; }

/* coherence(p) for every candidate of every mention (MAX_CANDIDATES a
 * mention, the same for mentions of the same name): how many of the
 * document's other names (not those written as a person's) have a city,
 * county or landmark among their candidates within COH_KM of p, whichever
 * of their candidates is chosen.  Cities, counties and landmarks only. */
static float *coherence(const gaz *g, const geo_doc *gd, const float *rweight)
{
    /* bounded work whatever the document (COH_BUDGET candidate pairs): a
     * document of thousands of names gets coherence for its first ones */
    uint64_t work = 0;
    float *coh = mem_calloc((size_t)(gd->n ? gd->n : 1) * MAX_CANDIDATES, sizeof *coh);
    uint32_t *rep = mem_alloc((gd->n ? gd->n : 1) * sizeof *rep);
    if (!coh || !rep) {
        mem_free(rep);
        return coh;
    }
    for (uint32_t k = 0; k < gd->n; k++) {
        rep[k] = k;
        for (uint32_t j = 0; j < k; j++)
            if (gd->m[j].fixed < 0 && gd->m[k].fixed < 0 && gd->m[j].first == gd->m[k].first &&
                gd->m[j].n == gd->m[k].n) {
                rep[k] = rep[j];
                break;
            }
    }
    for (uint32_t k = 0; k < gd->n; k++) {
        const geo_mention *m = &gd->m[k];
        if (m->fixed >= 0 || rep[k] != k)
            continue;
        uint32_t nc = m->n < MAX_CANDIDATES ? m->n : MAX_CANDIDATES;
        for (uint32_t a = 0; a < nc && work < COH_BUDGET; a++) {
            const gaz_place *p = &g->places[g->names[m->first + a].place & ~GAZ_ALT];
            if (!local_kind(p->kind))
                continue;
            double la = gaz_lat(p), lo = gaz_lon(p), sum = 0;
            for (uint32_t o = 0; o < gd->n; o++) {
                const geo_mention *q = &gd->m[o];
                if (rep[o] != o || o == k || q->fixed >= 0 || rweight[o] <= 0)
                    continue;
                uint32_t qc = q->n < MAX_CANDIDATES ? q->n : MAX_CANDIDATES;
                work += qc;
                for (uint32_t b = 0; b < qc; b++) {
                    const gaz_place *r = &g->places[g->names[q->first + b].place & ~GAZ_ALT];
                    if (!local_kind(r->kind) || fabs(gaz_lat(r) - la) > 0.5)
                        continue;
                    if (gaz_km(la, lo, gaz_lat(r), gaz_lon(r)) < COH_KM) {
                        sum += 1;
                        break;
                    }
                }
            }
            coh[(size_t)k * MAX_CANDIDATES + a] = (float)sum;
        }
    }
    for (uint32_t k = 0; k < gd->n; k++)
        if (rep[k] != k)
            memcpy(coh + (size_t)k * MAX_CANDIDATES, coh + (size_t)rep[k] * MAX_CANDIDATES,
                   MAX_CANDIDATES * sizeof *coh);
    mem_free(rep);
    return coh;
}

/* Does mention m name a region, a country or an area among its
 * candidates ("Washington", "Wyoming"), not only towns? */
static int names_area(const gaz *g, const geo_mention *m)
{
    uint32_t nc = m->n < MAX_CANDIDATES ? m->n : MAX_CANDIDATES;
    for (uint32_t j = 0; j < nc; j++)
        if (!local_kind(g->places[g->names[m->first + j].place & ~GAZ_ALT].kind))
            return 1;
    return 0;
}

/* Does another mention than mi (not a person's name) stand for region r
 * (place index + 1), as chosen so far? */
static int named_region(const geo_doc *gd, uint32_t mi, uint32_t r)
{
    for (uint32_t k = 0; k < gd->n; k++)
        if (k != mi && gd->m[k].place >= 0 && (uint32_t)gd->m[k].place + 1 == r && !gd->m[k].person)
            return 1;
    return 0;
}

static double score(const gaz *g, const geo_doc *gd, const context *c, const own_votes *own, uint32_t mi,
                    uint32_t cand)
{
    const geo_mention *m = &gd->m[mi];
    uint32_t e = g->names[m->first + cand].place;
    const gaz_place *p = &g->places[e & ~GAZ_ALT];
    double s = prior(p, !!(e & GAZ_ALT));
    /* the document's countries and regions, without this name's own votes */
    uint32_t r = region_of(g, p);
    double total = c->total, cw = ctx_country_w(c, p->country), rw = r ? ctx_region_w(c, r - 1) : 0;
    for (uint32_t k = 0; k < own->n; k++) {
        const gaz_place *q = &g->places[own->place[k]];
        total -= own->w[k];
        cw -= strcmp(q->country, p->country) == 0 ? own->w[k] : 0;
        rw -= r && region_of(g, q) == r ? own->wr[k] : 0;
    }
    if (!r)
        rw = cw;
    if (total > 0.01) {
        s += CTX_COUNTRY * log((cw + CTX_ALPHA) / (total + CTX_ALPHA));
        s += CTX_REGION * log((rw + CTX_ALPHA) / (total + CTX_ALPHA));
    }
    /* its container */
    if (m->container >= 0) {
        int32_t cp = gd->m[m->container].place;
        if (cp >= 0) {
            const gaz_place *q = &g->places[cp];
            if (q->kind == GK_COUNTRY && strcmp(q->country, p->country) == 0)
                s += CONT_COUNTRY;
            else if (q->kind == GK_REGION && r == (uint32_t)cp + 1)
                s += CONT_REGION;
            else if (q->kind != GK_COUNTRY && gaz_km(gaz_lat(p), gaz_lon(p), gaz_lat(q), gaz_lon(q)) < 50)
                s += CONT_NEAR;
        }
    }
    /* in a region the document names, for a name of towns only */
    if (r && !names_area(g, m) && named_region(gd, mi, r))
        s += CONT_DOC;
    /* near the document's other places */
    if (p->kind == GK_CITY || p->kind == GK_LANDMARK || p->kind == GK_COUNTY) {
        double best = 1e9;
        for (uint32_t k = 0; k < gd->n; k++) {
            int32_t q = gd->m[k].place;
            if (k == mi || q < 0 || g->places[q].kind == GK_COUNTRY || g->places[q].kind == GK_REGION ||
                g->places[q].kind == GK_AREA || (gd->m[k].first == m->first && gd->m[k].fixed < 0))
                continue;
            double d = gaz_km(gaz_lat(p), gaz_lon(p), gaz_lat(&g->places[q]), gaz_lon(&g->places[q]));
            best = d < best ? d : best;
        }
        if (best < 50)
            s += NEAR_50;
        else if (best < 200)
            s += NEAR_200;
    }
    return s;
}

/* How much mention k tells of the document's places: less (EV_BARE) for a
 * bare one-word name that nothing marks as a place (no locative
 * preposition, no "X, Y"): it may be a person's ("Johnson said"). */
static float evidence_weight(const geo_doc *gd, uint32_t k)
{
    const geo_mention *m = &gd->m[k];
    if (m->feature)
        return 0;
    int marked = m->fixed >= 0 || m->locative || m->w1 > m->w0 + 1 || m->container >= 0 ||
                 (k > 0 && gd->m[k - 1].container == (int32_t)k);
    return marked ? 1.0f : (float)EV_BARE;
}

/* How much mention k tells of the document's region: as much as of its
 * country, unless the name is written as a person's somewhere in the
 * document ("Sheila Williams, 41,"): a family name that is also a town's
 * tells at most the country of the names, not the region. */
static float region_weight(const geo_doc *gd, uint32_t k)
{
    const geo_mention *m = &gd->m[k];
    float w = evidence_weight(gd, k);
    if (w >= 1.0f || w <= 0)
        return w;
    for (uint32_t j = 0; j < gd->n; j++)
        if (gd->m[j].person && gd->m[j].fixed < 0 && gd->m[j].first == m->first && gd->m[j].n == m->n)
            return (float)EV_PERSON;
    return w;
}

static int32_t focus_of(const gaz *g, const geo_doc *gd);

/* Features the gazetteer lacks ("Rego Park", "Jackson Township", "Neches
 * River"): lie near the document's other places.  A feature goes to the
 * city, county or landmark of its name nearest to the places the
 * document's other mentions resolved to, when one lies within FEAT_KM;
 * else to the document's focus when that is a city, county or landmark
 * (how: GM_NEAR), the best guess of where a local paper's park or creek
 * is; else it keeps what its name alone scored. */
static const double FEAT_KM = 200;

static void place_features(const gaz *g, geo_doc *gd)
{
    int32_t anchor = -1;
    for (uint32_t k = 0; k < gd->n; k++) {
        geo_mention *m = &gd->m[k];
        if (!m->feature)
            continue;
        if (anchor == -1) {
            int32_t f = focus_of(g, gd);
            anchor = f >= 0 && local_kind(g->places[gd->m[f].place].kind) ? gd->m[f].place : -2;
        }
        double best = FEAT_KM;
        int32_t bp = -1;
        uint32_t nc = m->n < MAX_CANDIDATES ? m->n : MAX_CANDIDATES;
        for (uint32_t j = 0; j < nc; j++) {
            int32_t pi = (int32_t)(g->names[m->first + j].place & ~GAZ_ALT);
            const gaz_place *p = &g->places[pi];
            if (!local_kind(p->kind))
                continue;
            for (uint32_t o = 0; o < gd->n; o++) {
                const geo_mention *q = &gd->m[o];
                if (q->feature || q->place < 0 || !local_kind(g->places[q->place].kind) ||
                    (q->first == m->first && q->fixed < 0))
                    continue;
                const gaz_place *r = &g->places[q->place];
                double d = gaz_km(gaz_lat(p), gaz_lon(p), gaz_lat(r), gaz_lon(r));
                if (d < best)
                    best = d, bp = pi;
            }
        }
        if (bp >= 0)
            m->place = bp;
        else if (anchor >= 0)
            m->place = anchor, m->how = GM_NEAR;
    }
}

void geo_resolve(const gaz *g, geo_doc *gd)
{
    context *c = mem_calloc(1, sizeof *c);
    int32_t *voted = mem_alloc((gd->n ? gd->n : 1) * sizeof *voted);
    if (!c || !voted) {
        mem_free(c);
        mem_free(voted);
        return;
    }
    /* each mention's weight as evidence of the country and the region */
    float *ew = mem_alloc((gd->n ? gd->n : 1) * sizeof *ew), *rwt = mem_alloc((gd->n ? gd->n : 1) * sizeof *rwt);
    if (!ew || !rwt) {
        mem_free(ew);
        mem_free(rwt);
        mem_free(voted);
        mem_free(c);
        return;
    }
    for (uint32_t k = 0; k < gd->n; k++)
        ew[k] = evidence_weight(gd, k), rwt[k] = region_weight(gd, k);
    float *coh = coherence(g, gd, rwt);
    for (int round = 0; round < 3; round++) {
        memset(c, 0, sizeof *c);
        for (uint32_t k = 0; k < gd->nactor_countries; k++)
            ctx_country(c, gd->actor_country[k], (float)CTX_ACTOR * gd->actor_count[k]);
        for (uint32_t k = 0; k < gd->n; k++) {
            const geo_mention *m = &gd->m[k];
            voted[k] = m->fixed >= 0                ? m->fixed
                       : round == 0 && m->n == 1 ? (int32_t)(g->names[m->first].place & ~GAZ_ALT)
                       : round > 0               ? m->place
                                                 : -1;
            if (voted[k] >= 0 && !g->places[voted[k]].country[0])
                voted[k] = -1; /* continents and seas are no evidence */
            add_context(g, c, voted[k], ew[k], rwt[k]);
        }
        for (uint32_t k = 0; k < gd->n; k++) {
            geo_mention *m = &gd->m[k];
            if (m->fixed >= 0) {
                m->place = m->fixed;
                continue;
            }
            own_votes own = {.n = 0};
            for (uint32_t j = 0; j < gd->n && own.n < 32; j++)
                if (voted[j] >= 0 && (j == k || (gd->m[j].fixed < 0 && gd->m[j].first == m->first))) {
                    own.w[own.n] = ew[j];
                    own.wr[own.n] = rwt[j];
                    own.place[own.n++] = voted[j];
                }
            double best = -1e9;
            int32_t bp = -1;
            uint32_t nc = m->n < MAX_CANDIDATES ? m->n : MAX_CANDIDATES;
            for (uint32_t j = 0; j < nc; j++) {
                if (nc > 1 && (container_name(g, m, j, nc) || region_of_namesake(g, m, j, nc)))
                    continue;
                unsigned kind = g->places[g->names[m->first + j].place & ~GAZ_ALT].kind;
                if (m->area && kind != GK_REGION && kind != GK_COUNTRY && kind != GK_AREA)
                    continue;
                double s = score(g, gd, c, &own, k, j);
                if (coh)
                    s += COH_W * coh[(size_t)k * MAX_CANDIDATES + j];
                if (s > best)
                    best = s, bp = (int32_t)(g->names[m->first + j].place & ~GAZ_ALT);
            }
            m->place = bp;
        }
    }
    place_features(g, gd);
    mem_free(coh);
    mem_free(ew);
    mem_free(rwt);
    mem_free(voted);
    mem_free(c);
}

int32_t geo_focus(const gaz *g, const geo_doc *gd) { return focus_of(g, gd); }

/* The focus, from names other than features' */
static int32_t focus_of(const gaz *g, const geo_doc *gd)
{
    int32_t best = -1;
    double bs = 0;
    for (uint32_t k = 0; k < gd->n; k++) {
        const geo_mention *m = &gd->m[k];
        if (m->place < 0 || m->metonym || m->how == GM_DEMONYM || m->in_name || m->feature)
            continue;
        unsigned kind = g->places[m->place].kind;
        double s = 0;
        for (uint32_t j = 0; j < gd->n; j++)
            if (gd->m[j].place == m->place && !gd->m[j].metonym && !gd->m[j].feature)
                s += 1;
        s += kind == GK_CITY || kind == GK_LANDMARK ? 100 : kind == GK_COUNTRY ? 0 : 50;
        s -= k * 0.001;
        if (best < 0 || s > bs)
            best = (int32_t)k, bs = s;
    }
    return best;
}

/* Can mention m be a place?  (Events are held before the document's
 * mentions are resolved: one with candidates counts.) */
static int placeable(const geo_mention *m) { return !m->in_name && (m->place >= 0 || m->fixed >= 0 || m->n > 0); }

int32_t geo_event_mention(const geo_doc *gd, uint32_t m0, uint32_t m1, const word *w, const char *const *rel,
                          uint32_t n, uint32_t head, const uint8_t *skip)
{
    (void)rel;
    /* attached through a locative preposition to the head, or to the word
     * that governs it ("a similar attack was carried out on a northern
     * Iraqi base": the attack's place is the base's) */
    uint32_t governor = head < n && w[head].head >= 0 ? (uint32_t)w[head].head : UINT32_MAX;
    for (uint32_t k = m0; k < m1; k++) {
        const geo_mention *m = &gd->m[k];
        if (!placeable(m) || m->metonym || !m->locative || m->in_actor || (skip && m->w0 < n && skip[m->w0]))
            continue; /* "into the US embassy in Iraq's capital": the capital, not the embassy's country */
        uint32_t x = m->head;
        for (int steps = 0; steps < 4 && x < n; steps++) {
            if (x == head || x == governor)
                return (int32_t)k;
            if (w[x].head < 0)
                break;
            x = (uint32_t)w[x].head;
        }
    }
    /* the nearest name in the sentence that is no actor of the event */
    int32_t best = -1;
    uint32_t bd = UINT32_MAX;
    for (uint32_t k = m0; k < m1; k++) {
        const geo_mention *m = &gd->m[k];
        if (!placeable(m) || m->metonym || m->how == GM_DEMONYM || (skip && m->w0 < n && skip[m->w0]))
            continue;
        uint32_t d = m->head > head ? m->head - head : head - m->head;
        if (!m->locative && m->in_actor)
            continue;
        if (d < bd)
            bd = d, best = (int32_t)k;
    }
    return best;
}

const char *geo_precision(const gaz_place *p)
{
    switch (p->kind) {
    case GK_COUNTRY:
        return "country";
    case GK_REGION:
    case GK_COUNTY:
    case GK_AREA:
        return "region";
    case GK_LANDMARK:
        return "landmark";
    default:
        return "city";
    }
}
