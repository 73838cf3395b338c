/*
 * verbimport.c - PETRARCH verb dictionaries to khaldun patterns.
 */
#include "code/verbimport.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/mem.h"

enum { MAX_VERBS = 64, MAX_WORD = 48, MAX_SETS = 256, MAX_SET_WORDS = 64 };

typedef struct synset {
    char name[MAX_WORD];
    char words[MAX_SET_WORDS][MAX_WORD];
    int n;
} synset;

typedef struct verb {
    char head[MAX_WORD], prt[MAX_WORD];
} verb;

typedef struct state {
    const char *name;
    unsigned line;
    buf *out;
    char code[8];       /* the block's code, "" when unusable */
    verb verbs[MAX_VERBS];
    int nverbs;
    synset *sets;
    int nsets;
    synset *current;    /* the set "+WORD" lines add to */
    int in_comment;
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

/* The code inside "[...]": digits only, the first of a pair; "" else. */
static void bracket_code(const char *s, char *code)
{
    code[0] = 0;
    const char *b = strchr(s, '[');
    if (!b)
        return;
    size_t n = 0;
    for (const char *p = b + 1; *p && *p != ']' && *p != ':' && n < 5; p++) {
        if (*p == ' ')
            continue;
        if (!isdigit((unsigned char)*p)) {
            code[0] = 0;
            return;
        }
        code[n++] = *p;
    }
    code[n] = 0;
    if (n < 2 || n > 4)
        code[0] = 0;
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
        if (s[i] == '#')
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

/* A word's lemma alternatives: itself and, for a plural, its singular. */
static void put_lemmas(buf *b, const char *w)
{
    size_t n = strlen(w);
    buf_puts(b, w);
    if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's')
        buf_printf(b, "|%.*s", (int)(n - 1), w);
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

static void emit_for_verbs(state *st, const char *slots, const char *code, unsigned line)
{
    for (int k = 0; k < st->nverbs; k++) {
        buf_printf(st->out, "%s", st->verbs[k].head);
        if (st->verbs[k].prt[0])
            buf_printf(st->out, " prt=%s", st->verbs[k].prt);
        buf_printf(st->out, "%s%s => %s   # %s:%u\n", slots[0] ? " " : "", slots, code, st->name, line);
        st->written++;
    }
}

static int is_particle(const char *w)
{
    static const char *const prt[] = {"out", "up", "down", "off", "away", "back", "over", NULL};
    for (int k = 0; prt[k]; k++)
        if (strcmp(prt[k], w) == 0)
            return 1;
    return 0;
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

/* "- LEFT * RIGHT [CODE]": the part after "*" as slots, when it can be:
 * a particle, then a preposition (its noun, or "+" for the target), or an
 * object phrase (its last word) possibly followed by "PREP +". */
static void pattern_line(state *st, char *s)
{
    char code[8];
    bracket_code(s, code);
    char *br = strchr(s, '[');
    if (br)
        *br = 0;
    if (!code[0] || !st->nverbs)
        return;
    char *star = strchr(s, '*');
    if (!star)
        return;
    for (char *p = s + 1; p < star; p++) /* words before the verb: not expressible */
        if (isalpha((unsigned char)*p) || *p == '&')
            return;
    for (char *p = star; *p; p++)
        if (*p == '_')
            *p = ' ';
    char *tok[16];
    int nt = 0;
    for (char *p = strtok(star + 1, " \t"); p && nt < 16; p = strtok(NULL, " \t"))
        if (strcmp(p, "$") != 0 && strcmp(p, "%") != 0 && strcmp(p, "^") != 0)
            tok[nt++] = p;
    buf slots = BUF_INIT;
    int i = 0, ok = 1;
    char w[MAX_WORD];
    if (i < nt) {
        snprintf(w, sizeof w, "%s", tok[i]);
        lower_word(w);
        if (is_particle(w)) {
            buf_printf(&slots, "prt=%s", w);
            i++;
        }
    }
    char preps[MAX_SET_WORDS][MAX_WORD];
    int np = i < nt ? token_preps(st, tok[i], preps, MAX_SET_WORDS) : 0;
    if (np) { /* "* AGAINST +", "* FOR &ECONSANCT", "* &PREPOSIT1 RESOLUTION" */
        i++;
        buf rest = BUF_INIT;
        if (i < nt && strcmp(tok[i], "+") != 0) {
            int last = i;
            while (last + 1 < nt && strcmp(tok[last + 1], "+") != 0)
                last++;
            buf_putc(&rest, '=');
            ok = put_token_lemmas(st, &rest, tok[last]) == 0;
        } else if (i < nt) {
            buf_puts(&rest, ":T");
        }
        for (int k = 0; ok && k < np; k++) {
            buf one = BUF_INIT;
            buf_printf(&one, "%s%s%s%s", slots.p ? slots.p : "", slots.len ? " " : "", preps[k], rest.p ? rest.p : "");
            if (!one.failed)
                emit_for_verbs(st, one.p, code, st->line);
            buf_free(&one);
        }
        buf_free(&rest);
        buf_free(&slots);
        return;
    }
    if (i < nt && strcmp(tok[i], "+") != 0) { /* an object phrase: its last word before "+" or a preposition */
        int last = i;
        while (last + 1 < nt && strcmp(tok[last + 1], "+") != 0 && !token_preps(st, tok[last + 1], preps, 1))
            last++;
        buf_printf(&slots, "%sobj=", slots.len ? " " : "");
        ok = put_token_lemmas(st, &slots, tok[last]) == 0;
        if (ok && last + 2 < nt + 0 && token_preps(st, tok[last + 1], preps, 1) == 1 && strcmp(tok[last + 2], "+") == 0)
            buf_printf(&slots, " %s:T", preps[0]); /* "* RELATIONS WITH +" */
    }
    if (ok && !slots.failed)
        emit_for_verbs(st, slots.p ? slots.p : "", code, st->line);
    buf_free(&slots);
}

/* A verb line of a block: "BREAK { BROKE BROKEN }", "BREAK_DOWN". */
static void verb_line(state *st, char *s)
{
    char *brace = strchr(s, '{');
    if (brace)
        *brace = 0;
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
    snprintf(v->head, sizeof v->head, "%s", w);
    lower_word(v->head);
    if (!v->head[0])
        return;
    st->nverbs++;
    if (st->code[0]) {
        buf_printf(st->out, "%s%s%s => %s   # %s:%u\n", v->head, v->prt[0] ? " prt=" : "", v->prt, st->code, st->name,
                   st->line);
        st->written++;
    }
}

long verbs_from_petrarch(const char *name, const char *text, size_t len, buf *out, buf *err)
{
    state st;
    memset(&st, 0, sizeof st);
    st.name = name;
    st.out = out;
    st.sets = mem_calloc(MAX_SETS, sizeof *st.sets);
    if (!st.sets) {
        buf_puts(err, "out of memory");
        return -1;
    }
    buf_puts(out, "[verbs]\n");
    char line[4096];
    for (size_t pos = 0; pos < len;) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        st.line++;
        uncomment(&st, text + pos, end - pos, line, sizeof line);
        pos = end + 1;
        char *s = line;
        while (*s == ' ' || *s == '\t' || *s == '\r')
            s++;
        size_t n = strlen(s);
        while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
            s[--n] = 0;
        if (!n)
            continue;
        if (s[0] == '&') { /* a synonym set begins */
            st.current = NULL;
            if (st.nsets < MAX_SETS) {
                st.current = &st.sets[st.nsets++];
                snprintf(st.current->name, sizeof st.current->name, "%s", s + 1);
                lower_word(st.current->name);
            }
        } else if (s[0] == '+' && st.current) {
            char *last = strrchr(s + 1, ' ');
            char w[MAX_WORD];
            snprintf(w, sizeof w, "%s", last ? last + 1 : s + 1);
            for (char *p = w; *p; p++)
                *p = *p == '_' ? ' ' : *p;
            char *lw = strrchr(w, ' ');
            memmove(w, lw ? lw + 1 : w, strlen(lw ? lw + 1 : w) + 1);
            lower_word(w);
            if (w[0] && st.current->n < MAX_SET_WORDS)
                snprintf(st.current->words[st.current->n++], MAX_WORD, "%s", w);
        } else if (strncmp(s, "---", 3) == 0) { /* a verb block */
            st.current = NULL;
            st.nverbs = 0;
            bracket_code(s, st.code);
        } else if (s[0] == '-') {
            st.current = NULL;
            pattern_line(&st, s);
        } else if (isalpha((unsigned char)s[0])) {
            st.current = NULL;
            verb_line(&st, s);
        }
    }
    mem_free(st.sets);
    return out->failed ? -1 : st.written;
}
