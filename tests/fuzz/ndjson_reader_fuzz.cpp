// Fuzz target for NdjsonReader: any bytes, read whole and in chunks, must give the same records
// and errors, in bounded memory (see differential.h).
#include <cstddef>
#include <cstdint>

#include "batch/ndjson_reader.h"
#include "differential.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  edgetally::test::CheckJsonReader<edgetally::NdjsonReader, edgetally::NdjsonOptions>(input);
  return 0;
}
