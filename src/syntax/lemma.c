/*
 * lemma.c - the English lemmatiser: spelling rules keyed on the Penn tag, a
 * built-in list of irregular forms, and a learned exception table.
 *
 * A lemma is found in four steps: the exception table of the model (when
 * there is one), the built-in list, the rules, then case handling.  The
 * built-in list and the rules only see the ASCII-lower-cased form (with the
 * typographic apostrophe U+2019 read as '), so the model file does not
 * depend on a Unicode version; the output is lower-cased with utf8proc
 * (every code point, not only ASCII) unless the word is a proper noun.
 *
 * The rules never rewrite the start of a word: a lemma is a prefix of the
 * form plus a short ASCII suffix ("tries" -> "tr" + "y"), a whole
 * replacement from a list, or (for numbers) the form without its
 * thousands separators.  Forms longer than LEM_MAXWORD bytes skip the
 * lists and the rules and are only case-handled.  Output is written as
 * snprintf does: never past cap, always NUL-terminated when cap > 0.
 *
 * No mutable state: the tables are const, a model is read-only, so one
 * model may serve any number of threads.
 *
 * Payload (little-endian), checked in full by lem_from_payload:
 *
 *     0   u32  version (LEM_VERSION)
 *     4   u32  number of entries n
 *     8   u32  size of the record pool in bytes
 *     12  u32  flags, 0
 *     16  u32  offsets[n] of the records in the pool, sorted by (form, xpos)
 *     ..  pool of records: u8 len + form, u8 len + xpos, u8 len + lemma
 *
 * The form of a record is its lookup key (ASCII-lower-cased); the lemma is
 * written out as stored, with its case.
 */
#include "syntax/lemma.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/mem.h"

/* ---- Penn tags as bits ---- */

enum {
    B_NN = 1u << 0, B_NNS = 1u << 1, B_NNP = 1u << 2, B_NNPS = 1u << 3,
    B_VB = 1u << 4, B_VBD = 1u << 5, B_VBG = 1u << 6, B_VBN = 1u << 7,
    B_VBP = 1u << 8, B_VBZ = 1u << 9, B_JJ = 1u << 10, B_JJR = 1u << 11,
    B_JJS = 1u << 12, B_RB = 1u << 13, B_RBR = 1u << 14, B_RBS = 1u << 15,
    B_PRP = 1u << 16, B_PRPS = 1u << 17, B_DT = 1u << 18, B_MD = 1u << 19,
    B_POS = 1u << 20, B_WP = 1u << 21, B_TO = 1u << 22, B_IN = 1u << 23,
    B_CD = 1u << 24, B_UH = 1u << 25, B_CC = 1u << 26, B_QUOTE = 1u << 27,
    B_PUNCT = 1u << 28, B_SYM = 1u << 29, B_OTHER = 1u << 30
};

#define B_PAST (B_VBD | B_VBN)
#define B_VERB (B_VB | B_VBD | B_VBG | B_VBN | B_VBP | B_VBZ)

typedef struct tag_name {
    const char *name;
    uint32_t bit;
} tag_name;

static const tag_name PENN[] = {
    {"NN", B_NN},     {"NNS", B_NNS},   {"NNP", B_NNP},   {"NNPS", B_NNPS}, {"VB", B_VB},
    {"VBD", B_VBD},   {"VBG", B_VBG},   {"VBN", B_VBN},   {"VBP", B_VBP},   {"VBZ", B_VBZ},
    {"JJ", B_JJ},     {"JJR", B_JJR},   {"JJS", B_JJS},   {"RB", B_RB},     {"RBR", B_RBR},
    {"RBS", B_RBS},   {"PRP", B_PRP},   {"PRP$", B_PRPS}, {"DT", B_DT},     {"MD", B_MD},
    {"POS", B_POS},   {"WP", B_WP},     {"TO", B_TO},     {"IN", B_IN},     {"CD", B_CD},
    {"UH", B_UH},     {"CC", B_CC},     {"``", B_QUOTE},  {"''", B_QUOTE},  {".", B_PUNCT},
    {",", B_PUNCT},   {":", B_PUNCT},   {"HYPH", B_PUNCT}, {"NFP", B_PUNCT}, {"-LRB-", B_PUNCT},
    {"-RRB-", B_PUNCT}, {"SYM", B_SYM}, {"$", B_SYM},
};

/* What a word is taken for when its XPOS is missing ("_"): the plain tag
 * of its UPOS, so that "me" PRON or "is" AUX still find their lemmas. */
static const tag_name UPOS_FALLBACK[] = {
    {"PRON", B_PRP}, {"DET", B_DT}, {"AUX", B_VB}, {"VERB", B_VB}, {"ADJ", B_JJ},
    {"NOUN", B_NN},  {"PROPN", B_NNP}, {"ADV", B_RB}, {"NUM", B_CD}, {"PUNCT", B_PUNCT},
};

static uint32_t find_tag(const tag_name *t, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(t[i].name, s) == 0)
            return t[i].bit;
    return 0;
}

/* The bit of the word's tag: its XPOS, else its UPOS, else B_OTHER. */
static uint32_t tag_bit(const char *xpos, const char *upos)
{
    uint32_t b = find_tag(PENN, sizeof PENN / sizeof PENN[0], xpos);
    if (!b && strcmp(xpos, "_") == 0)
        b = find_tag(UPOS_FALLBACK, sizeof UPOS_FALLBACK / sizeof UPOS_FALLBACK[0], upos);
    return b ? b : B_OTHER;
}

/* ---- the built-in list ---- */

typedef struct builtin {
    const char *form; /* ASCII-lower-cased key */
    uint32_t tags;    /* the tags it holds for */
    const char *lemma;
} builtin;

/* Irregular forms, pronouns, contractions and a few conventions of the UD
 * English treebanks (people -> people, 's -> be / 's / we by tag, "an" ->
 * "a", "these" -> "this", curly quotes -> straight ones).  Sorted by form
 * (bytes, as memcmp); entries of one form are tried in order. */
static const builtin BUILTINS[] = {
    {"'", B_POS, "'s"},
    {"'", B_QUOTE, "'"},
    {"'d", B_VBD, "have"},
    {"'d", B_MD, "would"},
    {"'em", B_PRP, "they"},
    {"'ll", B_MD, "will"},
    {"'m", B_VERB, "be"},
    {"'n", B_CC, "and"},
    {"'re", B_VERB, "be"},
    {"'s", B_VBZ, "be"},
    {"'s", B_POS, "'s"},
    {"'s", B_PRP, "we"},
    {"'ve", B_VERB, "have"},
    {"a.m", B_NN, "a.m."},
    {"addenda", B_NNS | B_NNPS, "addendum"},
    {"ai", B_VBZ, "be"},
    {"ai", B_VBP, "be"},
    {"algae", B_NNS | B_NNPS, "alga"},
    {"aliases", B_NNS | B_NNPS, "alias"},
    {"alps", B_NNPS, "Alps"},
    {"alumni", B_NNS | B_NNPS, "alumnus"},
    {"am", B_VERB, "be"},
    {"am", B_NN, "a.m."},
    {"an", B_DT, "a"},
    {"andes", B_NNPS, "Andes"},
    {"antennae", B_NNS | B_NNPS, "antenna"},
    {"apparatuses", B_NNS | B_NNPS, "apparatus"},
    {"appendices", B_NNS | B_NNPS, "appendix"},
    {"apr", B_NNP, "April"},
    {"apr.", B_NNP, "April"},
    {"are", B_VERB, "be"},
    {"arisen", B_PAST, "arise"},
    {"arose", B_PAST, "arise"},
    {"art", B_VERB, "be"},
    {"ate", B_PAST, "eat"},
    {"atlases", B_NNS | B_NNPS, "atlas"},
    {"aug", B_NNP, "August"},
    {"aug.", B_NNP, "August"},
    {"awoke", B_PAST, "awake"},
    {"awoken", B_PAST, "awake"},
    {"b", B_CD, "billion"},
    {"babysat", B_PAST, "babysit"},
    {"bacteria", B_NNS | B_NNPS, "bacterium"},
    {"bade", B_PAST, "bid"},
    {"bahamas", B_NNPS, "Bahamas"},
    {"beat", B_PAST, "beat"},
    {"beaten", B_PAST, "beat"},
    {"became", B_PAST, "become"},
    {"become", B_PAST, "become"},
    {"been", B_VERB, "be"},
    {"befallen", B_PAST, "befall"},
    {"befell", B_PAST, "befall"},
    {"began", B_PAST, "begin"},
    {"begot", B_PAST, "beget"},
    {"begotten", B_PAST, "beget"},
    {"begun", B_PAST, "begin"},
    {"beheld", B_PAST, "behold"},
    {"being", B_VERB, "be"},
    {"belying", B_VBG, "belie"},
    {"bent", B_PAST, "bend"},
    {"beset", B_PAST, "beset"},
    {"best", B_JJS, "good"},
    {"best", B_RBS, "well"},
    {"bet", B_PAST, "bet"},
    {"better", B_JJR, "good"},
    {"better", B_RBR, "well"},
    {"biases", B_NNS | B_NNPS, "bias"},
    {"bid", B_PAST, "bid"},
    {"bidden", B_PAST, "bid"},
    {"bit", B_PAST, "bite"},
    {"bitten", B_PAST, "bite"},
    {"bled", B_PAST, "bleed"},
    {"blew", B_PAST, "blow"},
    {"blown", B_PAST, "blow"},
    {"bn", B_CD, "billion"},
    {"bonuses", B_NNS | B_NNPS, "bonus"},
    {"bore", B_PAST, "bear"},
    {"born", B_PAST, "bear"},
    {"borne", B_PAST, "bear"},
    {"bought", B_PAST, "buy"},
    {"bound", B_PAST, "bind"},
    {"boycotted", B_PAST, "boycott"},
    {"boycotting", B_VBG, "boycott"},
    {"bred", B_PAST, "breed"},
    {"brethren", B_NNS | B_NNPS, "brother"},
    {"broadcast", B_PAST, "broadcast"},
    {"broke", B_PAST, "break"},
    {"broken", B_PAST, "break"},
    {"brought", B_PAST, "bring"},
    {"brownies", B_NNS | B_NNPS, "brownie"},
    {"built", B_PAST, "build"},
    {"burnt", B_PAST, "burn"},
    {"burst", B_PAST, "burst"},
    {"buses", B_NNS | B_NNPS, "bus"},
    {"busses", B_NNS | B_NNPS, "bus"},
    {"ca", B_MD, "can"},
    {"caches", B_NNS | B_NNPS, "cache"},
    {"cacti", B_NNS | B_NNPS, "cactus"},
    {"calories", B_NNS | B_NNPS, "calorie"},
    {"calves", B_NNS | B_NNPS, "calf"},
    {"came", B_PAST, "come"},
    {"campuses", B_NNS | B_NNPS, "campus"},
    {"canoes", B_NNS | B_NNPS, "canoe"},
    {"canoes", B_VBZ, "canoe"},
    {"canvases", B_NNS | B_NNPS, "canvas"},
    {"cast", B_PAST, "cast"},
    {"caught", B_PAST, "catch"},
    {"censuses", B_NNS | B_NNPS, "census"},
    {"children", B_NNS | B_NNPS, "child"},
    {"childs", B_NNS | B_NNPS, "child"},
    {"choruses", B_NNS | B_NNPS, "chorus"},
    {"chose", B_PAST, "choose"},
    {"chosen", B_PAST, "choose"},
    {"circuses", B_NNS | B_NNPS, "circus"},
    {"clothes", B_NNS | B_NNPS, "clothes"},
    {"clung", B_PAST, "cling"},
    {"come", B_PAST, "come"},
    {"comoros", B_NNPS, "Comoros"},
    {"consensuses", B_NNS | B_NNPS, "consensus"},
    {"cookies", B_NNS | B_NNPS, "cookie"},
    {"cost", B_PAST, "cost"},
    {"crept", B_PAST, "creep"},
    {"crises", B_NNS | B_NNPS, "crisis"},
    {"criteria", B_NNS | B_NNPS, "criterion"},
    {"curricula", B_NNS | B_NNPS, "curriculum"},
    {"cut", B_PAST, "cut"},
    {"d", B_VBD, "have"},
    {"d", B_MD, "would"},
    {"data", B_NNS | B_NNPS, "data"},
    {"dealt", B_PAST, "deal"},
    {"dec.", B_NNP, "December"},
    {"diagnoses", B_NNS | B_NNPS, "diagnosis"},
    {"dice", B_NNS | B_NNPS, "die"},
    {"did", B_VERB, "do"},
    {"does", B_VERB, "do"},
    {"doing", B_VERB, "do"},
    {"done", B_VERB, "do"},
    {"doth", B_VERB, "do"},
    {"dove", B_PAST, "dive"},
    {"drank", B_PAST, "drink"},
    {"drawn", B_PAST, "draw"},
    {"dreamt", B_PAST, "dream"},
    {"drew", B_PAST, "draw"},
    {"driven", B_PAST, "drive"},
    {"drove", B_PAST, "drive"},
    {"drunk", B_PAST, "drink"},
    {"dug", B_PAST, "dig"},
    {"dwarves", B_NNS | B_NNPS, "dwarf"},
    {"dwelt", B_PAST, "dwell"},
    {"dying", B_VBG, "die"},
    {"eaten", B_PAST, "eat"},
    {"ellipses", B_NNS | B_NNPS, "ellipsis"},
    {"elves", B_NNS | B_NNPS, "elf"},
    {"em", B_PRP, "they"},
    {"emphases", B_NNS | B_NNPS, "emphasis"},
    {"fallen", B_PAST, "fall"},
    {"farther", B_JJR | B_RBR, "far"},
    {"farthest", B_JJS | B_RBS, "far"},
    {"feb", B_NNP, "February"},
    {"feb.", B_NNP, "February"},
    {"fed", B_PAST, "feed"},
    {"feet", B_NNS | B_NNPS, "foot"},
    {"fell", B_PAST, "fall"},
    {"felt", B_PAST, "feel"},
    {"fit", B_PAST, "fit"},
    {"fled", B_PAST, "flee"},
    {"flew", B_PAST, "fly"},
    {"flown", B_PAST, "fly"},
    {"flung", B_PAST, "fling"},
    {"foci", B_NNS | B_NNPS, "focus"},
    {"focuses", B_NNS | B_VBZ | B_NNPS, "focus"},
    {"forbade", B_PAST, "forbid"},
    {"forbidden", B_PAST, "forbid"},
    {"forecast", B_PAST, "forecast"},
    {"foresaw", B_PAST, "foresee"},
    {"foreseen", B_PAST, "foresee"},
    {"foretold", B_PAST, "foretell"},
    {"forgave", B_PAST, "forgive"},
    {"forgiven", B_PAST, "forgive"},
    {"forgone", B_PAST, "forgo"},
    {"forgot", B_PAST, "forget"},
    {"forgotten", B_PAST, "forget"},
    {"formulae", B_NNS | B_NNPS, "formula"},
    {"forsaken", B_PAST, "forsake"},
    {"forsook", B_PAST, "forsake"},
    {"forwent", B_PAST, "forgo"},
    {"fought", B_PAST, "fight"},
    {"found", B_PAST, "find"},
    {"fri.", B_NNP, "Friday"},
    {"froze", B_PAST, "freeze"},
    {"frozen", B_PAST, "freeze"},
    {"fungi", B_NNS | B_NNPS, "fungus"},
    {"further", B_RBR, "far"},
    {"further", B_JJR, "further"},
    {"furthest", B_JJS | B_RBS, "far"},
    {"gases", B_NNS | B_NNPS, "gas"},
    {"gassed", B_PAST, "gas"},
    {"gassing", B_VBG, "gas"},
    {"gave", B_PAST, "give"},
    {"geese", B_NNS | B_NNPS, "goose"},
    {"geniuses", B_NNS | B_NNPS, "genius"},
    {"given", B_PAST, "give"},
    {"gon", B_VBG, "go"},
    {"gone", B_PAST, "go"},
    {"got", B_PAST, "get"},
    {"gotten", B_PAST, "get"},
    {"grew", B_PAST, "grow"},
    {"ground", B_PAST, "grind"},
    {"grown", B_PAST, "grow"},
    {"had", B_VERB, "have"},
    {"halves", B_NNS | B_NNPS, "half"},
    {"hamstrung", B_PAST, "hamstring"},
    {"has", B_VERB, "have"},
    {"hath", B_VERB, "have"},
    {"having", B_VERB, "have"},
    {"headquarters", B_NNS | B_NNPS, "headquarters"},
    {"heard", B_PAST, "hear"},
    {"held", B_PAST, "hold"},
    {"her", B_PRP, "she"},
    {"hers", B_PRP, "her"},
    {"hewn", B_PAST, "hew"},
    {"hid", B_PAST, "hide"},
    {"hidden", B_PAST, "hide"},
    {"him", B_PRP, "he"},
    {"hippies", B_NNS | B_NNPS, "hippie"},
    {"hit", B_PAST, "hit"},
    {"hoes", B_VBZ, "hoe"},
    {"hooves", B_NNS | B_NNPS, "hoof"},
    {"hung", B_PAST, "hang"},
    {"hurt", B_PAST, "hurt"},
    {"i", B_PRP, "I"},
    {"indices", B_NNS | B_NNPS, "index"},
    {"inlaid", B_PAST, "inlay"},
    {"input", B_PAST, "input"},
    {"is", B_VERB, "be"},
    {"jan.", B_NNP, "January"},
    {"jul.", B_NNP, "July"},
    {"jun.", B_NNP, "June"},
    {"k", B_CD, "thousand"},
    {"kept", B_PAST, "keep"},
    {"knelt", B_PAST, "kneel"},
    {"knew", B_PAST, "know"},
    {"knit", B_PAST, "knit"},
    {"knives", B_NNS | B_NNPS, "knife"},
    {"known", B_PAST, "know"},
    {"laid", B_PAST, "lay"},
    {"lain", B_PAST, "lie"},
    {"larvae", B_NNS | B_NNPS, "larva"},
    {"lay", B_PAST, "lie"},
    {"leant", B_PAST, "lean"},
    {"leapt", B_PAST, "leap"},
    {"learnt", B_PAST, "learn"},
    {"least", B_JJS | B_RBS, "least"},
    {"leaves", B_NNS | B_NNPS, "leaf"},
    {"led", B_PAST, "lead"},
    {"left", B_PAST, "leave"},
    {"lent", B_PAST, "lend"},
    {"less", B_JJR | B_RBR, "less"},
    {"lesser", B_JJR, "less"},
    {"let", B_PAST, "let"},
    {"lice", B_NNS | B_NNPS, "louse"},
    {"lit", B_PAST, "light"},
    {"lives", B_NNS | B_NNPS, "life"},
    {"ll", B_MD, "will"},
    {"loaves", B_NNS | B_NNPS, "loaf"},
    {"loci", B_NNS | B_NNPS, "locus"},
    {"lost", B_PAST, "lose"},
    {"lying", B_VBG, "lie"},
    {"m", B_VBP, "be"},
    {"m", B_CD, "million"},
    {"made", B_PAST, "make"},
    {"maldives", B_NNPS, "Maldives"},
    {"mar.", B_NNP, "March"},
    {"matrices", B_NNS | B_NNPS, "matrix"},
    {"me", B_PRP, "I"},
    {"means", B_NNS | B_NNPS, "means"},
    {"meant", B_PAST, "mean"},
    {"media", B_NNS | B_NNPS, "media"},
    {"memoranda", B_NNS | B_NNPS, "memorandum"},
    {"men", B_NNS | B_NNPS, "man"},
    {"met", B_PAST, "meet"},
    {"mice", B_NNS | B_NNPS, "mouse"},
    {"mil", B_CD, "million"},
    {"mine", B_PRP, "my"},
    {"mislaid", B_PAST, "mislay"},
    {"misled", B_PAST, "mislead"},
    {"misread", B_PAST, "misread"},
    {"mistaken", B_PAST, "mistake"},
    {"mistook", B_PAST, "mistake"},
    {"misunderstood", B_PAST, "misunderstand"},
    {"mn", B_CD, "million"},
    {"mon.", B_NNP, "Monday"},
    {"monies", B_NNS | B_NNPS, "money"},
    {"more", B_JJR | B_RBR, "more"},
    {"most", B_JJS | B_RBS, "most"},
    {"movies", B_NNS | B_NNPS, "movie"},
    {"mown", B_PAST, "mow"},
    {"n", B_CC, "and"},
    {"n'", B_CC, "and"},
    {"n't", B_RB, "not"},
    {"na", B_TO, "to"},
    {"netherlands", B_NNPS, "Netherlands"},
    {"neuroses", B_NNS | B_NNPS, "neurosis"},
    {"news", B_NNS | B_NNPS, "news"},
    {"niches", B_NNS | B_NNPS, "niche"},
    {"not", B_RB, "not"},
    {"nov", B_NNP, "November"},
    {"nov.", B_NNP, "November"},
    {"nt", B_RB, "not"},
    {"nuclei", B_NNS | B_NNPS, "nucleus"},
    {"oases", B_NNS | B_NNPS, "oasis"},
    {"oct", B_NNP, "October"},
    {"oct.", B_NNP, "October"},
    {"octopuses", B_NNS | B_NNPS, "octopus"},
    {"offset", B_PAST, "offset"},
    {"olympics", B_NNPS | B_NNS, "Olympics"},
    {"ours", B_PRP, "our"},
    {"outdid", B_PAST, "outdo"},
    {"outdone", B_PAST, "outdo"},
    {"outgrew", B_PAST, "outgrow"},
    {"outgrown", B_PAST, "outgrow"},
    {"output", B_PAST, "output"},
    {"outran", B_PAST, "outrun"},
    {"overcame", B_PAST, "overcome"},
    {"overcome", B_PAST, "overcome"},
    {"overdid", B_PAST, "overdo"},
    {"overdone", B_PAST, "overdo"},
    {"overheard", B_PAST, "overhear"},
    {"overpaid", B_PAST, "overpay"},
    {"overran", B_PAST, "overrun"},
    {"overridden", B_PAST, "override"},
    {"overrode", B_PAST, "override"},
    {"overrun", B_PAST, "overrun"},
    {"oversaw", B_PAST, "oversee"},
    {"overseen", B_PAST, "oversee"},
    {"overslept", B_PAST, "oversleep"},
    {"overtaken", B_PAST, "overtake"},
    {"overthrew", B_PAST, "overthrow"},
    {"overthrown", B_PAST, "overthrow"},
    {"overtook", B_PAST, "overtake"},
    {"oxen", B_NNS | B_NNPS, "ox"},
    {"p.m", B_NN, "p.m."},
    {"paid", B_PAST, "pay"},
    {"partaken", B_PAST, "partake"},
    {"partook", B_PAST, "partake"},
    {"people", B_NNS | B_NNPS, "people"},
    {"persons", B_NNS | B_NNPS, "person"},
    {"phenomena", B_NNS | B_NNPS, "phenomenon"},
    {"philippines", B_NNPS, "Philippines"},
    {"pm", B_NN, "p.m."},
    {"prognoses", B_NNS | B_NNPS, "prognosis"},
    {"proofread", B_PAST, "proofread"},
    {"prospectuses", B_NNS | B_NNPS, "prospectus"},
    {"proven", B_PAST, "prove"},
    {"psychoses", B_NNS | B_NNPS, "psychosis"},
    {"put", B_PAST, "put"},
    {"quit", B_PAST, "quit"},
    {"quizzes", B_NNS | B_NNPS, "quiz"},
    {"r", B_VBP, "be"},
    {"radii", B_NNS | B_NNPS, "radius"},
    {"ran", B_PAST, "run"},
    {"rang", B_PAST, "ring"},
    {"re", B_VERB, "be"},
    {"read", B_PAST, "read"},
    {"rebuilt", B_PAST, "rebuild"},
    {"redid", B_PAST, "redo"},
    {"redone", B_PAST, "redo"},
    {"remade", B_PAST, "remake"},
    {"repaid", B_PAST, "repay"},
    {"retold", B_PAST, "retell"},
    {"rewritten", B_PAST, "rewrite"},
    {"rewrote", B_PAST, "rewrite"},
    {"rid", B_PAST, "rid"},
    {"ridden", B_PAST, "ride"},
    {"risen", B_PAST, "rise"},
    {"rode", B_PAST, "ride"},
    {"rookies", B_NNS | B_NNPS, "rookie"},
    {"rose", B_PAST, "rise"},
    {"run", B_PAST, "run"},
    {"rung", B_PAST, "ring"},
    {"s", B_VBZ, "be"},
    {"s", B_POS, "'s"},
    {"s", B_PRP, "we"},
    {"said", B_PAST, "say"},
    {"sang", B_PAST, "sing"},
    {"sank", B_PAST, "sink"},
    {"sat", B_PAST, "sit"},
    {"sat.", B_NNP, "Saturday"},
    {"saw", B_PAST, "see"},
    {"scarves", B_NNS | B_NNPS, "scarf"},
    {"seen", B_PAST, "see"},
    {"selfies", B_NNS | B_NNPS, "selfie"},
    {"selves", B_NNS | B_NNPS, "self"},
    {"sent", B_PAST, "send"},
    {"sep.", B_NNP, "September"},
    {"sept", B_NNP, "September"},
    {"sept.", B_NNP, "September"},
    {"series", B_NNS | B_NNPS, "series"},
    {"set", B_PAST, "set"},
    {"sewn", B_PAST, "sew"},
    {"seychelles", B_NNPS, "Seychelles"},
    {"sha", B_MD, "shall"},
    {"shaken", B_PAST, "shake"},
    {"sheaves", B_NNS | B_NNPS, "sheaf"},
    {"shed", B_PAST, "shed"},
    {"shelves", B_NNS | B_NNPS, "shelf"},
    {"shoes", B_VBZ, "shoe"},
    {"shone", B_PAST, "shine"},
    {"shook", B_PAST, "shake"},
    {"shot", B_PAST, "shoot"},
    {"shown", B_PAST, "show"},
    {"shrank", B_PAST, "shrink"},
    {"shrunk", B_PAST, "shrink"},
    {"shut", B_PAST, "shut"},
    {"sinuses", B_NNS | B_NNPS, "sinus"},
    {"slain", B_PAST, "slay"},
    {"slept", B_PAST, "sleep"},
    {"slew", B_PAST, "slay"},
    {"slid", B_PAST, "slide"},
    {"slit", B_PAST, "slit"},
    {"slung", B_PAST, "sling"},
    {"smelt", B_PAST, "smell"},
    {"snuck", B_PAST, "sneak"},
    {"sold", B_PAST, "sell"},
    {"sorties", B_NNS, "sortie"},
    {"sought", B_PAST, "seek"},
    {"sown", B_PAST, "sow"},
    {"spat", B_PAST, "spit"},
    {"species", B_NNS | B_NNPS, "species"},
    {"sped", B_PAST, "speed"},
    {"spelt", B_PAST, "spell"},
    {"spent", B_PAST, "spend"},
    {"spilt", B_PAST, "spill"},
    {"split", B_PAST, "split"},
    {"spoilt", B_PAST, "spoil"},
    {"spoke", B_PAST, "speak"},
    {"spoken", B_PAST, "speak"},
    {"sprang", B_PAST, "spring"},
    {"spread", B_PAST, "spread"},
    {"sprung", B_PAST, "spring"},
    {"spun", B_PAST, "spin"},
    {"stank", B_PAST, "stink"},
    {"statuses", B_NNS | B_NNPS, "status"},
    {"stimuli", B_NNS | B_NNPS, "stimulus"},
    {"stole", B_PAST, "steal"},
    {"stolen", B_PAST, "steal"},
    {"stood", B_PAST, "stand"},
    {"strata", B_NNS | B_NNPS, "stratum"},
    {"strewn", B_PAST, "strew"},
    {"stricken", B_PAST, "strike"},
    {"stridden", B_PAST, "stride"},
    {"striven", B_PAST, "strive"},
    {"strode", B_PAST, "stride"},
    {"strove", B_PAST, "strive"},
    {"struck", B_PAST, "strike"},
    {"strung", B_PAST, "string"},
    {"stuck", B_PAST, "stick"},
    {"stung", B_PAST, "sting"},
    {"stunk", B_PAST, "stink"},
    {"sublet", B_PAST, "sublet"},
    {"sun.", B_NNP, "Sunday"},
    {"sung", B_PAST, "sing"},
    {"sunk", B_PAST, "sink"},
    {"swam", B_PAST, "swim"},
    {"swept", B_PAST, "sweep"},
    {"swollen", B_PAST, "swell"},
    {"swore", B_PAST, "swear"},
    {"sworn", B_PAST, "swear"},
    {"swum", B_PAST, "swim"},
    {"swung", B_PAST, "swing"},
    {"syllabi", B_NNS | B_NNPS, "syllabus"},
    {"syllabuses", B_NNS | B_NNPS, "syllabus"},
    {"synopses", B_NNS | B_NNPS, "synopsis"},
    {"ta", B_TO, "to"},
    {"taken", B_PAST, "take"},
    {"taught", B_PAST, "teach"},
    {"teargassed", B_PAST, "teargas"},
    {"teeth", B_NNS | B_NNPS, "tooth"},
    {"thanks", B_NNS | B_NNPS, "thanks"},
    {"theirs", B_PRP, "their"},
    {"them", B_PRP, "they"},
    {"thesauruses", B_NNS | B_NNPS, "thesaurus"},
    {"these", B_DT, "this"},
    {"thieves", B_NNS | B_NNPS, "thief"},
    {"those", B_DT, "that"},
    {"thought", B_PAST, "think"},
    {"threw", B_PAST, "throw"},
    {"throes", B_NNS | B_NNPS, "throe"},
    {"thrown", B_PAST, "throw"},
    {"thru", B_IN, "through"},
    {"thrust", B_PAST, "thrust"},
    {"thu.", B_NNP, "Thursday"},
    {"thur.", B_NNP, "Thursday"},
    {"thurs.", B_NNP, "Thursday"},
    {"tiptoes", B_VBZ, "tiptoe"},
    {"tn", B_CD, "trillion"},
    {"told", B_PAST, "tell"},
    {"took", B_PAST, "take"},
    {"tore", B_PAST, "tear"},
    {"torn", B_PAST, "tear"},
    {"trod", B_PAST, "tread"},
    {"trodden", B_PAST, "tread"},
    {"tue.", B_NNP, "Tuesday"},
    {"tues.", B_NNP, "Tuesday"},
    {"tying", B_VBG, "tie"},
    {"typeset", B_PAST, "typeset"},
    {"u", B_PRP, "you"},
    {"undercut", B_PAST, "undercut"},
    {"undergone", B_PAST, "undergo"},
    {"underlain", B_VBN, "underlie"},
    {"underlay", B_VBD, "underlie"},
    {"underlies", B_VBZ, "underlie"},
    {"underlying", B_VBG, "underlie"},
    {"undersold", B_PAST, "undersell"},
    {"understood", B_PAST, "understand"},
    {"undertaken", B_PAST, "undertake"},
    {"undertook", B_PAST, "undertake"},
    {"underwent", B_PAST, "undergo"},
    {"underwritten", B_PAST, "underwrite"},
    {"underwrote", B_PAST, "underwrite"},
    {"undid", B_PAST, "undo"},
    {"undone", B_PAST, "undo"},
    {"untying", B_VBG, "untie"},
    {"unwound", B_PAST, "unwind"},
    {"upheld", B_PAST, "uphold"},
    {"upset", B_PAST, "upset"},
    {"ur", B_PRPS, "your"},
    {"us", B_PRP, "we"},
    {"v.", B_IN, "versus"},
    {"ve", B_VERB, "have"},
    {"vertebrae", B_NNS | B_NNPS, "vertebra"},
    {"vertices", B_NNS | B_NNPS, "vertex"},
    {"viruses", B_NNS | B_NNPS, "virus"},
    {"vs", B_IN, "versus"},
    {"vying", B_VBG, "vie"},
    {"walruses", B_NNS | B_NNPS, "walrus"},
    {"wan", B_VB | B_VBP, "want"},
    {"was", B_VERB, "be"},
    {"wast", B_VERB, "be"},
    {"waylaid", B_PAST, "waylay"},
    {"wed", B_PAST, "wed"},
    {"wed.", B_NNP, "Wednesday"},
    {"went", B_PAST, "go"},
    {"wept", B_PAST, "weep"},
    {"were", B_VERB, "be"},
    {"wert", B_VERB, "be"},
    {"wet", B_PAST, "wet"},
    {"wharves", B_NNS | B_NNPS, "wharf"},
    {"wilt", B_MD, "will"},
    {"withdrawn", B_PAST, "withdraw"},
    {"withdrew", B_PAST, "withdraw"},
    {"withheld", B_PAST, "withhold"},
    {"withstood", B_PAST, "withstand"},
    {"wives", B_NNS | B_NNPS, "wife"},
    {"wo", B_MD, "will"},
    {"woke", B_PAST, "wake"},
    {"woken", B_PAST, "wake"},
    {"wolves", B_NNS | B_NNPS, "wolf"},
    {"women", B_NNS | B_NNPS, "woman"},
    {"won", B_PAST, "win"},
    {"wore", B_PAST, "wear"},
    {"worn", B_PAST, "wear"},
    {"worse", B_JJR, "bad"},
    {"worse", B_RBR, "badly"},
    {"worst", B_JJS | B_RBS, "bad"},
    {"wound", B_PAST, "wind"},
    {"wove", B_PAST, "weave"},
    {"woven", B_PAST, "weave"},
    {"written", B_PAST, "write"},
    {"wrote", B_PAST, "write"},
    {"wrought", B_PAST, "work"},
    {"wrung", B_PAST, "wring"},
    {"ya", B_PRP, "you"},
    {"yo", B_PRPS, "your"},
    {"yours", B_PRP, "your"},
    {"zombies", B_NNS | B_NNPS, "zombie"},
    {"\342\200\223", B_PUNCT | B_SYM, "-"},
    {"\342\200\230", B_QUOTE, "'"},
    {"\342\200\234", B_QUOTE, "\""},
    {"\342\200\235", B_QUOTE, "\""},
    {"\342\200\236", B_QUOTE, "\""},
};

#define NBUILTINS (sizeof BUILTINS / sizeof BUILTINS[0])

/* Byte-wise order of a[0..an) and b[0..bn), shorter first on a tie. */
static int cmp_bytes(const void *a, size_t an, const void *b, size_t bn)
{
    int c = memcmp(a, b, an < bn ? an : bn);
    if (c)
        return c;
    return an < bn ? -1 : an > bn;
}

/* The built-in lemma of key[0..n) under tag bit, or NULL. */
const char *lem_builtin_form(size_t i) { return i < NBUILTINS ? BUILTINS[i].form : NULL; }

static const char *builtin_find(const char *key, size_t n, uint32_t bit)
{
    size_t lo = 0, hi = NBUILTINS;
    while (lo < hi) { /* first entry not below key */
        size_t mid = lo + (hi - lo) / 2;
        if (cmp_bytes(BUILTINS[mid].form, strlen(BUILTINS[mid].form), key, n) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < NBUILTINS && cmp_bytes(BUILTINS[lo].form, strlen(BUILTINS[lo].form), key, n) == 0; lo++)
        if (BUILTINS[lo].tags & bit)
            return BUILTINS[lo].lemma;
    return NULL;
}

/* ---- letters ---- */

static int is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

/* Whether s[i] sounds as a vowel: a, e, i, o, u, and y after a consonant
 * ("style", "dry"); u after q or g before a vowel ("quote", "guide") is a
 * consonant. */
static int vowel_at(const char *s, size_t n, size_t i)
{
    if (s[i] == 'y')
        return i > 0 && !is_vowel(s[i - 1]) && s[i - 1] != 'y';
    if (s[i] == 'u' && i > 0 && (s[i - 1] == 'q' || s[i - 1] == 'g') && i + 1 < n && is_vowel(s[i + 1]))
        return 0;
    return is_vowel(s[i]);
}

/* Number of vowel groups in s[0..n) (about the number of syllables). */
static int vowel_groups(const char *s, size_t n)
{
    int groups = 0, in = 0;
    for (size_t i = 0; i < n; i++) {
        int v = vowel_at(s, n, i);
        if (v && !in)
            groups++;
        in = v;
    }
    return groups;
}

static int has_vowel(const char *s, size_t n) { return vowel_groups(s, n) > 0; }

static int ends(const char *s, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n >= k && memcmp(s + n - k, suf, k) == 0;
}

static int ends_any(const char *s, size_t n, const char *const *list)
{
    for (; *list; list++)
        if (ends(s, n, *list))
            return 1;
    return 0;
}

/* ---- restoring the silent e of a stem (lik-ed, mak-ing, larg-er) ---- */

/* Stems that take an e although the letter rules below say no. */
static const char *const E_STEMS[] = {
    "tast", "wast", "past", "hast", "unit", "invit", "ignit", "excit", "incit", "recit",
    "expedit", "extradit", "creat", "delineat", "permeat", "nauseat", "ignor", "explor",
    "restor", "ador", "deplor", "implor", "interfer", "adher", "coher", "persever", "postpon",
    "condon", "dethron", "enthron", "aton", "inton", "telephon", "exhal", "inhal", "compet",
    "secret", "com", "fring", "cring", "hing", "imping", "twing", "whing", "syring", NULL};

/* Stems that take no e although the letter rules say yes. */
static const char *const NO_E_STEMS[] = {
    "focus", "bias", "canvas", "pivot", "pilot", "ballot", "combat", "blossom", "ransom",
    "bottom", "stencil", "pencil", "imperil", "devil", "cavil", "debut", "gas", "bus",
    "nonplus", "smooth", "mouth", NULL};

/* Stems ending in g: judg-e, charg-e, manag-e, chang-e, challeng-e, plung-e,
 * but belong, hang, bring (a bare -ing stem takes e only in past forms:
 * cringed, but bringing). */
static int e_after_g(const char *s, size_t n, int past)
{
    char p = s[n - 2];
    if (p == 'd' || p == 'r' || p == 'l' || is_vowel(p))
        return 1;
    if (p != 'n' || n < 3)
        return 0;
    switch (s[n - 3]) {
    case 'a': /* chang, rang, arrang, but hang, bang */
        return n >= 4 && (s[n - 4] == 'r' || (s[n - 4] == 'h' && n >= 5 && s[n - 5] == 'c'));
    case 'e':
        return 1;
    case 'u': /* plung, lung, but young */
        return n < 4 || !is_vowel(s[n - 4]);
    case 'i':
        return past;
    default:
        return 0;
    }
}

/* Stems ending vowel + consonant in words of two or more syllables, where
 * stress decides (visit-ed but unit-ed); by the last vowel and consonant. */
static int e_after_polysyllable(const char *s, size_t n, char v, char c)
{
    char pp = n >= 3 ? s[n - 3] : 0;
    switch (c) {
    case 't':
        if (v == 'i')
            return 0;
        if (v == 'e')
            return pp == 'l' || pp == 'p';
        return 1;
    case 'd': case 'b': case 'k':
        return 1;
    case 'm': /* assum-e, inflam-e, but accustom, blossom */
        return v != 'o';
    case 'n':
        return v == 'i' || v == 'u' || (v == 'e' && pp == 'v');
    case 'r':
        return v == 'u' || v == 'a' || v == 'i';
    case 'l':
        return v == 'i' || v == 'o' || v == 'u';
    case 'p':
        return v == 'a';
    default:
        return 0;
    }
}

/* Stems ending in a vowel pair and a consonant (need, wait, seem) take no e,
 * except two-syllable pairs: evalu-at-e, negoti-at-e, persu-ad-e. */
static int e_after_vowel_pair(char pp, char v, char c)
{
    if (pp == 'u')
        return (v == 'a' && (c == 't' || c == 'd')) || (v == 'i' && (c == 'd' || c == 'r'));
    if (pp == 'i')
        return v == 'a' && c == 't';
    return 0;
}

/* Whether the stem s[0..n) (lower case, an inflection stripped) lost a
 * silent e: "lik" -> like, "us" -> use, "larg" -> large, but "walk",
 * "visit", "open".  past: the stem comes from a past form (-ed). */
static int restore_e(const char *s, size_t n, int past)
{
    if (n < 2 || !has_vowel(s, n))
        return 0;
    if (ends_any(s, n, NO_E_STEMS))
        return 0;
    if (ends_any(s, n, E_STEMS))
        return 1;
    char c = s[n - 1], p = s[n - 2];
    if (c == 'u') /* continu-ing, argu-ing, critiqu-ing */
        return 1;
    if (is_vowel(c) || c == 'w' || c == 'x' || c == 'y')
        return 0;
    if (c == 'v' || c == 'c' || (c == 'z' && p != 'z'))
        return 1;
    if (c == 'r' && (p == 'c' || p == 't')) /* massacr-e, centr-e */
        return 1;
    if (c == 's')
        return p != 's';
    if (c == 'g')
        return e_after_g(s, n, past);
    if (c == 'h') /* bath-e, sooth-e, but reach, push, birth */
        return p == 't' && n >= 3 && is_vowel(s[n - 3]);
    if (c == 'l' && !vowel_at(s, n, n - 2)) /* handl-e, settl-e, but curl, howl */
        return p != 'r' && p != 'w' && p != 'l';
    if (!vowel_at(s, n, n - 2))
        return 0;
    if (n >= 3 && vowel_at(s, n, n - 3))
        return e_after_vowel_pair(s[n - 3], p, c);
    if (vowel_groups(s, n) <= 1) /* one syllable, consonant not doubled: hop-e, us-e */
        return 1;
    return e_after_polysyllable(s, n, p, c);
}

/* Whether the stem ends in a doubled consonant that the inflection doubled
 * (stopp-ed, runn-ing, bigg-er, controll-ed, travell-ed), as opposed to one
 * of the base (add, pass, fill, buzz, staff). */
static int undouble(const char *s, size_t n)
{
    if (n < 3 || s[n - 1] != s[n - 2])
        return 0;
    char c = s[n - 1];
    if (c == 'l') /* travell, controll, but call, fill, spell, install, enroll */
        return n >= 5 && (s[n - 3] == 'e' || ends(s, n, "troll")) && !vowel_at(s, n, n - 4) &&
               vowel_groups(s, n) >= 2;
    if (!strchr("bdgkmnprtv", c))
        return 0;
    return !(n == 3 && is_vowel(s[0])); /* add, egg, err, inn, odd */
}

/* ---- the rules ---- */

/* A lemma as a prefix of the form plus an ASCII suffix. */
typedef struct edit {
    size_t keep;
    const char *suffix;
} edit;

static edit keep_all(size_t n) { return (edit){n, ""}; }

/* Stems whose last letter the inflection added where the rules cannot see
 * it: verbs in -ic take a k (panicked, trafficking), quiz doubles its z. */
static const char *const ADDED_LETTER_STEMS[] = {"mimick", "panick", "picnick", "traffick",
                                                 "frolick", "quizz", NULL};

/* A stem s[0..n) made base: undoubled, or given back its e, or as it is. */
static edit base_of_stem(const char *s, size_t n, int past)
{
    if (undouble(s, n) || ends_any(s, n, ADDED_LETTER_STEMS))
        return (edit){n - 1, ""};
    if (restore_e(s, n, past))
        return (edit){n, "e"};
    return (edit){n, ""};
}

/* -es endings after a sibilant (box-es, church-es, pass-es, buzz-es, wish-es);
 * returns the number of bytes to strip, or 0 when the e belongs to the stem. */
static size_t sibilant_es(const char *s, size_t n)
{
    if (ends(s, n, "sses") || ends(s, n, "xes") || ends(s, n, "zzes") || ends(s, n, "shes"))
        return 2;
    if (ends(s, n, "ches")) /* ache-s, headache-s, but beach-es, coach-es */
        return (ends(s, n, "aches") && (n == 5 || !is_vowel(s[n - 6]))) ? 1 : 2;
    if (ends(s, n, "zes")) /* size-s, prize-s, analyze-s, but waltz-es */
        return n >= 4 && (is_vowel(s[n - 4]) || s[n - 4] == 'y') ? 1 : 2;
    return 0;
}

/* Plural nouns: cities -> city, boxes -> box, heroes -> hero, analyses ->
 * analysis, hypotheses -> hypothesis, policemen -> policeman,
 * grandchildren -> grandchild, DJ's -> DJ, 1990s as it is. */
static edit rule_plural(const char *s, size_t n)
{
    if (n >= 4 && ends(s, n, "men"))
        return (edit){n - 2, "an"};
    if (ends(s, n, "children")) /* grandchildren, schoolchildren */
        return (edit){n - 3, ""};
    if (n < 3 || s[n - 1] != 's' || ends(s, n, "ss") || ends(s, n, "us") || ends(s, n, "sis") ||
        ends(s, n, "xis"))
        return keep_all(n);
    if (s[n - 2] == '\'') /* the 80's -> 80s, but DJ's -> DJ */
        return (n >= 3 && s[n - 3] == '0') ? (edit){n - 2, "s"} : (edit){n - 2, ""};
    if (s[n - 2] >= '0' && s[n - 2] <= '9') /* 1990s, 80s */
        return keep_all(n);
    if (ends(s, n, "ies"))
        return n <= 4 ? (edit){n - 1, ""} : (edit){n - 3, "y"};
    size_t k = sibilant_es(s, n);
    if (k)
        return (edit){n - k, ""};
    if (ends(s, n, "yses") || ends(s, n, "theses"))
        return (edit){n - 2, "is"};
    if (ends(s, n, "oes")) /* toe-s, shoe-s, but hero-es, potato-es */
        return (n <= 5 || ends(s, n, "shoes")) ? (edit){n - 1, ""} : (edit){n - 2, ""};
    return (edit){n - 1, ""};
}

/* Third person singular: goes -> go, tries -> try, passes -> pass, uses -> use. */
static edit rule_third(const char *s, size_t n)
{
    if (n < 3 || s[n - 1] != 's' || ends(s, n, "ss") || ends(s, n, "us") || ends(s, n, "is"))
        return keep_all(n);
    if (ends(s, n, "ies"))
        return n <= 4 ? (edit){n - 1, ""} : (edit){n - 3, "y"};
    size_t k = sibilant_es(s, n);
    if (k)
        return (edit){n - k, ""};
    if (ends(s, n, "oes"))
        return (edit){n - 2, ""};
    return (edit){n - 1, ""};
}

/* Past tense and participle: stopped -> stop, tried -> try, agreed ->
 * agree, argued -> argue, liked -> like, walked -> walk. */
static edit rule_past(const char *s, size_t n)
{
    if (n < 4 || !ends(s, n, "ed"))
        return keep_all(n);
    if (ends(s, n, "ied"))
        return n == 4 ? (edit){n - 1, ""} : (edit){n - 3, "y"};
    if ((ends(s, n, "eed") && n >= 5) || ends(s, n, "ued") ||
        (ends(s, n, "oed") && n <= 5 && !ends(s, n, "ooed")))
        return (edit){n - 1, ""};
    if (ends(s, n, "yed"))
        return (edit){n - 2, ""};
    if (!has_vowel(s, n - 2))
        return keep_all(n);
    return base_of_stem(s, n - 2, 1);
}

/* Present participle: making -> make, running -> run, seeing -> see,
 * trying -> try, continuing -> continue; also dropped g's (goin',
 * findin -> find). */
static edit rule_gerund(const char *s, size_t n)
{
    size_t k = ends(s, n, "ing") ? 3 : ends(s, n, "in'") ? 3 : ends(s, n, "in") ? 2 : 0;
    if (k == 0 || n < k + 2 || !has_vowel(s, n - k))
        return keep_all(n);
    if (s[n - k - 1] == 'y' || s[n - k - 1] == 'e')
        return (edit){n - k, ""};
    return base_of_stem(s, n - k, 0);
}

/* Comparative and superlative: bigger -> big, largest -> large, happier
 * -> happy, freer -> free; suf is "er" or "est". */
static edit rule_degree(const char *s, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    if (n < k + 2 || !ends(s, n, suf) || !has_vowel(s, n - k))
        return keep_all(n);
    if (s[n - k - 1] == 'i')
        return (edit){n - k - 1, "y"};
    if (s[n - k - 1] == 'e')
        return (edit){n - k + 1, ""};
    return base_of_stem(s, n - k, 0);
}

/* The rule for a lower-cased word s[0..n) with tag bit; a proper noun used
 * as a verb (GUM's "United" VERB) follows the verb rules. */
static edit apply_rules(const char *s, size_t n, uint32_t bit, const char *upos)
{
    if ((bit & (B_NNP | B_NNPS)) && strcmp(upos, "VERB") == 0) {
        if (ends(s, n, "ing"))
            return rule_gerund(s, n);
        return rule_past(s, n);
    }
    switch (bit) {
    case B_NNS: case B_NNPS:
        return rule_plural(s, n);
    case B_VBZ:
        return rule_third(s, n);
    case B_VBD: case B_VBN:
        return rule_past(s, n);
    case B_VBG:
        return rule_gerund(s, n);
    case B_JJR: case B_RBR:
        return rule_degree(s, n, "er");
    case B_JJS: case B_RBS:
        return rule_degree(s, n, "est");
    default:
        return keep_all(n);
    }
}

/* ---- case ---- */

static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(char c) { return c >= 'a' && c <= 'z'; }

/* Capitalised adjectives whose lemma keeps its capital in the treebanks:
 * nationalities (American, Chinese, Spanish, Iraqi: by their endings, and
 * the ones below), religions, parties. */
static const char *const PROPER_ADJ[] = {
    "french", "dutch", "czech", "greek", "thai", "swiss", "arab", "basque", "islamic", "catholic",
    "muslim", "moslem", "shiite", "sunni", "buddhist", "protestant", "soviet", "orthodox", "sikh",
    "zionist", "democratic", "republican", "arabic", "hispanic", "semitic", "celtic", "nordic",
    "baltic", "slavic", "olympic", "victorian", "nazi", "kurd", "scots", "latino", "maori", "inuit",
    NULL};

static int is_proper_adjective(const char *s, const char *low, size_t n)
{
    static const char *const SUF[] = {"an", "ese", "ish", "i", NULL};
    if (n < 3 || !is_upper(s[0]))
        return 0;
    for (size_t i = 1; i < n; i++)
        if (!is_lower(s[i]))
            return 0;
    if (n >= 4 && ends_any(s, n, SUF))
        return 1;
    for (const char *const *w = PROPER_ADJ; *w; w++)
        if (strlen(*w) == n && memcmp(*w, low, n) == 0)
            return 1;
    return 0;
}

/* An acronym in the plural (CDs, DVDs, GTC's), whose lemma keeps its capitals. */
static int is_acronym_plural(const char *s, size_t n)
{
    size_t caps = 0, i = 0;
    for (; i < n && (is_upper(s[i]) || (s[i] >= '0' && s[i] <= '9')); i++)
        caps += is_upper(s[i]);
    if (i < n && s[i] == '\'')
        i++;
    return caps >= 2 && i + 1 == n && s[i] == 's';
}

/* A noun that is a letter, a two-letter acronym or a code with digits
 * (X, TV, L2, AS400), which the treebanks keep in capitals. */
static int is_code_noun(const char *s, size_t n)
{
    size_t caps = 0, digits = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_upper(s[i]))
            caps++;
        else if (s[i] >= '0' && s[i] <= '9')
            digits++;
        else
            return 0;
    }
    return caps > 0 && (n <= 2 || digits > 0);
}

static int is_roman_numeral(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strchr("IVXLCDM", s[i]) || s[i] == '\0')
            return 0;
    return n > 0;
}

static int is_proper(uint32_t bit, const char *upos)
{
    return (bit & (B_NNP | B_NNPS)) || strcmp(upos, "PROPN") == 0;
}

/* Whether the lemma keeps the case of the form: proper nouns, "I", and
 * the kinds of words above; every other lemma is lower-cased.  low is
 * the lower-cased form. */
static int keeps_case(const char *form, const char *low, size_t len, uint32_t bit, const char *upos)
{
    if (is_proper(bit, upos))
        return 1;
    if (len == 1 && form[0] == 'I')
        return 1;
    switch (bit) {
    case B_JJ:
        return is_proper_adjective(form, low, len);
    case B_NNS:
        return is_acronym_plural(form, len);
    case B_NN:
        return is_code_noun(form, len);
    case B_CD:
        return is_roman_numeral(form, len);
    default:
        return 0;
    }
}

/* ---- output ---- */

/* The caller's buffer: bytes past cap - 1 are counted, not written. */
typedef struct sink {
    char *out;
    size_t cap, len;
} sink;

static void put(sink *k, const char *p, size_t n)
{
    size_t limit = k->cap ? k->cap - 1 : 0;
    if (k->len < limit) {
        size_t room = limit - k->len;
        memcpy(k->out + k->len, p, n < room ? n : room);
    }
    k->len += n;
}

static size_t finish(sink *k)
{
    if (k->cap)
        k->out[k->len < k->cap - 1 ? k->len : k->cap - 1] = '\0';
    return k->len;
}

/* Writes p[0..n) lower-cased: ASCII directly, other code points through
 * utf8proc; bytes that are not valid UTF-8 are copied as they are. */
static void put_lower(sink *k, const char *p, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)p[i];
        if (c < 0x80) {
            char ch = is_upper((char)c) ? (char)(c + 32) : (char)c;
            put(k, &ch, 1);
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t got =
            utf8proc_iterate((const utf8proc_uint8_t *)p + i, (utf8proc_ssize_t)(n - i), &cp);
        if (got <= 0) {
            put(k, p + i, 1);
            i++;
            continue;
        }
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_tolower(cp), enc);
        put(k, (const char *)enc, (size_t)m);
        i += (size_t)got;
    }
}

/* Writes the ASCII string s, upper-cased when upper. */
static void put_ascii(sink *k, const char *s, int upper)
{
    for (; *s; s++) {
        char ch = upper && is_lower(*s) ? (char)(*s - 32) : *s;
        put(k, &ch, 1);
    }
}

/* Writes a lower-case built-in lemma in the case of a proper-noun form:
 * all capitals for an all-capital form (MEN -> MAN), a capital first
 * letter for a capitalised one (Women -> Woman). */
static void put_recased(sink *k, const char *lemma, const char *form, size_t len)
{
    int first = len > 0 && is_upper(form[0]);
    int all = first && len > 1;
    for (size_t i = 0; i < len && all; i++)
        all = !is_lower(form[i]);
    for (size_t i = 0; lemma[i]; i++) {
        char ch = lemma[i];
        if (is_lower(ch) && (all || (first && i == 0)))
            ch = (char)(ch - 32);
        put(k, &ch, 1);
    }
}

/* A number with thousands separators (200,000 or 3,202.61), whose lemma
 * the treebanks write without them. */
static int is_grouped_number(const char *s, size_t n)
{
    size_t i = 0, run = 0, groups = 0;
    for (; i < n && s[i] != '.'; i++) {
        if (s[i] == ',') {
            if (run == 0 || (groups == 0 && run > 3) || (groups > 0 && run != 3))
                return 0;
            groups++;
            run = 0;
        } else if (s[i] >= '0' && s[i] <= '9') {
            run++;
        } else {
            return 0;
        }
    }
    if (groups == 0 || run != 3)
        return 0;
    for (size_t j = i + (i < n); j < n; j++)
        if (s[j] < '0' || s[j] > '9')
            return 0;
    return i == n || i + 1 < n;
}

static void put_without_commas(sink *k, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ',')
            put(k, s + i, 1);
}

/* ---- keys ---- */

#define LEM_MAXWORD 255 /* longer forms are only case-handled */

/* key[0..) gets form[0..len) lower-cased (ASCII) with U+2019 read as an
 * apostrophe; returns the key's length.  low gets the plain lower-cased
 * form (same length as the form), which the rules work on. */
static size_t make_keys(const char *form, size_t len, char *low, char *key)
{
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        char c = form[i];
        low[i] = is_upper(c) ? (char)(c + 32) : c;
        if (c == '\xE2' && i + 2 < len && form[i + 1] == '\x80' && form[i + 2] == '\x99') {
            key[k++] = '\'';
            memcpy(low + i + 1, form + i + 1, 2);
            i += 2;
            continue;
        }
        key[k++] = low[i];
    }
    return k;
}

/* ---- the exception table ---- */

enum { LEM_VERSION = 1, HEAD = 16 };

typedef struct span {
    const unsigned char *p;
    size_t n;
} span;

/* One record of the pool: its form, xpos and lemma. */
typedef struct record {
    span form, xpos, lemma;
} record;

static uint32_t get_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Reads one length-prefixed field at pool[*at..size); -1 when it does not fit
 * or is empty. */
static int read_field(const unsigned char *pool, size_t size, size_t *at, span *f)
{
    if (*at >= size)
        return -1;
    f->n = pool[*at];
    f->p = pool + *at + 1;
    if (f->n == 0 || f->n > size - *at - 1)
        return -1;
    *at += 1 + f->n;
    return 0;
}

/* Reads record i of a table; -1 when its offset or fields fall outside. */
static int read_record(const lem_model *m, uint32_t i, record *r)
{
    const unsigned char *t = m->table;
    size_t pool_size = m->table_size - (size_t)m->nentries * 4;
    size_t at = get_u32(t + (size_t)i * 4);
    const unsigned char *pool = t + (size_t)m->nentries * 4;
    if (read_field(pool, pool_size, &at, &r->form) || read_field(pool, pool_size, &at, &r->xpos) ||
        read_field(pool, pool_size, &at, &r->lemma))
        return -1;
    return 0;
}

/* Order of a record against (key, xpos). */
static int cmp_record(const record *r, const char *key, size_t klen, const char *xpos, size_t xlen)
{
    int c = cmp_bytes(r->form.p, r->form.n, key, klen);
    return c ? c : cmp_bytes(r->xpos.p, r->xpos.n, xpos, xlen);
}

/* The stored lemma of (key, xpos), or an empty span. */
static span exception_find(const lem_model *m, const char *key, size_t klen, const char *xpos)
{
    span none = {NULL, 0};
    if (!m || !m->table || m->nentries == 0 || m->nentries > m->table_size / 4)
        return none;
    size_t xlen = strlen(xpos);
    uint32_t lo = 0, hi = m->nentries;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        record r;
        if (read_record(m, mid, &r))
            return none;
        int c = cmp_record(&r, key, klen, xpos, xlen);
        if (c == 0)
            return r.lemma;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return none;
}

/* ---- lemmatising ---- */

/* Writes the lemma found by the rules: a prefix of the form, in its case
 * or lower-cased, and the rule's suffix. */
static void put_rule(sink *k, const char *form, edit e, int keep)
{
    if (keep) {
        put(k, form, e.keep);
        put_ascii(k, e.suffix, e.keep > 0 && is_upper(form[e.keep - 1]));
    } else {
        put_lower(k, form, e.keep);
        put_ascii(k, e.suffix, 0);
    }
}

/* The lemma of a form of 1..LEM_MAXWORD bytes, written into k. */
static void lemmatize_word(sink *k, const lem_model *m, const char *form, size_t len, const char *xpos,
                           const char *upos)
{
    char low[LEM_MAXWORD], key[LEM_MAXWORD];
    uint32_t bit = tag_bit(xpos, upos);
    size_t klen = make_keys(form, len, low, key);
    int keep = keeps_case(form, low, len, bit, upos);
    span ex = exception_find(m, key, klen, xpos);
    if (ex.n) {
        put(k, (const char *)ex.p, ex.n);
        return;
    }
    const char *b = builtin_find(key, klen, bit);
    if (b) {
        if (keep && is_proper(bit, upos))
            put_recased(k, b, form, len);
        else
            put(k, b, strlen(b));
        return;
    }
    if (bit == B_CD && is_grouped_number(form, len)) {
        put_without_commas(k, form, len);
        return;
    }
    put_rule(k, form, apply_rules(low, len, bit, upos), keep);
}

size_t lem_lemmatize(const lem_model *m, const char *form, size_t len, const char *xpos, const char *upos,
                     char *out, size_t cap)
{
    sink k = {out, cap, 0};
    if (!form)
        len = 0;
    if (!xpos)
        xpos = "_";
    if (!upos)
        upos = "_";
    if (len > LEM_MAXWORD) {
        if (is_proper(tag_bit(xpos, upos), upos))
            put(&k, form, len);
        else
            put_lower(&k, form, len);
    }
    else if (len > 0)
        lemmatize_word(&k, m, form, len, xpos, upos);
    return finish(&k);
}

/* ---- reading a payload ---- */

/* Checks that every record of m lies inside the pool and that the records
 * are sorted without duplicates; writes the reason into err. */
static int check_records(const lem_model *m, buf *err)
{
    record prev = {{NULL, 0}, {NULL, 0}, {NULL, 0}};
    for (uint32_t i = 0; i < m->nentries; i++) {
        record r;
        if (read_record(m, i, &r)) {
            buf_printf(err, "lemma model: entry %u lies outside its table", i);
            return -1;
        }
        if (i > 0 &&
            cmp_record(&prev, (const char *)r.form.p, r.form.n, (const char *)r.xpos.p, r.xpos.n) >= 0) {
            buf_printf(err, "lemma model: entry %u is out of order", i);
            return -1;
        }
        prev = r;
    }
    return 0;
}

int lem_from_payload(lem_model *m, const void *payload, size_t n, buf *err)
{
    const unsigned char *p = payload;
    memset(m, 0, sizeof *m);
    if (!p || n < HEAD) {
        buf_printf(err, "lemma model: payload of %zu bytes is too short", n);
        return -1;
    }
    uint32_t version = get_u32(p), nentries = get_u32(p + 4), pool = get_u32(p + 8), flags = get_u32(p + 12);
    if (version != LEM_VERSION || flags != 0) {
        buf_printf(err, "lemma model: version %u (flags %u), this khaldun reads version %u", version, flags,
                   (unsigned)LEM_VERSION);
        return -1;
    }
    if (nentries > (n - HEAD) / 4 || (size_t)pool != n - HEAD - (size_t)nentries * 4) {
        buf_printf(err, "lemma model: %u entries and a %u-byte pool do not fit %zu bytes", nentries, pool, n);
        return -1;
    }
    lem_model t = {p + HEAD, n - HEAD, nentries};
    if (check_records(&t, err))
        return -1;
    *m = t;
    return 0;
}

/* ---- training ---- */

/* An exception is stored when its lemma is at least LEM_MIN_SHARE percent
 * of the occurrences of its (form, xpos), occurs at least LEM_MIN_COUNT
 * times, and is right more often than the rules and built-ins are.  One
 * that overrides a built-in lemma (a convention of the treebank, as
 * opposed to a slip of annotation such as fled -> "flead") needs
 * LEM_MIN_OVERRIDE occurrences.  Tuned on the EWT and GUM dev sets: single
 * occurrences would add 0.06 points on EWT for three times the table. */
#define LEM_MIN_SHARE 70
#define LEM_MIN_COUNT 2
#define LEM_MIN_OVERRIDE 5

/* One usable training triple: its key, tag and gold lemma, and whether
 * the rules and built-ins get it right. */
typedef struct item {
    const char *key, *xpos, *lemma;
    uint8_t klen, xlen, llen;
    uint8_t rule_ok;
    uint8_t builtin; /* the built-in list holds the form under this tag */
} item;

static int cmp_item(const void *pa, const void *pb)
{
    const item *a = pa, *b = pb;
    int c = cmp_bytes(a->key, a->klen, b->key, b->klen);
    if (!c)
        c = cmp_bytes(a->xpos, a->xlen, b->xpos, b->xlen);
    if (!c)
        c = cmp_bytes(a->lemma, a->llen, b->lemma, b->llen);
    return c;
}

static int same_lemma(const item *a, const item *b)
{
    return a->llen == b->llen && memcmp(a->lemma, b->lemma, a->llen) == 0;
}

static int same_key(const item *a, const item *b)
{
    return a->klen == b->klen && a->xlen == b->xlen && memcmp(a->key, b->key, a->klen) == 0 &&
           memcmp(a->xpos, b->xpos, a->xlen) == 0;
}

/* Whether the rules and built-ins give ex's gold lemma. */
static int rules_right(const lem_example *ex)
{
    char out[LEM_MAXWORD * 4 + 16];
    size_t n = lem_lemmatize(NULL, ex->form, strlen(ex->form), ex->xpos, ex->upos, out, sizeof out);
    return n < sizeof out && strcmp(out, ex->lemma) == 0;
}

/* Fills it with the usable examples (forms of 1..LEM_MAXWORD bytes, tag and
 * lemma of 1..255 bytes), keys copied into keys; counts into rep.
 * Returns the number of items, or -1 when memory runs out. */
static long collect_items(const lem_example *ex, size_t n, item *it, arena *keys, lem_report *rep)
{
    long k = 0;
    for (size_t i = 0; i < n; i++) {
        const lem_example *e = &ex[i];
        if (!e->form || !e->xpos || !e->lemma)
            continue;
        int ok = rules_right(e);
        rep->rule_correct += (size_t)ok;
        size_t len = strlen(e->form), xlen = strlen(e->xpos), llen = strlen(e->lemma);
        if (len == 0 || len > LEM_MAXWORD || xlen == 0 || xlen > 255 || llen == 0 || llen > 255)
            continue;
        char low[LEM_MAXWORD];
        char *key = arena_alloc(keys, len);
        if (!key)
            return -1;
        size_t klen = make_keys(e->form, len, low, key);
        int b = builtin_find(key, klen, tag_bit(e->xpos, e->upos ? e->upos : "_")) != NULL;
        it[k++] = (item){key, e->xpos, e->lemma, (uint8_t)klen, (uint8_t)xlen, (uint8_t)llen, (uint8_t)ok,
                         (uint8_t)b};
    }
    return k;
}

/* Looks at the group it[0..n) of one (key, xpos), sorted by lemma, and
 * returns the lemma to store for it, or NULL. */
static const item *group_exception(const item *it, size_t n)
{
    size_t best = 0, best_count = 0, rule_ok = 0, min_count = LEM_MIN_COUNT;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        for (; j < n && same_lemma(&it[i], &it[j]); j++) {
            rule_ok += it[j].rule_ok;
            if (it[j].builtin)
                min_count = LEM_MIN_OVERRIDE;
        }
        if (j - i > best_count) { /* the first of equal counts: the smallest lemma */
            best = i;
            best_count = j - i;
        }
        i = j;
    }
    if (best_count < min_count || best_count * 100 < n * LEM_MIN_SHARE || best_count <= rule_ok)
        return NULL;
    return &it[best];
}

static void put_u32(buf *b, uint32_t v)
{
    unsigned char p[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    buf_append(b, p, 4);
}

static void put_field(buf *b, const char *s, uint8_t n)
{
    buf_append(b, &n, 1);
    buf_append(b, s, n);
}

/* Appends the record of one exception to pool and its offset to offsets. */
static void add_record(buf *offsets, buf *pool, const item *e)
{
    put_u32(offsets, (uint32_t)pool->len);
    put_field(pool, e->key, e->klen);
    put_field(pool, e->xpos, e->xlen);
    put_field(pool, e->lemma, e->llen);
}

/* Builds the tables from the sorted items; returns the number of entries. */
static uint32_t build_tables(const item *it, size_t n, buf *offsets, buf *pool)
{
    uint32_t count = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && same_key(&it[i], &it[j]))
            j++;
        const item *e = group_exception(it + i, j - i);
        if (e) {
            add_record(offsets, pool, e);
            count++;
        }
        i = j;
    }
    return count;
}

/* Appends the payload holding the given tables; -1 when too large. */
static int write_payload(buf *payload, uint32_t count, const buf *offsets, const buf *pool)
{
    if (pool->len > UINT32_MAX)
        return -1;
    put_u32(payload, LEM_VERSION);
    put_u32(payload, count);
    put_u32(payload, (uint32_t)pool->len);
    put_u32(payload, 0);
    buf_append(payload, offsets->p, offsets->len);
    buf_append(payload, pool->p, pool->len);
    return payload->failed ? -1 : 0;
}

int lem_train(const lem_example *ex, size_t n, buf *payload, lem_report *rep)
{
    lem_report local;
    rep = rep ? rep : &local;
    memset(rep, 0, sizeof *rep);
    rep->examples = n;
    item *it = n ? mem_calloc(n, sizeof *it) : NULL;
    if (n && !it)
        return -1;
    arena keys;
    arena_init(&keys, 0);
    buf offsets = BUF_INIT, pool = BUF_INIT;
    int rc = -1;
    long k = collect_items(ex, n, it, &keys, rep);
    if (k >= 0) {
        if (k > 1)
            qsort(it, (size_t)k, sizeof *it, cmp_item);
        uint32_t count = build_tables(it, (size_t)k, &offsets, &pool);
        rep->exceptions = count;
        if (!offsets.failed && !pool.failed)
            rc = write_payload(payload, count, &offsets, &pool);
    }
    buf_free(&offsets);
    buf_free(&pool);
    arena_free(&keys);
    mem_free(it);
    return rc;
}
