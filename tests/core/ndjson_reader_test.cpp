// NdjsonReader: one object per line, LF or CRLF, blank lines, every record and file-level
// rule, the same results whatever the chunking, and bounded memory on a huge line.
#include "batch/ndjson_reader.h"

#include <catch2/catch.hpp>

#include "../fuzz/reader_run.h"

using namespace edgetally;
using namespace edgetally::test;
using namespace std::literals;

namespace {

ReaderRun Ndjson(std::string_view input, NdjsonOptions options = {}) {
  return ReadAll<NdjsonReader>(input, options);
}

const std::string_view kSamples[] = {
    "{\"a\":1}\n{\"b\":\"x\\ny\"}\r\n\n  \t\r\n {\"c\":[1,{}]} \n{}"sv,
    "\xEF\xBB\xBF{\"a\":1}\n"sv,
    "{\"a\":1}\n{\"a\":}\n[1]\n2\n\"s\"\nnull\n{\"a\":1} x\n{\"ok\":true}\n"sv,
    "{\"a\":\"\xFF\"}\n{\"b\":\"\xC3\xA9\"}\n"sv,
    "{\"a\":\"0123456789\"}\n{\"b\":1}\r\n{\"c\":\"01234567\"}\r\n"sv,
    "{\"a\":1}\n{\"b\":\0}\n"sv,
    ""sv,
    "\xEF\xBB\xBF"sv,
    "\n \r\n\t\n"sv,
    "{\"a\":1}\r"sv,
};

}  // namespace

TEST_CASE("ndjson reads one object per line with LF, CRLF and blank lines", "[ndjson]") {
  NdjsonReader reader;
  ReaderRun run = RunReader(reader, kSamples[0]);
  REQUIRE(run.status.ok());
  CHECK(run.records == Rows{{"{\"a\":1}"}, {"{\"b\":\"x\\ny\"}"}, {" {\"c\":[1,{}]} "}, {"{}"}});
  CHECK(run.lines == std::vector<int64_t>{1, 2, 5, 6});
  CHECK(run.errors.empty());
  CHECK(reader.bytes_consumed() == static_cast<int64_t>(kSamples[0].size()));
  CHECK(Ndjson(kSamples[1]).records == Rows{{"{\"a\":1}"}});  // BOM skipped
  CHECK(Ndjson(kSamples[9]).records == Rows{{"{\"a\":1}"}});  // a CR at the end
}

TEST_CASE("ndjson reports invalid JSON and non-objects with their lines", "[ndjson][bad-input]") {
  ReaderRun run = Ndjson(kSamples[2]);
  REQUIRE(run.status.ok());
  CHECK(Rules(run) == std::vector<std::string>{"invalid_json", "not_an_object", "not_an_object",
                                               "not_an_object", "not_an_object", "invalid_json"});
  CHECK(run.errors[0].index == 1);
  CHECK(run.errors[0].line == 2);
  CHECK(run.errors[0].message.find("line 2") != std::string::npos);
  CHECK(run.errors[1].message.find("an array") != std::string::npos);
  CHECK(run.errors[5].line == 7);
  CHECK(run.records == Rows{{"{\"a\":1}"}, {"{\"ok\":true}"}});
  CHECK(run.lines == std::vector<int64_t>{1, 8});
}

TEST_CASE("ndjson reports invalid UTF-8", "[ndjson][bad-input]") {
  ReaderRun run = Ndjson(kSamples[3]);
  REQUIRE(run.errors.size() == 1);
  CHECK(run.errors[0].rule == "invalid_utf8");
  CHECK(run.records == Rows{{"{\"b\":\"\xC3\xA9\"}"}});
}

TEST_CASE("ndjson skips a line over max_record_bytes", "[ndjson][bad-input]") {
  NdjsonOptions options;
  options.max_record_bytes = 16;  // the third line is 16 bytes before its CRLF
  ReaderRun run = Ndjson(kSamples[4], options);
  REQUIRE(run.status.ok());
  REQUIRE(run.errors.size() == 1);
  CHECK(run.errors[0].rule == "record_too_large");
  CHECK(run.errors[0].line == 1);
  CHECK(run.records == Rows{{"{\"b\":1}"}, {"{\"c\":\"01234567\"}"}});
  CHECK(run.lines == std::vector<int64_t>{2, 3});
}

TEST_CASE("ndjson skips a 10 MB line without holding it", "[ndjson][bad-input][memory]") {
  std::string input = "{\"a\":\"" + std::string(10 << 20, 'x') + "\"}\n{\"b\":2}\n";
  for (size_t chunk : {size_t{0}, size_t{65536}}) {
    NdjsonReader reader;
    ReaderRun run =
        RunReader(reader, input, chunk ? std::vector<size_t>{chunk} : std::vector<size_t>{});
    REQUIRE(run.errors.size() == 1);
    CHECK(run.errors[0].rule == "record_too_large");
    CHECK(run.records == Rows{{"{\"b\":2}"}});
    CHECK(reader.buffered_bytes_high_water() < (5u << 20));
  }
}

TEST_CASE("ndjson refuses binary data and empty input", "[ndjson][bad-input]") {
  ReaderRun binary = Ndjson(kSamples[5]);
  CHECK(binary.records == Rows{{"{\"a\":1}"}});
  CHECK(FileRule(binary) == "binary_data");
  CHECK(binary.status.details()["line"] == 2);
  for (std::string_view empty : {kSamples[6], kSamples[7], kSamples[8]}) {
    INFO(Quoted(empty));
    CHECK(FileRule(Ndjson(empty)) == "empty_input");
  }
}

TEST_CASE("ndjson results do not depend on the chunking", "[ndjson][chunks]") {
  for (std::string_view input : kSamples) {
    NdjsonOptions options;
    options.max_record_bytes = 16;
    INFO(Quoted(input));
    CHECK(FirstChunkingDifference([&] { return NdjsonReader(options); }, input, 17) == 0);
    CHECK(FirstChunkingDifference([] { return NdjsonReader(); }, input, 17) == 0);
  }
}
