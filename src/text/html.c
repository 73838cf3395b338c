/*
 * html.c - article extraction from news web pages (see html.h).
 *
 * The page is parsed by libxml2's forgiving HTML parser (which caps the tree
 * at 256 levels); everything after that is done by iterative walks over the
 * tree, never by recursion:
 *
 *   1. the input's encoding is settled: valid UTF-8 is UTF-8 whatever the
 *      label says; windows-1252 and its aliases (ISO-8859-1, ASCII) are
 *      decoded here; other declared charsets are left to libxml2; pages
 *      without a label are UTF-8 (repaired to U+FFFD where invalid) unless
 *      their bytes are mostly not UTF-8 (then windows-1252, as browsers
 *      guess).  libxml2's generic error channel, which HTML_PARSE_NOERROR
 *      does not silence, is muted during the parse and then restored;
 *   2. metadata is read from <meta>, <link>, <title> and JSON-LD;
 *   3. every element gets an el_info, hung on xmlNode._private, with its role
 *      flags: block, furniture by tag, furniture by class/id words, content
 *      marker (<article>, itemprop=articleBody, entry-content ...);
 *   4. a statistics pass totals visible text, link text and paragraph text
 *      per element and credits each paragraph's text to its parent (fully)
 *      and grandparent (half), readability-style;
 *   5. the container is chosen: the marked container holding the most
 *      paragraph text, unless a scored container holds clearly more; else the
 *      best scored container with its good siblings; else every <p> of the
 *      body; else the whole body;
 *   6. the container is written out paragraph by paragraph, and paragraphs
 *      that are furniture (copyright lines, share prompts, link-only lines)
 *      are dropped.
 *
 * Class/id rules misfire on layout wrappers ("has-sidebar", "nav-open"), so
 * the ancestors of the best content marker (or, on pages without markers,
 * elements holding most of the paragraph text) are exempt from them, and
 * when the strict pass yields nothing a lenient pass without them is tried.
 *
 * Ownership: our scratch memory (element infos, buffers, the repaired input)
 * comes from mem_* and is freed before returning; results live in the arena.
 */
#include "text/html.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/globals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "text/norm.h"

#define HTML_PARSE_FLAGS                                                                  \
    (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | \
     HTML_PARSE_COMPACT)

/* htmlReadMemory takes an int; repairing may triple the size. */
#define HTML_MAX_INPUT ((size_t)INT_MAX / 3)
/* Bytes searched for a charset declaration. */
#define CHARSET_SNIFF_BYTES 1024
/* A paragraph shorter than this (in characters) does not score. */
#define MIN_SCORING_PARA 25
/* Copyright and share-prompt paragraphs are short; longer ones are news. */
#define MAX_COPYRIGHT_BYTES 300
#define MAX_PROMPT_BYTES 120

/* ---- ASCII helpers (locale-independent) ---- */

static int is_ascii_alpha(unsigned char c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
static int is_ascii_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static int is_ascii_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static int is_ascii_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static int is_ascii_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
static char to_lower(char c) { return (char)(is_ascii_upper((unsigned char)c) ? c + 32 : c); }

/* a[0..n) equals the NUL-terminated b, ignoring ASCII case. */
static int ieq_n(const char *a, size_t n, const char *b)
{
    size_t i = 0;
    for (; i < n && b[i]; i++)
        if (to_lower(a[i]) != to_lower(b[i]))
            return 0;
    return i == n && b[i] == '\0';
}

static int ieq(const char *a, const char *b) { return ieq_n(a, strlen(a), b); }

/* s[0..n) starts with prefix, ignoring ASCII case. */
static int istarts(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return k <= n && ieq_n(s, k, prefix);
}

/* Position of needle in s[0..n) ignoring ASCII case, or -1. */
static long ifind(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; k <= n && i <= n - k; i++)
        if (ieq_n(s + i, k, needle))
            return (long)i;
    return -1;
}

/* The NUL-terminated s is one of the words of the NULL-terminated list. */
static int in_list_n(const char *s, size_t n, const char *const *list)
{
    for (; *list; list++)
        if (ieq_n(s, n, *list))
            return 1;
    return 0;
}

/* ---- characters ---- */

enum { CH_SKIP, CH_SPACE, CH_NEWLINE, CH_CHAR };

/* windows-1252 readings of the C1 range; browsers read ISO-8859-1 pages and
 * &#128;-&#159; references this way, libxml2 does not. 0 = undefined. */
static const uint16_t CP1252_C1[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* Length of the strictly valid UTF-8 sequence at s[0..n) (no overlongs,
 * surrogates or values past U+10FFFF) with its code point in *cp; 0 when the
 * bytes there are not valid UTF-8. */
static size_t utf8_valid_len(const unsigned char *s, size_t n, uint32_t *cp)
{
    size_t bad, len = txt_utf8_seq(s, n, &bad);
    if (len)
        *cp = utf8_decode(s, &len);
    return len;
}

static int is_unicode_space(uint32_t c)
{
    return c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
           c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

/* Invisible characters that only get in the way: soft hyphen, zero-width
 * space, word joiner, byte order mark. */
static int is_invisible(uint32_t c) { return c == 0xAD || c == 0x200B || c == 0x2060 || c == 0xFEFF; }

/* Reads the character at s[0..n) (n > 0).  *used gets the bytes consumed and
 * *cp the character to write: invalid bytes read as U+FFFD, C1 controls as
 * their windows-1252 meaning.  Returns CH_SKIP (write nothing), CH_SPACE,
 * CH_NEWLINE or CH_CHAR. */
static int read_char(const unsigned char *s, size_t n, size_t *used, uint32_t *cp)
{
    size_t len = utf8_valid_len(s, n, cp);
    if (len == 0) {
        *used = 1;
        *cp = 0xFFFD;
        return CH_CHAR;
    }
    *used = len;
    uint32_t c = *cp;
    if (c == '\n')
        return CH_NEWLINE;
    if (c < 0x80 && is_ascii_space((unsigned char)c))
        return CH_SPACE;
    if (c < 0x20 || c == 0x7F)
        return CH_SKIP;
    if (c >= 0x80 && c <= 0x9F) {
        *cp = CP1252_C1[c - 0x80];
        return *cp ? CH_CHAR : CH_SKIP;
    }
    if (is_unicode_space(c))
        return CH_SPACE;
    return is_invisible(c) ? CH_SKIP : CH_CHAR;
}

/* Number of visible characters (not spaces, not skipped) in s. */
static uint32_t visible_chars(const unsigned char *s)
{
    uint32_t count = 0;
    size_t n = strlen((const char *)s);
    while (n) {
        size_t used;
        uint32_t cp;
        if (read_char(s, n, &used, &cp) == CH_CHAR && count < UINT32_MAX)
            count++;
        s += used, n -= used;
    }
    return count;
}

static void put_cp(buf *b, uint32_t cp)
{
    char enc[4];
    buf_append(b, enc, utf8_encode(cp, enc));
}

/* Appends s to b with white space collapsed to single spaces and trimmed at
 * both ends (b is assumed to end a word or be empty). */
static void put_collapsed(buf *b, const unsigned char *s)
{
    size_t n = strlen((const char *)s);
    int space = 0;
    while (n) {
        size_t used;
        uint32_t cp;
        int kind = read_char(s, n, &used, &cp);
        s += used, n -= used;
        if (kind == CH_SPACE || kind == CH_NEWLINE) {
            space = 1;
        } else if (kind == CH_CHAR) {
            if (space && b->len)
                buf_putc(b, ' ');
            space = 0;
            put_cp(b, cp);
        }
    }
}

/* ---- choosing the input encoding ---- */

typedef struct parse_input {
    const char *bytes;    /* what the parser reads */
    size_t len;
    const char *encoding; /* for htmlReadMemory; NULL = let libxml2 decide */
    buf repaired;         /* owns bytes when the input had to be repaired */
} parse_input;

/* Counts invalid bytes and valid multi-byte sequences of s[0..n). */
static void utf8_census(const unsigned char *s, size_t n, size_t *invalid, size_t *multibyte)
{
    *invalid = *multibyte = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t len = utf8_valid_len(s + i, n - i, &cp);
        if (len) {
            (*multibyte)++;
            i += len;
        } else {
            (*invalid)++;
            i++;
        }
    }
}

static int is_charset_char(unsigned char c)
{
    return is_ascii_alpha(c) || is_ascii_digit(c) || c == '-' || c == '_' || c == '.' || c == ':';
}

/* Finds a charset declared in the first CHARSET_SNIFF_BYTES of s (<meta
 * charset>, an http-equiv content type or an XML declaration) and copies its
 * lower-cased name into name[0..size).  Returns 1 when one is declared. */
static int declared_charset(const char *s, size_t n, char *name, size_t size)
{
    if (n > CHARSET_SNIFF_BYTES)
        n = CHARSET_SNIFF_BYTES;
    for (size_t i = 0; i < n; i++) {
        size_t k;
        if (istarts(s + i, n - i, "charset"))
            k = i + 7;
        else if (istarts(s + i, n - i, "encoding"))
            k = i + 8;
        else
            continue;
        while (k < n && is_ascii_space((unsigned char)s[k]))
            k++;
        if (k >= n || s[k] != '=')
            continue;
        k++;
        while (k < n && (is_ascii_space((unsigned char)s[k]) || s[k] == '"' || s[k] == '\''))
            k++;
        size_t len = 0;
        while (k + len < n && len + 1 < size && is_charset_char((unsigned char)s[k + len])) {
            name[len] = to_lower(s[k + len]);
            len++;
        }
        name[len] = '\0';
        if (len)
            return 1;
    }
    return 0;
}

/* Labels read as UTF-8: UTF-8 itself, and UTF-16 declared inside a page
 * whose bytes are ASCII-compatible (the HTML standard's rule). */
static int is_utf8_label(const char *name)
{
    static const char *const labels[] = {"utf-8", "utf8", "unicode-1-1-utf-8", "utf-16",
                                         "utf-16le", "utf-16be", "ucs-2", "unicode", NULL};
    return in_list_n(name, strlen(name), labels);
}

/* Labels the HTML standard reads as windows-1252 (ISO-8859-1 and ASCII
 * included).  We decode these ourselves: libxml2 hands them to iconv, which
 * rejects the five bytes windows-1252 leaves undefined and then stops. */
static int is_cp1252_label(const char *name)
{
    static const char *const labels[] = {
        "windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "iso_8859-1",
        "iso88591", "latin1", "l1", "cp819", "ibm819", "iso-ir-100", "csisolatin1",
        "us-ascii", "ascii", "ansi_x3.4-1968", NULL};
    return in_list_n(name, strlen(name), labels);
}

/* Copies s[0..n) into b with every invalid byte replaced by U+FFFD. */
static void repair_utf8(buf *b, const unsigned char *s, size_t n)
{
    buf_reserve(b, n);
    size_t run = 0; /* start of the pending run of valid bytes */
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = s[i] < 0x80 ? 1 : utf8_valid_len(s + i, n - i, &cp);
        if (len) {
            i += len;
            continue;
        }
        buf_append(b, s + run, i - run);
        buf_append(b, "\xEF\xBF\xBD", 3);
        run = ++i;
    }
    buf_append(b, s + run, n - run);
}

/* Decodes windows-1252 s[0..n) into UTF-8 in b (undefined bytes keep their
 * C1 code points, which the writer later skips). */
static void decode_cp1252(buf *b, const unsigned char *s, size_t n)
{
    buf_reserve(b, n + n / 2);
    for (size_t i = 0; i < n; i++) {
        if (s[i] < 0x80)
            buf_putc(b, (char)s[i]);
        else if (s[i] < 0xA0 && CP1252_C1[s[i] - 0x80])
            put_cp(b, CP1252_C1[s[i] - 0x80]);
        else
            put_cp(b, s[i]);
    }
}

enum { ENC_DECLARED, ENC_UTF8, ENC_CP1252 };

/* Picks how to read u[0..n): ENC_DECLARED (libxml2 honours the page's own
 * declaration or byte order mark), ENC_UTF8 or ENC_CP1252.  Valid multi-byte
 * UTF-8 wins over any label; a page without a label is UTF-8 unless its bytes
 * are mostly not UTF-8 (then windows-1252, as browsers guess).  *invalid
 * gets the number of bytes that are not UTF-8. */
static int choose_encoding(const unsigned char *u, size_t n, int bom, size_t *invalid)
{
    size_t multibyte;
    utf8_census(u, n, invalid, &multibyte);
    if (bom || (*invalid == 0 && multibyte > 0))
        return ENC_UTF8;
    char name[48];
    if (declared_charset((const char *)u, n, name, sizeof name)) {
        if (is_utf8_label(name))
            return ENC_UTF8;
        if (is_cp1252_label(name))
            return *invalid ? ENC_CP1252 : ENC_UTF8;
        return ENC_DECLARED;
    }
    return *invalid > multibyte ? ENC_CP1252 : ENC_UTF8;
}

/* Settles how the parser reads bytes[0..len): as UTF-8, repaired or decoded
 * from windows-1252 into in->repaired when needed, or in the page's own
 * declared encoding.  Returns 0, or -1 when the copy cannot be allocated. */
static int prepare_input(const char *bytes, size_t len, parse_input *in)
{
    const unsigned char *u = (const unsigned char *)bytes;
    in->bytes = bytes;
    in->len = len > HTML_MAX_INPUT ? HTML_MAX_INPUT : len;
    in->encoding = NULL;
    in->repaired = (buf)BUF_INIT;
    if (in->len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return 0; /* UTF-16 with a byte order mark: libxml2 detects it */
    int bom = in->len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF;
    if (bom)
        in->bytes += 3, in->len -= 3, u += 3;
    size_t invalid;
    int enc = choose_encoding(u, in->len, bom, &invalid);
    if (enc == ENC_DECLARED)
        return 0;
    in->encoding = "UTF-8";
    if (invalid == 0)
        return 0;
    if (enc == ENC_CP1252)
        decode_cp1252(&in->repaired, u, in->len);
    else
        repair_utf8(&in->repaired, u, in->len);
    if (in->repaired.failed)
        return -1;
    in->bytes = in->repaired.p;
    in->len = in->repaired.len > INT_MAX ? INT_MAX : in->repaired.len;
    return 0;
}

/* ---- tree walking ---- */

typedef int (*enter_fn)(xmlNode *n, void *ctx);
typedef void (*leave_fn)(xmlNode *n, void *ctx);

/* Visits root and its descendants in document order without recursion:
 * enter() on the way down (its result says whether to visit the node's
 * children; only an element's children are ever visited), leave() on the
 * way up, also for nodes whose children were skipped.  leave may be NULL. */
static void walk(xmlNode *root, enter_fn enter, leave_fn leave, void *ctx)
{
    xmlNode *n = root;
    while (n) {
        if (enter(n, ctx) && n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        for (;;) {
            if (leave)
                leave(n, ctx);
            if (n == root)
                return;
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
            if (!n)
                return;
        }
    }
}

static int is_element(const xmlNode *n) { return n && n->type == XML_ELEMENT_NODE; }

static int is_tag(const xmlNode *n, const char *name)
{
    return is_element(n) && n->name && ieq((const char *)n->name, name);
}

/* The value of attribute name of n ("" when it has none), or NULL. */
static const char *attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        if (a->name && ieq((const char *)a->name, name)) {
            if (a->children && a->children->content)
                return (const char *)a->children->content;
            return "";
        }
    }
    return NULL;
}

/* ---- element roles ---- */

enum {
    F_BLOCK = 1u << 0,        /* starts and ends a paragraph */
    F_DROP_ALWAYS = 1u << 1,  /* never text: script, style, form controls, hidden */
    F_DROP_TAG = 1u << 2,     /* furniture by tag or role: nav, aside, footer, figure ... */
    F_DROP_CLASS = 1u << 3,   /* furniture by class/id words (strict pass only) */
    F_HEADER_TAG = 1u << 4,   /* <header>: only its headings are kept */
    F_HEADER_CLASS = 1u << 5, /* class/id "header": same, strict pass only */
    F_HEADING = 1u << 6,      /* h1-h6 */
    F_H1 = 1u << 7,
    F_PRE = 1u << 8,
    F_LINK = 1u << 9,
    F_BR = 1u << 10,
    F_PARA = 1u << 11,     /* p, pre: paragraphs by tag */
    F_LEAFABLE = 1u << 12, /* div, li, td ...: a paragraph when holding no blocks */
    F_P = 1u << 13,
    F_MARKER = 1u << 14,   /* itemprop=articleBody or a content class name */
    F_ARTICLE = 1u << 15,  /* <article> or role=article */
    F_BODYLIKE = 1u << 16, /* html, body, main: never dropped */
    F_FORM = 1u << 17,
    F_TIME = 1u << 18,
    F_EXEMPT = 1u << 19, /* holds the best content marker: not furniture */
};

typedef struct tag_role {
    const char *name;
    unsigned flags;
} tag_role;

static const tag_role TAG_ROLES[] = {
    {"a", F_LINK},
    {"address", F_BLOCK | F_DROP_TAG},
    {"article", F_BLOCK | F_ARTICLE | F_LEAFABLE},
    {"aside", F_BLOCK | F_DROP_TAG},
    {"audio", F_DROP_ALWAYS},
    {"base", F_DROP_ALWAYS},
    {"blockquote", F_BLOCK | F_LEAFABLE},
    {"body", F_BLOCK | F_BODYLIKE},
    {"br", F_BR},
    {"button", F_DROP_ALWAYS},
    {"canvas", F_DROP_ALWAYS},
    {"caption", F_BLOCK},
    {"center", F_BLOCK | F_LEAFABLE},
    {"dd", F_BLOCK | F_LEAFABLE},
    {"details", F_BLOCK},
    {"dialog", F_BLOCK | F_DROP_TAG},
    {"div", F_BLOCK | F_LEAFABLE},
    {"dl", F_BLOCK},
    {"dt", F_BLOCK | F_LEAFABLE},
    {"embed", F_DROP_ALWAYS},
    {"fieldset", F_BLOCK},
    {"figcaption", F_BLOCK | F_DROP_TAG},
    {"figure", F_BLOCK | F_DROP_TAG},
    {"footer", F_BLOCK | F_DROP_TAG},
    {"form", F_BLOCK | F_DROP_TAG | F_FORM},
    {"h1", F_BLOCK | F_HEADING | F_H1},
    {"h2", F_BLOCK | F_HEADING},
    {"h3", F_BLOCK | F_HEADING},
    {"h4", F_BLOCK | F_HEADING},
    {"h5", F_BLOCK | F_HEADING},
    {"h6", F_BLOCK | F_HEADING},
    {"head", F_DROP_ALWAYS},
    {"header", F_BLOCK | F_HEADER_TAG},
    {"hgroup", F_BLOCK},
    {"hr", F_BLOCK},
    {"html", F_BLOCK | F_BODYLIKE},
    {"iframe", F_DROP_ALWAYS},
    {"input", F_DROP_ALWAYS},
    {"legend", F_BLOCK},
    {"li", F_BLOCK | F_LEAFABLE},
    {"link", F_DROP_ALWAYS},
    {"main", F_BLOCK | F_BODYLIKE},
    {"map", F_DROP_ALWAYS},
    {"math", F_DROP_ALWAYS},
    {"menu", F_BLOCK | F_DROP_TAG},
    {"meta", F_DROP_ALWAYS},
    {"nav", F_BLOCK | F_DROP_TAG},
    {"noscript", F_DROP_ALWAYS},
    {"object", F_DROP_ALWAYS},
    {"ol", F_BLOCK},
    {"option", F_DROP_ALWAYS},
    {"p", F_BLOCK | F_PARA | F_P},
    {"pre", F_BLOCK | F_PARA | F_PRE},
    {"script", F_DROP_ALWAYS},
    {"section", F_BLOCK | F_LEAFABLE},
    {"select", F_DROP_ALWAYS},
    {"style", F_DROP_ALWAYS},
    {"summary", F_BLOCK},
    {"svg", F_DROP_ALWAYS},
    {"table", F_BLOCK},
    {"tbody", F_BLOCK},
    {"td", F_BLOCK | F_LEAFABLE},
    {"template", F_DROP_ALWAYS},
    {"textarea", F_DROP_ALWAYS},
    {"tfoot", F_BLOCK},
    {"th", F_BLOCK | F_LEAFABLE},
    {"thead", F_BLOCK},
    {"time", F_TIME},
    {"title", F_DROP_ALWAYS},
    {"tr", F_BLOCK},
    {"ul", F_BLOCK},
    {"video", F_DROP_ALWAYS},
};

static unsigned tag_flags(const char *name)
{
    for (size_t i = 0; i < sizeof TAG_ROLES / sizeof TAG_ROLES[0]; i++)
        if (TAG_ROLES[i].name[0] == to_lower(name[0]) && ieq(name, TAG_ROLES[i].name))
            return TAG_ROLES[i].flags;
    return 0;
}

/* Whole words of class and id values that mark page furniture.  A word is a
 * run of letters or of digits, split also at camelCase humps, so "share"
 * matches "share-bar", "social_share" and "socialShare", while "ad" matches
 * "ad-slot" and "top_ad" but not "headline", "lead" or "shadow". */
static const char *const FURNITURE_WORDS[] = {
    "share", "shares", "sharing", "sharebar", "sharethis", "addthis", "social", "byline",
    "bylines", "author", "authors", "caption", "captions", "credit", "credits", "copyright",
    "related", "newsletter", "newsletters", "signup", "promo", "promos", "promotion",
    "promotions", "promoted", "advert", "adverts", "advertisement", "advertisements",
    "advertising", "ad", "ads", "adslot", "adunit", "adsense", "dfp", "sponsor", "sponsors",
    "sponsored", "comment", "comments", "disqus", "breadcrumb", "breadcrumbs", "menu", "menus",
    "megamenu", "subscribe", "subscription", "cookie", "cookies", "consent", "gdpr", "popup",
    "modal", "tags", "recommend", "recommended", "recommendation", "recommendations",
    "outbrain", "taboola", "zergnet", "revcontent", "mgid", "sidebar", "footer", "nav",
    "navbar", "navigation", "subnav", "topnav", "toolbar", "skip", NULL};

/* Words that make an element a header: only its headings are kept. */
static const char *const HEADER_WORDS[] = {"header", "masthead", NULL};

/* Whole class tokens of text meant for screen readers only. */
static const char *const HIDDEN_TOKENS[] = {"sr-only", "visually-hidden", "visuallyhidden",
                                            "screen-reader-text", "d-none", NULL};

/* Class/id names of article bodies; they match at -/_ boundaries inside a
 * token too ("article-body__content__17Yit", "c-entry-content"). */
static const char *const MARKER_NAMES[] = {
    "article-body", "articlebody", "article__body", "article-content", "article__content",
    "article-text", "articletext", "story-body", "storybody", "story-content", "story-text",
    "storytext", "entry-content", "post-content", "post-body", "postbody", "post-entry",
    "content-body", "body-text", "richtextstorybody", "caas-body", NULL};

/* ARIA roles of page furniture. */
static const char *const FURNITURE_ROLES[] = {
    "navigation", "banner", "contentinfo", "complementary", "search", "dialog",
    "alertdialog", "menu", "menubar", "toolbar", NULL};

static int is_word_char(unsigned char c) { return is_ascii_alpha(c) || is_ascii_digit(c); }

/* Flags from the words of one class/id token word[0..n). */
static unsigned token_word_flags(const char *word, size_t n)
{
    unsigned flags = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && !is_word_char((unsigned char)word[i]))
            i++;
        size_t start = i;
        while (i < n && is_word_char((unsigned char)word[i])) {
            if (i > start) {
                unsigned char p = (unsigned char)word[i - 1], c = (unsigned char)word[i];
                if ((is_ascii_lower(p) && is_ascii_upper(c)) || is_ascii_digit(p) != is_ascii_digit(c))
                    break;
            }
            i++;
        }
        if (i > start) {
            if (in_list_n(word + start, i - start, FURNITURE_WORDS))
                flags |= F_DROP_CLASS;
            else if (in_list_n(word + start, i - start, HEADER_WORDS))
                flags |= F_HEADER_CLASS;
        }
    }
    return flags;
}

static int is_boundary(char c) { return c == '-' || c == '_' || c == '\0'; }

/* The lower-cased, NUL-terminated token names an article body. */
static int token_is_marker(const char *lower)
{
    if (strcmp(lower, "story") == 0)
        return 1;
    for (const char *const *m = MARKER_NAMES; *m; m++) {
        size_t k = strlen(*m);
        for (const char *p = strstr(lower, *m); p; p = strstr(p + 1, *m))
            if ((p == lower || is_boundary(p[-1])) && is_boundary(p[k]))
                return 1;
    }
    return 0;
}

/* Flags from a class or id value: its whitespace-separated tokens. */
static unsigned class_value_flags(const char *v)
{
    unsigned flags = 0;
    while (*v) {
        while (*v && is_ascii_space((unsigned char)*v))
            v++;
        size_t n = 0;
        while (v[n] && !is_ascii_space((unsigned char)v[n]))
            n++;
        if (!n)
            break;
        char lower[96];
        size_t k = n < sizeof lower - 1 ? n : sizeof lower - 1;
        for (size_t i = 0; i < k; i++)
            lower[i] = to_lower(v[i]);
        lower[k] = '\0';
        if (in_list_n(lower, k, HIDDEN_TOKENS))
            flags |= F_DROP_ALWAYS;
        if (token_is_marker(lower))
            flags |= F_MARKER;
        flags |= token_word_flags(v, n);
        v += n;
    }
    return flags;
}

/* style="display:none" or "visibility:hidden", spaces and case ignored. */
static int style_hides(const char *style)
{
    char squeezed[256];
    size_t k = 0;
    for (; *style && k + 1 < sizeof squeezed; style++)
        if (!is_ascii_space((unsigned char)*style))
            squeezed[k++] = to_lower(*style);
    squeezed[k] = '\0';
    return strstr(squeezed, "display:none") || strstr(squeezed, "visibility:hidden");
}

/* Flags from the attributes of element n whose tag gave tag_fl. */
static unsigned attribute_flags(const xmlNode *n, unsigned tag_fl)
{
    unsigned flags = 0;
    const char *v;
    if ((v = attr(n, "class")))
        flags |= class_value_flags(v);
    if ((v = attr(n, "id")))
        flags |= class_value_flags(v);
    if ((v = attr(n, "itemprop"))) {
        if (ieq(v, "articleBody"))
            flags |= F_MARKER;
        else if (ieq(v, "author") || ieq(v, "creator"))
            flags |= F_DROP_CLASS;
    }
    if ((v = attr(n, "role"))) {
        if (in_list_n(v, strlen(v), FURNITURE_ROLES))
            flags |= F_DROP_TAG;
        else if (ieq(v, "article"))
            flags |= F_ARTICLE;
    }
    if (attr(n, "hidden") || ((v = attr(n, "aria-hidden")) && ieq(v, "true")) ||
        ((v = attr(n, "style")) && style_hides(v)))
        flags |= F_DROP_ALWAYS;
    if (tag_fl & F_BODYLIKE) /* wrappers of everything: never dropped */
        flags &= ~(unsigned)(F_DROP_ALWAYS | F_DROP_TAG | F_DROP_CLASS | F_HEADER_CLASS);
    if (tag_fl & F_HEADING) /* a heading is what a header keeps */
        flags &= ~(unsigned)F_HEADER_CLASS;
    return flags;
}

/* ---- per-element information ---- */

typedef struct el_info {
    xmlNode *node;
    unsigned flags;
    uint32_t raw_ptext; /* paragraph text with nothing but invisible text dropped */
    /* results of the last statistics pass */
    uint32_t text;  /* visible characters */
    uint32_t link;  /* of which inside links */
    uint32_t ptext; /* of which inside paragraphs */
    uint32_t inline_text, inline_link; /* text not inside a block descendant */
    double score;   /* paragraph text credited to this element as a container */
    unsigned char visited, dropped, has_block;
} el_info;

typedef struct el_table {
    el_info *v;
    size_t n, cap;
} el_table;

static el_info *info_of(const xmlNode *n) { return is_element(n) ? n->_private : NULL; }

static int count_enter(xmlNode *n, void *ctx)
{
    if (is_element(n))
        ((el_table *)ctx)->cap++;
    return 1;
}

static int attach_enter(xmlNode *n, void *ctx)
{
    el_table *t = ctx;
    if (!is_element(n))
        return 1;
    n->_private = NULL;
    if (t->n >= t->cap || !n->name)
        return 1;
    el_info *in = &t->v[t->n++];
    unsigned tf = tag_flags((const char *)n->name);
    in->node = n;
    in->flags = tf | attribute_flags(n, tf);
    n->_private = in;
    return 1;
}

/* Gives every element under root an el_info with its role flags.  Returns
 * 0, or -1 when memory runs out. */
static int attach_infos(xmlNode *root, el_table *t)
{
    t->n = t->cap = 0;
    walk(root, count_enter, NULL, t);
    t->v = t->cap ? mem_calloc(t->cap, sizeof *t->v) : NULL;
    if (t->cap && !t->v)
        return -1;
    walk(root, attach_enter, NULL, t);
    return 0;
}

/* ---- statistics ---- */

enum { MODE_RAW, MODE_STRICT, MODE_LENIENT };

/* The element with these flags is left out entirely in this mode. */
static int el_dropped(unsigned f, int mode)
{
    if (f & F_DROP_ALWAYS)
        return 1;
    if (mode == MODE_RAW || (f & F_EXEMPT))
        return 0;
    return (f & F_DROP_TAG) || (mode == MODE_STRICT && (f & F_DROP_CLASS));
}

/* The element keeps only its headings in this mode. */
static int el_heading_only(unsigned f, int mode)
{
    if (mode == MODE_RAW || (f & F_EXEMPT))
        return 0;
    return (f & F_HEADER_TAG) || (mode == MODE_STRICT && (f & F_HEADER_CLASS));
}

static int el_paragraph(const el_info *in)
{
    return (in->flags & (F_PARA | F_LEAFABLE)) && !in->has_block;
}

static uint32_t sat_add(uint32_t a, uint32_t b) { return a > UINT32_MAX - b ? UINT32_MAX : a + b; }

static int stats_enter(xmlNode *n, void *ctx)
{
    int mode = *(const int *)ctx;
    if (n->type == XML_TEXT_NODE) {
        el_info *p = info_of(n->parent);
        if (p && n->content) {
            uint32_t chars = visible_chars(n->content);
            p->text = sat_add(p->text, chars);
            p->inline_text = sat_add(p->inline_text, chars);
        }
        return 0;
    }
    el_info *in = info_of(n);
    if (!in)
        return 0;
    in->visited = 1;
    if (el_dropped(in->flags, mode) || el_heading_only(in->flags, mode)) {
        in->dropped = 1;
        return 0;
    }
    return 1;
}

/* Credits a paragraph of text characters (link of them in links) to the
 * container n (fully) and its parent (half). */
static void credit_paragraph(const xmlNode *n, uint32_t text, uint32_t link)
{
    el_info *container = info_of(n);
    if (!container || text < MIN_SCORING_PARA || (uint64_t)link * 2 >= text)
        return;
    container->score += text;
    el_info *parent = info_of(n->parent);
    if (parent)
        parent->score += text / 2.0;
}

static void stats_leave(xmlNode *n, void *ctx)
{
    (void)ctx;
    el_info *in = info_of(n);
    if (!in || in->dropped)
        return;
    if (in->flags & F_LINK) {
        in->link = in->text;
        in->inline_link = in->inline_text;
    }
    if (el_paragraph(in)) {
        in->ptext = in->text;
        credit_paragraph(n->parent, in->text, in->link);
    } else if ((in->flags & F_BLOCK) && in->inline_text >= MIN_SCORING_PARA) {
        /* loose text between blocks (old pages: text and <br> in a <td>)
         * counts as a paragraph of this element */
        in->ptext = sat_add(in->ptext, in->inline_text);
        credit_paragraph(n, in->inline_text, in->inline_link);
    }
    el_info *parent = info_of(n->parent);
    if (parent) {
        parent->text = sat_add(parent->text, in->text);
        parent->link = sat_add(parent->link, in->link);
        parent->ptext = sat_add(parent->ptext, in->ptext);
        if ((in->flags & F_BLOCK) || in->has_block)
            parent->has_block = 1;
        if (!(in->flags & F_BLOCK)) {
            parent->inline_text = sat_add(parent->inline_text, in->inline_text);
            parent->inline_link = sat_add(parent->inline_link, in->inline_link);
        }
    }
}

/* Recomputes text, link text, paragraph text and scores of every element
 * under root as they are in this mode. */
static void compute_stats(el_table *t, xmlNode *root, int mode)
{
    for (size_t i = 0; i < t->n; i++) {
        el_info *in = &t->v[i];
        in->text = in->link = in->ptext = in->inline_text = in->inline_link = 0;
        in->score = 0;
        in->visited = in->dropped = in->has_block = 0;
    }
    walk(root, stats_enter, stats_leave, &mode);
}

/* Exempts layout wrappers from the furniture rules: the best content marker
 * (most paragraph text in a raw count) and its ancestors; when the page has
 * no marker, every element holding half the page's paragraph text ("page
 * with-sidebar"); and forms that do (ASP.NET pages sit inside one <form>). */
static void mark_exemptions(el_table *t, xmlNode *root, const xmlNode *body)
{
    compute_stats(t, root, MODE_RAW);
    el_info *best = NULL;
    for (size_t i = 0; i < t->n; i++) {
        el_info *in = &t->v[i];
        in->raw_ptext = in->ptext;
        if ((in->flags & (F_MARKER | F_ARTICLE)) && in->ptext && (!best || in->ptext > best->ptext))
            best = in;
    }
    for (xmlNode *n = best ? best->node : NULL; n; n = n->parent) {
        el_info *in = info_of(n);
        if (in)
            in->flags |= F_EXEMPT;
    }
    const el_info *b = info_of(body);
    uint32_t page = b ? b->raw_ptext : 0;
    for (size_t i = 0; i < t->n; i++) {
        el_info *in = &t->v[i];
        int majority = page && in->raw_ptext >= page / 2 + page % 2;
        if (majority && (!best || (in->flags & F_FORM)))
            in->flags |= F_EXEMPT;
    }
}

/* ---- choosing the container ---- */

typedef enum { SEL_CONTAINER, SEL_SIBLINGS, SEL_PARAGRAPHS, SEL_BODY } sel_kind;

typedef struct selection {
    sel_kind kind;
    xmlNode *node; /* the container, the best of the siblings, or the body */
} selection;

static double adjusted_score(const el_info *in)
{
    if (!in->text || in->score <= 0)
        return 0;
    return in->score * (1.0 - (double)in->link / in->text);
}

static int el_live(const el_info *in) { return in && in->visited && !in->dropped; }

/* Picks what to write out, from the statistics of the last pass. */
static selection choose_container(const el_table *t, xmlNode *body)
{
    const el_info *marked = NULL, *scored = NULL;
    double best_score = 0;
    for (size_t i = 0; i < t->n; i++) {
        const el_info *in = &t->v[i];
        if (!el_live(in))
            continue;
        if ((in->flags & (F_MARKER | F_ARTICLE)) && in->ptext && (!marked || in->ptext > marked->ptext))
            marked = in;
        double s = adjusted_score(in);
        if (s > best_score)
            best_score = s, scored = in;
    }
    if (marked && (!scored || (uint64_t)marked->ptext * 2 >= scored->ptext))
        return (selection){SEL_CONTAINER, marked->node};
    if (scored)
        return (selection){SEL_SIBLINGS, scored->node};
    for (size_t i = 0; i < t->n; i++)
        if (el_live(&t->v[i]) && (t->v[i].flags & F_P) && t->v[i].text)
            return (selection){SEL_PARAGRAPHS, body};
    return (selection){SEL_BODY, body};
}

/* A sibling of the best scored container worth keeping with it. */
static int good_sibling(const el_info *in, double threshold)
{
    if (!el_live(in))
        return 0;
    if (adjusted_score(in) >= threshold)
        return 1;
    return el_paragraph(in) && in->text >= 80 && (uint64_t)in->link * 4 < in->text;
}

/* ---- writing paragraphs ---- */

enum { PEND_NONE, PEND_SPACE, PEND_LINE };

typedef struct emitter {
    buf out;        /* finished paragraphs, "\n\n" between them */
    buf para;       /* the paragraph being written */
    int mode;
    int pending;    /* PEND_*: the break owed before the next character */
    size_t para_chars, para_link_chars;
    int para_heading;
    int link_depth, pre_depth, heading_depth, heading_only_depth;
    size_t out_chars;
} emitter;

/* Lower-cased ASCII words of p all belong to the sharing vocabulary. */
static int only_sharing_words(const char *p, size_t n)
{
    static const char *const words[] = {
        "share", "facebook", "twitter", "x", "linkedin", "whatsapp", "email", "e", "mail",
        "reddit", "pinterest", "telegram", "print", "copy", "link", "tweet", "messenger",
        "flipboard", "bluesky", "threads", "sms", "comments", "comment", "save", NULL};
    size_t i = 0, seen = 0;
    while (i < n) {
        while (i < n && !is_word_char((unsigned char)p[i])) {
            if ((unsigned char)p[i] >= 0x80)
                return 0;
            i++;
        }
        size_t start = i;
        while (i < n && is_word_char((unsigned char)p[i]))
            i++;
        if (i > start) {
            if (!in_list_n(p + start, i - start, words))
                return 0;
            seen++;
        }
    }
    return seen > 0;
}

/* From p[i], optional "©"/"(c)" marks then a year 19xx or 20xx. */
static int marks_then_year(const char *p, size_t n, size_t i)
{
    for (;;) {
        while (i < n && p[i] == ' ')
            i++;
        if (istarts(p + i, n - i, "\xC2\xA9"))
            i += 2;
        else if (istarts(p + i, n - i, "(c)"))
            i += 3;
        else
            break;
    }
    return i + 4 <= n && (istarts(p + i, n - i, "19") || istarts(p + i, n - i, "20")) &&
           is_ascii_digit((unsigned char)p[i + 2]) && is_ascii_digit((unsigned char)p[i + 3]);
}

/* "Copyright 2024", "Copyright (c) 2024", or a line opening "(c) 2024". */
static int has_copyright_year(const char *p, size_t n)
{
    long at = ifind(p, n, "copyright");
    return (at >= 0 && marks_then_year(p, n, (size_t)at + 9)) ||
           (istarts(p, n, "(c)") && marks_then_year(p, n, 0));
}

static int is_copyright_line(const char *p, size_t n)
{
    if (n > MAX_COPYRIGHT_BYTES)
        return 0;
    return ifind(p, n, "\xC2\xA9") >= 0 || ifind(p, n, "all rights reserved") >= 0 ||
           istarts(p, n, "copyright") || has_copyright_year(p, n);
}

static int is_share_prompt(const char *p, size_t n)
{
    static const char *const starts[] = {"share this", "share on ", "share via", "share:",
                                         "share article", "share story", "share the story",
                                         "click to share", NULL};
    static const char *const whole[] = {"advertisement", "sponsored", "skip to content",
                                        "skip to main content", "continue reading",
                                        "story continues below advertisement", NULL};
    if (n > MAX_PROMPT_BYTES)
        return 0;
    for (const char *const *s = starts; *s; s++)
        if (istarts(p, n, *s))
            return 1;
    return in_list_n(p, n, whole) || ifind(p, n, "share on facebook") >= 0 ||
           ifind(p, n, "share on twitter") >= 0 || only_sharing_words(p, n);
}

/* The finished paragraph is page furniture rather than article text. */
static int paragraph_is_furniture(const emitter *e)
{
    const char *p = e->para.p;
    size_t n = e->para.len;
    if (is_copyright_line(p, n) || is_share_prompt(p, n))
        return 1;
    /* a line that is all link (a related story, "Watch: ..."), but not a heading */
    return !e->para_heading && e->para_link_chars * 10 >= e->para_chars * 9;
}

/* Ends the current paragraph, keeping it unless it is furniture. */
static void em_end_paragraph(emitter *e)
{
    if (e->para.len && !paragraph_is_furniture(e)) {
        if (e->out.len)
            buf_append(&e->out, "\n\n", 2);
        buf_append(&e->out, e->para.p, e->para.len);
        e->out_chars += e->para_chars;
    }
    buf_clear(&e->para);
    e->pending = PEND_NONE;
    e->para_chars = e->para_link_chars = 0;
    e->para_heading = 0;
}

/* A line break (<br>, a newline in <pre>); two in a row end the paragraph. */
static void em_line(emitter *e)
{
    if (!e->para.len)
        return;
    if (e->pending == PEND_LINE)
        em_end_paragraph(e);
    else
        e->pending = PEND_LINE;
}

static void em_char(emitter *e, uint32_t cp)
{
    if (e->para.len && e->pending == PEND_LINE)
        buf_putc(&e->para, '\n');
    else if (e->para.len && e->pending == PEND_SPACE)
        buf_putc(&e->para, ' ');
    e->pending = PEND_NONE;
    put_cp(&e->para, cp);
    e->para_chars++;
    if (e->link_depth)
        e->para_link_chars++;
    if (e->heading_depth)
        e->para_heading = 1;
}

static void em_text(emitter *e, const unsigned char *s)
{
    if (e->heading_only_depth && !e->heading_depth)
        return;
    size_t n = strlen((const char *)s);
    while (n) {
        size_t used;
        uint32_t cp;
        int kind = read_char(s, n, &used, &cp);
        s += used, n -= used;
        if (kind == CH_CHAR)
            em_char(e, cp);
        else if (kind == CH_NEWLINE && e->pre_depth)
            em_line(e);
        else if (kind != CH_SKIP && e->pending == PEND_NONE)
            e->pending = PEND_SPACE;
    }
}

/* Adds delta to the emitter's nesting counters for an element with flags f. */
static void em_nest(emitter *e, unsigned f, int delta)
{
    if (f & F_LINK)
        e->link_depth += delta;
    if (f & F_PRE)
        e->pre_depth += delta;
    if (f & F_HEADING)
        e->heading_depth += delta;
    if (el_heading_only(f, e->mode))
        e->heading_only_depth += delta;
}

static int emit_enter(xmlNode *n, void *ctx)
{
    emitter *e = ctx;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content)
            em_text(e, n->content);
        return 0;
    }
    const el_info *in = info_of(n);
    if (!in)
        return 0;
    if (in->flags & F_BLOCK)
        em_end_paragraph(e);
    if (el_dropped(in->flags, e->mode))
        return 0;
    if (in->flags & F_BR) {
        em_line(e);
        return 0;
    }
    em_nest(e, in->flags, 1);
    return 1;
}

static void emit_leave(xmlNode *n, void *ctx)
{
    emitter *e = ctx;
    const el_info *in = info_of(n);
    if (!in || el_dropped(in->flags, e->mode) || (in->flags & F_BR))
        return;
    em_nest(e, in->flags, -1);
    if (in->flags & F_BLOCK)
        em_end_paragraph(e);
}

/* Writes the subtree of n as paragraphs. */
static void emit_subtree(emitter *e, xmlNode *n)
{
    em_end_paragraph(e);
    e->link_depth = e->pre_depth = e->heading_depth = e->heading_only_depth = 0;
    walk(n, emit_enter, emit_leave, e);
    em_end_paragraph(e);
}

/* Walk over the body that writes out every live <p> and skips the rest. */
static int emit_paragraphs_enter(xmlNode *n, void *ctx)
{
    emitter *e = ctx;
    const el_info *in = info_of(n);
    if (!in || !el_live(in))
        return 0;
    if (in->flags & F_P) {
        emit_subtree(e, n);
        return 0;
    }
    return 1;
}

/* Writes out the selection s into e->out. */
static void emit_selection(emitter *e, selection s)
{
    switch (s.kind) {
    case SEL_CONTAINER:
    case SEL_BODY:
        emit_subtree(e, s.node);
        break;
    case SEL_SIBLINGS: {
        const el_info *top = info_of(s.node);
        if (!top)
            break;
        double threshold = adjusted_score(top) * 0.2;
        if (threshold < 10)
            threshold = 10;
        xmlNode *first = s.node->parent ? s.node->parent->children : s.node;
        for (xmlNode *c = first; c; c = c->next)
            if (c == s.node || (is_element(c) && good_sibling(info_of(c), threshold)))
                emit_subtree(e, c);
        break;
    }
    case SEL_PARAGRAPHS:
        walk(s.node, emit_paragraphs_enter, NULL, e);
        break;
    }
}

/* ---- metadata ---- */

enum { DATE_PROPERTY, DATE_META_NAME, DATE_ITEMPROP, DATE_JSON_LD, DATE_SLOTS };

typedef struct page_meta {
    const char *og_title, *site, *og_url, *canonical;
    xmlNode *title_el;
    char dates[DATE_SLOTS][11]; /* first valid date of each kind, "" when none */
} page_meta;

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

/* Reads up to max digits (at least min) at *s as a number. */
static int read_number(const char **s, int min, int max, int *out)
{
    int v = 0, k = 0;
    while (k < max && is_ascii_digit((unsigned char)(*s)[k]))
        v = v * 10 + ((*s)[k++] - '0');
    if (k < min)
        return 0;
    *s += k;
    *out = v;
    return 1;
}

/* YYYY-MM-DD (or / or . between), or YYYYMMDD, at the start of s. */
static int parse_numeric_date(const char *s, int *y, int *m, int *d)
{
    const char *p = s;
    if (!read_number(&p, 4, 4, y))
        return 0;
    char sep = *p;
    if (sep == '-' || sep == '/' || sep == '.') {
        p++;
        if (!read_number(&p, 1, 2, m) || *p != sep)
            return 0;
        p++;
        if (!read_number(&p, 1, 2, d))
            return 0;
    } else if (!read_number(&p, 2, 2, m) || !read_number(&p, 2, 2, d)) {
        return 0;
    }
    return !is_ascii_digit((unsigned char)*p);
}

/* Month number of an English month name or its abbreviation ("Sep", "Sept"). */
static int month_number(const char *w, size_t n)
{
    static const char *const names[12] = {"january", "february", "march",     "april",
                                          "may",     "june",     "july",      "august",
                                          "september", "october", "november", "december"};
    for (int i = 0; i < 12; i++) {
        if (ieq_n(w, n, names[i]))
            return i + 1;
        if (n == 3 && to_lower(w[0]) == names[i][0] && to_lower(w[1]) == names[i][1] &&
            to_lower(w[2]) == names[i][2])
            return i + 1;
    }
    return n == 4 && ieq_n(w, 4, "sept") ? 9 : 0;
}

/* Splits s into up to max words (letters or digits); returns the count. */
static size_t date_words(const char *s, const char **w, size_t *len, size_t max)
{
    size_t k = 0;
    while (*s && k < max) {
        while (*s && !is_word_char((unsigned char)*s))
            s++;
        const char *start = s;
        while (is_ascii_alpha((unsigned char)*s))
            s++;
        if (s == start)
            while (is_ascii_digit((unsigned char)*s))
                s++;
        if (s == start)
            break;
        w[k] = start, len[k] = (size_t)(s - start), k++;
    }
    return k;
}

/* "14 May 2023", "May 14, 2023", optionally after a weekday. */
static int parse_text_date(const char *s, int *y, int *m, int *d)
{
    const char *w[5];
    size_t len[5];
    size_t k = date_words(s, w, len, 5), i = 0;
    if (k && is_ascii_alpha((unsigned char)w[0][0]) && !month_number(w[0], len[0]))
        i = 1; /* a weekday */
    if (k < i + 3)
        return 0;
    const char *num;
    if ((*m = month_number(w[i], len[i])))
        num = w[i + 1];
    else if ((*m = month_number(w[i + 1], len[i + 1])))
        num = w[i];
    else
        return 0;
    const char *yp = w[i + 2];
    return read_number(&num, 1, 2, d) && !is_ascii_digit((unsigned char)*num) &&
           read_number(&yp, 4, 4, y) && !is_ascii_digit((unsigned char)*yp);
}

/* Writes s's date as YYYY-MM-DD into out when s starts with a valid
 * calendar date; returns 1 then, else 0. */
static int normalize_date(const char *s, char out[11])
{
    int y = 0, m = 0, d = 0;
    while (is_ascii_space((unsigned char)*s))
        s++;
    if (!parse_numeric_date(s, &y, &m, &d) && !parse_text_date(s, &y, &m, &d))
        return 0;
    if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return 0;
    int parts[3] = {y, m, d}, widths[3] = {4, 2, 2};
    char *p = out;
    for (int i = 0; i < 3; i++) {
        if (i)
            *p++ = '-';
        for (int k = widths[i] - 1, v = parts[i]; k >= 0; k--, v /= 10)
            p[k] = (char)('0' + v % 10);
        p += widths[i];
    }
    *p = '\0';
    return 1;
}

static void offer_date(page_meta *m, int slot, const char *value)
{
    if (value && !m->dates[slot][0])
        normalize_date(value, m->dates[slot]);
}

static void offer_string(const char **slot, const char *value)
{
    if (!*slot && value && *value)
        *slot = value;
}

/* One key of a <meta> tag (its property or name) with its content. */
static void read_meta_key(page_meta *m, const char *key, const char *content)
{
    static const char *const date_names[] = {
        "date", "pubdate", "publish-date", "publishdate", "publish_date", "dc.date.issued",
        "dc.date", "dcterms.issued", "dcterms.date", "sailthru.date", "parsely-pub-date",
        "article.published", "publication_date", "original-publish-date", NULL};
    static const char *const date_properties[] = {"article:published_time",
                                                  "og:article:published_time",
                                                  "og:published_time", NULL};
    size_t n = strlen(key);
    if (ieq(key, "og:title"))
        offer_string(&m->og_title, content);
    else if (ieq(key, "og:site_name"))
        offer_string(&m->site, content);
    else if (ieq(key, "og:url"))
        offer_string(&m->og_url, content);
    else if (in_list_n(key, n, date_properties))
        offer_date(m, DATE_PROPERTY, content);
    else if (in_list_n(key, n, date_names))
        offer_date(m, DATE_META_NAME, content);
}

/* rel="canonical" among the rel tokens. */
static int rel_is_canonical(const char *rel)
{
    long at = ifind(rel, strlen(rel), "canonical");
    return at >= 0 && (at == 0 || is_ascii_space((unsigned char)rel[at - 1])) &&
           (rel[at + 9] == '\0' || is_ascii_space((unsigned char)rel[at + 9]));
}

/* Finds "datePublished": "..." in JSON-LD text. */
static void read_json_ld(page_meta *m, const char *s)
{
    for (const char *p = strstr(s, "\"datePublished\""); p && !m->dates[DATE_JSON_LD][0];
         p = strstr(p + 1, "\"datePublished\"")) {
        const char *q = p + 15;
        while (is_ascii_space((unsigned char)*q))
            q++;
        if (*q++ != ':')
            continue;
        while (is_ascii_space((unsigned char)*q))
            q++;
        if (*q++ != '"')
            continue;
        char value[48];
        size_t k = 0;
        while (q[k] && q[k] != '"' && k + 1 < sizeof value)
            value[k] = q[k], k++;
        value[k] = '\0';
        offer_date(m, DATE_JSON_LD, value);
    }
}

static void read_script(page_meta *m, const xmlNode *n)
{
    const char *type = attr(n, "type");
    if (!type || !ieq(type, "application/ld+json"))
        return;
    for (const xmlNode *c = n->children; c; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            read_json_ld(m, (const char *)c->content);
}

static int meta_enter(xmlNode *n, void *ctx)
{
    page_meta *m = ctx;
    if (!is_element(n) || !n->name)
        return 0;
    const char *name = (const char *)n->name;
    const char *v;
    if (ieq(name, "svg") || ieq(name, "math"))
        return 0;
    if (ieq(name, "meta")) {
        const char *content = attr(n, "content");
        if (content && (v = attr(n, "property")))
            read_meta_key(m, v, content);
        if (content && (v = attr(n, "name")))
            read_meta_key(m, v, content);
    } else if (ieq(name, "link")) {
        if ((v = attr(n, "rel")) && rel_is_canonical(v))
            offer_string(&m->canonical, attr(n, "href"));
    } else if (ieq(name, "title")) {
        if (!m->title_el)
            m->title_el = n;
    } else if (ieq(name, "script")) {
        read_script(m, n);
        return 0;
    }
    if ((v = attr(n, "itemprop")) && ieq(v, "datePublished")) {
        const char *when = attr(n, "content");
        offer_date(m, DATE_ITEMPROP, when && *when ? when : attr(n, "datetime"));
    }
    return 1;
}

/* Gathers the text of a subtree (the <title> element included), skipping
 * what is never text; blocks and <br> separate words. */
static int gather_enter(xmlNode *n, void *ctx)
{
    if (n->type == XML_TEXT_NODE) {
        if (n->content)
            buf_puts(ctx, (const char *)n->content);
        return 0;
    }
    const el_info *in = info_of(n);
    if (!in || ((in->flags & F_DROP_ALWAYS) && !is_tag(n, "title")))
        return 0;
    if (in->flags & (F_BLOCK | F_BR))
        buf_putc(ctx, ' ');
    return 1;
}

typedef struct h1_search {
    int mode;
    xmlNode *found;
} h1_search;

static int h1_enter(xmlNode *n, void *ctx)
{
    h1_search *h = ctx;
    const el_info *in = info_of(n);
    if (h->found || !in || el_dropped(in->flags, h->mode))
        return 0;
    if (in->flags & F_H1) {
        h->found = n;
        return 0;
    }
    return 1;
}

/* The first h1 under root that this mode does not drop, or NULL. */
static xmlNode *first_h1(xmlNode *root, int mode)
{
    h1_search h = {mode, NULL};
    if (root)
        walk(root, h1_enter, NULL, &h);
    return h.found;
}

static int time_enter(xmlNode *n, void *ctx)
{
    const el_info *in = info_of(n);
    char *date = ctx;
    if (date[0] || !in)
        return 0;
    if (in->flags & F_TIME)
        normalize_date(attr(n, "datetime") ? attr(n, "datetime") : "", date);
    return 1;
}

/* ---- results ---- */

/* A cleaned arena copy of b's text (NULL when it is empty). */
static const char *arena_text(arena *a, const buf *b)
{
    return b->len ? arena_strndup(a, b->p, b->len) : NULL;
}

/* Cleans s (white space collapsed, characters repaired) into the arena. */
static const char *clean_copy(arena *a, buf *scratch, const char *s)
{
    if (!s)
        return NULL;
    buf_clear(scratch);
    put_collapsed(scratch, (const unsigned char *)s);
    return arena_text(a, scratch);
}

/* Cleaned text of the subtree of n into scratch. */
static void text_of(buf *scratch, xmlNode *n)
{
    buf gathered = BUF_INIT;
    buf_clear(scratch);
    if (n)
        walk(n, gather_enter, NULL, &gathered);
    if (gathered.len)
        put_collapsed(scratch, (const unsigned char *)gathered.p);
    if (gathered.failed)
        scratch->failed = 1;
    buf_free(&gathered);
}

/* Cuts a trailing " | Site", " - Site" (and the like) when Site is the
 * site's name. */
static void strip_site_suffix(buf *title, const char *site)
{
    static const char *const seps[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ",
                                       " :: ", " \xC2\xB7 ", " \xE2\x80\xA2 ", NULL};
    if (!site || !title->len)
        return;
    size_t site_len = strlen(site);
    for (const char *const *sep = seps; *sep; sep++) {
        size_t k = strlen(*sep);
        if (title->len < k + site_len + 1)
            continue;
        size_t at = title->len - site_len - k;
        if (memcmp(title->p + at, *sep, k) == 0 && ieq_n(title->p + at + k, site_len, site)) {
            title->len = at;
            title->p[at] = '\0';
            return;
        }
    }
}

/* The headline: og:title, the container's h1, <title>, the page's h1. */
static const char *choose_title(arena *a, buf *scratch, const page_meta *m, const char *site,
                                xmlNode *container, xmlNode *body, int mode)
{
    buf_clear(scratch);
    if (m->og_title)
        put_collapsed(scratch, (const unsigned char *)m->og_title);
    if (!scratch->len && container)
        text_of(scratch, first_h1(container, mode));
    if (!scratch->len && m->title_el)
        text_of(scratch, m->title_el);
    if (!scratch->len)
        text_of(scratch, first_h1(body, mode));
    strip_site_suffix(scratch, site);
    return arena_text(a, scratch);
}

/* The first valid date of the metadata, else of a <time> in the container. */
static const char *choose_date(arena *a, const page_meta *m, xmlNode *container)
{
    for (int i = 0; i < DATE_SLOTS; i++)
        if (m->dates[i][0])
            return arena_strndup(a, m->dates[i], 10);
    char date[11] = "";
    if (container)
        walk(container, time_enter, NULL, date);
    return date[0] ? arena_strndup(a, date, 10) : NULL;
}

static xmlNode *find_body(xmlNode *root)
{
    for (xmlNode *c = root->children; c; c = c->next)
        if (is_tag(c, "body"))
            return c;
    return root;
}

/* Runs selection and writing in one mode; e must be fresh. */
static selection extract_in_mode(el_table *t, xmlNode *root, xmlNode *body, int mode, emitter *e)
{
    compute_stats(t, root, mode);
    selection s = choose_container(t, body);
    e->mode = mode;
    emit_selection(e, s);
    return s;
}

static void emitter_free(emitter *e)
{
    buf_free(&e->out);
    buf_free(&e->para);
}

/* Fills out from the parsed page.  Returns 0, or -1 when memory runs out. */
static int extract_from_doc(xmlDoc *page, arena *a, html_article *out)
{
    xmlNode *root = xmlDocGetRootElement(page);
    if (!root)
        return 0;
    el_table t = {NULL, 0, 0};
    if (attach_infos(root, &t) != 0)
        return -1;
    xmlNode *body = find_body(root);
    page_meta m;
    memset(&m, 0, sizeof m);
    walk(root, meta_enter, NULL, &m);
    mark_exemptions(&t, root, body);

    emitter strict, lenient, *best = &strict;
    memset(&strict, 0, sizeof strict); /* zeroed bufs are empty bufs (BUF_INIT) */
    memset(&lenient, 0, sizeof lenient);
    selection s = extract_in_mode(&t, root, body, MODE_STRICT, &strict);
    if (strict.out_chars == 0) { /* class/id rules left nothing: try without them */
        selection s2 = extract_in_mode(&t, root, body, MODE_LENIENT, &lenient);
        if (lenient.out_chars)
            best = &lenient, s = s2;
    }
    xmlNode *container = s.kind == SEL_CONTAINER || s.kind == SEL_SIBLINGS ? s.node : NULL;

    buf scratch = BUF_INIT;
    out->text = arena_strndup(a, best->out.p ? best->out.p : "", best->out.len);
    out->len = best->out.len;
    out->source = clean_copy(a, &scratch, m.site);
    out->title = choose_title(a, &scratch, &m, out->source, container, body, best->mode);
    out->url = clean_copy(a, &scratch, m.canonical ? m.canonical : m.og_url);
    out->date = choose_date(a, &m, container);
    int failed = strict.out.failed || strict.para.failed || lenient.out.failed ||
                 lenient.para.failed || scratch.failed || a->failed;
    buf_free(&scratch);
    emitter_free(&strict);
    emitter_free(&lenient);
    mem_free(t.v);
    return failed ? -1 : 0;
}

/* Swallows libxml2's generic error channel (encoding and I/O errors that
 * HTML_PARSE_NOERROR does not cover and that would go to stderr). */
static void ignore_libxml_error(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

/* Parses the prepared input with libxml2's error channel silenced for this
 * thread, restoring the caller's handler afterwards. */
static xmlDoc *parse_page(const parse_input *in)
{
    if (!in->len)
        return NULL;
    xmlGenericErrorFunc saved = xmlGenericError;
    void *saved_ctx = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, ignore_libxml_error);
    xmlDoc *page = htmlReadMemory(in->bytes, (int)in->len, NULL, in->encoding, HTML_PARSE_FLAGS);
    xmlSetGenericErrorFunc(saved_ctx, saved);
    return page;
}

int html_extract(const char *bytes, size_t len, arena *a, html_article *out)
{
    memset(out, 0, sizeof *out);
    parse_input in;
    if (prepare_input(bytes ? bytes : "", bytes ? len : 0, &in) != 0) {
        buf_free(&in.repaired);
        return -1;
    }
    xmlDoc *page = parse_page(&in);
    buf_free(&in.repaired);
    int rc = page ? extract_from_doc(page, a, out) : 0;
    if (page)
        xmlFreeDoc(page);
    if (rc == 0 && !out->text) {
        out->text = arena_strndup(a, "", 0);
        out->len = 0;
        if (!out->text)
            rc = -1;
    }
    return rc;
}
