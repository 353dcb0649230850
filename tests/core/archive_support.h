// Helpers for the archival tests: the core has no zlib, so these tests wrap prepared NDJSON
// in a gzip member of stored (uncompressed) deflate blocks, which is valid gzip (RFC 1951
// 3.2.4) with the same trailer a real compressor writes, and unwrap it again to read a chunk.
#pragma once

#include <cstdint>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "archive/gzip_check.h"
#include "engine/engine.h"

namespace edgetally::test {

// The archival tests' clock: a day in ms, and the instant they call now.
constexpr int64_t kDay = 86400000;
constexpr int64_t kNow = 1767225600000;  // 2026-01-01T00:00:00Z

inline void AppendLe32(std::string* out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>(v >> (8 * i)));
}

inline std::string GzipStored(const std::string& data) {
  std::string out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);
  size_t at = 0;
  do {
    size_t n = std::min<size_t>(65535, data.size() - at);
    out.push_back(at + n == data.size() ? 1 : 0);
    out.push_back(static_cast<char>(n & 0xff));
    out.push_back(static_cast<char>(n >> 8));
    out.push_back(static_cast<char>(~n & 0xff));
    out.push_back(static_cast<char>((~n >> 8) & 0xff));
    out.append(data, at, n);
    at += n;
  } while (at < data.size());
  AppendLe32(&out, Crc32(data));
  AppendLe32(&out, static_cast<uint32_t>(data.size()));
  return out;
}

inline std::string GunzipStored(const std::string& gz) {
  std::string out;
  size_t at = 10;
  for (;;) {
    bool last = gz[at] & 1;
    size_t n = static_cast<unsigned char>(gz[at + 1]) | static_cast<unsigned char>(gz[at + 2]) << 8;
    out.append(gz, at + 5, n);
    at += 5 + n;
    if (last) return out;
  }
}

// The commit payload: the prepared descriptor's line (with the run's `finish`, when given),
// then the gzip bytes.
inline std::string CommitPayload(const nlohmann::json& prepared, const std::string& gzip,
                                 const nlohmann::json& finish = nullptr) {
  nlohmann::json header = {{"groupId", prepared["groupId"]}, {"range", prepared["range"]}, {"events", prepared["events"]},
                           {"ndjsonBytes", prepared["ndjsonBytes"]}, {"crc32", prepared["crc32"]}};
  if (!finish.is_null()) header["finish"] = finish;
  return header.dump() + "\n" + gzip;
}

// Prepares and commits the group's next chunk; returns the chunk, or null when none is left.
// With `finish` ({archived, reclaimPages}), the group's last chunk commits with it (the run's
// end in the same transaction, as the JS runner does).
inline Result<nlohmann::json> ArchiveOnce(Engine& engine, nlohmann::json args, const nlohmann::json& finish = nullptr) {
  ET_ASSIGN_OR_RETURN(nlohmann::json prepared, engine.Call("archivePrepare", args));
  std::optional<std::string> ndjson = engine.TakeResultBytes();
  if (prepared["events"] == 0) return nlohmann::json(nullptr);
  REQUIRE(ndjson);
  nlohmann::json last = finish.is_null() || prepared["more"] == true ? nlohmann::json(nullptr) : finish;
  return engine.CallText("archiveCommit", CommitPayload(prepared, GzipStored(*ndjson), last));
}

// Archives until nothing older than the cutoff is left; returns the chunks.
inline nlohmann::json ArchiveAll(Engine& engine, const nlohmann::json& args) {
  nlohmann::json chunks = nlohmann::json::array();
  for (;;) {
    Result<nlohmann::json> chunk = ArchiveOnce(engine, args);
    INFO(chunk.status().ToString());
    REQUIRE(chunk.ok());
    if (chunk.value().is_null()) return chunks;
    chunks.push_back(chunk.value());
  }
}

}  // namespace edgetally::test
