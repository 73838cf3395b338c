/*
 * cmd_test.c - `khaldun test FILE...`: runs golden test files in-process,
 * in the manner of jq's --run-tests.
 *
 * A file holds cases:
 *
 *     # comment
 *     === name of the case
 *     $ sentences --brief --input txt -
 *     <<<
 *     input lines (given to the command as standard input)
 *     >>>
 *     expected standard output lines
 *     !!! 1
 *     text that must appear in standard error, one piece per line
 *
 * "<<<x" reads \xHH, \0, \n, \r, \t and \\ escapes in the input.  Without "!!!" a case
 * must exit 0.  Trailing blank lines of the expected output are ignored.
 * Prints each failure with the expected and actual output and closes with
 * "N passed, M failed"; exits 1 when any case failed.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

typedef struct test_case {
    const char *file;
    int line;
    buf name, args, input, expect, errs;
    int has_input, escapes, status;
} test_case;

static void case_clear(test_case *c)
{
    buf_clear(&c->name);
    buf_clear(&c->args);
    buf_clear(&c->input);
    buf_clear(&c->expect);
    buf_clear(&c->errs);
    c->has_input = c->escapes = c->status = 0;
}

static void case_free(test_case *c)
{
    buf_free(&c->name);
    buf_free(&c->args);
    buf_free(&c->input);
    buf_free(&c->expect);
    buf_free(&c->errs);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Appends line (with escapes decoded when asked) and a newline. */
static void add_input_line(test_case *c, const char *line, size_t n)
{
    if (!c->escapes) {
        buf_append(&c->input, line, n);
        buf_putc(&c->input, '\n');
        return;
    }
    for (size_t k = 0; k < n; k++) {
        if (line[k] != '\\' || k + 1 >= n) {
            buf_putc(&c->input, line[k]);
            continue;
        }
        char e = line[++k];
        if (e == 'x' && k + 2 < n + 1 && hexval(line[k + 1]) >= 0 && hexval(line[k + 2]) >= 0) {
            buf_putc(&c->input, (char)(hexval(line[k + 1]) * 16 + hexval(line[k + 2])));
            k += 2;
        } else if (e == '0') {
            buf_putc(&c->input, '\0');
        } else if (e == 'n') {
            buf_putc(&c->input, '\n');
        } else if (e == 'r') {
            buf_putc(&c->input, '\r');
        } else if (e == 't') {
            buf_putc(&c->input, '\t');
        } else {
            buf_putc(&c->input, e);
        }
    }
    buf_putc(&c->input, '\n');
}

/* Splits args at spaces, with "double quotes" grouping.  Modifies s. */
static int split_args(char *s, char **argv, int max)
{
    int n = 0;
    while (*s && n < max) {
        while (*s == ' ')
            s++;
        if (!*s)
            break;
        char *out = s;
        argv[n++] = s;
        int quoted = 0;
        while (*s && (quoted || *s != ' ')) {
            if (*s == '"')
                quoted = !quoted;
            else
                *out++ = *s;
            s++;
        }
        if (*s)
            s++;
        *out = '\0';
    }
    return n;
}

static void trim_trailing_newlines(buf *b)
{
    while (b->len && b->p[b->len - 1] == '\n')
        b->p[--b->len] = '\0';
}

/* Runs one case; returns 1 when it passed.  Failures are described on err. */
static int run_case(test_case *c, FILE *report)
{
    char *argv[64];
    buf args = BUF_INIT;
    buf_append(&args, c->args.p ? c->args.p : "", c->args.len);
    buf_putc(&args, '\0');
    int argc = args.p ? split_args(args.p, argv, 63) : 0;
    argv[argc] = NULL;
    char *outp = NULL, *errp = NULL;
    size_t outn = 0, errn = 0;
    FILE *in = c->input.len ? fmemopen(c->input.p, c->input.len, "r") : fopen("/dev/null", "r");
    FILE *out = open_memstream(&outp, &outn);
    FILE *err = open_memstream(&errp, &errn);
    int status = -1;
    if (in && out && err) {
        cli_io io = {in, out, err};
        status = argc ? cli_dispatch(argc, argv, &io) : 2;
    }
    if (in)
        fclose(in);
    if (out)
        fclose(out);
    if (err)
        fclose(err);
    buf got = BUF_INIT;
    buf_append(&got, outp ? outp : "", outn);
    trim_trailing_newlines(&got);
    trim_trailing_newlines(&c->expect);
    int ok = status == c->status &&
             got.len == c->expect.len && (got.len == 0 || memcmp(got.p, c->expect.p, got.len) == 0);
    /* every expected stderr piece must appear */
    const char *piece = c->errs.p;
    while (ok && piece && *piece) {
        const char *nl = strchr(piece, '\n');
        size_t len = nl ? (size_t)(nl - piece) : strlen(piece);
        buf want = BUF_INIT;
        buf_append(&want, piece, len);
        if (len && (!errp || !strstr(errp, want.p)))
            ok = 0;
        buf_free(&want);
        piece += len + (nl ? 1 : 0);
    }
    if (!ok) {
        fprintf(report, "FAIL %s:%d: %s\n  $ khaldun %s\n", c->file, c->line, c->name.p ? c->name.p : "",
                c->args.p ? c->args.p : "");
        fprintf(report, "  exit status: expected %d, got %d\n", c->status, status);
        fprintf(report, "  expected output:\n%s\n  actual output:\n%s\n", c->expect.p ? c->expect.p : "",
                got.p ? got.p : "");
        if (c->errs.len || (errp && *errp))
            fprintf(report, "  expected in stderr:\n%s\n  actual stderr:\n%s\n", c->errs.p ? c->errs.p : "",
                    errp ? errp : "");
    }
    free(outp);
    free(errp);
    buf_free(&got);
    buf_free(&args);
    return ok;
}

enum section { SEC_NONE, SEC_HEAD, SEC_INPUT, SEC_EXPECT, SEC_ERRS };

/* Runs the cases of one file; adds to *passed and *failed.  Returns -1 when
 * the file cannot be read. */
static int run_file(const char *path, FILE *report, int *passed, int *failed)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    test_case c = {path, 0, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, 0, 0, 0};
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int lineno = 0, in_case = 0;
    enum section sec = SEC_NONE;
    for (;;) {
        n = getline(&line, &cap, f);
        lineno++;
        int boundary = n < 0 || strncmp(line, "=== ", 4) == 0;
        if (boundary && in_case) {
            if (run_case(&c, report))
                (*passed)++;
            else
                (*failed)++;
            in_case = 0;
        }
        if (n < 0)
            break;
        size_t len = (size_t)n;
        if (len && line[len - 1] == '\n')
            line[--len] = '\0';
        if (boundary) {
            case_clear(&c);
            buf_puts(&c.name, line + 4);
            c.line = lineno;
            in_case = 1;
            sec = SEC_HEAD;
        } else if (!in_case) {
            continue;
        } else if (sec == SEC_HEAD && strncmp(line, "$ ", 2) == 0) {
            buf_puts(&c.args, line + 2);
        } else if (sec != SEC_INPUT && strncmp(line, "<<<", 3) == 0) {
            c.has_input = 1;
            c.escapes = line[3] == 'x';
            sec = SEC_INPUT;
        } else if (strcmp(line, ">>>") == 0 && sec != SEC_ERRS) {
            sec = SEC_EXPECT;
        } else if (strncmp(line, "!!!", 3) == 0) {
            c.status = line[3] ? atoi(line + 3) : 1;
            sec = SEC_ERRS;
        } else if (sec == SEC_INPUT) {
            add_input_line(&c, line, len);
        } else if (sec == SEC_EXPECT) {
            buf_append(&c.expect, line, len);
            buf_putc(&c.expect, '\n');
        } else if (sec == SEC_ERRS) {
            buf_append(&c.errs, line, len);
            buf_putc(&c.errs, '\n');
        }
    }
    free(line);
    case_free(&c);
    fclose(f);
    return 0;
}

int cmd_test(int argc, char **argv, cli_io *io)
{
    if (argc < 2) {
        fprintf(io->err, "usage: khaldun test FILE.test...\n");
        return 2;
    }
    int passed = 0, failed = 0, missing = 0;
    for (int k = 1; k < argc; k++) {
        if (run_file(argv[k], io->out, &passed, &failed) != 0) {
            fprintf(io->err, "khaldun test: %s: cannot read\n", argv[k]);
            missing++;
        }
    }
    fprintf(io->out, "%d passed, %d failed\n", passed, failed);
    return (failed || missing) ? 1 : 0;
}
