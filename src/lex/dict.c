/*
 * dict.c - the parser of khaldun's dictionary format.
 */
#include "lex/dict.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/mem.h"
#include "text/norm.h"

enum { MAX_ERRORS = 20, MAX_PHRASE_WORDS = 64 };

typedef struct parser_state {
    lexicon *lx;
    const char *name;
    uint32_t line;
    unsigned section;
    buf *err, *warn;
    int errors;
    arena scratch;
} parser_state;

static void fail(parser_state *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fail(parser_state *ps, const char *fmt, ...)
{
    if (ps->errors++ < MAX_ERRORS) {
        va_list ap;
        va_start(ap, fmt);
        buf_printf(ps->err, "%s:%u: ", ps->name, ps->line);
        buf_vprintf(ps->err, fmt, ap);
        buf_putc(ps->err, '\n');
        va_end(ap);
    }
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/* Trims white space from both ends of [*s, *s + *n). */
static void trim(const char **s, size_t *n)
{
    while (*n && is_space(**s))
        (*s)++, (*n)--;
    while (*n && is_space((*s)[*n - 1]))
        (*n)--;
}

/* The line without its comment: '#' at its start or after white space. */
static size_t strip_comment(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == '#' && (i == 0 || is_space(s[i - 1])))
            return i;
    return n;
}

/* Finds the two-byte string pat in s[0..n); returns its offset or n. */
static size_t find2(const char *s, size_t n, const char *pat)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (s[i] == pat[0] && s[i + 1] == pat[1])
            return i;
    return n;
}

/* ---- phrases ---- */

/* Two or three capital letters ("GIA", "UK"): case-exact without a '!',
 * so that names such as "Gia" or words such as "uk" do not match. */
static int short_acronym(const char *s, size_t n)
{
    if (n < 2 || n > 3)
        return 0;
    for (size_t k = 0; k < n; k++)
        if (s[k] < 'A' || s[k] > 'Z')
            return 0;
    return 1;
}

/* The words of one phrase with their flags (LEX_WORD_*): with
 * DICT_MARKS, '!' at the end of a space-separated piece makes the words of
 * that piece exact; with DICT_GAPS, '_' joins the words of a piece and
 * other words may come between pieces.  Returns the number of words, or
 * -1 (memory), -2 (too many pieces). */
static int64_t phrase_words(const char *s, size_t n, int marks, arena *scratch, word **w, uint8_t **flags)
{
    char *clean = arena_alloc(scratch, n + 1);
    uint32_t piece_start[MAX_PHRASE_WORDS], piece_end[MAX_PHRASE_WORDS];
    uint8_t piece_flags[MAX_PHRASE_WORDS];
    uint32_t npieces = 0, cp = 0;
    size_t len = 0;
    if (!clean)
        return -1;
    for (size_t i = 0; i < n;) {
        while (i < n && is_space(s[i]))
            clean[len++] = s[i++], cp++;
        if (i == n)
            break;
        size_t b = i;
        while (i < n && !is_space(s[i]))
            i++;
        size_t e = i;
        int bang = (marks & DICT_MARKS) && e - b > 1 && s[e - 1] == '!';
        int ex = bang || ((marks & DICT_MARKS) && short_acronym(s + b, e - b));
        if (npieces == MAX_PHRASE_WORDS)
            return -2;
        piece_start[npieces] = cp;
        for (size_t k = b; k < e - (size_t)bang; k++) {
            clean[len++] = (marks & DICT_GAPS) && s[k] == '_' ? ' ' : s[k];
            cp += ((unsigned char)s[k] & 0xC0) != 0x80;
        }
        piece_end[npieces] = cp;
        piece_flags[npieces++] = (uint8_t)((ex ? LEX_WORD_EXACT : 0) | ((marks & DICT_GAPS) ? LEX_WORD_GAP : 0));
    }
    int64_t nw = lex_phrase_words(clean, len, scratch, w);
    if (nw <= 0)
        return nw;
    *flags = arena_calloc(scratch, (size_t)nw, 1);
    if (!*flags)
        return -1;
    for (int64_t k = 0; k < nw; k++)
        for (uint32_t p = 0; p < npieces; p++)
            if ((*w)[k].start >= piece_start[p] && (*w)[k].start < piece_end[p]) /* a gap before a piece's first word */
                (*flags)[k] = (uint8_t)(piece_flags[p] & ~(k && (*w)[k - 1].start >= piece_start[p] ? LEX_WORD_GAP : 0));
    return nw;
}

int dict_add_phrase(lexicon *lx, uint32_t e, const char *s, size_t n, int marks, int stem, arena *scratch,
                    uint32_t *replaced)
{
    word *w;
    uint8_t *flags;
    *replaced = 0;
    int64_t nw = phrase_words(s, n, marks, scratch, &w, &flags);
    if (nw < 0)
        return nw == -2 ? 2 : -1;
    if (nw == 0)
        return 1;
    if (lex_add_phrase(lx, e, w, flags, (uint32_t)nw, stem, replaced) != 0)
        return -1;
    uint32_t m = 0, again;
    for (int64_t k = 0; k < nw; k++)
        if (!(k > 0 && k + 1 < nw && w[k].len == 1 && w[k].form[0] == '-')) {
            w[m] = w[k];
            flags[m++] = flags[k];
        }
    if (m < nw && lex_add_phrase(lx, e, w, flags, m, stem, &again) != 0)
        return -1;
    return 0;
}

/* Adds one phrase of the entry being read, reporting what goes wrong. */
static int add_phrase(parser_state *ps, uint32_t e, const char *s, size_t n)
{
    uint32_t replaced;
    int rc = dict_add_phrase(ps->lx, e, s, n, DICT_MARKS, 0, &ps->scratch, &replaced);
    if (rc < 0)
        return -1;
    if (rc == 1)
        fail(ps, "a phrase with no words");
    if (rc == 2)
        fail(ps, "a phrase of more than %d words", MAX_PHRASE_WORDS);
    if (replaced) {
        const lex_entry *old = &ps->lx->entries[replaced - 1];
        buf_printf(ps->warn, "%s:%u: \"%.*s\" was already defined at %s:%u; this entry replaces it\n", ps->name,
                   ps->line, (int)n, s, lex_str(ps->lx, old->source), old->line);
    }
    return 0;
}

static int add_phrases(parser_state *ps, uint32_t e, const char *s, size_t n)
{
    size_t b = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '|')
            continue;
        const char *p = s + b;
        size_t len = i - b;
        trim(&p, &len);
        if (len == 0) {
            fail(ps, "an empty phrase");
        } else if (add_phrase(ps, e, p, len) != 0) {
            return -1;
        }
        b = i + 1;
    }
    return 0;
}

/* ---- codes ---- */

static int code_chars_ok(const char *s, size_t n, unsigned section)
{
    if (section == LEX_AGENT && n == 1 && s[0] == '=')
        return 1;
    if (n < 3 || n >= LEX_CODE_MAX || n % 3)
        return 0;
    for (size_t k = 0; k < n; k++)
        if (!((s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= '0' && s[k] <= '9')))
            return 0;
    return 1;
}

/* Reads "FROM..TO" (either end may be empty, not both). */
static int parse_range(const char *s, size_t n, int32_t *from, int32_t *to)
{
    size_t dots = find2(s, n, "..");
    if (dots == n || (dots == 0 && n == 2))
        return -1;
    int ok = 1;
    *from = dots ? lex_parse_day(s, dots, &ok) : LEX_OPEN_START;
    if (!ok)
        return -1;
    *to = dots + 2 < n ? lex_parse_day(s + dots + 2, n - dots - 2, &ok) : LEX_OPEN_END;
    return ok && *from < *to ? 0 : -1;
}

/* One "CODE [FROM..TO]" item. */
static int add_code(parser_state *ps, const char *s, size_t n, int *undated)
{
    trim(&s, &n);
    size_t sp = 0;
    while (sp < n && !is_space(s[sp]))
        sp++;
    char code[LEX_CODE_MAX];
    if (!code_chars_ok(s, sp, ps->section)) {
        fail(ps, "\"%.*s\" is not a code (3 to 15 capital letters or digits, in groups of three)", (int)(sp < 40 ? sp : 40), s);
        return 0;
    }
    memcpy(code, s, sp);
    code[sp] = 0;
    const char *r = s + sp;
    size_t rn = n - sp;
    trim(&r, &rn);
    int32_t from = LEX_UNDATED, to = LEX_OPEN_END;
    if (rn && ps->section == LEX_AGENT) {
        fail(ps, "agent codes take no dates (%s)", code);
        return 0;
    }
    if (rn && parse_range(r, rn, &from, &to) != 0) {
        fail(ps, "bad date range after %s (YYYY-MM-DD..YYYY-MM-DD, either end may be left open)", code);
        return 0;
    }
    if (!rn && (*undated)++) {
        fail(ps, "more than one code without a date range (%s)", code);
        return 0;
    }
    return lex_add_code(ps->lx, code, from, to);
}

static int add_codes(parser_state *ps, const char *s, size_t n)
{
    int undated = 0;
    size_t b = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != ',')
            continue;
        if (add_code(ps, s + b, i - b, &undated) != 0)
            return -1;
        b = i + 1;
    }
    return 0;
}

/* ---- lines ---- */

/* Splits a trailing "{kind}" off [s, s + *n). */
static unsigned take_kind(parser_state *ps, const char *s, size_t *n)
{
    if (!*n || s[*n - 1] != '}')
        return LK_NONE;
    size_t open = *n;
    while (open > 0 && s[open - 1] != '{')
        open--;
    if (!open) {
        fail(ps, "a '}' without its '{'");
        return LK_NONE;
    }
    unsigned k = lex_kind_of(s + open, *n - open - 1);
    if (k == LK_NONE) {
        char name[32];
        size_t len = *n - open - 1 < sizeof name - 1 ? *n - open - 1 : sizeof name - 1;
        memcpy(name, s + open, len);
        name[len] = 0;
        fail(ps, "unknown kind {%s} (see docs/dictionaries.md)", name);
    }
    *n = open - 1;
    while (*n && is_space(s[*n - 1]))
        (*n)--;
    return k;
}

static int section_line(parser_state *ps, const char *s, size_t n)
{
    static const char *const names[LEX_NSECTIONS] = {"[actors]", "[agents]", "[discards]"};
    for (unsigned k = 0; k < LEX_NSECTIONS; k++)
        if (strlen(names[k]) == n && memcmp(names[k], s, n) == 0) {
            ps->section = k;
            return 0;
        }
    fail(ps, "unknown section (use [actors], [agents] or [discards])");
    return 0;
}

static int entry_line(parser_state *ps, const char *s, size_t n)
{
    unsigned kind = take_kind(ps, s, &n);
    size_t arrow = find2(s, n, "=>");
    if (ps->section == LEX_DISCARD && arrow < n) {
        fail(ps, "discards take no codes");
        return 0;
    }
    if (ps->section != LEX_DISCARD && arrow == n) {
        fail(ps, "expected PHRASES => CODES");
        return 0;
    }
    if (arrow < n && find2(s + arrow + 2, n - arrow - 2, "=>") < n - arrow - 2) {
        fail(ps, "more than one '=>'");
        return 0;
    }
    const char *ph = s, *codes = s + arrow + (arrow < n ? 2 : 0);
    size_t phn = arrow, cn = arrow < n ? n - arrow - 2 : 0;
    trim(&ph, &phn);
    trim(&codes, &cn);
    char name[256];
    size_t first = 0;
    while (first < phn && ph[first] != '|')
        first++;
    while (first && is_space(ph[first - 1]))
        first--;
    snprintf(name, sizeof name, "%.*s", (int)first, ph);
    int64_t e = lex_add_entry(ps->lx, ps->section, kind, ps->name, ps->line, name);
    if (e < 0)
        return -1;
    if (ps->section != LEX_DISCARD) {
        if (!cn) {
            fail(ps, "no code after '=>'");
            return 0;
        }
        if (add_codes(ps, codes, cn) != 0)
            return -1;
    }
    return add_phrases(ps, (uint32_t)e, ph, phn);
}

static const char invalid_utf8[] = "invalid UTF-8";

/* What keeps the character at p (n bytes left) out of a text file: NULL
 * when nothing (*len gets its length), invalid_utf8, or "a control
 * character" (tabs and carriage returns are text; line ends are the
 * caller's). */
static const char *char_fault(const unsigned char *p, size_t n, size_t *len)
{
    size_t bad;
    *len = p[0] < 0x80 ? 1 : txt_utf8_seq(p, n, &bad);
    if (!*len)
        return invalid_utf8;
    return p[0] < 0x20 && p[0] != '\t' && p[0] != '\r' ? "a control character" : NULL;
}

int dict_check_text(const char *name, const char *text, size_t len, buf *err)
{
    const unsigned char *p = (const unsigned char *)text;
    unsigned line = 1;
    for (size_t i = 0, n; i < len; i += n) {
        const char *why = p[i] == '\n' ? (n = 1, NULL) : char_fault(p + i, len - i, &n);
        if (why) {
            buf_printf(err, "%s:%u: %s (is this a text file?)\n", name, line, why);
            return -1;
        }
        line += p[i] == '\n';
    }
    return 0;
}

/* Checks that the line is text: valid UTF-8 and no NUL or control bytes. */
static int line_is_text(parser_state *ps, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0, len; i < n; i += len) {
        const char *why = char_fault(p + i, n - i, &len);
        if (why) {
            fail(ps, "%s%s", why, why == invalid_utf8 ? "" : " (is this a text file?)");
            return 0;
        }
    }
    return 1;
}

static int one_line(parser_state *ps, const char *s, size_t n)
{
    if (n > DICT_MAX_LINE) {
        fail(ps, "a line longer than %d bytes", DICT_MAX_LINE);
        return 0;
    }
    if (!line_is_text(ps, s, n))
        return 0;
    n = strip_comment(s, n);
    trim(&s, &n);
    if (!n)
        return 0;
    if (s[0] == '[')
        return section_line(ps, s, n);
    arena_reset(&ps->scratch);
    return entry_line(ps, s, n);
}

int64_t dict_load_text(lexicon *lx, const char *name, const char *text, size_t len, buf *err, buf *warn)
{
    parser_state ps = {lx, name, 0, LEX_ACTOR, err, warn, 0, {0}};
    arena_init(&ps.scratch, 0);
    uint32_t before = lx->nentries;
    int rc = 0;
    size_t pos = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        pos = 3; /* a byte-order mark */
    while (pos < len && rc == 0) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        ps.line++;
        rc = one_line(&ps, text + pos, end - pos);
        pos = end + 1;
    }
    arena_free(&ps.scratch);
    if (rc != 0) {
        buf_printf(err, "%s: out of memory\n", name);
        return -1;
    }
    if (ps.errors > MAX_ERRORS)
        buf_printf(err, "%s: %d more errors\n", name, ps.errors - MAX_ERRORS);
    return ps.errors ? -1 : (int64_t)(lx->nentries - before);
}

char *dict_read_file(const char *path, size_t max, size_t *len, buf *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        buf_printf(err, "%s: cannot open (%s)\n", path, strerror(errno));
        return NULL;
    }
    buf b = BUF_INIT;
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len <= max)
        buf_append(&b, chunk, got);
    int bad = ferror(f);
    fclose(f);
    if (bad || b.failed || b.len > max) {
        buf_printf(err, "%s: %s\n", path, bad ? "read error" : b.failed ? "out of memory" : "file too large");
        buf_free(&b);
        return NULL;
    }
    buf_putc(&b, 0);
    if (b.failed) {
        buf_free(&b);
        return NULL;
    }
    *len = b.len - 1;
    return b.p;
}

int64_t dict_load_file(lexicon *lx, const char *path, buf *err, buf *warn)
{
    size_t len;
    char *text = dict_read_file(path, (size_t)1 << 30, &len, err);
    if (!text)
        return -1;
    int64_t n = dict_load_text(lx, path, text, len, err, warn);
    mem_free(text);
    return n;
}

/* The bytes of p[0..n) that are not UTF-8 read as Latin-1 into out;
 * returns how many there were and the line of the first in *first. */
static size_t latin1_bytes(const unsigned char *p, size_t n, buf *out, unsigned *first)
{
    size_t count = 0;
    unsigned line = 1;
    for (size_t i = 0, k; i < n; i += k) {
        const char *why = p[i] == '\n' ? (k = 1, NULL) : char_fault(p + i, n - i, &k);
        if (why == invalid_utf8) {
            k = 1;
            if (!count++)
                *first = line;
            buf_putc(out, (char)(0xC0 | (p[i] >> 6)));
            buf_putc(out, (char)(0x80 | (p[i] & 0x3F)));
            continue;
        }
        line += p[i] == '\n';
        buf_append(out, (const char *)p + i, k);
    }
    return count;
}

char *dict_legacy_text(const char *name, char *raw, size_t *len, buf *warn, buf *err)
{
    buf probe = BUF_INIT;
    if (dict_check_text(name, raw, *len, &probe) == 0) {
        buf_free(&probe);
        return raw;
    }
    int binary = !strstr(probe.p ? probe.p : "", invalid_utf8);
    buf_free(&probe);
    buf out = BUF_INIT;
    unsigned first = 0;
    size_t count = binary ? 0 : latin1_bytes((const unsigned char *)raw, *len, &out, &first);
    if (binary || out.failed || dict_check_text(name, out.p ? out.p : "", out.len, err) != 0) {
        if (binary)
            dict_check_text(name, raw, *len, err); /* the control character, with its line */
        else if (out.failed)
            buf_printf(err, "%s: out of memory\n", name);
        mem_free(raw);
        buf_free(&out);
        return NULL;
    }
    buf_printf(warn, "%s:%u: not UTF-8 (%zu byte%s in the file); read as Latin-1\n", name, first, count,
               count == 1 ? "" : "s");
    mem_free(raw);
    *len = out.len;
    return out.p; /* NUL-terminated by buf */
}

char *dict_read_legacy(const char *path, size_t max, size_t *len, buf *warn, buf *err)
{
    char *raw = dict_read_file(path, max, len, err);
    return raw ? dict_legacy_text(path, raw, len, warn, err) : NULL;
}
