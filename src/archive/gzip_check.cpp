// GzipCheck: a slicing-by-8 CRC-32 and the RFC 1952 header and trailer fields.
#include "archive/gzip_check.h"

#include <array>
#include <string>

namespace edgetally {

namespace {

using Tables = std::array<std::array<uint32_t, 256>, 8>;

Tables MakeTables() {
  Tables t{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    t[0][i] = c;
  }
  for (uint32_t i = 0; i < 256; ++i) {
    for (int s = 1; s < 8; ++s) t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xff];
  }
  return t;
}

uint32_t Le32(const unsigned char* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}

}  // namespace

uint32_t Crc32(std::string_view bytes, uint32_t crc) {
  static const Tables t = MakeTables();
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t n = bytes.size();
  crc = ~crc;
  while (n >= 8) {
    uint32_t lo = Le32(p) ^ crc, hi = Le32(p + 4);
    crc = t[7][lo & 0xff] ^ t[6][(lo >> 8) & 0xff] ^ t[5][(lo >> 16) & 0xff] ^ t[4][lo >> 24] ^
          t[3][hi & 0xff] ^ t[2][(hi >> 8) & 0xff] ^ t[1][(hi >> 16) & 0xff] ^ t[0][hi >> 24];
    p += 8, n -= 8;
  }
  while (n--) crc = t[0][(crc ^ *p++) & 0xff] ^ (crc >> 8);
  return ~crc;
}

Status CheckGzipHolds(std::string_view gzip, uint32_t crc, int64_t length, const char* field) {
  const auto* p = reinterpret_cast<const unsigned char*>(gzip.data());
  if (gzip.size() < 18 || p[0] != 0x1f || p[1] != 0x8b || p[2] != 8) {
    return Status(ErrorCode::InvalidArgument, std::string(field) + " is not gzip data (RFC 1952 member)",
                  {{"field", field}, {"rule", "gzip_header"}});
  }
  const unsigned char* trailer = p + gzip.size() - 8;
  if (Le32(trailer) != crc || Le32(trailer + 4) != static_cast<uint32_t>(length)) {
    return Status(ErrorCode::InvalidArgument,
                  std::string(field) + " does not hold the prepared chunk (its gzip trailer's CRC-32 or length differs)",
                  {{"field", field}, {"rule", "gzip_trailer"}});
  }
  return Status::Ok();
}

}  // namespace edgetally
