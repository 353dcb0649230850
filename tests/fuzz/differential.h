// The check every reader fuzz target makes: the input read whole and read in chunks must give
// the same transcript (RunReader), every byte must be counted, and no reader may ever hold more
// than its limits allow. A failed check is a crash (__builtin_trap), which libFuzzer keeps.
// Chunk sizes come from the input's first byte, so the fuzzer explores splits too.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "reader_run.h"

namespace edgetally::test {

// Chunk sizes from a seed byte: a short cycle mixing 1-byte steps with medium and odd sizes.
inline std::vector<size_t> ChunkPlan(uint8_t seed) {
  return {size_t{1} + seed % 5, size_t{1} + seed % 61, size_t{1} + seed / 2, 1};
}

// Traps unless `input` gives the same transcript whole and chunked on two readers from
// make_reader(), each reader's bytes_consumed matches what it was fed on success, and neither
// held more than max_buffered bytes.
template <typename MakeReader>
void CheckChunkingInvariant(const MakeReader& make_reader, std::string_view input,
                            size_t max_buffered) {
  auto whole_reader = make_reader();
  auto chunked_reader = make_reader();
  ReaderRun whole = RunReader(whole_reader, input);
  ReaderRun chunked =
      RunReader(chunked_reader, input, ChunkPlan(input.empty() ? 0 : uint8_t(input[0])));
  if (whole.transcript != chunked.transcript) __builtin_trap();
  for (const auto* reader : {&whole_reader, &chunked_reader}) {
    if (reader->buffered_bytes_high_water() > max_buffered) __builtin_trap();
    if (whole.status.ok() && reader->bytes_consumed() != static_cast<int64_t>(input.size())) {
      __builtin_trap();
    }
  }
}

// The NDJSON and JSON-array targets: the last byte picks small (24 bytes) or default record
// limits, so that "record_too_large" is reachable from short inputs.
template <typename Reader, typename Options>
void CheckJsonReader(std::string_view input) {
  Options options;
  if (!input.empty() && (input.back() & 1)) options.max_record_bytes = 24;
  CheckChunkingInvariant([&] { return Reader(options); }, input, options.max_record_bytes + 1);
}

}  // namespace edgetally::test
