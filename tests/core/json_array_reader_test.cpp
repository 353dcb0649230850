// JsonArrayReader: elements split across chunks by string, escape and depth state, every record
// and file-level rule, the same results whatever the chunking, and bounded memory.
#include "batch/json_array_reader.h"

#include <catch2/catch.hpp>

#include "../fuzz/reader_run.h"

using namespace edgetally;
using namespace edgetally::test;
using namespace std::literals;

namespace {

ReaderRun JsonArray(std::string_view input, JsonArrayOptions options = {}) {
  return ReadAll<JsonArrayReader>(input, options);
}

const std::string_view kSamples[] = {
    "[{\"a\":1}, {\"b\":[1,2,{\"c\":\"],{\"}]},\n  {\"d\":\"x\\\"],\\\\\"}\n]\n"sv,
    "\xEF\xBB\xBF [\r\n{\"a\":\r\n1}\r\n,{}]"sv,
    "[1, \"s\", [], null, {\"a\":}, {\"a\":1} {}, {\"ok\":1}]"sv,
    "[{\"a\":\"\xFF\"}, {\"b\":\"\xC3\xA9\"}]"sv,
    "[,{},,{}]"sv,
    "[{},]"sv,
    "[]"sv,
    " [ \n ] \n"sv,
    "{\"a\":1}"sv,
    "[{\"a\":1},"sv,
    "[{\"a\":1}, {\"b\":\"x]"sv,
    "[{\"a\":1}] x"sv,
    "[{\"a\":1}]]"sv,
    "[{\"a\":\"0123456789012\"},{\"b\":1}]"sv,
    "[{\"a\":1},\n{\"b\":\0}]"sv,
    ""sv,
    "\xEF\xBB\xBF \n"sv,
    "[{\"a\":1}}, {\"b\":2}]"sv,
};

}  // namespace

TEST_CASE("json array splits elements by strings, escapes and depth", "[json-array]") {
  JsonArrayReader reader;
  ReaderRun run = RunReader(reader, kSamples[0]);
  REQUIRE(run.status.ok());
  CHECK(run.records ==
        Rows{{"{\"a\":1}"}, {"{\"b\":[1,2,{\"c\":\"],{\"}]}"}, {"{\"d\":\"x\\\"],\\\\\"}"}});
  CHECK(run.lines == std::vector<int64_t>{1, 1, 2});
  CHECK(reader.bytes_consumed() == static_cast<int64_t>(kSamples[0].size()));
  ReaderRun crlf = JsonArray(kSamples[1]);
  REQUIRE(crlf.status.ok());
  CHECK(crlf.records == Rows{{"{\"a\":\r\n1}"}, {"{}"}});
  CHECK(crlf.lines == std::vector<int64_t>{2, 4});
}

TEST_CASE("json array reports non-objects and invalid elements and goes on",
          "[json-array][bad-input]") {
  ReaderRun run = JsonArray(kSamples[2]);
  REQUIRE(run.status.ok());
  CHECK(Rules(run) == std::vector<std::string>{"not_an_object", "not_an_object", "not_an_object",
                                               "not_an_object", "invalid_json", "invalid_json"});
  CHECK(run.errors[4].index == 4);
  CHECK(run.records == Rows{{"{\"ok\":1}"}});
  ReaderRun utf8 = JsonArray(kSamples[3]);
  REQUIRE(utf8.errors.size() == 1);
  CHECK(utf8.errors[0].rule == "invalid_utf8");
  CHECK(utf8.records == Rows{{"{\"b\":\"\xC3\xA9\"}"}});
  ReaderRun stray = JsonArray(kSamples[17]);  // a '}' too many stays inside its element
  REQUIRE(stray.errors.size() == 1);
  CHECK(stray.records == Rows{{"{\"b\":2}"}});
}

TEST_CASE("json array: empty elements are record errors; [] is empty", "[json-array]") {
  ReaderRun commas = JsonArray(kSamples[4]);
  REQUIRE(commas.status.ok());
  REQUIRE(commas.errors.size() == 2);
  CHECK(commas.errors[0].index == 0);
  CHECK(commas.errors[1].index == 2);
  CHECK(commas.records == Rows{{"{}"}, {"{}"}});
  ReaderRun trailing = JsonArray(kSamples[5]);
  REQUIRE(trailing.errors.size() == 1);
  CHECK(trailing.errors[0].rule == "invalid_json");
  CHECK(trailing.errors[0].index == 1);
  for (std::string_view empty : {kSamples[6], kSamples[7]}) {
    ReaderRun run = JsonArray(empty);
    CHECK(run.status.ok());
    CHECK(run.records.empty());
    CHECK(run.errors.empty());
  }
}

TEST_CASE("json array file-level errors", "[json-array][bad-input]") {
  CHECK(FileRule(JsonArray(kSamples[8])) == "not_an_array");
  ReaderRun open = JsonArray(kSamples[9]);
  CHECK(open.records == Rows{{"{\"a\":1}"}});
  CHECK(FileRule(open) == "unterminated_array");
  ReaderRun in_string = JsonArray(kSamples[10]);
  CHECK(FileRule(in_string) == "unterminated_array");
  CHECK(in_string.status.message().find("element starting on line 1") != std::string::npos);
  CHECK(FileRule(JsonArray(kSamples[11])) == "trailing_data");
  CHECK(FileRule(JsonArray(kSamples[12])) == "trailing_data");
  ReaderRun binary = JsonArray(kSamples[14]);
  CHECK(FileRule(binary) == "binary_data");
  CHECK(binary.status.details()["line"] == 2);
  CHECK(binary.records == Rows{{"{\"a\":1}"}});
  CHECK(FileRule(JsonArray(kSamples[15])) == "empty_input");
  CHECK(FileRule(JsonArray(kSamples[16])) == "empty_input");
}

TEST_CASE("json array skips an element over max_record_bytes", "[json-array][bad-input]") {
  JsonArrayOptions options;
  options.max_record_bytes = 16;
  ReaderRun run = JsonArray(kSamples[13], options);
  REQUIRE(run.status.ok());
  REQUIRE(run.errors.size() == 1);
  CHECK(run.errors[0].rule == "record_too_large");
  CHECK(run.records == Rows{{"{\"b\":1}"}});

  std::string huge = "[{\"a\":[\"" + std::string(10 << 20, ',') + "\"]},\n{\"b\":2}]";
  for (size_t chunk : {size_t{0}, size_t{65536}}) {
    JsonArrayReader reader;
    ReaderRun big =
        RunReader(reader, huge, chunk ? std::vector<size_t>{chunk} : std::vector<size_t>{});
    REQUIRE(big.status.ok());
    REQUIRE(big.errors.size() == 1);
    CHECK(big.errors[0].rule == "record_too_large");
    CHECK(big.records == Rows{{"{\"b\":2}"}});
    CHECK(big.lines == std::vector<int64_t>{2});
    CHECK(reader.buffered_bytes_high_water() < (5u << 20));
  }
}

TEST_CASE("json array results do not depend on the chunking", "[json-array][chunks]") {
  for (std::string_view input : kSamples) {
    JsonArrayOptions options;
    options.max_record_bytes = 16;
    INFO(Quoted(input));
    CHECK(FirstChunkingDifference([&] { return JsonArrayReader(options); }, input, 17) == 0);
    CHECK(FirstChunkingDifference([] { return JsonArrayReader(); }, input, 17) == 0);
  }
}

TEST_CASE("json array passes a callback's failure through", "[json-array]") {
  JsonArrayReader reader;
  auto on_record = [](const JsonRecord&) { return Status(ErrorCode::InvalidArgument, "stop"); };
  auto on_error = [](const RecordError&) { return Status::Ok(); };
  CHECK(reader.Feed("[{}, {}]", on_record, on_error).message() == "stop");
  CHECK(reader.Finish(on_record, on_error).message() == "stop");
}
