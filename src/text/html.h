/*
 * html.h - article extraction from news web pages (libxml2's HTML parser).
 *
 * Keeps the article body and drops page furniture: scripts and styles,
 * navigation, headers and footers, bylines, photo captions and credits,
 * share buttons, related-story boxes, newsletter prompts, comments and
 * copyright footers.  Block elements (p, h1-h6, li, blockquote, ...) become
 * paragraphs separated by a blank line; <br> becomes a line break; white
 * space inside a block is collapsed to single spaces.
 *
 * Ownership: every string of an html_article lives in the arena passed to
 * html_extract() and stays valid until that arena is reset.
 */
#ifndef KH_HTML_H
#define KH_HTML_H

#include <stddef.h>

#include "core/mem.h"

typedef struct html_article {
    char *text;         /* extracted article text, UTF-8, NUL-terminated */
    size_t len;         /* its length in bytes */
    const char *title;  /* headline (og:title, h1 or <title>), or NULL */
    const char *date;   /* publication date YYYY-MM-DD from the page metadata, or NULL */
    const char *url;    /* canonical URL (link rel=canonical or og:url), or NULL */
    const char *source; /* site name (og:site_name), or NULL */
} html_article;

/* Extracts the article of the HTML page bytes[0..len) (any encoding the
 * page declares; UTF-8 when it declares none).  Returns 0 on success (the
 * text may be empty when the page has none), -1 when memory runs out. */
int html_extract(const char *bytes, size_t len, arena *a, html_article *out);

#endif
