/*
 * actor.c - noun chunks of a tagged sentence resolved into actor codes.
 */
#include "code/actor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "time/timex.h"

static const char *const countries =
    "ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR BHR BHS BIH "
    "BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG COK COL COM CPV CRI CUB "
    "CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR GEO "
    "GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN "
    "IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA "
    "MAC MAF MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER "
    "NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU "
    "RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA "
    "TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB VIR VNM VUT "
    "WLF WSM XKX YEM ZAF ZMB ZWE";

int actor_is_country(const char *code)
{
    if (strlen(code) < 3)
        return 0;
    for (const char *p = countries;; p += 4) { /* codes of three letters, each but the last followed by a space */
        if (memcmp(p, code, 3) == 0)
            return 1;
        if (!p[3])
            return 0;
    }
}

uint8_t actor_pos_of(const char *upos)
{
    static const struct {
        const char *name;
        uint8_t pos;
    } table[] = {{"NOUN", AP_NOUN}, {"PROPN", AP_PROPN}, {"ADJ", AP_ADJ},     {"DET", AP_DET},
                 {"NUM", AP_NUM},   {"PRON", AP_PRON},   {"ADP", AP_ADP},     {"PUNCT", AP_PUNCT},
                 {"PART", AP_PART}, {"VERB", AP_VERB},   {"AUX", AP_VERB}};
    for (size_t k = 0; k < sizeof table / sizeof table[0]; k++)
        if (strcmp(table[k].name, upos) == 0)
            return table[k].pos;
    return AP_OTHER;
}

/* ---- the sentence being resolved ---- */

typedef struct sentence {
    const lexicon *lx;
    const word *w;
    const uint8_t *pos;
    uint32_t n;
    int32_t day;
    lex_match *m;  /* the dictionary phrases found */
    uint32_t nm;
    int32_t *at;   /* per word: the match covering it, or -1 */
    uint8_t *used; /* per word: taken by an earlier chunk ("of Y") */
} sentence;

static int form_is(const word *w, const char *s)
{
    size_t n = strlen(s);
    if (w->len != n)
        return 0;
    for (size_t k = 0; k < n; k++) {
        char c = w->form[k];
        if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != s[k])
            return 0;
    }
    return 1;
}

static int form_in(const word *w, const char *const *list)
{
    for (; *list; list++)
        if (form_is(w, *list))
            return 1;
    return 0;
}

/* "X-backed": X supports the actor (its backer); "X-led": X commands it
 * (its country).  Both keep the chunk together. */
static const char *const backer_words[] = {"backed", "sponsored", "funded", "supported", "allied", "aligned",
                                           "affiliated", "linked", "trained", "armed", "inspired", NULL};
static const char *const leader_words[] = {"led", "run", "controlled", "commanded", "dominated", NULL};

static int glue_word(const word *w) { return form_in(w, backer_words) || form_in(w, leader_words); }
static const char *const locative_words[] = {"in", "at", "near", "outside", "inside", "into", "across", "around",
                                             "throughout", "within", "across", "along", NULL};
static const char *const weak_agents[] = {"officer", "officers", "official", "officials", "member", "members", NULL};

static const lex_entry *entry_of(const sentence *s, uint32_t mi) { return &s->lx->entries[s->m[mi].entry]; }

static int is_actor(const sentence *s, uint32_t mi) { return entry_of(s, mi)->section == LEX_ACTOR; }

/* May word i belong to a noun chunk? */
static int chunk_word(const sentence *s, uint32_t i)
{
    uint8_t p = s->pos[i];
    if (s->at[i] >= 0)
        return 1;
    if (p == AP_NOUN || p == AP_PROPN || p == AP_ADJ || p == AP_DET || p == AP_NUM)
        return 1;
    return form_is(&s->w[i], "'s") || form_is(&s->w[i], "'");
}

/* A hyphen or a backer word ("-backed") that continues the chunk at i. */
static int chunk_glue(const sentence *s, uint32_t a, uint32_t i)
{
    if (i == a)
        return 0;
    if (s->w[i].len == 1 && s->w[i].form[0] == '-')
        return i + 1 < s->n && (chunk_word(s, i + 1) || glue_word(&s->w[i + 1]));
    return glue_word(&s->w[i]) && (s->at[i - 1] >= 0 || form_is(&s->w[i - 1], "-"));
}

/* The end of the chunk starting at a; a day after its first word ("12
 * protesters yesterday", "the embassy last Friday") ends it. */
static uint32_t chunk_end(const sentence *s, uint32_t a)
{
    uint32_t b = a;
    while (b < s->n && !s->used[b] && (chunk_word(s, b) || chunk_glue(s, a, b)) &&
           (b == a || s->at[b] >= 0 || !date_starts_here(s->w, s->n, b)))
        b++;
    return b;
}

/* The code of match mi on the sentence's day ("" when it has none). */
static const char *code_of(const sentence *s, uint32_t mi)
{
    const char *c = lex_code_on(s->lx, s->m[mi].entry, s->day);
    return c ? c : "";
}

/* ---- composing a code ---- */

/* The actor's code from a base (a country or an organisation's code) and
 * an agent's sector ("=": the base itself; "NGO~": placed before). */
static void compose(char *out, const char *base, const char *sector)
{
    size_t sn = strlen(sector);
    if (!*base)
        snprintf(out, ACTOR_CODE_MAX, "%s", strcmp(sector, "=") == 0 ? "" : sector);
    else if (strcmp(sector, "=") == 0 || strlen(base) > 3)
        snprintf(out, ACTOR_CODE_MAX, "%s", base);
    else if (sn && sector[sn - 1] == '~' && (sn - 1 != strlen(base) || memcmp(sector, base, sn - 1) != 0))
        snprintf(out, ACTOR_CODE_MAX, "%.*s%s", (int)(sn - 1), sector, base);
    else if (sn && sector[sn - 1] == '~') /* "human rights activists Amnesty": NGM, not NGMNGM */
        snprintf(out, ACTOR_CODE_MAX, "%s", base);
    else
        snprintf(out, ACTOR_CODE_MAX, "%s%s", base, sector);
}

/* TABARI's composition, for the actors of a peer dictionary (entries of
 * no kind) whatever their length: the agent's code after the actor's
 * ("GMWGOV" + "WGO") or, marked "~" at its end, before it ("NGM~" +
 * "GONGMO"), unless the actor's code holds it already at a multiple of
 * three ("HGWGOVMED" + "GOV"; "GONGMO" does not hold "NGM"). */
static void compose_peer(char *out, const char *base, const char *sector)
{
    size_t sn = strlen(sector), bn = strlen(base);
    int before = sn && sector[sn - 1] == '~';
    size_t n = before ? sn - 1 : sn;
    int held = strcmp(sector, "=") == 0 || !n;
    for (size_t i = 0; i + n <= bn && !held; i += 3)
        held = memcmp(base + i, sector, n) == 0;
    if (held)
        snprintf(out, ACTOR_CODE_MAX, "%s", base);
    else if (before)
        snprintf(out, ACTOR_CODE_MAX, "%.*s%s", (int)n, sector, base);
    else
        snprintf(out, ACTOR_CODE_MAX, "%s%s", base, sector);
}

static void finish(actor *a, const sentence *s, uint32_t mi)
{
    a->entry = s->m[mi].entry;
    a->kind = entry_of(s, mi)->kind;
    if (actor_is_country(a->code))
        memcpy(a->country, a->code, 3), a->country[3] = 0;
}

/* The first actor match (not a backer) in the chunk starting at b, for
 * "of Y" and "in Y"; -1 when none (places only when places is set). */
static int32_t following_actor(const sentence *s, uint32_t b, int places)
{
    uint32_t e = chunk_end(s, b);
    for (uint32_t i = b; i < e; i++) {
        int32_t mi = s->at[i];
        if (mi < 0 || !is_actor(s, (uint32_t)mi))
            continue;
        unsigned k = entry_of(s, (uint32_t)mi)->kind;
        int place = k == LK_COUNTRY || k == LK_CAPITAL || k == LK_CITY || k == LK_REGION ||
                    k == LK_NONE; /* a peer dictionary's actor, of no kind ("officials in White House") */
        if (!places || place)
            return mi;
    }
    return -1;
}

/* The chunk's base for an agent without one before it: a following "of Y"
 * (any actor) or "in Y" / "from Y" (a place: "soldiers from Gondor");
 * extends *end over it. */
static int32_t base_after(sentence *s, uint32_t *end)
{
    uint32_t b = *end;
    if (b + 1 >= s->n || s->used[b + 1])
        return -1;
    int of = form_is(&s->w[b], "of"), in = form_is(&s->w[b], "in") || form_is(&s->w[b], "from");
    if (!of && !in)
        return -1;
    int32_t mi = following_actor(s, b + 1, !of);
    if (mi < 0)
        return -1;
    uint32_t e = chunk_end(s, b + 1);
    for (uint32_t i = b + 1; i < e; i++)
        s->used[i] = 1;
    *end = e;
    return mi;
}

/* Is the word "ethnic" among the words [a, start) or right before a?  CAMEO
 * codes an ethnic group by the country it is said to live in. */
static int ethnic(const sentence *s, uint32_t a, uint32_t start)
{
    for (uint32_t i = a > 0 ? a - 1 : 0; i < start; i++)
        if (form_is(&s->w[i], "ethnic"))
            return 1;
    return 0;
}

/* Resolves the chunk [a, b) into *out; returns 1 when it is an actor.  An
 * agent given its base by a following "of Y"/"in Y" leaves its sector in
 * spread, for the actors coordinated with Y ("the ambassadors of X, Y and
 * Z"); spread is "" otherwise. */
static int resolve_chunk(sentence *s, uint32_t a, uint32_t b, actor *out, char *spread)
{
    spread[0] = 0;
    memset(out, 0, sizeof *out);
    int32_t ms[64];
    uint32_t nms = 0, backer_start = UINT32_MAX;
    for (uint32_t i = a; i < b && nms < 64; i++) {
        int32_t mi = s->at[i];
        if (mi < 0 || (nms && ms[nms - 1] == mi))
            continue;
        uint32_t after = s->m[mi].end;
        int backer = is_actor(s, (uint32_t)mi) &&
                     ((after < b && form_in(&s->w[after], backer_words)) ||
                      (after + 1 < b && form_is(&s->w[after], "-") && form_in(&s->w[after + 1], backer_words)));
        if (backer) {
            const char *c = code_of(s, (uint32_t)mi);
            if (actor_is_country(c))
                memcpy(out->backer, c, 3);
            backer_start = backer_start < s->m[mi].start ? backer_start : s->m[mi].start;
            continue;
        }
        ms[nms++] = mi;
    }
    if (!nms)
        return 0;
    int32_t r = ms[nms - 1];
    uint32_t start = s->m[r].start, end = b;
    while (end > s->m[r].end && s->pos[end - 1] != AP_NOUN && s->pos[end - 1] != AP_PROPN)
        end--; /* trailing adjectives or numbers are no part of the name */
    if (is_actor(s, (uint32_t)r)) {
        unsigned k = entry_of(s, (uint32_t)r)->kind;
        if (k != LK_DEMONYM && k != LK_GROUP && k != LK_PERSON)
            end = s->m[r].end; /* "US drone strike": the actor is "US" */
        int place = k == LK_COUNTRY || k == LK_CAPITAL || k == LK_CITY || k == LK_REGION;
        out->place = place && end == s->m[r].end && a > 0 && form_in(&s->w[a - 1], locative_words);
        snprintf(out->code, ACTOR_CODE_MAX, "%s", code_of(s, (uint32_t)r));
        int32_t home = k == LK_DEMONYM && ethnic(s, a, start) ? base_after(s, &end) : -1;
        if (home >= 0 && actor_is_country(code_of(s, (uint32_t)home))) { /* "ethnic Albanians in Serbia": SRB */
            snprintf(out->code, ACTOR_CODE_MAX, "%.3s", code_of(s, (uint32_t)home));
            finish(out, s, (uint32_t)r);
            out->start = start;
            out->end = end;
            return 1;
        }
        for (uint32_t j = nms - 1; j-- > 0 && strlen(out->code) == 3 && k != LK_PERSON;)
            if (!is_actor(s, (uint32_t)ms[j]) && entry_of(s, (uint32_t)ms[j])->kind != LK_TITLE) {
                char both[ACTOR_CODE_MAX]; /* "MSF Arnor": an agent before a country-level actor */
                compose(both, out->code, code_of(s, (uint32_t)ms[j]));
                memcpy(out->code, both, sizeof both);
                start = s->m[ms[j]].start;
                break;
            }
        finish(out, s, (uint32_t)r);
        out->start = start;
        out->end = end;
        return out->code[0] != 0;
    }
    /* an agent: its sector, with a base before it or after the chunk */
    int32_t sector = r;
    uint32_t k = nms - 1;
    const char *sc = code_of(s, (uint32_t)r);
    if (strcmp(sc, "=") == 0 || (s->m[r].end - s->m[r].start == 1 && form_in(&s->w[s->m[r].start], weak_agents))) {
        for (uint32_t j = nms - 1; j-- > 0;)
            if (!is_actor(s, (uint32_t)ms[j])) {
                sector = ms[j];
                k = j;
                break;
            }
    }
    int32_t base = -1;
    for (uint32_t j = k; j-- > 0;)
        if (is_actor(s, (uint32_t)ms[j])) {
            base = ms[j];
            break;
        }
    if (base < 0 && (base = base_after(s, &end)) >= 0 && strlen(code_of(s, (uint32_t)base)) == 3)
        snprintf(spread, ACTOR_CODE_MAX, "%s", code_of(s, (uint32_t)sector));
    start = s->m[ms[0]].start; /* every phrase of the chunk, its backer included */
    if (backer_start < start)
        start = backer_start;
    if (base >= 0 && entry_of(s, (uint32_t)base)->kind == LK_NONE)
        compose_peer(out->code, code_of(s, (uint32_t)base), code_of(s, (uint32_t)sector));
    else
        compose(out->code, base >= 0 ? code_of(s, (uint32_t)base) : "", code_of(s, (uint32_t)sector));
    if (!out->code[0])
        return 0;
    finish(out, s, (uint32_t)(base >= 0 ? base : sector));
    if (base < 0) {
        out->kind = entry_of(s, (uint32_t)sector)->kind;
        out->sector_only = 1;
    }
    out->start = start;
    out->end = end;
    return 1;
}

/* 1 when the words [from, to) only join coordinated phrases (",", "and",
 * "or", articles) and one of them is a comma or conjunction. */
static int coordinated_after(const sentence *s, uint32_t from, uint32_t to)
{
    int joined = 0;
    for (uint32_t i = from; i < to; i++) {
        int joins = form_is(&s->w[i], ",") || form_is(&s->w[i], "and") || form_is(&s->w[i], "or");
        if (!joins && s->pos[i] != AP_DET)
            return 0;
        joined |= joins;
    }
    return joined;
}

/* An unknown name followed by ", " and a resolved chunk takes its code. */
static int apposition(const sentence *s, uint32_t a, uint32_t b, const actor *next)
{
    if (b + 1 >= s->n || !form_is(&s->w[b], ",") || next->start < b + 1)
        return 0;
    for (uint32_t i = b + 1; i < next->start; i++) /* right after the comma, articles aside */
        if (s->pos[i] != AP_DET)
            return 0;
    for (uint32_t i = a; i < b; i++)
        if (s->pos[i] != AP_PROPN || s->at[i] >= 0)
            return 0;
    return 1;
}

/* "President Smith, an Iraqi official": an actor known only by its sector
 * takes the country of an apposition right after it. */
static void lend_country(const sentence *s, actor *prev, const actor *next)
{
    if (!prev->sector_only || prev->country[0] || !next->country[0] || next->start < 2 || prev->end + 1 > next->start)
        return;
    for (uint32_t i = prev->end + 1; i < next->start; i++)
        if (s->pos[i] != AP_DET)
            return;
    if (!form_is(&s->w[prev->end], ",") || strlen(prev->code) + 3 >= ACTOR_CODE_MAX)
        return;
    char code[ACTOR_CODE_MAX];
    snprintf(code, sizeof code, "%.3s%.28s", next->country, prev->code);
    memcpy(prev->code, code, sizeof code);
    memcpy(prev->country, next->country, 4);
    prev->sector_only = 0;
}

/* True when most words with letters are written in capitals (a headline). */
static int all_caps(const word *w, uint32_t n)
{
    uint32_t letters = 0, caps = 0;
    for (uint32_t i = 0; i < n; i++) {
        int lower = 0, upper = 0;
        for (uint32_t k = 0; k < w[i].len; k++) {
            char c = w[i].form[k];
            lower |= c >= 'a' && c <= 'z';
            upper |= c >= 'A' && c <= 'Z';
        }
        letters += lower || upper;
        caps += upper && !lower;
    }
    return letters >= 3 && caps * 10 >= letters * 8;
}

uint32_t actor_find(const lexicon *lx, const word *w, const uint8_t *pos, uint32_t n, int32_t day, actor *out,
                    uint32_t cap)
{
    if (n == 0)
        return 0;
    sentence s = {lx, w, pos, n, day, NULL, 0, NULL, NULL};
    s.m = malloc((size_t)n * sizeof *s.m);
    s.at = malloc((size_t)n * sizeof *s.at);
    s.used = calloc(n, 1);
    uint8_t *exact_ok = malloc(n);
    uint32_t found = 0;
    if (!s.m || !s.at || !s.used || !exact_ok)
        goto done;
    int caps = all_caps(w, n);
    for (uint32_t i = 0; i < n; i++) {
        exact_ok[i] = !caps || pos[i] == AP_PROPN;
        s.at[i] = -1;
    }
    s.nm = lex_match_words(lx, w, n, exact_ok, s.m, n);
    if (s.nm > n)
        s.nm = n;
    for (uint32_t k = 0; k < s.nm; k++)
        for (uint32_t i = s.m[k].start; i < s.m[k].end; i++)
            s.at[i] = (int32_t)k;
    uint32_t pending_a = 0, pending_b = 0; /* an unknown name waiting for its apposition */
    char spread[ACTOR_CODE_MAX] = "";       /* a sector shared over coordinated bases, */
    uint32_t spread_end = 0;                /* from the end of the last of them */
    for (uint32_t i = 0; i < n;) {
        uint32_t b = s.used[i] ? i : chunk_end(&s, i);
        if (b == i) {
            i++;
            continue;
        }
        actor a;
        char sector[ACTOR_CODE_MAX];
        if (resolve_chunk(&s, i, b, &a, sector)) {
            if (spread[0] && coordinated_after(&s, spread_end, a.start) && strlen(a.code) == 3 && a.kind != LK_PERSON &&
                !a.sector_only) {
                char both[ACTOR_CODE_MAX]; /* "the ambassadors of X, Y and Z": Y's and Z's too */
                compose(both, a.code, spread);
                a.shared = (uint8_t)strlen(a.code);
                memcpy(a.code, both, sizeof both);
                spread_end = a.end;
            } else {
                memcpy(spread, sector, sizeof spread);
                spread_end = a.end;
            }
            if (found && found <= cap)
                lend_country(&s, &out[found - 1], &a);
            if (pending_b && apposition(&s, pending_a, pending_b, &a) && found < cap) {
                out[found] = a;
                out[found].start = pending_a;
                out[found].end = pending_b;
                found++;
            }
            if (found < cap)
                out[found] = a;
            found++;
            pending_b = 0;
            i = a.end > b ? a.end : b;
            continue;
        }
        pending_a = i;
        pending_b = b;
        i = b;
    }
done:
    free(s.m);
    free(s.at);
    free(s.used);
    free(exact_ok);
    return found;
}

/* ---- within a document ---- */

static uint32_t last_word_key(const word *w, const actor *a) { return w[a->end - 1].hash; }

void actor_recall(actor_memory *m, const word *w, actor *a, uint32_t na)
{
    for (uint32_t k = 0; k < na; k++) {
        uint32_t key = last_word_key(w, &a[k]);
        if (a[k].sector_only) {
            for (uint32_t i = m->n; i-- > 0;)
                if (m->key[i] == key) {
                    memcpy(a[k].code, m->code[i], ACTOR_CODE_MAX);
                    memcpy(a[k].country, m->code[i], 3);
                    a[k].country[3] = 0;
                    a[k].sector_only = !actor_is_country(a[k].country);
                    break;
                }
        } else if (a[k].country[0] && w[a[k].end - 1].len > 2) {
            uint32_t slot = m->n < ACTOR_MEMORY ? m->n++ : m->next++ % ACTOR_MEMORY;
            m->key[slot] = key;
            memcpy(m->code[slot], a[k].code, ACTOR_CODE_MAX);
        }
    }
}
