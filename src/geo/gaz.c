/*
 * gaz.c - the gazetteer file: keys, checks, mapping, look-ups.
 */
#include "geo/gaz.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

/* ---- keys ---- */

/* Decodes one UTF-8 sequence at s[*i..n) (advancing *i); -1 when invalid. */
static int32_t next_cp(const char *s, size_t n, size_t *i)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + *i, (utf8proc_ssize_t)(n - *i), &cp);
    if (k <= 0) {
        (*i)++;
        return -1;
    }
    *i += (size_t)k;
    return cp;
}

/* Appends the folded letters of cp to w (lower-case ASCII letters and
 * digits); returns 0, 1 for a separator, 2 for a character dropped, -1 for
 * a letter of another script. */
static int fold_cp(int32_t cp, char *w, size_t *wn, size_t cap)
{
    if (cp < 128) {
        char c = (char)cp;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (*wn + 1 >= cap)
                return -1;
            w[(*wn)++] = c;
            return 0;
        }
        return c == '\'' || c == '.' || c == '`' ? 2 : 1;
    }
    if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BB || cp == 0x02BC || cp == 0x02BF || cp == 0x02BE ||
        cp == 0x00B4)
        return 2; /* apostrophes, ayn and hamza marks */
    utf8proc_int32_t dec[8];
    int last;
    utf8proc_ssize_t k = utf8proc_decompose_char(cp, dec, 8, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
                                                             UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD, &last);
    if (k <= 0 || k > 8) {
        utf8proc_category_t c = utf8proc_category(cp);
        return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO ? -1 : 1;
    }
    int any = 0;
    for (utf8proc_ssize_t j = 0; j < k; j++) {
        int32_t d = dec[j];
        if (d < 128) {
            int r = fold_cp(d, w, wn, cap);
            if (r < 0)
                return -1;
            any |= r == 0;
            if (r == 1)
                return 1;
        } else {
            utf8proc_category_t c = utf8proc_category(d);
            if (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO)
                return -1;
            if (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME)
                continue;
            return 1;
        }
    }
    return any ? 0 : 2;
}

/* Spelling variants of one word w[0..n) folded in place; returns the new
 * length. */
static size_t fold_word(char *w, size_t n)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        char c = w[i] == 'q' ? 'k' : w[i];
        if (m && w[m - 1] == c && !(c >= '0' && c <= '9'))
            continue; /* doubled letters */
        w[m++] = c;
    }
    if (m > 3 && w[m - 1] == 'h' && w[m - 2] == 'a')
        m--; /* Fallujah, Falluja */
    return m;
}

size_t gaz_key(const char *s, size_t n, char *out, size_t cap)
{
    enum { MAX_WORDS = 24 };
    char text[GAZ_KEY_MAX];
    size_t at[MAX_WORDS], wl[MAX_WORDS]; /* the words, folded, in text */
    unsigned nw = 0;
    size_t tn = 0, i = 0;
    if (cap < 2)
        return 0;
    for (;;) {
        int end = i >= n, r = 1;
        if (!end) {
            int32_t cp = next_cp(s, n, &i);
            r = cp < 0 ? 1 : fold_cp(cp, text, &tn, sizeof text);
            /* a single letter and a full stop ends a word: the initials of
             * "L.A." and "W.Va." stay apart ("l a", "w va"), and "La."
             * stays "la" */
            if (cp == '.' && tn == (nw ? at[nw - 1] + wl[nw - 1] : 0) + 1)
                r = 1;
            if (r < 0)
                return 0; /* another script, or too long */
            if (r != 1)
                continue;
        }
        size_t start = nw ? at[nw - 1] + wl[nw - 1] : 0;
        if (tn > start) {
            if (nw == MAX_WORDS)
                return 0;
            size_t m = fold_word(text + start, tn - start);
            at[nw] = start, wl[nw] = m;
            tn = start + m;
            nw++;
        }
        if (end)
            break;
    }
    size_t len = 0;
    for (unsigned k = 0; k < nw; k++) {
        const char *w = text + at[k];
        size_t m = wl[k];
        if (nw > 1 && k + 1 < nw && m == 2 && (memcmp(w, "al", 2) == 0 || memcmp(w, "el", 2) == 0))
            continue; /* al-Anbar, Ain al-Asad */
        if (nw > 1 && k == 0 && m == 3 && memcmp(w, "the", 3) == 0)
            continue;
        if (m == 5 && memcmp(w, "saint", 5) == 0)
            w = "st", m = 2;
        else if (m == 4 && memcmp(w, "fort", 4) == 0)
            w = "ft", m = 2;
        else if (m == 5 && memcmp(w, "mount", 5) == 0)
            w = "mt", m = 2;
        if (len + (len ? 1 : 0) + m + 1 > cap)
            return 0;
        if (len)
            out[len++] = ' ';
        memcpy(out + len, w, m);
        len += m;
    }
    out[len] = '\0';
    return len;
}

/* ---- the file ---- */

static int check_payload(gaz *g, const unsigned char *p, size_t n, buf *err)
{
    memset(g, 0, sizeof *g);
    if (n < sizeof(gaz_header) || ((uintptr_t)p & 7u)) {
        buf_puts(err, "too short to be a gazetteer");
        return -1;
    }
    const gaz_header *h = (const gaz_header *)(const void *)p;
    if (h->version != GAZ_VERSION) {
        buf_printf(err, "gazetteer format version %u, this khaldun reads version %u", h->version, GAZ_VERSION);
        return -1;
    }
    uint64_t pe = (uint64_t)h->places_at + (uint64_t)h->nplaces * sizeof(gaz_place);
    uint64_t ne = (uint64_t)h->names_at + (uint64_t)h->nnames * sizeof(gaz_name);
    uint64_t se = (uint64_t)h->strings_at + h->nstrings;
    if ((h->places_at | h->names_at | h->strings_at) & 7u || h->places_at < sizeof(gaz_header) || pe > n ||
        h->names_at < sizeof(gaz_header) || ne > n || h->strings_at < sizeof(gaz_header) || se > n ||
        h->nstrings == 0 || h->ncountries > h->nplaces) {
        buf_puts(err, "sections out of bounds");
        return -1;
    }
    g->h = h;
    g->places = (const gaz_place *)(const void *)(p + h->places_at);
    g->names = (const gaz_name *)(const void *)(p + h->names_at);
    g->strings = (const char *)p + h->strings_at;
    g->nplaces = h->nplaces, g->ncountries = h->ncountries, g->nnames = h->nnames, g->nstrings = h->nstrings;
    if (g->strings[g->nstrings - 1] != '\0') {
        buf_puts(err, "strings not terminated");
        return -1;
    }
    for (uint32_t k = 0; k < g->nplaces; k++) {
        const gaz_place *q = &g->places[k];
        if (q->name >= g->nstrings || q->parent > g->nplaces || memchr(q->country, 0, 4) == NULL ||
            q->kind == 0 || q->kind >= GK_NKINDS || q->lat < -90000000 || q->lat > 90000000 ||
            q->lon < -180000000 || q->lon > 180000000 || (k < g->ncountries && q->kind != GK_COUNTRY)) {
            buf_printf(err, "place %u is invalid", k);
            return -1;
        }
    }
    for (uint32_t k = 0; k < g->nnames; k++)
        if (g->names[k].key >= g->nstrings || (g->names[k].place & ~GAZ_ALT) >= g->nplaces) {
            buf_printf(err, "name %u is invalid", k);
            return -1;
        }
    return 0;
}

int gaz_from_payload(gaz *g, const void *p, size_t n, buf *err)
{
    int rc = check_payload(g, p, n, err);
    if (rc != 0)
        memset(g, 0, sizeof *g);
    return rc;
}

int gaz_open(gaz *g, const char *path, buf *err)
{
    memset(g, 0, sizeof *g);
    model_file f;
    if (access(path, F_OK) != 0) {
        buf_printf(err, "%s: cannot open the gazetteer: %s; build it with `make gazetteer`", path, strerror(errno));
        return -1;
    }
    if (model_map_as(&f, path, GAZ_KIND, "make gazetteer", err) != 0)
        return -1;
    buf why = BUF_INIT;
    if (check_payload(g, f.payload, f.payload_size, &why) != 0) {
        buf_printf(err, "%s: %s; rebuild it with `make gazetteer`", path, why.p ? why.p : "invalid");
        buf_free(&why);
        model_unmap(&f);
        memset(g, 0, sizeof *g);
        return -1;
    }
    g->file = f;
    return 0;
}

void gaz_close(gaz *g)
{
    model_unmap(&g->file);
    memset(g, 0, sizeof *g);
}

uint32_t gaz_lookup(const gaz *g, const char *key, uint32_t *first)
{
    uint32_t lo = 0, hi = g->nnames;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (strcmp(g->strings + g->names[mid].key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    uint32_t end = lo;
    while (end < g->nnames && strcmp(g->strings + g->names[end].key, key) == 0)
        end++;
    *first = lo;
    return end - lo;
}

int64_t gaz_country(const gaz *g, const char *iso3)
{
    uint32_t lo = 0, hi = g->ncountries;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        int c = strncmp(g->places[mid].country, iso3, 3);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

double gaz_km(double lat1, double lon1, double lat2, double lon2)
{
    double p = M_PI / 180;
    double a = sin((lat2 - lat1) * p / 2) * sin((lat2 - lat1) * p / 2) +
               cos(lat1 * p) * cos(lat2 * p) * sin((lon2 - lon1) * p / 2) * sin((lon2 - lon1) * p / 2);
    return 12742.0 * asin(sqrt(a < 1 ? a : 1));
}

const char *gaz_kind_name(unsigned k)
{
    static const char *const names[GK_NKINDS] = {"", "country", "region", "county", "area", "city", "landmark"};
    return k < GK_NKINDS ? names[k] : "";
}
