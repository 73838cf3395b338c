/*
 * chars.h - character classes for the tokenizer and splitter.
 *
 * ASCII goes through a table; other code points through utf8proc's general
 * category.  All functions are pure and take normalised code points.
 */
#ifndef KH_CHARS_H
#define KH_CHARS_H

#include <stdint.h>

enum {
    CH_SPACE = 1u << 0,  /* white space other than line breaks */
    CH_BREAK = 1u << 1,  /* line feed or paragraph separator */
    CH_ALPHA = 1u << 2,  /* letter */
    CH_DIGIT = 1u << 3,  /* decimal digit */
    CH_UPPER = 1u << 4,  /* upper or title case letter */
    CH_LOWER = 1u << 5,  /* lower case letter */
    CH_MARK = 1u << 6,   /* combining mark */
    CH_PUNCT = 1u << 7,  /* punctuation */
    CH_SYMBOL = 1u << 8, /* symbol (currency, math, emoji ...) */
    CH_OTHER_NUM = 1u << 9 /* other numeric (fractions, superscripts) */
};

/* Class bits of ASCII code points, and of any code point. */
extern const uint16_t ch_ascii_table[128];
unsigned ch_class_slow(uint32_t cp);

static inline unsigned ch_class(uint32_t cp) { return cp < 128 ? ch_ascii_table[cp] : ch_class_slow(cp); }

static inline int ch_is(uint32_t cp, unsigned bits) { return (ch_class(cp) & bits) != 0; }
static inline int ch_alnum(uint32_t cp) { return ch_is(cp, CH_ALPHA | CH_DIGIT | CH_MARK); }
static inline int ch_white(uint32_t cp) { return ch_is(cp, CH_SPACE | CH_BREAK); }
static inline int ch_digit(uint32_t cp) { return cp >= '0' && cp <= '9'; }

/* Hyphen-like code points that may join the parts of a compound. */
static inline int ch_hyphen(uint32_t cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011; }
/* Apostrophe-like code points that may join a clitic ("Iraq's", "don't"). */
static inline int ch_apostrophe(uint32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x02BC || cp == 0x2032 || cp == 0x00B4 || cp == '`';
}
/* Lower-case ASCII fold of cp (other code points unchanged). */
static inline uint32_t ch_ascii_lower(uint32_t cp) { return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp; }

#endif
