/*
 * cmd_code.c - `khaldun code`: the main job.  Reads documents, runs every
 * stage and writes one JSON object per coded event.  Until the event stages
 * exist it reads, normalises, splits and counts every document (--stats)
 * and writes no events.
 */

#include "cli/cli.h"

int cmd_code(int argc, char **argv, cli_io *io)
{
    doc_loop L = {0};
    const char *db = NULL;
    opt_spec specs[] = {DOC_LOOP_OPTIONS(L),
                        {"db", OPT_STRING, &db, "write events into this SQLite database (not yet available)"},
                        {NULL, OPT_FLAG, NULL, NULL}};
    char **pos = mem_calloc((size_t)argc + 1, sizeof *pos);
    int npos = 0;
    int rc = opts_parse(argc, argv, specs, "khaldun code [options] [FILE|-]...", pos, &npos, io);
    if (rc == 0 && db) {
        fprintf(io->err, "khaldun code: --db is not available yet in this version\n");
        rc = 2;
    }
    if (rc == 0) {
        L.io = io;
        rc = doc_loop_run(&L, pos, npos);
    } else if (rc == 1) {
        rc = 0;
    }
    mem_free(pos);
    return rc;
}
