/*
 * cmd_validate.c - `khaldun validate petrarch FILE`: runs a PETRARCH
 * unit-test records file with the dictionaries its <Environment> names
 * (read in place; verbs through code/verbimport.h), codes the <Text> of
 * every <Sentence> with khaldun's own parse, and compares the events with
 * the record's <EventCoding> elements (source, target and event codes).
 * --explain ID prints the parse, actors and events (with the pattern
 * behind each) of one record, to see why it fails.
 * A record passes when every expected event is coded and nothing else is
 * (a record expecting no event passes when none is coded).  Prints one
 * line per failing record and closes with "N passed, M failed", the
 * failures counted by the records' categories.
 *
 * `khaldun validate tabari DIR` does the same for a TABARI validation
 * project: DIR/Validate.project names the actors, agents, verbs and text
 * files; the text file's records ("950101  DEMO-01", the text, then a
 * comment holding the expected events "{ ARN / GON / 064 }", or "{---}",
 * "{+++}", "{###}" for none) are read up to the normal termination record
 * (FINAL-01); an expectation the suite has deactivated ("-{ ... }") is
 * not one, and a record left without any is no test.  Records that only
 * set TABARI options are not tests, but the options MINIMUM WORDS
 * (default 8), DEFAULT (source and target codes), CONVERT AGENTS, CODE BY
 * (CLAUSE, the default, SENTENCE or ALL) and TIME SHIFT apply to the
 * records after them; TABARI's choice among a sentence's events (the CODE
 * BY option, subordinate, dominant, null, discard and complex codes) is
 * code/peer.h's; COMMA (comma-delimited clauses removed) and FORWARD (a
 * pronoun subject takes the first actor of the record before it in the
 * same story) apply likewise, and "former" before an agent codes it ELI,
 * as TABARI does.  The categories are the suite's section titles.
 */
#include <ctype.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli/cli.h"
#include "code/event.h"
#include "code/peer.h"
#include "code/verbimport.h"
#include "lex/dict.h"

enum { MAX_EXPECT = 16, MAX_GOT = 32, TABARI_MIN_WORDS = 8 /* the manual's default */ };

typedef struct triple {
    char source[ACTOR_CODE_MAX], target[ACTOR_CODE_MAX], code[8];
    int pronoun; /* coded: the source is a pronoun left to TABARI's FORWARD (source "" until resolved) */
} triple;

/* TABARI's options a record is coded with (set by earlier option records). */
typedef struct peer_options {
    int min_words;                           /* SET: MINIMUM WORDS (8 unless set) */
    char default_source[ACTOR_CODE_MAX];     /* DEFAULT: SOURCE [X], or "" */
    int source_prior;                        /* ... PRIOR: the default whenever no actor precedes the verb */
    char default_target[ACTOR_CODE_MAX];     /* DEFAULT: TARGET [X], or "" */
    int one_actor;                           /* PETRARCH's require_dyad set false: an event may lack an actor ("---") */
    /* PETRARCH's comma_* settings: comma-delimited clauses of lengths (in
     * words) within these bounds are removed before coding; a maximum of 0
     * turns a kind off.  Initial (b), internal and terminal (e) clauses. */
    int comma_bmin, comma_bmax, comma_min, comma_max, comma_emin, comma_emax;
    int convert_agents; /* TABARI's SET: CONVERT AGENTS = TRUE: an agent of no actor is one itself, "~REB" */
    int code_by;        /* TABARI's SET: CODE BY CLAUSE (the default), SENTENCE, or CODE ALL (enum peer_code_by) */
    int time_shift;     /* TABARI's SET: TIME SHIFT = TRUE: the <TIME> phrases of the verbs file apply */
    int cplx_verbs, cplx_conj, cplx_prior; /* TABARI's COMPLEX: VERBS[N] CONJ[N] NOACTPRIOR (0: off) */
    char forward[32];   /* TABARI's FORWARD: mask ("^^*****NNN*SSS", its N the story's characters), or "" when off */
} peer_options;

typedef struct record {
    char *id, *category, *date, *text;
    char *full; /* TABARI: the text before its comma clauses are removed (TIME SHIFT reads it), or NULL */
    triple want[MAX_EXPECT], got[MAX_GOT];
    int nwant, ngot;
    int words; /* TABARI: its words as MINIMUM WORDS counts them */
    char lead[ACTOR_CODE_MAX]; /* TABARI: its first actor's own code (agents aside), what FORWARD passes on */
    peer_options opt;
} record;

typedef struct suite {
    record *r;
    size_t n, cap;
    char *dir;
    char *verbs, *actors, *agents, *discards;
    char *options; /* TABARI: the project's options file, or NULL */
    pattern_set ps;
    int patterns_ready;
    int tabari;
    const char *explain; /* a record id whose parse, actors and events are printed, or NULL */
    FILE *explain_to;
    buf converted;       /* the verbs as khaldun patterns (their lines name the peer's file and line) */
    buf times;           /* TABARI: its <TIME> phrases of no event, "kan wa ma kan\t###" lines */
} suite;

static char *node_text(xmlNode *n)
{
    xmlChar *c = xmlNodeGetContent(n);
    char *s = c ? mem_strndup((const char *)c, strlen((const char *)c)) : NULL;
    xmlFree(c);
    return s;
}

static char *attr(xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char *s = v ? mem_strndup((const char *)v, strlen((const char *)v)) : NULL;
    xmlFree(v);
    return s;
}

/* dir/name, or NULL. */
static char *in_dir(const char *dir, const char *name)
{
    if (!name)
        return NULL;
    buf b = BUF_INIT;
    char *trimmed = mem_strndup(name, strlen(name));
    if (!trimmed)
        return NULL;
    char *s = trimmed;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = 0;
    buf_printf(&b, "%s/%s", dir, s);
    mem_free(trimmed);
    return b.p;
}

static void read_environment(suite *st, xmlNode *env)
{
    for (xmlNode *c = env->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        char *v = node_text(c), **slot = NULL;
        const char *name = (const char *)c->name;
        slot = strcmp(name, "Verbfile") == 0    ? &st->verbs
               : strcmp(name, "Actorfile") == 0 ? &st->actors
               : strcmp(name, "Agentfile") == 0 ? &st->agents
               : strcmp(name, "Discardfile") == 0 ? &st->discards
                                                   : NULL;
        if (slot && !*slot)
            *slot = in_dir(st->dir, v);
        mem_free(v);
    }
}

/* A zeroed record at the end of the suite (not yet counted), or NULL. */
static record *new_record(suite *st)
{
    if (st->n == st->cap) {
        size_t cap = st->cap ? st->cap * 2 : 256;
        record *bigger = mem_realloc(st->r, cap * sizeof *bigger);
        if (!bigger)
            return NULL;
        st->r = bigger;
        st->cap = cap;
    }
    record *r = &st->r[st->n];
    memset(r, 0, sizeof *r);
    return r;
}

static void record_free(record *r)
{
    mem_free(r->id);
    mem_free(r->category);
    mem_free(r->date);
    mem_free(r->text);
    mem_free(r->full);
}

/* "Dol_Amroth": words joined by "_" in a record's text are the peers'
 * way of writing a phrase, as in their dictionaries; read as spaces. */
static void peer_underscores(char *text)
{
    for (char *p = text; *p; p++)
        if (*p == '_' && p > text && isalnum((unsigned char)p[-1]) && isalpha((unsigned char)p[1]))
            *p = ' ';
}

/* TABARI's hyphen conversion: "Al-Gore" is read as "Al Gore" (a hyphen
 * between two letters becomes a blank). */
static void tabari_hyphens(char *text)
{
    for (char *p = text; *p; p++)
        if (*p == '-' && p > text && isalpha((unsigned char)p[-1]) && isalpha((unsigned char)p[1]))
            *p = ' ';
}

/* A treebank token as written in text: "-LRB-" is "(". */
static const char *ptb_unescape(const char *t, size_t n)
{
    static const char *const map[][2] = {{"-LRB-", "("}, {"-RRB-", ")"}, {"-LSB-", "["}, {"-RSB-", "]"},
                                         {"-LCB-", "{"}, {"-RCB-", "}"}, {"``", "\""},  {"''", "\""}};
    for (size_t k = 0; k < sizeof map / sizeof map[0]; k++)
        if (strlen(map[k][0]) == n && memcmp(t, map[k][0], n) == 0)
            return map[k][1];
    return NULL;
}

/* Does a token of n bytes at t join the word before it ("n't", "'s",
 * ",", ")")? */
static int ptb_joins_left(const char *t, size_t n)
{
    static const char *const clitics[] = {"n't", "N'T", "'s", "'S", "'re", "'ll", "'d", "'ve", "'m", ",", ".",
                                          ";",   ":",   "?",  "!",  "%",   ")",   "]",  "}",   "-RRB-", "-RSB-", "-RCB-", "''"};
    for (size_t k = 0; k < sizeof clitics / sizeof clitics[0]; k++)
        if (strlen(clitics[k]) == n && memcmp(t, clitics[k], n) == 0)
            return 1;
    return 0;
}

/* The words of a record's <Parse> ("(NP (NNP Arnor))": its leaves
 * "(TAG word)") written back as text, clitics and punctuation joined to
 * the word before them ("is n't" -> "isn't"), or NULL when it has none.
 * PETRARCH codes the parse, the <Text> being for display only (its
 * inputs.rst), and a suite's parse may say other words than its text. */
static char *parse_words(const char *tree)
{
    buf b = BUF_INIT;
    int glue = 0; /* after "(": the next token joins */
    for (const char *p = tree; p && *p; p++) {
        if (*p != '(')
            continue;
        const char *tag = p + 1, *sp = tag + strcspn(tag, " ()\n\t");
        if (*sp != ' ' || sp == tag)
            continue;
        const char *w = sp + 1, *e = w + strcspn(w, " ()\n\t");
        if (*e != ')' || e == w)
            continue; /* not a leaf */
        size_t n = (size_t)(e - w);
        const char *plain = ptb_unescape(w, n);
        if (b.len && !glue && !ptb_joins_left(w, n))
            buf_putc(&b, ' ');
        if (plain)
            buf_puts(&b, plain);
        else
            buf_append(&b, w, n);
        glue = plain && (strchr("([{", plain[0]) || (n == 2 && memcmp(w, "``", 2) == 0));
        p = e;
    }
    if (b.failed || !b.len) {
        buf_free(&b);
        return NULL;
    }
    return b.p;
}

/* A comma-delimited segment of a record's text: bytes [start, end), its
 * words, whether it is removed. */
typedef struct segment {
    size_t start, end;
    int words, removed;
} segment;

static int is_list_word(const char *p, size_t n)
{
    return (n == 3 && strncasecmp(p, "and", 3) == 0) || (n == 2 && strncasecmp(p, "or", 2) == 0);
}

/* Does an "and"/"or" stand among the first k words of text[start, end)? */
static int list_word_within(const char *text, const segment *g, int k)
{
    const char *p = text + g->start, *e = text + g->end;
    for (int w = 0; w < k && p < e; w++) {
        while (p < e && *p == ' ')
            p++;
        size_t n = 0;
        while (p + n < e && p[n] != ' ')
            n++;
        if (n && is_list_word(p, n))
            return 1;
        p += n;
    }
    return 0;
}

/* PETRARCH's removal of comma-delimited clauses (petrarch.rst, the
 * comma_* settings; TABARI's manual 7.8): an initial clause (before the
 * first comma), each internal one (between two commas) and a terminal one
 * (after the last comma, up to the final punctuation) whose number of
 * words lies within the bounds of its kind is removed with its commas,
 * initial first, then terminal, then internal.  Commas inside numbers
 * ("50,000") delimit nothing, and items of a list of names ("Mordor, the
 * Shire, Fornost and Bree": a neighbour of one or two words, or an "and"
 * or "or" among the first three words of the clause or of the next) are
 * kept, as the peers keep commas inside compound actors.  Rewrites text in place. */
static void peer_commas(char *text, const peer_options *o)
{
    enum { MAX_SEG = 32 };
    segment g[MAX_SEG];
    int ng = 0;
    size_t len = strlen(text), end = len;
    while (end && (text[end - 1] == ' ' || text[end - 1] == '.' || text[end - 1] == '!' || text[end - 1] == '?' ||
                   text[end - 1] == '"'))
        end--; /* the final punctuation stays */
    size_t start = 0;
    for (size_t i = 0; i <= end && ng < MAX_SEG; i++) {
        int comma = i < end && text[i] == ',' &&
                    !(i > 0 && isdigit((unsigned char)text[i - 1]) && isdigit((unsigned char)text[i + 1]));
        if (!comma && i < end)
            continue;
        segment *s = &g[ng++];
        s->start = start, s->end = i, s->removed = 0, s->words = 0;
        for (size_t k = start, in = 0; k < i; k++) {
            int part = isalnum((unsigned char)text[k]) || (unsigned char)text[k] >= 0x80;
            if (text[k] == ' ')
                in = 0;
            else if (part && !in)
                in = 1, s->words++;
        }
        start = i + 1;
    }
    if (ng < 2 || ng == MAX_SEG)
        return;
    for (int pass = 0; pass < 3; pass++) /* initial, terminal, internal */
        for (int k = 0; k < ng; k++) {
            int kind = k == 0 ? 0 : k == ng - 1 ? 1 : 2;
            if (kind != pass)
                continue;
            int lo = kind == 0 ? o->comma_bmin : kind == 1 ? o->comma_emin : o->comma_min;
            int hi = kind == 0 ? o->comma_bmax : kind == 1 ? o->comma_emax : o->comma_max;
            if (hi <= 0 || g[k].words < lo || g[k].words > hi)
                continue;
            int listed = list_word_within(text, &g[k], 3) || (k + 1 < ng && list_word_within(text, &g[k + 1], 3)) ||
                         (k > 0 && g[k - 1].words <= 2) || (k + 1 < ng && g[k + 1].words <= 2);
            if (!listed)
                g[k].removed = 1;
        }
    buf b = BUF_INIT;
    int kept = 0, gap = 0;
    for (int k = 0; k < ng; k++) {
        if (g[k].removed) {
            gap = 1;
            continue;
        }
        if (kept)
            buf_puts(&b, gap ? " " : ",");
        buf_append(&b, text + g[k].start, g[k].end - g[k].start);
        kept = 1, gap = 0;
    }
    buf_append(&b, text + end, len - end);
    if (!b.failed && b.len <= len) {
        memcpy(text, b.p, b.len);
        text[b.len] = 0;
    }
    buf_free(&b);
}

static int add_record(suite *st, xmlNode *s, const peer_options *opt)
{
    record *r = new_record(st);
    if (!r)
        return -1;
    r->opt = *opt;
    r->id = attr(s, "id");
    r->category = attr(s, "category");
    char *d = attr(s, "date");
    if (d && strlen(d) == 8) { /* YYYYMMDD */
        buf b = BUF_INIT;
        buf_printf(&b, "%.4s-%.2s-%.2s", d, d + 4, d + 6);
        r->date = b.p;
    }
    mem_free(d);
    int parsed = 0; /* the text is the <Parse>'s words */
    for (xmlNode *c = s->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp((const char *)c->name, "Text") == 0) {
            if (!parsed) {
                mem_free(r->text);
                r->text = node_text(c);
            }
        } else if (strcmp((const char *)c->name, "Parse") == 0) {
            char *tree = node_text(c), *words = tree ? parse_words(tree) : NULL;
            mem_free(tree);
            if (words) { /* what PETRARCH codes */
                mem_free(r->text);
                r->text = words;
                parsed = 1;
            }
        } else if (strcmp((const char *)c->name, "EventCoding") == 0 && r->nwant < MAX_EXPECT) {
            char *src = attr(c, "sourcecode"), *tgt = attr(c, "targetcode"), *code = attr(c, "eventcode");
            if (src && tgt && code) {
                triple *t = &r->want[r->nwant++];
                snprintf(t->source, sizeof t->source, "%s", src);
                snprintf(t->target, sizeof t->target, "%s", tgt);
                snprintf(t->code, sizeof t->code, "%s", code);
            }
            mem_free(src);
            mem_free(tgt);
            mem_free(code);
        }
    }
    if (!r->id || !r->text) {
        record_free(r);
        return 0; /* not a codable record */
    }
    for (char *p = r->text; *p; p++) /* the records wrap their text over lines */
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    peer_underscores(r->text);
    peer_commas(r->text, &r->opt);
    st->n++;
    return 0;
}

/* A <Config option="..." value="..."> record between the sentences: of
 * the options it can set, require_dyad changes what is coded. */
static void read_config(peer_options *o, xmlNode *c)
{
    char *name = attr(c, "option"), *value = attr(c, "value");
    if (name && value && strcmp(name, "require_dyad") == 0)
        o->one_actor = (value[0] | 32) == 'f';
    static const char *const commas[] = {"comma_bmin", "comma_bmax", "comma_min", "comma_max", "comma_emin", "comma_emax"};
    int *slots[] = {&o->comma_bmin, &o->comma_bmax, &o->comma_min, &o->comma_max, &o->comma_emin, &o->comma_emax};
    for (int k = 0; name && value && k < 6; k++)
        if (strcmp(name, commas[k]) == 0)
            *slots[k] = atoi(value);
    mem_free(name);
    mem_free(value);
}

static int read_suite(suite *st, const char *path, cli_io *io)
{
    xmlDoc *xml = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!xml) {
        fprintf(io->err, "khaldun validate: %s: not a readable XML records file\n", path);
        return -1;
    }
    xmlNode *root = xmlDocGetRootElement(xml);
    peer_options opt; /* as the <Config> records so far left them */
    memset(&opt, 0, sizeof opt);
    opt.comma_min = 2, opt.comma_max = 8, opt.comma_emin = 2, opt.comma_emax = 8; /* PETRARCH's defaults (petrarch.rst) */
    for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp((const char *)c->name, "Environment") == 0)
            read_environment(st, c);
        else if (strcmp((const char *)c->name, "Sentences") == 0)
            for (xmlNode *s = c->children; s; s = s->next) {
                if (s->type == XML_ELEMENT_NODE && strcmp((const char *)s->name, "Config") == 0)
                    read_config(&opt, s);
                if (s->type == XML_ELEMENT_NODE && strcmp((const char *)s->name, "Sentence") == 0 &&
                    add_record(st, s, &opt) != 0) {
                    xmlFreeDoc(xml);
                    return -1;
                }
            }
    }
    xmlFreeDoc(xml);
    if (!st->verbs || !st->actors) {
        fprintf(io->err, "khaldun validate: %s: its <Environment> names no Verbfile or Actorfile\n", path);
        return -1;
    }
    return 0;
}

/* The verbs file as patterns (once). */
static int load_verbs(suite *st, cli_io *io)
{
    size_t len;
    buf err = BUF_INIT, text = BUF_INIT;
    buf warn = BUF_INIT;
    char *raw = dict_read_legacy(st->verbs, (size_t)64 << 20, &len, &warn, &err);
    if (warn.p)
        fprintf(io->err, "khaldun validate: %s", warn.p);
    buf_free(&warn);
    int rc = raw && pattern_init(&st->ps) == 0 ? 0 : -1;
    if (rc == 0 && (st->tabari ? verbs_from_tabari : verbs_from_petrarch)(st->verbs, raw, len, &text, &err) < 0)
        rc = -1;
    if (rc == 0 && pattern_load_text(&st->ps, st->verbs, text.p ? text.p : "", text.len, &err) < 0)
        rc = -1;
    if (rc == 0 && st->tabari && verbs_tabari_times(raw, len, &st->times) < 0)
        rc = -1;
    if (rc == 0)
        pattern_finish(&st->ps);
    if (rc != 0)
        fprintf(io->err, "khaldun validate: %s", err.p ? err.p : "cannot read the verbs\n");
    st->patterns_ready = rc == 0;
    mem_free(raw);
    buf_free(&err);
    st->converted = text;
    return rc;
}

/* The record a document came from: documents are named by the record's
 * index ("17"), as suites repeat ids. */
static record *record_of(suite *st, const char *doc_id)
{
    char *end;
    unsigned long k = strtoul(doc_id, &end, 10);
    return *doc_id && !*end && k < st->n ? &st->r[k] : NULL;
}

/* Words as TABARI counts them for MINIMUM WORDS: separated by spaces,
 * each comma one more. */
static int tabari_words(const char *text)
{
    int n = 0, in_word = 0;
    for (const char *p = text; *p; p++) {
        n += *p == ',';
        if (*p == ' ' || *p == '\t')
            in_word = 0;
        else if (!in_word)
            in_word = 1, n++;
    }
    return n;
}

/* The peers' null and "complex" actor codes: "---", "+++" (an event with
 * such an actor is not coded). */
static int null_actor(const char *code) { return strcmp(code, "---") == 0 || strcmp(code, "+++") == 0; }

/* TABARI: an agent of no actor ("---REB" as the coder writes it in peer
 * mode) is no actor, unless SET: CONVERT AGENTS makes it one, "~REB"
 * (the manual, 5.4 and 8.2.6).  Rewrites code in place. */
static void lone_agent(char *code, int convert)
{
    if (strncmp(code, "---", 3) != 0 || !code[3])
        return;
    if (!convert) {
        code[3] = 0;
        return;
    }
    memmove(code + 1, code + 3, strlen(code + 3) + 1);
    code[0] = '~';
}

/* --explain: the sentence's words (form, lemma, head, relation), actors
 * and events with the pattern (file:line) that coded each. */
static void explain(const suite *st, const ev_sentence *s, const event *ev, uint32_t ne)
{
    FILE *f = st->explain_to;
    static const char *const pos[] = {"X", "NOUN", "PROPN", "ADJ", "DET", "NUM", "PRON", "ADP", "PUNCT", "PART", "VERB"};
    for (uint32_t i = 0; i < s->n; i++)
        fprintf(f, "  %u %.*s %s %s %d %s\n", i, (int)s->w[i].len, s->w[i].form, s->w[i].lemma ? s->w[i].lemma : "_",
                s->pos[i] <= AP_VERB ? pos[s->pos[i]] : "?", s->w[i].head, s->rel[i]);
    for (uint32_t a = 0; a < s->nactors; a++)
        fprintf(f, "  actor [%u,%u) %s\n", s->actors[a].start, s->actors[a].end, s->actors[a].code);
    for (uint32_t k = 0; k < ne; k++) {
        const char *line = st->converted.p ? st->converted.p : "";
        for (uint32_t n = 1; n < st->ps.p[ev[k].pattern].line && line; n++) {
            line = strchr(line, '\n');
            line = line ? line + 1 : NULL;
        }
        fprintf(f, "  event %s>%s:%s at word %u, pattern %.*s\n", ev[k].source >= 0 ? ev[k].source_code : "---",
                ev[k].target >= 0 ? ev[k].target_code : "---", ev[k].code, ev[k].head,
                line ? (int)strcspn(line, "\n") : 0, line ? line : "");
    }
}

/* TABARI's FORWARD: is the subject of the verb v a third-person pronoun
 * ("He has also asked Gondor")?  Its nsubj, or that of the verb it is
 * coordinated with or complements. */
static int pronoun_subject(const ev_sentence *s, uint32_t v)
{
    for (int depth = 0; depth < 4 && v < s->n; depth++) {
        for (uint32_t i = 0; i < s->n; i++)
            if (s->w[i].head == (int32_t)v && strncmp(s->rel[i], "nsubj", 5) == 0)
                return peer_third_person(s, i);
        if ((strcmp(s->rel[v], "conj") != 0 && strcmp(s->rel[v], "xcomp") != 0) || s->w[v].head < 0)
            return 0;
        v = (uint32_t)s->w[v].head;
    }
    return 0;
}

/* The source and target codes of event k of ev[0..ne) as the peer writes
 * them, with the record's DEFAULT codes; 0 when the peer codes no event. */
static int peer_actors(const record *r, const ev_sentence *s, const event *ev, uint32_t ne, uint32_t k, const char **src,
                       const char **tgt)
{
    *src = ev[k].source >= 0 && !null_actor(ev[k].source_code) ? ev[k].source_code : NULL;
    *tgt = ev[k].target >= 0 && !null_actor(ev[k].target_code) ? ev[k].target_code : NULL;
    if (!*src && r->opt.forward[0] && pronoun_subject(s, ev[k].head))
        *src = ""; /* TABARI's FORWARD: the previous record's actor, or the default (forward_pronouns) */
    if (!*src && *tgt && r->opt.default_source[0] && !r->opt.source_prior) {
        /* TABARI's DEFAULT: SOURCE without PRIOR: the default only when no actor is found, the
         * source sought after the verb first; the first target of the verb is its source */
        uint32_t first = k, more = 0;
        for (uint32_t j = 0; j < ne; j++)
            if (j != k && ev[j].head == ev[k].head && strcmp(ev[j].code, ev[k].code) == 0 &&
                (ev[j].source < 0 || null_actor(ev[j].source_code)) && ev[j].target >= 0 &&
                !null_actor(ev[j].target_code)) {
                if (j < first)
                    first = j;
                more |= j > k;
            }
        if (first == k && more)
            return 0; /* "with Gondor and Bree": Gondor is the source of the events on the others */
        *src = ev[first].target_code;
        if (first == k)
            *tgt = NULL;
    }
    if (!*src && r->opt.default_source[0])
        *src = r->opt.default_source; /* TABARI's DEFAULT: SOURCE */
    if (!*tgt && r->opt.default_target[0])
        *tgt = r->opt.default_target;
    if ((!*src || !*tgt) && r->opt.one_actor)
        *src = *src ? *src : "---", *tgt = *tgt ? *tgt : "---";
    return *src && *tgt; /* the peers code no event without both actors (TABARI; PETRARCH's require_dyad default) */
}

/* Does the phrase p[0..len) (words separated by blanks; a last word
 * without a blank after it is a stem) begin at t, the start of a word,
 * its words separated by blanks in t too? */
static int phrase_at(const char *p, size_t len, const char *t)
{
    for (size_t k = 0; k < len;) {
        size_t e = k;
        while (e < len && p[e] != ' ')
            e++;
        if (strncasecmp(t, p + k, e - k) != 0)
            return 0;
        t += e - k;
        if (e == len)
            return 1; /* the last word: a stem */
        if (isalnum((unsigned char)*t) || !isspace((unsigned char)*t))
            return 0;
        t += strspn(t, " \t\r\n");
        k = e + 1;
    }
    return 1;
}

/* TABARI's SET: TIME SHIFT: does the text hold a <TIME> phrase whose code
 * discards the sentence or makes it too complex to code? */
static int time_uncoded(const suite *st, const char *text)
{
    for (const char *line = st->times.p; line && *line;) {
        const char *tab = strchr(line, '\t'), *nl = strchr(line, '\n');
        if (!tab || !nl)
            break;
        for (const char *t = text; *t; t++)
            if (isalnum((unsigned char)*t) && (t == text || !isalnum((unsigned char)t[-1])) &&
                phrase_at(line, (size_t)(tab - line), t))
                return 1;
        line = nl + 1;
    }
    return 0;
}

/* TABARI's choice among the events pe[0..n) of sentence s: the record's
 * CODE BY option, then the settling of its codes (code/peer.h); returns
 * how many are kept. */
static uint32_t tabari_choice(const record *r, const ev_sentence *s, peer_event *pe, uint32_t n, arena *scratch)
{
    uint32_t *clause = arena_alloc(scratch, (size_t)s->n * sizeof *clause);
    if (!clause)
        return 0;
    peer_clauses(s, clause);
    n = peer_code_by(pe, n, clause, r->opt.code_by);
    return peer_settle(pe, n);
}

/* The day of a record's date for dated dictionary codes. */
static int32_t record_day(const record *r)
{
    int ok = 0;
    int32_t day = r->date && strlen(r->date) >= 10 ? lex_parse_day(r->date, 10, &ok) : 0;
    return ok ? day : LEX_UNDATED;
}

/* TABARI's FORWARD: the record's first actor that is more than an agent,
 * by the code of its own dictionary entry ("Fornost President X": FOR),
 * kept in r->lead for the records after it. */
static void note_lead(record *r, const lexicon *lx, const actor *actors, uint32_t nactors)
{
    for (uint32_t a = 0; a < nactors && !r->lead[0]; a++) {
        const char *c = actors[a].sector_only ? NULL : lex_code_on(lx, actors[a].entry, record_day(r));
        if (c && !null_actor(c))
            snprintf(r->lead, sizeof r->lead, "%s", c);
    }
}

/* TABARI's FORMER: "former" before an agent's words ("Arnor former
 * security officials", "former Gondor prosecutors") codes the agent as
 * ELI after the actor's own code (ARNELI).  Returns a copy of the actors
 * in scratch (NULL when it runs out). */
static actor *former_agents(const actor *in, uint32_t na, const word *w, const lexicon *lx, int32_t day, arena *scratch)
{
    actor *a = arena_alloc(scratch, (na ? na : 1) * sizeof *a);
    if (!a)
        return NULL;
    memcpy(a, in, na * sizeof *a);
    for (uint32_t k = 0; k < na; k++) {
        int former = 0;
        for (uint32_t i = a[k].start > 0 ? a[k].start - 1 : 0; i < a[k].end && !former; i++)
            former = w[i].len == 6 && strncasecmp(w[i].form, "former", 6) == 0;
        const char *own = former && !a[k].sector_only ? lex_code_on(lx, a[k].entry, day) : NULL;
        size_t n = own ? strlen(own) : 0;
        if (own && strncmp(a[k].code, own, n) == 0 && n + 4 <= ACTOR_CODE_MAX)
            memcpy(a[k].code + n, "ELI", 4);
    }
    return a;
}

/* Codes one sentence of a record (an actors_run callback). */
static int validate_sentence(doc_loop *L, const doc *d, uint32_t index, const word *w, const uint8_t *pos, uint32_t n,
                             const actor *actors, uint32_t nactors, arena *scratch, void *ctx)
{
    suite *st = ctx;
    (void)index;
    if (!st->patterns_ready || !n || !L->kh->syn.has_parser)
        return 0;
    record *r = record_of(st, d->id ? d->id : "");
    event *ev = arena_alloc(scratch, 256 * sizeof *ev);
    peer_event *pe = arena_alloc(scratch, 256 * sizeof *pe);
    ev_sentence s;
    const lexicon *lx = &((actors_run *)L->ud)->lx;
    if (r && st->tabari && !(actors = former_agents(actors, nactors, w, lx, record_day(r), scratch)))
        return -1;
    if (!ev || !pe || event_sentence(L->kh, &st->ps, w, pos, n, actors, nactors,
                                     st->tabari ? EV_PEER_TABARI : EV_PEER_PETRARCH, scratch, &s) != 0)
        return -1;
    s.verbs = st->tabari ? arena_alloc(scratch, n) : NULL;
    if (s.verbs)
        memset(s.verbs, 0, n);
    uint32_t ne = event_find(&st->ps, &s, ev, 256);
    ne = ne < 256 ? ne : 256;
    if (r && st->explain && strcmp(st->explain, r->id) == 0)
        explain(st, &s, ev, ne);
    if (r && r->opt.forward[0])
        note_lead(r, lx, actors, nactors);
    if (!r || (st->tabari && r->words < r->opt.min_words))
        return 0; /* TABARI's MINIMUM WORDS */
    if (st->tabari && r->opt.time_shift && time_uncoded(st, r->full ? r->full : r->text))
        return 0;
    if (st->tabari && peer_complex(&s, r->opt.cplx_verbs, r->opt.cplx_conj, r->opt.cplx_prior, r->opt.forward[0] != 0))
        return 0; /* TABARI's COMPLEX: too complex to code */
    for (uint32_t k = 0; k < ne && st->tabari; k++) {
        lone_agent(ev[k].source_code, r->opt.convert_agents);
        lone_agent(ev[k].target_code, r->opt.convert_agents);
    }
    uint32_t np = 0;
    for (uint32_t k = 0; k < ne; k++) {
        const char *src, *tgt;
        if (!peer_actors(r, &s, ev, ne, k, &src, &tgt))
            continue;
        peer_event *e = &pe[np++];
        snprintf(e->source, sizeof e->source, "%s", src);
        snprintf(e->target, sizeof e->target, "%s", tgt);
        snprintf(e->code, sizeof e->code, "%s", ev[k].code);
        e->head = ev[k].head;
        e->mark = (char)st->ps.p[ev[k].pattern].mark;
    }
    if (st->tabari)
        np = tabari_choice(r, &s, pe, np, scratch);
    for (uint32_t k = 0; k < np && r->ngot < MAX_GOT; k++) {
        triple *t = &r->got[r->ngot++];
        snprintf(t->source, sizeof t->source, "%s", pe[k].source);
        snprintf(t->target, sizeof t->target, "%s", pe[k].target);
        snprintf(t->code, sizeof t->code, "%s", pe[k].code);
        t->pronoun = !pe[k].source[0]; /* left to TABARI's FORWARD (forward_pronouns) */
    }
    return 0;
}

/* The story of a record under a FORWARD mask: the characters of its id
 * under the mask's N, the mask aligned with the id's end. */
static void story_of(const record *r, char *out, size_t cap)
{
    const char *m = r->opt.forward;
    size_t ml = strlen(m), il = strlen(r->id), o = 0;
    for (size_t k = 0; k < ml && o + 1 < cap; k++)
        if (m[k] == 'N' && k + il >= ml)
            out[o++] = r->id[k + il - ml];
    out[o] = 0;
}

/* TABARI's FORWARD, once every record is coded: a pronoun source takes the
 * first actor of the record before it in the same story, else the
 * DEFAULT source; with neither the event is not coded. */
static void forward_pronouns(suite *st)
{
    const record *prev = NULL;
    for (size_t k = 0; k < st->n; k++) {
        record *r = &st->r[k];
        char story[32], before[32];
        story_of(r, story, sizeof story);
        if (prev)
            story_of(prev, before, sizeof before);
        const char *lead = prev && strcmp(story, before) == 0 ? prev->lead : "";
        if (!lead[0])
            lead = r->opt.default_source;
        int kept = 0;
        for (int j = 0; j < r->ngot; j++) {
            triple *t = &r->got[j];
            if (t->pronoun)
                snprintf(t->source, sizeof t->source, "%s", lead);
            if (t->source[0])
                r->got[kept++] = *t;
        }
        r->ngot = kept;
        prev = r->opt.forward[0] ? r : NULL;
    }
}

static int same(const triple *a, const triple *b)
{
    return strcmp(a->source, b->source) == 0 && strcmp(a->target, b->target) == 0 && strcmp(a->code, b->code) == 0;
}

/* Every expected event coded, and nothing else. */
static int passes(const record *r)
{
    for (int i = 0; i < r->nwant; i++) {
        int found = 0;
        for (int j = 0; j < r->ngot && !found; j++)
            found = same(&r->want[i], &r->got[j]);
        if (!found)
            return 0;
    }
    for (int j = 0; j < r->ngot; j++) {
        int wanted = 0;
        for (int i = 0; i < r->nwant && !wanted; i++)
            wanted = same(&r->want[i], &r->got[j]);
        if (!wanted)
            return 0;
    }
    return 1;
}

static void print_triples(FILE *f, const triple *t, int n)
{
    if (!n)
        fprintf(f, "none");
    for (int k = 0; k < n; k++)
        fprintf(f, "%s%s>%s:%s", k ? " " : "", t[k].source, t[k].target, t[k].code);
}

/* Writes the records as JSON lines into a temporary file (in $TMPDIR, or
 * /tmp) for the doc loop; the file is unlinked at once, so that nothing is
 * left behind even when the run is killed, and read through
 * /proc/self/fd.  Returns that name and the descriptor to close in *keep,
 * or NULL. */
static char *write_docs(const suite *st, int *keep)
{
    const char *dir = getenv("TMPDIR");
    buf path = BUF_INIT;
    buf_printf(&path, "%s/khaldun-validate-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = path.failed ? -1 : mkstemp(path.p);
    if (fd >= 0)
        unlink(path.p);
    buf_free(&path);
    if (fd < 0)
        return NULL;
    int wfd = dup(fd);
    FILE *f = wfd >= 0 ? fdopen(wfd, "w") : NULL;
    buf line = BUF_INIT;
    for (size_t k = 0; f && k < st->n; k++) {
        buf_clear(&line);
        buf_puts(&line, "{");
        json_key(&line, "id");
        char index[24];
        snprintf(index, sizeof index, "%zu", k);
        json_cstr(&line, index);
        buf_putc(&line, ',');
        json_key(&line, "date");
        json_cstr(&line, st->r[k].date ? st->r[k].date : "2000-01-01");
        buf_putc(&line, ',');
        json_key(&line, "text");
        json_cstr(&line, st->r[k].text);
        buf_puts(&line, "}\n");
        fwrite(line.p, 1, line.len, f);
    }
    buf_free(&line);
    if (!f || fclose(f) != 0) {
        if (!f && wfd >= 0)
            close(wfd);
        close(fd);
        return NULL;
    }
    char name[40];
    snprintf(name, sizeof name, "/proc/self/fd/%d", fd);
    *keep = fd;
    return mem_strndup(name, strlen(name));
}

static int report(const suite *st, cli_io *io)
{
    size_t passed = 0;
    typedef struct cat {
        const char *name;
        int pass, fail;
    } cat;
    cat cats[64];
    int ncats = 0;
    for (size_t k = 0; k < st->n; k++) {
        const record *r = &st->r[k];
        int ok = passes(r);
        passed += (size_t)ok;
        const char *c = r->category ? r->category : "-";
        int i = 0;
        while (i < ncats && strcmp(cats[i].name, c) != 0)
            i++;
        if (i == ncats && ncats < 64)
            cats[ncats++] = (cat){c, 0, 0};
        if (i < 64)
            ok ? cats[i].pass++ : cats[i].fail++;
        if (ok)
            continue;
        fprintf(io->out, "FAIL %s [%s]: expected ", r->id, c);
        print_triples(io->out, r->want, r->nwant);
        fprintf(io->out, "; coded ");
        print_triples(io->out, r->got, r->ngot);
        fprintf(io->out, "\n");
    }
    fprintf(io->out, "by category:");
    for (int i = 0; i < ncats; i++)
        fprintf(io->out, " %s %d/%d", cats[i].name, cats[i].pass, cats[i].pass + cats[i].fail);
    fprintf(io->out, "\n%zu passed, %zu failed\n", passed, st->n - passed);
    return 0;
}

static void suite_free(suite *st)
{
    for (size_t k = 0; k < st->n; k++)
        record_free(&st->r[k]);
    mem_free(st->r);
    mem_free(st->dir);
    mem_free(st->verbs);
    mem_free(st->actors);
    mem_free(st->agents);
    mem_free(st->discards);
    mem_free(st->options);
    if (st->patterns_ready)
        pattern_free(&st->ps);
    buf_free(&st->converted);
    buf_free(&st->times);
}

/* Codes the suite's records and reports; returns the exit status. */
static int run_suite(suite *st, const char *data_dir, cli_io *io)
{
    int rc = load_verbs(st, io) == 0 ? 0 : 1;
    int docs_fd = -1;
    char *docs = rc == 0 ? write_docs(st, &docs_fd) : NULL;
    if (rc == 0 && !docs) {
        fprintf(io->err, "khaldun validate: cannot write a temporary file\n");
        rc = 1;
    }
    if (rc == 0) {
        doc_loop L = {0};
        actors_run r;
        memset(&r, 0, sizeof r);
        r.dict.set.actors = st->actors;
        r.dict.set.agents = st->agents;
        r.dict.set.discards = st->discards;
        r.on_sentence = validate_sentence;
        r.ctx = st;
        FILE *sink = fopen("/dev/null", "w");
        cli_io quiet = {io->in, sink ? sink : io->out, io->err};
        L.io = &quiet;
        L.on_doc = actors_scan;
        L.ud = &r;
        L.data_dir = data_dir;
        L.input = "jsonl";
        char *files[] = {docs};
        (void)doc_loop_run(&L, files, 1); /* records the coder skipped count as failed */
        if (sink)
            fclose(sink);
        actors_done(&r);
        rc = r.failed ? 1 : 0;
        forward_pronouns(st);
        if (rc == 0)
            report(st, io);
    }
    if (docs) {
        close(docs_fd);
        mem_free(docs);
    }
    return rc;
}

static int read_petrarch_suite(suite *st, const char *path, cli_io *io)
{
    const char *slash = strrchr(path, '/');
    st->dir = slash ? mem_strndup(path, (size_t)(slash - path)) : mem_strndup(".", 1);
    return st->dir ? read_suite(st, path, io) : -1;
}

/* ---- TABARI ---- */

/* The whole of a text file, NUL-terminated, or NULL with a message. */
static char *slurp(const char *path, size_t *len, cli_io *io)
{
    buf err = BUF_INIT;
    char *text = dict_read_file(path, (size_t)64 << 20, len, &err);
    if (!text)
        fprintf(io->err, "khaldun validate: %s", err.p ? err.p : "cannot read a file\n");
    buf_free(&err);
    return text;
}

/* Reads "<actorsfile> NAME" and the like from DIR/Validate.project;
 * returns the text file's path, or NULL with a message. */
static char *read_project(suite *st, cli_io *io)
{
    buf path = BUF_INIT;
    buf_printf(&path, "%s/Validate.project", st->dir);
    size_t len;
    char *text = path.failed ? NULL : slurp(path.p, &len, io);
    char *textfile = NULL;
    for (char *line = text; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = 0;
        static const char *const keys[] = {"<actorsfile>", "<agentsfile>", "<verbsfile>", "<textfile>", "<optionsfile>"};
        char **slots[] = {&st->actors, &st->agents, &st->verbs, &textfile, &st->options};
        for (int k = 0; k < 5; k++)
            if (strncmp(line, keys[k], strlen(keys[k])) == 0 && !*slots[k])
                *slots[k] = in_dir(st->dir, line + strlen(keys[k]));
        line = nl ? nl + 1 : NULL;
    }
    if (text && (!st->actors || !st->verbs || !textfile))
        fprintf(io->err, "khaldun validate: %s names no actors, verbs or text file\n", path.p);
    if (!st->actors || !st->verbs) {
        mem_free(textfile);
        textfile = NULL;
    }
    mem_free(text);
    buf_free(&path);
    return textfile;
}

static void trim(char *s)
{
    size_t n = strlen(s), k = 0;
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = 0;
    while (isspace((unsigned char)s[k]))
        k++;
    memmove(s, s + k, n - k + 1);
}

/* One "{...}" of a record's comment: an event, "no event" or an option.
 * Returns 1 for an expectation, 0 for an option or anything else. */
static int read_expectation(record *r, const char *s, size_t n)
{
    char in[128];
    snprintf(in, sizeof in, "%.*s", (int)(n < sizeof in ? n : sizeof in - 1), s);
    if (strstr(in, "OPTION"))
        return 0;
    char *a = in, *b = strchr(a, '/'), *c = b ? strchr(b + 1, '/') : NULL;
    if (!b || !c) { /* "---", "+++", "###": no event */
        trim(in);
        return strcmp(in, "---") == 0 || strcmp(in, "+++") == 0 || strcmp(in, "###") == 0;
    }
    *b++ = 0;
    *c++ = 0;
    trim(a), trim(b), trim(c);
    if (r->nwant == MAX_EXPECT)
        return 1;
    triple *t = &r->want[r->nwant++];
    snprintf(t->source, sizeof t->source, "%.*s", (int)sizeof t->source - 1, a);
    snprintf(t->target, sizeof t->target, "%.*s", (int)sizeof t->target - 1, b);
    snprintf(t->code, sizeof t->code, "%.*s", (int)sizeof t->code - 1, c);
    return 1;
}

/* "950101  DEMO-01": a record's first line (YYMMDD, its id). */
static int is_record_head(const char *line)
{
    for (int k = 0; k < 6; k++)
        if (!isdigit((unsigned char)line[k]))
            return 0;
    return line[6] == ' ' || line[6] == '\t';
}

/* A suite section's title: the first "#   BASIC TESTS" after a "####"
 * rule (after_rule says a rule came and no title yet). */
static void section_line(const char *line, int *after_rule, char *title, size_t cap)
{
    if (strncmp(line, "####", 4) == 0) {
        *after_rule = 1;
        return;
    }
    const char *p = line + 1;
    while (*p == ' ' || *p == '\t')
        p++;
    if (!*after_rule || !isalpha((unsigned char)*p))
        return;
    snprintf(title, cap, "%s", p);
    trim(title);
    *after_rule = 0;
}

typedef struct tabari_reader {
    suite *st;
    record *r;       /* the record being read, or NULL */
    buf text;        /* its text */
    int in_comment, closed, expects;
    int tail; /* the lines so far since the comment closed were expectation lines too */
    char section[96];
    peer_options opt; /* as the option records so far left them */
} tabari_reader;

/* "[CODE]" after the word key in s[0..n) into out, or "" when none. */
static void option_code(const char *s, size_t n, const char *key, char *out)
{
    out[0] = 0;
    const char *k = NULL;
    for (const char *p = s; p + strlen(key) <= s + n && !k; p++)
        if (memcmp(p, key, strlen(key)) == 0)
            k = p;
    const char *open = k ? memchr(k, '[', (size_t)(s + n - k)) : NULL;
    const char *close = open ? memchr(open, ']', (size_t)(s + n - open)) : NULL;
    if (close && close - open - 1 < ACTOR_CODE_MAX)
        snprintf(out, ACTOR_CODE_MAX, "%.*s", (int)(close - open - 1), open + 1);
}

/* "KEY = VALUE" in line: the text after the "=", or NULL. */
static const char *option_value(const char *line, const char *key)
{
    const char *k = strstr(line, key);
    return k ? strchr(k, '=') : NULL;
}

/* TABARI's "COMMA: MIN = 4 MAX = 6 EMIN = 3 EMAX = 6 BMIN = 3 BMAX = 8"
 * (the bounds it names) or "COMMA: OFF" (no clause removed). */
static void comma_option(peer_options *o, const char *s)
{
    static const char *const keys[] = {"BMIN", "BMAX", "EMIN", "EMAX", "MIN", "MAX"};
    int *slots[] = {&o->comma_bmin, &o->comma_bmax, &o->comma_emin, &o->comma_emax, &o->comma_min, &o->comma_max};
    if (strstr(s, "OFF")) {
        o->comma_bmax = o->comma_emax = o->comma_max = 0;
        return;
    }
    for (const char *p = s; *p; p++)
        for (int k = 0; k < 6; k++) {
            size_t n = strlen(keys[k]);
            if (strncmp(p, keys[k], n) != 0 || (p > s && isalpha((unsigned char)p[-1])))
                continue;
            const char *eq = p + n + strspn(p + n, " ");
            if (*eq == '=')
                *slots[k] = atoi(eq + 1);
            p += n - 1;
            break;
        }
}

/* Applies a TABARI option line ("OPTION: SET: MINIMUM WORDS = 4",
 * "OPTION: DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER",
 * "OPTION: DEFAULT: OFF", "OPTION: SET: CODE ALL", "OPTION: SET: TIME
 * SHIFT = TRUE", "OPTION: COMMA: MIN = 4 MAX = 6", "OPTION: FORWARD:
 * ^^*****NNN*SSS [OFF]"); other options are not emulated. */
static void set_option(peer_options *o, const char *s, size_t n)
{
    char line[256];
    snprintf(line, sizeof line, "%.*s", (int)(n < sizeof line ? n : sizeof line - 1), s);
    const char *v;
    if ((v = option_value(line, "MINIMUM WORDS")))
        o->min_words = atoi(v + 1);
    if ((v = option_value(line, "CONVERT AGENT")))
        o->convert_agents = strstr(v, "TRUE") != NULL;
    if ((v = option_value(line, "TIME SHIFT")))
        o->time_shift = strstr(v, "TRUE") != NULL;
    const char *by = strstr(line, "SET: CODE ");
    if (by)
        o->code_by = strstr(by, "SEN") ? PEER_BY_SENTENCE : strstr(by, "ALL") ? PEER_CODE_ALL : PEER_BY_CLAUSE;
    const char *cx = strstr(line, "COMPLEX:");
    if (cx) {
        const char *vb = strstr(cx, "VERBS["), *cj = strstr(cx, "CONJ[");
        o->cplx_verbs = vb ? atoi(vb + 6) : 0;
        o->cplx_conj = cj ? atoi(cj + 5) : 0;
        o->cplx_prior = strstr(cx, "NOACTPRIOR") != NULL;
    }
    const char *comma = strstr(line, "COMMA:");
    if (comma)
        comma_option(o, comma + strlen("COMMA:"));
    const char *fw = strstr(line, "FORWARD:");
    if (fw) { /* "FORWARD: MASK", "FORWARD: MASK OFF" */
        fw += strlen("FORWARD:");
        fw += strspn(fw, " \t");
        size_t len = strcspn(fw, " \t}");
        int off = strstr(fw + len, "OFF") != NULL;
        snprintf(o->forward, sizeof o->forward, "%.*s", off ? 0 : (int)len, fw);
    }
    const char *d = strstr(line, "DEFAULT:");
    if (d && strstr(d, "OFF")) {
        o->default_source[0] = o->default_target[0] = 0;
    } else if (d) {
        option_code(d, strlen(d), "SOURCE", o->default_source);
        option_code(d, strlen(d), "TARGET", o->default_target);
        o->source_prior = strstr(d, "PRIOR") != NULL;
    }
}

/* Ends the record being read: kept when it expects something. */
static int end_record(tabari_reader *tr)
{
    record *r = tr->r;
    if (!r)
        return 0;
    tr->r = NULL;
    if (!tr->expects || !tr->text.p) {
        record_free(r);
        buf_clear(&tr->text);
        return 0;
    }
    r->text = mem_strndup(tr->text.p, tr->text.len);
    r->words = r->text ? tabari_words(r->text) : 0;
    buf_clear(&tr->text);
    if (r->text) {
        peer_underscores(r->text);
        tabari_hyphens(r->text);
        r->full = mem_strndup(r->text, strlen(r->text));
        peer_commas(r->text, &r->opt);
    }
    if (!r->text || !r->category) {
        record_free(r);
        return -1;
    }
    tr->st->n++;
    return 0;
}

static int begin_record(tabari_reader *tr, const char *line)
{
    if (end_record(tr) != 0 || !(tr->r = new_record(tr->st)))
        return -1;
    record *r = tr->r;
    int yy = (line[0] - '0') * 10 + (line[1] - '0');
    buf d = BUF_INIT;
    buf_printf(&d, "%d-%.2s-%.2s", yy < 50 ? 2000 + yy : 1900 + yy, line + 2, line + 4);
    r->date = d.p;
    const char *id = line + 6;
    while (*id == ' ' || *id == '\t')
        id++;
    size_t n = strcspn(id, " \t\r");
    r->id = mem_strndup(id, n);
    r->category = mem_strndup(tr->section, strlen(tr->section));
    r->opt = tr->opt;
    tr->in_comment = tr->closed = tr->expects = tr->tail = 0;
    return r->date && r->id && r->category ? 0 : -1;
}

/* Is the last expected event of r an earlier one with its source and
 * target swapped (another reading of a symmetric code)? */
static int swapped_again(const record *r)
{
    const triple *t = &r->want[r->nwant - 1];
    for (int k = 0; k + 1 < r->nwant; k++)
        if (strcmp(r->want[k].source, t->target) == 0 && strcmp(r->want[k].target, t->source) == 0 &&
            strcmp(r->want[k].code, t->code) == 0)
            return 1;
    return 0;
}

/* An event line ("\n{ A / B / 064 }", closing the comment again) right
 * after the comment's end: still the record's, unless it only swaps the
 * actors of an event already expected. */
static void tail_line(tabari_reader *tr, const char *line)
{
    const char *open = strncmp(line, "\\n{", 3) == 0 ? line + 2 : NULL, *close = open ? strchr(open, '}') : NULL;
    tr->tail = tr->tail && close && !strstr(line, "OPTION");
    if (!tr->tail)
        return;
    int n = tr->r->nwant;
    tr->expects |= read_expectation(tr->r, open + 1, (size_t)(close - open - 1));
    if (tr->r->nwant > n && swapped_again(tr->r))
        tr->r->nwant--;
}

/* A line inside a record: its text, or its comment with the expectations. */
static void record_line(tabari_reader *tr, const char *line)
{
    if (tr->closed) {
        tail_line(tr, line);
        return;
    }
    if (!tr->in_comment && strncmp(line, "/*", 2) == 0)
        tr->in_comment = 1;
    if (!tr->in_comment) {
        if (line[0] && line[0] != '#') {
            if (tr->text.len)
                buf_putc(&tr->text, ' ');
            buf_puts(&tr->text, line);
        }
        return;
    }
    for (const char *p = strchr(line, '{'); p; p = strchr(p + 1, '{')) {
        const char *close = strchr(p, '}');
        if (strstr(p, "OPTION:") == p + 1 + strspn(p + 1, " ")) { /* "{ OPTION: ... }", the brace at times missing */
            set_option(&tr->opt, p + 1, close ? (size_t)(close - p - 1) : strlen(p + 1));
            if (!close)
                break;
            continue;
        }
        if (!close)
            break;
        if (p > line && p[-1] == '-')
            continue; /* "-{ DAG / ARN / 031 }": an expectation the suite has deactivated */
        tr->expects |= read_expectation(tr->r, p + 1, (size_t)(close - p - 1));
    }
    if (strstr(line, "*/")) /* the comment, and so the record, ends */
        tr->in_comment = 0, tr->closed = tr->tail = 1;
}

/* Applies the lines of TABARI's options file (those not commented out
 * with "//") to o; a file that cannot be read leaves o as it is. */
static void read_options_file(const suite *st, peer_options *o, cli_io *io)
{
    size_t len;
    char *text = st->options ? slurp(st->options, &len, io) : NULL;
    for (char *line = text; line && *line;) {
        char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        if (strncmp(line, "//", 2) != 0)
            set_option(o, line, n);
        line = nl ? nl + 1 : NULL;
    }
    mem_free(text);
}

/* Reads the records of a TABARI validation text up to FINAL-01. */
static int read_tabari_text(suite *st, const char *path, cli_io *io)
{
    size_t len;
    char *text = slurp(path, &len, io);
    if (!text)
        return -1;
    tabari_reader tr = {st, NULL, BUF_INIT, 0, 0, 0, 0, "-", {0}};
    tr.opt.min_words = TABARI_MIN_WORDS;
    tr.opt.comma_min = tr.opt.comma_emin = 2, tr.opt.comma_max = tr.opt.comma_emax = 10; /* TABARI's defaults */
    tr.opt.comma_bmin = 255;
    tr.opt.time_shift = 1; /* TABARI: on when the verbs file has <TIME> phrases, until an option record says otherwise */
    read_options_file(st, &tr.opt, io);
    int rc = 0, after_rule = 0;
    for (char *line = text; line && rc == 0;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = 0;
        size_t n = strlen(line);
        while (n && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
            line[--n] = 0;
        if (is_record_head(line)) {
            if (strstr(line, "FINAL-01"))
                break; /* the normal termination record */
            rc = begin_record(&tr, line);
        } else if (line[0] == '#' && !tr.in_comment) {
            section_line(line, &after_rule, tr.section, sizeof tr.section);
        } else if (tr.r) {
            record_line(&tr, line);
        }
        line = nl ? nl + 1 : NULL;
    }
    if (rc == 0)
        rc = end_record(&tr);
    else if (tr.r)
        record_free(tr.r);
    buf_free(&tr.text);
    mem_free(text);
    if (rc == 0 && st->n == 0) {
        fprintf(io->err, "khaldun validate: %s holds no validation records\n", path);
        rc = -1;
    }
    return rc;
}

static int read_tabari_suite(suite *st, const char *dir, cli_io *io)
{
    st->dir = mem_strndup(dir, strlen(dir));
    char *textfile = st->dir ? read_project(st, io) : NULL;
    int rc = textfile ? read_tabari_text(st, textfile, io) : -1;
    mem_free(textfile);
    return rc;
}

/* Reads a PETRARCH records file or a TABARI project (path), codes it and
 * reports; returns the exit status. */
static int validate_suite(int tabari, const char *path, const char *data_dir, const char *explain_id, cli_io *io)
{
    suite st;
    memset(&st, 0, sizeof st);
    st.explain = explain_id;
    st.explain_to = io->out;
    st.tabari = tabari;
    int read = tabari ? read_tabari_suite(&st, path, io) : read_petrarch_suite(&st, path, io);
    int rc = read == 0 ? run_suite(&st, data_dir, io) : 1;
    suite_free(&st);
    return rc;
}

int cmd_validate(int argc, char **argv, cli_io *io)
{
    const char *data = NULL, *explain_id = NULL;
    opt_spec specs[] = {{"data", OPT_STRING, &data, "folder of models (default: $KHALDUN_DATA or the build's data/)"},
                        {"explain", OPT_STRING, &explain_id, "print the parse, actors and events of the record with this id"},
                        {NULL, OPT_FLAG, NULL, NULL}};
    char **pos = mem_calloc((size_t)argc + 1, sizeof *pos);
    int npos = 0;
    int rc = pos ? opts_parse(argc, argv, specs, "khaldun validate petrarch RECORDS.xml | tabari DIR", pos, &npos, io)
                 : 2;
    if (rc == 0 && (npos != 2 || (strcmp(pos[0], "petrarch") != 0 && strcmp(pos[0], "tabari") != 0))) {
        fprintf(io->err, "usage: khaldun validate petrarch RECORDS.xml | tabari DIR\n");
        rc = 2;
    } else if (rc == 0 && strcmp(pos[0], "tabari") == 0) {
        rc = validate_suite(1, pos[1], data, explain_id, io);
    } else if (rc == 0) {
        rc = validate_suite(0, pos[1], data, explain_id, io);
    } else if (rc == 1) {
        rc = 0;
    }
    mem_free(pos);
    return rc;
}
