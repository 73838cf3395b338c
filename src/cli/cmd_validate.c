/*
 * cmd_validate.c - `khaldun validate petrarch FILE`: runs a PETRARCH
 * unit-test records file with the dictionaries its <Environment> names
 * (read in place; verbs through code/verbimport.h), codes the <Text> of
 * every <Sentence> with khaldun's own parse, and compares the events with
 * the record's <EventCoding> elements (source, target and event codes).
 * A record passes when every expected event is coded and nothing else is
 * (a record expecting no event passes when none is coded).  Prints one
 * line per failing record and closes with "N passed, M failed", the
 * failures counted by the records' categories.
 *
 * `khaldun validate tabari DIR` is not available yet and says so.
 */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "code/event.h"
#include "code/verbimport.h"
#include "lex/dict.h"

enum { MAX_EXPECT = 16, MAX_GOT = 32 };

typedef struct triple {
    char source[ACTOR_CODE_MAX], target[ACTOR_CODE_MAX], code[8];
} triple;

typedef struct record {
    char *id, *category, *date, *text;
    triple want[MAX_EXPECT], got[MAX_GOT];
    int nwant, ngot;
} record;

typedef struct suite {
    record *r;
    size_t n, cap;
    char *dir;
    char *verbs, *actors, *agents, *discards;
    pattern_set ps;
    int patterns_ready;
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

static int add_record(suite *st, xmlNode *s)
{
    if (st->n == st->cap) {
        size_t cap = st->cap ? st->cap * 2 : 256;
        record *bigger = mem_realloc(st->r, cap * sizeof *bigger);
        if (!bigger)
            return -1;
        st->r = bigger;
        st->cap = cap;
    }
    record *r = &st->r[st->n];
    memset(r, 0, sizeof *r);
    r->id = attr(s, "id");
    r->category = attr(s, "category");
    char *d = attr(s, "date");
    if (d && strlen(d) == 8) { /* YYYYMMDD */
        buf b = BUF_INIT;
        buf_printf(&b, "%.4s-%.2s-%.2s", d, d + 4, d + 6);
        r->date = b.p;
    }
    mem_free(d);
    for (xmlNode *c = s->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp((const char *)c->name, "Text") == 0) {
            mem_free(r->text);
            r->text = node_text(c);
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
        mem_free(r->id);
        mem_free(r->category);
        mem_free(r->date);
        mem_free(r->text);
        return 0; /* not a codable record */
    }
    for (char *p = r->text; *p; p++) /* the records wrap their text over lines */
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    st->n++;
    return 0;
}

static int read_suite(suite *st, const char *path, cli_io *io)
{
    xmlDoc *xml = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!xml) {
        fprintf(io->err, "khaldun validate: %s: not a readable XML records file\n", path);
        return -1;
    }
    xmlNode *root = xmlDocGetRootElement(xml);
    for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp((const char *)c->name, "Environment") == 0)
            read_environment(st, c);
        else if (strcmp((const char *)c->name, "Sentences") == 0)
            for (xmlNode *s = c->children; s; s = s->next)
                if (s->type == XML_ELEMENT_NODE && strcmp((const char *)s->name, "Sentence") == 0 &&
                    add_record(st, s) != 0) {
                    xmlFreeDoc(xml);
                    return -1;
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
    char *raw = dict_read_file(st->verbs, (size_t)64 << 20, &len, &err);
    int rc = raw && pattern_init(&st->ps) == 0 ? 0 : -1;
    if (rc == 0 && verbs_from_petrarch(st->verbs, raw, len, &text, &err) < 0)
        rc = -1;
    if (rc == 0 && pattern_load_text(&st->ps, st->verbs, text.p ? text.p : "", text.len, &err) < 0)
        rc = -1;
    if (rc == 0)
        pattern_finish(&st->ps);
    if (rc != 0)
        fprintf(io->err, "khaldun validate: %s", err.p ? err.p : "cannot read the verbs\n");
    st->patterns_ready = rc == 0;
    mem_free(raw);
    buf_free(&err);
    buf_free(&text);
    return rc;
}

static record *record_of(suite *st, const char *id)
{
    for (size_t k = 0; k < st->n; k++)
        if (strcmp(st->r[k].id, id) == 0)
            return &st->r[k];
    return NULL;
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
    const char **rel = arena_alloc(scratch, (size_t)n * sizeof *rel);
    event *ev = arena_alloc(scratch, 256 * sizeof *ev);
    if (!rel || !ev)
        return -1;
    for (uint32_t i = 0; i < n; i++)
        rel[i] = w[i].head < 0 ? "root" : parser_label(&L->kh->syn.parser, w[i].deprel);
    ev_sentence s = {w, pos, rel, n, actors, nactors, 1};
    uint32_t ne = event_find(&st->ps, &s, ev, 256);
    for (uint32_t k = 0; r && k < ne && k < 256 && r->ngot < MAX_GOT; k++) {
        triple *t = &r->got[r->ngot++];
        snprintf(t->source, sizeof t->source, "%s", ev[k].source >= 0 ? ev[k].source_code : "---");
        snprintf(t->target, sizeof t->target, "%s", ev[k].target >= 0 ? ev[k].target_code : "---");
        snprintf(t->code, sizeof t->code, "%s", ev[k].code);
    }
    return 0;
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

/* Writes the records as JSON lines into a temporary file for the doc loop. */
static char *write_docs(const suite *st)
{
    char tmpl[] = "/tmp/khaldun-validate-XXXXXX";
    int fd = mkstemp(tmpl);
    if (fd < 0)
        return NULL;
    FILE *f = fdopen(fd, "w");
    buf line = BUF_INIT;
    for (size_t k = 0; f && k < st->n; k++) {
        buf_clear(&line);
        buf_puts(&line, "{");
        json_key(&line, "id");
        json_cstr(&line, st->r[k].id);
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
        unlink(tmpl);
        return NULL;
    }
    return mem_strndup(tmpl, strlen(tmpl));
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
    for (size_t k = 0; k < st->n; k++) {
        mem_free(st->r[k].id);
        mem_free(st->r[k].category);
        mem_free(st->r[k].date);
        mem_free(st->r[k].text);
    }
    mem_free(st->r);
    mem_free(st->dir);
    mem_free(st->verbs);
    mem_free(st->actors);
    mem_free(st->agents);
    mem_free(st->discards);
    if (st->patterns_ready)
        pattern_free(&st->ps);
}

static int validate_petrarch(const char *path, const char *data_dir, cli_io *io)
{
    suite st;
    memset(&st, 0, sizeof st);
    const char *slash = strrchr(path, '/');
    st.dir = slash ? mem_strndup(path, (size_t)(slash - path)) : mem_strndup(".", 1);
    int rc = st.dir && read_suite(&st, path, io) == 0 && load_verbs(&st, io) == 0 ? 0 : 1;
    char *docs = rc == 0 ? write_docs(&st) : NULL;
    if (rc == 0 && !docs) {
        fprintf(io->err, "khaldun validate: cannot write a temporary file\n");
        rc = 1;
    }
    if (rc == 0) {
        doc_loop L = {0};
        actors_run r;
        memset(&r, 0, sizeof r);
        r.dict.set.actors = st.actors;
        r.dict.set.agents = st.agents;
        r.dict.set.discards = st.discards;
        r.on_sentence = validate_sentence;
        r.ctx = &st;
        FILE *sink = fopen("/dev/null", "w");
        cli_io quiet = {io->in, sink ? sink : io->out, io->err};
        L.io = &quiet;
        L.on_doc = actors_scan;
        L.ud = &r;
        L.data_dir = data_dir;
        L.input = "jsonl";
        char *files[] = {docs};
        int loop = doc_loop_run(&L, files, 1);
        if (sink)
            fclose(sink);
        actors_done(&r);
        rc = r.failed ? 1 : 0;
        (void)loop; /* records the coder skipped count as failed below */
        if (rc == 0)
            report(&st, io);
    }
    if (docs) {
        unlink(docs);
        mem_free(docs);
    }
    suite_free(&st);
    return rc;
}

int cmd_validate(int argc, char **argv, cli_io *io)
{
    const char *data = NULL;
    opt_spec specs[] = {{"data", OPT_STRING, &data, "folder of models (default: $KHALDUN_DATA or the build's data/)"},
                        {NULL, OPT_FLAG, NULL, NULL}};
    char **pos = mem_calloc((size_t)argc + 1, sizeof *pos);
    int npos = 0;
    int rc = pos ? opts_parse(argc, argv, specs, "khaldun validate petrarch RECORDS.xml | tabari DIR", pos, &npos, io)
                 : 2;
    if (rc == 0 && (npos != 2 || (strcmp(pos[0], "petrarch") != 0 && strcmp(pos[0], "tabari") != 0))) {
        fprintf(io->err, "usage: khaldun validate petrarch RECORDS.xml | tabari DIR\n");
        rc = 2;
    } else if (rc == 0 && strcmp(pos[0], "tabari") == 0) {
        fprintf(io->err, "khaldun validate tabari: not available yet in this version\n");
        rc = 2;
    } else if (rc == 0) {
        rc = validate_petrarch(pos[1], data, io);
    } else if (rc == 1) {
        rc = 0;
    }
    mem_free(pos);
    return rc;
}
