/*
 * handle.h - the insides of the public khaldun and kh_doc handles, shared
 * by the library and the command line (which reads documents directly).
 */
#ifndef KH_HANDLE_H
#define KH_HANDLE_H

#include "khaldun.h"
#include "text/doc.h"

struct kh_doc {
    doc d;
};

struct khaldun {
    kh_options opts;
    arena mem;         /* holds the current document */
    struct kh_doc doc; /* the current document */
    char err[512];
};

#define KH_DEFAULT_MAX_DOC_BYTES ((size_t)8 * 1024 * 1024)

/* Sets the handle's error message (printf-style) and returns rc. */
kh_result kh_fail(khaldun *kh, kh_result rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
