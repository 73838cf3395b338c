/*
 * doc.c - the document object and the text stage that fills it.
 */
#include "text/doc.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "text/boiler.h"
#include "text/norm.h"
#include "text/sent.h"
#include "text/tok.h"

void doc_reset(doc *d, arena *a)
{
    memset(d, 0, sizeof *d);
    d->mem = a;
}

int doc_warn(doc *d, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return -1;
    doc_warning *grown = arena_reserve(d->mem, d->warnings, &d->warn_cap, d->nwarnings + 1,
                                       sizeof(doc_warning));
    if (!grown)
        return -1;
    d->warnings = grown;
    size_t len = (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1;
    char *msg = arena_strndup(d->mem, tmp, len);
    if (!msg)
        return -1;
    d->warnings[d->nwarnings++].msg = msg;
    return 0;
}

int doc_process_text(doc *d, const char *bytes, size_t len)
{
    if (txt_repair(d, (const unsigned char *)bytes, len) != 0)
        return -1;
    if (txt_normalise(d) != 0)
        return -1;
    if (tok_run(d) != 0)
        return -1;
    if (sent_split(d) != 0)
        return -1;
    if (boil_mark(d) != 0)
        return -1;
    return d->mem->failed ? -1 : 0;
}
