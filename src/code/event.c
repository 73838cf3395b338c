/*
 * event.c - matching event patterns on the dependency tree.
 */
#include "code/event.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { NONE = UINT32_MAX };

typedef struct tree {
    const ev_sentence *s;
    uint32_t *first, *next; /* children lists: first child of each word, next sibling */
    int32_t *actor_at;      /* the actor covering each word, or -1 */
    uint8_t *consumed;      /* event nouns already coded through a verb pattern */
    uint8_t *absorbed;      /* peer mode: verbs read as words of another verb's pattern ("SUGGESTED * APPLY") */
} tree;

static int rel_is(const tree *t, uint32_t i, const char *r) { return strcmp(t->s->rel[i], r) == 0; }

static int rel_starts(const tree *t, uint32_t i, const char *r)
{
    size_t n = strlen(r);
    return strncmp(t->s->rel[i], r, n) == 0 && (t->s->rel[i][n] == 0 || t->s->rel[i][n] == ':');
}

static uint32_t head_of(const tree *t, uint32_t i)
{
    int32_t h = t->s->w[i].head;
    return h < 0 || (uint32_t)h >= t->s->n ? NONE : (uint32_t)h;
}

/* The first child of i with relation r (subtypes included when loose). */
static uint32_t child(const tree *t, uint32_t i, const char *r, int loose)
{
    for (uint32_t c = t->first[i]; c != NONE; c = t->next[c])
        if (loose ? rel_starts(t, c, r) : rel_is(t, c, r))
            return c;
    return NONE;
}

static uint32_t lemma_hash(const word *w)
{
    const char *l = w->lemma ? w->lemma : w->form;
    return pattern_hash(l, strlen(l));
}

static int lemma_in(const pattern_set *ps, const pat_slot *sl, const word *w)
{
    if (!sl->nlemmas)
        return 1;
    uint32_t h = lemma_hash(w);
    for (uint32_t k = 0; k < sl->nlemmas; k++)
        if (ps->lemmas[sl->lemma0 + k] == h)
            return 1;
    return 0;
}

static uint32_t compound_head(const tree *t, uint32_t x);
static int lemma_in_list(const word *w, const char *const *list);
static uint32_t prep_of(const tree *t, uint32_t c);
static uint32_t carried(const tree *t, uint32_t x);

/* "25,000 tons of food aid", "part of an aid program": the "of" phrase of
 * a measure word x, or NONE. */
static uint32_t measured(const tree *t, uint32_t x)
{
    static const char *const measures[] = {"ton", "tonne", "tons", "tonnes", "million", "billion", "thousand",
                                           "hundred", "dozen", "number", "amount", "lot", "kind", "type", "batch",
                                           "shipment", "consignment", "quantity", "supply", "package", "part",
                                           "portion", "share", "half", "most", "some", "all", "much", NULL};
    if (x == NONE || !lemma_in_list(&t->s->w[x], measures))
        return NONE;
    for (uint32_t c = t->first[x]; c != NONE; c = t->next[c])
        if (rel_starts(t, c, "nmod") && prep_of(t, c) == pattern_hash("of", 2))
            return c;
    return NONE;
}

/* lemma_in for word x of the tree, its "modifier-noun" form too
 * ("hunger strike" matches "hunger-strike"). */
static int lemma_in_at(const tree *t, const pattern_set *ps, const pat_slot *sl, uint32_t x)
{
    uint32_t both = compound_head(t, x);
    for (uint32_t k = 0; both && k < sl->nlemmas; k++)
        if (ps->lemmas[sl->lemma0 + k] == both)
            return 1;
    uint32_t light = sl->nlemmas ? carried(t, x) : NONE; /* "ended mediation efforts": the mediation */
    if (light != NONE && lemma_in(ps, sl, &t->s->w[light]))
        return 1;
    if (both && pattern_knows(ps, both))
        return 0; /* "a hunger strike" is not the "strike" of this list: patterns know it apart */
    if (lemma_in(ps, sl, &t->s->w[x]))
        return 1;
    uint32_t of = sl->nlemmas ? measured(t, x) : NONE; /* "25,000 tons of food aid": the aid */
    return of != NONE && lemma_in_at(t, ps, sl, of);
}

/* The preposition of c: its "case" or "mark" child with any "fixed"
 * words after it ("because of"), as one hash; 0 when none. */
static uint32_t prep_of(const tree *t, uint32_t c)
{
    for (uint32_t k = t->first[c]; k != NONE; k = t->next[k]) {
        if (!rel_is(t, k, "case") && !rel_is(t, k, "mark"))
            continue;
        char text[64];
        size_t len = 0;
        const word *w = &t->s->w[k];
        if (w->len >= sizeof text)
            return 0;
        memcpy(text, w->form, w->len);
        len = w->len;
        for (uint32_t f = t->first[k]; f != NONE; f = t->next[f])
            if (rel_is(t, f, "fixed") && len + 1 + t->s->w[f].len < sizeof text) {
                text[len++] = ' ';
                memcpy(text + len, t->s->w[f].form, t->s->w[f].len);
                len += t->s->w[f].len;
            }
        return pattern_hash(text, len);
    }
    return 0;
}

/* ---- the clause of a verb ---- */

typedef struct clause {
    uint32_t verb, subj, obj; /* subj: the doer (the "by" phrase in a passive); obj: the done-to */
    uint32_t lost_obj;        /* without obj: the last word of the first actor after the verb in its clause, */
    uint32_t lost;            /* as a slot may use it (lost_obj) and as the default target (lost) */
    int negated;              /* "did not attack": only patterns that name the words before the verb apply */
                              /* (so for a noun read as a peer's verb: "loudly included its voice for X") */
} clause;

static int negated(const tree *t, uint32_t v)
{
    for (uint32_t c = t->first[v]; c != NONE; c = t->next[c])
        if (rel_is(t, c, "advmod") &&
            (pattern_hash(t->s->w[c].form, t->s->w[c].len) == pattern_hash("not", 3) ||
             pattern_hash(t->s->w[c].form, t->s->w[c].len) == pattern_hash("n't", 3) ||
             pattern_hash(t->s->w[c].form, t->s->w[c].len) == pattern_hash("never", 5)))
            return 1;
    return 0;
}

/* The subject of v, looking through coordination, complements and
 * relative clauses when v has none of its own. */
static int32_t actor_of(const tree *t, uint32_t x, int depth);

/* Whether the phrase x holds an actor with a country or organisation, not
 * a bare sector ("the emir"): the actor, or -1. */
static int32_t known_actor(const tree *t, uint32_t x)
{
    int32_t a = actor_of(t, x, 0);
    return a >= 0 && !(t->s->actors[a].sector_only && !t->s->actors[a].country[0]) ? a : -1;
}

/* The nsubj of v; of two (a title parsed apart from the name after it,
 * "Palestinian leader Yasser Arafat"), the first that holds a known actor,
 * else the first that holds any. */
static uint32_t nsubj_of(const tree *t, uint32_t v)
{
    uint32_t s = child(t, v, "nsubj", 0), any = NONE;
    for (uint32_t c = s; c != NONE && known_actor(t, s) < 0; c = t->next[c]) {
        if (c == s || !rel_is(t, c, "nsubj"))
            continue;
        if (known_actor(t, c) >= 0)
            return c; /* "the emir, Sheikh Hamad": the name over the bare title */
        if (any == NONE && actor_of(t, s, 0) < 0 && actor_of(t, c, 0) >= 0)
            any = c;
    }
    return any != NONE ? any : s;
}

static uint32_t subject_of(const tree *t, uint32_t v, int depth)
{
    uint32_t s = nsubj_of(t, v);
    if (s == NONE)
        s = child(t, v, "expl", 0); /* "it is willing to": resolved as a pronoun */
    if (s != NONE && t->s->pos[s] == AP_PRON && rel_is(t, v, "acl:relcl") && head_of(t, v) != NONE)
        return head_of(t, v); /* "a base, which claimed ...": the base */
    if (s != NONE)
        return s;
    uint32_t h = head_of(t, v);
    if (depth < 4 && h != NONE && (rel_is(t, v, "conj") || rel_is(t, v, "xcomp"))) {
        s = subject_of(t, h, depth + 1);
        uint32_t g = head_of(t, h); /* "X opened ... to Africans ordered out, but was refusing": coordinated too low */
        if (rel_is(t, v, "conj") && actor_of(t, s, 0) < 0 && g != NONE && t->s->pos[g] == AP_VERB &&
            (rel_is(t, h, "advcl") || rel_starts(t, h, "acl")) && actor_of(t, subject_of(t, g, depth + 2), 0) >= 0)
            return subject_of(t, g, depth + 2);
        return s;
    }
    uint32_t n = h != NONE && h < v && rel_is(t, v, "acl") && child(t, v, "mark", 0) == NONE ? head_of(t, h) : NONE;
    if (depth < 4 && n != NONE && t->s->pos[n] == AP_VERB && rel_is(t, h, "obj"))
        return subject_of(t, n, depth + 1); /* "issued a statement demanding ...": the issuer */
    uint32_t mark = h != NONE && rel_is(t, v, "advcl") ? child(t, v, "mark", 0) : NONE;
    if (depth < 4 && h != NONE && rel_is(t, v, "advcl") &&
        (mark == NONE || pattern_hash(t->s->w[mark].form, t->s->w[mark].len) == pattern_hash("to", 2)))
        return subject_of(t, h, depth + 1); /* "..., killing two soldiers", "met ... to discuss": the main clause's doer */
    return NONE;
}

/* A verb between words a and b (auxiliaries and copulas aside), or with
 * commas set, a comma, semicolon or colon? */
static int verb_between(const tree *t, uint32_t a, uint32_t b, int commas)
{
    for (uint32_t i = a + 1; i < b; i++) {
        if (t->s->pos[i] == AP_VERB && !rel_starts(t, i, "aux") && !rel_is(t, i, "cop"))
            return 1;
        const word *w = &t->s->w[i];
        if (commas && w->len == 1 && (w->form[0] == ',' || w->form[0] == ';' || w->form[0] == ':'))
            return 1;
    }
    return 0;
}

/* When the parse gives a verb no subject: the last word of the nearest
 * actor before it with no other verb in between (as TABARI would). */
static uint32_t subject_by_order(const tree *t, uint32_t v)
{
    uint32_t best = NONE;
    for (uint32_t a = 0; a < t->s->nactors; a++) {
        uint32_t last = t->s->actors[a].end - 1, h = last; /* h: the word heading the actor's words */
        for (uint32_t up = head_of(t, h); up != NONE && up >= t->s->actors[a].start && up < h; up = head_of(t, h))
            h = up; /* "inhabitants of the Golan Heights": inhabitants */
        if (rel_starts(t, h, "nmod") && prep_of(t, h) == pattern_hash("of", 2) && head_of(t, h) != NONE)
            h = head_of(t, h); /* "supporters of X" act as X's */
        int bare = rel_is(t, h, "obl:unmarked") || rel_is(t, h, "nmod:unmarked"); /* a subject misparsed */
        int done_to = rel_is(t, h, "obj") || rel_is(t, h, "iobj") ||
                      ((rel_starts(t, h, "obl") || rel_starts(t, h, "nmod")) && !bare);
        /* an object or a prepositional phrase does not act, */
        int controls = 1;                          /* unless only "on to" stands between ("egging Iran on to fire") */
        for (uint32_t i = last + 1; i < v && controls; i++)
            controls = t->s->pos[i] == AP_ADP || t->s->pos[i] == AP_PART;
        done_to = done_to && !(controls && last + 1 < v);
        if (last < v && !t->s->actors[a].place && !done_to && (best == NONE || last > best) &&
            !verb_between(t, last, v, 0))
            best = last;
    }
    return best;
}

/* "We call on ...", a spokesperson said: a first-person subject inside a
 * quote is the speaker, the actor subject of the speech verb the quote
 * hangs from (or that hangs from it). */
static uint32_t speaker_of(const tree *t, uint32_t v)
{
    uint32_t x = v;
    for (int depth = 0; x != NONE && depth < 6; depth++) {
        for (uint32_t c = t->first[x]; c != NONE; c = t->next[c])
            if (rel_is(t, c, "parataxis")) {
                uint32_t s = child(t, c, "nsubj", 0);
                if (s != NONE && t->actor_at[s] >= 0)
                    return s;
            }
        uint32_t s = child(t, x, "nsubj", 0);
        if (x != v && s != NONE && t->actor_at[s] >= 0)
            return s;
        if (!(rel_is(t, x, "ccomp") || rel_is(t, x, "parataxis") || rel_is(t, x, "conj") || rel_is(t, x, "xcomp") ||
              rel_is(t, x, "advcl")))
            break;
        x = head_of(t, x);
    }
    return NONE;
}

static int first_person(const tree *t, uint32_t x)
{
    static const char *const we[] = {"we", "i", NULL};
    if (x == NONE || t->s->pos[x] != AP_PRON)
        return 0;
    for (int k = 0; we[k]; k++)
        if (pattern_hash(t->s->w[x].form, t->s->w[x].len) == pattern_hash(we[k], strlen(we[k])))
            return 1;
    return 0;
}

/* A third-person pronoun without an actor of its own: a subject ("it",
 * "they", "he", "she") or, with objects set, an object ("him", "her",
 * "them", "it"). */
static int third_person(const tree *t, uint32_t x, int objects)
{
    static const char *const subjects[] = {"it", "they", "he", "she", NULL};
    static const char *const others[] = {"it", "them", "him", "her", NULL};
    if (x == NONE || t->s->pos[x] != AP_PRON || t->actor_at[x] >= 0)
        return 0;
    const char *const *list = objects ? others : subjects;
    uint32_t h = pattern_hash(t->s->w[x].form, t->s->w[x].len);
    for (int k = 0; list[k]; k++)
        if (h == pattern_hash(list[k], strlen(list[k])))
            return 1;
    return 0;
}

static int32_t actor_of(const tree *t, uint32_t x, int depth);
static uint32_t actor_before(const tree *t, uint32_t x);

/* The antecedent of a pronoun at x: the nearest subject before it that is
 * an actor other than not ("Calenardhon urged Bree ... and then it
 * requested": Calenardhon), else the nearest actor before it; NONE. */
static uint32_t antecedent(const tree *t, uint32_t x, int32_t not)
{
    for (uint32_t i = x; i-- > 0;) {
        if (!rel_is(t, i, "nsubj"))
            continue;
        int32_t a = actor_of(t, i, 0);
        if (a >= 0 && a != not && !t->s->actors[a].place)
            return i;
    }
    return not < 0 ? actor_before(t, x) : NONE;
}

/* "Syria says it is willing": the last word of the nearest actor before
 * word x that is not a place, or NONE. */
static uint32_t actor_before(const tree *t, uint32_t x)
{
    uint32_t best = NONE;
    for (uint32_t a = 0; a < t->s->nactors; a++) {
        uint32_t last = t->s->actors[a].end - 1;
        if (last < x && !t->s->actors[a].place && (best == NONE || last > best))
            best = last;
    }
    return best;
}

static int purpose(const tree *t, uint32_t v);
static int form_in_list(const word *w, const char *const *list);

/* Has v the auxiliary "have" ("have agreed")? */
static int perfect(const tree *t, uint32_t v)
{
    static const char *const have[] = {"have", "has", "had", "'ve", NULL};
    for (uint32_t c = t->first[v]; c != NONE; c = t->next[c])
        if (rel_is(t, c, "aux") && form_in_list(&t->s->w[c], have))
            return 1;
    return 0;
}

/* "Ethiopia indicated it should have acted" parsed with "it" as the
 * object of "indicated": the pronoun right before a subjectless
 * complement clause (its auxiliaries aside) is that clause's subject. */
static uint32_t pronoun_taken_as_object(const tree *t, uint32_t v)
{
    uint32_t g = head_of(t, v);
    if (g == NONE || !rel_is(t, v, "ccomp") || child(t, v, "mark", 0) != NONE)
        return NONE;
    uint32_t x = v;
    while (x > 0 && (rel_starts(t, x - 1, "aux") || rel_is(t, x - 1, "advmod")) && head_of(t, x - 1) == v)
        x--;
    if (x == 0 || x - 1 <= g)
        return NONE;
    uint32_t p = x - 1;
    return rel_is(t, p, "obj") && head_of(t, p) == g && t->s->pos[p] == AP_PRON ? p : NONE;
}

/* "Israel is opposed to ...", "Vietnam is committed to ...": a participle
 * of stance with a "to" complement and no agent says what its subject
 * does, not what is done to it. */
static int stance(const tree *t, uint32_t v)
{
    static const char *const stances[] = {"oppose", "commit", "determine", "dedicate", "devote", "resolve", NULL};
    if (!lemma_in_list(&t->s->w[v], stances) || child(t, v, "obl:agent", 0) != NONE)
        return 0;
    for (uint32_t c = t->first[v]; c != NONE; c = t->next[c])
        if ((rel_starts(t, c, "obl") || rel_is(t, c, "advcl") || rel_is(t, c, "xcomp")) &&
            prep_of(t, c) == pattern_hash("to", 2))
            return 1;
    return 0;
}

static uint32_t actors_of(const tree *t, uint32_t x, int32_t *out, uint32_t cap);
static int32_t actor_after(const tree *t, uint32_t v, int32_t not);

/* TABARI passes over a pronoun object that stands for the source ("X
 * urged Bree to assist it", "Elrond and Gondor ... to assist them") and
 * takes the nearest actor before the verb that is not the source, when no
 * actor follows the verb: that actor's last word, or the pronoun. */
static uint32_t self_object(const tree *t, uint32_t v, const clause *c)
{
    int32_t sa[8];
    uint32_t ns = actors_of(t, c->subj, sa, 8), best = c->obj;
    if (!ns || actor_after(t, v, sa[0]) >= 0)
        return c->obj;
    for (uint32_t a = 0; a < t->s->nactors; a++) {
        uint32_t last = t->s->actors[a].end - 1;
        int source = 0;
        for (uint32_t k = 0; k < ns; k++)
            source |= sa[k] == (int32_t)a || strcmp(t->s->actors[sa[k]].code, t->s->actors[a].code) == 0;
        if (last < v && !source && (best == c->obj || last > best))
            best = last;
    }
    return best;
}

static void clause_of(const tree *t, uint32_t v, clause *c)
{
    memset(c, 0, sizeof *c);
    c->lost_obj = c->lost = NONE;
    c->verb = v;
    uint32_t pass = child(t, v, "nsubj:pass", 0);
    uint32_t active = NONE; /* "X and Y have agreed" with the subject mislabelled passive */
    if (pass != NONE && ((child(t, v, "aux:pass", 0) == NONE && perfect(t, v)) || stance(t, v)))
        active = pass, pass = NONE;
    if (pass != NONE || (active == NONE && child(t, v, "aux:pass", 0) != NONE)) {
        c->obj = pass;
        c->subj = child(t, v, "obl:agent", 0);
        return;
    }
    c->subj = subject_of(t, v, 0);
    if (active != NONE && actor_of(t, c->subj, 0) < 0)
        c->subj = active;
    if (c->subj == NONE)
        c->subj = pronoun_taken_as_object(t, v);
    c->obj = child(t, v, "obj", 0);
    uint32_t h = head_of(t, v);
    if (c->obj == NONE && h != NONE && h > v && (rel_is(t, v, "amod") || rel_is(t, v, "compound")))
        c->obj = h; /* "forces fired rockets" parsed as "fired rockets": the rockets are what was fired */
    if (first_person(t, c->subj)) {
        uint32_t sp = speaker_of(t, v);
        c->subj = sp != NONE ? sp : c->subj;
    } else if (third_person(t, c->subj, 0)) {
        uint32_t before = antecedent(t, c->subj, -1);
        c->subj = before != NONE ? before : c->subj;
    }
    for (uint32_t x = v, d = 0; c->subj == NONE && x != NONE && d < 4; d++, x = head_of(t, x)) {
        c->subj = subject_by_order(t, x); /* "X today threatened to impose": the doer of the verb it complements */
        if (!(rel_is(t, x, "conj") || (purpose(t, x) && !rel_is(t, x, "acl"))))
            break;
    }
    uint32_t io = child(t, v, "iobj", 0);
    if (c->obj == NONE && third_person(t, io, 1))
        c->obj = io; /* "Gondor asked him to take ...": him, as the object */
    if (third_person(t, c->obj, 1)) { /* "Gondor asked him": not Gondor itself */
        uint32_t before = antecedent(t, c->obj, c->subj != NONE ? actor_of(t, c->subj, 0) : -1);
        c->obj = before != NONE ? before : c->obj;
    }
    if (t->s->peer == EV_PEER_TABARI && third_person(t, c->obj, 1))
        c->obj = self_object(t, v, c);
}

/* Is c a "to" infinitive ("a road to show ..."), not a "to" phrase? */
static int infinitive(const tree *t, uint32_t c)
{
    uint32_t m = child(t, c, "mark", 0);
    return m != NONE && (t->s->pos[m] == AP_PART || m + 1 == c) && child(t, c, "case", 0) == NONE &&
           pattern_hash(t->s->w[m].form, t->s->w[m].len) == pattern_hash("to", 2);
}

/* A phrase with preposition sl->word among the children of x (obl, nmod,
 * advcl, ...), or NONE. */
/* Is x a word of time ("Saturday", "March", "today")?  A phrase the parse
 * hangs from one belongs to the word the time phrase hangs from. */
static int time_word(const tree *t, uint32_t x)
{
    static const char *const times[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                                        "january", "february", "april", "june", "july", "august",
                                        "september", "october", "november", "december", "today", "yesterday",
                                        "tomorrow", "tonight", "weekend", "morning", "afternoon", "evening", "night",
                                        NULL};
    uint32_t h = pattern_hash(t->s->w[x].form, t->s->w[x].len);
    for (int k = 0; times[k]; k++)
        if (h == pattern_hash(times[k], strlen(times[k])))
            return 1;
    return 0;
}

static uint32_t prep_phrase(const tree *t, const pattern_set *ps, const pat_slot *sl, uint32_t x)
{
    if (x == NONE)
        return NONE;
    for (uint32_t c = t->first[x]; c != NONE; c = t->next[c]) {
        if (!(rel_starts(t, c, "obl") || rel_starts(t, c, "nmod") || rel_starts(t, c, "advcl") ||
              rel_is(t, c, "ccomp") || rel_is(t, c, "xcomp") || rel_is(t, c, "acl")))
            continue;
        if (prep_of(t, c) == sl->word && !infinitive(t, c) && lemma_in_at(t, ps, sl, c))
            return c;
        uint32_t in = (rel_starts(t, c, "obl") || rel_starts(t, c, "nmod")) && time_word(t, c) ?
                      prep_phrase(t, ps, sl, c) : NONE; /* "a mediation effort on Saturday between X and Y" */
        if (in != NONE)
            return in;
    }
    return NONE;
}

/* An adjective of noun x with one of the slot's lemmas ("restore
 * diplomatic ties" for obj=diplomatic, as imported patterns say it). */
static int adjective_in(const tree *t, const pattern_set *ps, const pat_slot *sl, uint32_t x)
{
    for (uint32_t c = t->first[x]; sl->nlemmas && c != NONE; c = t->next[c])
        if (rel_is(t, c, "amod") && lemma_in(ps, sl, &t->s->w[c]))
            return 1;
    return 0;
}

/* 1 when word x has one of the slot's lemmas, as its lemma or its form. */
static int word_is(const tree *t, const pattern_set *ps, const pat_slot *sl, uint32_t x)
{
    const word *w = &t->s->w[x];
    uint32_t form = pattern_hash(w->form, w->len);
    for (uint32_t j = 0; j < sl->nlemmas; j++)
        if (ps->lemmas[sl->lemma0 + j] == form)
            return 1;
    if (t->s->peer == EV_PEER_TABARI) { /* TABARI's stems, "revolution*": the hash of each beginning and "*" */
        uint32_t h = 2166136261u;
        for (uint32_t i = 0; i < w->len; i++) {
            unsigned char c = (unsigned char)w->form[i];
            h = (h ^ (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c)) * 16777619u;
            uint32_t stem = (h ^ (unsigned char)'*') * 16777619u;
            for (uint32_t j = 0; j < sl->nlemmas; j++)
                if (ps->lemmas[sl->lemma0 + j] == stem)
                    return 1;
        }
        uint32_t exact = (h ^ (unsigned char)'=') * 16777619u; /* "resolution=": that word only */
        for (uint32_t j = 0; j < sl->nlemmas; j++)
            if (ps->lemmas[sl->lemma0 + j] == exact)
                return 1;
    }
    return lemma_in(ps, sl, w);
}

/* A word among the few before (dir -1) or after (dir 1) the head h with
 * one of the slot's lemmas (or forms), not across a ';' or ':'; NONE when
 * none.  The peers count an actor's words as one ("Now the United Arab
 * Emirates have been warned": NOW is four words before). */
static uint32_t word_near(const tree *t, const pattern_set *ps, const pat_slot *sl, uint32_t h, int dir)
{
    const uint32_t window = dir < 0 ? 6 : 12;
    for (uint32_t x = h, k = 0; k < window;) {
        if ((dir < 0 && x == 0) || (dir > 0 && x + 1 >= t->s->n))
            break;
        uint32_t from = x;
        x = dir < 0 ? x - 1 : x + 1;
        k += !(t->s->peer && t->actor_at[x] >= 0 && t->actor_at[x] == t->actor_at[from]);
        const word *w = &t->s->w[x];
        if (w->len == 1 && (w->form[0] == ';' || w->form[0] == ':'))
            break;
        if (word_is(t, ps, sl, x))
            return x;
    }
    return NONE;
}

/* Do slots of this kind name words before the head? */
static int before_head(int kind) { return kind == PS_PRE || kind == PS_PRIOR || kind == PS_EARLIER; }

static int names_words_before(const pattern_set *ps, const pattern *p)
{
    for (uint32_t k = 0; k < p->nslots; k++)
        if (before_head(ps->slots[p->slot0 + k].kind))
            return 1;
    return 0;
}

/* Is x a noun that only carries an event noun before it ("effort" in "a
 * mediation effort", "operation" in "a rescue operation")? */
static int light_noun(const tree *t, uint32_t x)
{
    static const char *const light[] = {"effort", "mission", "bid", "attempt", "initiative", "role", "process",
                                        "campaign", "operation", "drive", "push", NULL};
    return x != NONE && lemma_in_list(&t->s->w[x], light);
}

/* Is x an event noun modifying a noun that only carries it ("a mediation
 * mission", "a rescue operation")? */
static int light_head(const tree *t, uint32_t x)
{
    return rel_is(t, x, "compound") && light_noun(t, head_of(t, x));
}

/* The event noun a light noun x carries ("mediation" in "mediation
 * efforts"), or NONE. */
static uint32_t carried(const tree *t, uint32_t x)
{
    if (!light_noun(t, x))
        return NONE;
    for (uint32_t c = t->first[x]; c != NONE; c = t->next[c])
        if (rel_is(t, c, "compound") && t->s->pos[c] == AP_NOUN)
            return c;
    return NONE;
}

static uint32_t actors_of(const tree *t, uint32_t x, int32_t *out, uint32_t cap);

/* TABARI's "%": the nearest coordination of actors before (dir -1) or
 * after (dir 1) word v (its first conjunct), within twelve words; NONE
 * when none. */
static uint32_t compound_near(const tree *t, uint32_t v, int dir)
{
    for (uint32_t x = v, seen = 0; (dir < 0 ? x > 0 : x + 1 < t->s->n) && seen < 12; seen++) {
        x = dir < 0 ? x - 1 : x + 1;
        if (t->actor_at[x] < 0)
            continue;
        uint32_t y = rel_is(t, x, "conj") && head_of(t, x) != NONE ? head_of(t, x) : x;
        int32_t both[2];
        if (actors_of(t, y, both, 2) == 2)
            return y;
    }
    return NONE;
}

enum { MAX_COORD = 8 }; /* actors coordinated in a phrase ("X, Y and Z") */

/* TABARI's "^": the actor at word x passed over with the actors
 * coordinated with it ("at Osgiliath and Eriador"); the word at its far
 * end, the last of them after the verb (dir 1), the first before it
 * (dir -1). */
static uint32_t passed_over(const tree *t, uint32_t x, int dir)
{
    int32_t all[MAX_COORD];
    uint32_t y = rel_is(t, x, "conj") && head_of(t, x) != NONE ? head_of(t, x) : x; /* "Osgiliath and Eriador" */
    uint32_t n = actors_of(t, y, all, MAX_COORD), far = x;
    for (uint32_t k = 0; k < n; k++) {
        const actor *a = &t->s->actors[all[k]];
        if (dir > 0 && a->end - 1 > far)
            far = a->end - 1;
        if (dir < 0 && a->start < far)
            far = a->start;
    }
    return far;
}

/* Does slot sl pass an actor over (TABARI's "^": a later or earlier
 * without a role)? */
static int passes_over(const pat_slot *sl)
{
    return !sl->role && (sl->kind == PS_LATER || sl->kind == PS_EARLIER);
}

/* Is word x a comma? */
static int comma(const tree *t, uint32_t x) { return t->s->w[x].len == 1 && t->s->w[x].form[0] == ','; }

/* TABARI's "$" before the verb: the first word of the nearest actor
 * among the twelve words before word x, passing over a clause set off by
 * commas right before x ("Gollum, centre of a row with Radagast the
 * Brown, called": Gollum), as TABARI marks such subordinate clauses;
 * NONE when none. */
static uint32_t actor_back(const tree *t, uint32_t x)
{
    if (x > 1 && comma(t, x - 1))
        for (uint32_t y = x - 2, seen = 0; y > 0 && seen < 12; y--, seen++)
            if (comma(t, y)) {
                x = y;
                break;
            }
    for (uint32_t seen = 0; x > 0 && seen < 12; seen++)
        if (t->actor_at[--x] >= 0)
            return t->s->actors[t->actor_at[x]].start;
    return NONE;
}

/* The word right after prev when it has one of the slot's lemmas, or
 * NONE; a token cut into words is one word ("won't": "wo" "n't"). */
static uint32_t next_word(const tree *t, const pattern_set *ps, const pat_slot *sl, uint32_t prev)
{
    uint32_t x = prev != NONE ? prev + 1 : NONE;
    if (x == NONE || x >= t->s->n)
        return NONE;
    if (!word_is(t, ps, sl, x) && x + 1 < t->s->n && t->s->w[x + 1].tok == t->s->w[x].tok)
        x++;
    return word_is(t, ps, sl, x) ? x : NONE;
}

/* The word right before x when it has one of the slot's lemmas, or
 * NONE; a token cut into words is one word ("don't": "do" "n't"). */
static uint32_t prior_word(const tree *t, const pattern_set *ps, const pat_slot *sl, uint32_t x)
{
    if (x == 0 || x == NONE)
        return NONE;
    uint32_t y = x - 1;
    if (!word_is(t, ps, sl, y) && y > 0 && t->s->w[y].tok == t->s->w[x].tok)
        y--;
    return word_is(t, ps, sl, y) ? y : NONE;
}

/* PRT: the verb's particle ("compound:prt") written as the slot's word. */
static uint32_t particle_at(const tree *t, const pat_slot *sl, uint32_t v)
{
    for (uint32_t x = t->first[v]; x != NONE; x = t->next[x])
        if (rel_is(t, x, "compound:prt") && pattern_hash(t->s->w[x].form, t->s->w[x].len) == sl->word)
            return x;
    return NONE;
}

/* OBJ: the clause's object when it has one of the slot's lemmas or
 * adjectives; without an object, the actor standing in for a lost one. */
static uint32_t object_at(const tree *t, const pattern_set *ps, const pat_slot *sl, const clause *c)
{
    if (c->obj != NONE && (lemma_in_at(t, ps, sl, c->obj) || adjective_in(t, ps, sl, c->obj)))
        return c->obj;
    if (c->obj == NONE && !sl->nlemmas)
        return c->lost_obj; /* a parse that lost the object: an actor after the verb stands in */
    return NONE;
}

/* PREP: the slot's prepositional phrase on the head, else (a verb's) on
 * its object or what the object measures, else (a noun's) on the noun a
 * light head hangs from. */
static uint32_t prep_slot_at(const tree *t, const pattern_set *ps, const pattern *p, const pat_slot *sl,
                             const clause *c)
{
    uint32_t at = prep_phrase(t, ps, sl, c->verb);
    if (at == NONE && !p->noun)
        at = prep_phrase(t, ps, sl, c->obj); /* "an attack on X" as the object */
    if (at == NONE && !p->noun)
        at = prep_phrase(t, ps, sl, measured(t, c->obj)); /* "part of a program for X" */
    if (at == NONE && p->noun && light_head(t, c->verb))
        at = prep_phrase(t, ps, sl, head_of(t, c->verb)); /* "a mediation mission between X and Y" */
    return at;
}

/* TOVERB: a "to" verb complementing the head, or a purpose clause on its
 * object, with one of the slot's lemmas. */
static uint32_t to_verb_at(const tree *t, const pattern_set *ps, const pat_slot *sl, const clause *c)
{
    for (uint32_t x = t->first[c->verb]; x != NONE; x = t->next[x])
        if ((rel_is(t, x, "xcomp") || rel_is(t, x, "advcl") || rel_is(t, x, "ccomp")) &&
            t->s->pos[x] == AP_VERB && prep_of(t, x) == pattern_hash("to", 2) && lemma_in_at(t, ps, sl, x))
            return x;
    for (uint32_t x = c->obj != NONE ? t->first[c->obj] : NONE; x != NONE; x = t->next[x])
        if (rel_is(t, x, "acl") && t->s->pos[x] == AP_VERB && purpose(t, x) && lemma_in_at(t, ps, sl, x))
            return x; /* "took steps to enhance ..." */
    return NONE;
}

/* LATER: the first actor within twelve words after the previous slot's
 * word prev, or the whole actor it is a word of (places only for the
 * peers), passed over with its coordinated actors for TABARI's "^". */
static uint32_t later_actor_at(const tree *t, const pat_slot *sl, const clause *c, uint32_t prev)
{
    uint32_t at = NONE;
    for (uint32_t x = prev == NONE ? c->verb + 1 : t->actor_at[prev] >= 0 ? t->s->actors[t->actor_at[prev]].end : prev + 1,
                  seen = 0;
         x < t->s->n && seen < 12 && at == NONE; x++, seen++)
        if (t->actor_at[x] >= 0 && (!t->s->actors[t->actor_at[x]].place || t->s->peer)) /* the peers: places are actors */
            at = x;
    if (at != NONE && passes_over(sl)) /* "* EID AT ^ WITH +": with the actors coordinated with it */
        at = passed_over(t, at, 1);
    return at;
}

/* COMPOUND: a subject of two actors or more, else (TABARI) the compound
 * nearest back from the low word, or after prev when slots after the
 * head matched ("HAS * WITH %"), which is then the source *src too. */
static uint32_t compound_at(const tree *t, const clause *c, uint32_t prev, uint32_t low, uint32_t *src)
{
    int32_t both[2];
    uint32_t at = NONE;
    if (c->subj != NONE)
        at = actors_of(t, c->subj, both, 2) == 2 ? c->subj : NONE;
    int after = prev != NONE && prev > c->verb; /* "HAS * WITH %": after the slots after the verb */
    if ((at == NONE || after) && t->s->peer == EV_PEER_TABARI &&
        (at = compound_near(t, after ? prev : low, after ? 1 : -1)) != NONE)
        *src = at; /* "Gondor and Osgiliath have postponed their meeting": the compound back from the verb */
    return at;
}

/* FORM: the head itself when written as one of the slot's words. */
static uint32_t form_at(const tree *t, const pattern_set *ps, const pat_slot *sl, uint32_t v)
{
    for (uint32_t j = 0; j < sl->nlemmas; j++)
        if (ps->lemmas[sl->lemma0 + j] == pattern_hash(t->s->w[v].form, t->s->w[v].len))
            return v;
    return NONE;
}

/* The word slot k of p matches in clause c, prev and low being the words
 * the slots after and before the head matched last; NONE when none.  A
 * TABARI compound may set *src; a subject slot sets *subj_target. */
static uint32_t slot_at(const tree *t, const pattern_set *ps, const pattern *p, uint32_t k, const clause *c,
                        uint32_t prev, uint32_t low, uint32_t *src, int *subj_target)
{
    const pat_slot *sl = &ps->slots[p->slot0 + k];
    uint32_t at;
    switch (sl->kind) {
    case PS_PRT: return particle_at(t, sl, c->verb);
    case PS_OBJ: return object_at(t, ps, sl, c);
    case PS_PREP: return prep_slot_at(t, ps, p, sl, c);
    case PS_TOVERB: return to_verb_at(t, ps, sl, c);
    case PS_THAT: return child(t, c->verb, "ccomp", 0);
    case PS_SUBJ:
        *subj_target = 1;
        return c->subj;
    case PS_PRE: return word_near(t, ps, sl, c->verb, -1);
    case PS_POST: /* after an actor passed over, among the words after it ("AT ^ WITH +") */
        return word_near(t, ps, sl, k && passes_over(&ps->slots[p->slot0 + k - 1]) ? prev : c->verb, 1);
    case PS_LATER: return later_actor_at(t, sl, c, prev); /* after the previous slot's word, or its actor */
    case PS_COMPOUND: return compound_at(t, c, prev, low, src);
    case PS_NEXT: return next_word(t, ps, sl, prev);
    case PS_PRIOR: return prior_word(t, ps, sl, low); /* the peers' "NOTED_WOULD *": the word right before */
    case PS_EARLIER:
        at = actor_back(t, low);
        if (at != NONE && passes_over(sl)) /* "$ ^ FOR *": with the actors coordinated with it */
            at = passed_over(t, at, -1);
        return at;
    case PS_FORM: return form_at(t, ps, sl, c->verb); /* "leave form=left": "left", not "leave" */
    }
    return NONE;
}

/* Widens the span of the words slot sl matched (at) around head v: the
 * first before the head (span[0]), the last after it (span[1]), the
 * nearest before it (span[2]); an actor found by earlier counts not. */
static void widen_span(const pat_slot *sl, uint32_t at, uint32_t v, uint32_t *span)
{
    if (before_head(sl->kind) && sl->kind != PS_EARLIER && (span[0] == NONE || at < span[0]))
        span[0] = at;
    if (before_head(sl->kind) && sl->kind != PS_EARLIER && (span[2] == NONE || at > span[2]))
        span[2] = at;
    if ((sl->kind == PS_POST || sl->kind == PS_NEXT) && at > v && (span[1] == NONE || at > span[1]))
        span[1] = at;
}

/* Checks every slot of p on the verb or noun h; fills the words that play
 * the source and target (NONE when the pattern leaves them to defaults)
 * and, of the words the slots matched (an actor found by earlier aside),
 * the first before the head (span[0]), the last after it (span[1]) and
 * the nearest before it (span[2]); NONE where none. */
static int slots_hold(const tree *t, const pattern_set *ps, const pattern *p, const clause *c, uint32_t *src,
                      uint32_t *tgt, int *subj_target, uint32_t *span)
{
    *src = *tgt = NONE;
    *subj_target = 0;
    span[0] = span[1] = span[2] = NONE;
    uint32_t prev = c->verb; /* the word the previous slot after the head matched (the head when none) */
    uint32_t low = c->verb;  /* the word the previous slot before the head matched (the head when none) */
    for (uint32_t k = 0; k < p->nslots; k++) {
        const pat_slot *sl = &ps->slots[p->slot0 + k];
        uint32_t at = slot_at(t, ps, p, k, c, prev, low, src, subj_target);
        if (at == NONE)
            return 0;
        if (at >= c->verb)
            prev = at; /* words before the head leave the slots after it to start from the head */
        if (before_head(sl->kind))
            low = at;
        widen_span(sl, at, c->verb, span);
        if (sl->role == PR_SOURCE)
            *src = at;
        else if (sl->role == PR_TARGET && sl->kind != PS_SUBJ)
            *tgt = at;
    }
    return 1;
}

/* ---- actors of a phrase ---- */

/* The actor of the phrase headed by x: the actor covering x, else one
 * covering a word of its subtree (the nearest to x); -1 when none. */
static int32_t actor_of(const tree *t, uint32_t x, int depth)
{
    if (x == NONE)
        return -1;
    if (t->actor_at[x] >= 0)
        return t->actor_at[x];
    if (depth > 3)
        return -1;
    static const char *const naming[] = {"know", "call", "name", "dub", NULL};
    for (uint32_t c = t->first[x]; c != NONE; c = t->next[c]) {
        if (rel_is(t, c, "conj") || rel_is(t, c, "punct") || rel_is(t, c, "cc"))
            continue;
        if (rel_starts(t, c, "acl") && !lemma_in_list(&t->s->w[c], naming))
            continue; /* "a faction known as Kataeb Hezbollah": the name is the actor */
        int32_t a = actor_of(t, c, depth + 1);
        if (a >= 0)
            return a;
    }
    return -1;
}

/* The actors of x and of the phrases coordinated with it ("the US and
 * Iran"); returns how many, at most cap. */
static uint32_t actors_of(const tree *t, uint32_t x, int32_t *out, uint32_t cap)
{
    uint32_t n = 0;
    int32_t a = actor_of(t, x, 0);
    if (a >= 0)
        out[n++] = a;
    if (x == NONE)
        return n;
    uint32_t from = x, to = x + 1; /* the words whose conjuncts count: x, or the whole actor found */
    if (a >= 0)
        from = t->s->actors[a].start, to = t->s->actors[a].end;
    for (uint32_t i = from; i < to && i < t->s->n; i++)
        for (uint32_t c = t->first[i]; c != NONE && n < cap; c = t->next[c])
            if (rel_is(t, c, "conj") && t->s->pos[c] != AP_VERB) {
                int32_t b = actor_of(t, c, 0);
                int seen = 0;
                for (uint32_t j = 0; j < n; j++)
                    seen |= out[j] == b;
                if (b >= 0 && !seen)
                    out[n++] = b;
            }
    return n;
}

/* Whether word x lies in the subtree of v. */
static int under(const tree *t, uint32_t x, uint32_t v)
{
    for (int depth = 0; x != NONE && depth < 64; depth++, x = head_of(t, x))
        if (x == v)
            return 1;
    return 0;
}

/* The first actor after verb v, other than not, whose head word is in v's
 * subtree without crossing another verb; -1 when none. */
static int32_t actor_after(const tree *t, uint32_t v, int32_t not)
{
    static const char *const held[] = {"hold", "control", "occupy", "dominate", "run", "administer", "rule", NULL};
    for (uint32_t a = 0; a < t->s->nactors; a++) {
        const actor *x = &t->s->actors[a];
        if (x->start <= v || (int32_t)a == not || (x->place && !t->s->peer)) /* the peers: places are actors */
            continue;
        uint32_t h = x->end - 1, up = head_of(t, h), below = h;
        int crosses = 0;
        for (int depth = 0; up != NONE && up != v && depth < 64; depth++, below = up, up = head_of(t, up))
            crosses |= t->s->pos[up] == AP_VERB && !(t->s->peer && rel_is(t, up, "acl")) && /* peers: "roads leading into X" */
                       !(rel_is(t, up, "amod") && lemma_in_list(&t->s->w[up], held)); /* "rebel-held territory" is theirs */
        crosses |= rel_is(t, below, "conj"); /* a phrase coordinated with the verb is none of its own */
        if (up == v && !crosses && under(t, h, v))
            return (int32_t)a;
    }
    return -1;
}

/* When the parse attaches nothing to a verb: the last word of the first
 * actor after it with no other verb in between, other than not. */
static uint32_t target_by_order(const tree *t, uint32_t v, int32_t not)
{
    for (uint32_t a = 0; a < t->s->nactors; a++) {
        const actor *x = &t->s->actors[a];
        if (x->start > v && (int32_t)a != not && (!x->place || t->s->peer) && !verb_between(t, v, x->start, 1))
            return x->end - 1;
    }
    return NONE;
}

/* The source of an event noun: an actor modifying it ("a US drone strike",
 * "Israel's attack"), else the subject of the verb it is the object of. */
static int32_t noun_source(const tree *t, uint32_t x)
{
    int32_t own = t->actor_at[x]; /* "Israeli airstrikes"; but "military aid" is no doer when a verb names one */
    if (own >= 0 && t->s->actors[own].sector_only && !t->s->actors[own].country[0])
        own = -1;
    for (uint32_t c = t->first[x]; c != NONE; c = t->next[c])
        if ((rel_is(t, c, "compound") || rel_is(t, c, "amod") || rel_is(t, c, "nmod:poss")) && t->actor_at[c] >= 0 &&
            (own >= 0 || t->actor_at[c] != t->actor_at[x]))
            return t->actor_at[c];
    if (own >= 0)
        return own;
    own = t->actor_at[x];
    /* "launched an attack on": the doer of the verb the noun is done by;
     * "retaliation in the form of a strike on X was initiated by Y": up
     * through nmod to the object or passive subject of a verb */
    uint32_t n = x;
    for (int depth = 0; depth < 4 && head_of(t, n) != NONE && (rel_starts(t, n, "nmod") || light_head(t, n)); depth++)
        n = head_of(t, n); /* "launched a mediation mission": through the noun that carries it too */
    uint32_t v = head_of(t, n);
    if (v != NONE && t->s->pos[v] == AP_VERB && (rel_is(t, n, "obj") || rel_is(t, n, "nsubj:pass"))) {
        clause c;
        clause_of(t, v, &c);
        int32_t a = actor_of(t, c.subj, 0);
        return a >= 0 ? a : own;
    }
    return own;
}

/* ---- emitting ---- */

typedef struct sink {
    event *out;
    uint32_t cap, n;
    int bare; /* TABARI: an event without actors is kept, for its DEFAULT codes and CODE BY options */
} sink;

static void emit(sink *k, uint32_t head, int32_t src, int32_t tgt, uint32_t pat, const char *code)
{
    if (src < 0 && tgt < 0 && !k->bare)
        return;
    if (src >= 0 && src == tgt)
        tgt = -1; /* an actor does not act on itself */
    for (uint32_t i = 0; i < k->n && i < k->cap; i++) /* the same event twice in a sentence */
        if (k->out[i].head == head && k->out[i].source == src && k->out[i].target == tgt &&
            strcmp(k->out[i].code, code) == 0)
            return;
    if (k->n < k->cap) {
        event *e = &k->out[k->n];
        e->head = head;
        e->source = src;
        e->target = tgt;
        e->pattern = pat;
        snprintf(e->code, sizeof e->code, "%s", code);
    }
    k->n++;
}

/* One event per pair of coordinated sources and targets. */
static void emit_all(sink *k, uint32_t head, const int32_t *src, uint32_t ns, const int32_t *tgt, uint32_t nt,
                     uint32_t pat, const char *code)
{
    static const int32_t none = -1;
    if (!ns)
        src = &none, ns = 1;
    if (!nt)
        tgt = &none, nt = 1;
    for (uint32_t a = 0; a < ns; a++)
        for (uint32_t b = 0; b < nt; b++)
            emit(k, head, src[a], tgt[b], pat, code);
}

/* A paired pattern with coordinated subjects and no target: each subject
 * acts on the others ("Gondor and Osgiliath renewed ties"), the pair's
 * second code back; with every set, each ordered pair takes both codes
 * (TABARI's "%": the compound is source and target). */
static void mutual(sink *k, uint32_t head, const int32_t *sa, uint32_t ns, uint32_t pat, const char *code,
                   const char *back, int every)
{
    for (uint32_t a = 0; a < ns; a++)
        for (uint32_t b = every ? 0 : a + 1; b < ns; b++) {
            if (a == b)
                continue;
            emit(k, head, sa[a], sa[b], pat, code);
            emit(k, head, sa[b], sa[a], pat, back);
        }
}

static int verb_pattern(tree *t, const pattern_set *ps, uint32_t v, clause *cl, uint32_t first, uint32_t count,
                        sink *k);
static int infinitive_as_noun(const tree *t, const pattern_set *ps, uint32_t i);

/* "Calenardhon and the evil Arnor welcomed ...", "Mordor, Rohan, Fornost and
 * Bree welcomed ..." parsed with several nsubj children of v: with an "and"
 * or "or" between the first of them and v, each is a subject too.  Adds
 * their actors to sa[0..ns) (cap in all); returns the new count. */
static uint32_t more_subjects(const tree *t, uint32_t v, uint32_t subj, int32_t *sa, uint32_t ns, uint32_t cap)
{
    if (subj == NONE || head_of(t, subj) != v || !rel_is(t, subj, "nsubj"))
        return ns;
    uint32_t lo = subj, n = 0;
    for (uint32_t c = t->first[v]; c != NONE; c = t->next[c])
        if (rel_is(t, c, "nsubj")) {
            n++;
            lo = c < lo ? c : lo;
        }
    int coordinated = 0;
    for (uint32_t i = lo; i < v && n > 1 && !coordinated; i++)
        coordinated = rel_is(t, i, "cc");
    for (uint32_t c = t->first[v]; coordinated && c != NONE; c = t->next[c]) {
        if (c == subj || !rel_is(t, c, "nsubj"))
            continue;
        int32_t more[MAX_COORD];
        uint32_t m = actors_of(t, c, more, MAX_COORD);
        for (uint32_t j = 0; j < m && ns < cap; j++) {
            int seen = 0;
            for (uint32_t q = 0; q < ns; q++)
                seen |= sa[q] == more[j];
            if (!seen)
                sa[ns++] = more[j];
        }
    }
    return ns;
}

static int form_in_list(const word *w, const char *const *list)
{
    uint32_t h = pattern_hash(w->form, w->len);
    for (; *list; list++)
        if (h == pattern_hash(*list, strlen(*list)))
            return 1;
    return 0;
}

static int lemma_in_list(const word *w, const char *const *list)
{
    uint32_t h = lemma_hash(w);
    for (; *list; list++)
        if (h == pattern_hash(*list, strlen(*list)))
            return 1;
    return 0;
}

/* Is v said as an intention rather than a deed: "Finland will give",
 * "Norway is willing to send", "Syria is prepared to withdraw"? */
static int intended_here(const tree *t, uint32_t v)
{
    static const char *const future[] = {"will", "'ll", "would", "shall", NULL};
    static const char *const ready[] = {"willing", "ready", "prepared", "committed", "determined", "eager", "poised",
                                        "set", NULL};
    for (uint32_t c = t->first[v]; c != NONE; c = t->next[c])
        if (rel_is(t, c, "aux") && form_in_list(&t->s->w[c], future))
            return 1;
    static const char *const promise[] = {"promise", "pledge", "vow", "offer", "agree", "plan", "intend", "decide",
                                          "commit", "prepare", "undertake", "propose", "volunteer", NULL};
    uint32_t g = head_of(t, v);
    if (g == NONE || !(rel_is(t, v, "xcomp") || rel_is(t, v, "ccomp") || rel_is(t, v, "advcl")))
        return 0;
    return lemma_in_list(&t->s->w[g], ready) || (rel_is(t, v, "xcomp") && lemma_in_list(&t->s->w[g], promise)) ||
           (rel_is(t, v, "xcomp") && head_of(t, g) != NONE && rel_is(t, g, "xcomp") &&
            lemma_in_list(&t->s->w[head_of(t, g)], promise)); /* "promised to continue ..." */
}

/* Is v, or the verb it complements or serves ("is willing to send troops
 * to help defend"), said as an intention? */
static int intended(const tree *t, uint32_t v)
{
    for (int depth = 0; v != NONE && depth < 3; depth++, v = head_of(t, v))
        if (intended_here(t, v))
            return 1;
        else if (!purpose(t, v) || rel_is(t, v, "acl"))
            return 0;
    return 0;
}

/* Is v said on a condition ("... unless the president steps down", "if
 * ...")?  Looks at v and the verb it complements. */
static uint32_t condition_under(const tree *t, uint32_t x)
{
    static const char *const cond[] = {"unless", "if", NULL};
    for (uint32_t c = x != NONE ? t->first[x] : NONE; c != NONE; c = t->next[c])
        if (rel_is(t, c, "advcl"))
            for (uint32_t m = t->first[c]; m != NONE; m = t->next[m])
                if (rel_is(t, m, "mark") && form_in_list(&t->s->w[m], cond))
                    return c;
    return NONE;
}

/* The clause v is said on ("unless the president steps down"), on v or
 * the verb it complements, or with down set, on v's infinitive
 * ("threatened to strike unless ..."); NONE when none. */
static uint32_t condition_of(const tree *t, uint32_t v, int down)
{
    uint32_t c = condition_under(t, v);
    if (c == NONE && head_of(t, v) != NONE)
        c = condition_under(t, head_of(t, v));
    if (c == NONE && down)
        c = condition_under(t, child(t, v, "xcomp", 0));
    return c;
}

static int conditional(const tree *t, uint32_t v) { return condition_of(t, v, 0) != NONE; }

/* The code of a threat to do what code says: CAMEO's root 13. */
static void threat_code(char *code)
{
    int root = (code[0] - '0') * 10 + (code[1] - '0');
    const char *c = root == 14 ? "133" : root == 16 ? "131" : root == 17 ? "137" : root >= 18 ? "138" : "130";
    if (root != 13)
        memcpy(code, c, 4);
}

/* The code of an intention to do what code says: CAMEO's root 03 for
 * cooperation ("will give aid" -> 033), root 13 for conflict ("will
 * attack" -> 138); other codes stay. */
static void intent_code(char *code)
{
    int root = (code[0] - '0') * 10 + (code[1] - '0');
    static const char *const map[21] = {NULL, NULL, NULL, NULL, "036", "032", "031", "033", "035", NULL, NULL,
                                        NULL, NULL, NULL, NULL, "130", "130", "137", "138", "138", "138"};
    if (root >= 0 && root <= 20 && map[root])
        memcpy(code, map[root], 4);
}

/* "The ministry said Israel must ease restrictions": a demand (CAMEO 100)
 * from the speaker to the subject of the clause with "must" or "should".
 * Returns 1 when one was coded. */
static int obligation(tree *t, const pattern_set *ps, uint32_t v, sink *k)
{
    static const char *const must[] = {"must", "should", NULL};
    uint32_t aux = NONE;
    for (uint32_t c = t->first[v]; c != NONE && aux == NONE; c = t->next[c])
        if (rel_is(t, c, "aux") && form_in_list(&t->s->w[c], must))
            aux = c;
    uint32_t g = head_of(t, v);
    if (aux == NONE || g == NONE || !rel_is(t, v, "ccomp") || negated(t, v) || t->s->peer)
        return 0; /* the peers code what their patterns say, no demand of their own */
    int32_t src = actor_of(t, subject_of(t, g, 0), 0), tgt = actor_of(t, subject_of(t, v, 0), 0);
    uint32_t first;
    if (src < 0 || tgt < 0 || src == tgt || !pattern_find(ps, 0, lemma_hash(&t->s->w[g]), &first))
        return 0; /* only under a verb the patterns know (say, declare, insist ...) */
    emit(k, v, src, tgt, first, "100");
    return 1;
}

/* TABARI's regular verb endings (the manual, 5.2.3) the lemmatiser does
 * not take off: the patterns of the word written without "es" or "en"
 * ("departes", "departen": DEPART_) or "d" after an "e" ("welcxmed":
 * WELCXME), or of the word itself as written; of a noun, without "ing",
 * "ed" or "s" too ("their meeting": MEET). */
static uint32_t tabari_ending(const pattern_set *ps, const word *w, int noun, uint32_t *first)
{
    static const char *const endings[] = {"", "es", "en", "d", "ing", "ed", "s"}; /* "d": "welcomed" of WELCOME */
    char low[64];
    if (w->len >= sizeof low)
        return 0;
    for (uint32_t i = 0; i < w->len; i++)
        low[i] = (char)(w->form[i] >= 'A' && w->form[i] <= 'Z' ? w->form[i] + 32 : w->form[i]);
    for (size_t k = 0; k < (noun ? 7u : 4u); k++) {
        size_t e = strlen(endings[k]);
        if (w->len < e + 3 || memcmp(low + w->len - e, endings[k], e) != 0)
            continue;
        uint32_t count = pattern_find(ps, 0, pattern_hash(low, w->len - e), first);
        if (count)
            return count;
    }
    return 0;
}

/* TABARI's verb stems ("ACTUALITY" matches "actualityss"): the patterns
 * of the longest beginning of the word (three letters at least) that a
 * head "stem*" names; their count, 0 when none. */
static uint32_t tabari_stem(const pattern_set *ps, const word *w, uint32_t *first)
{
    uint32_t h = 2166136261u, count = 0;
    for (uint32_t i = 0; i < w->len; i++) {
        unsigned char c = (unsigned char)w->form[i];
        h = (h ^ (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c)) * 16777619u;
        uint32_t at, n = i >= 2 ? pattern_find(ps, 0, (h ^ (unsigned char)'*') * 16777619u, &at) : 0;
        if (n)
            count = n, *first = at;
    }
    return count;
}

/* The patterns of verb v's lemma, or of the lemma without a "re" prefix
 * ("reimposed" as "imposed") when it has none. */
static uint32_t verb_patterns(const tree *t, const pattern_set *ps, uint32_t v, uint32_t *first)
{
    uint32_t count = pattern_find(ps, 0, lemma_hash(&t->s->w[v]), first);
    const char *l = t->s->w[v].lemma;
    if (!count && l && strlen(l) > 5 && l[0] == 'r' && l[1] == 'e')
        count = pattern_find(ps, 0, pattern_hash(l + 2, strlen(l) - 2), first);
    if (!count && t->s->peer == EV_PEER_TABARI)
        count = tabari_ending(ps, &t->s->w[v], t->s->pos[v] == AP_NOUN, first);
    if (!count && t->s->peer == EV_PEER_TABARI)
        count = tabari_stem(ps, &t->s->w[v], first);
    return count;
}

/* TABARI reads a word of its verbs dictionary as a noun only when THE, A
 * or AN comes right before it or it is capitalised inside the sentence
 * (the manual, 7.4); the tagger's other nouns are its verbs. */
static int tabari_noun(const tree *t, uint32_t v)
{
    static const char *const dets[] = {"the", "a", "an", NULL};
    const word *w = &t->s->w[v];
    if (t->actor_at[v] >= 0 || (v > 0 && w->form[0] >= 'A' && w->form[0] <= 'Z'))
        return 1; /* an actor's word, "Restore" */
    for (uint32_t c = t->first[v]; c != NONE; c = t->next[c]) {
        if (c >= v || !rel_is(t, c, "det") || !form_in_list(&t->s->w[c], dets))
            continue;
        uint32_t x = c + 1;
        while (x < v && t->s->pos[x] == AP_ADJ)
            x++;
        if (x == v)
            return 1; /* "the restore", "a brief private visit": TABARI's adjectives between, not "an anti- X parade" */
    }
    return 0;
}

/* TABARI codes the first verb of a clause: a noun read as one of its
 * verbs ("in an anti- Gondor parade") codes nothing under a verb that has
 * coded already (other than TABARI's null code). */
static int under_coded_verb(const tree *t, uint32_t v, const sink *k)
{
    for (uint32_t i = 0; t->s->peer == EV_PEER_TABARI && t->s->pos[v] == AP_NOUN && i < k->n && i < k->cap; i++)
        if (k->out[i].head != v && under(t, v, k->out[i].head) && strcmp(k->out[i].code, "---") != 0)
            return 1; /* a null code ("RAISE [---]") codes nothing */
    return 0;
}

/* Is word v written with a possessive "'s" ("donate's")?  TABARI reads
 * such a word as a noun (its noun endings), never as its verb. */
static int possessive(const tree *t, uint32_t v)
{
    const word *s = v + 1 < t->s->n ? &t->s->w[v + 1] : NULL;
    return s && s->tok == t->s->w[v].tok && s->len == 2 && s->form[0] == '\'' && (s->form[1] | 32) == 's';
}

/* A word not tagged a verb that TABARI may read as its verb (it reads its
 * verbs whatever their part of speech): a noun, or a proper noun or
 * other word (adverb, unknown) written in lower case ("Estonia plans tos
 * expel", "it deplore from"); adjectives are left to the tagger. */
static int tabari_nominal(const ev_sentence *s, uint32_t i)
{
    uint8_t p = s->pos[i];
    int lower = s->w[i].form[0] >= 'a' && s->w[i].form[0] <= 'z';
    return p == AP_NOUN || (lower && (p == AP_PROPN || p == AP_OTHER));
}

/* TABARI's verbs include auxiliaries ("SHOULD"): the verb whose clause
 * an auxiliary v stands for with TABARI's dictionaries ("it should not
 * require": require), else v itself. */
static uint32_t tabari_modal(const tree *t, uint32_t v)
{
    uint32_t h = head_of(t, v);
    return t->s->peer == EV_PEER_TABARI && rel_is(t, v, "aux") && h != NONE ? h : v;
}

static void verb_events(tree *t, const pattern_set *ps, uint32_t v, sink *k)
{
    if (obligation(t, ps, v, k) || under_coded_verb(t, v, k) || (t->s->peer == EV_PEER_TABARI && possessive(t, v)))
        return;
    uint32_t first, count = verb_patterns(t, ps, v, &first);
    if (!count)
        return;
    clause c;
    uint32_t cv = tabari_modal(t, v); /* "it should not require": the clause is require's */
    clause_of(t, cv, &c);
    c.verb = v;
    if (t->s->peer == EV_PEER_TABARI && t->s->pos[v] != AP_VERB && tabari_noun(t, v))
        return; /* "in an accord": TABARI's noun, not its verb */
    const pattern *root = &ps->p[first + count - 1]; /* the verb's own code, when it has one (fewest slots: last) */
    if (t->s->verbs && root->nslots == 0) /* TABARI's verbs, for its complexity test */
        t->s->verbs[v] = strcmp(root->code, "---") == 0 ? 2 : 1;
    /* TABARI has no negation rule of its own: its patterns say "- NOT *" */
    c.negated = t->s->peer != EV_PEER_TABARI && negated(t, v);
    uint32_t lost = NONE;
    if (c.obj == NONE || t->actor_at[c.obj] < 0) {
        int32_t a = actor_after(t, cv, actor_of(t, c.subj, 0));
        lost = a >= 0 ? t->s->actors[a].end - 1 : target_by_order(t, cv, actor_of(t, c.subj, 0));
    }
    c.lost = lost;
    /* the parse as it is first; a lost object may stand in only when no pattern holds without it */
    for (int pass = 0; pass < 2; pass++) {
        c.lost_obj = pass ? lost : NONE;
        if (pass && lost == NONE)
            break;
        if (verb_pattern(t, ps, v, &c, first, count, k)) {
            if (t->s->verbs && !t->s->verbs[v])
                t->s->verbs[v] = 1; /* a verb of several words ("HAVE NOTHING TO DO WITH") found whole */
            return;
        }
    }
}

/* The verb saying what v is done to do: its infinitive complement ("threatened
 * to deliver ..."), or a purpose clause on it or on its object ("blocked a
 * road to show ..."); NONE when none. */
static uint32_t what_for(const tree *t, uint32_t v, uint32_t obj)
{
    uint32_t x = child(t, v, "xcomp", 0);
    for (uint32_t c = t->first[v]; x == NONE && c != NONE; c = t->next[c])
        if (rel_is(t, c, "advcl") && purpose(t, c))
            x = c;
    for (uint32_t c = obj != NONE ? t->first[obj] : NONE; x == NONE && c != NONE; c = t->next[c])
        if (rel_is(t, c, "acl") && purpose(t, c))
            x = c;
    return x;
}

/* The first word of an actor other than not (not a place, unless places
 * is set) among the twelve words after word x; NONE when none. */
static uint32_t actor_word_after(const tree *t, uint32_t x, int32_t not, int places)
{
    for (uint32_t a = x + 1, seen = 0; a < t->s->n && seen < 12; a++, seen++)
        if (t->actor_at[a] >= 0 && (places || !t->s->actors[t->actor_at[a]].place) && t->actor_at[a] != not)
            return a;
    return NONE;
}

/* The peers read a pattern's words in order, the source before the first
 * of them and the target after the last: when a pattern names words
 * before verb v and the parse's subject lies among them ("Arnor suggested
 * Gondor should apply ... conventions in its dealings with Rohan" for
 * "SUGGESTED * APPLY CONVENTIONS"), the source is the nearest actor before
 * those words, and the target, unless the pattern makes the subject the
 * target, the first actor after the pattern's last word. */
static void linear_roles(const tree *t, uint32_t v, const uint32_t *span, const clause *c, uint32_t *src,
                         uint32_t *tgt, int subj_target)
{
    uint32_t before = actor_before(t, span[0]);
    if (before == NONE)
        return;
    uint32_t h = head_of(t, before);
    if (rel_is(t, before, "conj") && h != NONE && h < before && t->actor_at[h] >= 0)
        before = h; /* "Neither Galadriel nor Gollum": the first of coordinated actors, with the others */
    *src = before;
    if (c->subj != NONE && c->subj < span[0] && actor_of(t, c->subj, 0) >= 0)
        *src = c->subj; /* the subject stands before the pattern's words already */
    if (*tgt != NONE || subj_target)
        return;
    *tgt = actor_word_after(t, span[1] != NONE ? span[1] : v, actor_of(t, *src, 0), 0);
}

/* TABARI's source of a pattern whose "+" takes the subject and that has
 * no "$": the last word of the first actor after verb v (the verb of the
 * clause an auxiliary stands for) other than the target tgt's; NONE when
 * none. */
static uint32_t source_after(const tree *t, uint32_t v, uint32_t tgt)
{
    int32_t a = actor_after(t, tabari_modal(t, v), actor_of(t, tgt, 0));
    return a >= 0 ? t->s->actors[a].end - 1 : NONE;
}

/* TABARI's target when none follows the verb: the last word of the
 * first actor other than not between words a and b (the pattern's word
 * before the verb nearest it, and the verb); NONE when none. */
static uint32_t actor_within(const tree *t, uint32_t a, uint32_t b, int32_t not)
{
    for (uint32_t x = a + 1; x < b; x++)
        if (t->actor_at[x] >= 0 && t->actor_at[x] != not)
            return t->s->actors[t->actor_at[x]].end - 1;
    return NONE;
}

/* Has pattern p a slot of this kind? */
static int has_slot(const pattern_set *ps, const pattern *p, int kind)
{
    for (uint32_t k = 0; k < p->nslots; k++)
        if (ps->slots[p->slot0 + k].kind == kind)
            return 1;
    return 0;
}

/* The peers read a word once: the verbs among the words of a pattern
 * that held at v ("suggested", "demand" are SHOULD's pattern's) are
 * marked absorbed. */
static void absorb_pattern_verbs(tree *t, uint32_t v, const uint32_t *span)
{
    for (uint32_t x = span[0]; t->s->peer && span[0] != NONE && x <= (span[1] != NONE ? span[1] : v); x++)
        if (x != v && t->s->pos[x] == AP_VERB)
            t->absorbed[x] = 1;
}

/* Completes the source and target words *src and *tgt that the slots of
 * a pattern holding at v in clause c left NONE: the peers' reading in
 * order, then the subject and object (swapped by a subject slot).
 * Returns 1 when the pattern itself named the target. */
static int pattern_roles(tree *t, uint32_t v, const clause *c, const uint32_t *span, int subj_target, uint32_t *src,
                         uint32_t *tgt)
{
    if (t->s->peer && *src == NONE && span[0] != NONE && !rel_starts(t, span[0], "aux") &&
        !rel_is(t, span[0], "cop") && (c->subj == NONE || c->subj > span[0] || actor_of(t, c->obj, 0) < 0))
        linear_roles(t, v, span, c, src, tgt, subj_target); /* "Arnor suggested Gondor should apply ..." */
    if (t->s->peer && *tgt == NONE && !subj_target && *src != NONE && *src > v) /* "contribute a million peso */
        *tgt = actor_word_after(t, *src, actor_of(t, *src, 0), 1); /* Bree to Gondor" (PESO_$): after the source */
    int named_target = *tgt != NONE;
    absorb_pattern_verbs(t, v, span);
    if (*src == NONE)
        *src = subj_target ? NONE : c->subj;
    if (*tgt == NONE)
        *tgt = subj_target ? c->subj : c->obj;
    if (*src == NONE && subj_target && t->s->peer == EV_PEER_TABARI)
        *src = source_after(t, v, *tgt); /* "+ WAS * DEAD": "X was shot dead in Y" is Y's doing */
    return named_target;
}

/* "threatened to deliver blows to the US": the first actor other than
 * not after what v (with its object obj) is done to do, or after what
 * that is done to do, three deep; -1 when none. */
static int32_t actor_aimed_at(const tree *t, uint32_t v, uint32_t obj, int32_t not)
{
    int32_t after = -1;
    uint32_t todo = what_for(t, v, obj);
    for (int d = 0; after < 0 && todo != NONE && d < 3; d++) {
        after = actor_after(t, todo, not);
        todo = what_for(t, todo, NONE); /* "prepared to resume shelling X" */
    }
    return after;
}

/* The indirect object of v, or of the verb v serves as a purpose ("will
 * give Tanzania a grant to finance ...": Tanzania); NONE when none. */
static uint32_t recipient_of(const tree *t, uint32_t v)
{
    uint32_t to = child(t, v, "iobj", 0), g = head_of(t, v);
    if (to == NONE && g != NONE && purpose(t, v))
        to = child(t, g, "iobj", 0);
    return to;
}

/* The target actors, into ta, of pattern p at v in clause c when neither
 * the pattern nor the object gives one, sought elsewhere in the sentence
 * (not: the first source actor, or -1); returns how many (0 when none). */
static uint32_t target_elsewhere(const tree *t, const pattern *p, uint32_t v, const clause *c, const uint32_t *span,
                                 int32_t not, int32_t *ta)
{
    uint32_t nt = 0;
    if (c->lost != NONE)
        nt = actors_of(t, c->lost, ta, MAX_COORD); /* a parse that lost the object */
    if (!nt && t->s->peer == EV_PEER_TABARI && span[1] != NONE)
        nt = actors_of(t, target_by_order(t, span[1], not), ta, MAX_COORD); /* "toll has risen ... with X" */
    uint32_t said = nt ? NONE : child(t, v, "ccomp", 0);
    if (!nt && said != NONE && !t->s->peer) /* the peers: objects only */
        nt = actors_of(t, subject_of(t, said, 0), ta, MAX_COORD); /* "demanded that the US cancel" */
    int32_t after = nt ? -1 : actor_aimed_at(t, v, c->obj, not);
    if (after >= 0)
        nt = actors_of(t, t->s->actors[after].end - 1, ta, MAX_COORD);
    uint32_t to = nt ? NONE : recipient_of(t, v);
    if (!nt && to != NONE)
        nt = actors_of(t, to, ta, MAX_COORD);
    uint32_t unless = !nt && p->code[0] == '1' && p->code[1] == '3' ? condition_of(t, v, 1) : NONE;
    if (!nt && unless != NONE) /* "threatened ... unless Israel withdrew" */
        nt = actors_of(t, subject_of(t, unless, 0), ta, MAX_COORD);
    if (!nt && t->s->peer == EV_PEER_TABARI && span[2] != NONE)
        nt = actors_of(t, actor_within(t, span[2], v, not), ta, MAX_COORD); /* "for Eriador warning" */
    return nt;
}

/* Marks the object noun obj, and the noun it carries, as coded here
 * ("carried out an attack on", "ended mediation efforts"). */
static void consume_object(tree *t, uint32_t obj)
{
    if (obj != NONE && t->s->pos[obj] == AP_NOUN)
        t->consumed[obj] = 1;
    if (carried(t, obj) != NONE)
        t->consumed[carried(t, obj)] = 1;
}

/* A pattern's code as said at v: a threat when v is an intention on a
 * condition ("will withdraw its troops unless ..."), an intention when
 * intended; the peers' dictionaries say modality in their own patterns. */
static void said_code(const tree *t, uint32_t v, char *code)
{
    if (t->s->peer)
        return;
    if (intended(t, v) && conditional(t, v))
        threat_code(code);
    else if (intended(t, v))
        intent_code(code);
}

/* Emits the events of pattern i at v with code, between the source
 * actors sa[0..ns) and the target actors ta[0..nt): pairs, both ways for
 * a paired pattern, or each coordinated source on the others. */
static void emit_pattern(sink *k, const tree *t, const pattern_set *ps, uint32_t i, uint32_t v, const int32_t *sa,
                         uint32_t ns, const int32_t *ta, uint32_t nt, const char *code)
{
    const pattern *p = &ps->p[i];
    if (t->s->peer == EV_PEER_TABARI && has_slot(ps, p, PS_COMPOUND))
        nt = 0; /* TABARI's "%": the compound is source and target both */
    else if (t->s->peer == EV_PEER_TABARI && !p->back[0] && !nt && ns > 1) {
        emit_all(k, v, sa, ns - 1, sa + ns - 1, 1, i, code); /* TABARI: the actor before the verb, its last conjunct */
        return;
    }
    int compound = ns > 1 && has_slot(ps, p, PS_COMPOUND);
    if (((p->back[0] || t->s->peer) && !nt && ns > 1) || compound) { /* the peers do so for any verb */
        mutual(k, v, sa, ns, i, code, p->back[0] ? p->back : code, compound); /* "Gondor and Osgiliath met" */
        return;
    }
    emit_all(k, v, sa, ns, ta, nt, i, code);
    if (p->back[0] && ns && nt)
        emit_all(k, v, ta, nt, sa, ns, i, p->back); /* a pair: "met" codes both ways */
}

/* Tries the patterns [first, first + count) of verb v; codes the first
 * that holds and returns 1, else 0. */
static int verb_pattern(tree *t, const pattern_set *ps, uint32_t v, clause *cl, uint32_t first, uint32_t count,
                        sink *k)
{
    for (uint32_t i = first; i < first + count; i++) {
        const pattern *p = &ps->p[i];
        clause c = *cl;
        if (t->s->peer && (c.subj == NONE || c.subj > v) && c.obj != NONE && c.obj < v && has_slot(ps, p, PS_SUBJ))
            c.subj = c.obj, c.obj = NONE; /* the peers' "+ WAS * DEAD", "+ * MONEY $" (a passive's agent after
                                             the verb): the word before is the subject, passive or not */
        uint32_t src, tgt, span[3];
        int subj_target;
        if ((c.negated && !names_words_before(ps, p)) || !slots_hold(t, ps, p, &c, &src, &tgt, &subj_target, span))
            continue;
        int named_target = pattern_roles(t, v, &c, span, subj_target, &src, &tgt);
        int32_t sa[MAX_COORD], ta[MAX_COORD];
        uint32_t ns = actors_of(t, src, sa, MAX_COORD), nt = actors_of(t, tgt, ta, MAX_COORD);
        if (src == c.subj)
            ns = more_subjects(t, v, src, sa, ns, MAX_COORD);
        if (t->s->peer == EV_PEER_TABARI && nt == 1 && ns && ta[0] == sa[0] && !named_target)
            nt = 0; /* "Eriador's death toll": the source's own noun, the target to seek after the pattern */
        if (!nt && !named_target && !subj_target)
            nt = target_elsewhere(t, p, v, &c, span, ns ? sa[0] : -1, ta);
        consume_object(t, c.obj);
        char code[5];
        memcpy(code, p->code, sizeof code);
        said_code(t, v, code);
        emit_pattern(k, t, ps, i, v, sa, ns, ta, nt, code);
        return 1;
    }
    return 0;
}

/* The hash of "modifier-noun" for a noun with a compound modifier right
 * before it, or before a hyphen the tokenizer split off ("hunger strike",
 * "hunger-strike" as "hunger-strike"), or 0. */
static uint32_t compound_head(const tree *t, uint32_t x)
{
    uint32_t mx = x >= 2 && t->s->w[x - 1].len == 1 && t->s->w[x - 1].form[0] == '-' ? x - 2 : x - 1;
    if (x == 0 || head_of(t, mx) != x || !rel_is(t, mx, "compound"))
        return 0;
    const word *m = &t->s->w[mx], *w = &t->s->w[x];
    const char *ml = m->lemma ? m->lemma : m->form, *wl = w->lemma ? w->lemma : w->form;
    char both[128];
    int len = snprintf(both, sizeof both, "%s-%s", ml, wl);
    return len > 0 && (size_t)len < sizeof both ? pattern_hash(both, (size_t)len) : 0;
}

static void noun_events(tree *t, const pattern_set *ps, uint32_t x, sink *k)
{
    uint32_t first = 0, count = 0, both = compound_head(t, x);
    if (both)
        count = pattern_find(ps, 1, both, &first); /* "hunger strike" before "strike" */
    if (!count)
        count = pattern_find(ps, 1, lemma_hash(&t->s->w[x]), &first);
    if (!count || t->consumed[x])
        return;
    clause c = {x, NONE, NONE, NONE, NONE, 0};
    for (uint32_t i = first; i < first + count; i++) {
        const pattern *p = &ps->p[i];
        uint32_t src, tgt, span[3];
        int subj_target;
        if (!slots_hold(t, ps, p, &c, &src, &tgt, &subj_target, span))
            continue;
        int32_t sa[MAX_COORD], ta[MAX_COORD];
        uint32_t ns = 0, nt = actors_of(t, tgt, ta, MAX_COORD);
        if (src != NONE)
            ns = actors_of(t, src, sa, MAX_COORD);
        else if ((sa[0] = noun_source(t, x)) >= 0)
            ns = 1;
        if (ns && nt && sa[0] == ta[0] && t->actor_at[x] == sa[0])
            ns = 0;
        char code[5];
        memcpy(code, p->code, sizeof code);
        uint32_t v = head_of(t, x);
        if (!t->s->peer && v != NONE && rel_is(t, x, "obj") && t->s->pos[v] == AP_VERB && intended(t, v))
            intent_code(code); /* "will provide food aid" */
        emit_all(k, x, sa, ns, ta, nt, i, code);
        if (p->back[0] && ns && nt)
            emit_all(k, x, ta, nt, sa, ns, i, p->back);
        return;
    }
}

/* An actor known only by its sector: "GOV", "MIL", "REB" ... */
static int sector_only(const actor *a) { return a->sector_only && !a->country[0]; }

/* The one country of the places named in the sentence ("protesters
 * converged at Tahrir Square in Baghdad"), or NULL when there is none or
 * more than one. */
static const char *place_country(const tree *t)
{
    const char *found = NULL;
    for (uint32_t a = 0; a < t->s->nactors; a++) {
        const actor *x = &t->s->actors[a];
        if (!x->place || !x->country[0])
            continue;
        if (found && strcmp(found, x->country) != 0)
            return NULL;
        found = x->country;
    }
    return found;
}

/* The first place named in the sentence when all its places lie in one
 * country, or -1. */
static int32_t place_actor(const tree *t)
{
    if (!place_country(t))
        return -1;
    for (uint32_t a = 0; a < t->s->nactors; a++)
        if (t->s->actors[a].place && t->s->actors[a].country[0])
            return (int32_t)a;
    return -1;
}

static void event_codes(const tree *t, event *e)
{
    const actor *s = e->source >= 0 ? &t->s->actors[e->source] : NULL;
    const actor *g = e->target >= 0 ? &t->s->actors[e->target] : NULL;
    snprintf(e->source_code, sizeof e->source_code, "%s", s ? s->code : "");
    snprintf(e->target_code, sizeof e->target_code, "%s", g ? g->code : "");
    if (t->s->peer == EV_PEER_TABARI) { /* TABARI gives an agent to the first of coordinated actors only */
        if (s && s->shared)
            e->source_code[s->shared] = 0;
        if (g && g->shared)
            e->target_code[g->shared] = 0;
    }
    if (t->s->peer) { /* "---EDU": a sector of no known country */
        if (s && sector_only(s))
            snprintf(e->source_code, sizeof e->source_code, "---%.20s", s->code);
        if (g && sector_only(g))
            snprintf(e->target_code, sizeof e->target_code, "---%.20s", g->code);
        return;
    }
    if (s && g && sector_only(s) && g->country[0])
        snprintf(e->source_code, sizeof e->source_code, "%.3s%.20s", g->country, s->code);
    else if (s && g && sector_only(g) && s->country[0])
        snprintf(e->target_code, sizeof e->target_code, "%.3s%.20s", s->country, g->code);
    const char *here = place_country(t); /* a domestic actor without a country: of the place where it acts */
    if (here && s && sector_only(s) && !actor_is_country(e->source_code))
        snprintf(e->source_code, sizeof e->source_code, "%.3s%.20s", here, s->code);
    if (here && g && sector_only(g) && !actor_is_country(e->target_code))
        snprintf(e->target_code, sizeof e->target_code, "%.3s%.20s", here, g->code);
}

/* The verb whose clause word x belongs to: x itself, or the verb its noun
 * phrase hangs from ("provide ... aid for X": provide); NONE when none. */
static uint32_t clause_verb(const tree *t, uint32_t x)
{
    for (int depth = 0; x != NONE && depth < 4; depth++, x = head_of(t, x)) {
        if (t->s->pos[x] == AP_VERB)
            return x;
        if (!(rel_is(t, x, "obj") || rel_starts(t, x, "obl") || rel_starts(t, x, "nmod") || rel_is(t, x, "compound")))
            return NONE;
    }
    return NONE;
}

/* Does verb v complement the verb above it ("agreed to provide"), or say
 * its purpose ("staged a sit-in to demand")? */
static int purpose(const tree *t, uint32_t v)
{
    if (rel_is(t, v, "xcomp"))
        return 1;
    uint32_t m = rel_is(t, v, "advcl") || rel_is(t, v, "acl") ? child(t, v, "mark", 0) : NONE;
    return m != NONE && pattern_hash(t->s->w[m].form, t->s->w[m].len) == pattern_hash("to", 2);
}

/* Drops the events another one of the sentence says better: the event of
 * a verb complementing a coded verb ("agreed to postpone" is coded by
 * "agree to-VERB"), for TABARI that of the condition ("if ...") of a
 * coded verb, and bare statements (root 01: "said") when the sentence has
 * other events (TABARI's "A said B attacked C" is B -> C).
 * Returns the events kept. */
static uint32_t prune(const tree *t, event *ev, uint32_t n)
{
    int others = 0;
    for (uint32_t i = 0; i < n; i++)
        others |= !(ev[i].code[0] == '0' && ev[i].code[1] == '1');
    uint8_t *drop = calloc(n ? n : 1, 1);
    if (!drop)
        return n;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t h = ev[i].head, g = head_of(t, h), v = clause_verb(t, h), gv = v != NONE ? head_of(t, v) : NONE;
        for (uint32_t j = 0; j < n; j++) {
            for (uint32_t x = h, up = g, d = 0; t->s->peer != EV_PEER_TABARI && up != NONE && d < 3 && purpose(t, x) && !rel_is(t, x, "acl");
                 d++, x = up, up = head_of(t, up))
                drop[i] |= ev[j].head == up; /* "prepared to resume shelling": coded by "prepare to-VERB" */
            if (t->s->peer == EV_PEER_TABARI && ev[j].head == g && g != h && condition_under(t, g) == h)
                drop[i] = 1; /* "promised aid if it would agree": TABARI codes the clause's first verb */
            if (gv != NONE && (ev[j].head == gv || ev[j].head == clause_verb(t, gv)) && purpose(t, v) &&
                ev[j].target < 0 && ev[i].target >= 0 &&
                ev[i].target != ev[j].source)
                ev[j].target = ev[i].target; /* "agreed to set up ... with Japan": the governor's target */
        }
        if (ev[i].code[0] == '0' && ev[i].code[1] == '1' && others)
            drop[i] = 1;
        drop[i] |= t->absorbed[h];
    }
    uint32_t kept = 0;
    int32_t here = place_actor(t);
    for (uint32_t i = 0; i < n; i++) {
        if (ev[i].code[0] == '1' && ev[i].code[1] == '4' && ev[i].target < 0 && ev[i].source != here)
            ev[i].target = here; /* a protest with no target: against the authorities where it is held */
        if (drop[i])
            continue;
        ev[kept] = ev[i];
        event_codes(t, &ev[kept]);
        kept += !(t->s->peer == EV_PEER_TABARI && ev[kept].source >= 0 && ev[kept].target >= 0 &&
                  strcmp(ev[kept].source_code, ev[kept].target_code) == 0); /* TABARI: no actor acts on itself */
    }
    free(drop);
    return kept;
}

enum { MAX_PARTS = 8 };

/* The codes of a TABARI coded compound ("FRO/BIL/SAM") into out; one,
 * maybe empty, for any other code.  Returns how many. */
static uint32_t parts_of(const char *code, char out[][ACTOR_CODE_MAX])
{
    uint32_t n = 0;
    do {
        size_t len = strcspn(code, "/");
        snprintf(out[n++], ACTOR_CODE_MAX, "%.*s", (int)len, code);
        code += len + (code[len] == '/');
    } while (*code && n < MAX_PARTS);
    return n;
}

/* TABARI's coded compounds (the manual, 6.5.1): an event of "FRO/BIL/SAM"
 * is one event of each of its codes, on each code of the other side
 * other than itself.  Adds them after the n events of ev (cap in all);
 * returns the new count. */
static uint32_t coded_compounds(const tree *t, event *ev, uint32_t n, uint32_t cap)
{
    for (uint32_t i = 0; t->s->peer == EV_PEER_TABARI && i < n; i++) {
        if (!strchr(ev[i].source_code, '/') && !strchr(ev[i].target_code, '/'))
            continue;
        event base = ev[i];
        char a[MAX_PARTS][ACTOR_CODE_MAX], b[MAX_PARTS][ACTOR_CODE_MAX];
        uint32_t na = parts_of(base.source_code, a), nb = parts_of(base.target_code, b);
        int placed = 0;
        for (uint32_t x = 0; x < na; x++)
            for (uint32_t y = 0; y < nb; y++) {
                event *e = !placed ? &ev[i] : n < cap ? &ev[n++] : NULL;
                if (!e || (a[x][0] && strcmp(a[x], b[y]) == 0))
                    continue;
                *e = base;
                memcpy(e->source_code, a[x], sizeof a[x]);
                memcpy(e->target_code, b[y], sizeof b[y]);
                placed = 1;
            }
    }
    return n;
}

/* "to fire missiles" tagged as a noun compound: a noun right after "to",
 * modifying the next word, whose lemma the verb patterns know. */
static int infinitive_as_noun(const tree *t, const pattern_set *ps, uint32_t i)
{
    uint32_t first;
    if (i == 0 || t->s->pos[i] != AP_NOUN || head_of(t, i) != i + 1 || !rel_is(t, i, "compound"))
        return 0;
    const word *to = &t->s->w[i - 1];
    return to->len == 2 && (to->form[0] | 32) == 't' && (to->form[1] | 32) == 'o' &&
           pattern_find(ps, 0, lemma_hash(&t->s->w[i]), &first) > 0;
}

static int discarded(const pattern_set *ps, const ev_sentence *s)
{
    return ps->discards.nphrases && lex_has_discard(&ps->discards, s->w, s->n);
}

uint32_t event_find(const pattern_set *ps, const ev_sentence *s, event *out, uint32_t cap)
{
    if (!s->n || !ps->sorted || discarded(ps, s))
        return 0;
    tree t = {s, NULL, NULL, NULL, NULL, NULL};
    t.first = malloc((size_t)s->n * sizeof *t.first);
    t.next = malloc((size_t)s->n * sizeof *t.next);
    t.actor_at = malloc((size_t)s->n * sizeof *t.actor_at);
    t.consumed = calloc(s->n, 1);
    t.absorbed = calloc(s->n, 1);
    sink k = {out, cap, 0, s->peer == EV_PEER_TABARI};
    if (!t.first || !t.next || !t.actor_at || !t.consumed || !t.absorbed)
        goto done;
    for (uint32_t i = 0; i < s->n; i++)
        t.first[i] = t.next[i] = NONE, t.actor_at[i] = -1;
    for (uint32_t i = s->n; i-- > 0;) { /* children in sentence order */
        uint32_t h = head_of(&t, i);
        if (h != NONE && h != i) {
            t.next[i] = t.first[h];
            t.first[h] = i;
        }
    }
    for (uint32_t a = 0; a < s->nactors; a++)
        for (uint32_t i = s->actors[a].start; i < s->actors[a].end && i < s->n; i++)
            if (t.actor_at[i] < 0)
                t.actor_at[i] = (int32_t)a;
    for (uint32_t i = 0; i < s->n; i++)
        if (s->pos[i] == AP_VERB || infinitive_as_noun(&t, ps, i) ||
            (s->peer == EV_PEER_TABARI && tabari_nominal(s, i)))
            verb_events(&t, ps, i, &k); /* TABARI's verbs may be nouns, their patterns naming the words before */
        else if (s->pos[i] == AP_ADJ)
            obligation(&t, ps, i, &k); /* "... said the US must be ready to mediate" */
    for (uint32_t i = 0; i < s->n; i++)
        if (s->pos[i] == AP_NOUN || s->pos[i] == AP_PROPN)
            noun_events(&t, ps, i, &k);
    k.n = coded_compounds(&t, out, prune(&t, out, k.n < cap ? k.n : cap), cap);
done:
    free(t.first);
    free(t.next);
    free(t.actor_at);
    free(t.consumed);
    free(t.absorbed);
    return k.n;
}

uint32_t event_misread_verb(const pattern_set *ps, const ev_sentence *s)
{
    static const char *const dets[] = {"the", "a", "an", "this", "that", "its", "their", NULL};
    for (uint32_t x = 1; x < s->n && ps->sorted; x++) {
        if (s->pos[x] == AP_VERB)
            return UINT32_MAX; /* the sentence has its verb before any such noun */
        const word *w = &s->w[x], *m = &s->w[x - 1];
        uint32_t first;
        if (s->pos[x] != AP_NOUN || !(w->form[0] >= 'a' && w->form[0] <= 'z') || m->head != (int32_t)x ||
            strcmp(s->rel[x - 1], "compound") != 0 || !pattern_find(ps, 0, lemma_hash(w), &first))
            continue;
        int32_t a = -1;
        for (uint32_t k = 0; k < s->nactors && a < 0; k++)
            if (s->actors[k].start <= x - 1 && x - 1 < s->actors[k].end && s->actors[k].end == x)
                a = (int32_t)k;
        if (a < 0 || (s->actors[a].start > 0 && form_in_list(&s->w[s->actors[a].start - 1], dets)))
            continue; /* "the Estonia talks": a noun phrase after all */
        if (strcmp(s->rel[x], "nsubj") == 0 || strcmp(s->rel[x], "root") == 0 || strcmp(s->rel[x], "nsubj:pass") == 0)
            return x;
    }
    return UINT32_MAX;
}

int event_verb_has_actor_subject(const ev_sentence *s, uint32_t v)
{
    for (uint32_t i = 0; i < s->n; i++)
        if (s->w[i].head == (int32_t)v && strcmp(s->rel[i], "nsubj") == 0)
            for (uint32_t k = 0; k < s->nactors; k++)
                if (s->actors[k].start <= i && i < s->actors[k].end)
                    return 1;
    return 0;
}
