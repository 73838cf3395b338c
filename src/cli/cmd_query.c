/*
 * cmd_query.c - `khaldun query --db FILE [filters] [--count-by KEY]`: the
 * stored events that meet every filter given, or their counts by a key,
 * as JSON lines, CSV or TSV (store/query.h; docs/store.md).
 *
 * The store is opened read-only, so queries run while `khaldun code --db`
 * writes.  Exit status 0 (also when nothing matches), 1 when the store
 * cannot be read or the full-text query is refused, 2 on a usage error.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/mem.h"
#include "store/out.h"
#include "store/query.h"

/* The filter options: query_filter_name(0 .. NFILTERS - 1). */
enum { NFILTERS = 13 };

typedef struct query_run {
    out_format format;
    query_key key;
    FILE *out;
    buf line;
    unsigned long rows;
} query_run;

static int write_line(query_run *r)
{
    if (r->line.failed || fwrite(r->line.p, 1, r->line.len, r->out) != r->line.len)
        return -1;
    r->rows++;
    return 0;
}

static int write_event(const out_event *e, int64_t event_key, void *ctx)
{
    query_run *r = ctx;
    buf_clear(&r->line);
    out_write(&r->line, r->format, e, (uint64_t)event_key, NULL);
    return write_line(r);
}

static int write_count(const char *value, int64_t events, int64_t mentions, void *ctx)
{
    query_run *r = ctx;
    buf *b = &r->line;
    buf_clear(b);
    if (r->format == OUT_JSONL) {
        buf_putc(b, '{');
        json_key(b, query_key_name(r->key));
        json_cstr(b, value);
        buf_printf(b, ",\"events\":%lld,\"mentions\":%lld}\n", (long long)events, (long long)mentions);
    } else {
        char sep = r->format == OUT_TSV ? '\t' : ',';
        out_cell(b, value, sep);
        buf_printf(b, "%lld%c%lld\n", (long long)events, sep, (long long)mentions);
    }
    return write_line(r);
}

static int write_count_header(query_run *r)
{
    buf_clear(&r->line);
    if (r->format == OUT_JSONL)
        return 0;
    char sep = r->format == OUT_TSV ? '\t' : ',';
    buf_printf(&r->line, "%s%cevents%cmentions\n", query_key_name(r->key), sep, sep);
    return write_line(r);
}

static int write_event_header(query_run *r)
{
    buf_clear(&r->line);
    out_header(&r->line, r->format);
    return r->line.len ? write_line(r) : 0;
}

/* Reads the store at path with filter f; the exit status. */
static int run_query(query_run *r, const char *path, const query_filter *f, cli_io *io)
{
    db *d = NULL;
    db_result res = db_open_read(&d, path);
    if (res == DB_OK && f->text && query_check_text(d, f->text) != DB_OK) {
        fprintf(io->err, "khaldun query: --text '%s' is not a full-text query SQLite accepts (%s)\n", f->text,
                db_errmsg(d));
        db_close(d);
        return 2;
    }
    if (res == DB_OK) { /* the header only once the file is known to be a store */
        int head = r->key ? write_count_header(r) : write_event_header(r);
        if (head != 0)
            res = DB_ERROR;
        else if (r->key)
            res = query_counts(d, f, r->key, write_count, r);
        else
            res = query_events(d, f, write_event, r);
    }
    if (res != DB_OK) {
        if (r->line.failed || ferror(io->out))
            fprintf(io->err, "khaldun query: error writing the results\n");
        else
            fprintf(io->err, "khaldun query: %s\n", res == DB_NOMEM ? "out of memory" : db_errmsg(d));
    }
    db_close(d);
    return res == DB_OK ? 0 : 1;
}

/* Checks the options into f and r; 0, or 2 after a message. */
static int check_options(query_run *r, query_filter *f, const char *const *values, const char *db_path,
                         const char *format, const char *count_by, size_t limit, cli_io *io)
{
    buf err = BUF_INIT;
    int rc = 0;
    for (int k = 0; k < NFILTERS && rc == 0; k++)
        if (values[k] && query_set(f, query_filter_name((size_t)k), values[k], &err) != 0) {
            fprintf(io->err, "khaldun query: %s\n", err.p ? err.p : "a bad filter");
            rc = 2;
        }
    buf_free(&err);
    if (rc == 0 && !db_path) {
        fprintf(io->err, "khaldun query: --db FILE is required (a store written by `khaldun code --db FILE`)\n");
        rc = 2;
    }
    if (rc == 0 && format && (out_format_parse(format, &r->format) != 0 || r->format == OUT_GDELT ||
                              r->format == OUT_PHOENIX)) {
        fprintf(io->err, "khaldun query: unknown format '%s' (jsonl, csv or tsv; khaldun export --db writes the "
                         "GDELT and Phoenix layouts)\n",
                format);
        rc = 2;
    }
    if (rc == 0 && count_by && (r->key = query_key_parse(count_by)) == QK_NONE) {
        fprintf(io->err, "khaldun query: --count-by '%s' is not one of day, week, month, year, country, root, "
                         "cameo, plover, actor, actor-country, source, target\n",
                count_by);
        rc = 2;
    }
    if (rc == 0 && f->from != INT64_MIN && f->to != INT64_MAX && f->from > f->to) {
        fprintf(io->err, "khaldun query: --from is after --to\n");
        rc = 2;
    }
    f->limit = (int64_t)limit;
    return rc;
}

int cmd_query(int argc, char **argv, cli_io *io)
{
    const char *values[NFILTERS] = {NULL}, *db_path = NULL, *format = NULL, *count_by = NULL;
    size_t limit = 0;
    opt_spec specs[] = {
        {"db", OPT_STRING, &db_path, "the store written by `khaldun code --db FILE` (opened read-only)"},
        {query_filter_name(0), OPT_STRING, &values[0], "events on or after this date: YYYY-MM-DD, YYYY-MM or YYYY"},
        {query_filter_name(1), OPT_STRING, &values[1], "events on or before this date (a month or year: its last day)"},
        {query_filter_name(2), OPT_STRING, &values[2], "the source or the target code starts with this (IRQ, IRQGOV)"},
        {query_filter_name(3), OPT_STRING, &values[3], "the source code starts with this"},
        {query_filter_name(4), OPT_STRING, &values[4], "the target code starts with this"},
        {query_filter_name(5), OPT_STRING, &values[5], "the source or the target is of this country (ISO alpha-3)"},
        {query_filter_name(6), OPT_STRING, &values[6], "the CAMEO code starts with this (19, 190, 0211)"},
        {query_filter_name(7), OPT_STRING, &values[7], "the CAMEO root (01 to 20)"},
        {query_filter_name(8), OPT_STRING, &values[8], "the PLOVER type (ASSAULT, PROTEST, ...)"},
        {query_filter_name(9), OPT_STRING, &values[9], "the event took place in this country (ISO alpha-3)"},
        {query_filter_name(10), OPT_STRING, &values[10], "the event's place: its name or GeoNames id"},
        {query_filter_name(11), OPT_STRING, &values[11], "the event's place lies in W,S,E,N (degrees)"},
        {query_filter_name(12), OPT_STRING, &values[12], "a report's sentence matches this full-text (FTS5) query"},
        {"count-by", OPT_STRING, &count_by,
         "count the events by day, week, month, year, country, root, cameo, plover, actor, actor-country, source "
         "or target"},
        {"format", OPT_STRING, &format, "jsonl (default), csv or tsv"},
        {"limit", OPT_SIZE, &limit, "at most this many events (or count rows)"},
        {NULL, OPT_FLAG, NULL, NULL}};
    char **pos = mem_calloc((size_t)argc + 1, sizeof *pos);
    int npos = 0;
    const char *usage = "khaldun query --db FILE [filters] [--count-by KEY] [--format jsonl|csv|tsv] [--limit N]";
    int rc = pos ? opts_parse(argc, argv, specs, usage, pos, &npos, io) : 2;
    if (rc == 0 && npos) {
        fprintf(io->err, "khaldun query: unexpected argument '%s' (the store is given with --db)\n", pos[0]);
        rc = 2;
    }
    mem_free(pos);
    query_run r = {OUT_JSONL, QK_NONE, io->out, BUF_INIT, 0};
    query_filter f;
    query_filter_init(&f);
    if (rc == 0)
        rc = check_options(&r, &f, values, db_path, format, count_by, limit, io);
    else
        return rc == 1 ? 0 : rc;
    if (rc == 0)
        rc = run_query(&r, db_path, &f, io);
    buf_free(&r.line);
    return rc;
}
