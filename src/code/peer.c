/*
 * peer.c - TABARI's clauses, CODE BY options and the settling of its
 * special codes (peer.h).
 */
#include "code/peer.h"

#include <string.h>
#include <strings.h>

/* Is word i one of TABARI's conjunctions?  and_only: only those that
 * join actors into a compound ("and", "nor"). */
static int conjunction(const ev_sentence *s, uint32_t i, int and_only)
{
    static const char *const all[] = {"and", "nor", "but", "or", NULL};
    const word *w = &s->w[i];
    for (int k = 0; all[k] && (!and_only || k < 2); k++)
        if (strlen(all[k]) == w->len && strncasecmp(w->form, all[k], w->len) == 0)
            return 1;
    return 0;
}

/* The actor covering word i, or -1. */
static int32_t actor_at(const ev_sentence *s, uint32_t i)
{
    for (uint32_t a = 0; a < s->nactors; a++)
        if (s->actors[a].start <= i && i < s->actors[a].end)
            return (int32_t)a;
    return -1;
}

static int modifier(const ev_sentence *s, uint32_t i) { return s->pos[i] == AP_DET || s->pos[i] == AP_ADJ; }

/* Does the conjunction at i (0 < i < n - 1) join actors into a compound
 * ("Gondor and the evil Arnor", "Mordor, Rohan, and Bree")? */
static int joins_actors(const ev_sentence *s, uint32_t i)
{
    uint32_t after = i + 1, before = i - 1;
    while (after < s->n && actor_at(s, after) < 0 && modifier(s, after))
        after++;
    while (before > 0 && actor_at(s, before) < 0 && (modifier(s, before) || s->pos[before] == AP_PUNCT))
        before--;
    return after < s->n && actor_at(s, after) >= 0 && actor_at(s, before) >= 0 && conjunction(s, i, 1);
}

/* Does the conjunction at i join two actors, two nouns or two adjectives
 * (TABARI's compounds and compound phrases), rather than two clauses? */
static int joins_phrases(const ev_sentence *s, uint32_t i)
{
    if (joins_actors(s, i))
        return 1;
    uint32_t noun = i + 1;
    while (noun < s->n && s->pos[noun] == AP_ADJ)
        noun++;
    if (s->pos[i - 1] == AP_NOUN && noun < s->n && s->pos[noun] == AP_NOUN)
        return 1; /* "sheep and evil awful goats" */
    return s->pos[i - 1] == AP_ADJ && s->pos[i + 1] == AP_ADJ;
}

uint32_t peer_clauses(const ev_sentence *s, uint32_t *clause)
{
    uint32_t c = 0;
    for (uint32_t i = 0; i < s->n; i++) {
        if (i > 0 && i + 1 < s->n && conjunction(s, i, 0) && !joins_phrases(s, i))
            c++;
        clause[i] = c;
    }
    return s->n ? c + 1 : 0;
}

int peer_third_person(const ev_sentence *s, uint32_t i)
{
    static const char *const third[] = {"he", "she", "it", "they", NULL};
    for (int k = 0; third[k] && s->pos[i] == AP_PRON; k++)
        if (s->w[i].len == strlen(third[k]) && strncasecmp(s->w[i].form, third[k], s->w[i].len) == 0)
            return 1;
    return 0;
}

int peer_complex(const ev_sentence *s, int verbs, int conj, int actor_prior, int forwarding)
{
    int nverbs = 0, nconj = 0;
    uint32_t first = s->n; /* the first verb that is not null-coded */
    for (uint32_t i = 0; i < s->n; i++) {
        nverbs += s->verbs && s->verbs[i];
        if (s->verbs && s->verbs[i] == 1 && first == s->n)
            first = i;
        nconj += i > 0 && i + 1 < s->n && conjunction(s, i, 0) && !joins_actors(s, i);
    }
    int before = 0;
    for (uint32_t a = 0; a < s->nactors; a++)
        before |= s->actors[a].start < first;
    for (uint32_t i = 0; forwarding && i < first; i++)
        before |= peer_third_person(s, i);
    return (verbs > 0 && nverbs >= verbs) || (conj > 0 && nconj >= conj) || (actor_prior && first < s->n && !before);
}

/* Orders ev[0..n) by the word that coded them, keeping the order of
 * events of one word. */
static void by_head(peer_event *ev, uint32_t n)
{
    for (uint32_t i = 1; i < n; i++)
        for (uint32_t j = i; j > 0 && ev[j - 1].head > ev[j].head; j--) {
            peer_event x = ev[j];
            ev[j] = ev[j - 1];
            ev[j - 1] = x;
        }
}

/* An event that stops TABARI's coding of its clause or sentence: coded,
 * not null and not subordinate. */
static int stops(const peer_event *e) { return e->mark != '?' && strcmp(e->code, "---") != 0; }

uint32_t peer_code_by(peer_event *ev, uint32_t n, const uint32_t *clause, int by)
{
    by_head(ev, n);
    if (by == PEER_CODE_ALL)
        return n;
    uint32_t kept = 0;
    for (uint32_t i = 0; i < n; i++) {
        int after_stop = 0; /* a verb before this one in its clause (or sentence) already coded */
        for (uint32_t j = 0; j < i && !after_stop; j++)
            after_stop = ev[j].head < ev[i].head && stops(&ev[j]) &&
                         (by == PEER_BY_SENTENCE || clause[ev[j].head] == clause[ev[i].head]);
        if (!after_stop)
            ev[kept++] = ev[i];
    }
    return kept;
}

/* Keeps the events of ev[0..n) that keep() holds of; returns how many. */
static uint32_t keep_if(peer_event *ev, uint32_t n, int (*keep)(const peer_event *, int), int arg)
{
    uint32_t kept = 0;
    for (uint32_t i = 0; i < n; i++)
        if (keep(&ev[i], arg))
            ev[kept++] = ev[i];
    return kept;
}

static int not_null(const peer_event *e, int arg) { return (void)arg, strcmp(e->code, "---") != 0; }
static int dominant_only(const peer_event *e, int dominant) { return !dominant || e->mark == '!'; }
static int plain_only(const peer_event *e, int plain) { return !plain || e->mark != '?'; }
static int two_actors(const peer_event *e, int arg) { return (void)arg, strcmp(e->source, e->target) != 0; }

uint32_t peer_settle(peer_event *ev, uint32_t n)
{
    by_head(ev, n);
    int dominant = 0, plain = 0;
    for (uint32_t i = 0; i < n && !dominant; i++) {
        if (strcmp(ev[i].code, "---") == 0)
            continue;
        if (strcmp(ev[i].code, "###") == 0 || strcmp(ev[i].code, "+++") == 0)
            return 0; /* the sentence is not coded */
        dominant = ev[i].mark == '!';
        plain |= ev[i].mark != '?';
    }
    n = keep_if(ev, n, not_null, 0);
    n = keep_if(ev, n, dominant_only, dominant);
    n = keep_if(ev, n, plain_only, plain);
    return keep_if(ev, n, two_actors, 0);
}
