/*
 * khaldun.h - public interface of the khaldun political event coder.
 *
 * The library reads news documents and turns them into sentences, tokens and
 * (in later stages) events.  Everything goes through one opaque handle:
 *
 *     khaldun *kh = NULL;
 *     if (kh_open(&kh, NULL) != KH_OK) { ... kh_errmsg(kh) ... }
 *     kh_doc *doc = NULL;
 *     if (kh_process(kh, &input, &doc) == KH_OK) { ... kh_doc_sentence(doc, i) ... }
 *     kh_close(kh);
 *
 * Ownership: the handle owns every kh_doc it returns.  A document stays valid
 * until the next kh_process() on the same handle or kh_close(); strings it
 * hands out live as long as the document.  The caller owns the input buffers
 * and may free them as soon as kh_process() returns.
 *
 * Errors: every function that can fail returns a kh_result; the handle keeps
 * a human-readable message for the last failure (kh_errmsg).  The library
 * never exits, aborts or prints; only the command line turns results into
 * exit statuses and messages.
 */
#ifndef KHALDUN_H
#define KHALDUN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KHALDUN_VERSION "0.1.0"

/* Result codes.  KH_OK is zero; everything else is a failure whose details
 * are in kh_errmsg(). */
typedef enum kh_result {
    KH_OK = 0,
    KH_ERROR = 1,    /* generic failure */
    KH_NOMEM = 2,    /* an allocation failed; the handle stays usable */
    KH_IO = 3,       /* a file could not be read or written */
    KH_INVALID = 4,  /* the input is malformed (bad JSON, binary data ...) */
    KH_TOOBIG = 5,   /* the input exceeds a configured size limit */
    KH_MISUSE = 6    /* the API was called with bad arguments */
} kh_result;

typedef struct khaldun khaldun; /* opaque handle */
typedef struct kh_doc kh_doc;   /* a processed document, owned by the handle */

/* Input formats understood by kh_process(). */
typedef enum kh_format {
    KH_FORMAT_TEXT = 0, /* plain UTF-8 text, one document */
    KH_FORMAT_HTML = 1  /* an HTML page; the article body is extracted */
} kh_format;

/* Options for kh_open().  Zero-initialise and set what you need; zero
 * means "default" for every field. */
typedef struct kh_options {
    size_t max_doc_bytes; /* documents larger than this are refused
                             (KH_TOOBIG); default 8 MiB */
    const char *data_dir; /* models and dictionaries; default: $KHALDUN_DATA,
                             else the data/ folder khaldun was built from */
    int rules_only;       /* 1: split sentences by rules alone, without the
                             learned model */
} kh_options;

/* One document to process.  text/len are the raw bytes (need not be valid
 * UTF-8 nor NUL-terminated); id and date may be NULL. */
typedef struct kh_input {
    const char *id;
    const char *date; /* publication date, YYYY-MM-DD, or NULL */
    const char *text;
    size_t len;
    kh_format format;
} kh_input;

/* Sentence flags (kh_sentence.flags). */
enum {
    KH_SENT_BOILERPLATE = 1u << 0, /* copyright, credit, repeat...: never coded */
    KH_SENT_REPEAT = 1u << 1,      /* repeats an earlier sentence of the document */
    KH_SENT_LINE = 1u << 2,        /* a line without final punctuation (headline, caption) */
    KH_SENT_DATELINE = 1u << 3,    /* a dateline such as "BAGHDAD (Reuters) -" */
    KH_SENT_PARAGRAPH = 1u << 4    /* starts a paragraph */
};

/* A sentence as the library reports it.  Offsets are Unicode code points
 * into the document text (kh_doc_text), end exclusive. */
typedef struct kh_sentence {
    uint32_t start, end;
    uint32_t first_token, token_count;
    uint32_t flags;
    const char *boilerplate_reason; /* "copyright", "credit", "repeat"... or NULL */
} kh_sentence;

/* A token.  form is its normalised spelling (NFC, typographic quotes and
 * dashes mapped to ASCII), NUL-terminated. */
typedef struct kh_token {
    uint32_t start, end; /* code points into the document text */
    const char *form;
    const char *kind;    /* "word", "number", "punct", "symbol", "url", "email", ... */
} kh_token;

/* Opens a handle and maps its models.  opts may be NULL.  On success *out
 * is the handle.  On failure the result says why and, except for KH_NOMEM
 * (then *out is NULL), *out is a handle whose kh_errmsg() explains the
 * failure (a corrupt model file, say); it must still be closed. */
kh_result kh_open(khaldun **out, const kh_options *opts);

/* The path of the sentence model in use, or NULL when sentences are split
 * by rules alone (rules_only, or no model file in the data folder). */
const char *kh_sentence_model(const khaldun *kh);

/* Closes a handle and frees every document it returned.  NULL is allowed. */
void kh_close(khaldun *kh);

/* The message of the last failure on this handle ("" when none); never NULL,
 * also for a NULL handle. */
const char *kh_errmsg(const khaldun *kh);

/* The library version, e.g. "0.1.0". */
const char *kh_version(void);

/* Reads, normalises, splits and tokenises one document.  On success *out is
 * the document (owned by the handle, valid until the next kh_process or
 * kh_close).  Invalid UTF-8 and control characters are repaired with a
 * warning (kh_doc_warning_count), not refused. */
kh_result kh_process(khaldun *kh, const kh_input *in, kh_doc **out);

/* The document's text after repair (valid UTF-8), the one every offset
 * points into; *len gets its length in bytes when len is not NULL. */
const char *kh_doc_text(const kh_doc *doc, size_t *len);

/* Number of sentences, and sentence i (0-based).  kh_doc_sentence returns
 * KH_MISUSE when i is out of range. */
size_t kh_doc_sentence_count(const kh_doc *doc);
kh_result kh_doc_sentence(const kh_doc *doc, size_t i, kh_sentence *out);

/* Number of tokens in the whole document, and token i (0-based). */
size_t kh_doc_token_count(const kh_doc *doc);
kh_result kh_doc_token(const kh_doc *doc, size_t i, kh_token *out);

/* Warnings raised while reading the document (invalid UTF-8 and so on). */
size_t kh_doc_warning_count(const kh_doc *doc);
const char *kh_doc_warning(const kh_doc *doc, size_t i);

/* Allocation hook in the manner of Lua's lua_Alloc: every allocation of the
 * library goes through fn.  fn(ud, ptr, size) must behave like
 * realloc(ptr, size), and free ptr returning NULL when size is 0.  Passing
 * fn = NULL restores the C library allocator.  Not thread-safe: set it
 * before opening handles. */
typedef void *(*kh_alloc_fn)(void *ud, void *ptr, size_t size);
void kh_set_allocator(kh_alloc_fn fn, void *ud);

#ifdef __cplusplus
}
#endif
#endif /* KHALDUN_H */
