/*
 * input.c - document sources: whole files and JSON lines, with bounded memory.
 */
#include "io/input.h"

#include <errno.h>
#include <jansson.h>
#include <string.h>
#include <sys/stat.h>

#include "text/norm.h"
#include "time/calendar.h"

#define CHUNK (64u * 1024u)

struct in_reader {
    FILE *f;
    int owns_file;
    char *name;
    in_format fmt;
    size_t max_doc;
    size_t max_line;
    int done;
    unsigned long line;
    /* chunked reading for JSON lines */
    char *chunk;
    size_t chunk_len, chunk_pos;
    buf cur; /* the line being assembled */
};

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    if (m > n)
        return 0;
    for (size_t k = 0; k < m; k++) {
        char c = s[n - m + k];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != suffix[k])
            return 0;
    }
    return 1;
}

in_format in_format_for(const char *path)
{
    if (strcmp(path, "-") == 0)
        return IN_JSONL;
    if (ends_with(path, ".jsonl") || ends_with(path, ".ndjson") || ends_with(path, ".json"))
        return IN_JSONL;
    if (ends_with(path, ".html") || ends_with(path, ".htm") || ends_with(path, ".xhtml"))
        return IN_HTML;
    return IN_TXT;
}

in_format in_format_parse(const char *name)
{
    if (strcmp(name, "txt") == 0 || strcmp(name, "text") == 0)
        return IN_TXT;
    if (strcmp(name, "jsonl") == 0)
        return IN_JSONL;
    if (strcmp(name, "html") == 0)
        return IN_HTML;
    return IN_AUTO;
}

const char *in_name(const in_reader *r) { return r->name; }

in_reader *in_open(const char *path, in_format fmt, FILE *stdin_file, size_t max_doc_bytes, buf *err)
{
    in_reader *r = mem_calloc(1, sizeof *r);
    if (!r) {
        buf_printf(err, "%s: out of memory", path);
        return NULL;
    }
    int is_stdin = strcmp(path, "-") == 0;
    r->name = mem_strndup(is_stdin ? "<stdin>" : path, strlen(is_stdin ? "<stdin>" : path));
    r->fmt = fmt == IN_AUTO ? in_format_for(path) : fmt;
    r->max_doc = max_doc_bytes;
    r->max_line = max_doc_bytes * 2 + CHUNK;
    if (is_stdin) {
        r->f = stdin_file;
    } else {
        r->f = fopen(path, "rb");
        r->owns_file = 1;
        struct stat st;
        if (r->f && fstat(fileno(r->f), &st) == 0 && S_ISDIR(st.st_mode)) {
            fclose(r->f);
            r->f = NULL;
            errno = EISDIR;
        }
    }
    if (!r->f || !r->name) {
        buf_printf(err, "%s: cannot open: %s", path, r->name ? strerror(errno) : "out of memory");
        r->owns_file = 0;
        in_close(r);
        return NULL;
    }
    return r;
}

void in_close(in_reader *r)
{
    if (!r)
        return;
    if (r->owns_file && r->f)
        fclose(r->f);
    mem_free(r->name);
    mem_free(r->chunk);
    buf_free(&r->cur);
    mem_free(r);
}

/* ---- sniffing ---- */

const char *in_sniff_binary(const unsigned char *s, size_t n, char *why, size_t why_size)
{
    static const struct {
        const char *magic;
        size_t len;
        const char *what;
    } magics[] = {
        {"%PDF-", 5, "a PDF document"},
        {"PK\x03\x04", 4, "a ZIP archive (or DOCX/XLSX)"},
        {"\x1f\x8b", 2, "gzip-compressed data; decompress it first (zcat FILE | khaldun ... -)"},
        {"\x89PNG", 4, "a PNG image"},
        {"GIF8", 4, "a GIF image"},
        {"\xff\xd8\xff", 3, "a JPEG image"},
        {"\x7f" "ELF", 4, "an executable (ELF)"},
        {"BZh", 3, "bzip2-compressed data"},
        {"\xfd" "7zXZ", 5, "xz-compressed data"},
        {"SQLite format 3", 15, "an SQLite database"},
    };
    for (size_t k = 0; k < sizeof magics / sizeof magics[0]; k++) {
        if (n >= magics[k].len && memcmp(s, magics[k].magic, magics[k].len) == 0) {
            snprintf(why, why_size, "%s", magics[k].what);
            return why;
        }
    }
    if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
        snprintf(why, why_size, "UTF-16 text; convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)");
        return why;
    }
    size_t limit = 64u * 1024u, seen = n < limit ? n : limit;
    size_t suspect = txt_count_suspect_bytes(s, n, limit);
    if (seen > 0 && suspect >= 8 && suspect * 20 > seen) {
        const unsigned char *nul = memchr(s, 0, seen);
        if (nul)
            snprintf(why, why_size, "binary data (%zu of its first %zu bytes are not text; NUL at byte %zu)",
                     suspect, seen, (size_t)(nul - s));
        else
            snprintf(why, why_size, "binary data (%zu of its first %zu bytes are not text)", suspect, seen);
        return why;
    }
    return NULL;
}

/* ---- whole files ---- */

static int read_whole(in_reader *r, in_doc *out, arena *a, buf *err)
{
    r->done = 1;
    struct stat st;
    int fd = fileno(r->f);
    int regular = fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    if (regular && (size_t)st.st_size > r->max_doc) {
        buf_printf(err, "%s: %lld bytes is over the document size limit of %zu bytes (--max-doc-bytes); skipped",
                   r->name, (long long)st.st_size, r->max_doc);
        return IN_SKIP;
    }
    size_t cap = (regular && st.st_size > 0) ? (size_t)st.st_size + 1 : CHUNK;
    char *data = mem_alloc(cap);
    size_t len = 0;
    if (!data) {
        buf_printf(err, "%s: out of memory", r->name);
        return IN_FAIL;
    }
    for (;;) {
        if (len == cap) {
            size_t ncap = cap * 2 > r->max_doc + 1 ? r->max_doc + 1 : cap * 2;
            if (ncap <= cap) {
                mem_free(data);
                buf_printf(err, "%s: over the document size limit of %zu bytes (--max-doc-bytes); skipped",
                           r->name, r->max_doc);
                while (fgetc(r->f) != EOF) { /* drain a pipe so the writer is not blocked */
                }
                return IN_SKIP;
            }
            char *nd = mem_realloc(data, ncap);
            if (!nd) {
                mem_free(data);
                buf_printf(err, "%s: out of memory", r->name);
                return IN_FAIL;
            }
            data = nd;
            cap = ncap;
        }
        size_t got = fread(data + len, 1, cap - len, r->f);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(r->f)) {
        mem_free(data);
        buf_printf(err, "%s: read error: %s", r->name, strerror(errno));
        return IN_FAIL;
    }
    char why[160];
    if (in_sniff_binary((const unsigned char *)data, len, why, sizeof why)) {
        mem_free(data);
        buf_printf(err, "%s: looks like %s; skipped", r->name, why);
        return IN_SKIP;
    }
    char *text = arena_alloc(a, len + 1);
    if (!text) {
        mem_free(data);
        buf_printf(err, "%s: out of memory", r->name);
        return IN_FAIL;
    }
    memcpy(text, data, len);
    text[len] = '\0';
    mem_free(data);
    memset(out, 0, sizeof *out);
    out->text = text;
    out->len = len;
    out->format = r->fmt == IN_HTML ? IN_HTML : IN_TXT;
    return IN_DOC;
}

/* ---- JSON lines ---- */

/* Fills r->cur with the next line (without its newline).  Returns 1 for a
 * line, 0 at the end, 2 for a line that was too long (skipped), -1 on error. */
static int next_line(in_reader *r)
{
    buf_clear(&r->cur);
    int too_long = 0, any = 0;
    if (!r->chunk && !(r->chunk = mem_alloc(CHUNK)))
        return -1;
    for (;;) {
        if (r->chunk_pos == r->chunk_len) {
            r->chunk_len = fread(r->chunk, 1, CHUNK, r->f);
            r->chunk_pos = 0;
            if (r->chunk_len == 0) {
                if (ferror(r->f))
                    return -1;
                if (!any)
                    return 0;
                break;
            }
        }
        any = 1;
        const char *p = r->chunk + r->chunk_pos;
        size_t avail = r->chunk_len - r->chunk_pos;
        const char *nl = memchr(p, '\n', avail);
        size_t take = nl ? (size_t)(nl - p) : avail;
        if (!too_long) {
            if (r->cur.len + take > r->max_line)
                too_long = 1;
            else
                buf_append(&r->cur, p, take);
        }
        r->chunk_pos += take + (nl ? 1 : 0);
        if (nl)
            break;
    }
    r->line++;
    if (too_long)
        return 2;
    if (r->cur.failed)
        return -1;
    if (r->cur.len && r->cur.p[r->cur.len - 1] == '\r')
        r->cur.p[--r->cur.len] = '\0';
    return 1;
}

/* Copies a JSON line into out with invalid UTF-8 replaced by U+FFFD and raw
 * control characters by spaces; the byte offsets of the first of each go
 * to *first_bad and *first_ctl (SIZE_MAX when none). */
static void repair_line(const buf *in, buf *out, size_t *first_bad, size_t *first_ctl)
{
    buf_clear(out);
    *first_bad = *first_ctl = SIZE_MAX;
    const unsigned char *s = (const unsigned char *)in->p;
    size_t n = in->len, i = 0;
    while (i < n) {
        size_t run = i;
        while (run < n && s[run] >= 0x20 && s[run] < 0x80)
            run++;
        buf_append(out, s + i, run - i);
        if (run >= n)
            break;
        i = run;
        if (s[i] < 0x20) {
            if (*first_ctl == SIZE_MAX)
                *first_ctl = i;
            buf_putc(out, ' ');
            i++;
            continue;
        }
        size_t bad = 0, len = txt_utf8_seq(s + i, n - i, &bad);
        if (len) {
            buf_append(out, s + i, len);
            i += len;
        } else {
            if (*first_bad == SIZE_MAX)
                *first_bad = i;
            buf_append(out, "\xEF\xBF\xBD", 3);
            i += bad;
        }
    }
}

static const char *opt_string(json_t *obj, const char *key, in_reader *r, arena *a, buf *warn)
{
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return NULL;
    if (json_is_string(v))
        return arena_strndup(a, json_string_value(v), json_string_length(v));
    if (json_is_integer(v) && strcmp(key, "id") == 0) {
        char tmp[32];
        snprintf(tmp, sizeof tmp, "%lld", (long long)json_integer_value(v));
        return arena_strndup(a, tmp, strlen(tmp));
    }
    buf_printf(warn, "%s:%lu: field \"%s\" is not a string; ignored\n", r->name, r->line, key);
    return NULL;
}

static int parse_json_line(in_reader *r, const buf *line, in_doc *out, arena *a, buf *err, buf *warn)
{
    json_error_t jerr;
    json_t *obj = json_loadb(line->p, line->len, JSON_ALLOW_NUL, &jerr);
    if (!obj) {
        buf_printf(err, "%s:%lu: malformed JSON at column %d: %s; skipped", r->name, r->line,
                   jerr.column, jerr.text);
        return IN_SKIP;
    }
    int rc = IN_DOC;
    memset(out, 0, sizeof *out);
    json_t *text = json_object_get(obj, "text");
    if (!json_is_object(obj)) {
        buf_printf(err, "%s:%lu: expected a JSON object with a \"text\" field; skipped", r->name, r->line);
        rc = IN_SKIP;
    } else if (!text || !json_is_string(text)) {
        buf_printf(err, "%s:%lu: no \"text\" string in the object; skipped", r->name, r->line);
        rc = IN_SKIP;
    } else if (json_string_length(text) > r->max_doc) {
        buf_printf(err, "%s:%lu: text of %zu bytes is over the document size limit of %zu bytes (--max-doc-bytes); skipped",
                   r->name, r->line, json_string_length(text), r->max_doc);
        rc = IN_SKIP;
    } else {
        out->len = json_string_length(text);
        out->text = arena_strndup(a, json_string_value(text), out->len);
        out->id = opt_string(obj, "id", r, a, warn);
        out->title = opt_string(obj, "title", r, a, warn);
        out->source = opt_string(obj, "source", r, a, warn);
        out->url = opt_string(obj, "url", r, a, warn);
        const char *date = opt_string(obj, "date", r, a, warn);
        char norm[11];
        if (date && in_valid_date(date, norm)) {
            out->date = arena_strndup(a, norm, 10);
        } else if (date) {
            buf_printf(warn, "%s:%lu: date \"%.40s\" is not YYYY-MM-DD; ignored\n", r->name, r->line, date);
        }
        out->format = IN_TXT;
        out->line = r->line;
        if (!out->text || a->failed) {
            buf_printf(err, "%s:%lu: out of memory", r->name, r->line);
            rc = IN_FAIL;
        }
    }
    json_decref(obj);
    return rc;
}

static int next_json_doc(in_reader *r, in_doc *out, arena *a, buf *err, buf *warn)
{
    for (;;) {
        int got = next_line(r);
        if (got == 0) {
            r->done = 1;
            return IN_END;
        }
        if (got < 0) {
            r->done = 1;
            buf_printf(err, "%s:%lu: read error: %s", r->name, r->line + 1,
                       ferror(r->f) ? strerror(errno) : "out of memory");
            return IN_FAIL;
        }
        if (got == 2) {
            buf_printf(err, "%s:%lu: line longer than %zu bytes (--max-doc-bytes); skipped", r->name,
                       r->line, r->max_line);
            return IN_SKIP;
        }
        size_t k = 0;
        if (r->line == 1 && r->cur.len >= 3 && memcmp(r->cur.p, "\xEF\xBB\xBF", 3) == 0)
            k = 3; /* byte order mark */
        while (k < r->cur.len && (r->cur.p[k] == ' ' || r->cur.p[k] == '\t'))
            k++;
        if (k == r->cur.len)
            continue; /* blank line */
        if (k) {
            memmove(r->cur.p, r->cur.p + k, r->cur.len - k + 1);
            r->cur.len -= k;
        }
        buf fixed = BUF_INIT;
        size_t first_bad, first_ctl;
        repair_line(&r->cur, &fixed, &first_bad, &first_ctl);
        if (fixed.failed) {
            buf_free(&fixed);
            buf_printf(err, "%s:%lu: out of memory", r->name, r->line);
            return IN_FAIL;
        }
        if (first_bad != SIZE_MAX)
            buf_printf(warn, "%s:%lu: invalid UTF-8 at byte %zu of the line, replaced by U+FFFD\n",
                       r->name, r->line, first_bad + k);
        if (first_ctl != SIZE_MAX)
            buf_printf(warn, "%s:%lu: raw control character at byte %zu of the line, replaced by a space\n",
                       r->name, r->line, first_ctl + k);
        int rc = parse_json_line(r, &fixed, out, a, err, warn);
        buf_free(&fixed);
        return rc;
    }
}

int in_next(in_reader *r, in_doc *out, arena *a, buf *err, buf *warn)
{
    if (r->done)
        return IN_END;
    if (r->fmt == IN_JSONL)
        return next_json_doc(r, out, a, err, warn);
    return read_whole(r, out, a, err);
}

int in_valid_date(const char *s, char out[11])
{
    int32_t day;
    if (!date_parse_iso(s, strnlen(s, 11), &day))
        return 0;
    memcpy(out, s, 10);
    out[10] = '\0';
    return 1;
}
