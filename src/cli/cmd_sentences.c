/*
 * cmd_sentences.c - `khaldun sentences`: one JSON object per sentence with
 * its tokens, for debugging and tests; --brief prints one plain line per
 * sentence (flags in brackets), --tokens adds the tokens separated by " | ".
 */
#include <string.h>

#include "cli/cli.h"

typedef struct sent_opts {
    int brief, tokens;
} sent_opts;

/* Appends the original text of code points [start, end) as a JSON string. */
static void json_slice(buf *b, const doc *d, uint32_t start, uint32_t end)
{
    size_t bs = doc_byte_at(d, start), be = doc_byte_at(d, end);
    json_str(b, d->text + bs, be - bs);
}

static void flag_names(buf *b, const sent *s, int json)
{
    static const struct {
        uint32_t bit;
        const char *name;
    } names[] = {{KH_SENT_PARAGRAPH, "paragraph"}, {KH_SENT_LINE, "line"},
                 {KH_SENT_DATELINE, "dateline"}, {KH_SENT_REPEAT, "repeat"}};
    int first = 1;
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        if (!(s->flags & names[k].bit) || (!json && names[k].bit == KH_SENT_PARAGRAPH))
            continue;
        if (!first)
            buf_putc(b, ',');
        first = 0;
        if (json)
            json_cstr(b, names[k].name);
        else
            buf_puts(b, names[k].name);
    }
    if (!json && (s->flags & KH_SENT_BOILERPLATE) && s->reason && strcmp(s->reason, "repeat") != 0) {
        if (!first)
            buf_putc(b, ',');
        buf_printf(b, "boilerplate=%s", s->reason);
    }
}

static void write_token_json(buf *b, const doc *d, const tok *t)
{
    buf_puts(b, "{\"text\":");
    json_slice(b, d, t->start, t->end);
    size_t bs = doc_byte_at(d, t->start), be = doc_byte_at(d, t->end);
    if (be - bs != t->form_len || memcmp(d->text + bs, t->form, t->form_len) != 0) {
        buf_puts(b, ",\"norm\":");
        json_str(b, t->form, t->form_len);
    }
    buf_puts(b, ",\"start\":");
    json_uint(b, t->start);
    buf_puts(b, ",\"end\":");
    json_uint(b, t->end);
    buf_puts(b, ",\"kind\":");
    json_cstr(b, tok_kind_name(t->kind));
    buf_putc(b, '}');
}

static void write_json(buf *b, const doc *d, uint32_t i)
{
    const sent *s = &d->sents[i];
    buf_puts(b, "{\"doc_id\":");
    json_cstr(b, d->id);
    buf_puts(b, ",\"index\":");
    json_uint(b, i);
    buf_puts(b, ",\"start\":");
    json_uint(b, s->start);
    buf_puts(b, ",\"end\":");
    json_uint(b, s->end);
    buf_puts(b, ",\"text\":");
    json_slice(b, d, s->start, s->end);
    buf_puts(b, ",\"boilerplate\":");
    buf_puts(b, (s->flags & KH_SENT_BOILERPLATE) ? "true" : "false");
    buf_puts(b, ",\"reason\":");
    json_cstr(b, s->reason);
    buf_puts(b, ",\"flags\":[");
    flag_names(b, s, 1);
    buf_puts(b, "],\"tokens\":[");
    for (uint32_t k = 0; k < s->tok_count; k++) {
        if (k)
            buf_putc(b, ',');
        write_token_json(b, d, &d->toks[s->tok_first + k]);
    }
    buf_puts(b, "]}\n");
}

static void write_brief(buf *b, const doc *d, uint32_t i, int tokens)
{
    const sent *s = &d->sents[i];
    size_t mark = b->len;
    buf_putc(b, '[');
    flag_names(b, s, 0);
    if (b->len == mark + 1)
        b->len = mark; /* no flags: drop the bracket */
    else
        buf_puts(b, "] ");
    if (tokens) {
        for (uint32_t k = 0; k < s->tok_count; k++) {
            if (k)
                buf_puts(b, " | ");
            const tok *t = &d->toks[s->tok_first + k];
            buf_append(b, t->form, t->form_len);
        }
    } else {
        size_t bs = doc_byte_at(d, s->start), be = doc_byte_at(d, s->end);
        for (size_t k = bs; k < be; k++) /* keep one line per sentence */
            buf_putc(b, (d->text[k] == '\n' || d->text[k] == '\r') ? ' ' : d->text[k]);
    }
    buf_putc(b, '\n');
}

static int on_doc(doc_loop *L, const doc *d, void *ud)
{
    const sent_opts *o = ud;
    for (uint32_t i = 0; i < d->nsents; i++) {
        if (o->brief || o->tokens)
            write_brief(&L->out, d, i, o->tokens);
        else
            write_json(&L->out, d, i);
    }
    return L->out.failed ? -1 : 0;
}

int cmd_sentences(int argc, char **argv, cli_io *io)
{
    doc_loop L = {0};
    sent_opts o = {0, 0};
    opt_spec specs[] = {DOC_LOOP_OPTIONS(L),
                        {"brief", OPT_FLAG, &o.brief, "one plain line per sentence, flags in brackets"},
                        {"tokens", OPT_FLAG, &o.tokens, "one line per sentence, tokens separated by ' | '"},
                        {NULL, OPT_FLAG, NULL, NULL}};
    char **pos = mem_calloc((size_t)argc + 1, sizeof *pos);
    int npos = 0;
    int rc = opts_parse(argc, argv, specs, "khaldun sentences [options] [FILE|-]...", pos, &npos, io);
    if (rc == 0) {
        L.io = io;
        L.on_doc = on_doc;
        L.ud = &o;
        rc = doc_loop_run(&L, pos, npos);
    } else if (rc == 1) {
        rc = 0;
    }
    mem_free(pos);
    return rc;
}
