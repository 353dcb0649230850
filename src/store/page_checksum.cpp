// PageChecksum: a two-lane multiply-rotate hash over little-endian 64-bit words with a final
// avalanche; fast enough to run on every page read and write (see the README for its cost).
#include "store/page_checksum.h"

#include <bit>
#include <cstring>

namespace edgetally {

namespace {

static_assert(std::endian::native == std::endian::little, "page checksums assume little-endian");

constexpr uint64_t kMulA = 0x9E3779B185EBCA87ull;
constexpr uint64_t kMulB = 0xC2B2AE3D27D4EB4Full;

uint64_t Load64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

uint64_t Mix(uint64_t lane, uint64_t word) { return std::rotl(lane + word * kMulB, 31) * kMulA; }

uint64_t Avalanche(uint64_t h) {
  h ^= h >> 33;
  h *= kMulB;
  h ^= h >> 29;
  h *= kMulA;
  return h ^ (h >> 32);
}

constexpr const char kMagic[] = "SQLite format 3";

uint32_t BigEndian(const uint8_t* p, int bytes) {
  uint32_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | p[i];
  return v;
}

}  // namespace

uint64_t PageChecksum(const uint8_t* page, int usable, uint32_t page_number) {
  uint64_t a = kMulA ^ page_number;
  uint64_t b = kMulB + static_cast<uint64_t>(usable);
  int i = 0;
  for (; i + 16 <= usable; i += 16) {
    a = Mix(a, Load64(page + i));
    b = Mix(b, Load64(page + i + 8));
  }
  for (; i < usable; ++i) b = Mix(b, page[i]);
  return Avalanche(a ^ std::rotl(b, 17));
}

void StampPage(uint8_t* page, int page_size, uint32_t page_number) {
  uint64_t sum = PageChecksum(page, page_size - kReservedBytes, page_number);
  std::memcpy(page + page_size - kReservedBytes, &sum, sizeof sum);
}

bool PageIntact(const uint8_t* page, int page_size, uint32_t page_number) {
  uint64_t sum = PageChecksum(page, page_size - kReservedBytes, page_number);
  return std::memcmp(page + page_size - kReservedBytes, &sum, sizeof sum) == 0;
}

std::optional<HeaderFacts> ReadHeader(const uint8_t* header, int length) {
  if (length < 100 || std::memcmp(header, kMagic, sizeof kMagic) != 0) return std::nullopt;
  uint32_t page_size = BigEndian(header + 16, 2);
  if (page_size == 1) page_size = 65536;
  if (page_size < 512 || page_size > 65536 || (page_size & (page_size - 1)) != 0) return std::nullopt;
  bool checksummed = header[20] == kReservedBytes &&
                     BigEndian(header + 68, 4) == static_cast<uint32_t>(kApplicationId);
  return HeaderFacts{static_cast<int>(page_size), checksummed};
}

}  // namespace edgetally
