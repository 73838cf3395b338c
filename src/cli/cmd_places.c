/*
 * cmd_places.c - `khaldun places`: every place-name mention of every
 * document, resolved with the gazetteer (geo/geo.h), one JSON object per
 * line (../shared/contract/README.md): doc_id, start and end (code points
 * into the document), text, name, country (ISO 3166-1 alpha-3), lat, lon,
 * geonameid (null for the project's own additions); and, to show why:
 * sentence, kind (country, region, city, landmark ...), how (name, demonym,
 * capital: "Iraq's capital"), metonym (the name acts as an actor:
 * "Washington attributes ..."), and the document's focus.
 *
 * Also the shared part of `khaldun code`'s locations: finding the
 * gazetteer (--gazetteer, $KHALDUN_GAZETTEER, DATA/gazetteer.bin) and
 * writing a place as JSON.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "geo/geo.h"

int geo_open_for(gaz *g, const char *opt, const char *data_dir, int missing_ok, int note, cli_io *io)
{
    buf path = BUF_INIT, err = BUF_INIT;
    const char *env = getenv("KHALDUN_GAZETTEER");
    if (opt)
        buf_puts(&path, opt);
    else if (env && *env)
        buf_puts(&path, env);
    else
        buf_printf(&path, "%s/gazetteer.bin", data_dir);
    int rc = 0;
    if (!path.p) {
        rc = -1;
    } else if (!opt && missing_ok && access(path.p, F_OK) != 0) {
        if (note)
            fprintf(io->err, "khaldun: no gazetteer at %s; events get no location (`make gazetteer` builds it)\n",
                    path.p);
        rc = 1;
    } else if (gaz_open(g, path.p, &err) != 0) {
        fprintf(io->err, "khaldun: %s\n", err.p ? err.p : "cannot read the gazetteer");
        rc = -1;
    }
    buf_free(&path);
    buf_free(&err);
    return rc;
}

void geo_write_place(buf *b, const gaz *g, int32_t place)
{
    const gaz_place *p = &g->places[place];
    json_key(b, "name");
    json_cstr(b, gaz_str(g, p->name));
    buf_putc(b, ',');
    json_key(b, "country");
    json_cstr(b, p->country[0] ? p->country : NULL);
    buf_printf(b, ",\"lat\":%.5f,\"lon\":%.5f,", gaz_lat(p), gaz_lon(p));
    json_key(b, "geonameid");
    if (p->geonameid)
        json_uint(b, p->geonameid);
    else
        buf_puts(b, "null");
}

typedef struct places_run {
    const char *gaz_opt;
    int brief;
    gaz g;
    int loaded, failed;
    geo_doc gd;
    unsigned long mentions;
} places_run;

static int places_sentence(doc_loop *L, const doc *d, uint32_t index, const word *w, const uint8_t *pos, uint32_t n,
                           const actor *actors, uint32_t nactors, arena *scratch, void *ctx)
{
    places_run *p = ctx;
    actors_run *r = L->ud;
    (void)d;
    if (!p->loaded) {
        p->loaded = 1;
        p->failed = geo_open_for(&p->g, p->gaz_opt, L->kh->data_dir, 0, 0, L->io) != 0;
    }
    if (p->failed || !n)
        return 0;
    const char **rel = arena_alloc(scratch, (size_t)n * sizeof *rel);
    if (!rel)
        return -1;
    for (uint32_t k = 0; k < n; k++)
        rel[k] = !L->kh->syn.has_parser ? NULL : w[k].head < 0 ? "root" : parser_label(&L->kh->syn.parser, w[k].deprel);
    return geo_sentence(&p->g, r->failed ? NULL : &r->lx, index, w, pos, (const char *const *)rel, n, actors, nactors,
                        &p->gd);
}

static const char *const how_names[] = {"name", "demonym", "capital", "near"};

static int places_document_end(doc_loop *L, const doc *d, void *ctx)
{
    places_run *p = ctx;
    if (p->failed) {
        geo_doc_reset(&p->gd);
        return 0;
    }
    geo_resolve(&p->g, &p->gd);
    int32_t focus = geo_focus(&p->g, &p->gd);
    for (uint32_t k = 0; k < p->gd.n; k++) {
        const geo_mention *m = &p->gd.m[k];
        if (m->place < 0)
            continue;
        size_t bs = doc_byte_at(d, m->start), be = doc_byte_at(d, m->end);
        const gaz_place *gp = &p->g.places[m->place];
        p->mentions++;
        if (p->brief) {
            buf_append(&L->out, d->text + bs, be - bs);
            buf_printf(&L->out, " -> %s, %s (%s%s%s) %.4f %.4f%s\n", gaz_str(&p->g, gp->name), gp->country,
                       gaz_kind_name(gp->kind), m->how ? ", " : "", m->how ? how_names[m->how] : "", gaz_lat(gp),
                       gaz_lon(gp), m->metonym ? " metonym" : "");
            continue;
        }
        json_open_sentence(&L->out, d, m->sent);
        json_key(&L->out, "start");
        json_uint(&L->out, m->start);
        buf_putc(&L->out, ',');
        json_key(&L->out, "end");
        json_uint(&L->out, m->end);
        buf_putc(&L->out, ',');
        json_key(&L->out, "text");
        json_str(&L->out, d->text + bs, be - bs);
        buf_putc(&L->out, ',');
        geo_write_place(&L->out, &p->g, m->place);
        buf_putc(&L->out, ',');
        json_key(&L->out, "kind");
        json_cstr(&L->out, gaz_kind_name(gp->kind));
        buf_putc(&L->out, ',');
        json_key(&L->out, "how");
        json_cstr(&L->out, how_names[m->how]);
        buf_printf(&L->out, ",\"metonym\":%s,\"focus\":%s}\n", m->metonym ? "true" : "false",
                   (int32_t)k == focus ? "true" : "false");
    }
    geo_doc_reset(&p->gd);
    return p->gd.oom ? -1 : 0;
}

int cmd_places(int argc, char **argv, cli_io *io)
{
    places_run p = {0};
    actors_run r = {0};
    doc_loop L = {0};
    opt_spec specs[] = {DOC_LOOP_OPTIONS(L), DICT_OPTIONS(r.dict),
                        {"gazetteer", OPT_STRING, &p.gaz_opt, "the gazetteer file (default: $KHALDUN_GAZETTEER or DATA/gazetteer.bin)"},
                        {"brief", OPT_FLAG, &p.brief, "one line per place: TEXT -> NAME, COUNTRY (kind) LAT LON"},
                        {NULL, OPT_FLAG, NULL, NULL}};
    r.on_sentence = places_sentence;
    r.on_document_end = places_document_end;
    r.ctx = &p;
    int rc = actors_command(&L, &r, specs, "khaldun places [options] [FILE|-]...", argc, argv, io);
    if (p.failed)
        rc = 1;
    else if (L.stats && rc != 2)
        fprintf(io->err, "khaldun: %lu place mentions\n", p.mentions);
    actors_done(&r);
    if (p.loaded && !p.failed)
        gaz_close(&p.g);
    geo_doc_free(&p.gd);
    return rc;
}
