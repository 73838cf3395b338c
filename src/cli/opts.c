/*
 * opts.c - a small re-entrant long-option parser for the subcommands.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const opt_spec *find_spec(const opt_spec *specs, const char *name, size_t len)
{
    for (const opt_spec *s = specs; s->name; s++)
        if (strlen(s->name) == len && strncmp(s->name, name, len) == 0)
            return s;
    return NULL;
}

/* Parses sizes such as 8388608, 512k, 8M, 1G. Returns 0 or -1. */
static int parse_size(const char *s, size_t *out)
{
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || s[0] == '-')
        return -1;
    unsigned long long mult = 1;
    if (*end == 'k' || *end == 'K')
        mult = 1024ull, end++;
    else if (*end == 'm' || *end == 'M')
        mult = 1024ull * 1024, end++;
    else if (*end == 'g' || *end == 'G')
        mult = 1024ull * 1024 * 1024, end++;
    if (*end || v == 0 || v > (unsigned long long)SIZE_MAX / mult)
        return -1;
    *out = (size_t)(v * mult);
    return 0;
}

static void print_help(const opt_spec *specs, const char *usage, cli_io *io)
{
    fprintf(io->out, "usage: %s\n", usage);
    for (const opt_spec *s = specs; s->name; s++)
        fprintf(io->out, "  --%-16s %s\n", s->name, s->help);
}

static int set_value(const opt_spec *spec, const char *value, const char *cmd, cli_io *io)
{
    switch (spec->type) {
    case OPT_FLAG:
        *(int *)spec->dest = 1;
        return 0;
    case OPT_STRING:
        *(const char **)spec->dest = value;
        return 0;
    case OPT_SIZE:
        if (parse_size(value, (size_t *)spec->dest) == 0)
            return 0;
        fprintf(io->err, "khaldun %s: --%s wants a size such as 8M, not '%s'\n", cmd, spec->name, value);
        return 2;
    }
    return 2;
}

int opts_parse(int argc, char **argv, const opt_spec *specs, const char *usage, char **pos,
               int *npos, cli_io *io)
{
    *npos = 0;
    int only_pos = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (only_pos || a[0] != '-' || strcmp(a, "-") == 0) {
            pos[(*npos)++] = argv[i];
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_pos = 1;
            continue;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            print_help(specs, usage, io);
            return 1;
        }
        if (a[1] != '-') {
            fprintf(io->err, "khaldun %s: unknown option '%s' (see --help)\n", argv[0], a);
            return 2;
        }
        const char *name = a + 2, *eq = strchr(name, '=');
        size_t len = eq ? (size_t)(eq - name) : strlen(name);
        const opt_spec *spec = find_spec(specs, name, len);
        if (!spec) {
            fprintf(io->err, "khaldun %s: unknown option '--%.*s' (see --help)\n", argv[0], (int)len, name);
            return 2;
        }
        const char *value = NULL;
        if (spec->type != OPT_FLAG) {
            if (eq)
                value = eq + 1;
            else if (i + 1 < argc)
                value = argv[++i];
            else {
                fprintf(io->err, "khaldun %s: option --%s needs a value\n", argv[0], spec->name);
                return 2;
            }
        } else if (eq) {
            fprintf(io->err, "khaldun %s: option --%s takes no value\n", argv[0], spec->name);
            return 2;
        }
        int rc = set_value(spec, value, argv[0], io);
        if (rc)
            return rc;
    }
    return 0;
}
