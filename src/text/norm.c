/*
 * norm.c - UTF-8 repair and normalisation with offsets kept.
 */
#include "text/norm.h"

#include <string.h>
#include <utf8proc.h>

#include "core/utf8.h"

size_t txt_utf8_seq(const unsigned char *s, size_t n, size_t *bad)
{
    unsigned char c = s[0];
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        need = 1;
    else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        *bad = 1;
        return 0;
    }
    for (size_t k = 1; k <= need; k++) {
        if (k >= n || s[k] < lo || s[k] > hi) {
            *bad = k;
            return 0;
        }
        lo = 0x80;
        hi = 0xBF;
    }
    return need + 1;
}

/* What a control code point becomes in the repaired text (0 = keep). */
static uint32_t control_replacement(uint32_t cp)
{
    if (cp == '\t' || cp == '\n' || cp == '\r')
        return 0;
    if (cp == 0x0B || cp == 0x0C || cp == 0x85)
        return '\n';
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
        return ' ';
    return 0;
}

size_t txt_count_suspect_bytes(const unsigned char *s, size_t n, size_t limit)
{
    size_t suspect = 0, i = 0, end = n < limit ? n : limit;
    while (i < end) {
        while (i < end && s[i] >= 0x20 && s[i] < 0x7F)
            i++;
        if (i >= end)
            break;
        size_t bad = 0, len = txt_utf8_seq(s + i, end - i, &bad);
        if (len == 0) {
            suspect += bad;
            i += bad;
            continue;
        }
        uint32_t cp = len == 1 ? s[i] : utf8_decode(s + i, &len);
        if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r' && cp != 0x0C)
            suspect++;
        i += len;
    }
    return suspect;
}

/* True when byte c is a control character that needs repair. */
static int repair_control(unsigned char c)
{
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
}

int txt_clean_ascii(const unsigned char *s, size_t n)
{
    const uint64_t high = 0x8080808080808080ull, ones = 0x0101010101010101ull;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        if (x & high)
            return 0;
        /* a byte below 0x20, or 0x7F: look at this word byte by byte */
        uint64_t low = (x - ones * 0x20) & ~x & high;
        uint64_t del = ((x ^ (ones * 0x7F)) - ones) & ~(x ^ (ones * 0x7F)) & high;
        if (low | del)
            for (size_t k = 0; k < 8; k++)
                if (repair_control(s[i + k]))
                    return 0;
    }
    for (; i < n; i++)
        if (s[i] >= 0x80 || repair_control(s[i]))
            return 0;
    return 1;
}

int txt_repair(doc *d, const unsigned char *s, size_t n)
{
    if (n >= UINT32_MAX / 4)
        return -1; /* offsets are 32-bit; callers limit sizes far below this */
    if (txt_clean_ascii(s, n)) {
        d->text = arena_strndup(d->mem, (const char *)s, n);
        d->text_len = n;
        d->text_cps = (uint32_t)n;
        d->cp_byte = NULL;
        return d->text ? 0 : -1;
    }
    /* worst case: every byte becomes U+FFFD (3 bytes) */
    char *out = arena_alloc(d->mem, 3 * n + 1);
    uint32_t *cpb = arena_alloc(d->mem, (n + 1) * sizeof(uint32_t));
    if (!out || !cpb)
        return -1;
    size_t i = 0, o = 0;
    uint32_t cps = 0;
    size_t first_bad = SIZE_MAX, first_ctl = SIZE_MAX;
    while (i < n) {
        cpb[cps++] = (uint32_t)o;
        if (s[i] >= 0x20 && s[i] < 0x7F) {
            out[o++] = (char)s[i++];
            continue;
        }
        size_t bad = 0, len = txt_utf8_seq(s + i, n - i, &bad);
        if (len == 0) {
            if (first_bad == SIZE_MAX)
                first_bad = i;
            d->invalid_bytes += (uint32_t)bad;
            o += utf8_encode(0xFFFD, out + o);
            i += bad;
            continue;
        }
        uint32_t cp = utf8_decode(s + i, &len);
        uint32_t rep = control_replacement(cp);
        if (rep) {
            if (first_ctl == SIZE_MAX)
                first_ctl = i;
            d->control_chars++;
            o += utf8_encode(rep, out + o);
        } else {
            memcpy(out + o, s + i, len);
            o += len;
        }
        i += len;
    }
    cpb[cps] = (uint32_t)o;
    out[o] = '\0';
    d->text = out;
    d->text_len = o;
    d->text_cps = cps;
    d->cp_byte = cpb;
    if (first_bad != SIZE_MAX &&
        doc_warn(d, "invalid UTF-8 at byte %zu (%u byte%s in all), replaced by U+FFFD", first_bad,
                 d->invalid_bytes, d->invalid_bytes == 1 ? "" : "s") != 0)
        return -1;
    if (first_ctl != SIZE_MAX &&
        doc_warn(d, "NUL or control character at byte %zu (%u in all), replaced by white space",
                 first_ctl, d->control_chars) != 0)
        return -1;
    return 0;
}

/* ---- normalisation ---- */

/* Code points that vanish from the normalised view. */
static int is_invisible(uint32_t cp)
{
    return cp == 0x00AD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF;
}

/* Replacement of a white-space-like code point in the normalised view. */
static uint32_t space_replacement(uint32_t cp)
{
    switch (cp) {
    case '\t': return ' ';
    case 0x00A0: case 0x1680: case 0x202F: case 0x205F: case 0x3000: return ' ';
    case 0x2028: return '\n';
    default: return (cp >= 0x2000 && cp <= 0x200A) ? ' ' : 0;
    }
}

/* True when cp may take part in an NFC change: it combines, decomposes or
 * composes with what precedes it. */
static int nfc_sensitive(uint32_t cp)
{
    if (cp < 0x300)
        return cp >= 0xC0 && cp != 0xD7 && cp != 0xF7; /* Latin-1 letters with decompositions */
    const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)cp);
    return p->combining_class != 0 || p->decomp_seqindex != UINT16_MAX ||
           p->comb_index != UINT16_MAX || (cp >= 0x1100 && cp <= 0x11FF);
}

typedef struct norm_state {
    doc *d;
    uint32_t cap;
} norm_state;

static int ncp_reserve(norm_state *st, uint32_t extra)
{
    doc *d = st->d;
    if (d->ncp_len + extra <= st->cap)
        return 0;
    uint32_t cap = st->cap * 2 + extra + 16;
    uint32_t *ncp = arena_grow(d->mem, d->ncp, st->cap * sizeof(uint32_t), cap * sizeof(uint32_t));
    uint32_t *norig = d->norig ? arena_alloc(d->mem, (cap + 1) * sizeof(uint32_t)) : NULL;
    if (!ncp || (d->norig && !norig))
        return -1;
    if (norig)
        memcpy(norig, d->norig, (d->ncp_len + 1) * sizeof(uint32_t));
    d->ncp = ncp;
    if (norig)
        d->norig = norig;
    st->cap = cap;
    return 0;
}

static void ncp_push(norm_state *st, uint32_t cp, uint32_t orig)
{
    doc *d = st->d;
    if (d->norig)
        d->norig[d->ncp_len] = orig;
    d->ncp[d->ncp_len++] = cp;
}

/* True when cp attaches to the code point before it (a combining mark or a
 * Hangul vowel or final jamo), so that both must be normalised together. */
static int nfc_attaches(uint32_t cp)
{
    if (cp < 0x300)
        return 0;
    if (cp >= 0x1160 && cp <= 0x11FF)
        return 1;
    return utf8proc_get_property((utf8proc_int32_t)cp)->combining_class != 0 ||
           (cp >= 0x0300 && cp <= 0x036F);
}

/* Normalises the cluster at orig index *i: cps[*i] plus the combining code
 * points after it, and the previous normalised code point when cps[*i]
 * attaches to it.  Output code points take the original offsets of the
 * inputs in order, so offsets stay monotonic.  Advances *i; returns 0, or -1
 * on memory failure. */
static int compose_cluster(norm_state *st, const uint32_t *cps, uint32_t n, uint32_t *i)
{
    doc *d = st->d;
    enum { MAXC = 32, MAXD = 4 * MAXC };
    utf8proc_int32_t dec[MAXD];
    uint32_t origs[MAXC + 1];
    uint32_t count = 0;
    size_t len = 0;
    int with_prev = d->ncp_len > 0 && d->ncp[d->ncp_len - 1] > 0x20 && nfc_attaches(cps[*i]);
    if (with_prev) {
        utf8proc_ssize_t k = utf8proc_decompose_char((utf8proc_int32_t)d->ncp[d->ncp_len - 1], dec,
                                                     MAXD, UTF8PROC_DECOMPOSE, NULL);
        if (k < 0 || k > MAXD)
            with_prev = 0;
        else {
            len = (size_t)k;
            origs[count++] = doc_orig_at(d, d->ncp_len - 1);
        }
    }
    uint32_t j = *i;
    do {
        utf8proc_ssize_t k = utf8proc_decompose_char((utf8proc_int32_t)cps[j], dec + len,
                                                     (utf8proc_ssize_t)(MAXD - len),
                                                     UTF8PROC_DECOMPOSE, NULL);
        if (k < 0 || (size_t)k > MAXD - len)
            break;
        len += (size_t)k;
        origs[count++] = j++;
    } while (j < n && count < MAXC && nfc_attaches(cps[j]));
    if (j == *i) { /* could not decompose: keep the code point as it is */
        ncp_push(st, cps[*i], *i);
        *i += 1;
        return 0;
    }
    utf8proc_ssize_t out = utf8proc_normalize_utf32(dec, (utf8proc_ssize_t)len,
                                                    UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (out < 0) {
        for (uint32_t k = *i; k < j; k++)
            ncp_push(st, cps[k], k);
        *i = j;
        return 0;
    }
    if (with_prev)
        d->ncp_len--;
    if (ncp_reserve(st, (uint32_t)out) != 0)
        return -1;
    for (utf8proc_ssize_t k = 0; k < out; k++)
        ncp_push(st, (uint32_t)dec[k], origs[(uint32_t)k < count ? (uint32_t)k : count - 1]);
    *i = j;
    return 0;
}

/* Decodes doc->text into a temporary code-point array. */
static uint32_t *decode_text(doc *d)
{
    uint32_t *cps = arena_alloc(d->mem, ((size_t)d->text_cps + 1) * sizeof(uint32_t));
    if (!cps)
        return NULL;
    const unsigned char *s = (const unsigned char *)d->text;
    size_t pos = 0;
    for (uint32_t k = 0; k < d->text_cps; k++) {
        size_t len;
        cps[k] = utf8_decode(s + pos, &len);
        pos += len;
    }
    return cps;
}

static int normalise_ascii(doc *d)
{
    uint32_t n = d->text_cps;
    d->ncp = arena_alloc(d->mem, ((size_t)n + 1) * sizeof(uint32_t));
    if (!d->ncp)
        return -1;
    const unsigned char *s = (const unsigned char *)d->text;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t c = s[i];
        if (c == '\t')
            c = ' ';
        else if (c == '\r')
            c = (i + 1 < n && s[i + 1] == '\n') ? ' ' : '\n';
        d->ncp[i] = c;
    }
    d->ncp[n] = 0; /* sentinel */
    d->ncp_len = n;
    d->norig = NULL;
    return 0;
}

int txt_normalise(doc *d)
{
    if (!d->cp_byte)
        return normalise_ascii(d);
    uint32_t n = d->text_cps;
    uint32_t *cps = decode_text(d);
    norm_state st = {d, n + 16};
    d->ncp = arena_alloc(d->mem, (size_t)st.cap * sizeof(uint32_t));
    d->norig = arena_alloc(d->mem, ((size_t)st.cap + 1) * sizeof(uint32_t));
    d->ncp_len = 0;
    if (!cps || !d->ncp || !d->norig)
        return -1;
    uint32_t i = 0;
    while (i < n) {
        uint32_t c = cps[i];
        if (ncp_reserve(&st, 1) != 0)
            return -1;
        if (c < 0x80) {
            if (c == '\r')
                c = (i + 1 < n && cps[i + 1] == '\n') ? ' ' : '\n';
            else if (c == '\t')
                c = ' ';
            ncp_push(&st, c, i++);
            continue;
        }
        if (is_invisible(c)) {
            i++;
            continue;
        }
        uint32_t sp = space_replacement(c);
        if (sp) {
            ncp_push(&st, sp, i++);
            continue;
        }
        if (nfc_sensitive(c)) {
            if (compose_cluster(&st, cps, n, &i) != 0)
                return -1;
            continue;
        }
        ncp_push(&st, c, i++);
    }
    if (ncp_reserve(&st, 1) != 0)
        return -1;
    d->ncp[d->ncp_len] = 0; /* sentinel, not counted */
    d->norig[d->ncp_len] = n;
    return 0;
}

const char *txt_fold_cp(uint32_t cp)
{
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC:
    case 0x00B4: case 0x0060: case 0xFF07:
        return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB:
    case 0x00BB: case 0x2039: case 0x203A: case 0x301D: case 0x301E: case 0xFF02:
        return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2043: case 0x2212: case 0xFE63:
    case 0xFF0D:
        return "-";
    case 0x2013: case 0x2014: case 0x2015: case 0xFE58: case 0x2E3A: case 0x2E3B:
        return "--";
    case 0x2026:
        return "...";
    case 0x2044: case 0x2215:
        return "/";
    case 0x00D7:
        return "x";
    default:
        return NULL;
    }
}
