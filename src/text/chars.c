/*
 * chars.c - character classes (ASCII table, utf8proc categories beyond).
 */
#include "text/chars.h"

#include <utf8proc.h>

const uint16_t ch_ascii_table[128] = {
    /* 0x00 */ CH_SPACE,
    /* 0x01 */ CH_SPACE,
    /* 0x02 */ CH_SPACE,
    /* 0x03 */ CH_SPACE,
    /* 0x04 */ CH_SPACE,
    /* 0x05 */ CH_SPACE,
    /* 0x06 */ CH_SPACE,
    /* 0x07 */ CH_SPACE,
    /* 0x08 */ CH_SPACE,
    /* 0x09 */ CH_SPACE,
    /* 0x0a */ CH_BREAK,
    /* 0x0b */ CH_SPACE,
    /* 0x0c */ CH_SPACE,
    /* 0x0d */ CH_SPACE,
    /* 0x0e */ CH_SPACE,
    /* 0x0f */ CH_SPACE,
    /* 0x10 */ CH_SPACE,
    /* 0x11 */ CH_SPACE,
    /* 0x12 */ CH_SPACE,
    /* 0x13 */ CH_SPACE,
    /* 0x14 */ CH_SPACE,
    /* 0x15 */ CH_SPACE,
    /* 0x16 */ CH_SPACE,
    /* 0x17 */ CH_SPACE,
    /* 0x18 */ CH_SPACE,
    /* 0x19 */ CH_SPACE,
    /* 0x1a */ CH_SPACE,
    /* 0x1b */ CH_SPACE,
    /* 0x1c */ CH_SPACE,
    /* 0x1d */ CH_SPACE,
    /* 0x1e */ CH_SPACE,
    /* 0x1f */ CH_SPACE,
    /* ' ' */ CH_SPACE,
    /* '!' */ CH_PUNCT,
    /* '"' */ CH_PUNCT,
    /* '#' */ CH_PUNCT,
    /* '$' */ CH_SYMBOL,
    /* '%' */ CH_PUNCT,
    /* '&' */ CH_PUNCT,
    /* 0x27 */ CH_PUNCT,
    /* '(' */ CH_PUNCT,
    /* ')' */ CH_PUNCT,
    /* 0x2a */ CH_PUNCT,
    /* '+' */ CH_SYMBOL,
    /* ',' */ CH_PUNCT,
    /* '-' */ CH_PUNCT,
    /* '.' */ CH_PUNCT,
    /* 0x2f */ CH_PUNCT,
    /* '0' */ CH_DIGIT,
    /* '1' */ CH_DIGIT,
    /* '2' */ CH_DIGIT,
    /* '3' */ CH_DIGIT,
    /* '4' */ CH_DIGIT,
    /* '5' */ CH_DIGIT,
    /* '6' */ CH_DIGIT,
    /* '7' */ CH_DIGIT,
    /* '8' */ CH_DIGIT,
    /* '9' */ CH_DIGIT,
    /* ':' */ CH_PUNCT,
    /* ';' */ CH_PUNCT,
    /* '<' */ CH_SYMBOL,
    /* '=' */ CH_SYMBOL,
    /* '>' */ CH_SYMBOL,
    /* '?' */ CH_PUNCT,
    /* '@' */ CH_PUNCT,
    /* 'A' */ CH_ALPHA | CH_UPPER,
    /* 'B' */ CH_ALPHA | CH_UPPER,
    /* 'C' */ CH_ALPHA | CH_UPPER,
    /* 'D' */ CH_ALPHA | CH_UPPER,
    /* 'E' */ CH_ALPHA | CH_UPPER,
    /* 'F' */ CH_ALPHA | CH_UPPER,
    /* 'G' */ CH_ALPHA | CH_UPPER,
    /* 'H' */ CH_ALPHA | CH_UPPER,
    /* 'I' */ CH_ALPHA | CH_UPPER,
    /* 'J' */ CH_ALPHA | CH_UPPER,
    /* 'K' */ CH_ALPHA | CH_UPPER,
    /* 'L' */ CH_ALPHA | CH_UPPER,
    /* 'M' */ CH_ALPHA | CH_UPPER,
    /* 'N' */ CH_ALPHA | CH_UPPER,
    /* 'O' */ CH_ALPHA | CH_UPPER,
    /* 'P' */ CH_ALPHA | CH_UPPER,
    /* 'Q' */ CH_ALPHA | CH_UPPER,
    /* 'R' */ CH_ALPHA | CH_UPPER,
    /* 'S' */ CH_ALPHA | CH_UPPER,
    /* 'T' */ CH_ALPHA | CH_UPPER,
    /* 'U' */ CH_ALPHA | CH_UPPER,
    /* 'V' */ CH_ALPHA | CH_UPPER,
    /* 'W' */ CH_ALPHA | CH_UPPER,
    /* 'X' */ CH_ALPHA | CH_UPPER,
    /* 'Y' */ CH_ALPHA | CH_UPPER,
    /* 'Z' */ CH_ALPHA | CH_UPPER,
    /* '[' */ CH_PUNCT,
    /* 0x5c */ CH_PUNCT,
    /* ']' */ CH_PUNCT,
    /* '^' */ CH_SYMBOL,
    /* '_' */ CH_PUNCT,
    /* '`' */ CH_SYMBOL,
    /* 'a' */ CH_ALPHA | CH_LOWER,
    /* 'b' */ CH_ALPHA | CH_LOWER,
    /* 'c' */ CH_ALPHA | CH_LOWER,
    /* 'd' */ CH_ALPHA | CH_LOWER,
    /* 'e' */ CH_ALPHA | CH_LOWER,
    /* 'f' */ CH_ALPHA | CH_LOWER,
    /* 'g' */ CH_ALPHA | CH_LOWER,
    /* 'h' */ CH_ALPHA | CH_LOWER,
    /* 'i' */ CH_ALPHA | CH_LOWER,
    /* 'j' */ CH_ALPHA | CH_LOWER,
    /* 'k' */ CH_ALPHA | CH_LOWER,
    /* 'l' */ CH_ALPHA | CH_LOWER,
    /* 'm' */ CH_ALPHA | CH_LOWER,
    /* 'n' */ CH_ALPHA | CH_LOWER,
    /* 'o' */ CH_ALPHA | CH_LOWER,
    /* 'p' */ CH_ALPHA | CH_LOWER,
    /* 'q' */ CH_ALPHA | CH_LOWER,
    /* 'r' */ CH_ALPHA | CH_LOWER,
    /* 's' */ CH_ALPHA | CH_LOWER,
    /* 't' */ CH_ALPHA | CH_LOWER,
    /* 'u' */ CH_ALPHA | CH_LOWER,
    /* 'v' */ CH_ALPHA | CH_LOWER,
    /* 'w' */ CH_ALPHA | CH_LOWER,
    /* 'x' */ CH_ALPHA | CH_LOWER,
    /* 'y' */ CH_ALPHA | CH_LOWER,
    /* 'z' */ CH_ALPHA | CH_LOWER,
    /* '{' */ CH_PUNCT,
    /* '|' */ CH_SYMBOL,
    /* '}' */ CH_PUNCT,
    /* '~' */ CH_SYMBOL,
    /* 0x7f */ CH_SPACE,
};

static unsigned category_class(uint32_t cp)
{
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT: return CH_ALPHA | CH_UPPER;
    case UTF8PROC_CATEGORY_LL: return CH_ALPHA | CH_LOWER;
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: return CH_ALPHA;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME: return CH_MARK;
    case UTF8PROC_CATEGORY_ND: return CH_DIGIT;
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO: return CH_OTHER_NUM;
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI:
    case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO: return CH_PUNCT;
    case UTF8PROC_CATEGORY_SM:
    case UTF8PROC_CATEGORY_SC:
    case UTF8PROC_CATEGORY_SK:
    case UTF8PROC_CATEGORY_SO: return CH_SYMBOL;
    case UTF8PROC_CATEGORY_ZS: return CH_SPACE;
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP: return CH_BREAK;
    default: return CH_SYMBOL; /* unassigned, private use, format: stand-alone */
    }
}

unsigned ch_class_slow(uint32_t cp) { return category_class(cp); }
