// Fuzz target for CsvReader: any bytes, read whole and in chunks, must give the same records and
// errors, in bounded memory. The last byte picks the options (delimiter, header, small or
// default limits) so that every rule is reachable from short inputs.
#include <cstddef>
#include <cstdint>

#include "batch/csv_reader.h"
#include "differential.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  uint8_t pick = size ? data[size - 1] : 0;
  edgetally::CsvOptions options;
  options.delimiter = ",;\t|"[pick & 3];
  options.has_header = (pick & 4) == 0;
  if (pick & 8) {
    options.max_field_bytes = 8;
    options.max_record_bytes = 32;
    options.max_fields = 5;
  }
  size_t max_buffered = options.max_record_bytes +
                        2 * (options.max_fields + 1) * (sizeof(size_t) + sizeof(std::string_view));
  edgetally::test::CheckChunkingInvariant([&] { return edgetally::CsvReader(options); }, input,
                                          max_buffered);
  return 0;
}
