/*
 * load.c - loading the set of dictionaries khaldun codes with: khaldun's own
 * (every *.txt under DATA/dictionaries, in name order, unless dictionary
 * options are given) or the files named by --dict (khaldun format) and
 * --actors, --agents, --discards (TABARI or PETRARCH format), each a
 * comma-separated list.
 *
 * The compiled lexicon is cached (lex/cache.h) in $KHALDUN_CACHE, else
 * $XDG_CACHE_HOME/khaldun, else ~/.cache/khaldun, under a name made from
 * the files' contents and of the program; KHALDUN_CACHE=none turns the
 * cache off.  A cache
 * that cannot be written only costs time.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lex/load.h"

#include "core/mem.h"
#include "lex/cache.h"
#include "lex/dict.h"
#include "lex/import.h"
#include "khaldun.h"

enum { MAX_FILES = 256 };

typedef struct source {
    char *path;
    unsigned section; /* LEX_NSECTIONS: khaldun's format */
    char *text;
    size_t len;
} source;

typedef struct sources {
    source s[MAX_FILES];
    int n;
} sources;

static int add_source(sources *ss, const char *path, size_t len, unsigned section, buf *err)
{
    if (ss->n == MAX_FILES) {
        buf_printf(err, "more than %d dictionary files\n", MAX_FILES);
        return -1;
    }
    char *p = mem_strndup(path, len);
    if (!p)
        return -1;
    ss->s[ss->n++] = (source){p, section, NULL, 0};
    return 0;
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int lex_list_txt(const char *dir, char ***out, int *n)
{
    DIR *d = opendir(dir);
    *out = NULL;
    *n = 0;
    if (!d)
        return 1;
    char **names = NULL;
    int cap = 0, rc = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && rc == 0) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".txt") != 0 || e->d_name[0] == '.')
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            char **bigger = mem_realloc(names, (size_t)cap * sizeof *names);
            if (!bigger) {
                rc = -1;
                break;
            }
            names = bigger;
        }
        buf path = BUF_INIT;
        buf_printf(&path, "%s/%s", dir, e->d_name);
        if (path.failed) {
            buf_free(&path);
            rc = -1;
            break;
        }
        names[(*n)++] = path.p;
    }
    closedir(d);
    if (*n)
        qsort(names, (size_t)*n, sizeof *names, by_name);
    *out = names;
    if (rc != 0)
        lex_list_free(names, *n);
    return rc;
}

void lex_list_free(char **names, int n)
{
    for (int k = 0; k < n; k++)
        mem_free(names[k]);
    mem_free(names);
}

/* Adds every *.txt file of dir, in name order. */
static int add_dir(sources *ss, const char *dir, buf *err)
{
    char **names;
    int n, rc = lex_list_txt(dir, &names, &n);
    if (rc == 1)
        buf_printf(err, "%s: no dictionary folder\n", dir);
    for (int k = 0; k < n && rc == 0; k++)
        rc = add_source(ss, names[k], strlen(names[k]), LEX_NSECTIONS, err);
    lex_list_free(names, n);
    return rc;
}

static int add_list(sources *ss, const char *list, unsigned section, buf *err)
{
    while (list && *list) {
        const char *comma = strchr(list, ',');
        size_t len = comma ? (size_t)(comma - list) : strlen(list);
        if (len && add_source(ss, list, len, section, err) != 0)
            return -1;
        list = comma ? comma + 1 : NULL;
    }
    return 0;
}

static int gather(sources *ss, const char *data_dir, const lex_set *o, buf *err)
{
    if (!o->dict && !o->actors && !o->agents && !o->discards) {
        buf dir = BUF_INIT;
        buf_printf(&dir, "%s/dictionaries", data_dir);
        int rc = dir.failed ? -1 : add_dir(ss, dir.p, err);
        buf_free(&dir);
        return rc;
    }
    if (add_list(ss, o->dict, LEX_NSECTIONS, err) || add_list(ss, o->actors, LEX_ACTOR, err) ||
        add_list(ss, o->agents, LEX_AGENT, err) || add_list(ss, o->discards, LEX_DISCARD, err))
        return -1;
    return 0;
}

/* A fingerprint of the running program, so that a cache compiled by
 * another build (which may cut phrases differently) is never used: the
 * checksum of /proc/self/exe where there is one, else the version. */
static uint64_t program_key(void)
{
    const char *v = kh_version();
    uint64_t key = lex_key_add(LEX_KEY_INIT, v, strlen(v));
    size_t len;
    buf ignore = BUF_INIT;
    char *exe = dict_read_file("/proc/self/exe", (size_t)256 << 20, &len, &ignore);
    buf_free(&ignore);
    if (exe) {
        uint64_t sum = model_checksum(exe, len);
        key = lex_key_add(key, &sum, sizeof sum);
        mem_free(exe);
    }
    return key;
}

/* Reads every file and makes the cache key of the set. */
static int read_all(sources *ss, uint64_t *key, buf *err)
{
    *key = program_key();
    for (int k = 0; k < ss->n; k++) {
        source *s = &ss->s[k];
        s->text = dict_read_file(s->path, (size_t)1 << 30, &s->len, err);
        if (!s->text)
            return -1;
        int format = s->section == LEX_NSECTIONS ? -1 : import_format_of(s->path);
        *key = lex_key_add(*key, &s->section, sizeof s->section);
        *key = lex_key_add(*key, &format, sizeof format);
        *key = lex_key_add(*key, &s->len, sizeof s->len);
        *key = lex_key_add(*key, s->text, s->len);
    }
    return 0;
}

static int compile(lexicon *lx, sources *ss, buf *err, buf *warn)
{
    if (lex_init(lx) != 0)
        return -1;
    for (int k = 0; k < ss->n; k++) {
        source *s = &ss->s[k];
        int64_t got = s->section == LEX_NSECTIONS
                          ? dict_load_text(lx, s->path, s->text, s->len, err, warn)
                          : import_text(lx, s->path, s->text, s->len, s->section, IMPORT_AUTO, err, warn);
        if (got < 0) {
            lex_free(lx);
            return -1;
        }
    }
    return 0;
}

/* The cache folder (created if need be), or NULL for no cache. */
static char *cache_dir(void)
{
    const char *env = getenv("KHALDUN_CACHE"), *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    if (env && strcmp(env, "none") == 0)
        return NULL;
    buf b = BUF_INIT;
    if (env && *env)
        buf_puts(&b, env);
    else if (xdg && *xdg)
        buf_printf(&b, "%s/khaldun", xdg);
    else if (home && *home) {
        buf_printf(&b, "%s/.cache", home);
        if (!b.failed)
            mkdir(b.p, 0755);
        buf_puts(&b, "/khaldun");
    } else {
        return NULL;
    }
    if (b.failed) {
        buf_free(&b);
        return NULL;
    }
    mkdir(b.p, 0755);
    return b.p;
}

int lex_load_set(lexicon *lx, const char *data_dir, const lex_set *o, buf *err, buf *warn, int *from_cache)
{
    buf path = BUF_INIT;
    sources *ss = mem_calloc(1, sizeof *ss);
    uint64_t key = 0;
    *from_cache = 0;
    int rc = ss ? gather(ss, data_dir, o, err) : -1;
    if (rc == 1) { /* no default folder: an empty lexicon, and the caller says so */
        mem_free(ss);
        return lex_init(lx) == 0 ? 1 : -1;
    }
    if (rc == 0)
        rc = read_all(ss, &key, err);
    char *dir = rc == 0 && !o->no_cache ? cache_dir() : NULL;
    int cached = 1;
    if (dir) {
        buf_printf(&path, "%s/dictionaries-%016llx.bin", dir, (unsigned long long)key);
        buf cerr = BUF_INIT;
        cached = path.failed ? 1 : lex_cache_map(lx, key, path.p, &cerr);
        buf_free(&cerr); /* a bad cache is rebuilt, not reported */
        *from_cache = cached == 0;
    }
    if (rc == 0 && cached != 0) {
        rc = compile(lx, ss, err, warn);
        if (rc == 0 && dir && !path.failed) {
            buf werr = BUF_INIT;
            lex_cache_write(lx, key, path.p, &werr);
            buf_free(&werr);
        }
    }
    for (int k = 0; ss && k < ss->n; k++) {
        mem_free(ss->s[k].path);
        mem_free(ss->s[k].text);
    }
    mem_free(ss);
    mem_free(dir);
    buf_free(&path);
    return rc;
}
