/*
 * import.h - reading TABARI and PETRARCH actor, agent and discard
 * dictionaries into a lexicon, so that users can code with the
 * dictionaries they already have.
 *
 * Both formats (the TABARI 0.8 manual, chapter 5; PETRARCH's
 * dictionaries.rst): a phrase with its words joined by '_' or spaces,
 * codes in [brackets], '+' lines adding synonyms to the entry above,
 * indented [code restriction] lines, "<date", ">date" and "date-date"
 * restrictions (YYMMDD with years 00-30 read as 2000-2030, or YYYYMMDD,
 * limits included), "[---]" the null code, comments after '#' or ';' and
 * between "<!--" and "-->".  The differences:
 *  - TABARI matches a phrase's last word as a stem (SYRIA also matches
 *    SYRIAN) unless it ends with '_'; PETRARCH matches whole words only.
 *  - PETRARCH agents form regular plurals (+S, Y -> IES, SS -> SSES)
 *    unless a {PLURAL} or {} follows the phrase, and expand !MARKER!
 *    substitution sets defined as "!MARKER! = A, B, C".
 *  - TABARI actors files may hold <NOUN> and <ADJECTIVE> lists (skipped)
 *    and [###] discard codes: alone, the phrase is a discard; after dated
 *    codes ("[USR <911226] [###]"), it is the code "###" on the other
 *    dates, with which the actor discards the sentence.
 * Agent codes: "~GOV" (placed after the actor's code) is stored as "GOV";
 * "NGO~" (placed before it) is stored as "NGO~".  Discards: a leading '+'
 * (the whole story is not coded) is stored as the code "+".
 * A file of the wrong kind or with malformed lines gets errors with file
 * and line; a date that cannot be read drops its restriction with a
 * warning, as TABARI does.
 */
#ifndef KH_IMPORT_H
#define KH_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "lex/lexicon.h"

enum import_format { IMPORT_AUTO, IMPORT_TABARI, IMPORT_PETRARCH };

/* IMPORT_TABARI for names ending in .actors, .agents or .verbs (TABARI's
 * own extensions), else IMPORT_PETRARCH. */
int import_format_of(const char *path);

/* Reads a dictionary file of section (LEX_ACTOR, LEX_AGENT, LEX_DISCARD)
 * in format (IMPORT_AUTO: by its name) into lx.  Errors and warnings, one
 * line each, go to err and warn.  Returns the entries added, or -1. */
int64_t import_file(lexicon *lx, const char *path, unsigned section, int format, buf *err, buf *warn);

/* The same on text in memory named name. */
int64_t import_text(lexicon *lx, const char *name, const char *text, size_t len, unsigned section, int format,
                    buf *err, buf *warn);

#endif
