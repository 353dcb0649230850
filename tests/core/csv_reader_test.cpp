// CsvReader: RFC 4180 quoting, line ends, BOM, header, every record and file-level rule, the
// same results whatever the chunking, and bounded memory on a huge field.
#include "batch/csv_reader.h"

#include <catch2/catch.hpp>

#include "../fuzz/reader_run.h"

using namespace edgetally;
using namespace edgetally::test;
using namespace std::literals;

namespace {

ReaderRun Csv(std::string_view input, CsvOptions options = {}) {
  return ReadAll<CsvReader>(input, options);
}

// Inputs that exercise every path; the chunking test runs each of them.
const std::string_view kSamples[] = {
    "name,note\n\"a,b\",\"say \"\"hi\"\"\"\n\"multi\nline\",x\nlast,row\n"sv,
    "a,b\r\n1,2\r\n\"x\r\ny\",3\r\n4,\"\"\r\n"sv,
    "a,b\r\n1\r2,3\r"sv,
    "\xEF\xBB\xBFid,name\n1,\xC3\xA9t\xC3\xA9\n"sv,
    "\xEF\xBB"
    "a,b\n1,2\n"sv,
    "a,b\n\n1,2\n\r\n\n3,4"sv,
    "a,b\n1\n1,2,3\n4,5\n"sv,
    "a,b\n\xFF,2\n3,\xE2\x82\n5,6\n"sv,
    "a,b\n\"x\"y,2\n\"q\"\rz,1\n3,4\n"sv,
    "a,b\n1,2\n\"open,\nmore\n"sv,
    "a,b\n1,2\n3\0,4\n"sv,
    "a,b\n12345,x\n\"123\n45\",\"\"\"\"\n1,2\n"sv,
    ""sv,
    "\xEF\xBB\xBF"sv,
    "\n\r\n"sv,
    "a,b\n"sv,
    "x"sv,
};

}  // namespace

TEST_CASE("csv reads quoted fields, doubled quotes and quoted newlines", "[csv]") {
  CsvReader reader;
  ReaderRun run = RunReader(reader, kSamples[0]);
  REQUIRE(run.status.ok());
  CHECK(reader.header() == std::vector<std::string>{"name", "note"});
  CHECK(run.records == Rows{{"a,b", "say \"hi\""}, {"multi\nline", "x"}, {"last", "row"}});
  // The quoted newline keeps its record on line 3; the next record starts on line 5.
  CHECK(run.lines == std::vector<int64_t>{2, 3, 5});
  CHECK(reader.bytes_consumed() == static_cast<int64_t>(kSamples[0].size()));
}

TEST_CASE("csv accepts LF and CRLF; a lone CR is data unless it ends the input", "[csv]") {
  ReaderRun crlf = Csv(kSamples[1]);
  REQUIRE(crlf.status.ok());
  CHECK(crlf.records == Rows{{"1", "2"}, {"x\r\ny", "3"}, {"4", ""}});
  CHECK(crlf.lines == std::vector<int64_t>{2, 3, 5});
  ReaderRun lone = Csv(kSamples[2]);
  REQUIRE(lone.status.ok());
  CHECK(lone.records == Rows{{"1\r2", "3"}});
  CHECK(Csv("a\n\"q\"\r").records == Rows{{"q"}});
}

TEST_CASE("csv skips a BOM at the very start only", "[csv]") {
  CsvReader reader;
  ReaderRun run = RunReader(reader, kSamples[3]);
  REQUIRE(run.status.ok());
  CHECK(reader.header() == std::vector<std::string>{"id", "name"});
  CHECK(run.records == Rows{{"1", "\xC3\xA9t\xC3\xA9"}});
  CsvReader twice;
  REQUIRE(RunReader(twice,
                    "\xEF\xBB\xBF\xEF\xBB\xBF"
                    "a\n")
              .status.ok());
  CHECK(twice.header() == std::vector<std::string>{"\xEF\xBB\xBF"
                                                   "a"});
  // The first two bytes of a BOM and then something else: content, here not UTF-8.
  CHECK(FileRule(Csv(kSamples[4])) == "invalid_header");
}

TEST_CASE("csv skips blank lines and reads a last record without a line end", "[csv]") {
  ReaderRun run = Csv(kSamples[5]);
  REQUIRE(run.status.ok());
  CHECK(run.records == Rows{{"1", "2"}, {"3", "4"}});
  CHECK(run.lines == std::vector<int64_t>{3, 6});
  CHECK(Csv("a,b\n , \n").records == Rows{{" ", " "}});  // white space is not blank
  CHECK(Csv("a,b\n,\n\"\",\"\"\n").records == Rows{{"", ""}, {"", ""}});
}

TEST_CASE("csv: a header only is no error; an empty input is", "[csv][bad-input]") {
  CsvReader reader;
  ReaderRun run = RunReader(reader, "a,b\n");
  CHECK(run.status.ok());
  CHECK(run.records.empty());
  CHECK(reader.header() == std::vector<std::string>{"a", "b"});
  CHECK(Csv("a,b").status.ok());
  for (std::string_view empty : {""sv, "\xEF\xBB\xBF"sv, "\n\r\n"sv}) {
    INFO(Quoted(empty));
    ReaderRun bad = Csv(empty);
    CHECK(bad.status.code() == ErrorCode::InvalidArgument);
    CHECK(FileRule(bad) == "empty_input");
  }
}

TEST_CASE("csv refuses binary data, naming the line of the NUL", "[csv][bad-input]") {
  ReaderRun run = Csv(kSamples[10]);
  CHECK(run.records == Rows{{"1", "2"}});
  CHECK(FileRule(run) == "binary_data");
  CHECK(run.status.details()["line"] == 3);
}

TEST_CASE("csv reports ragged rows and goes on", "[csv][bad-input]") {
  ReaderRun run = Csv(kSamples[6]);
  REQUIRE(run.status.ok());
  REQUIRE(run.errors.size() == 2);
  CHECK(run.errors[0].rule == "ragged_row");
  CHECK(run.errors[0].index == 0);
  CHECK(run.errors[0].line == 2);
  CHECK(run.errors[1].index == 1);
  CHECK(run.errors[1].line == 3);
  CHECK(run.records == Rows{{"4", "5"}});
  CHECK(run.lines == std::vector<int64_t>{4});
}

TEST_CASE("csv without a header takes the width from the first good record", "[csv]") {
  CsvOptions options;
  options.has_header = false;
  options.delimiter = ';';
  CsvReader reader(options);
  ReaderRun run = RunReader(reader, "1;2\n3\n4;5\n");
  CHECK(reader.header().empty());
  CHECK(run.records == Rows{{"1", "2"}, {"4", "5"}});
  REQUIRE(run.errors.size() == 1);
  CHECK(run.errors[0].rule == "ragged_row");
  CHECK(run.errors[0].index == 1);
}

TEST_CASE("csv reports invalid UTF-8 with its column", "[csv][bad-input]") {
  ReaderRun run = Csv(kSamples[7]);
  REQUIRE(run.status.ok());
  REQUIRE(run.errors.size() == 2);
  CHECK(run.errors[0].rule == "invalid_utf8");
  CHECK(run.errors[0].field == 0);
  CHECK(run.errors[0].message.find("\"a\"") != std::string::npos);
  CHECK(run.errors[1].field == 1);  // a truncated sequence
  CHECK(run.records == Rows{{"5", "6"}});
  CHECK(FileRule(Csv("\xFF\n1\n")) == "invalid_header");
}

TEST_CASE("csv reports text after a closing quote", "[csv][bad-input]") {
  ReaderRun run = Csv(kSamples[8]);
  REQUIRE(run.errors.size() == 2);
  CHECK(run.errors[0].rule == "invalid_quote");
  CHECK(run.errors[1].rule == "invalid_quote");  // a CR that no LF follows is text too
  CHECK(run.records == Rows{{"3", "4"}});
}

TEST_CASE("csv reports an unterminated quote at the line it opened", "[csv][bad-input]") {
  ReaderRun run = Csv(kSamples[9]);
  CHECK(run.records == Rows{{"1", "2"}});
  CHECK(FileRule(run) == "unterminated_quote");
  CHECK(run.status.details()["line"] == 3);
  CHECK(run.status.message().find("line 3") != std::string::npos);
}

TEST_CASE("csv size limits skip the record and keep the quote state", "[csv][bad-input]") {
  CsvOptions options;
  options.max_field_bytes = 4;
  ReaderRun run = Csv(kSamples[11], options);
  REQUIRE(run.status.ok());
  REQUIRE(run.errors.size() == 2);
  CHECK(run.errors[0].rule == "field_too_large");
  CHECK(run.errors[0].field == 0);
  CHECK(run.errors[1].line == 3);  // the quoted newline and "" inside the skipped field
  CHECK(run.records == Rows{{"1", "2"}});
  CHECK(run.lines == std::vector<int64_t>{5});

  options = CsvOptions();
  options.max_record_bytes = 6;
  options.max_fields = 3;
  run = Csv("a,b,c\nabc,def,g\n1,2,3\n1,2,3,4\n", options);
  REQUIRE(run.errors.size() == 2);
  CHECK(run.errors[0].rule == "record_too_large");
  CHECK(run.errors[1].rule == "too_many_fields");
  CHECK(run.records == Rows{{"1", "2", "3"}});
}

TEST_CASE("csv reports the limit a record crosses first, whatever the chunking",
          "[csv][bad-input][chunks]") {
  // Regression (found by the fuzzer): one run of bytes crossing both limits was reported as
  // field_too_large when read whole but record_too_large when read in small chunks.
  CsvOptions options;
  options.max_field_bytes = 8;
  options.max_record_bytes = 12;
  std::string_view input = "a,b\n12345678,1234567890\n1,2\n";
  ReaderRun run = Csv(input, options);
  REQUIRE(run.errors.size() == 1);
  CHECK(run.errors[0].rule == "record_too_large");
  CHECK(run.records == Rows{{"1", "2"}});
  CHECK(FirstChunkingDifference([&] { return CsvReader(options); }, input, 17) == 0);
}

TEST_CASE("csv skips a 10 MB field without holding it", "[csv][bad-input][memory]") {
  std::string huge(10 << 20, 'x');
  for (size_t i = 0; i < huge.size(); i += 4096) huge[i] = i % 3 ? ',' : '\n';
  for (bool quoted : {true, false}) {
    std::string field = quoted ? "\"" + huge + "\"" : std::string(10 << 20, 'y');
    std::string input = "a,b\n" + field + ",1\n2,3\n";
    for (size_t chunk : {size_t{0}, size_t{65536}, size_t{1000003}}) {
      INFO("quoted " << quoted << " chunk " << chunk);
      CsvReader reader;
      ReaderRun run =
          RunReader(reader, input, chunk ? std::vector<size_t>{chunk} : std::vector<size_t>{});
      REQUIRE(run.status.ok());
      REQUIRE(run.errors.size() == 1);
      CHECK(run.errors[0].rule == "field_too_large");
      CHECK(run.records == Rows{{"2", "3"}});
      CHECK(reader.buffered_bytes_high_water() < (3u << 20));
    }
  }
}

TEST_CASE("csv results do not depend on the chunking", "[csv][chunks]") {
  for (bool header : {true, false}) {
    for (std::string_view input : kSamples) {
      CsvOptions options;
      options.has_header = header;
      options.max_field_bytes = 4;
      INFO(Quoted(input) << " header " << header);
      CHECK(FirstChunkingDifference([&] { return CsvReader(options); }, input, 17) == 0);
    }
  }
}

TEST_CASE("csv passes a callback's failure through and stays failed", "[csv]") {
  CsvReader reader;
  Status stop(ErrorCode::InvalidArgument, "too many errors");
  int seen = 0;
  auto on_record = [&](const CsvRecord&) { return ++seen == 2 ? stop : Status::Ok(); };
  auto on_error = [&](const RecordError&) { return Status::Ok(); };
  Status status = reader.Feed("a\n1\n2\n3\n", on_record, on_error);
  CHECK(status.message() == "too many errors");
  CHECK(seen == 2);
  CHECK(reader.Feed("4\n", on_record, on_error).message() == "too many errors");
  CHECK(reader.Finish(on_record, on_error).message() == "too many errors");
  CHECK(seen == 2);
}

TEST_CASE("csv refuses unusable options and Feed after Finish", "[csv][bad-input]") {
  CsvOptions options;
  options.delimiter = '"';
  CHECK(FileRule(Csv("a\n", options)) == "invalid_options");
  CsvReader reader;
  auto on_record = [](const CsvRecord&) { return Status::Ok(); };
  auto on_error = [](const RecordError&) { return Status::Ok(); };
  REQUIRE(reader.Feed("a\n1\n", on_record, on_error).ok());
  REQUIRE(reader.Finish(on_record, on_error).ok());
  CHECK_FALSE(reader.Feed("2\n", on_record, on_error).ok());
}
