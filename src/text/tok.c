/*
 * tok.c - tokenizer over the normalised view of a document.
 */
#include "text/tok.h"

#include <string.h>

#include "core/utf8.h"
#include "text/chars.h"
#include "text/norm.h"

/* ---- abbreviations ---- */

typedef struct abbrev {
    const char *word;
    char kind;      /* T title, M month/weekday, N before numbers, O other */
    char any_case;  /* 1: also abbreviated in lower case ("mr.", "etc.") */
} abbrev;

/* Sorted by word for bsearch (test_text checks every entry is found). */
static const abbrev ABBREVS[] = {
    {"adm", 'T', 0},    {"al", 'O', 1},     {"ala", 'O', 0},    {"approx", 'O', 1},
    {"apr", 'M', 0},    {"ariz", 'O', 0},   {"ark", 'O', 0},    {"art", 'N', 0},
    {"assn", 'O', 0},   {"atty", 'T', 0},   {"aug", 'M', 0},    {"ave", 'O', 0},
    {"bldg", 'O', 0},   {"blvd", 'O', 0},   {"brig", 'T', 0},   {"bros", 'O', 0},
    {"c", 'N', 1},      {"calif", 'O', 0},  {"capt", 'T', 1},   {"cf", 'O', 1},
    {"cmdr", 'T', 0},   {"co", 'O', 0},     {"col", 'T', 0},    {"colo", 'O', 0},
    {"conn", 'O', 0},   {"corp", 'O', 0},   {"cpl", 'T', 0},    {"dec", 'M', 0},
    {"del", 'O', 0},    {"dept", 'O', 1},   {"det", 'T', 0},    {"dr", 'T', 1},
    {"drs", 'T', 1},    {"ed", 'O', 0},     {"eds", 'O', 0},    {"esq", 'T', 0},
    {"est", 'O', 0},    {"etc", 'O', 1},    {"ext", 'N', 1},    {"feb", 'M', 0},
    {"fig", 'N', 1},    {"fla", 'O', 0},    {"fr", 'T', 0},     {"fri", 'M', 0},
    {"ft", 'O', 0},     {"ga", 'O', 0},     {"gen", 'T', 0},    {"gov", 'T', 0},
    {"govt", 'O', 1},   {"hon", 'T', 0},    {"hwy", 'O', 0},    {"ill", 'O', 0},
    {"inc", 'O', 0},    {"ind", 'O', 0},    {"insp", 'T', 0},   {"intl", 'O', 0},
    {"jan", 'M', 0},    {"jr", 'T', 1},     {"jul", 'M', 0},    {"jun", 'M', 0},
    {"kan", 'O', 0},    {"kans", 'O', 0},   {"ky", 'O', 0},     {"lt", 'T', 0},
    {"ltd", 'O', 0},    {"maj", 'T', 0},    {"mar", 'M', 0},    {"mass", 'O', 0},
    {"md", 'O', 0},     {"messrs", 'T', 0}, {"mich", 'O', 0},   {"minn", 'O', 0},
    {"miss", 'O', 0},   {"mlle", 'T', 0},   {"mme", 'T', 0},    {"mo", 'O', 0},
    {"mon", 'M', 0},    {"mont", 'O', 0},   {"mr", 'T', 1},     {"mrs", 'T', 1},
    {"ms", 'T', 1},     {"msgr", 'T', 0},   {"mt", 'O', 0},     {"neb", 'O', 0},
    {"nebr", 'O', 0},   {"nev", 'O', 0},    {"no", 'N', 0},     {"nos", 'N', 0},
    {"nov", 'M', 0},    {"oct", 'M', 0},    {"okla", 'O', 0},   {"ont", 'O', 0},
    {"op", 'N', 0},     {"ore", 'O', 0},    {"pa", 'O', 0},     {"penn", 'O', 0},
    {"pp", 'N', 1},     {"pres", 'T', 0},   {"prof", 'T', 1},   {"pt", 'N', 0},
    {"pvt", 'T', 0},    {"rd", 'O', 0},     {"rep", 'T', 0},    {"reps", 'T', 0},
    {"rev", 'T', 0},    {"rt", 'T', 0},     {"sat", 'M', 0},    {"sen", 'T', 0},
    {"sens", 'T', 0},   {"sep", 'M', 0},    {"sept", 'M', 0},   {"sgt", 'T', 0},
    {"sr", 'T', 1},     {"st", 'T', 1},     {"ste", 'T', 0},    {"sun", 'M', 0},
    {"supt", 'T', 0},   {"tenn", 'O', 0},   {"tex", 'O', 0},    {"thu", 'M', 0},
    {"thur", 'M', 0},   {"thurs", 'M', 0},  {"tue", 'M', 0},    {"tues", 'M', 0},
    {"univ", 'O', 0},   {"v", 'O', 1},      {"va", 'O', 0},     {"vol", 'N', 1},
    {"vs", 'O', 1},     {"vt", 'O', 0},     {"wash", 'O', 0},   {"wed", 'M', 0},
    {"wis", 'O', 0},    {"wisc", 'O', 0},   {"wyo", 'O', 0},
};

static const abbrev *abbrev_find(const char *w, size_t n)
{
    size_t lo = 0, hi = sizeof ABBREVS / sizeof ABBREVS[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strncmp(ABBREVS[mid].word, w, n);
        if (c == 0 && ABBREVS[mid].word[n] != '\0')
            c = 1;
        if (c == 0)
            return &ABBREVS[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const char *tok_abbreviation_at(size_t i)
{
    return i < sizeof ABBREVS / sizeof ABBREVS[0] ? ABBREVS[i].word : NULL;
}

int tok_abbreviation(const char *w, size_t n, char *kind)
{
    const abbrev *a = abbrev_find(w, n);
    if (a && kind)
        *kind = a->kind;
    return a != NULL;
}

/* ---- scanning ---- */

typedef struct scan {
    doc *d;
    const uint32_t *c; /* ncp */
    uint32_t n;
    uint32_t cap;      /* capacity of d->toks */
    uint16_t pending;  /* flags for the next token (space, newline, paragraph) */
    int open_single;   /* an opening single quote is unmatched on this line */
    int has_at;        /* the document contains an '@' (e-mail addresses possible) */
} scan;

static uint32_t at(const scan *s, uint32_t i) { return i < s->n ? s->c[i] : 0; }

/* Skips white space from i; sets the pending flags.  Returns the new index. */
static uint32_t skip_space(scan *s, uint32_t i)
{
    unsigned breaks = 0;
    int any = 0;
    while (i < s->n) {
        uint32_t c = s->c[i];
        if (c == ' ') {
            any = 1;
        } else if (c == '\n') {
            breaks++;
            any = 1;
        } else if (c == 0x2029) {
            breaks += 2;
            any = 1;
        } else if (c >= 0x80 && ch_white(c)) {
            any = 1;
        } else {
            break;
        }
        i++;
    }
    if (any)
        s->pending |= TF_SPACE_BEFORE;
    if (breaks) {
        s->pending |= TF_NEWLINE;
        s->open_single = 0;
    }
    if (breaks >= 2)
        s->pending |= TF_PARAGRAPH;
    return i;
}

static int ascii_ieq(const uint32_t *c, uint32_t n, const char *lit)
{
    size_t k = 0;
    for (; lit[k]; k++)
        if (k >= n || ch_ascii_lower(c[k]) != (uint32_t)lit[k])
            return 0;
    return 1;
}

/* Characters that may not end a URL or e-mail token. */
static int url_trailing(uint32_t c)
{
    return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' ||
           c == '"' || c == ')' || c == ']' || c == '}' || c == '>' || c == 0x2019 || c == 0x201D;
}

static int url_char(uint32_t c)
{
    return c > 0x20 && c != '"' && c != '<' && c != '>' && c != 0x201C && c != 0x201D &&
           !ch_white(c);
}

/* Trims trailing punctuation from a URL [i, j) and keeps balanced parens. */
static uint32_t url_trim(const scan *s, uint32_t i, uint32_t j)
{
    while (j > i + 1 && url_trailing(s->c[j - 1])) {
        if (s->c[j - 1] == ')') {
            int depth = 0;
            for (uint32_t k = i; k < j - 1; k++)
                depth += s->c[k] == '(' ? 1 : s->c[k] == ')' ? -1 : 0;
            if (depth > 0)
                break;
        }
        j--;
    }
    return j;
}

static const char *const TLDS[] = {"com", "org", "net", "gov", "edu", "mil", "int", "info",
                                   "biz", "io", "co", "uk", "us", "ca", "au", "de", "fr",
                                   "ru", "cn", "in", "jp", "ir", "iq", "il", "tv", "news",
                                   "eu", "ch", "nl", "es", "it", "be", "za", "ng", "pk",
                                   "af", "sy", "tr", "ua", "br", "mx", "ly", "ps", "qa", NULL};

static int is_tld(const uint32_t *c, uint32_t n)
{
    for (int k = 0; TLDS[k]; k++)
        if (strlen(TLDS[k]) == n && ascii_ieq(c, n, TLDS[k]) && c[0] >= 'a' && c[0] <= 'z')
            return 1;
    return 0;
}

/* Length of a URL starting at i, or 0.  Without a scheme ("http://",
 * "www.") only when bare is set: a domain with a known top-level part. */
static uint32_t scan_url(const scan *s, uint32_t i, int bare)
{
    const uint32_t *c = s->c + i;
    uint32_t left = s->n - i;
    int scheme = ascii_ieq(c, left, "http://") || ascii_ieq(c, left, "https://") ||
                 ascii_ieq(c, left, "ftp://") || ascii_ieq(c, left, "www.");
    uint32_t j = i;
    if (!scheme && !bare)
        return 0;
    if (!scheme) {
        /* bare domain: label(.label)+ ending in a known TLD, labels of 2+ chars */
        uint32_t k = i, labels = 0, last = i, short_label = 0;
        for (;;) {
            uint32_t start = k;
            while (k < s->n && (ch_is(s->c[k], CH_ALPHA | CH_DIGIT) || s->c[k] == '-') &&
                   s->c[k] < 0x80)
                k++;
            if (k == start)
                return 0;
            if (k - start < 2)
                short_label = 1;
            labels++;
            last = start;
            if (at(s, k) == '.' && ch_is(at(s, k + 1), CH_ALPHA | CH_DIGIT) && at(s, k + 1) < 0x80)
                k++;
            else
                break;
        }
        if (labels < 2 || short_label || !is_tld(s->c + last, k - last))
            return 0;
        j = k;
        if (at(s, j) != '/')
            return j - i;
    }
    while (j < s->n && url_char(s->c[j]))
        j++;
    j = url_trim(s, i, j);
    return j > i + 4 ? j - i : 0;
}

static int email_local(uint32_t c)
{
    return c < 0x80 && (ch_is(c, CH_ALPHA | CH_DIGIT) || c == '.' || c == '_' || c == '%' ||
                        c == '+' || c == '-');
}

/* Length of an e-mail address starting at i, or 0. */
static uint32_t scan_email(const scan *s, uint32_t i)
{
    uint32_t j = i;
    while (j < s->n && email_local(s->c[j]))
        j++;
    if (j == i || at(s, j) != '@')
        return 0;
    uint32_t at_pos = j++;
    uint32_t dot = 0;
    while (j < s->n && (email_local(s->c[j]) && s->c[j] != '_' && s->c[j] != '%')) {
        if (s->c[j] == '.')
            dot = j;
        j++;
    }
    while (j > at_pos + 1 && (s->c[j - 1] == '.' || s->c[j - 1] == '-'))
        j--;
    if (!dot || dot >= j - 1 || dot <= at_pos + 1)
        return 0;
    return j - i;
}

/* Length of a @mention or #hashtag at i (the sigil included), or 0. */
static uint32_t scan_tag(const scan *s, uint32_t i)
{
    uint32_t j = i + 1;
    if (!ch_is(at(s, j), CH_ALPHA) && !(s->c[i] == '@' && ch_digit(at(s, j))))
        return 0;
    while (j < s->n && (ch_alnum(s->c[j]) || s->c[j] == '_'))
        j++;
    return j - i;
}

typedef struct word_info {
    uint32_t end;
    uint16_t flags;
    int inner_periods; /* "U.S" style */
    int letters, digits;
} word_info;

/* Scans a word or number from i (an alphanumeric code point).  With
 * digit_hyphens 0, a hyphen between two digits ends the word. */
static word_info scan_word(const scan *s, uint32_t i, int digit_hyphens)
{
    word_info w = {i, 0, 0, 0, 0};
    uint32_t j = i, seg = 0;
    int short_segments = 1;
    for (;;) {
        for (;;) { /* the code points end with a 0 sentinel, which is not alphanumeric */
            unsigned cl = ch_class(s->c[j]);
            if (!(cl & (CH_ALPHA | CH_DIGIT | CH_MARK)))
                break;
            w.digits += (cl & CH_DIGIT) != 0;
            w.letters += (cl & CH_DIGIT) == 0;
            seg++;
            j++;
        }
        uint32_t c = at(s, j), prev = j > 0 ? s->c[j - 1] : 0, next = at(s, j + 1);
        if (ch_hyphen(c) && ch_alnum(prev) && ch_alnum(next) &&
            (digit_hyphens || !ch_digit(prev) || !ch_digit(next))) {
            w.flags |= TF_HYPHEN;
        } else if (ch_apostrophe(c) && c != '`' && ch_is(prev, CH_ALPHA) && ch_is(next, CH_ALPHA)) {
            w.flags |= TF_CLITIC;
        } else if ((c == '.' || c == ',') && ch_digit(prev) && ch_digit(next)) {
            /* 5,200 and 1.5 */
        } else if ((c == ':' || c == '/') && ch_digit(prev) && ch_digit(next) && ch_digit(s->c[i])) {
            /* 14:57 and 07/06/2000 */
        } else if (c == '.' && ch_is(prev, CH_ALPHA) && ch_is(next, CH_ALPHA) && seg <= 2 &&
                   short_segments && (at(s, j + 2) == '.' || !ch_is(at(s, j + 2), CH_ALPHA))) {
            w.inner_periods++;
        } else if (c == '&' && ch_is(prev, CH_UPPER) && ch_is(next, CH_UPPER)) {
            /* AT&T */
        } else if (c == '.' && w.inner_periods && ch_hyphen(next) && ch_is(at(s, j + 2), CH_ALPHA)) {
            /* U.S.-led: the period closes the abbreviation, the hyphen joins */
            j++;
            w.flags |= TF_HYPHEN;
        } else {
            break;
        }
        if (seg > 2)
            short_segments = 0;
        seg = 0;
        j++;
    }
    w.end = j;
    return w;
}

/* Digit groups of a number joined by hyphens: phone numbers (212-555-0100)
 * and dates (2020-01-05, 05-01-2020) stay one token; ranges (1946-1954,
 * 5-3) do not. */
static int hyphenated_number_whole(const scan *s, uint32_t i, uint32_t e)
{
    uint32_t groups[4], ng = 0, len = 0;
    for (uint32_t k = i; k <= e; k++) {
        if (k == e || ch_hyphen(s->c[k])) {
            if (ng == 4)
                return 0;
            groups[ng++] = len;
            len = 0;
        } else if (ch_digit(s->c[k])) {
            len++;
        } else {
            return 1; /* letters inside: a code such as 4-H or 9-1-1s */
        }
    }
    if (ng == 3 && groups[0] == 4 && groups[1] <= 2 && groups[2] <= 2)
        return 1;
    if (ng == 3 && groups[0] <= 2 && groups[1] <= 2 && (groups[2] == 2 || groups[2] == 4))
        return 1;
    if (ng >= 2 && groups[0] == 3 && groups[1] >= 3 && groups[ng - 1] >= 3)
        return 1;
    return ng >= 3 && groups[0] == 1 && groups[1] == 3; /* 1-800-555-0100 */
}

/* Whether a period right after word [i, j) belongs to it. */
static int period_attaches(const scan *s, uint32_t i, const word_info *w)
{
    uint32_t j = w->end;
    if (at(s, j) != '.' || at(s, j + 1) == '.')
        return 0;
    if (ch_alnum(at(s, j + 1)))
        return 0; /* "end.The" is a typo, not an abbreviation */
    if (w->inner_periods)
        return 1;
    uint32_t len = j - i;
    if (len == 1 && ch_is(s->c[i], CH_UPPER))
        return 1;
    if (w->digits || len > 6 || (w->flags & (TF_HYPHEN | TF_CLITIC)))
        return 0;
    char low[8];
    for (uint32_t k = 0; k < len; k++) {
        if (s->c[i + k] >= 0x80)
            return 0;
        low[k] = (char)ch_ascii_lower(s->c[i + k]);
    }
    const abbrev *a = abbrev_find(low, len);
    if (!a)
        return 0;
    if (!a->any_case && !ch_is(s->c[i], CH_UPPER))
        return 0;
    if (a->kind == 'N') {
        uint32_t k = j + 1;
        while (k < s->n && s->c[k] == ' ')
            k++;
        return ch_digit(at(s, k));
    }
    return 1;
}

static unsigned shape_from_counts(unsigned upper, unsigned lower, int first_upper);

static unsigned shape_of(const uint32_t *c, uint32_t n)
{
    unsigned upper = 0, lower = 0, letters = 0;
    int first_upper = 0;
    for (uint32_t k = 0; k < n; k++) {
        unsigned cl = ch_class(c[k]);
        if (!(cl & CH_ALPHA))
            continue;
        if (letters++ == 0)
            first_upper = (cl & CH_UPPER) != 0;
        upper += (cl & CH_UPPER) != 0;
        lower += (cl & CH_LOWER) != 0;
    }
    /* letters of scripts without case count for neither */
    if (letters && !upper && !lower)
        return SHAPE_MIXED;
    return shape_from_counts(upper, lower, first_upper);
}

#define FNV_OFFSET 2166136261u
#define FNV_PRIME 16777619u

uint32_t tok_hash_lower(const char *str, size_t n)
{
    uint32_t h = FNV_OFFSET;
    for (size_t k = 0; k < n; k++)
        h = (h ^ (unsigned char)str[k]) * FNV_PRIME;
    return h;
}

static uint32_t hash_folded(const char *f, size_t n)
{
    uint32_t h = FNV_OFFSET;
    for (size_t k = 0; k < n; k++) {
        unsigned char c = (unsigned char)f[k];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        h = (h ^ c) * FNV_PRIME;
    }
    return h;
}

static uint8_t pclass_of(const char *f, uint32_t n)
{
    switch (f[0]) {
    case '.': return n == 1 ? PC_STOP : (f[n - 1] == '?' || f[n - 1] == '!') ? PC_EXCLAIM : PC_ELLIPSIS;
    case '!': case '?': return PC_EXCLAIM;
    case ',': return n == 1 ? PC_COMMA : PC_OTHER;
    case ':': return n == 1 ? PC_COLON : PC_OTHER;
    case ';': return n == 1 ? PC_SEMICOLON : PC_OTHER;
    case '"': case '\'': case '`': return PC_QUOTE;
    case '(': case '[': case '{': return n == 1 ? PC_OPEN : PC_OTHER;
    case ')': case ']': case '}': return n == 1 ? PC_CLOSE : PC_OTHER;
    case '-': return PC_DASH;
    default: return PC_OTHER;
    }
}

/* Writes the normalised form of ncp[b, e) into the arena. */
static const char *make_form(scan *s, uint32_t b, uint32_t e, uint32_t *out_len)
{
    return tok_make_form(s->d, b, e, s->d->mem, out_len);
}

const char *tok_make_form(const doc *d, uint32_t b, uint32_t e, arena *a, uint32_t *out_len)
{
    const uint32_t *c = d->ncp;
    size_t max = (size_t)(e - b) * 4 + 1;
    char *f = arena_alloc(a, max);
    if (!f)
        return NULL;
    size_t o = 0;
    for (uint32_t k = b; k < e; k++) {
        uint32_t cp = c[k];
        if (cp < 0x80) {
            f[o++] = (char)cp;
            continue;
        }
        const char *fold = txt_fold_cp(cp);
        if (fold) {
            size_t fl = strlen(fold);
            if (o + fl > max - 1)
                break;
            memcpy(f + o, fold, fl);
            o += fl;
            continue;
        }
        char enc[4];
        size_t el = utf8_encode(cp, enc);
        memcpy(f + o, enc, el);
        o += el;
    }
    f[o] = '\0';
    *out_len = (uint32_t)o;
    return f;
}

/* ASCII case table: lower-case of each byte, and 1 for upper, 2 for lower. */
static const unsigned char CASE_BITS[128] = {
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1,
    ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
    ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
    ['a'] = 2, ['b'] = 2, ['c'] = 2, ['d'] = 2, ['e'] = 2, ['f'] = 2, ['g'] = 2, ['h'] = 2, ['i'] = 2,
    ['j'] = 2, ['k'] = 2, ['l'] = 2, ['m'] = 2, ['n'] = 2, ['o'] = 2, ['p'] = 2, ['q'] = 2, ['r'] = 2,
    ['s'] = 2, ['t'] = 2, ['u'] = 2, ['v'] = 2, ['w'] = 2, ['x'] = 2, ['y'] = 2, ['z'] = 2,
};

static unsigned shape_from_counts(unsigned upper, unsigned lower, int first_upper)
{
    unsigned letters = upper + lower;
    if (!letters)
        return SHAPE_NONE;
    if (!upper)
        return SHAPE_LOWER;
    if (!lower)
        return letters >= 2 ? SHAPE_UPPER : SHAPE_TITLE;
    return (first_upper && upper == 1) ? SHAPE_TITLE : SHAPE_MIXED;
}

/* Fills form, hash and shape of t in one pass when the token is ASCII:
 * its bytes are those of the original text at the same offsets (tabs and
 * carriage returns, the only ASCII the normalised view changes, never occur
 * inside tokens).  Returns 0, 1 when the token is not ASCII (nothing
 * written), or -1 on memory failure. */
static int form_ascii(scan *s, tok *t, uint32_t b, uint32_t e)
{
    const doc *d = s->d;
    uint32_t n = e - b;
    const unsigned char *src;
    if (!d->cp_byte) {
        src = (const unsigned char *)d->text + b; /* an ASCII document: code points are bytes */
    } else {
        uint32_t acc = 0;
        for (uint32_t k = b; k < e; k++)
            acc |= s->c[k];
        if (acc >= 0x80 || d->norig)
            return 1;
        src = (const unsigned char *)d->text + d->cp_byte[b];
    }
    char *f = arena_alloc_small(s->d->mem, n + 1);
    if (!f)
        return -1;
    f[n] = '\0';
    uint32_t h = FNV_OFFSET;
    unsigned upper = 0, lower = 0, seen = 0;
    int first_upper = 0;
    for (uint32_t k = 0; k < n; k++) {
        unsigned char ch = src[k];
        f[k] = (char)ch;
        unsigned bits = CASE_BITS[ch & 0x7F];
        upper += bits & 1;
        lower += bits >> 1;
        if (bits && !seen++)
            first_upper = bits & 1;
        h = (h ^ (unsigned)(ch | ((bits & 1) << 5))) * FNV_PRIME; /* upper case folded */
    }
    t->form = f;
    t->form_len = n;
    t->hash = h;
    t->shape = (uint8_t)shape_from_counts(upper, lower, first_upper);
    return 0;
}

/* The form, hash, shape and punctuation class of t from its normalised
 * code points [t->nb, t->ne). */
static int set_form(scan *s, tok *t)
{
    int rc = form_ascii(s, t, t->nb, t->ne);
    if (rc < 0)
        return -1;
    if (rc > 0) {
        t->form = make_form(s, t->nb, t->ne, &t->form_len);
        if (!t->form)
            return -1;
        t->hash = hash_folded(t->form, t->form_len);
        t->shape = (uint8_t)shape_of(s->c + t->nb, t->ne - t->nb);
    }
    t->pclass = t->kind == TK_PUNCT ? pclass_of(t->form, t->form_len) : PC_NONE;
    return 0;
}

static int emit(scan *s, uint32_t b, uint32_t e, unsigned kind, uint16_t flags)
{
    doc *d = s->d;
    if (d->ntoks == s->cap) {
        tok *grown = arena_reserve(d->mem, d->toks, &s->cap, d->ntoks + 1, sizeof(tok));
        if (!grown)
            return -1;
        d->toks = grown;
    }
    tok *t = &d->toks[d->ntoks];
    t->nb = b;
    t->ne = e;
    t->start = doc_orig_at(d, b);
    t->end = doc_orig_at(d, e);
    t->kind = (uint8_t)kind;
    t->flags = (uint16_t)(flags | s->pending);
    if (d->ntoks == 0)
        t->flags |= TF_NEWLINE | TF_PARAGRAPH;
    if (set_form(s, t) != 0)
        return -1;
    t->pad_ = 0;
    s->pending = 0;
    d->ntoks++;
    return 0;
}

/* A token may fall inside what one original code point became under NFC
 * (U+2ADC turns into two code points the tokenizer can cut apart): its
 * original span is empty.  Such a token joins the next one (or, last, the
 * one before), so that every token covers some of the text. */
static int merge_hollow(scan *s)
{
    doc *d = s->d;
    uint32_t kept = 0;
    for (uint32_t k = 0; k < d->ntoks; k++) {
        tok *t = &d->toks[k];
        if (t->start < t->end) {
            d->toks[kept++] = *t;
            continue;
        }
        if (k + 1 < d->ntoks) {
            tok *next = &d->toks[k + 1];
            next->nb = t->nb;
            next->start = t->start;
            next->flags |= t->flags & (TF_NEWLINE | TF_PARAGRAPH | TF_SPACE_BEFORE);
            if (set_form(s, next) != 0)
                return -1;
        } else if (kept) {
            tok *prev = &d->toks[kept - 1];
            prev->ne = t->ne;
            if (set_form(s, prev) != 0)
                return -1;
        } else if (t->start < d->text_cps) {
            t->end = t->start + 1;
            d->toks[kept++] = *t;
        }
    }
    d->ntoks = kept;
    return 0;
}

/* Punctuation that repeats into one token ("...", "--", "?!", "___"). */
static int runs_together(uint32_t first, uint32_t c)
{
    if (first == '.' && (c == '?' || c == '!'))
        return 1;
    if (first == '!' || first == '?')
        return c == '!' || c == '?';
    if (first == '-' || first == 0x2014 || first == 0x2013)
        return c == first;
    return c == first && (first == '.' || first == '_' || first == '=' || first == '*' ||
                          first == '~' || first == '#' || first == '+' || first == '\'' ||
                          first == '`' || first == '/' || first == '>' || first == '<');
}

/* Length of an emoticon at i (":)", ":-D", "^^", "<3" ...) standing alone
 * between white space or punctuation, or 0. */
static uint32_t scan_emoticon(const scan *s, uint32_t i)
{
    static const char *const faces[] = {":-)", ":-(", ":-D", ":-P", ":-p", ":'(", ";-)", "^_^",
                                        ":)", ":(", ":D", ":P", ":p", ":/", ":o", ":O", ";)",
                                        ";D", "=)", "=(", "=D", "^^", "<3", NULL};
    if (i > 0 && !ch_white(s->c[i - 1]))
        return 0;
    for (int k = 0; faces[k]; k++) {
        uint32_t n = (uint32_t)strlen(faces[k]), m = 0;
        while (m < n && i + m < s->n && s->c[i + m] == (uint32_t)(unsigned char)faces[k][m])
            m++;
        if (m == n && (i + n >= s->n || !ch_alnum(s->c[i + n])))
            return n;
    }
    return 0;
}

/* What an ASCII code point may start besides a word, number or punctuation. */
enum { MAY_URL = 1, MAY_EMAIL = 2, MAY_FACE = 4, MAY_TAG = 8 };
static const unsigned char SPECIAL_START[128] = {
    ['h'] = MAY_URL, ['H'] = MAY_URL, ['f'] = MAY_URL, ['F'] = MAY_URL, ['w'] = MAY_URL, ['W'] = MAY_URL,
    ['.'] = MAY_EMAIL, ['_'] = MAY_EMAIL, ['%'] = MAY_EMAIL, ['+'] = MAY_EMAIL, ['-'] = MAY_EMAIL,
    [':'] = MAY_FACE, [';'] = MAY_FACE, ['='] = MAY_FACE, ['^'] = MAY_FACE, ['<'] = MAY_FACE,
    ['@'] = MAY_TAG, ['#'] = MAY_TAG,
};

/* Scans the token at i (not white space); emits it and returns its end. */
static int scan_token(scan *s, uint32_t i, uint32_t *end)
{
    uint32_t c = s->c[i], len;
    unsigned special = c < 0x80 ? SPECIAL_START[c] : 0;
    if ((special & MAY_URL) && (len = scan_url(s, i, 0)) > 0) {
        *end = i + len;
        return emit(s, i, i + len, TK_URL, 0);
    }
    if ((special & MAY_EMAIL) && s->has_at && (len = scan_email(s, i)) > 0) {
        *end = i + len;
        return emit(s, i, i + len, TK_EMAIL, 0);
    }
    if ((special & MAY_FACE) && (len = scan_emoticon(s, i)) > 0) {
        *end = i + len;
        return emit(s, i, i + len, TK_SYMBOL, 0);
    }
    if ((special & MAY_TAG) && (len = scan_tag(s, i)) > 0) {
        *end = i + len;
        return emit(s, i, i + len, c == '@' ? TK_MENTION : TK_HASHTAG, 0);
    }
    if (ch_alnum(c)) {
        word_info w = scan_word(s, i, 1);
        uint32_t after = at(s, w.end);
        if (s->has_at && c < 0x80 && (after == '@' || (after < 0x80 && email_local(after) && !ch_alnum(after))) &&
            (len = scan_email(s, i)) > 0) {
            *end = i + len;
            return emit(s, i, i + len, TK_EMAIL, 0);
        }
        if ((w.flags & TF_HYPHEN) && ch_digit(c) && !hyphenated_number_whole(s, i, w.end))
            w = scan_word(s, i, 0);
        uint16_t flags = w.flags;
        if (at(s, w.end) == '.' && c < 0x80 && ch_is(at(s, w.end + 1), CH_LOWER) &&
            (len = scan_url(s, i, 1)) > w.end - i) {
            *end = i + len;
            return emit(s, i, i + len, TK_URL, 0);
        }
        if (period_attaches(s, i, &w)) {
            w.end++;
            flags |= (w.end - i == 2) ? (TF_ABBREV | TF_INITIAL) : TF_ABBREV;
        } else if (ch_apostrophe(at(s, w.end)) && !s->open_single && w.end - i >= 2 &&
                   (s->c[w.end - 1] == 's' || s->c[w.end - 1] == 'S') &&
                   !ch_alnum(at(s, w.end + 1)) && w.letters > 0) {
            w.end++; /* plural possessive: "workers'" */
            flags |= TF_CLITIC;
        }
        *end = w.end;
        return emit(s, i, w.end, ch_is(c, CH_DIGIT) ? TK_NUMBER : TK_WORD, flags);
    }
    if (ch_apostrophe(c) && ch_digit(at(s, i + 1)) && ch_digit(at(s, i + 2)) &&
        !ch_alnum(at(s, i + 3 + (at(s, i + 3) == 's')))) {
        uint32_t e = i + 3 + (at(s, i + 3) == 's'); /* '90s */
        *end = e;
        return emit(s, i, e, TK_NUMBER, 0);
    }
    uint32_t e = i + 1;
    while (e < s->n && runs_together(c, s->c[e]))
        e++;
    if (ch_apostrophe(c) && e == i + 1) {
        int opening = (i == 0 || ch_white(s->c[i - 1]) || s->c[i - 1] == '(' || s->c[i - 1] == '"') &&
                      ch_alnum(at(s, i + 1));
        if (opening)
            s->open_single = 1;
        else if (s->open_single && !ch_alnum(at(s, i + 1)))
            s->open_single = 0;
    }
    *end = e;
    unsigned cl = ch_class(c);
    unsigned kind = (cl & CH_PUNCT) ? TK_PUNCT : (cl & CH_OTHER_NUM) ? TK_NUMBER : TK_SYMBOL;
    if (c == '%' || c == '&')
        kind = TK_SYMBOL;
    return emit(s, i, e, kind, 0);
}

int tok_run(doc *d)
{
    scan s = {d, d->ncp, d->ncp_len, 0, 0, 0, memchr(d->text, '@', d->text_len) != NULL};
    d->ntoks = 0;
    s.cap = d->ncp_len / 4 + 16; /* about five code points a token in running text */
    d->toks = arena_alloc(d->mem, (size_t)s.cap * sizeof(tok));
    if (!d->toks)
        return -1;
    uint32_t i = 0;
    while (i < s.n) {
        i = skip_space(&s, i);
        if (i >= s.n)
            break;
        uint32_t end = i + 1;
        if (scan_token(&s, i, &end) != 0)
            return -1;
        i = end > i ? end : i + 1;
    }
    return merge_hollow(&s);
}

uint32_t tok_shape_hash(const char *form, uint32_t len)
{
    char s[6];
    int n = 0;
    for (uint32_t k = 0; k < len && n < 6; k++) {
        unsigned char c = (unsigned char)form[k];
        char sym;
        if (c >= 'A' && c <= 'Z')
            sym = 'X';
        else if (c >= 'a' && c <= 'z')
            sym = 'x';
        else if (c >= '0' && c <= '9')
            sym = 'd';
        else if (c >= 0x80) {
            if ((c & 0xC0) == 0x80)
                continue; /* continuation byte */
            sym = 'u';
        } else
            sym = (char)c;
        if (n == 0 || s[n - 1] != sym)
            s[n++] = sym;
    }
    return tok_hash_lower(s, (size_t)n) ^ 0xA5A5A5A5u;
}

const char *tok_kind_name(unsigned kind)
{
    static const char *const names[TK_KIND_COUNT] = {"word",  "number", "punct",   "symbol",
                                                     "url",   "email",  "mention", "hashtag"};
    return kind < TK_KIND_COUNT ? names[kind] : "unknown";
}
