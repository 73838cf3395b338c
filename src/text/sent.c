/*
 * sent.c - rule-based sentence splitter over tokens.
 */
#include "text/sent.h"

#include <stdlib.h>
#include <string.h>

#include "khaldun.h"
#include "text/sbd.h"
#include "text/tok.h"

/* Words that commonly open a sentence, capitalised.  Sorted for bsearch. */
static const char *const STARTERS[] = {
    "A", "About", "According", "After", "Again", "Against", "Ah", "All", "Also", "Although",
    "Among", "An", "And", "Another", "Any", "Anyway", "As", "At", "Because", "Before",
    "Both", "But", "By", "Can", "Currently", "Despite", "Did", "Do", "Does", "During",
    "Each", "Earlier", "Eight", "Even", "Every", "Everyone", "Finally", "Five", "For",
    "Four", "From", "Given", "He", "Her", "Here", "His", "How", "However", "I", "If", "In",
    "Instead", "It", "Its", "Just", "Last", "Later", "Let", "Many", "Meanwhile", "More",
    "Most", "Much", "My", "Neither", "Never", "Next", "Nine", "No", "Nobody", "None", "Nor",
    "Not", "Nothing", "Now", "Of", "Often", "Oh", "On", "Once", "One", "Only", "Or", "Other",
    "Others", "Our", "Over", "Please", "Rather", "Same", "Seven", "She", "Since", "Six",
    "So", "Some", "Someone", "Something", "Soon", "Still", "Such", "Ten", "Thanks", "That",
    "The", "Their", "Then", "There", "These", "They", "This", "Those", "Though", "Three",
    "Thus", "To", "Today", "Tomorrow", "Two", "Under", "Unless", "Until", "Upon", "We",
    "Well", "What", "When", "Where", "Whether", "Which", "While", "Who", "Why", "With",
    "Without", "Yes", "Yesterday", "Yet", "You", "Your",
};

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int sent_starter_word(const char *w)
{
    return bsearch(&w, STARTERS, sizeof STARTERS / sizeof STARTERS[0], sizeof STARTERS[0],
                   cmp_str) != NULL;
}

/* ---- token predicates ---- */

static int is_form(const tok *t, const char *s) { return strcmp(t->form, s) == 0; }

/* A closing quote or bracket glued to what precedes it. */
static int is_closer(const tok *t)
{
    return !(t->flags & TF_SPACE_BEFORE) && (t->pclass == PC_QUOTE || t->pclass == PC_CLOSE);
}

static int is_opener(const tok *t) { return t->pclass == PC_QUOTE || t->pclass == PC_OPEN; }

static int is_dash(const tok *t) { return t->pclass == PC_DASH && t->form_len <= 3; }

enum terminal { TERM_NONE, TERM_STOP, TERM_EXCLAIM, TERM_ELLIPSIS, TERM_ABBREV };

static enum terminal terminal_kind(const tok *t)
{
    if (t->kind == TK_PUNCT) {
        switch (t->pclass) {
        case PC_STOP: return TERM_STOP;
        case PC_EXCLAIM: return TERM_EXCLAIM;
        case PC_ELLIPSIS: return TERM_ELLIPSIS;
        default: return TERM_NONE;
        }
    }
    if (t->flags & TF_ABBREV)
        return TERM_ABBREV;
    return TERM_NONE;
}

/* First code point class of a token: can it open a sentence? */
static int starts_upper_or_digit(const tok *t)
{
    unsigned char c = (unsigned char)t->form[0];
    if (c >= 'A' && c <= 'Z')
        return 1;
    if (c >= '0' && c <= '9')
        return 1;
    if (c >= 0x80)
        return t->shape != SHAPE_LOWER; /* other scripts, accented capitals */
    return t->kind == TK_MENTION || t->kind == TK_HASHTAG || t->kind == TK_URL;
}

/* Can toks[j] (with what follows) open a new sentence? */
static int can_open(const doc *d, uint32_t j)
{
    const tok *t = &d->toks[j];
    if (is_form(t, "[") && j + 2 < d->ntoks && d->toks[j + 1].kind == TK_NUMBER)
        return 0; /* a reference mark stays with the sentence before */
    if (is_opener(t)) {
        if (j + 1 < d->ntoks && !(d->toks[j + 1].flags & TF_NEWLINE))
            return starts_upper_or_digit(&d->toks[j + 1]) || is_opener(&d->toks[j + 1]);
        return 0;
    }
    if (t->kind == TK_PUNCT || t->kind == TK_SYMBOL)
        return is_form(t, "*") || is_form(t, "-") || is_form(t, "--") || is_form(t, "$");
    return starts_upper_or_digit(t);
}

static char abbrev_kind(const tok *t)
{
    char low[16], kind = 'O';
    size_t n = t->form_len ? t->form_len - 1 : 0; /* without the period */
    if (n == 0 || n >= sizeof low)
        return 'O';
    for (size_t k = 0; k < n; k++) {
        char c = t->form[k];
        low[k] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
    }
    low[n] = '\0';
    if (strchr(low, '.'))
        return 'O';
    return tok_abbreviation(low, n, &kind) ? kind : 'O';
}

/* If a reference mark such as "[12]" or "[3 - 5]" ends at token e, returns
 * the index of its "["; else 0. */
static uint32_t citation_start(const doc *d, uint32_t first, uint32_t e)
{
    if (d->toks[e].pclass != PC_CLOSE || !is_form(&d->toks[e], "]"))
        return 0;
    uint32_t k = e;
    while (k > first && k + 8 > e) {
        k--;
        const tok *t = &d->toks[k];
        if (is_form(t, "["))
            return k + 1 < e ? k : 0;
        if (t->kind != TK_NUMBER && !is_form(t, "-") && !is_form(t, "--") && !is_form(t, ","))
            return 0;
    }
    return 0;
}

/* Index of the last token that is not a glued closer or a reference mark,
 * looking back from j-1 no further than first. */
static uint32_t skip_closers_back(const doc *d, uint32_t first, uint32_t j)
{
    uint32_t k = j - 1;
    for (;;) {
        uint32_t c;
        if (k > first && is_closer(&d->toks[k]) && !citation_start(d, first, k))
            k--;
        else if (k > first && (c = citation_start(d, first, k)) > first)
            k = c - 1;
        else
            return k;
    }
}

/* A list marker such as "1." or "a)" alone at the start of a line. */
static int list_marker_before(const doc *d, uint32_t first, uint32_t k)
{
    return k == first + 1 && (d->toks[first].flags & TF_NEWLINE) &&
           (d->toks[first].kind == TK_NUMBER || d->toks[first].form_len == 1);
}

/* A lower-case word after a full stop, "?" or "!" still opens a sentence
 * in informal text ("take my bf. a bar would be nice"), unless a closing
 * quote intervenes ("Why?" he asked) or the stop may belong to something
 * else: a one-letter abbreviation ("p. 5") or a list marker. */
static int lower_start_boundary(const doc *d, uint32_t first, uint32_t k, uint32_t j, enum terminal term)
{
    const tok *t = &d->toks[j];
    if (k + 1 != j || t->kind != TK_WORD || t->shape != SHAPE_LOWER)
        return 0;
    if (term == TERM_EXCLAIM)
        return 1;
    if (term != TERM_STOP || k == first || list_marker_before(d, first, k))
        return 0;
    const tok *w = &d->toks[k - 1];
    if (w->kind == TK_WORD)
        return w->form_len >= 2;
    return w->kind == TK_NUMBER || w->kind == TK_URL || is_closer(w);
}

/* A missing space after a full stop, "!" or "?" between two words
 * ("wonders.Neither", "service.There"): a typo that still ends a sentence
 * when a lower-case word of two letters or more comes before and a
 * capitalised word after. */
static int glued_boundary(const doc *d, uint32_t first, uint32_t j)
{
    if (j < first + 2)
        return 0;
    const tok *t = &d->toks[j], *p = &d->toks[j - 1], *w = &d->toks[j - 2];
    return (p->pclass == PC_STOP || p->pclass == PC_EXCLAIM) && !(p->flags & TF_SPACE_BEFORE) &&
           t->kind == TK_WORD && t->shape == SHAPE_TITLE && t->form_len >= 2 && w->kind == TK_WORD &&
           w->shape == SHAPE_LOWER && w->form_len >= 2;
}

/* Is there a sentence boundary before token j (inside a line)? */
static int punct_boundary(const doc *d, uint32_t first, uint32_t j)
{
    const tok *t = &d->toks[j];
    if (j == first)
        return 0;
    if (!(t->flags & TF_SPACE_BEFORE))
        return glued_boundary(d, first, j);
    uint32_t k = skip_closers_back(d, first, j);
    enum terminal term = terminal_kind(&d->toks[k]);
    if (term == TERM_NONE)
        return 0;
    if (!can_open(d, j))
        return lower_start_boundary(d, first, k, j, term);
    if (term == TERM_STOP)
        return !list_marker_before(d, first, k);
    if (term == TERM_EXCLAIM || term == TERM_ELLIPSIS)
        return 1;
    /* an abbreviation: decide by what follows */
    const tok *a = &d->toks[k];
    if (is_form(a, "e.g.") || is_form(a, "i.e.") || is_form(a, "E.g.") || is_form(a, "I.e."))
        return 0; /* they introduce what follows */
    char kind = (a->flags & TF_INITIAL) ? 'I' : abbrev_kind(a);
    if (kind == 'T' || kind == 'N')
        return 0;
    return sent_starter_word(t->form) || (t->pclass == PC_QUOTE && k + 1 == j);
}

/* ---- datelines ---- */

static int upper_word(const tok *t)
{
    return (t->kind == TK_WORD && t->shape == SHAPE_UPPER) ||
           ((t->flags & TF_ABBREV) && t->shape == SHAPE_UPPER);
}

/* If a dateline starts at token i (first of a line), returns the index of
 * its closing dash; else 0. */
static uint32_t dateline_end(const doc *d, uint32_t i)
{
    uint32_t n = d->ntoks, k = i, caps = 0;
    while (k < n && k < i + 5 && upper_word(&d->toks[k]) && (k == i || !(d->toks[k].flags & TF_NEWLINE))) {
        caps++;
        k++;
    }
    int title_place = 0;
    if (caps == 0 && k < n && d->toks[k].shape == SHAPE_TITLE && d->toks[k].kind == TK_WORD) {
        title_place = 1; /* "Washington (Reuters) -" needs the agency */
        k++;
    }
    if (caps == 0 && !title_place)
        return 0;
    /* optional ", Country" / ", Jan 5" parts */
    for (int parts = 0; parts < 2 && k < n && is_form(&d->toks[k], ","); parts++) {
        uint32_t m = k + 1, words = 0;
        while (m < n && words < 4 && !(d->toks[m].flags & TF_NEWLINE) &&
               (d->toks[m].shape == SHAPE_TITLE || d->toks[m].shape == SHAPE_UPPER ||
                d->toks[m].kind == TK_NUMBER)) {
            m++;
            words++;
        }
        if (!words)
            return 0;
        k = m;
    }
    int agency = 0;
    if (k < n && is_form(&d->toks[k], "(")) {
        uint32_t m = k + 1;
        while (m < n && m < k + 7 && !is_form(&d->toks[m], ")") && !(d->toks[m].flags & TF_NEWLINE))
            m++;
        if (m >= n || !is_form(&d->toks[m], ")") || m == k + 1)
            return 0;
        k = m + 1;
        agency = 1;
    }
    if (title_place && !agency)
        return 0;
    if (k >= n || !is_dash(&d->toks[k]) || (d->toks[k].flags & TF_NEWLINE) ||
        !(d->toks[k].flags & TF_SPACE_BEFORE))
        return 0;
    if (k + 1 >= n || (d->toks[k + 1].flags & TF_NEWLINE))
        return k; /* a dateline alone on its line */
    return (d->toks[k + 1].flags & TF_SPACE_BEFORE) ? k : 0;
}

/* ---- hard-wrapped text ----
 *
 * Text wrapped at a fixed width (e-mail, wire archives, the UD tools' raw
 * text) breaks lines inside sentences; text with one paragraph per line
 * breaks them only between segments.  A line break counts as wrapping when
 * the document has no long lines and the first word of the next line would
 * not have fitted on the line before: a wrapper would have put it there. */

typedef struct wrap_info {
    int possible;   /* no line of running text is longer than WRAP_MAX */
    int strong;     /* most inner lines are near the widest: surely wrapped */
    uint32_t width; /* the longest line with a space in it */
} wrap_info;

enum { WRAP_MAX = 100, WRAP_MIN_WIDTH = 55, WRAP_MIN_LINE = 40 };

/* Visits the lines of the document through its tokens: a line runs from a
 * token that starts one to the last token before the next such token. */
typedef struct line_stats {
    uint32_t width;        /* the longest line of two tokens or more */
    uint32_t inner, near;  /* lines followed by another line; of those, near the width */
    int too_long;          /* a line of running text longer than WRAP_MAX */
} line_stats;

static void scan_lines(const doc *d, line_stats *ls, int second_pass)
{
    uint32_t first = 0;
    for (uint32_t k = 1; k <= d->ntoks; k++) {
        if (k < d->ntoks && !(d->toks[k].flags & TF_NEWLINE))
            continue;
        uint32_t len = d->toks[k - 1].ne - d->toks[first].nb;
        int words = k - first >= 2;
        if (!second_pass) {
            if (words && len > WRAP_MAX)
                ls->too_long = 1;
            if (words && len <= WRAP_MAX && len > ls->width)
                ls->width = len;
        } else if (k < d->ntoks && !(d->toks[k].flags & TF_PARAGRAPH)) {
            ls->inner++;
            ls->near += len * 10 >= ls->width * 7 && len <= ls->width;
        }
        first = k;
    }
}

static wrap_info detect_wrapping(const doc *d)
{
    line_stats ls = {0, 0, 0, 0};
    scan_lines(d, &ls, 0);
    scan_lines(d, &ls, 1);
    wrap_info w = {!ls.too_long, 0, ls.width};
    w.strong = ls.inner >= 4 && ls.near * 4 >= ls.inner * 3 && ls.width >= 30;
    if (w.strong)
        w.possible = 1;
    else if (w.width < WRAP_MIN_WIDTH)
        w.possible = 0; /* short lines of their own, not a wrapped column */
    return w;
}

/* Length in code points of the line that ends just before token j, trailing
 * spaces excluded. */
static uint32_t line_length_before(const doc *d, uint32_t j)
{
    uint32_t e = d->toks[j].nb;
    while (e > 0 && d->ncp[e - 1] != '\n')
        e--;
    if (e == 0)
        return 0;
    e--; /* the line feed */
    while (e > 0 && d->ncp[e - 1] == ' ')
        e--;
    uint32_t b = e;
    while (b > 0 && d->ncp[b - 1] != '\n')
        b--;
    return e - b;
}

/* Length of the white-space-delimited word starting at normalised index i. */
static uint32_t word_length_at(const doc *d, uint32_t i)
{
    uint32_t e = i;
    while (e < d->ncp_len && d->ncp[e] != ' ' && d->ncp[e] != '\n')
        e++;
    return e - i;
}

/* Most words of the segment [first, j) capitalised: a title-case headline. */
static int headline_like(const doc *d, uint32_t first, uint32_t j)
{
    uint32_t words = 0, caps = 0;
    for (uint32_t k = first; k < j; k++) {
        const tok *t = &d->toks[k];
        if (t->kind != TK_WORD)
            continue;
        words++;
        caps += t->shape == SHAPE_TITLE || t->shape == SHAPE_UPPER;
    }
    return words >= 3 && caps * 10 >= words * 7;
}

/* Is the line break before token j a segment boundary? */
static int line_boundary(const doc *d, const wrap_info *w, uint32_t first, uint32_t j)
{
    if (!w->possible)
        return 1;
    uint32_t k = skip_closers_back(d, first, j);
    if (terminal_kind(&d->toks[k]) != TERM_NONE)
        return 0; /* the punctuation rules decide, as after a space */
    const tok *t = &d->toks[j];
    if (is_form(t, "*") || dateline_end(d, j) != 0)
        return 1;
    uint32_t len = line_length_before(d, j);
    if (!w->strong && headline_like(d, first, j))
        return 1;
    if (len >= WRAP_MIN_LINE && len + 1 + word_length_at(d, t->nb) > w->width)
        return 0;
    if (w->strong && len * 10 >= w->width * 6)
        return 0;
    return 1;
}

/* ---- assembly ---- */

typedef struct sent_builder {
    doc *d;
    uint32_t cap;
} sent_builder;

static int push_sentence(sent_builder *b, uint32_t first, uint32_t end, uint32_t flags)
{
    doc *d = b->d;
    if (end <= first)
        return 0;
    sent *grown = arena_reserve(d->mem, d->sents, &b->cap, d->nsents + 1, sizeof(sent));
    if (!grown)
        return -1;
    d->sents = grown;
    sent *s = &d->sents[d->nsents++];
    s->tok_first = first;
    s->tok_count = end - first;
    s->start = d->toks[first].start;
    s->end = d->toks[end - 1].end;
    s->flags = flags;
    if (d->toks[first].flags & TF_PARAGRAPH)
        s->flags |= KH_SENT_PARAGRAPH;
    int line_end = end >= d->ntoks || (d->toks[end].flags & TF_NEWLINE);
    uint32_t k = skip_closers_back(d, first, end);
    if (line_end && terminal_kind(&d->toks[k]) == TERM_NONE && !(flags & KH_SENT_DATELINE))
        s->flags |= KH_SENT_LINE;
    s->reason = NULL;
    return 0;
}

int sent_split(doc *d)
{
    sent_builder b = {d, d->ntoks / 8 + 8};
    d->nsents = 0;
    d->sents = arena_alloc(d->mem, (size_t)b.cap * sizeof(sent));
    if (!d->sents)
        return -1;
    if (d->ntoks == 0)
        return 0;
    wrap_info w = detect_wrapping(d);
    d->style = d->boundary ? (uint8_t)sbd_style(d) : 0;
    int learned = d->style != 0; /* the model speaks for informal and message text only */
    uint32_t first = 0, j = 0;
    while (j < d->ntoks) {
        const tok *t = &d->toks[j];
        int line_start = j == 0 || (t->flags & TF_NEWLINE);
        int split = j > first && ((t->flags & TF_PARAGRAPH) ||
                                  (line_start && line_boundary(d, &w, first, j)) ||
                                  punct_boundary(d, first, j));
        if (!split && learned && sbd_candidate(d, first, j))
            split = d->boundary(d->boundary_ctx, d, first, j);
        if (split) {
            if (push_sentence(&b, first, j, 0) != 0)
                return -1;
            first = j;
        }
        uint32_t dash = (j == first && line_start) ? dateline_end(d, j) : 0;
        if (dash) {
            if (push_sentence(&b, j, dash + 1, KH_SENT_DATELINE) != 0)
                return -1;
            first = j = dash + 1;
            continue;
        }
        j++;
    }
    return push_sentence(&b, first, d->ntoks, 0);
}
