#include "ccrc32c.h"
#include <string.h>

/// Table k gives the CRC contribution of a byte k positions before the end of an 8-byte group.
static uint32_t tables[8][256];
/// Set once, before main, by choose_implementation.
static int hardware;

static void build_tables(void) {
    for (uint32_t byte = 0; byte < 256; byte++) {
        uint32_t crc = byte;
        for (int bit = 0; bit < 8; bit++) crc = (crc & 1) ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
        tables[0][byte] = crc;
    }
    for (int slice = 1; slice < 8; slice++)
        for (int byte = 0; byte < 256; byte++) {
            uint32_t previous = tables[slice - 1][byte];
            tables[slice][byte] = tables[0][previous & 0xFF] ^ (previous >> 8);
        }
}

__attribute__((constructor)) static void choose_implementation(void) {
    build_tables();
#if defined(__x86_64__)
    __builtin_cpu_init();
    hardware = __builtin_cpu_supports("sse4.2");
#endif
}

uint32_t hvlog_crc32c_software(uint32_t crc, const void *bytes, size_t count) {
    const unsigned char *p = bytes;
    uint32_t state = ~crc;
    while (count >= 8) {
        uint64_t word;
        memcpy(&word, p, 8);  /* little-endian load: hvlog runs on x86-64 and ARM64 */
        word ^= state;
        state = tables[7][word & 0xFF] ^ tables[6][(word >> 8) & 0xFF] ^ tables[5][(word >> 16) & 0xFF]
              ^ tables[4][(word >> 24) & 0xFF] ^ tables[3][(word >> 32) & 0xFF] ^ tables[2][(word >> 40) & 0xFF]
              ^ tables[1][(word >> 48) & 0xFF] ^ tables[0][word >> 56];
        p += 8;
        count -= 8;
    }
    while (count-- > 0) state = tables[0][(state ^ *p++) & 0xFF] ^ (state >> 8);
    return ~state;
}

#if defined(__x86_64__)
#include <nmmintrin.h>

__attribute__((target("sse4.2")))
static uint32_t crc32c_instruction(uint32_t crc, const unsigned char *p, size_t count) {
    uint64_t state = ~crc;
    uint64_t word[4];
    while (count >= 32) {  /* four words per round: fewer loop instructions per byte */
        memcpy(word, p, 32);
        state = _mm_crc32_u64(state, word[0]);
        state = _mm_crc32_u64(state, word[1]);
        state = _mm_crc32_u64(state, word[2]);
        state = _mm_crc32_u64(state, word[3]);
        p += 32;
        count -= 32;
    }
    while (count >= 8) {
        memcpy(word, p, 8);
        state = _mm_crc32_u64(state, word[0]);
        p += 8;
        count -= 8;
    }
    uint32_t state32 = (uint32_t)state;
    if (count >= 4) {  /* the rest, at most 7 bytes: 4, 2 and 1 at a time */
        uint32_t four;
        memcpy(&four, p, 4);
        state32 = _mm_crc32_u32(state32, four);
        p += 4;
        count -= 4;
    }
    if (count >= 2) {
        uint16_t two;
        memcpy(&two, p, 2);
        state32 = _mm_crc32_u16(state32, two);
        p += 2;
        count -= 2;
    }
    if (count > 0) state32 = _mm_crc32_u8(state32, *p);
    return ~state32;
}
#endif

uint32_t hvlog_crc32c(uint32_t crc, const void *bytes, size_t count) {
#if defined(__x86_64__)
    if (hardware) return crc32c_instruction(crc, bytes, count);
#endif
    return hvlog_crc32c_software(crc, bytes, count);
}
