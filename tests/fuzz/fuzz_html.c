/*
 * fuzz_html.c - libFuzzer harness for the HTML article extractor.
 *
 * Feeds arbitrary bytes to html_extract() and aborts unless the result keeps
 * its contract: return 0 or -1; on 0 the text is valid UTF-8 of exactly len
 * bytes with no NUL inside, NUL-terminated, without blank lines at either
 * end or three newlines in a row, and every metadata string is valid UTF-8
 * (the date, when present, shaped YYYY-MM-DD).  Crashes, hangs and leaks are
 * caught by the sanitizers.
 *
 *   make fuzz   or   clang -fsanitize=fuzzer,address,undefined ... fuzz_html.c
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "text/html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Length of the valid UTF-8 sequence at s[0..n) (no NUL, overlong form,
 * surrogate or value past U+10FFFF), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t len = c == 0 ? 0 : c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2
               : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (len == 0 || len > n)
        return 0;
    uint32_t cp = len == 1 ? c : (uint32_t)(c & (0x7F >> len));
    for (size_t k = 1; k < len; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[k] & 0x3Fu);
    }
    static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

static void check_utf8(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t len = utf8_seq(u + i, n - i);
        if (!len)
            abort();
        i += len;
    }
}

static void check_optional(const char *s)
{
    if (s)
        check_utf8(s, strlen(s));
}

static void check_date(const char *d)
{
    if (!d)
        return;
    if (strlen(d) != 10 || d[4] != '-' || d[7] != '-')
        abort();
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
            abort();
}

static void check_layout(const char *t, size_t n)
{
    if (t[n] != '\0')
        abort();
    if (n && (t[0] == '\n' || t[0] == ' ' || t[n - 1] == '\n' || t[n - 1] == ' '))
        abort();
    for (size_t i = 0; i + 2 < n; i++)
        if (t[i] == '\n' && t[i + 1] == '\n' && t[i + 2] == '\n')
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena a;
    arena_init(&a, 0);
    html_article art;
    int rc = html_extract((const char *)data, size, &a, &art);
    if (rc != 0 && rc != -1)
        abort();
    if (rc == 0) {
        if (!art.text)
            abort();
        check_utf8(art.text, art.len);
        check_layout(art.text, art.len);
        check_optional(art.title);
        check_optional(art.url);
        check_optional(art.source);
        check_date(art.date);
    }
    arena_free(&a);
    return 0;
}
