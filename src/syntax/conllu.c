/*
 * conllu.c - the CoNLL-U reader and writer (Universal Dependencies).
 *
 * Reading goes line by line through a 64 KiB chunk (memchr for the line
 * ends; a line that fits in the chunk is not copied).  The lines of the
 * block being read are appended, UTF-8 repaired and with their tabs turned
 * into NULs, to one scratch buffer of the reader; words, ranges and comments
 * refer to it by offsets.  Only when the whole block has passed every check
 * is it copied into the caller's arena (one copy of the text, one array of
 * each kind), so a refused block leaves nothing in the arena and memory stays
 * bounded by the limits below.
 *
 * Messages are appended to the caller's err buf, one per line (a newline
 * separates a message from the one before it; there is no final newline).
 * Besides refusals, err may receive warnings ("invalid UTF-8 repaired",
 * "NUL byte repaired") for a sentence that is nonetheless returned as
 * CONLLU_SENT: err may be non-empty on success.
 */
#include "syntax/conllu.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "text/norm.h"

#define CHUNK (64u * 1024u)
/* Bytes of text one block may hold (its stored lines, NULs included) and
 * comment lines one block may have: together with CONLLU_MAX_WORDS they
 * bound the memory of one sentence. */
#define MAX_BLOCK_BYTES ((size_t)64 * 1024 * 1024)
#define MAX_COMMENTS CONLLU_MAX_WORDS
#define NO_OFF UINT32_MAX
#define SHOW 40 /* at most this many bytes of a bad column are quoted */

enum { COL_ID, COL_FORM, COL_LEMMA, COL_UPOS, COL_XPOS, COL_FEATS, COL_HEAD, COL_DEPREL, COL_DEPS, COL_MISC, NCOLS };

static const char *const col_names[NCOLS] = {"ID",    "FORM", "LEMMA",  "UPOS", "XPOS",
                                             "FEATS", "HEAD", "DEPREL", "DEPS", "MISC"};

/* A word of the block being read; columns are offsets into the block text. */
typedef struct raw_word {
    uint32_t col[NCOLS]; /* COL_ID and COL_HEAD unused */
    int32_t head;
    uint8_t space_after;
    unsigned long line;
} raw_word;

typedef struct raw_range {
    uint32_t first, last;
    uint32_t form, feats, misc;
    uint8_t space_after;
    unsigned long line;
} raw_range;

enum { HEADS_UNKNOWN, HEADS_NUMBERS, HEADS_NONE };

struct conllu_reader {
    FILE *f;
    char *name;
    char *chunk;
    size_t chunk_len, chunk_pos;
    buf longline; /* a line that crosses a chunk boundary */
    unsigned long line;
    int eof, failed;
    int io_errno; /* errno of the failed read */
    /* the block being read */
    buf text;
    raw_word *w;
    uint32_t nw, capw;
    raw_range *rg;
    uint32_t nrg, caprg;
    uint32_t *cm;
    uint32_t ncm, capcm;
    uint32_t sent_id, text_off;
    uint8_t *mark; /* cycle check: one state per word, index 0 = root */
    uint32_t capmark;
    int started, has_nodes, head_kind;
    unsigned long first_line;
};

/* Results of the internal steps. */
enum { OK = 0, REFUSED = 1, NOMEM = 2 };
/* Results of read_line(). */
enum { LN_EOF, LN_OK, LN_LONG, LN_ERR };

/* ---- messages ---- */

/* Appends "NAME:LINE: message" to err, on a line of its own. */
static void say(const conllu_reader *r, buf *err, unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void say(const conllu_reader *r, buf *err, unsigned long line, const char *fmt, ...)
{
    if (err->len && err->p[err->len - 1] != '\n')
        buf_putc(err, '\n');
    buf_printf(err, "%s:%lu: ", r->name, line);
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(err, fmt, ap);
    va_end(ap);
}

/* Shortens a quoted column to SHOW bytes. */
static int shown(size_t len) { return len > SHOW ? SHOW : (int)len; }

static int fail_nomem(conllu_reader *r, buf *err)
{
    r->failed = 1;
    if (err->len && err->p[err->len - 1] != '\n')
        buf_putc(err, '\n');
    buf_printf(err, "%s: out of memory", r->name);
    return CONLLU_FAIL;
}

static int fail_io(conllu_reader *r, buf *err)
{
    r->failed = 1;
    if (err->len && err->p[err->len - 1] != '\n')
        buf_putc(err, '\n');
    buf_printf(err, "%s: read error: %s", r->name, r->io_errno ? strerror(r->io_errno) : "unknown error");
    return CONLLU_FAIL;
}

/* ---- opening and closing ---- */

conllu_reader *conllu_open(FILE *f, const char *name, buf *err)
{
    if (!name)
        name = "<input>";
    conllu_reader *r = mem_calloc(1, sizeof *r);
    if (r) {
        r->f = f;
        r->name = mem_strndup(name, strlen(name));
        r->chunk = mem_alloc(CHUNK);
    }
    if (!r || !r->name || !r->chunk) {
        buf_printf(err, "%s: out of memory", name);
        conllu_close(r);
        return NULL;
    }
    return r;
}

void conllu_close(conllu_reader *r)
{
    if (!r)
        return;
    mem_free(r->name);
    mem_free(r->chunk);
    buf_free(&r->longline);
    buf_free(&r->text);
    mem_free(r->w);
    mem_free(r->rg);
    mem_free(r->cm);
    mem_free(r->mark);
    mem_free(r);
}

/* ---- lines ---- */

/* Refills the chunk.  Returns 1 when bytes came, 0 at the end, -1 on error. */
static int fill_chunk(conllu_reader *r)
{
    if (r->eof)
        return 0;
    errno = 0;
    r->chunk_len = fread(r->chunk, 1, CHUNK, r->f);
    r->chunk_pos = 0;
    if (r->chunk_len)
        return 1;
    if (ferror(r->f)) {
        r->io_errno = errno;
        return -1;
    }
    r->eof = 1;
    return 0;
}

/* Takes the line just read (s[0..n), its LF removed): drops trailing CRs and,
 * on line 1, a byte order mark; refuses it when over the limit. */
static int finish_line(conllu_reader *r, const char **s, size_t *n)
{
    r->line++;
    while (*n && (*s)[*n - 1] == '\r')
        (*n)--;
    if (*n > CONLLU_MAX_LINE)
        return LN_LONG;
    if (r->line == 1 && *n >= 3 && memcmp(*s, "\xEF\xBB\xBF", 3) == 0) {
        *s += 3;
        *n -= 3;
    }
    return LN_OK;
}

/* Reads the next line into *s, *n (valid until the next call), without its
 * line end.  Returns LN_OK, LN_EOF, LN_LONG (the line is over
 * CONLLU_MAX_LINE bytes; it was read to its end but not stored) or LN_ERR
 * (I/O error, or no memory for a line crossing chunks). */
static int read_line(conllu_reader *r, const char **s, size_t *n)
{
    int too_long = 0, any = 0;
    buf_clear(&r->longline);
    for (;;) {
        if (r->chunk_pos == r->chunk_len) {
            int got = fill_chunk(r);
            if (got < 0)
                return LN_ERR;
            if (got == 0) {
                if (!any)
                    return LN_EOF;
                break;
            }
        }
        const char *p = r->chunk + r->chunk_pos;
        size_t avail = r->chunk_len - r->chunk_pos;
        const char *nl = memchr(p, '\n', avail);
        size_t take = nl ? (size_t)(nl - p) : avail;
        r->chunk_pos += take + (nl ? 1 : 0);
        if (nl && !any) { /* the whole line is in the chunk */
            *s = p;
            *n = take;
            return finish_line(r, s, n);
        }
        any = 1;
        if (!too_long && r->longline.len + take > (size_t)CONLLU_MAX_LINE + 1)
            too_long = 1;
        if (!too_long)
            buf_append(&r->longline, p, take);
        if (nl)
            break;
    }
    if (too_long) {
        r->line++;
        return LN_LONG;
    }
    if (r->longline.failed)
        return LN_ERR;
    *s = r->longline.p ? r->longline.p : "";
    *n = r->longline.len;
    return finish_line(r, s, n);
}

/* True for a line holding nothing but spaces and tabs. */
static int is_blank(const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (s[k] != ' ' && s[k] != '\t')
            return 0;
    return 1;
}

/* ---- the block text ---- */

/* Appends s[0..n) to the block text with invalid UTF-8 replaced by U+FFFD
 * (one per maximal subpart) and NUL bytes by U+FFFD, adding a warning to err
 * for each kind found.  The caller checks r->text.failed. */
static void append_repaired(conllu_reader *r, const char *s, size_t n, buf *err)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    int bad_utf8 = 0, nul = 0;
    while (i < n) {
        size_t run = i;
        while (run < n && (unsigned char)(u[run] - 1u) < 0x7Fu) /* 0x01..0x7F */
            run++;
        buf_append(&r->text, u + i, run - i);
        if ((i = run) >= n)
            break;
        size_t bad = 0, len = u[i] ? txt_utf8_seq(u + i, n - i, &bad) : 0;
        if (len) {
            buf_append(&r->text, u + i, len);
            i += len;
            continue;
        }
        if (u[i] == 0) {
            nul = 1;
            bad = 1;
        } else {
            bad_utf8 = 1;
        }
        buf_append(&r->text, "\xEF\xBF\xBD", 3);
        i += bad;
    }
    if (bad_utf8)
        say(r, err, r->line, "invalid UTF-8 repaired");
    if (nul)
        say(r, err, r->line, "NUL byte repaired");
}

/* Appends a line to the block text, NUL-terminated; *start gets its offset.
 * Returns OK, REFUSED (the block would be over MAX_BLOCK_BYTES) or NOMEM. */
static int store_line(conllu_reader *r, const char *s, size_t n, uint32_t *start, buf *err)
{
    if (r->text.len + 3 * n + 1 > MAX_BLOCK_BYTES) { /* repair may triple a byte */
        say(r, err, r->line, "sentence too long (over %zu MiB of text)", MAX_BLOCK_BYTES >> 20);
        return REFUSED;
    }
    *start = (uint32_t)r->text.len;
    append_repaired(r, s, n, err);
    buf_putc(&r->text, '\0');
    return r->text.failed ? NOMEM : OK;
}

/* Splits the stored line at offset start into columns at its tabs (which
 * become NULs), writing the offsets of up to NCOLS of them to col[].
 * Returns the number of columns. */
static size_t split_columns(conllu_reader *r, uint32_t start, uint32_t col[NCOLS])
{
    char *p = r->text.p + start, *end = r->text.p + r->text.len - 1; /* end: the final NUL */
    size_t ncol = 0;
    for (;;) {
        if (ncol < NCOLS)
            col[ncol] = (uint32_t)(p - r->text.p);
        ncol++;
        char *tab = memchr(p, '\t', (size_t)(end - p));
        if (!tab)
            return ncol;
        *tab = '\0';
        p = tab + 1;
    }
}

/* Grows a scratch array to hold `need` elements; 0 or -1 (memory). */
static int grow(void **p, uint32_t *cap, uint32_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    uint32_t ncap = *cap ? *cap * 2 : 64;
    while (ncap < need)
        ncap *= 2;
    void *q = mem_realloc(*p, (size_t)ncap * elem);
    if (!q)
        return -1;
    *p = q;
    *cap = ncap;
    return 0;
}

/* ---- columns ---- */

/* Parses an ID or HEAD: decimal digits without a leading zero ("0" itself
 * allowed), at most 9 of them.  Returns 1 and sets *v, or 0. */
static int parse_num(const char *s, size_t n, uint32_t *v)
{
    if (n == 0 || n > 9 || (s[0] == '0' && n > 1))
        return 0;
    uint32_t x = 0;
    for (size_t k = 0; k < n; k++) {
        if (s[k] < '0' || s[k] > '9')
            return 0;
        x = x * 10 + (uint32_t)(s[k] - '0');
    }
    *v = x;
    return 1;
}

/* True when the MISC value holds the item "SpaceAfter=No". */
static int misc_has_no_space(const char *misc)
{
    static const char item[] = "SpaceAfter=No";
    for (const char *p = misc; (p = strstr(p, item)) != NULL; p++) {
        char after = p[sizeof item - 1];
        if ((p == misc || p[-1] == '|') && (after == '\0' || after == '|'))
            return 1;
    }
    return 0;
}

/* Parses the HEAD column of word `id`: a number or "_".  Refuses non-numbers,
 * heads over CONLLU_MAX_WORDS, self-loops and a mix of "_" and numbers. */
static int take_head(conllu_reader *r, const char *h, uint32_t id, int32_t *head, buf *err)
{
    size_t n = strlen(h);
    int kind = strcmp(h, "_") == 0 ? HEADS_NONE : HEADS_NUMBERS;
    uint32_t v = 0;
    if (kind == HEADS_NUMBERS && !parse_num(h, n, &v)) {
        say(r, err, r->line, "HEAD \"%.*s\" is not a number", shown(n), h);
        return REFUSED;
    }
    if (kind == HEADS_NUMBERS && v > CONLLU_MAX_WORDS) {
        say(r, err, r->line, "HEAD %u out of range (a sentence has at most %u words)", v, CONLLU_MAX_WORDS);
        return REFUSED;
    }
    if (r->head_kind != HEADS_UNKNOWN && kind != r->head_kind) {
        say(r, err, r->line, "HEAD is %s but the words before have %s (a sentence gives \"_\" for all heads or for none)",
            kind == HEADS_NONE ? "\"_\"" : "a number", kind == HEADS_NONE ? "numbers" : "\"_\"");
        return REFUSED;
    }
    if (kind == HEADS_NUMBERS && v == id) {
        say(r, err, r->line, "word %u is its own head", id);
        return REFUSED;
    }
    r->head_kind = kind;
    *head = kind == HEADS_NONE ? -1 : (int32_t)v;
    return OK;
}

/* Takes a word line (columns split at col[]) with ID text `id_s`. */
static int take_word(conllu_reader *r, const uint32_t col[NCOLS], const char *id_s, buf *err)
{
    uint32_t id = 0;
    size_t idn = strlen(id_s);
    if (!parse_num(id_s, idn, &id) || id == 0) {
        say(r, err, r->line, "bad ID \"%.*s\"", shown(idn), id_s);
        return REFUSED;
    }
    if (id != r->nw + 1) {
        say(r, err, r->line, "word ID %u where %u was expected (IDs must run 1, 2, 3, ...)", id, r->nw + 1);
        return REFUSED;
    }
    if (r->nw >= CONLLU_MAX_WORDS) {
        say(r, err, r->line, "sentence too long (over %u words)", CONLLU_MAX_WORDS);
        return REFUSED;
    }
    int32_t head;
    if (take_head(r, r->text.p + col[COL_HEAD], id, &head, err) != OK)
        return REFUSED;
    if (grow((void **)&r->w, &r->capw, r->nw + 1, sizeof *r->w) != 0)
        return NOMEM;
    raw_word *w = &r->w[r->nw++];
    memcpy(w->col, col, sizeof w->col);
    w->head = head;
    w->space_after = !misc_has_no_space(r->text.p + col[COL_MISC]);
    w->line = r->line;
    return OK;
}

/* Checks a range line "a-b" against the words read so far and the range
 * before it; only FORM, FEATS and MISC may hold more than "_". */
static int check_range(conllu_reader *r, const uint32_t col[NCOLS], const char *id_s, uint32_t a, uint32_t b,
                       buf *err)
{
    if (a >= b) {
        say(r, err, r->line, "bad range %s (the first ID must be below the last)", id_s);
        return REFUSED;
    }
    if (a != r->nw + 1) {
        say(r, err, r->line, "range %s must stand just before word %u, not after word %u", id_s, a, r->nw);
        return REFUSED;
    }
    if (r->nrg && r->rg[r->nrg - 1].last >= a) {
        say(r, err, r->line, "range %s overlaps range %u-%u", id_s, r->rg[r->nrg - 1].first,
            r->rg[r->nrg - 1].last);
        return REFUSED;
    }
    for (int c = COL_LEMMA; c <= COL_DEPS; c++) {
        if (c != COL_FEATS && strcmp(r->text.p + col[c], "_") != 0) {
            say(r, err, r->line, "range %s: column %d (%s) must be \"_\"", id_s, c + 1, col_names[c]);
            return REFUSED;
        }
    }
    return OK;
}

/* Takes a multiword-token line whose ID text `id_s` holds a '-'. */
static int take_range(conllu_reader *r, const uint32_t col[NCOLS], const char *id_s, const char *dash, buf *err)
{
    uint32_t a = 0, b = 0;
    if (!parse_num(id_s, (size_t)(dash - id_s), &a) || !parse_num(dash + 1, strlen(dash + 1), &b) || a == 0) {
        size_t n = strlen(id_s);
        say(r, err, r->line, "bad range \"%.*s\"", shown(n), id_s);
        return REFUSED;
    }
    int rc = check_range(r, col, id_s, a, b, err);
    if (rc != OK)
        return rc;
    if (grow((void **)&r->rg, &r->caprg, r->nrg + 1, sizeof *r->rg) != 0)
        return NOMEM;
    raw_range *g = &r->rg[r->nrg++];
    g->first = a;
    g->last = b;
    g->form = col[COL_FORM];
    g->feats = col[COL_FEATS];
    g->misc = col[COL_MISC];
    g->space_after = !misc_has_no_space(r->text.p + col[COL_MISC]);
    g->line = r->line;
    return OK;
}

/* True for the ID of an empty node, "n.k" (digits on both sides). */
static int is_empty_node_id(const char *s, const char *dot)
{
    uint32_t v;
    return parse_num(s, (size_t)(dot - s), &v) && parse_num(dot + 1, strlen(dot + 1), &v) && v > 0;
}

/* Takes a word, range or empty-node line: ten non-empty columns, then by
 * the form of the ID.  Empty nodes are checked and dropped. */
static int take_node(conllu_reader *r, const char *s, size_t n, buf *err)
{
    uint32_t start, col[NCOLS];
    int rc = store_line(r, s, n, &start, err);
    if (rc != OK)
        return rc;
    r->has_nodes = 1;
    size_t ncol = split_columns(r, start, col);
    if (ncol != NCOLS) {
        say(r, err, r->line, "%zu column%s where 10 were expected (columns are separated by tabs)", ncol,
            ncol == 1 ? "" : "s");
        return REFUSED;
    }
    for (int c = 0; c < NCOLS; c++) {
        if (r->text.p[col[c]] == '\0') {
            say(r, err, r->line, "column %d (%s) is empty (write \"_\" for no value)", c + 1, col_names[c]);
            return REFUSED;
        }
    }
    const char *id_s = r->text.p + col[COL_ID];
    const char *dash = strchr(id_s, '-'), *dot = strchr(id_s, '.');
    if (dash)
        return take_range(r, col, id_s, dash, err);
    if (!dot)
        return take_word(r, col, id_s, err);
    if (!is_empty_node_id(id_s, dot)) {
        say(r, err, r->line, "bad ID \"%.*s\"", shown(strlen(id_s)), id_s);
        return REFUSED;
    }
    r->text.len = start; /* empty nodes are not kept */
    r->text.p[start] = '\0';
    return OK;
}

/* Takes a comment line; "# sent_id = " and "# text = " also fill their fields. */
static int take_comment(conllu_reader *r, const char *s, size_t n, buf *err)
{
    if (r->has_nodes) {
        say(r, err, r->line, "comment line after the words of the sentence (comments go before them)");
        return REFUSED;
    }
    if (r->ncm >= MAX_COMMENTS) {
        say(r, err, r->line, "too many comment lines (over %u)", MAX_COMMENTS);
        return REFUSED;
    }
    uint32_t start;
    int rc = store_line(r, s, n, &start, err);
    if (rc != OK)
        return rc;
    if (grow((void **)&r->cm, &r->capcm, r->ncm + 1, sizeof *r->cm) != 0)
        return NOMEM;
    r->cm[r->ncm++] = start;
    const char *c = r->text.p + start;
    if (strncmp(c, "# sent_id = ", 12) == 0)
        r->sent_id = start + 12;
    else if (strncmp(c, "# text = ", 9) == 0)
        r->text_off = start + 9;
    return OK;
}

/* ---- whole blocks ---- */

static void block_clear(conllu_reader *r)
{
    buf_clear(&r->text);
    r->nw = r->nrg = r->ncm = 0;
    r->sent_id = r->text_off = NO_OFF;
    r->started = r->has_nodes = 0;
    r->head_kind = HEADS_UNKNOWN;
    r->first_line = 0;
}

/* Refuses heads beyond the last word and ranges that end beyond it. */
static int check_bounds(conllu_reader *r, buf *err)
{
    for (uint32_t k = 0; k < r->nw; k++) {
        if (r->w[k].head > (int32_t)r->nw) {
            say(r, err, r->w[k].line, "HEAD %d out of range (the sentence has %u word%s)", (int)r->w[k].head, r->nw,
                r->nw == 1 ? "" : "s");
            return REFUSED;
        }
    }
    for (uint32_t k = 0; k < r->nrg; k++) {
        if (r->rg[k].last > r->nw) {
            say(r, err, r->rg[k].line, "range %u-%u goes beyond the last word (%u)", r->rg[k].first, r->rg[k].last,
                r->nw);
            return REFUSED;
        }
    }
    return OK;
}

/* Names the cycle through word `start` in err: "5 -> 7 -> 5". */
static void say_cycle(conllu_reader *r, uint32_t start, buf *err)
{
    say(r, err, r->w[start - 1].line, "heads form a cycle: %u", start);
    uint32_t k = (uint32_t)r->w[start - 1].head;
    for (int shown_n = 0; k != start; shown_n++, k = (uint32_t)r->w[k - 1].head) {
        if (shown_n == 8) {
            buf_puts(err, " -> ...");
            break;
        }
        buf_printf(err, " -> %u", k);
    }
    buf_printf(err, " -> %u (word %u never reaches the root)", start, start);
}

/* Refuses heads that do not form a tree.  Heads are already in 0..n.  Each
 * word is walked once: a walk up from a new word marks its path (1) until it
 * reaches the root or a word known to reach it (2), then marks the path 2;
 * reaching a word marked 1 means a cycle through that word.  O(n). */
static int check_tree(conllu_reader *r, buf *err)
{
    if (grow((void **)&r->mark, &r->capmark, r->nw + 1, 1) != 0)
        return NOMEM;
    uint8_t *m = r->mark;
    memset(m, 0, (size_t)r->nw + 1);
    m[0] = 2;
    for (uint32_t i = 1; i <= r->nw; i++) {
        uint32_t j = i;
        while (m[j] == 0) {
            m[j] = 1;
            j = (uint32_t)r->w[j - 1].head;
        }
        if (m[j] == 1) {
            say_cycle(r, j, err);
            return REFUSED;
        }
        for (j = i; m[j] == 1; j = (uint32_t)r->w[j - 1].head)
            m[j] = 2;
    }
    return OK;
}

/* Runs the checks that need the whole block. */
static int check_block(conllu_reader *r, buf *err)
{
    if (r->nw == 0) {
        say(r, err, r->first_line, "block with no words");
        return REFUSED;
    }
    int rc = check_bounds(r, err);
    if (rc == OK && r->head_kind == HEADS_NUMBERS)
        rc = check_tree(r, err);
    return rc;
}

/* Copies the accepted block into the arena as *out.  OK or NOMEM. */
static int build_sentence(conllu_reader *r, conllu_sent *out, arena *a)
{
    memset(out, 0, sizeof *out);
    char *t = arena_alloc(a, r->text.len);
    conllu_word *w = arena_alloc(a, (size_t)r->nw * sizeof *w);
    conllu_range *g = r->nrg ? arena_alloc(a, (size_t)r->nrg * sizeof *g) : NULL;
    const char **c = r->ncm ? arena_alloc(a, (size_t)r->ncm * sizeof *c) : NULL;
    if (!t || !w || (r->nrg && !g) || (r->ncm && !c))
        return NOMEM;
    memcpy(t, r->text.p, r->text.len);
    for (uint32_t k = 0; k < r->nw; k++) {
        const uint32_t *col = r->w[k].col;
        w[k] = (conllu_word){t + col[COL_FORM],   t + col[COL_LEMMA], t + col[COL_UPOS],
                             t + col[COL_XPOS],   t + col[COL_FEATS], t + col[COL_DEPREL],
                             t + col[COL_DEPS],   t + col[COL_MISC],  r->w[k].head,
                             r->w[k].space_after};
    }
    for (uint32_t k = 0; k < r->nrg; k++) {
        const raw_range *x = &r->rg[k];
        g[k] = (conllu_range){x->first, x->last, t + x->form, t + x->misc, x->space_after, t + x->feats};
    }
    for (uint32_t k = 0; k < r->ncm; k++)
        c[k] = t + r->cm[k];
    *out = (conllu_sent){w, r->nw, g, r->nrg, c, r->ncm, r->sent_id == NO_OFF ? NULL : t + r->sent_id,
                         r->text_off == NO_OFF ? NULL : t + r->text_off, r->first_line};
    return OK;
}

/* Ends the block being read: checks it and hands it out. */
static int finish_block(conllu_reader *r, conllu_sent *out, arena *a, buf *err)
{
    int rc = check_block(r, err);
    if (rc == OK)
        rc = build_sentence(r, out, a);
    if (rc == NOMEM)
        return fail_nomem(r, err);
    return rc == OK ? CONLLU_SENT : CONLLU_SKIP;
}

/* After a refusal inside a block: reads on to its end (a blank line or the
 * end of input).  CONLLU_SKIP, or CONLLU_FAIL on an I/O error. */
static int skip_block(conllu_reader *r, buf *err)
{
    for (;;) {
        const char *s;
        size_t n;
        int got = read_line(r, &s, &n);
        if (got == LN_ERR)
            return r->longline.failed ? fail_nomem(r, err) : fail_io(r, err);
        if (got == LN_EOF || (got == LN_OK && is_blank(s, n)))
            return CONLLU_SKIP;
    }
}

/* Handles one line of a block; returns a CONLLU_* result when the block
 * ends here (refused or failed), or -1 to go on. */
static int take_line(conllu_reader *r, int got, const char *s, size_t n, buf *err)
{
    if (!r->started) {
        r->started = 1;
        r->first_line = r->line;
    }
    int rc;
    if (got == LN_LONG) {
        say(r, err, r->line, "line too long (over %u bytes)", CONLLU_MAX_LINE);
        rc = REFUSED;
    } else {
        rc = s[0] == '#' ? take_comment(r, s, n, err) : take_node(r, s, n, err);
    }
    if (rc == NOMEM)
        return fail_nomem(r, err);
    return rc == REFUSED ? skip_block(r, err) : -1;
}

int conllu_next(conllu_reader *r, conllu_sent *out, arena *a, buf *err)
{
    if (r->failed)
        return CONLLU_FAIL;
    block_clear(r);
    for (;;) {
        const char *s = NULL;
        size_t n = 0;
        int got = read_line(r, &s, &n);
        if (got == LN_ERR)
            return r->longline.failed ? fail_nomem(r, err) : fail_io(r, err);
        if (got == LN_EOF)
            return r->started ? finish_block(r, out, a, err) : CONLLU_END;
        if (got == LN_OK && is_blank(s, n)) {
            if (r->started)
                return finish_block(r, out, a, err);
            continue;
        }
        int rc = take_line(r, got, s, n, err);
        if (rc >= 0)
            return rc;
    }
}

/* ---- writing ---- */

static void put_uint(buf *out, uint32_t v)
{
    char tmp[10];
    size_t n = 0;
    do {
        tmp[sizeof tmp - 1 - n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    buf_append(out, tmp + sizeof tmp - n, n);
}

/* Appends s with each byte of `breaks` (characters that would break the
 * line or its columns) written as a space. */
static void put_clean(buf *out, const char *s, const char *breaks)
{
    for (;;) {
        size_t n = strcspn(s, breaks);
        buf_append(out, s, n);
        if (!s[n])
            return;
        buf_putc(out, ' ');
        s += n + 1;
    }
}

/* Appends a column value: NULL or "" as "_", tabs and line feeds as spaces. */
static void put_field(buf *out, const char *s)
{
    if (!s || !*s)
        buf_putc(out, '_');
    else
        put_clean(out, s, "\t\n");
}

/* Appends MISC with the item SpaceAfter=No present exactly when space_after
 * is 0: added at the end when missing, removed when present but wrong. */
static void put_misc(buf *out, const char *misc, int space_after)
{
    int empty = !misc || !*misc || strcmp(misc, "_") == 0;
    int has = !empty && misc_has_no_space(misc);
    if (space_after ? !has : has) {
        put_field(out, misc);
    } else if (!space_after) {
        if (!empty) {
            put_field(out, misc);
            buf_putc(out, '|');
        }
        buf_puts(out, "SpaceAfter=No");
    } else { /* drop every SpaceAfter=No item */
        size_t start = out->len;
        for (const char *p = misc;;) {
            const char *bar = strchr(p, '|');
            size_t n = bar ? (size_t)(bar - p) : strlen(p);
            if (!(n == 13 && strncmp(p, "SpaceAfter=No", 13) == 0)) {
                if (out->len > start)
                    buf_putc(out, '|');
                buf_append(out, p, n); /* n may be 0 for "a||b": kept as is */
            }
            if (!bar)
                break;
            p = bar + 1;
        }
        if (out->len == start)
            buf_putc(out, '_');
    }
}

static void put_range(buf *out, const conllu_range *g)
{
    put_uint(out, g->first);
    buf_putc(out, '-');
    put_uint(out, g->last);
    buf_putc(out, '\t');
    put_field(out, g->form);
    buf_puts(out, "\t_\t_\t_\t");
    put_field(out, g->feats);
    buf_puts(out, "\t_\t_\t_\t");
    put_misc(out, g->misc, g->space_after);
    buf_putc(out, '\n');
}

static void put_word(buf *out, uint32_t id, const conllu_word *w)
{
    const char *mid[5] = {w->form, w->lemma, w->upos, w->xpos, w->feats};
    put_uint(out, id);
    for (int k = 0; k < 5; k++) {
        buf_putc(out, '\t');
        put_field(out, mid[k]);
    }
    buf_putc(out, '\t');
    if (w->head < 0)
        buf_putc(out, '_');
    else
        put_uint(out, (uint32_t)w->head);
    buf_putc(out, '\t');
    put_field(out, w->deprel);
    buf_putc(out, '\t');
    put_field(out, w->deps);
    buf_putc(out, '\t');
    put_misc(out, w->misc, w->space_after);
    buf_putc(out, '\n');
}

/* True when some comment of s starts with prefix. */
static int has_comment(const conllu_sent *s, const char *prefix)
{
    size_t n = strlen(prefix);
    for (uint32_t k = 0; k < s->ncomments; k++)
        if (s->comments[k] && strncmp(s->comments[k], prefix, n) == 0)
            return 1;
    return 0;
}

/* Writes the comments: sent_id and text first when set but not among the
 * comment lines (a sentence built by hand), then every comment line ("# "
 * put in front of one that lacks its "#"). */
static void put_comments(buf *out, const conllu_sent *s)
{
    if (s->sent_id && !has_comment(s, "# sent_id = ")) {
        buf_puts(out, "# sent_id = ");
        put_field(out, s->sent_id);
        buf_putc(out, '\n');
    }
    if (s->text && !has_comment(s, "# text = ")) {
        buf_puts(out, "# text = ");
        put_field(out, s->text);
        buf_putc(out, '\n');
    }
    for (uint32_t k = 0; k < s->ncomments; k++) {
        const char *c = s->comments[k] ? s->comments[k] : "";
        if (c[0] != '#')
            buf_puts(out, "# ");
        put_clean(out, c, "\n"); /* tabs are fine in comments */
        buf_putc(out, '\n');
    }
}

void conllu_write(buf *out, const conllu_sent *s)
{
    put_comments(out, s);
    uint32_t ri = 0;
    for (uint32_t k = 0; k < s->nwords; k++) {
        while (ri < s->nranges && s->ranges[ri].first <= k + 1)
            put_range(out, &s->ranges[ri++]);
        put_word(out, k + 1, &s->words[k]);
    }
    buf_putc(out, '\n');
}
