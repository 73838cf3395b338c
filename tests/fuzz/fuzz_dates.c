/*
 * fuzz_dates.c - libFuzzer harness for date resolution (src/time): the
 * YYYY-MM-DD reader and the temporal expressions of a sentence.
 *
 * The first line of the input is read as a publication date (any bytes:
 * the --date value and the "date" of JSON documents go through
 * date_parse_iso); the rest is cut at blanks into the words of one
 * sentence, given arbitrary parse heads taken from the bytes, and every
 * expression found is resolved, with and without the future flag and an
 * anchor, and every word taken as an event's head is dated.  Checks that
 * expressions lie in the sentence, in order, without overlaps, and that
 * every date given is inside the calendar.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "time/attach.h"
#include "time/calendar.h"
#include "time/timex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_WORDS = 4096, CAP = 32 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl = memchr(data, '\n', size);
    size_t first = nl ? (size_t)(nl - data) : size;
    int32_t pub = 0;
    int has_pub = date_parse_iso((const char *)data, first, &pub);
    if (has_pub && !date_in_range(pub))
        abort();
    if (has_pub) {
        char out[11];
        date_format(pub, out);
        int32_t back = 0;
        if (!date_parse_iso(out, 10, &back) || back != pub)
            abort();
    }
    size_t rest = nl ? size - first - 1 : 0;
    char *text = malloc(rest + 1);
    word *w = calloc(MAX_WORDS, sizeof *w);
    const char **rel = calloc(MAX_WORDS, sizeof *rel);
    if (!text || !w || !rel)
        abort();
    if (rest)
        memcpy(text, nl + 1, rest);
    text[rest] = '\0';
    static const char *const rels[] = {"obl", "nsubj", "acl:relcl", "root", "conj", "aux", "nmod", "advcl"};
    uint32_t n = 0;
    for (char *t = strtok(text, " \n\t"); t && n < MAX_WORDS; t = strtok(NULL, " \n\t")) {
        w[n].form = t;
        w[n].len = (uint32_t)strlen(t);
        unsigned char h = (unsigned char)t[0];
        w[n].head = h % 5 == 0 ? -1 : (int32_t)((n * 7u + h) % (n + 3)) - 1; /* may point anywhere, even at itself */
        rel[n] = rels[h % 8];
        n++;
    }
    for (uint32_t i = 0; i < n; i++)
        if (w[i].head >= (int32_t)n)
            w[i].head = -1;
    arena a;
    arena_init(&a, 0);
    date_expr x[CAP];
    uint32_t nx = date_find(w, n, &a, x, CAP);
    if (nx > CAP)
        abort();
    date_value anchor = {has_pub ? pub - 3 : 0, DATE_DAY};
    for (uint32_t k = 0; k < nx; k++) {
        if (x[k].start >= x[k].end || x[k].end > n || (k && x[k].start < x[k - 1].end))
            abort();
        for (int future = 0; future < 2; future++) {
            date_value v;
            if (date_resolve(&x[k], has_pub ? pub : 0, future, &anchor, &v) && !date_in_range(v.day))
                abort();
        }
        char tod[16];
        date_time_text(&x[k], tod);
        if (strlen(tod) >= sizeof tod)
            abort();
    }
    char line[16];
    size_t keep = first < sizeof line - 1 ? first : sizeof line - 1;
    memcpy(line, data, keep);
    line[keep] = '\0';
    date_doc dd;
    date_doc_start(&dd, line);
    int32_t again = 0;
    if (dd.has_pub != date_parse_iso(line, strnlen(line, 11), &again) || (dd.has_pub && dd.pub != again))
        abort();
    uint32_t ne = n < 64 ? n : 64, heads[64];
    event_date ed[64];
    for (uint32_t k = 0; k < ne; k++)
        heads[k] = k;
    date_sentence s = {w, rel, n, x, nx};
    date_events(&dd, &s, heads, ne, ed);
    for (uint32_t k = 0; k < ne; k++)
        if ((ed[k].has_date && !date_in_range(ed[k].v.day)) || ed[k].expr >= (int32_t)nx || ed[k].time_expr >= (int32_t)nx)
            abort();
    arena_free(&a);
    free(rel);
    free(w);
    free(text);
    return 0;
}
