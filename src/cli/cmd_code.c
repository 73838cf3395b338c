/*
 * cmd_code.c - `khaldun code`: the main job.  Reads documents, runs every
 * stage and writes one JSON object per coded event.  Until the event stages
 * exist it reads, normalises, splits, parses and finds the actors of every
 * document, counting them (--stats), and writes no events.  The
 * dictionaries are khaldun's own, or those named by --dict, --actors,
 * --agents and --discards (TABARI or PETRARCH files).
 */
#include <string.h>


#include "cli/cli.h"

int cmd_code(int argc, char **argv, cli_io *io)
{
    doc_loop L = {0};
    actors_run r;
    memset(&r, 0, sizeof r);
    const char *db = NULL;
    opt_spec specs[] = {DOC_LOOP_OPTIONS(L), DICT_OPTIONS(r.dict),
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
        L.on_doc = actors_scan;
        L.ud = &r;
        rc = doc_loop_run(&L, pos, npos);
        if (r.failed)
            rc = 1;
        else if (L.stats)
            fprintf(io->err, "khaldun: %lu actor mentions\n", r.mentions);
    } else if (rc == 1) {
        rc = 0;
    }
    actors_done(&r);
    mem_free(pos);
    return rc;
}
