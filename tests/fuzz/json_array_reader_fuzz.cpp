// Fuzz target for JsonArrayReader: any bytes, read whole and in chunks, must give the same
// records and errors, in bounded memory (see differential.h).
#include <cstddef>
#include <cstdint>

#include "batch/json_array_reader.h"
#include "differential.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  edgetally::test::CheckJsonReader<edgetally::JsonArrayReader, edgetally::JsonArrayOptions>(input);
  return 0;
}
