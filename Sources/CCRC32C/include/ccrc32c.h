#ifndef CCRC32C_H
#define CCRC32C_H

#include <stddef.h>
#include <stdint.h>

/// CRC-32C with the SSE4.2 `crc32` instruction: `state` is the running (inverted) register value.
/// Only call it when hvlog_crc32c_hw_available() is 1.
uint32_t hvlog_crc32c_hw(uint32_t state, const void *bytes, size_t count);

/// 1 when the running CPU has the SSE4.2 CRC-32C instruction.
int hvlog_crc32c_hw_available(void);

#endif
