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
    m->fixed = m->place = m->container = m->dict_capital = -1;
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

/* ---- recognition: one sentence ---- */

/* The sentence read, and where its mentions begin in gd (m0). */
typedef struct sentence {
    const gaz *g;
    const word *w;
    const uint8_t *pos;
    const char *const *rel;
    uint32_t n, si, m0;
    const actor *actors;
    uint32_t nactors;
    geo_doc *gd;
} sentence;

/* what a reader of a word returns: the next word, or these */
#define NOTHING 0          /* nothing of its kind begins at the word */
#define OUT_OF_MEMORY UINT32_MAX

/* The demonyms of the actor dictionaries ("Iraqi", "Sri Lankan"), by their
 * first word (of the first 256): their length in words (0: none) and their
 * country's place. */
static void find_demonyms(const sentence *s, const lexicon *lx, uint8_t *demonym, int64_t *demonym_place)
{
    memset(demonym, 0, 256);
    if (!lx || s->n > 256)
        return;
    lex_match lm[64];
    uint32_t nm = lex_match_words(lx, s->w, s->n, NULL, lm, 64);
    for (uint32_t k = 0; k < nm && k < 64; k++) {
        const lex_entry *e = &lx->entries[lm[k].entry];
        if (e->section != LEX_ACTOR || e->kind != LK_DEMONYM || lm[k].end > lm[k].start + MAX_SPAN ||
            lm[k].end > s->n || !is_upper_start(&s->w[lm[k].start]) || !is_upper_start(&s->w[lm[k].end - 1]))
            continue;
        int64_t c = demonym_country(s->g, lx, lm[k].entry);
        if (c >= 0 && lm[k].end - lm[k].start > demonym[lm[k].start])
            demonym[lm[k].start] = (uint8_t)(lm[k].end - lm[k].start), demonym_place[lm[k].start] = c;
    }
}

/* The sentence's lists of counties or parishes, at most max names. */
static uint32_t find_county_lists(const sentence *s, listed *lists, uint32_t max)
{
    uint32_t nlists = 0;
    for (uint32_t k = 2; k < s->n && nlists < max; k++)
        if (form_is(&s->w[k], "counties") || form_is(&s->w[k], "parishes"))
            nlists += county_list(s->g, s->w, k, form_is(&s->w[k], "counties") ? "county" : "parish",
                                  lists + nlists, max - nlists);
    return nlists;
}

/* A name of a county list, as a mention. */
static uint32_t listed_mention(sentence *s, const listed *l)
{
    geo_mention *m = push(s->gd);
    if (!m)
        return OUT_OF_MEMORY;
    m->sent = s->si, m->w0 = l->w0, m->w1 = l->w1, m->first = l->first, m->n = l->n;
    m->head = span_head(s->w, l->w0, m->w1);
    m->locative = (uint8_t)is_locative(s->w, l->w0);
    m->start = s->w[l->w0].start, m->end = s->w[m->w1 - 1].end;
    return m->w1;
}

/* A demonym of len words at i, of the country place c ("Iraqi"), with a
 * direction before it ("a northern Iraqi base": northern Iraq) or
 * "capital" after it ("the Iraqi capital": Baghdad). */
static uint32_t demonym_mention(sentence *s, uint32_t i, uint32_t len, int64_t c)
{
    const gaz *g = s->g;
    const word *w = s->w;
    geo_mention *m = push(s->gd);
    if (!m)
        return OUT_OF_MEMORY;
    m->sent = s->si, m->w0 = i, m->w1 = i + len, m->head = i + len - 1, m->how = GM_DEMONYM;
    m->fixed = (int32_t)c;
    if (i > 0 && form_in(&w[i - 1], directions)) {
        const char *cname = gaz_str(g, g->places[m->fixed].name);
        char text[GAZ_KEY_MAX], key[GAZ_KEY_MAX];
        snprintf(text, sizeof text, "%.*s %s", (int)w[i - 1].len, w[i - 1].form, cname);
        uint32_t first;
        if (gaz_key(text, strlen(text), key, sizeof key) && gaz_lookup(g, key, &first)) {
            m->fixed = (int32_t)(g->names[first].place & ~GAZ_ALT);
            m->w0 = i - 1;
        }
    }
    if (m->w1 < s->n && form_is(&w[m->w1], "capital") && g->places[m->fixed].kind == GK_COUNTRY &&
        g->places[m->fixed].parent) {
        m->fixed = (int32_t)g->places[m->fixed].parent - 1;
        m->how = GM_CAPITAL;
        m->head = m->w1, m->w1++;
    }
    m->locative = (uint8_t)is_locative(w, m->w0);
    m->start = w[m->w0].start, m->end = w[m->w1 - 1].end;
    return m->w1;
}

/* A party-state tag, "D-N.Y.", "R-Mass.", "D-W. Va.": the state after the
 * party's letter, as a mention; "D - Pa ." as the tokens split it is
 * passed to the state's abbreviation. */
static uint32_t party_tag(sentence *s, uint32_t i)
{
    const word *w = s->w, *wi = &w[i];
    if (wi->len > 2 && wi->form[1] == '-' && (wi->form[0] == 'D' || wi->form[0] == 'R' || wi->form[0] == 'I') &&
        wi->form[2] >= 'A' && wi->form[2] <= 'Z') {
        char key[GAZ_KEY_MAX];
        uint32_t j = party_state(s->g, w, s->n, i, key);
        if (j) {
            geo_mention *m = push(s->gd);
            if (!m)
                return OUT_OF_MEMORY;
            uint32_t first, cnt = gaz_lookup(s->g, key, &first);
            m->sent = s->si, m->w0 = i, m->w1 = j, m->head = i, m->first = first, m->n = cnt, m->area = 1;
            m->start = w[i].start + 2, m->end = w[j - 1].end;
            return j;
        }
    }
    if (wi->len == 1 && (wi->form[0] == 'D' || wi->form[0] == 'R' || wi->form[0] == 'I') && i + 2 < s->n &&
        form_is(&w[i + 1], "-") && !wi->space_after && !w[i + 1].space_after && is_upper_start(&w[i + 2]))
        return i + 2;
    return NOTHING;
}

/* A state's abbreviation after a comma or a party's letter, split from its
 * full stop ("Sulpher, La.", "D-Pa."): a region's name, as a mention. */
static uint32_t split_abbreviation(sentence *s, uint32_t i)
{
    const word *w = s->w, *wi = &w[i];
    if (!(i + 1 < s->n && i > 0 && (form_is(&w[i - 1], ",") || form_is(&w[i - 1], "-")) && is_upper_start(wi) &&
          has_lower(wi) && wi->len <= 4 && form_is(&w[i + 1], ".") && !wi->space_after))
        return NOTHING;
    char key[GAZ_KEY_MAX];
    uint32_t first, cnt = span_key(w, i, i + 1, NULL, key) ? gaz_lookup(s->g, key, &first) : 0, area = 0;
    for (uint32_t c = 0; c < cnt && !area; c++)
        area = s->g->places[s->g->names[first + c].place & ~GAZ_ALT].kind == GK_REGION;
    if (!area)
        return NOTHING;
    geo_mention *m = push(s->gd);
    if (!m)
        return OUT_OF_MEMORY;
    m->sent = s->si, m->w0 = i, m->w1 = i + 2, m->head = i, m->first = first, m->n = cnt, m->area = 1;
    m->locative = (uint8_t)is_locative(w, i);
    m->start = w[i].start, m->end = w[i + 1].end;
    return i + 2;
}

/* Are words [i, j) shaped as a name: capitalised words, with connectors
 * and the full stops of initials inside ("W . Va."), the last one
 * capitalised or a generic ("the Baghdad airport"), and not "-"? */
static int name_shaped(const word *w, uint32_t i, uint32_t j)
{
    if (!is_upper_start(&w[j - 1]) && !(j - 1 > i && form_in(&w[j - 1], generics)))
        return 0;
    for (uint32_t k = i + 1; k < j - 1; k++)
        if (!is_upper_start(&w[k]) && !form_in(&w[k], connectors) &&
            !(form_is(&w[k], ".") && !w[k - 1].space_after && !w[k].space_after))
            return 0;
    return !(j - i > 1 && form_is(&w[j - 1], "-"));
}

/* May the one word at i, whose candidates are cnt from first, be a place's
 * name? */
static int one_word_name(const sentence *s, uint32_t i, uint32_t first, uint32_t cnt)
{
    const word *w = s->w, *wi = &w[i];
    /* a proper noun, not a common word written with a capital */
    if (s->pos && s->pos[i] != AP_PROPN && !(s->pos[i] == AP_NOUN && !has_lower(wi)) && wi->ac != 0 &&
        !own_addition(s->g, first, cnt))
        return 0;
    if ((form_in(wi, stop) && !is_locative(w, i)) || form_in(wi, dates))
        return 0;
    if (wi->len <= 2 && has_lower(wi))
        return 0;
    /* "Port of Los Angeles", "Bank of England": a word before "of" and a
     * name, that is no place's own name, is the head of another name ("the
     * Nice of Russia" is Nice) */
    if (i + 2 < s->n && form_is(&w[i + 1], "of") && is_upper_start(&w[i + 2]) && !own_name(s->g, first, cnt))
        return 0;
    /* a word in capitals ("UF", "EMS") that is no place's own name is an
     * acronym, not a place's other name */
    return has_lower(wi) || own_name(s->g, first, cnt);
}

/* "Dublin City Council": is "X City" (words [i, j)) before another
 * capitalised word X's body, "X City" being no city's own name ("Kansas
 * City Council" is Kansas City's)? */
static int city_body(const sentence *s, uint32_t i, uint32_t j, uint32_t first, uint32_t cnt)
{
    const gaz *g = s->g;
    if (!(j > i + 1 && j < s->n && form_is(&s->w[j - 1], "City") && is_upper_start(&s->w[j])))
        return 0;
    for (uint32_t c = 0; c < cnt; c++)
        if (!(g->names[first + c].place & GAZ_ALT) && g->places[g->names[first + c].place].kind == GK_CITY)
            return 0;
    return 1;
}

/* The longest name at i (of two words or more after a leading connector,
 * lead) that the gazetteer knows: its end, or 0, and its candidates. */
static uint32_t longest_name(const sentence *s, uint32_t i, int lead, uint32_t *first, uint32_t *cnt)
{
    char key[GAZ_KEY_MAX];
    uint32_t limit = i + MAX_SPAN < s->n ? i + MAX_SPAN : s->n;
    for (uint32_t j = limit; j > i + (uint32_t)lead; j--) {
        if (!name_shaped(s->w, i, j) || !span_key(s->w, i, j, NULL, key))
            continue;
        uint32_t f, c = gaz_lookup(s->g, key, &f);
        if (!c)
            continue;
        /* "the City of Richmond" is the city Richmond, whatever place the
         * gazetteer names "City of Richmond" (Virginia's) */
        if (j > i + 2 && form_is(&s->w[i], "City") && form_is(&s->w[i + 1], "of"))
            c = city_of(s->g, s->w, i, j, c, &f);
        if ((j == i + 1 && !one_word_name(s, i, f, c)) || city_body(s, i, j, f, c))
            continue;
        *first = f, *cnt = c;
        return j;
    }
    return 0;
}

/* A name the gazetteer does not know, with a generic: a feature ("Coffman
 * Park", "Lake Harriet", "Neches River"), as a mention. */
static uint32_t feature_mention(sentence *s, uint32_t i)
{
    const word *w = s->w;
    geo_doc *gd = s->gd;
    uint32_t e = i, n = s->n;
    while (e < n && e < i + 2 && is_upper_start(&w[e]) && has_lower(&w[e]) && !form_in(&w[e], stop) &&
           !form_in(&w[e], dates) && !form_in(&w[e], feature_after) && !form_in(&w[e], feature_before) &&
           !form_in(&w[e], directions))
        e++;
    int before = i > 0 && form_in(&w[i - 1], feature_before) && (gd->n == s->m0 || gd->m[gd->n - 1].w1 < i);
    int after = e < n && form_in(&w[e], feature_after) && !form_is(&w[e], "City") && !form_is(&w[e], "National") &&
                !form_is(&w[e], "Village");
    if (!(e > i && (before || after) && (!s->pos || s->pos[i] == AP_PROPN) &&
          actor_at(s->actors, s->nactors, i) < 0))
        return NOTHING;
    geo_mention *m = push(gd);
    if (!m)
        return OUT_OF_MEMORY;
    m->sent = s->si, m->w0 = before ? i - 1 : i, m->w1 = after ? e + 1 : e, m->feature = 1;
    m->head = span_head(w, m->w0, m->w1);
    m->locative = (uint8_t)is_locative(w, m->w0);
    m->start = w[m->w0].start, m->end = w[m->w1 - 1].end;
    return m->w1;
}

/* Are some of the cnt candidates from first an area, a region or a
 * country? */
static int any_area(const gaz *g, uint32_t first, uint32_t cnt)
{
    for (uint32_t c = 0; c < cnt; c++) {
        unsigned kind = g->places[g->names[first + c].place & ~GAZ_ALT].kind;
        if (kind == GK_REGION || kind == GK_COUNTRY || kind == GK_AREA)
            return 1;
    }
    return 0;
}

/* Is the name found at [i, end) no mention?  The word to go on with then,
 * else NOTHING, and *in_name: it is a word of an organisation's name. */
static uint32_t not_a_mention(const sentence *s, uint32_t i, uint32_t end, int dir, uint32_t first, uint32_t cnt,
                              int *in_name)
{
    const word *w = s->w;
    if (dir && end == i + 1)
        return i + 1;
    /* "north Arlington" is the north of Arlington, not North Arlington: a
     * direction written in lower case makes a name with the next only when
     * the whole is an area, a region or a country */
    if (dir && !is_upper_start(&w[i]) && !any_area(s->g, first, cnt))
        return i + 1;
    /* not a word of a person's or group's name, but a place named in an
     * organisation's name is a mention of the place ("the U.S. Senate",
     * "the European Union"), though never an event's location */
    int32_t x = actor_at(s->actors, s->nactors, i);
    *in_name = x >= 0 && !actor_kind_is_place(s->actors[x].kind) && s->actors[x].kind != LK_DEMONYM &&
               s->actors[x].kind != LK_TITLE;
    if (*in_name && !actor_kind_is_org(s->actors[x].kind))
        return end;
    /* "Raquel Henry": a name after an unknown proper name is a person's */
    if (end == i + 1 && i > 0 && s->pos && s->pos[i - 1] == AP_PROPN && is_upper_start(&w[i - 1]) &&
        (s->gd->n == s->m0 || s->gd->m[s->gd->n - 1].w1 != i) && !form_in(&w[i - 1], stop) &&
        !form_in(&w[i - 1], dates) && !form_in(&w[i - 1], directions))
        return end;
    return NOTHING;
}

/* The words around mention m (found at [i, end)) that belong to it: a
 * direction before a region's or country's name ("Northeast Georgia",
 * "southern Iraq": the region or country, not a city), or a generic of a
 * feature the gazetteer lacks ("Hopkins Park", "Lake Cumberland"). */
static void widen_mention(const sentence *s, geo_mention *m, uint32_t i, uint32_t end)
{
    const word *w = s->w;
    const geo_doc *gd = s->gd;
    if (i > 0 && form_in(&w[i - 1], directions) && (gd->n == s->m0 + 1 || gd->m[gd->n - 2].w1 < i)) {
        m->area = (uint8_t)any_area(s->g, m->first, m->n);
        if (m->area)
            m->w0 = i - 1;
    }
    if (end < s->n && form_in(&w[end], feature_after) && is_upper_start(&w[end]) &&
        (!form_is(&w[end], "National") || (end + 1 < s->n && form_in(&w[end + 1], national_next)))) {
        m->feature = 1;
        m->w1 = end + 1 + form_is(&w[end], "National");
    } else if (m->w0 == i && i > 0 && form_in(&w[i - 1], feature_before) &&
               (gd->n == s->m0 + 1 || gd->m[gd->n - 2].w1 < i)) {
        m->feature = 1;
        m->w0 = i - 1;
    }
}

/* "Iraq's capital": mention m of a country's name, found at [., end),
 * becomes its capital. */
static void capital_of(const sentence *s, geo_mention *m, uint32_t end)
{
    const gaz *g = s->g;
    if (!(end + 1 < s->n && form_is(&s->w[end], "'s") && form_is(&s->w[end + 1], "capital")))
        return;
    for (uint32_t c = 0; c < m->n; c++) {
        const gaz_place *p = &g->places[g->names[m->first + c].place & ~GAZ_ALT];
        if (p->kind == GK_COUNTRY && p->parent) {
            m->fixed = (int32_t)p->parent - 1;
            m->how = GM_CAPITAL;
            m->w1 = end + 2;
            m->head = end + 1;
            m->metonym = 0;
            return;
        }
    }
}

/* The capital (a place) of the country whose capital actor x of the
 * sentence is, when the actor is the words [i, end) themselves and the
 * dictionaries say so ("Washington" => USA {capital}: the city, not the
 * state); -1 otherwise. */
static int32_t dictionary_capital(const sentence *s, int32_t x, uint32_t i, uint32_t end)
{
    if (x < 0 || s->actors[x].start != i || s->actors[x].end != end || s->actors[x].kind != LK_CAPITAL)
        return -1;
    int64_t c = gaz_country(s->g, s->actors[x].country);
    uint32_t capital = c >= 0 ? s->g->places[c].parent : 0;
    return capital ? (int32_t)capital - 1 : -1;
}

/* The name found at [i, end), with cnt candidates from first, as a
 * mention. */
static uint32_t name_mention(sentence *s, uint32_t i, uint32_t end, uint32_t first, uint32_t cnt, int in_name)
{
    const word *w = s->w;
    geo_mention *m = push(s->gd);
    if (!m)
        return OUT_OF_MEMORY;
    m->sent = s->si, m->w0 = i, m->w1 = end, m->first = first, m->n = cnt;
    m->in_name = (uint8_t)in_name;
    widen_mention(s, m, i, end);
    m->head = span_head(w, i, end);
    m->person = (uint8_t)(end == i + 1 && m->w0 == i && person_like(w, s->pos, s->rel, s->n, i));
    m->metonym = (uint8_t)metonym_at(w, s->rel, s->actors, s->nactors, i, end);
    m->locative = (uint8_t)is_locative(w, m->w0);
    int32_t x = actor_at(s->actors, s->nactors, i);
    m->in_actor = (uint8_t)(x >= 0 && !s->actors[x].place && (s->actors[x].end - s->actors[x].start) > end - i);
    m->dict_capital = dictionary_capital(s, x, i, end);
    capital_of(s, m, end);
    m->start = w[m->w0].start, m->end = w[m->w1 - 1].end;
    return m->w1;
}

/* Reads what begins at word i, a mention or nothing: the word to go on
 * with, or OUT_OF_MEMORY. */
static uint32_t read_at(sentence *s, uint32_t i, const listed *lists, uint32_t nlists, const uint8_t *demonym,
                        const int64_t *demonym_place)
{
    const word *wi = &s->w[i];
    uint32_t li = 0, r;
    while (li < nlists && lists[li].w0 != i)
        li++;
    if (li < nlists)
        return listed_mention(s, &lists[li]);
    if (i < 256 && demonym[i])
        return demonym_mention(s, i, demonym[i], demonym_place[i]);
    if ((r = party_tag(s, i)) != NOTHING || (r = split_abbreviation(s, i)) != NOTHING)
        return r;
    int dir = form_in(wi, directions) && i + 1 < s->n && is_upper_start(&s->w[i + 1]);
    /* a connector begins a name only written with a capital, and of more
     * than one word ("El Paso", "Des Moines", "La Crosse") */
    int lead = form_in(wi, connectors);
    if ((!is_upper_start(wi) && !dir) || (lead && (!is_upper_start(wi) || wi->len < 2)) || form_is(wi, "the"))
        return i + 1;
    uint32_t first = 0, cnt = 0, end = longest_name(s, i, lead, &first, &cnt);
    if (!end)
        return (r = feature_mention(s, i)) != NOTHING ? r : i + 1;
    int in_name = 0;
    if ((r = not_a_mention(s, i, end, dir, first, cnt, &in_name)) != NOTHING)
        return r;
    return name_mention(s, i, end, first, cnt, in_name);
}

/* The actors' countries, as evidence of the document's places; not an
 * actor that holds a place name ("Georgia police"): the name is evidence
 * already, and its place is to be found, not assumed. */
static void note_actor_countries(sentence *s)
{
    for (uint32_t k = 0; k < s->nactors; k++) {
        int named = 0;
        for (uint32_t j = s->m0; j < s->gd->n && !named; j++)
            named = s->gd->m[j].w0 < s->actors[k].end && s->gd->m[j].w1 > s->actors[k].start;
        if (!named)
            note_country(s->gd, s->actors[k].country);
    }
}

/* Containers: "X, Y" and "X in Y". */
static void link_containers(sentence *s)
{
    for (uint32_t k = s->m0; k + 1 < s->gd->n; k++) {
        geo_mention *a = &s->gd->m[k], *b = &s->gd->m[k + 1];
        if (b->w0 == a->w1 + 1 && (form_is(&s->w[a->w1], ",") || form_is(&s->w[a->w1], "in"))) {
            a->container = (int32_t)(k + 1);
            b->dict_capital = -1; /* "Seattle, Washington": the container is what X's place lies in */
        }
    }
}

int geo_sentence(const gaz *g, const lexicon *lx, uint32_t si, const word *w, const uint8_t *pos,
                 const char *const *rel, uint32_t n, const actor *actors, uint32_t nactors, geo_doc *gd)
{
    sentence s = {g, w, pos, rel, n, si, gd->n, actors, nactors, gd};
    uint8_t demonym[256];
    int64_t demonym_place[256];
    find_demonyms(&s, lx, demonym, demonym_place);
    listed lists[16];
    uint32_t nlists = find_county_lists(&s, lists, 16);
    for (uint32_t i = 0; i < n;) {
        i = read_at(&s, i, lists, nlists, demonym, demonym_place);
        if (i == OUT_OF_MEMORY)
            return -1;
    }
    note_actor_countries(&s);
    link_containers(&s);
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
 * place's alternate names.  When the actor dictionaries name a capital
 * with these very words ("Washington" => USA {capital}), the capital's
 * namesakes in its own country lose PRIOR_DICT_CAPITAL (the state of
 * Washington, whose prior is above the city's); namesakes abroad do not
 * (Dublin, Ohio in an Ohio story).  An alternate name that is the own name of the
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
static const double PRIOR_DICT_CAPITAL = 3, PRIOR_COUNTRY = 3, PRIOR_REGION = 1.5, PRIOR_COUNTY = 0.5, PRIOR_ADDITION = 6,
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

uint32_t geo_region(const gaz *g, const gaz_place *p)
{
    return region_of(g, p);
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
    return any_area(g, m->first, m->n < MAX_CANDIDATES ? m->n : MAX_CANDIDATES);
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
    if (m->dict_capital >= 0 && (int32_t)(e & ~GAZ_ALT) != m->dict_capital &&
        strcmp(p->country, g->places[m->dict_capital].country) == 0)
        s -= PRIOR_DICT_CAPITAL; /* the capital's namesakes in its own country (the state of Washington) */
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

/* The working state of geo_resolve: the context of the round, each
 * mention's vote in it and its weights as evidence of the country and of
 * the region, and the coherence of every candidate. */
typedef struct resolver {
    context *c;
    int32_t *voted;
    float *ew, *rwt, *coh;
} resolver;

static void resolver_free(resolver *rs)
{
    void *held[] = {rs->coh, rs->ew, rs->rwt, rs->voted, rs->c};
    for (size_t k = 0; k < sizeof held / sizeof *held; k++)
        mem_free(held[k]);
}

/* Allocates the working state and weighs the mentions: 0, or -1 out of
 * memory (the coherence may be missing: it is then 0). */
static int resolver_init(const gaz *g, const geo_doc *gd, resolver *rs)
{
    size_t n = gd->n ? gd->n : 1;
    memset(rs, 0, sizeof *rs);
    rs->c = mem_calloc(1, sizeof *rs->c);
    rs->voted = mem_alloc(n * sizeof *rs->voted);
    rs->ew = mem_alloc(n * sizeof *rs->ew);
    rs->rwt = mem_alloc(n * sizeof *rs->rwt);
    if (!rs->c || !rs->voted || !rs->ew || !rs->rwt) {
        resolver_free(rs);
        return -1;
    }
    for (uint32_t k = 0; k < gd->n; k++)
        rs->ew[k] = evidence_weight(gd, k), rs->rwt[k] = region_weight(gd, k);
    rs->coh = coherence(g, gd, rs->rwt);
    return 0;
}

/* The context of a round: the actors' countries and each mention's vote,
 * its fixed place, else in the first round the place of a name with one
 * candidate, in the later ones the place the round before chose. */
static void gather_votes(const gaz *g, const geo_doc *gd, resolver *rs, int round)
{
    context *c = rs->c;
    memset(c, 0, sizeof *c);
    for (uint32_t k = 0; k < gd->nactor_countries; k++)
        ctx_country(c, gd->actor_country[k], (float)CTX_ACTOR * gd->actor_count[k]);
    for (uint32_t k = 0; k < gd->n; k++) {
        const geo_mention *m = &gd->m[k];
        rs->voted[k] = m->fixed >= 0                ? m->fixed
                       : round == 0 && m->n == 1 ? (int32_t)(g->names[m->first].place & ~GAZ_ALT)
                       : round > 0               ? m->place
                                                 : -1;
        if (rs->voted[k] >= 0 && !g->places[rs->voted[k]].country[0])
            rs->voted[k] = -1; /* continents and seas are no evidence */
        add_context(g, c, rs->voted[k], rs->ew[k], rs->rwt[k]);
    }
}

/* The votes of the mentions of mention k's name, its own among them, to be
 * taken off the context when k is scored. */
static void own_votes_of(const geo_doc *gd, const resolver *rs, uint32_t k, own_votes *own)
{
    own->n = 0;
    for (uint32_t j = 0; j < gd->n && own->n < 32; j++)
        if (rs->voted[j] >= 0 && (j == k || (gd->m[j].fixed < 0 && gd->m[j].first == gd->m[k].first))) {
            own->w[own->n] = rs->ew[j];
            own->wr[own->n] = rs->rwt[j];
            own->place[own->n++] = rs->voted[j];
        }
}

/* The place of mention k's best-scoring candidate, or -1: not a container's
 * other name nor a region named after its city, and for a mention of an
 * area ("northern Iraq") a region, a country or an area only. */
static int32_t best_candidate(const gaz *g, const geo_doc *gd, const resolver *rs, const own_votes *own,
                              uint32_t k)
{
    const geo_mention *m = &gd->m[k];
    double best = -1e9;
    int32_t bp = -1;
    uint32_t nc = m->n < MAX_CANDIDATES ? m->n : MAX_CANDIDATES;
    for (uint32_t j = 0; j < nc; j++) {
        if (nc > 1 && (container_name(g, m, j, nc) || region_of_namesake(g, m, j, nc)))
            continue;
        unsigned kind = g->places[g->names[m->first + j].place & ~GAZ_ALT].kind;
        if (m->area && kind != GK_REGION && kind != GK_COUNTRY && kind != GK_AREA)
            continue;
        double s = score(g, gd, rs->c, own, k, j);
        if (rs->coh)
            s += COH_W * rs->coh[(size_t)k * MAX_CANDIDATES + j];
        if (s > best)
            best = s, bp = (int32_t)(g->names[m->first + j].place & ~GAZ_ALT);
    }
    return bp;
}

void geo_resolve(const gaz *g, geo_doc *gd)
{
    resolver rs;
    if (resolver_init(g, gd, &rs) != 0)
        return;
    for (int round = 0; round < 3; round++) {
        gather_votes(g, gd, &rs, round);
        for (uint32_t k = 0; k < gd->n; k++) {
            geo_mention *m = &gd->m[k];
            if (m->fixed >= 0) {
                m->place = m->fixed;
                continue;
            }
            own_votes own;
            own_votes_of(gd, &rs, k, &own);
            m->place = best_candidate(g, gd, &rs, &own, k);
        }
    }
    place_features(g, gd);
    resolver_free(&rs);
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
