/*
 * casualty.h - how many were killed and wounded: counts read from the
 * parsed sentence of an event, and attached to its violent events.
 *
 * cas_find reads the casualty mentions of a sentence from its dependency
 * parse and lemmas.  A mention has a kind (killed or wounded), the word
 * that reports it, and a count read from the victims it names:
 *  - verbs ("killed three soldiers", "a soldier was killed", "killing a
 *    civilian", "three people died", "shot dead", "gunned down"), their
 *    object when active, their subject when passive or intransitive, the
 *    noun a participle modifies ("1,200 wounded", "the 12 people killed");
 *  - states ("left seven dead", "three dead and 30 injured");
 *  - nouns ("three deaths", "the deaths of two journalists", "the killing
 *    of a general", "N injuries", "a death toll of 12", "the death toll
 *    rose to 12"), "claimed the life of an American contractor", "claimed
 *    12 lives", "12 people lost their lives";
 *  - zero: "no casualties" (also misspelt "causalities"), "no one / nobody
 *    / none was hurt", "no injuries", "no deaths", a negated verb, and
 *    "unhurt", "unharmed", "unscathed".  Hurt, harm and casualties give
 *    0 killed and 0 wounded, the others their own kind only.
 * Counts are digits ("12", "1,200", "1.5 million"), number words ("three",
 * "twenty-five", "two hundred and fifty", "a dozen"), with a qualifier
 * ("at least N", "more than N", "up to N", "about N": the count N, the
 * qualifier kept), a range ("between 10 and 15", "two or three": no
 * count, the bounds kept), or vague ("dozens", "scores", "hundreds",
 * "several", a plural without a number: no count, a lower bound kept).
 * Lists count their members ("killed X and Y" = 2; a name with its
 * apposition is one); a singular noun, a name or "him" is one.
 * Perpetrators are not victims when the text names them beside others:
 * "12 people, including the attacker" is 11, "the bomber and four others"
 * is 4; alone ("the gunman was killed") they count.  Numbers above
 * CAS_MAX (a 500-digit number) are no count.
 *
 * cas_attach gives each mention to the event of the sentence nearest to
 * its word in the tree (ties: the earlier head; all the events of that
 * head); only violent events take counts: CAMEO roots 18, 19 and 20, or,
 * in a sentence with none of those, 14 and 17 (a protest or a crackdown
 * with deaths).  Counts given to one event are summed, and coordinated
 * verbs and participle clauses share theirs ("killed one soldier and
 * wounded two others": both events are killed 1, wounded 2; "attacked a
 * post, killing three": the attack too is killed 3).  A noun told as the reason of an
 * event ("reimposed blockades following the deaths of two Israelis",
 * "protests over the killing of ...") counts only for an event it is
 * the head of.  Victims inside an event's source actor are not its
 * casualties ("police shot dead two gunmen who attacked a bank").  A mention no
 * event of its sentence takes, and a mention given to a definite event
 * noun ("the attack killed ..."), may report an attack told in an earlier
 * sentence ("The attack claimed the life of ..."; "No one was hurt."):
 * it is returned as the sentence's rest, for the caller to give to that
 * attack, unless the mention names a cause of its own that is not
 * definite ("a car bomb killed ...") or the sentence says "separately",
 * "another", "elsewhere" or "meanwhile".
 *
 * Work per sentence is bounded: at most CAS_MENTIONS mentions, windows of
 * a few words around each, no allocation.
 *
 * Ownership: results go into caller arrays; nothing is allocated.
 */
#ifndef KH_CASUALTY_H
#define KH_CASUALTY_H

#include <stdint.h>

#include "code/event.h"
#include "core/buf.h"

#define CAS_MAX 1000000000 /* a larger number is no count of casualties */
#define CAS_MENTIONS 16    /* mentions read per sentence, at most */

enum cas_kind { CAS_KILLED = 0, CAS_WOUNDED = 1 };

/* How a count is given. */
enum cas_qual {
    CAS_EXACT = 0,  /* "three" */
    CAS_AT_LEAST,   /* "at least 3" (n 3, min 3) */
    CAS_MORE_THAN,  /* "more than 3" (n 3, min 4) */
    CAS_UP_TO,      /* "up to 3", "fewer than 4" (n 3, max 3) */
    CAS_ABOUT,      /* "about 3", "nearly 3" (n 3) */
    CAS_RANGE,      /* "between 3 and 5", "3 or 4" (no n; min, max) */
    CAS_VAGUE       /* "dozens", "several", "soldiers" (no n; min) */
};

typedef struct cas_count {
    int64_t n;        /* the count, or -1 when the text gives none */
    int64_t min, max; /* bounds the text gives, or -1 */
    uint8_t qual;     /* enum cas_qual */
    uint8_t said;     /* the text says something about this count */
} cas_count;

typedef struct cas_pair {
    cas_count c[2]; /* indexed by enum cas_kind */
} cas_pair;

typedef struct cas_mention {
    uint32_t word;  /* the word that reports it ("killed", "deaths", "claimed") */
    uint32_t victim; /* the head word of the victims, or UINT32_MAX */
    uint8_t kind;   /* enum cas_kind */
    uint8_t back;   /* may report an attack told in an earlier sentence */
    uint8_t reason; /* a noun told as the reason of another event ("following the deaths of"):
                     * it counts only for the event it is the head of ("after the killing of X") */
    cas_count c;
} cas_mention;

/* The casualty mentions of the parsed sentence s (its words, lemmas,
 * parts of speech and relations; actors unused).  Writes at most cap
 * (and at most CAS_MENTIONS) mentions to out and returns how many. */
uint32_t cas_find(const ev_sentence *s, cas_mention *out, uint32_t cap);

/* The quantity that starts at word i of s (only forms are read): a
 * qualifier and a number, a range or a vague word.  said is 0 when there
 * is none; else *end is set past its last word, and a number above
 * CAS_MAX gives said with no count and no bounds. */
cas_count cas_quantity_at(const ev_sentence *s, uint32_t i, uint32_t *end);

/* 2 for a CAMEO code of root 18, 19 or 20, 1 for 14 or 17, else 0: how
 * readily an event of that code takes casualty counts. */
int cas_level(const char *code);

/* Gives the mentions m[0..nm) of sentence s to its events ev[0..ne):
 * out[k] (ne pairs, filled here) for ev[k], and in *rest those that may
 * report an attack of an earlier sentence (see the file comment). */
void cas_attach(const ev_sentence *s, const cas_mention *m, uint32_t nm, const event *ev, uint32_t ne, cas_pair *out,
                cas_pair *rest);

/* Adds count b to a (a sum: "three soldiers and two civilians"). */
void cas_add(cas_count *a, const cas_count *b);

/* Fills the counts of into that the text has not given (for the rest of
 * a later sentence: never adds to a count already given). */
void cas_fill(cas_pair *into, const cas_pair *from);

/* Writes `"killed":N,"wounded":M` (null when not given), then, when a
 * count has a qualifier, bounds or is vague, `,"casualty_note":{"killed":
 * {"qualifier":"at least","min":12},...}`. */
void cas_write_json(buf *b, const cas_pair *p);

/* Writes " [killed 2, wounded at least 12]" for --brief, nothing when
 * the text gives neither. */
void cas_write_brief(buf *b, const cas_pair *p);

#endif
