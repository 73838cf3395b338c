/*
 * fuzz_gaz.c - libFuzzer harness for the gazetteer's readers of outside
 * input: the file loader's checks (geo/gaz.h: a payload of arbitrary
 * bytes, then look-ups in what was accepted), the name keys, and the
 * additions' line format (geo/gazbuild.h).  A refusal must say why; an
 * accepted file must answer look-ups within its bounds.
 *
 * Seeds: corpus/gaz/tiny.bin is the payload of the gazetteer built from
 * tests/geo (the file minus its 40-byte container header); the others are
 * lines of additions.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "geo/gaz.h"
#include "geo/gazbuild.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint64_t *copy = malloc(size / 8 * 8 + 8); /* aligned, as a mapped file is */
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    buf err = BUF_INIT;
    gaz g;
    if (gaz_from_payload(&g, copy, size, &err) == 0) {
        static const char *const names[] = {"baghdad", "faluja", "northbrook", "", "zz"};
        for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
            uint32_t first, n = gaz_lookup(&g, names[k], &first);
            for (uint32_t j = 0; j < n; j++) {
                const gaz_place *p = &g.places[g.names[first + j].place & ~GAZ_ALT];
                if (strlen(gaz_str(&g, p->name)) >= g.nstrings || p->parent > g.nplaces)
                    abort();
            }
        }
        for (uint32_t k = 0; k < g.ncountries; k++)
            (void)gaz_country(&g, g.places[k].country);
    } else if (!err.p) {
        abort(); /* every refusal says why */
    }
    char key[GAZ_KEY_MAX];
    size_t kl = gaz_key((const char *)data, size, key, sizeof key);
    if (kl >= sizeof key || (kl && strlen(key) != kl))
        abort();
    char *line = malloc(size + 1);
    if (line) {
        memcpy(line, data, size);
        line[size] = '\0';
        gaz_addition a;
        const char *why = NULL;
        int r = gaz_parse_addition(line, &a, &why);
        if (r < 0 && !why)
            abort();
        if (r > 0 && (a.nnames == 0 || a.kind == 0 || a.kind >= GK_NKINDS || a.lat < -90 || a.lat > 90))
            abort();
        free(line);
    }
    buf_free(&err);
    free(copy);
    return 0;
}
