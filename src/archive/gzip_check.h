// GzipCheck: what the core can tell about a gzip member without inflating it (the core has no
// zlib; JS compresses with CompressionStream or node:zlib). CRC-32 of the NDJSON is computed
// when a chunk is prepared; at commit the gzip trailer must carry that CRC-32 and the NDJSON's
// length (RFC 1952), so a chunk is stored only if the compressor was fed exactly those bytes.
#pragma once

#include <cstdint>
#include <string_view>

#include "common/status.h"

namespace edgetally {

// CRC-32 (ISO-HDLC, the gzip and zlib one) of `bytes`, continuing from `crc` (0 to start).
uint32_t Crc32(std::string_view bytes, uint32_t crc = 0);

// Ok when `gzip` is one gzip member (magic 1f 8b, method 8) whose trailer says it holds
// `length` bytes with CRC-32 `crc`; else InvalidArgument naming field `field` and the rule
// (gzip_header, gzip_trailer).
Status CheckGzipHolds(std::string_view gzip, uint32_t crc, int64_t length, const char* field);

}  // namespace edgetally
