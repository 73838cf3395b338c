/*
 * cameo.c - reading the CAMEO event code table.
 */
#include "code/cameo.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "lex/dict.h"

static int by_code(const void *a, const void *b)
{
    return strcmp(((const cameo_code *)a)->code, ((const cameo_code *)b)->code);
}

/* Cuts the line s (NUL-terminated, writable) into n fields at '|', each
 * trimmed.  Returns the number of fields. */
static int fields(char *s, char **f, int max)
{
    int n = 0;
    for (char *p = s; n < max;) {
        char *bar = strchr(p, '|');
        if (bar)
            *bar = 0;
        while (*p == ' ' || *p == '\t')
            p++;
        char *e = p + strlen(p);
        while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
            *--e = 0;
        f[n++] = p;
        if (!bar)
            break;
        p = bar + 1;
    }
    return n;
}

static int digits(const char *s, size_t lo, size_t hi)
{
    size_t n = strlen(s);
    if (n < lo || n > hi)
        return 0;
    for (size_t k = 0; k < n; k++)
        if (s[k] < '0' || s[k] > '9')
            return 0;
    return 1;
}

/* Reads one non-comment line into c; returns 0 or a reason. */
static const char *parse_line(char *line, cameo_code *c)
{
    char *f[7];
    if (fields(line, f, 7) != 6)
        return "expected CODE | QUAD | GOLDSTEIN | PLOVER | MODE | NAME";
    if (!digits(f[0], 2, 4))
        return "the code is 2 to 4 digits";
    if (!digits(f[1], 1, 1) || f[1][0] < '1' || f[1][0] > '4')
        return "QuadClass is 1, 2, 3 or 4";
    char *end;
    double g = strtod(f[2], &end);
    if (end == f[2] || *end || g < -10.0 || g > 10.0)
        return "the Goldstein value is a number from -10 to 10";
    if (!*f[3] || !*f[5])
        return "the PLOVER type and the name cannot be empty";
    memcpy(c->code, f[0], strlen(f[0]) + 1);
    c->quad = (uint8_t)(f[1][0] - '0');
    c->goldstein = (float)g;
    c->plover = f[3];
    c->mode = strcmp(f[4], "-") == 0 ? "" : f[4];
    c->name = f[5];
    return NULL;
}

int cameo_load_text(cameo_table *t, const char *name, const char *text, size_t len, buf *err)
{
    memset(t, 0, sizeof *t);
    t->text = mem_strndup(text, len);
    size_t lines = 1;
    for (size_t k = 0; k < len; k++)
        lines += text[k] == '\n';
    t->codes = mem_calloc(lines, sizeof *t->codes);
    if (!t->text || !t->codes) {
        cameo_free(t);
        return -1;
    }
    uint32_t no = 0;
    for (char *line = t->text; line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = 0;
        no++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = 0;
        char *p = line;
        while (*p == ' ' || *p == '\t' || *p == '\r')
            p++;
        if (*p) {
            const char *why = parse_line(p, &t->codes[t->n]);
            if (why) {
                buf_printf(err, "%s:%u: %s\n", name, no, why);
                cameo_free(t);
                return -1;
            }
            t->n++;
        }
        line = nl ? nl + 1 : NULL;
    }
    qsort(t->codes, t->n, sizeof *t->codes, by_code);
    for (uint32_t k = 1; k < t->n; k++)
        if (strcmp(t->codes[k - 1].code, t->codes[k].code) == 0) {
            buf_printf(err, "%s: code %s is listed twice\n", name, t->codes[k].code);
            cameo_free(t);
            return -1;
        }
    return 0;
}

int cameo_load(cameo_table *t, const char *path, buf *err)
{
    size_t len;
    char *text = dict_read_file(path, (size_t)16 << 20, &len, err);
    if (!text)
        return -1;
    int rc = cameo_load_text(t, path, text, len, err);
    mem_free(text);
    return rc;
}

void cameo_free(cameo_table *t)
{
    mem_free(t->codes);
    mem_free(t->text);
    memset(t, 0, sizeof *t);
}

const cameo_code *cameo_find(const cameo_table *t, const char *code)
{
    cameo_code key;
    size_t n = strlen(code);
    if (n >= sizeof key.code)
        return NULL;
    memcpy(key.code, code, n + 1);
    return t->n ? bsearch(&key, t->codes, t->n, sizeof *t->codes, by_code) : NULL;
}
