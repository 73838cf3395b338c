/*
 * handle.h - the insides of the public khaldun and kh_doc handles, shared
 * by the library and the command line (which reads documents directly).
 */
#ifndef KH_HANDLE_H
#define KH_HANDLE_H

#include "core/model.h"
#include "khaldun.h"
#include "syntax/syntax.h"
#include "text/doc.h"
#include "text/sbd.h"

struct kh_doc {
    doc d;
};

struct khaldun {
    kh_options opts;
    char *data_dir;      /* resolved data folder (owned) */
    char *sbd_path;      /* the sentence model's path when one is in use (owned) */
    model_file sbd_file; /* its mapping */
    sbd_model sbd;
    syn_models syn;      /* tagger and parser, when their files are there */
    arena mem;         /* holds the current document */
    struct kh_doc doc; /* the current document */
    char err[512];
};

#define KH_DEFAULT_MAX_DOC_BYTES ((size_t)8 * 1024 * 1024)

#ifndef KH_DATA_DIR
#define KH_DATA_DIR "data"
#endif

/* Sets the handle's error message (printf-style) and returns rc. */
kh_result kh_fail(khaldun *kh, kh_result rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
