/*
 * verbimport.c - PETRARCH verb dictionaries to khaldun patterns.
 */
#include "code/patlimits.h"
#include "code/verbimport.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/mem.h"
#include "syntax/lemma.h"

enum { CODE_MAX = 12, MAX_LOWER = 6, MAX_LINEAR = 8, MAX_VERBS = 64, MAX_WORD = 48, MAX_HEADS = 160, MAX_SETS = 256, MAX_SET_WORDS = 64 };

typedef struct synset {
    char name[MAX_WORD];
    char words[MAX_SET_WORDS][MAX_WORD];  /* each member's last word, lower case */
    char full[MAX_SET_WORDS][MAX_WORD];   /* each member as written ("GOLDEN_GOBLIN_GALLEONS") */
    int n;
} synset;

typedef struct verb {
    char head[MAX_HEADS], prt[MAX_WORD]; /* head: lemmas separated by "|" */
    char form[MAX_WORD];                 /* the form the peer wrote when it is not its lemma ("left"), or "" */
} verb;

typedef struct state {
    const char *name;
    unsigned line;
    buf *out;
    char code[CODE_MAX];       /* the block's code, "" when unusable */
    verb verbs[MAX_VERBS];
    int nverbs;
    synset *sets;
    int nsets;
    synset *current;    /* the set "+WORD" lines add to */
    int in_comment;
    int tabari;         /* TABARI's layout: ";" comments, a code per verb line */
    int skipping;       /* inside a TABARI <TIME> section */
    char tail[256];     /* TABARI: the words after the verb on its line ("_OUT"), part of its patterns */
    int rank;           /* TABARI: the length of the pattern being written (its letters and digits), or 0 */
    int spelt;          /* synonym sets spelt out in the pattern being written: each makes it rank one lower */
    long written;
} state;

static const char *const prep_words[] = {"in",   "on",      "at",    "with", "to",   "against", "from", "for",
                                    "by",   "of",      "into",  "over", "upon", "toward",  "towards",
                                    "near", "between", "among", "onto", "about", NULL};

static int is_prep(const char *w)
{
    for (int k = 0; prep_words[k]; k++)
        if (strcmp(prep_words[k], w) == 0)
            return 1;
    return 0;
}

/* Lower-cases a word in place; keeps letters, digits, "'" and "-". */
static void lower_word(char *w)
{
    size_t n = 0;
    for (size_t k = 0; w[k]; k++) {
        unsigned char c = (unsigned char)w[k];
        if (isalnum(c) || c == '\'' || c == '-')
            w[n++] = (char)tolower(c);
    }
    w[n] = 0;
}

/* Digits of a code from p (spaces skipped) up to ']' or ':' into out
 * (cap 6); returns where it stopped, or NULL when it is not 2-4 digits,
 * or 2-3 digits and a capital letter (TABARI's variants, "075A"); with
 * tabari, TABARI's subordinate or dominant mark after the digits ("023?",
 * "031!") is kept. */
static const char *code_digits(const char *p, char *out, int tabari)
{
    size_t n = 0;
    int letter = 0;
    for (; *p && *p != ']' && *p != ':'; p++) {
        if (*p == ' ')
            continue;
        if (tabari && n >= 2 && !letter && (*p == '?' || *p == '!') && (p[1] == ']' || p[1] == ':')) {
            out[n++] = *p;
            continue;
        }
        if (n == 4 || letter || !(isdigit((unsigned char)*p) || (n >= 2 && isupper((unsigned char)*p))))
            return NULL;
        letter = isupper((unsigned char)*p);
        out[n++] = *p;
    }
    out[n] = 0;
    return n >= 2 ? p : NULL;
}

/* TABARI's codes that are no event: "[---]" (null), "[###]" (discard),
 * "[+++]" (complex), blanks allowed inside; copies it to code and returns
 * 1, else 0. */
static int peer_special(const char *b, char *code)
{
    char t[8];
    size_t n = 0;
    for (const char *p = b; *p && *p != ']' && n + 1 < sizeof t; p++)
        if (*p != ' ' && *p != '\t')
            t[n++] = *p;
    t[n] = 0;
    if (strcmp(t, "---") != 0 && strcmp(t, "###") != 0 && strcmp(t, "+++") != 0)
        return 0;
    snprintf(code, CODE_MAX, "%s", t);
    return 1;
}

/* The code inside "[...]": 2-4 digits, or a pair "031:033" (the second
 * the code of the reverse event); with tabari also "023?", "031!" and the
 * codes of no event (peer_special); "" else. */
static void bracket_code(const char *s, char *code, int tabari)
{
    code[0] = 0;
    const char *b = strchr(s, '[');
    char first[6], second[6];
    if (b && tabari && peer_special(b + 1, code))
        return;
    const char *p = b ? code_digits(b + 1, first, tabari) : NULL;
    if (!p)
        return;
    if (*p == ':' && code_digits(p + 1, second, tabari))
        snprintf(code, CODE_MAX, "%s:%s", first, second);
    else if (*p == ':' || *p == ']')
        snprintf(code, CODE_MAX, "%s", first);
}

/* Copies the line without comments ("#" and "<!-- ... -->"). */
static void uncomment(state *st, const char *s, size_t n, char *out, size_t cap)
{
    size_t len = 0;
    for (size_t i = 0; i < n && len + 1 < cap; i++) {
        if (st->in_comment) {
            if (i + 2 < n && memcmp(s + i, "-->", 3) == 0)
                st->in_comment = 0, i += 2;
            continue;
        }
        if (i + 3 < n && memcmp(s + i, "<!--", 4) == 0) {
            st->in_comment = 1;
            i += 3;
            continue;
        }
        if (st->tabari ? s[i] == ';' || (s[i] == '#' && len == 0) : s[i] == '#')
            break;
        out[len++] = s[i];
    }
    out[len] = 0;
}

static synset *find_set(state *st, const char *name)
{
    for (int k = 0; k < st->nsets; k++)
        if (strcmp(st->sets[k].name, name) == 0)
            return &st->sets[k];
    return NULL;
}

/* A word's lemma alternatives: itself and, for a plural, its singular;
 * for "didn't", the "n't" and "not" the tokenizer and lemmatiser make of
 * it. */
static void put_lemmas(buf *b, const char *w)
{
    size_t n = strlen(w);
    buf_puts(b, w);
    if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's')
        buf_printf(b, "|%.*s", (int)(n - 1), w);
    if (n > 3 && strcmp(w + n - 3, "n't") == 0)
        buf_puts(b, "|n't|not");
}

/* The lemma list of a token: a word, or a synonym set's head words. */
static int put_token_lemmas(state *st, buf *b, const char *tok)
{
    if (tok[0] != '&') {
        char w[MAX_WORD];
        snprintf(w, sizeof w, "%s", tok);
        lower_word(w);
        if (!w[0])
            return -1;
        put_lemmas(b, w);
        return 0;
    }
    char name[MAX_WORD];
    snprintf(name, sizeof name, "%s", tok + 1);
    lower_word(name);
    synset *set = find_set(st, name);
    if (!set || !set->n)
        return -1;
    for (int k = 0; k < set->n; k++) {
        if (k)
            buf_putc(b, '|');
        put_lemmas(b, set->words[k]);
    }
    return 0;
}

/* The blank-separated words of s. */
static int count_words(const char *s)
{
    int n = 0;
    for (const char *p = s; *p; p++)
        n += *p != ' ' && (p == s || p[-1] == ' ');
    return n;
}

static void emit_for_verbs(state *st, const char *slots, const char *code, unsigned line)
{
    for (int k = 0; k < st->nverbs; k++) {
        int words = count_words(slots) + !!st->verbs[k].form[0] + !!st->verbs[k].prt[0] + !!st->rank;
        if (words > PATTERN_MAX_SLOTS)
            continue; /* longer than any pattern khaldun reads: left out */
        buf_printf(st->out, "%s", st->verbs[k].head);
        if (st->verbs[k].form[0]) /* "LEFT": "left", not "leave" */
            buf_printf(st->out, " form=%s", st->verbs[k].form);
        if (st->verbs[k].prt[0]) /* read in order, as the peers do: "cordoned off" or "cordoned, off the roads" */
            buf_printf(st->out, " post=%s", st->verbs[k].prt);
        buf_printf(st->out, "%s%s", slots[0] ? " " : "", slots);
        if (st->rank)
            buf_printf(st->out, " rank=%d", st->rank);
        buf_printf(st->out, " => %s   # %s:%u\n", code, st->name, line);
        st->written++;
    }
}

/* The prepositions a token stands for: itself, or a synonym set of
 * prepositions ("&PREPOSIT1"); how many were written into out. */
static int token_preps(state *st, const char *tok, char out[][MAX_WORD], int cap)
{
    char w[MAX_WORD];
    snprintf(w, sizeof w, "%s", tok[0] == '&' ? tok + 1 : tok);
    lower_word(w);
    if (tok[0] != '&')
        return is_prep(w) ? (snprintf(out[0], MAX_WORD, "%s", w), 1) : 0;
    synset *set = find_set(st, w);
    int n = 0;
    for (int k = 0; set && k < set->n; k++)
        if (!is_prep(set->words[k]))
            return 0;
    for (int k = 0; set && k < set->n && n < cap; k++)
        snprintf(out[n++], MAX_WORD, "%s", set->words[k]);
    return n;
}

/* The words of a pattern after the verb as slots.  Both peers match them
 * in order after the verb, gaps allowed: each becomes a word among those
 * after the verb (post=); a preposition right before "+" names the phrase
 * of the target, but not after TABARI's "^" (later), after which the
 * words are read in order ("AT ^ WITH +": post=at later post=with
 * later:T). */
static void linear_slots(state *st, char **tok, int nt, buf *slots, const char *code)
{
    char preps[MAX_SET_WORDS][MAX_WORD];
    int n = 0, skip = 0; /* after TABARI's skip, the words are read in order: "AT ^ WITH +" */
    for (int i = 0; i < nt; i++) {
        if (strcmp(tok[i], "+") == 0 && i > 0 && strchr(slots->p ? slots->p : "", ':') &&
            slots->len >= 2 && slots->p[slots->len - 2] == ':' && slots->p[slots->len - 1] == 'T')
            continue; /* "WITH +": the target is with's phrase, written as "with:T" */
        if (strcmp(tok[i], "%") == 0 && st->tabari) { /* "HAS * WITH %": the compound after, source and target */
            if (n++ < MAX_LINEAR)
                buf_printf(slots, "%scompound", slots->len ? " " : "");
            continue;
        }
        if (strcmp(tok[i], "^") == 0) { /* TABARI's skip: an actor passed over */
            if (n++ < MAX_LINEAR)
                buf_printf(slots, "%slater", slots->len ? " " : "");
            skip = st->tabari;
            continue;
        }
        if (strcmp(tok[i], "+") == 0 || strcmp(tok[i], "$") == 0) { /* an actor after the words before it */
            if (n++ < MAX_LINEAR)
                buf_printf(slots, "%slater:%c", slots->len ? " " : "", tok[i][0] == '+' ? 'T' : 'S');
            continue;
        }
        if (i + 1 < nt && strcmp(tok[i + 1], "+") == 0 && !strchr(tok[i], '_') && !skip &&
            token_preps(st, tok[i], preps, 1) == 1) {
            if (n++ < MAX_LINEAR)
                buf_printf(slots, "%s%s:T", slots->len ? " " : "", preps[0]);
            continue;
        }
        /* "A_B_C": A among the words after the verb, B right after A, C right after B;
         * "_A" right after the verb */
        int first = tok[i][0] != '_';
        size_t tl = strlen(tok[i]);
        int open = st->tabari && tl && tok[i][tl - 1] != '_'; /* TABARI: a last word without "_" is a stem */
        for (char *save = NULL, *part = strtok_r(tok[i], "_", &save); part; part = strtok_r(NULL, "_", &save)) {
            if (n++ >= MAX_LINEAR)
                break;
            if (!first && (strcmp(part, "$") == 0 || strcmp(part, "+") == 0)) { /* "PESO_$": the actor after */
                buf_printf(slots, " later:%c", part[0] == '+' ? 'T' : 'S');
                continue;
            }
            buf_printf(slots, "%s%s=", slots->len ? " " : "", first ? "post" : "next");
            int last = part + strlen(part) == tok[i] + tl;
            if (st->tabari && isalpha((unsigned char)part[0])) { /* "REVOLUTION": "revolutionary"; "RESOLUTION_" only */
                char w[MAX_WORD];
                snprintf(w, sizeof w, "%s", part);
                lower_word(w);
                int stem = (open && last) || part[strlen(part) - 1] == '~'; /* "NEAT~_PLACE": "neatest place" */
                buf_printf(slots, "%s%s", w, stem ? "*" : "=");
            } else if (put_token_lemmas(st, slots, part) != 0) {
                return;
            }
            first = 0;
        }
    }
    if (!slots->failed)
        emit_for_verbs(st, slots->p ? slots->p : "", code, st->line);
}

/* An element of a peer's lower phrase (the words before the verb): a
 * word, or "+", "$", "%", "^" (kind), with how it meets the next element
 * toward the verb. */
typedef struct lower_elem {
    const char *at;
    size_t len;
    char kind;    /* 'w' a word, else the symbol */
    int exact;    /* "IN_": that word only; else a stem */
    int adjacent; /* "_" or "~_" before the next element: no word between */
} lower_elem;

/* The elements of a lower phrase s[0..star) (TABARI's manual's
 * connectors: "_" joins, "~_" joins a stem, "_ " ends a word that may be
 * followed by others); returns how many (at most cap). */
static int lower_elements(const char *s, const char *star, lower_elem *e, int cap)
{
    int n = 0;
    for (const char *p = s; p < star && n < cap;) {
        if (strchr(" \t_~", *p)) {
            p++;
            continue;
        }
        lower_elem *x = &e[n++];
        x->at = p;
        while (p < star && !strchr(" \t_~", *p))
            p++;
        x->len = (size_t)(p - x->at);
        x->kind = x->len == 1 && strchr("+$%^", x->at[0]) ? x->at[0] : 'w';
        int tilde = p < star && *p == '~';
        const char *q = p + tilde;
        int under = q < star && *q == '_';
        x->exact = under && !tilde;
        x->adjacent = under && (q + 1 >= star || (q[1] != ' ' && q[1] != '\t'));
    }
    return n;
}

/* One word of the lower phrase as a slot's list: TABARI's a stem
 * ("noted*") or that word only ("noted="; "ANTI-" is "anti" as the
 * tokenizer splits it); a PETRARCH word's lemmas; a synonym set's words. */
static int lower_word_slot(state *st, const lower_elem *x, buf *slots)
{
    char w[MAX_WORD];
    snprintf(w, sizeof w, "%.*s", (int)(x->len < MAX_WORD - 1 ? x->len : MAX_WORD - 1), x->at);
    if (!st->tabari || !isalpha((unsigned char)w[0]) || strchr(w, '\''))
        return put_token_lemmas(st, slots, w);
    size_t n = strlen(w);
    int hyphen = n > 1 && w[n - 1] == '-';
    lower_word(w);
    if (hyphen)
        w[strlen(w) - 1] = 0;
    buf_printf(slots, "%s%s", w, x->exact || hyphen ? "=" : "*");
    return 0;
}

/* "- ANTI- + *": the "+" at i has words before it and none between it
 * and the verb, so the target stands between those words and the verb. */
static int plus_before_verb(const lower_elem *e, int n, int i)
{
    int word_before = 0;
    for (int j = 0; j < i; j++)
        word_before |= e[j].kind == 'w';
    for (int j = i + 1; j < n; j++)
        if (e[j].kind == 'w')
            return 0;
    return word_before;
}

/* The words before the verb ("- NOTED_WOULD NOW *") as slots,
 * nearest the verb first, at most MAX_LOWER: a word joined to a word or
 * the verb after it is the word right before that one (prior=), another
 * a word among those before the head (pre=); "%" makes the subject a
 * compound, "+" the target.  Returns -1 when a synonym set is unknown. */
static int lower_slots(state *st, const char *s, const char *star, buf *slots)
{
    lower_elem e[16];
    int n = lower_elements(s, star, e, 16), words = 0, target_last = 0;
    for (int i = 0; i < n; i++) {
        if (e[i].kind == '+' && plus_before_verb(e, n, i))
            target_last = 1;
        else if (e[i].kind == '%' || e[i].kind == '+')
            buf_printf(slots, "%s%s", slots->len ? " " : "", e[i].kind == '%' ? "compound" : "subj:T");
    }
    if (target_last) /* "- ANTI- + *": the target the first actor back from the verb */
        buf_printf(slots, "%searlier:T", slots->len ? " " : "");
    for (int i = n - 1; i >= 0 && words < MAX_LOWER; i--) {
        if (e[i].kind == '$') /* "- SAID $ *": the source the first actor back from there */
            buf_printf(slots, "%searlier:S", slots->len ? " " : ""), words++;
        if (e[i].kind == '^' && st->tabari) /* "- $ ^ FOR *": an actor passed over */
            buf_printf(slots, "%searlier", slots->len ? " " : ""), words++;
        if (e[i].kind != 'w')
            continue;
        int prior = e[i].adjacent && (i == n - 1 || e[i + 1].kind == 'w');
        buf_printf(slots, "%s%s=", slots->len ? " " : "", prior ? "prior" : "pre");
        if (lower_word_slot(st, &e[i], slots) != 0)
            return -1;
        words++;
    }
    return 0;
}

/* The words after the verb's "*" as slots after those in slots; writes
 * the patterns. */
static void linear_after(state *st, char *star, buf *slots, const char *code)
{
    char *tok[16];
    int nt = 0;
    for (char *p = strtok(star + 1, " \t"); p && nt < 16; p = strtok(NULL, " \t"))
        if (strcmp(p, "%") != 0 || st->tabari) /* TABARI's "%" is a slot */
            tok[nt++] = p;
    linear_slots(st, tok, nt, slots, code);
}

/* "- LEFT * RIGHT [CODE]": the part after "*" as slots, when it can be:
 * a particle, then a preposition (its noun, or "+" for the target), or an
 * object phrase (its last word) possibly followed by "PREP +". */
static void one_pattern(state *st, char *s)
{
    char code[CODE_MAX];
    bracket_code(s, code, st->tabari);
    char *br = strchr(s, '[');
    if (br)
        *br = 0;
    if (!code[0] || !st->nverbs)
        return;
    char *star = strchr(s, '*');
    if (!star)
        return;
    buf slots = BUF_INIT;
    if (lower_slots(st, s + 1, star, &slots) == 0)
        linear_after(st, star, &slots, code);
    buf_free(&slots);
}

/* TABARI's length of a pattern line (the manual, 5.7.1: longer patterns
 * are tried first, and of those with alternatives the longest match):
 * its letters, digits, "_" and "'" up to its code, less one for each
 * synonym set spelt out in it (spelt: "- * DOLLAR" before "- * &CURRENCY",
 * whose member is DOLLAR too). */
static int tabari_length(const char *s, int spelt)
{
    int len = 0;
    for (const char *p = s + 1; *p && *p != '['; p++)
        len += isalnum((unsigned char)*p) || *p == '_' || *p == '\'';
    len -= spelt;
    return len < 0 ? 0 : len < 255 ? len : 255;
}

/* A small synonym set named after the verb ("* &CURRENCY", "* NEW_&TIES_")
 * or, for TABARI, before it, whose members are spelt out as alternatives,
 * so that their words keep their order; its "&NAME" and the set, or NULL. */
static const synset *set_to_spell(state *st, const char *s, const char **at, size_t *len)
{
    enum { SPELL_MAX = 16 };
    const char *star = strchr(s, '*');
    for (const char *p = star ? strchr(s, '&') : NULL; p; p = strchr(p + 1, '&')) {
        size_t n = 1;
        while (isalnum((unsigned char)p[n]) || p[n] == '-')
            n++;
        if (p < star && !st->tabari && p[-1] != '_' && p[n] != '_')
            continue; /* PETRARCH: before the verb, only a set joined to a word ("MOST_CERTAINLY_&NEG_EVER *") */
        char name[MAX_WORD];
        snprintf(name, sizeof name, "%.*s", (int)(n - 1 < MAX_WORD - 1 ? n - 1 : MAX_WORD - 1), p + 1);
        lower_word(name);
        const synset *set = find_set(st, name);
        if (set && set->n && set->n <= SPELL_MAX) {
            *at = p;
            *len = n;
            return set;
        }
    }
    return NULL;
}

/* Removes the spaces around s[0..n) (an alternative between "{ | }"). */
static const char *trimmed(const char *s, size_t *n)
{
    while (*n && (*s == ' ' || *s == '\t'))
        s++, (*n)--;
    while (*n && (s[*n - 1] == ' ' || s[*n - 1] == '\t'))
        (*n)--;
    return s;
}

/* A pattern line with its "{ A | B }" alternatives and small synonym sets
 * spelt out, each a pattern of its own (at most 64). */
static void expand_alternatives(state *st, const char *s, int *budget, int depth)
{
    const char *open = strchr(s, '{'), *close = open ? strchr(open, '}') : NULL, *amp = NULL;
    size_t alen = 0;
    const synset *set = !open && depth < 4 ? set_to_spell(st, s, &amp, &alen) : NULL;
    char line[1024];
    if (set) {
        const char *star = strchr(s, '*');
        /* TABARI looks further back for a set's member before the verb, whatever joins it to the next word */
        int gap = st->tabari && star && amp < star && amp[alen] == '_';
        st->spelt++; /* each member ranks one below the same words written out */
        for (int k = 0; k < set->n && *budget > 0; k++) {
            int at = snprintf(line, sizeof line, "%.*s", (int)(amp - s), s);
            snprintf(line + at, sizeof line - (size_t)at, "%s%s%s", set->full[k], gap ? " " : "", amp + alen + gap);
            for (char *p = line + at; !st->tabari && amp < star && *p && p < line + at + strlen(set->full[k]); p++)
                *p = *p == ' ' ? '_' : *p; /* PETRARCH: a member's words one after the other ("REALLY DID NOT") */
            expand_alternatives(st, line, budget, depth + 1);
        }
        st->spelt--;
        return;
    }
    if (!open || !close) {
        snprintf(line, sizeof line, "%s", s);
        if (st->tabari) /* an alternative counts as long as it is, a set's member as its words less one */
            st->rank = tabari_length(line, st->spelt);
        if (--*budget >= 0)
            one_pattern(st, line);
        return;
    }
    for (const char *a = open + 1; a < close && *budget > 0;) {
        const char *bar = memchr(a, '|', (size_t)(close - a));
        const char *end = bar ? bar : close;
        size_t n = (size_t)(end - a);
        const char *alt = trimmed(a, &n);
        snprintf(line, sizeof line, "%.*s%.*s%s", (int)(open - s), s, (int)n, alt, close + 1);
        expand_alternatives(st, line, budget, depth);
        a = end + 1;
    }
}

static void pattern_line(state *st, char *s)
{
    int budget = 64;
    st->rank = 0;
    char *star = strchr(s, '*');
    if (st->tail[0] && star) { /* TABARI: "CARRIED_OUT" then "- * RAID": "carried out ... raid" */
        char line[1024];
        snprintf(line, sizeof line, "%.*s* %s %s", (int)(star - s), s, st->tail, star + 1);
        expand_alternatives(st, line, &budget, 0);
        return;
    }
    expand_alternatives(st, s, &budget, 0);
}

static void add_head(char *heads, size_t cap, const char *w);
static void form_heads(const char *word, char *heads, size_t cap, char *form);

/* Adds the forms in "{ BROKE_ BROKEN_DOWN_ }" to a verb's heads (their
 * first words: the lemmatiser knows regular forms, not "actxd"; with
 * stems, TABARI's, a form without "_" is a stem as well, "actuality*");
 * returns the number added. */
static int add_forms(verb *v, const char *s, int stems)
{
    int added = 0;
    char copy[1024];
    snprintf(copy, sizeof copy, "%s", s);
    for (char *save = NULL, *f = strtok_r(copy, " \t{}|", &save); f; f = strtok_r(NULL, " \t{}|", &save)) {
        char *us = strchr(f, '_');
        if (us && us != f)
            *us = 0;
        char w[MAX_WORD];
        snprintf(w, sizeof w, "%s", f);
        lower_word(w);
        size_t before = strlen(v->head);
        if (w[0])
            add_head(v->head, sizeof v->head, w);
        if (w[0] && stems && !us && strlen(w) + 2 < sizeof w)
            add_head(v->head, sizeof v->head, strcat(w, "*"));
        added += strlen(v->head) != before;
    }
    return added;
}

/* A verb line of a block: "BREAK { BROKE BROKEN }", "BREAK_DOWN". */
static void verb_line(state *st, char *s)
{
    char *brace = strchr(s, '{'), forms[1024] = "";
    if (brace) {
        snprintf(forms, sizeof forms, "%s", brace);
        *brace = 0;
    }
    char *w = strtok(s, " \t");
    if (!w || st->nverbs == MAX_VERBS)
        return;
    verb *v = &st->verbs[st->nverbs];
    memset(v, 0, sizeof *v);
    char *us = strchr(w, '_');
    if (us) {
        *us = 0;
        char *rest = us + 1;
        char *more = strchr(rest, '_');
        if (more)
            *more = 0;
        size_t m = 0;
        for (const char *c = rest; *c && m + 1 < sizeof v->prt; c++) /* a particle is letters */
            if (isalpha((unsigned char)*c))
                v->prt[m++] = (char)tolower((unsigned char)*c);
        v->prt[m] = 0;
    }
    form_heads(w, v->head, sizeof v->head, v->form); /* "SAID", "SANK": forms the peers match as written */
    if (!v->head[0])
        return;
    add_forms(v, forms, 0);
    st->nverbs++;
    if (st->code[0]) {
        buf_printf(st->out, "%s%s%s%s%s => %s   # %s:%u\n", v->head, v->form[0] ? " form=" : "", v->form,
                   v->prt[0] ? " post=" : "", v->prt, st->code, st->name, st->line);
        st->written++;
    }
}

/* Adds "+WORD" of a synonym set line to the current set (its last word). */
static void synset_word(state *st, const char *s)
{
    char *last = strrchr(s + 1, ' ');
    char w[MAX_WORD];
    snprintf(w, sizeof w, "%s", last ? last + 1 : s + 1);
    for (char *p = w; *p; p++)
        *p = *p == '_' ? ' ' : *p;
    for (size_t n = strlen(w); n && !isalnum((unsigned char)w[n - 1]);) /* "KRONER_", "PESO_$": its last word */
        w[--n] = 0;
    char *lw = strrchr(w, ' ');
    memmove(w, lw ? lw + 1 : w, strlen(lw ? lw + 1 : w) + 1);
    lower_word(w);
    if (w[0] && st->current->n < MAX_SET_WORDS) {
        snprintf(st->current->full[st->current->n], MAX_WORD, "%s", s + 1);
        snprintf(st->current->words[st->current->n++], MAX_WORD, "%s", w);
    }
}

static void begin_synset(state *st, const char *s)
{
    st->current = NULL;
    if (st->nsets < MAX_SETS) {
        st->current = &st->sets[st->nsets++];
        snprintf(st->current->name, sizeof st->current->name, "%s", s + 1);
        lower_word(st->current->name);
    }
}

/* One line of a PETRARCH verbs file. */
static void petrarch_line(state *st, char *s)
{
    if (s[0] == '&') { /* a synonym set begins */
        begin_synset(st, s);
    } else if (s[0] == '+' && st->current) {
        synset_word(st, s);
    } else if (s[0] == '+' && st->nverbs && isalpha((unsigned char)s[1])) { /* "+CORDON_OFF": another verb of the block */
        verb_line(st, s + 1);
    } else if (strncmp(s, "---", 3) == 0) { /* a verb block */
        st->current = NULL;
        st->nverbs = 0;
        bracket_code(s, st->code, 0);
    } else if (s[0] == '-') {
        st->current = NULL;
        pattern_line(st, s);
    } else if (isalpha((unsigned char)s[0])) {
        st->current = NULL;
        verb_line(st, s);
    }
}

/* Appends lemma alternative w to a "|" list (once). */
static void add_head(char *heads, size_t cap, const char *w)
{
    size_t n = strlen(w), len = strlen(heads);
    for (const char *p = heads; *p;) {
        const char *bar = strchr(p, '|');
        size_t m = bar ? (size_t)(bar - p) : strlen(p);
        if (m == n && memcmp(p, w, n) == 0)
            return;
        p += m + (bar ? 1 : 0);
    }
    if (n && len + n + 2 < cap)
        snprintf(heads + len, cap - len, "%s%s", len ? "|" : "", w);
}

/* The lemmas a TABARI verb word stands for.  TABARI lists forms
 * ("ATTACKED", "HELD"), so each is lemmatised; a word without a final "_"
 * is a stem that takes any ending ("CRITICI", "RESTOR"), so the usual
 * completions are added ("criticize", "restore", "ratify", "rebuild"). */
/* The lemmas of a verb form as the peers write it ("ATTACKED", "SAID",
 * "HELD"): its lemma, then the word itself; form (MAX_WORD bytes) gets
 * the word when it is not its own lemma ("left" of "leave"), else "". */
static void form_heads(const char *word, char *heads, size_t cap, char *form)
{
    char w[MAX_WORD], lemma[MAX_WORD];
    snprintf(w, sizeof w, "%s", word);
    lower_word(w);
    size_t n = strlen(w);
    heads[0] = 0;
    if (!n)
        return;
    const char *tag = n > 4 && strcmp(w + n - 3, "ing") == 0 ? "VBG"
                      : n > 3 && w[n - 1] == 's' && !strchr("su", w[n - 2]) ? "VBZ"
                                                                          : "VBD";
    lem_lemmatize(NULL, w, n, tag, "VERB", lemma, sizeof lemma);
    add_head(heads, cap, lemma);
    add_head(heads, cap, w);
    snprintf(form, MAX_WORD, "%s", strcmp(lemma, w) != 0 ? w : "");
}

static void tabari_heads(const char *word, char *heads, size_t cap, char *form)
{
    size_t wl = strlen(word);
    int exact = wl && (word[wl - 1] == '_' || word[wl - 1] == '=');
    char w[MAX_WORD];
    snprintf(w, sizeof w, "%s", word);
    lower_word(w);
    size_t n = strlen(w);
    form_heads(word, heads, cap, form);
    if (!exact)
        form[0] = 0; /* a stem: any ending */
    else if (word[wl - 1] == '=')
        snprintf(form, MAX_WORD, "%s", heads[0] ? w : ""); /* "BAN=": that word only, no regular ending */
    if (!heads[0] || exact || n + 3 >= MAX_WORD)
        return;
    char stem[MAX_WORD];
    snprintf(stem, sizeof stem, "%s*", w); /* any word beginning so, when no lemma is known ("actualityss") */
    add_head(heads, cap, stem);
    static const struct {
        char last;
        const char *more;
    } completions[] = {{0, "e"}, {'i', "ze"}, {'i', "se"}, {'f', "y"}, {'l', "d"}, {'n', "d"}};
    for (size_t k = 0; k < sizeof completions / sizeof *completions; k++)
        if (!completions[k].last || completions[k].last == w[n - 1]) {
            char full[MAX_WORD];
            snprintf(full, sizeof full, "%s%s", w, completions[k].more);
            add_head(heads, cap, full);
        }
}

/* A TABARI verb line, "ABANDON [345]", "BURN DOWN [222]", "CALLED_ON
 * [094]", "FOOTBALL [###]": a block of its own whose first word is the
 * verb; the words after it are a pattern with the line's code. */
static void tabari_verb_line(state *st, char *s)
{
    char code[CODE_MAX];
    bracket_code(s, code, 1);
    int discard = strstr(s, "[###]") != NULL;
    char *br = strchr(s, '[');
    if (br)
        *br = 0;
    st->nverbs = 0;
    st->code[0] = 0;
    st->tail[0] = 0;
    char *rest = s; /* the verb is the first word; "CARRIED_OUT": "OUT" right after it */
    while (*rest && *rest != ' ' && *rest != '\t' && !(*rest == '_' && rest[1] && rest[1] != ' '))
        rest++;
    int joined = *rest == '_';
    if (*rest)
        *rest++ = 0;
    while (*rest == ' ' || *rest == '\t')
        rest++;
    if (discard) { /* a word whose presence discards the sentence */
        char phrase[256];
        size_t n = 0;
        snprintf(phrase, sizeof phrase, "%s%s%s", s, rest[0] ? " " : "", rest);
        for (size_t k = 0; phrase[k]; k++) /* lower case, "_" as a space */
            if (isalnum((unsigned char)phrase[k]) || phrase[k] == '\'' || phrase[k] == '-' || phrase[k] == ' ' ||
                phrase[k] == '_')
                phrase[n++] = phrase[k] == '_' ? ' ' : (char)tolower((unsigned char)phrase[k]);
        phrase[n] = 0;
        while (n && phrase[n - 1] == ' ')
            phrase[--n] = 0;
        if (phrase[0])
            buf_printf(st->out, "[discards]\n%s\n[verbs]\n", phrase);
        return;
    }
    if (rest[0]) /* the words after the verb are part of every pattern of the block */
        snprintf(st->tail, sizeof st->tail, "%s%s", joined ? "_" : "", rest);
    verb *v = &st->verbs[0];
    memset(v, 0, sizeof *v);
    tabari_heads(s, v->head, sizeof v->head, v->form);
    if (!v->head[0])
        return;
    st->nverbs = 1;
    if (!code[0])
        return;
    if (!rest[0]) {
        memcpy(st->code, code, sizeof st->code); /* for the forms on the next line */
        buf_printf(st->out, "%s%s%s => %s   # %s:%u\n", v->head, v->form[0] ? " form=" : "", v->form, code, st->name,
                   st->line);
        st->written++;
        return;
    }
    char pattern[512];
    snprintf(pattern, sizeof pattern, "- * [%s]", code);
    pattern_line(st, pattern);
}

/* One line of a TABARI verbs file. */
static void tabari_line(state *st, char *s)
{
    if (s[0] == '<') { /* <SYNSETS>, <TIME> and their ends */
        st->current = NULL;
        st->skipping = strncmp(s, "<TIME>", 6) == 0;
    } else if (st->skipping) {
        return;
    } else if (s[0] == '&') {
        begin_synset(st, s);
    } else if (s[0] == '+' && st->current) {
        synset_word(st, s);
    } else if (s[0] == '-') {
        st->current = NULL;
        pattern_line(st, s);
    } else if (isalpha((unsigned char)s[0])) {
        st->current = NULL;
        tabari_verb_line(st, s);
    } else if (s[0] == '{' && st->nverbs == 1) { /* "{ BROKE_ BROKEN_ }": forms of the verb */
        verb forms;
        memset(&forms, 0, sizeof forms);
        if (add_forms(&forms, s, 1) && st->code[0]) {
            buf_printf(st->out, "%s => %s   # %s:%u\n", forms.head, st->code, st->name, st->line);
            st->written++;
        }
        add_forms(&st->verbs[0], s, 1);
    }
}

static long convert(state *st, const char *text, size_t len, buf *err)
{
    st->sets = mem_calloc(MAX_SETS, sizeof *st->sets);
    if (!st->sets) {
        buf_puts(err, "out of memory");
        return -1;
    }
    buf_puts(st->out, "[verbs]\n");
    char line[4096];
    for (size_t pos = 0; pos < len;) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        st->line++;
        uncomment(st, text + pos, end - pos, line, sizeof line);
        pos = end + 1;
        char *s = line;
        while (*s == ' ' || *s == '\t' || *s == '\r')
            s++;
        size_t n = strlen(s);
        while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
            s[--n] = 0;
        if (n)
            st->tabari ? tabari_line(st, s) : petrarch_line(st, s);
    }
    mem_free(st->sets);
    return st->out->failed ? -1 : st->written;
}

static long convert_as(int tabari, const char *name, const char *text, size_t len, buf *out, buf *err)
{
    state st;
    memset(&st, 0, sizeof st);
    st.name = name;
    st.out = out;
    st.tabari = tabari;
    return convert(&st, text, len, err);
}

long verbs_from_petrarch(const char *name, const char *text, size_t len, buf *out, buf *err)
{
    return convert_as(0, name, text, len, out, err);
}

long verbs_from_tabari(const char *name, const char *text, size_t len, buf *out, buf *err)
{
    return convert_as(1, name, text, len, out, err);
}

/* A <TIME> line's phrase ("KAN_WA_MA_KAN [###]") with a code of no event,
 * written to out as "kan wa ma kan\t###\n"; other lines are not. */
static void time_phrase(const char *s, buf *out)
{
    char code[CODE_MAX];
    const char *b = strchr(s, '[');
    if (s[0] == '-' || !b || !peer_special(b + 1, code) || strcmp(code, "---") == 0)
        return;
    size_t n = (size_t)(b - s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    for (size_t k = 0; k < n; k++)
        buf_putc(out, s[k] == '_' ? ' ' : (char)tolower((unsigned char)s[k]));
    buf_printf(out, "\t%s\n", code);
}

long verbs_tabari_times(const char *text, size_t len, buf *out)
{
    int in_time = 0;
    long written = 0;
    for (size_t pos = 0; pos < len;) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        char line[512];
        snprintf(line, sizeof line, "%.*s", (int)(end - pos < sizeof line ? end - pos : sizeof line - 1), text + pos);
        pos = end + 1;
        char *semi = strchr(line, ';');
        if (semi)
            *semi = 0;
        if (line[0] == '<')
            in_time = strncmp(line, "<TIME>", 6) == 0;
        else if (in_time) {
            size_t before = out->len;
            time_phrase(line, out);
            written += out->len != before;
        }
    }
    return out->failed ? -1 : written;
}
