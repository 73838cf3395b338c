/*
 * main.c - entry point of the khaldun command: dispatches to subcommands.
 */
#include <string.h>

#include "cli/cli.h"

static void usage(FILE *f)
{
    fprintf(f,
            "khaldun %s - a political event coder\n"
            "\n"
            "usage: khaldun COMMAND [options] [FILE|-]...\n"
            "\n"
            "commands:\n"
            "  code        code events from documents (.txt, .jsonl, .html, - for JSON lines)\n"
            "  sentences   print sentences and tokens as JSON lines (--brief, --tokens)\n"
            "  parse       tag and parse: CoNLL-U out (raw text in, or --input conllu)\n"
            "  test        run golden test files (tests/cases/*.test)\n"
            "  validate    run a PETRARCH unit-test records file with its own dictionaries\n"
            "  actors      list the actors of each sentence with their CAMEO codes (JSON lines)\n"
            "  places      list the place names of each document with their coordinates (JSON lines)\n"
            "  query       ask the event store (--db): filters, full-text search, counts by day, country, type ...\n"
            "  export      write event JSON lines or the event store (--db) as GDELT 2.0, Phoenix, CSV or JSON lines\n"
            "  gazetteer   build the gazetteer (make gazetteer does it), describe it, look names up\n"
            "  train       train a model: sbd, tagger or parser (make model does it)\n"
            "  version     print the version\n"
            "\n"
            "khaldun COMMAND --help lists a command's options.\n",
            kh_version());
}

typedef struct command {
    const char *name;
    int (*fn)(int, char **, cli_io *);
} command;

static const command COMMANDS[] = {
    {"code", cmd_code},
    {"sentences", cmd_sentences},
    {"parse", cmd_parse},
    {"actors", cmd_actors},
    {"validate", cmd_validate},
    {"test", cmd_test},
    {"train", cmd_train},
    {"gazetteer", cmd_gazetteer},
    {"places", cmd_places},
    {"export", cmd_export},
    {"query", cmd_query},
};

int cli_dispatch(int argc, char **argv, cli_io *io)
{
    if (argc < 1) {
        usage(io->err);
        return 2;
    }
    const char *name = argv[0];
    if (strcmp(name, "version") == 0 || strcmp(name, "--version") == 0) {
        fprintf(io->out, "khaldun %s\n", kh_version());
        return 0;
    }
    if (strcmp(name, "help") == 0 || strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        usage(io->out);
        return 0;
    }
    for (size_t k = 0; k < sizeof COMMANDS / sizeof COMMANDS[0]; k++)
        if (strcmp(COMMANDS[k].name, name) == 0)
            return COMMANDS[k].fn(argc, argv, io);
    fprintf(io->err, "khaldun: unknown command '%s'\n\n", name);
    usage(io->err);
    return 2;
}

int main(int argc, char **argv)
{
    cli_io io = {stdin, stdout, stderr};
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    int rc = cli_dispatch(argc - 1, argv + 1, &io);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "khaldun: error writing standard output\n");
        return rc ? rc : 1;
    }
    return rc;
}
