/*
 * cmd_export.c - `khaldun export --format gdelt|phoenix|csv|tsv|jsonl
 * [FILE.jsonl|-]...`: khaldun's event JSON lines (as `khaldun code` prints
 * them) written again in an export layout (store/out.h, docs/exports.md).
 *
 * A line that is not an event is reported as FILE:LINE with the reason
 * and skipped; the others are written, numbered from --first-id in the
 * order read (GDELT's GLOBALEVENTID, Phoenix's EventID).  Exit status 0,
 * 1 when a line was skipped or a file could not be read, 2 on a usage
 * error.
 *
 * With --db FILE the events come from khaldun's event store instead
 * (`khaldun code --db`), opened read-only and read one row at a time
 * (db_each_event); each is numbered by its event key in the store.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "store/db.h"
#include "store/out.h"

typedef struct export_run {
    out_format format;
    const char *added;
    uint64_t next_id;
    unsigned long written, skipped;
    buf line, out, err;
} export_run;

/* The line holds nothing but blanks. */
static int blank(const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (s[k] != ' ' && s[k] != '\t' && s[k] != '\r' && s[k] != '\n')
            return 0;
    return 1;
}

/* Reads one line of f into r->line (without its newline); 0 at the end. */
static int read_line(FILE *f, buf *line)
{
    buf_clear(line);
    int c, any = 0;
    while ((c = getc(f)) != EOF) {
        any = 1;
        if (c == '\n')
            break;
        buf_putc(line, (char)c);
    }
    return any;
}

/* Exports the events of one stream; returns 0, or -1 when the output
 * could not be written. */
static int export_stream(export_run *r, FILE *f, const char *name, cli_io *io)
{
    unsigned long lineno = 0;
    while (read_line(f, &r->line)) {
        lineno++;
        if (r->line.failed) {
            fprintf(io->err, "khaldun: %s:%lu: out of memory reading the line, line skipped\n", name, lineno);
            r->skipped++;
            continue;
        }
        if (blank(r->line.p, r->line.len))
            continue;
        out_event e;
        buf_clear(&r->err);
        if (out_event_parse(r->line.p, r->line.len, &e, &r->err) != 0) {
            fprintf(io->err, "khaldun: %s:%lu: %s, line skipped\n", name, lineno,
                    r->err.p ? r->err.p : "not an event");
            r->skipped++;
            continue;
        }
        buf_clear(&r->out);
        out_write(&r->out, r->format, &e, r->next_id++, r->added);
        out_event_free(&e);
        if (r->out.failed || fwrite(r->out.p, 1, r->out.len, io->out) != r->out.len)
            return -1;
        r->written++;
    }
    if (ferror(f)) {
        fprintf(io->err, "khaldun: %s: read error: %s\n", name, strerror(errno));
        r->skipped++;
    }
    return 0;
}

typedef struct db_export {
    export_run *r;
    FILE *out;
} db_export;

static int export_db_event(const out_event *e, int64_t event_key, void *ctx)
{
    db_export *x = ctx;
    buf_clear(&x->r->out);
    out_write(&x->r->out, x->r->format, e, (uint64_t)event_key, x->r->added);
    if (x->r->out.failed || fwrite(x->r->out.p, 1, x->r->out.len, x->out) != x->r->out.len)
        return -1;
    x->r->written++;
    return 0;
}

/* Exports the events stored in the database at path; returns 0 or 1. */
static int export_db(export_run *r, const char *path, cli_io *io)
{
    db *d = NULL;
    db_result res = db_open_read(&d, path);
    db_export x = {r, io->out};
    if (res == DB_OK) { /* the header only once the file is known to be a store */
        buf_clear(&r->out);
        out_header(&r->out, r->format);
        if (r->out.len && fwrite(r->out.p, 1, r->out.len, io->out) != r->out.len)
            r->out.failed = 1, res = DB_ERROR;
        else
            res = db_each_event(d, export_db_event, &x);
    }
    if (res != DB_OK) {
        if (r->out.failed || ferror(io->out))
            fprintf(io->err, "khaldun: error writing the export\n");
        else
            fprintf(io->err, "khaldun: %s\n", db_errmsg(d));
    }
    db_close(d);
    return res == DB_OK ? 0 : 1;
}

int cmd_export(int argc, char **argv, cli_io *io)
{
    const char *format = NULL, *added = NULL, *db_path = NULL;
    size_t first_id = 1;
    opt_spec specs[] = {
        {"format", OPT_STRING, &format, "gdelt, phoenix, csv, tsv or jsonl"},
        {"first-id", OPT_SIZE, &first_id, "the number of the first event (GLOBALEVENTID, EventID; default 1)"},
        {"added", OPT_STRING, &added, "GDELT's DATEADDED for every event, YYYYMMDDHHMMSS (default: empty)"},
        {"db", OPT_STRING, &db_path, "read the events stored by `khaldun code --db FILE` (read-only)"},
        {NULL, OPT_FLAG, NULL, NULL}};
    char **pos = mem_calloc((size_t)argc + 1, sizeof *pos);
    int npos = 0;
    const char *usage = "khaldun export --format gdelt|phoenix|csv|tsv|jsonl [FILE.jsonl|-]... | --db FILE";
    int rc = pos ? opts_parse(argc, argv, specs, usage, pos, &npos, io) : 2;
    export_run r = {OUT_JSONL, NULL, 0, 0, 0, BUF_INIT, BUF_INIT, BUF_INIT};
    if (rc == 0 && out_format_parse(format, &r.format) != 0) {
        if (format)
            fprintf(io->err, "khaldun export: unknown format '%s' (gdelt, phoenix, csv, tsv or jsonl)\n", format);
        else
            fprintf(io->err, "khaldun export: --format is required (gdelt, phoenix, csv, tsv or jsonl)\n");
        rc = 2;
    }
    if (rc == 0 && added && (strlen(added) != 14 || strspn(added, "0123456789") != 14)) {
        fprintf(io->err, "khaldun export: --added is not YYYYMMDDHHMMSS\n");
        rc = 2;
    }
    if (rc == 0 && db_path && (npos || first_id != 1)) {
        fprintf(io->err, "khaldun export: --db reads the store alone: no event files, no --first-id (the events "
                         "keep their numbers in the store)\n");
        rc = 2;
    }
    if (rc != 0) {
        mem_free(pos);
        return rc == 1 ? 0 : rc;
    }
    r.added = added;
    r.next_id = first_id;
    buf_clear(&r.out);
    if (!db_path)
        out_header(&r.out, r.format);
    if (r.out.len && fwrite(r.out.p, 1, r.out.len, io->out) != r.out.len)
        rc = 1;
    static char dash[] = "-";
    char *stdin_only[] = {dash};
    char **files = npos ? pos : stdin_only;
    int nfiles = db_path ? 0 : npos ? npos : 1;
    if (db_path && rc == 0)
        rc = export_db(&r, db_path, io);
    for (int k = 0; k < nfiles && rc == 0; k++) {
        int is_stdin = strcmp(files[k], "-") == 0;
        FILE *f = is_stdin ? io->in : fopen(files[k], "rb");
        if (!f) {
            fprintf(io->err, "khaldun: %s: %s\n", files[k], strerror(errno));
            r.skipped++;
            continue;
        }
        if (export_stream(&r, f, is_stdin ? "<stdin>" : files[k], io) != 0) {
            fprintf(io->err, "khaldun: error writing the export\n");
            rc = 1;
        }
        if (!is_stdin)
            fclose(f);
    }
    buf_free(&r.line);
    buf_free(&r.out);
    buf_free(&r.err);
    mem_free(pos);
    if (rc == 0 && r.skipped)
        rc = 1;
    return rc;
}
