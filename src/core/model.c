/*
 * model.c - model files: checks, read-only mapping, atomic writing.
 */
#include "core/model.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static const char MAGIC[8] = {'K', 'H', 'A', 'L', 'D', 'U', 'N', '\0'};

static uint64_t read_u64(const unsigned char *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
#else
    uint64_t v = 0;
    for (int k = 7; k >= 0; k--)
        v = (v << 8) | p[k];
    return v;
#endif
}

static uint32_t read_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put_u64(unsigned char *p, uint64_t v)
{
    for (int k = 0; k < 8; k++)
        p[k] = (unsigned char)(v >> (8 * k));
}

static void put_u32(unsigned char *p, uint32_t v)
{
    for (int k = 0; k < 4; k++)
        p[k] = (unsigned char)(v >> (8 * k));
}

uint64_t model_checksum(const void *data, size_t n)
{
    /* four independent lanes of 8 bytes, so the multiplications overlap */
    const unsigned char *p = data;
    uint64_t h[4] = {0x9E3779B97F4A7C15ull ^ n, 0xC2B2AE3D27D4EB4Full, 0x165667B19E3779F9ull,
                     0x85EBCA77C2B2AE63ull};
    size_t k = 0;
    for (; k + 32 <= n; k += 32)
        for (int lane = 0; lane < 4; lane++) {
            h[lane] ^= read_u64(p + k + 8 * (size_t)lane);
            h[lane] *= 0xFF51AFD7ED558CCDull;
            h[lane] ^= h[lane] >> 29;
        }
    uint64_t r = h[0] ^ (h[1] * 3) ^ (h[2] * 5) ^ (h[3] * 7);
    for (; k < n; k++)
        r = (r ^ p[k]) * 0x100000001B3ull;
    return r ^ (r >> 32);
}

int model_check(const void *bytes, size_t n, const char *kind, const void **payload,
                size_t *payload_size, buf *err)
{
    const unsigned char *b = bytes;
    if (n < MODEL_HEADER_SIZE || memcmp(b, MAGIC, sizeof MAGIC) != 0) {
        buf_puts(err, n < MODEL_HEADER_SIZE ? "too short to be a khaldun model" : "not a khaldun model file");
        return -1;
    }
    uint32_t version = read_u32(b + 8);
    if (version != MODEL_VERSION) {
        buf_printf(err, "model format version %u, this khaldun reads version %u", version, MODEL_VERSION);
        return -1;
    }
    char file_kind[13];
    memcpy(file_kind, b + 12, 12);
    file_kind[12] = '\0';
    if (strcmp(file_kind, kind) != 0) {
        buf_printf(err, "a \"%s\" model where a \"%s\" model was expected", file_kind, kind);
        return -1;
    }
    uint64_t size = read_u64(b + 24);
    if (size != n - MODEL_HEADER_SIZE) {
        buf_printf(err, "truncated or padded: the header announces %llu payload bytes, the file has %zu",
                   (unsigned long long)size, n - MODEL_HEADER_SIZE);
        return -1;
    }
    if (model_checksum(b + MODEL_HEADER_SIZE, (size_t)size) != read_u64(b + 32)) {
        buf_puts(err, "checksum mismatch: the file is corrupt");
        return -1;
    }
    *payload = b + MODEL_HEADER_SIZE;
    *payload_size = (size_t)size;
    return 0;
}

int model_map(model_file *m, const char *path, const char *kind, buf *err)
{
    return model_map_as(m, path, kind, "make model", err);
}

int model_map_as(model_file *m, const char *path, const char *kind, const char *rebuild, buf *err)
{
    memset(m, 0, sizeof *m);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        buf_printf(err, "%s: cannot open: %s", path, fd < 0 ? strerror(errno) : "not a regular file");
        if (fd >= 0)
            close(fd);
        return -1;
    }
    size_t n = (size_t)st.st_size;
    void *map = n ? mmap(NULL, n, PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
    int saved = errno;
    close(fd);
    if (map == MAP_FAILED) {
        buf_printf(err, "%s: %s", path, n ? strerror(saved) : "empty file");
        return -1;
    }
    buf why = BUF_INIT;
    if (model_check(map, n, kind, &m->payload, &m->payload_size, &why) != 0) {
        buf_printf(err, "%s: %s; rebuild it with `%s`", path, why.p ? why.p : "invalid", rebuild);
        buf_free(&why);
        munmap(map, n);
        return -1;
    }
    buf_free(&why);
    m->map = map;
    m->map_size = n;
    return 0;
}

void model_unmap(model_file *m)
{
    if (m->map)
        munmap(m->map, m->map_size);
    memset(m, 0, sizeof *m);
}

int model_write(const char *path, const char *kind, const void *payload, size_t n, buf *err)
{
    unsigned char head[MODEL_HEADER_SIZE] = {0};
    memcpy(head, MAGIC, sizeof MAGIC);
    put_u32(head + 8, MODEL_VERSION);
    strncpy((char *)head + 12, kind, 11);
    put_u64(head + 24, n);
    put_u64(head + 32, model_checksum(payload, n));
    buf tmp = BUF_INIT;
    buf_printf(&tmp, "%s.tmp", path);
    FILE *f = tmp.p ? fopen(tmp.p, "wb") : NULL;
    int ok = f && fwrite(head, 1, sizeof head, f) == sizeof head && fwrite(payload, 1, n, f) == n;
    if (f && fclose(f) != 0)
        ok = 0;
    if (ok && rename(tmp.p, path) != 0)
        ok = 0;
    if (!ok) {
        buf_printf(err, "%s: cannot write: %s", path, strerror(errno));
        if (tmp.p)
            remove(tmp.p);
    }
    buf_free(&tmp);
    return ok ? 0 : -1;
}
