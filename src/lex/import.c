/*
 * import.c - TABARI and PETRARCH actor, agent and discard dictionaries.
 */
#include "lex/import.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/mem.h"
#include "lex/dict.h"

enum { MAX_ERRORS = 20, MAX_SUBST = 32, MAX_SUBST_ITEMS = 16, MAX_ITEM = 64, MAX_MARKERS = 3 };

typedef struct subst {
    char marker[MAX_ITEM];
    char items[MAX_SUBST_ITEMS][MAX_ITEM];
    int nitems;
} subst;

typedef struct importer {
    lexicon *lx;
    const char *name;
    unsigned section;
    int tabari;
    uint32_t line;
    buf *err, *warn;
    int errors;
    int in_comment, in_list; /* inside <!-- -->; inside <NOUN> or <ADJECTIVE> */
    int64_t entry;           /* the entry synonyms and restrictions join, or -1 */
    int has_default;
    subst subs[MAX_SUBST];
    int nsubs;
    arena scratch;
} importer;

static void problem(importer *im, buf *to, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void problem(importer *im, buf *to, const char *fmt, ...)
{
    if (to == im->err && im->errors++ >= MAX_ERRORS)
        return;
    va_list ap;
    va_start(ap, fmt);
    buf_printf(to, "%s:%u: ", im->name, im->line);
    buf_vprintf(to, fmt, ap);
    buf_putc(to, '\n');
    va_end(ap);
}

int import_format_of(const char *path)
{
    static const char *const ext[] = {".actors", ".agents", ".verbs"};
    size_t n = strlen(path);
    for (size_t k = 0; k < sizeof ext / sizeof ext[0]; k++) {
        size_t e = strlen(ext[k]);
        if (n >= e && strcmp(path + n - e, ext[k]) == 0)
            return IMPORT_TABARI;
    }
    return IMPORT_PETRARCH;
}

static int blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

static void trim(const char **s, size_t *n)
{
    while (*n && blank(**s))
        (*s)++, (*n)--;
    while (*n && blank((*s)[*n - 1]))
        (*n)--;
}

/* Copies the line into out without its comments: "<!-- ... -->" (possibly
 * spanning lines), '#' and ';' to the end of the line.  Returns its length. */
static size_t uncomment(importer *im, const char *s, size_t n, char *out)
{
    size_t len = 0;
    int in_code = 0;
    for (size_t i = 0; i < n; i++) {
        if (im->in_comment) {
            if (i + 2 < n + 0 && s[i] == '-' && s[i + 1] == '-' && s[i + 2] == '>') {
                im->in_comment = 0;
                i += 2;
            }
            continue;
        }
        if (i + 3 < n && memcmp(s + i, "<!--", 4) == 0) {
            im->in_comment = 1;
            i += 3;
            continue;
        }
        if ((s[i] == '#' || s[i] == ';') && !in_code)
            break;
        in_code = s[i] == '[' ? 1 : s[i] == ']' ? 0 : in_code; /* "[###]" is a code, not a comment */
        out[len++] = s[i];
    }
    out[len] = 0;
    return len;
}

/* ---- dates and codes ---- */

/* Days since 1970-01-01 of YYMMDD or YYYYMMDD; *ok = 0 when unreadable. */
static int32_t peer_day(const char *s, size_t n, int *ok)
{
    char iso[11];
    *ok = 0;
    if (n != 6 && n != 8)
        return 0;
    for (size_t k = 0; k < n; k++)
        if (s[k] < '0' || s[k] > '9')
            return 0;
    if (n == 6) {
        int yy = (s[0] - '0') * 10 + (s[1] - '0');
        snprintf(iso, sizeof iso, "%s%.2s-%.2s-%.2s", yy <= 30 ? "20" : "19", s, s + 2, s + 4);
    } else {
        snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
    }
    return lex_parse_day(iso, 10, ok);
}

/* Reads a restriction ("<D", ">D", "D-D", blanks allowed) into [from, to). */
static int restriction(const char *s, size_t n, int32_t *from, int32_t *to)
{
    char t[40];
    size_t m = 0;
    for (size_t k = 0; k < n && m + 1 < sizeof t; k++)
        if (!blank(s[k]))
            t[m++] = s[k];
    t[m] = 0;
    int ok = 0;
    if (m > 1 && (t[0] == '<' || t[0] == '>')) {
        int32_t d = peer_day(t + 1, m - 1, &ok);
        *from = t[0] == '<' ? LEX_OPEN_START : d;
        *to = t[0] == '<' ? d + 1 : LEX_OPEN_END;
        return ok ? 0 : -1;
    }
    const char *dash = memchr(t, '-', m);
    if (!dash)
        return -1;
    int ok2 = 0;
    *from = peer_day(t, (size_t)(dash - t), &ok);
    *to = peer_day(dash + 1, m - (size_t)(dash - t) - 1, &ok2) + 1;
    return ok && ok2 && *from < *to ? 0 : -1;
}

/* A code as stored: letters (in capitals) and digits, "---" (null),
 * "+++" (complex: TABARI leaves such sentences uncoded), agents'
 * "~" removed from the front or kept at the back, a compound "A/B" cut to
 * its first part, except in a TABARI actor, where it is a coded compound
 * (the manual, 6.5.1: "FRO/BIL/SAM", each code an actor of its own).
 * Returns 0, or -1 when it is not a code. */
static int clean_code(importer *im, const char *s, size_t n, char *out)
{
    trim(&s, &n);
    const char *slash = memchr(s, '/', n);
    int compound = slash && im->tabari && im->section == LEX_ACTOR;
    if (slash && !compound)
        n = (size_t)(slash - s);
    int prefix = 0;
    if (im->section == LEX_AGENT && n && s[0] == '~')
        s++, n--;
    else if (im->section == LEX_AGENT && n && s[n - 1] == '~')
        n--, prefix = 1;
    trim(&s, &n);
    if (n == 0 || n + (size_t)prefix >= LEX_CODE_MAX)
        return -1;
    int special = n == 3 && (memcmp(s, "---", 3) == 0 || memcmp(s, "+++", 3) == 0); /* null, complex */
    for (size_t k = 0; k < n && !special; k++)
        if (!((s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= 'a' && s[k] <= 'z') || (s[k] >= '0' && s[k] <= '9') ||
              (compound && s[k] == '/' && k > 0 && k + 1 < n && s[k + 1] != '/')))
            return -1;
    for (size_t k = 0; k < n; k++)
        out[k] = (char)(s[k] >= 'a' && s[k] <= 'z' ? s[k] - 32 : s[k]);
    if (prefix)
        out[n++] = '~';
    out[n] = 0;
    return 0;
}

/* One [code] or [code restriction] block's contents. */
static int code_block(importer *im, const char *s, size_t n)
{
    trim(&s, &n);
    if (n >= 3 && memcmp(s, "###", 3) == 0) { /* TABARI's discard code */
        if (n == 3 && im->lx->entries[im->entry].ncodes && !im->has_default++)
            return lex_add_code(im->lx, "###", LEX_UNDATED, LEX_OPEN_END); /* "[USR <911226] [###]": the other dates */
        if (n == 3)
            im->lx->entries[im->entry].section = LEX_DISCARD;
        else
            problem(im, im->warn, "a discard code with a date restriction is not supported; skipped");
        return 0;
    }
    size_t sp = 0;
    while (sp < n && !blank(s[sp]) && s[sp] != '<' && s[sp] != '>')
        sp++;
    char code[LEX_CODE_MAX];
    if (clean_code(im, s, sp, code) != 0) {
        problem(im, im->err, "\"%.*s\" is not a code", (int)(sp < 40 ? sp : 40), s);
        return 0;
    }
    int32_t from = LEX_UNDATED, to = LEX_OPEN_END;
    if (sp < n && restriction(s + sp, n - sp, &from, &to) != 0) {
        problem(im, im->warn, "date restriction \"%.*s\" cannot be read; skipped", (int)(n - sp), s + sp);
        return 0;
    }
    if (from == LEX_UNDATED && im->has_default++) {
        problem(im, im->warn, "a second code without a date restriction (%s); skipped", code);
        return 0;
    }
    return lex_add_code(im->lx, code, from, to);
}

/* Every [...] block in s. */
static int code_blocks(importer *im, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ']' || s[i] == '}') {
            problem(im, im->err, "'%c' without its opening bracket", s[i]);
            return 0;
        }
        if (s[i] != '[')
            continue;
        const char *close = s + i + 1; /* ']', or '}' as some PETRARCH files have it */
        while (close < s + n && *close != ']' && *close != '}')
            close++;
        if (close == s + n) {
            problem(im, im->err, "'[' without its ']'");
            return 0;
        }
        if (code_block(im, s + i + 1, (size_t)(close - s) - i - 1) != 0)
            return -1;
        i = (size_t)(close - s);
    }
    return 0;
}

/* ---- phrases ---- */

/* Adds one phrase as written in the file ('_' joins words; TABARI: a
 * space between words lets others come between them, "PRINCE DOL_AMROTH",
 * a last word without '_' or '=' is a stem, one with '_' takes the
 * regular plural "S" as well, one with '=' is that word only). */
static int add_words(importer *im, const char *s, size_t n)
{
    char *text = arena_alloc(&im->scratch, n + 1);
    if (!text)
        return -1;
    int whole = im->tabari && n > 1 && s[n - 1] == '='; /* TABARI's "MOUSE=": this word, no regular endings */
    if (whole)
        n--;
    /* TABARI: '_' joins words, a blank lets others come between (not in a discard phrase) */
    int gaps = im->tabari && im->section != LEX_DISCARD ? DICT_GAPS : 0;
    for (size_t k = 0; k < n; k++)
        text[k] = s[k] == '_' && !gaps ? ' ' : s[k];
    int stem = im->tabari && n && s[n - 1] != '_' && !whole;
    uint32_t replaced;
    int rc = dict_add_phrase(im->lx, (uint32_t)im->entry, text, n, gaps, stem, &im->scratch, &replaced);
    if (rc < 0)
        return -1;
    if (rc == 0 && im->tabari && !whole && !stem && n > 1) { /* "MUSLIM_": "Muslims" too (TABARI's regular plural) */
        char *plural = arena_alloc(&im->scratch, n + 1);
        if (!plural)
            return -1;
        size_t m = n;
        while (m && (text[m - 1] == ' ' || text[m - 1] == '_'))
            m--;
        memcpy(plural, text, m);
        plural[m] = 'S';
        if (dict_add_phrase(im->lx, (uint32_t)im->entry, plural, m + 1, gaps, 0, &im->scratch, &replaced) < 0)
            return -1;
    }
    if (rc == 1)
        problem(im, im->err, "a phrase with no words");
    if (rc == 2)
        problem(im, im->err, "a phrase with too many words");
    return 0;
}

/* The regular plural of the last word of a phrase (PETRARCH's rule). */
static void plural_of(const char *s, size_t n, char *out, size_t cap)
{
    if (n >= 2 && (s[n - 1] == 'Y' || s[n - 1] == 'y') && !strchr("AEIOUaeiou", s[n - 2]))
        snprintf(out, cap, "%.*sIES", (int)(n - 1), s);
    else if (n >= 2 && (s[n - 1] == 'S' || s[n - 1] == 's'))
        snprintf(out, cap, "%.*sES", (int)n, s);
    else
        snprintf(out, cap, "%.*sS", (int)n, s);
}

/* Adds phrase s with its !MARKER! expanded by every item of its set (at
 * most MAX_MARKERS markers in a phrase: the expansions multiply). */
static int add_expanded_at(importer *im, const char *s, size_t n, int depth)
{
    const char *m1 = memchr(s, '!', n);
    const char *m2 = m1 ? memchr(m1 + 1, '!', n - (size_t)(m1 + 1 - s)) : NULL;
    if (!m2)
        return add_words(im, s, n);
    size_t mlen = (size_t)(m2 - m1) + 1;
    if (depth == MAX_MARKERS) {
        problem(im, im->err, "more than %d substitution markers in a phrase", MAX_MARKERS);
        return 0;
    }
    for (int k = 0; k < im->nsubs; k++) {
        if (strlen(im->subs[k].marker) != mlen || memcmp(im->subs[k].marker, m1, mlen) != 0)
            continue;
        for (int j = 0; j < im->subs[k].nitems; j++) {
            buf b = BUF_INIT;
            buf_append(&b, s, (size_t)(m1 - s));
            buf_puts(&b, im->subs[k].items[j]);
            buf_append(&b, m2 + 1, n - (size_t)(m2 + 1 - s));
            int rc = b.failed ? -1 : add_expanded_at(im, b.p, b.len, depth + 1);
            buf_free(&b);
            if (rc != 0)
                return rc;
        }
        return 0;
    }
    problem(im, im->err, "substitution marker %.*s is not defined", (int)mlen, m1);
    return 0;
}

static int add_expanded(importer *im, const char *s, size_t n) { return add_expanded_at(im, s, n, 0); }

/* An agent phrase with its plurals: "{PLURAL}", "{}" or the regular one. */
static int add_agent_phrase(importer *im, const char *s, size_t n, const char *braces, size_t bn)
{
    if (add_expanded(im, s, n) != 0)
        return -1;
    if (im->tabari)
        return 0;
    if (braces) {
        const char *p = braces + 1;
        size_t pn = bn - 2;
        trim(&p, &pn);
        return pn ? add_expanded(im, p, pn) : 0;
    }
    if (memchr(s, '!', n))
        return 0; /* substitution sets list their own forms */
    char plural[512];
    size_t end = n;
    while (end && s[end - 1] == '_')
        end--;
    if (!end || end + 4 > sizeof plural)
        return 0;
    plural_of(s, end, plural, sizeof plural);
    return add_expanded(im, plural, strlen(plural));
}

/* ---- lines ---- */

/* "!MARKER! = A, B, C" */
static int substitution_line(importer *im, const char *s, size_t n)
{
    const char *eq = memchr(s, '=', n);
    const char *m2 = memchr(s + 1, '!', n - 1);
    if (!eq || !m2 || m2 > eq || im->nsubs == MAX_SUBST) {
        problem(im, im->err, "a substitution set is \"!MARKER! = A, B, C\" (at most %d sets)", MAX_SUBST);
        return 0;
    }
    subst *sb = &im->subs[im->nsubs];
    memset(sb, 0, sizeof *sb);
    snprintf(sb->marker, sizeof sb->marker, "%.*s", (int)(m2 - s) + 1, s);
    const char *p = eq + 1, *end = s + n;
    while (p < end && sb->nitems < MAX_SUBST_ITEMS) {
        const char *c = memchr(p, ',', (size_t)(end - p));
        const char *stop = c ? c : end;
        const char *it = p;
        size_t in = (size_t)(stop - p);
        trim(&it, &in);
        if (in && memchr(it, '!', in)) {
            problem(im, im->err, "a substitution item cannot hold a marker");
            return 0;
        }
        if (in && in < MAX_ITEM)
            snprintf(sb->items[sb->nitems++], MAX_ITEM, "%.*s", (int)in, it);
        p = stop + 1;
    }
    im->nsubs++;
    return 0;
}

/* Starts a new entry named by the phrase s[0..n). */
static int new_entry(importer *im, const char *s, size_t n)
{
    char name[256];
    snprintf(name, sizeof name, "%.*s", (int)n, s);
    for (char *c = name; *c; c++)
        *c = *c == '_' ? ' ' : *c;
    im->entry = lex_add_entry(im->lx, im->section, LK_NONE, im->name, im->line, name);
    im->has_default = 0;
    return im->entry < 0 ? -1 : 0;
}

/* A primary or '+' synonym line: phrase, optional {plural}, optional codes. */
static int phrase_line(importer *im, const char *s, size_t n, int synonym)
{
    if (synonym && im->entry < 0) {
        problem(im, im->err, "a '+' synonym with no entry above it");
        return 0;
    }
    const char *bracket = memchr(s, '[', n), *brace = memchr(s, '{', n);
    size_t pn = bracket ? (size_t)(bracket - s) : n;
    if (brace && (size_t)(brace - s) < pn)
        pn = (size_t)(brace - s);
    const char *p = s;
    size_t plen = pn;
    trim(&p, &plen);
    if (!plen) {
        problem(im, im->err, "a code with no phrase");
        return 0;
    }
    if (!synonym && new_entry(im, p, plen) != 0)
        return -1;
    if (im->section == LEX_DISCARD && !synonym) { /* "+": the whole story is not coded; else the sentence */
        int story = p[0] == '+';
        p += story, plen -= (size_t)story;
        if (lex_add_code(im->lx, story ? "+" : "-", LEX_UNDATED, LEX_OPEN_END) != 0)
            return -1;
    }
    const char *close = brace ? memchr(brace, '}', n - (size_t)(brace - s)) : NULL;
    if (brace && !close) {
        problem(im, im->err, "'{' without its '}'");
        return 0;
    }
    int rc = im->section == LEX_AGENT ? add_agent_phrase(im, p, plen, brace, close ? (size_t)(close - brace) + 1 : 0)
                                       : add_expanded(im, p, plen);
    if (rc != 0 || !bracket)
        return rc;
    if (im->section == LEX_DISCARD) {
        problem(im, im->err, "discards take no codes");
        return 0;
    }
    return code_blocks(im, bracket, n - (size_t)(bracket - s));
}

static int one_line(importer *im, const char *raw, size_t rn)
{
    char *line = arena_alloc(&im->scratch, rn + 1);
    if (!line)
        return -1;
    size_t n = uncomment(im, raw, rn, line);
    int indented = n && blank(line[0]);
    const char *s = line;
    trim(&s, &n);
    if (!n)
        return 0;
    if (s[0] == '<') { /* TABARI's <NOUN> and <ADJECTIVE> lists; other tags ("<! -- x -->") are skipped */
        const char *tag = s + 1 + (n > 1 && s[1] == '/');
        size_t left = n - (size_t)(tag - s);
        if ((left >= 5 && memcmp(tag, "NOUN>", 5) == 0) || (left >= 10 && memcmp(tag, "ADJECTIVE>", 10) == 0))
            im->in_list = s[1] != '/';
        return 0;
    }
    if (im->in_list)
        return 0;
    if (s[0] == '!' && memchr(s, '=', n))
        return substitution_line(im, s, n);
    if (indented && s[0] == '[') {
        if (im->entry < 0) {
            problem(im, im->err, "a code line with no entry above it");
            return 0;
        }
        return code_blocks(im, s, n);
    }
    if (s[0] == '+' && im->section != LEX_DISCARD)
        return phrase_line(im, s + 1, n - 1, 1);
    return phrase_line(im, s, n, 0);
}

int64_t import_text(lexicon *lx, const char *name, const char *text, size_t len, unsigned section, int format,
                    buf *err, buf *warn)
{
    importer *im = mem_calloc(1, sizeof *im);
    if (!im || section >= LEX_NSECTIONS) {
        mem_free(im);
        return -1;
    }
    *im = (importer){.lx = lx, .name = name, .section = section, .err = err, .warn = warn, .entry = -1};
    im->tabari = (format == IMPORT_AUTO ? import_format_of(name) : format) == IMPORT_TABARI;
    arena_init(&im->scratch, 0);
    uint32_t before = lx->nentries;
    int rc = 0;
    for (size_t pos = 0; pos < len && rc == 0;) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        im->line++;
        if (memchr(text + pos, 0, end - pos)) {
            problem(im, err, "a NUL byte (is this a text file?)");
            break;
        }
        arena_reset(&im->scratch);
        rc = end - pos > DICT_MAX_LINE ? (problem(im, err, "a line longer than %d bytes", DICT_MAX_LINE), 0)
                                       : one_line(im, text + pos, end - pos);
        pos = end + 1;
    }
    int errors = im->errors;
    arena_free(&im->scratch);
    mem_free(im);
    if (rc != 0) {
        buf_printf(err, "%s: out of memory\n", name);
        return -1;
    }
    if (errors > MAX_ERRORS)
        buf_printf(err, "%s: %d more errors\n", name, errors - MAX_ERRORS);
    return errors ? -1 : (int64_t)(lx->nentries - before);
}

int64_t import_file(lexicon *lx, const char *path, unsigned section, int format, buf *err, buf *warn)
{
    size_t len;
    char *text = dict_read_file(path, (size_t)1 << 30, &len, err);
    if (!text)
        return -1;
    int64_t n = import_text(lx, path, text, len, section, format, err, warn);
    mem_free(text);
    return n;
}
