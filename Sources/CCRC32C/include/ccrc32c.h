#ifndef CCRC32C_H
#define CCRC32C_H

#include <stddef.h>
#include <stdint.h>

/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78) of `count` bytes, continuing from `crc`
/// (0 to start): the SSE4.2 `crc32` instruction where the running CPU has it, otherwise slicing-by-8.
uint32_t hvlog_crc32c(uint32_t crc, const void *bytes, size_t count);

/// The table-driven computation alone (the reference the instruction path is tested against).
uint32_t hvlog_crc32c_software(uint32_t crc, const void *bytes, size_t count);

#endif
