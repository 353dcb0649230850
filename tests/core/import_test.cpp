// File imports and chunked batches through the engine: mapping and coercion, both modes,
// cancellation, malformed files, and the store staying usable after each failure.
#include <catch2/catch.hpp>

#include "test_support.h"

using namespace edgetally;
using Json = nlohmann::json;

namespace {

struct ImportFixture : test::EngineFixture {
  ImportFixture() : EngineFixture("enterprise") {}
  Result<Json> Chunk(std::string_view bytes) { return engine->CallText("importChunk", bytes); }
  Result<Json> Import(const std::string& file, Json options, size_t chunk = 7) {
    options["groupId"] = group;
    auto begun = engine->Call("beginImport", options);
    if (!begun.ok()) return begun.status();
    for (size_t at = 0; at < file.size(); at += chunk) {
      auto step = Chunk(std::string_view(file).substr(at, chunk));
      if (!step.ok()) return step.status();
    }
    return engine->Call("endBatch", {{"commit", true}});
  }
  int64_t Count() { return Call("countThings", {{"groupId", group}}); }
};

const char* kCourses =
    "title,description,price,category,instructor\r\n"
    "Intro,\"Basics, with commas\",19.99,data,Ada\r\n"
    "Deep,\"Line one\nline two, \"\"quoted\"\"\",49,ml,Grace\r\n"
    "Broken,no price,abc,data,Alan\r\n"
    "Last,end,0,data,Linus";

Json CourseMapping() {
  return {{"name", "title"},
          {"properties", {{"description", "description"},
                          {"price", {{"column", "price"}, {"as", "number"}}},
                          {"category", "category"},
                          {"instructor", "instructor"}}}};
}

}  // namespace

TEST_CASE("a CSV file imports with its mapping, coercion and quoted fields", "[import]") {
  ImportFixture f;
  auto result = f.Import(kCourses, {{"format", "csv"}, {"type", "course"}, {"mapping", CourseMapping()}, {"mode", "partial"}});
  REQUIRE(result.ok());
  CHECK(result.value()["summary"] == Json{{"total", 4}, {"success", 3}, {"failed", 1}});
  Json error = result.value()["errors"][0];
  CHECK(error["index"] == 2);
  CHECK(error["line"] == 5);  // "Deep" spans lines 3-4 (a quoted newline), so "Broken" is on 5
  CHECK(error["field"] == "properties.price");
  CHECK(error["code"] == "coerce");
  Json deep = f.Call("getThing", {{"thingId", result.value()["created"][1]}});
  CHECK(deep["name"] == "Deep");
  CHECK(deep["properties"]["description"] == "Line one\nline two, \"quoted\"");
  CHECK(deep["properties"]["price"] == 49);
  CHECK(deep["type"] == "course");
}

TEST_CASE("an atomic import with one bad row writes nothing and reports it", "[import]") {
  ImportFixture f;
  auto result = f.Import(kCourses, {{"format", "csv"}, {"type", "course"}, {"mapping", CourseMapping()}});
  REQUIRE(result.ok());
  CHECK(result.value()["created"].empty());
  CHECK(result.value()["failed"] == 1);
  CHECK(f.Count() == 0);
  CHECK(f.Call("getGroupQuotas", {{"groupId", f.group}})["quotas"]["entities_total"]["current"] == 0);
}

TEST_CASE("cancelling an import: atomic keeps nothing, partial keeps whole chunks", "[import]") {
  std::string file = "name,n\n";
  for (int i = 0; i < 100; ++i) file += "row" + std::to_string(i) + "," + std::to_string(i) + "\n";
  for (const char* mode : {"atomic", "partial"}) {
    ImportFixture f;
    REQUIRE(f.engine->Call("beginImport", {{"groupId", f.group}, {"format", "csv"}, {"type", "t"}, {"mode", mode}}).ok());
    REQUIRE(f.Chunk(std::string_view(file).substr(0, file.size() / 2)).ok());
    CHECK(f.engine->Call("countThings", {{"groupId", f.group}}).status().code() == ErrorCode::BatchInProgress);
    Json cancelled = f.Call("endBatch", {{"commit", false}});
    CHECK(cancelled["cancelled"] == true);
    int64_t kept = f.Count();
    if (std::string(mode) == "atomic") {
      CHECK(kept == 0);
    } else {
      CHECK(kept > 0);
      CHECK(kept < 100);
      CHECK(kept == static_cast<int64_t>(cancelled["created"].size()));
    }
  }
}

TEST_CASE("malformed files give file-level errors with lines and leave the store usable", "[import][bad-input]") {
  struct Case {
    std::string file;
    Json options;
    std::string rule;
  };
  std::vector<Case> cases = {
      {"name\n\"open quote\n", {{"format", "csv"}}, "unterminated_quote"},
      {std::string("name\nab\0cd\n", 11), {{"format", "csv"}}, "binary_data"},
      {"", {{"format", "csv"}}, "empty_input"},
      {"name,price\n", {{"format", "csv"}}, "no_rows"},
      {"[]", {{"format", "json"}}, "no_rows"},
      {"{\"name\": 1}", {{"format", "json"}}, "not_an_array"},
      {"title\nx\n", {{"format", "csv"}}, "unknown_column"},
      {"name,a,a\nx,1,2\n", {{"format", "csv"}}, "invalid_header"},
      {"name,,b\nx,1,2\n", {{"format", "csv"}}, "invalid_header"},
  };
  for (const Case& c : cases) {
    INFO(c.rule);
    ImportFixture f;
    Json options = c.options;
    options["type"] = "t";
    auto result = f.Import(c.file, options);
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().details()["rule"] == c.rule);
    CHECK(f.Count() == 0);
    CHECK(f.engine->Call("insertThing", {{"groupId", f.group}, {"type", "t"}, {"name", "after"}}).ok());
  }
}

TEST_CASE("NDJSON and JSON array imports report bad records by line", "[import]") {
  ImportFixture f;
  std::string ndjson = "{\"name\": \"a\", \"price\": 1}\n[1, 2]\n\n{\"name\": \"c\"\n{\"title\": \"no name\"}\n{\"name\": \"e\", \"properties\": {\"x\": 1}}\n";
  auto result = f.Import(ndjson, {{"format", "ndjson"}, {"type", "doc"}, {"mode", "partial"}});
  REQUIRE(result.ok());
  std::vector<std::pair<int64_t, std::string>> errors;
  for (const Json& e : result.value()["errors"]) errors.push_back({e["line"], e["code"]});
  CHECK(errors == std::vector<std::pair<int64_t, std::string>>{{2, "not_an_object"}, {4, "invalid_json"}, {5, "required"}});
  Json e = f.Call("getThing", {{"thingId", result.value()["created"][1]}});
  CHECK(e["properties"] == Json{{"x", 1}});
  Json a = f.Call("getThing", {{"thingId", result.value()["created"][0]}});
  CHECK(a["properties"] == Json{{"price", 1}});
  auto array = f.Import("[{\"name\": \"x\"},\n 7,\n {\"name\": \"y\"}]", {{"format", "json"}, {"type", "doc"}, {"mode", "partial"}});
  REQUIRE(array.ok());
  CHECK(array.value()["errors"][0]["line"] == 2);
  CHECK(array.value()["created"].size() == 2);
}

TEST_CASE("a 10 MB single field is a row error, not 10 MB of memory", "[import][bad-input]") {
  ImportFixture f;
  std::string file = "name,blob\nsmall,x\nhuge," + std::string(10 << 20, 'z') + "\nafter,y\n";
  auto result = f.Import(file, {{"format", "csv"}, {"type", "t"}, {"mode", "partial"}}, 1 << 16);
  REQUIRE(result.ok());
  CHECK(result.value()["created"].size() == 2);
  CHECK(result.value()["errors"][0]["code"] == "field_too_large");
  CHECK(result.value()["errors"][0]["line"] == 3);
}

TEST_CASE("things sent in slices keep their indexes and atomicity", "[import][batch]") {
  ImportFixture f;
  REQUIRE(f.engine->Call("beginBatch", {{"groupId", f.group}}).ok());
  REQUIRE(f.engine->CallText("batchChunk", R"({"things": [{"type": "t", "name": "a"}, {"type": "t", "name": "b"}]})").ok());
  auto progress = f.engine->CallText("batchChunk", R"({"things": [{"type": "t", "name": ""}]})");
  REQUIRE(progress.ok());
  CHECK(progress.value()["rowsDone"] == 3);
  Json result = f.Call("endBatch", {{"commit", true}});
  CHECK(result["errors"][0]["index"] == 2);
  CHECK(result["created"].empty());
  CHECK(f.Count() == 0);
  CHECK(f.engine->Call("endBatch", {{"commit", true}}).status().details()["rule"] == "no_session");
}

TEST_CASE("a chunked atomic batch over the quota is refused before any write", "[import][quota]") {
  ImportFixture f;
  std::string small = f.Call("createGroup", {{"name", "S"}, {"plan", "starter"}})["id"];
  auto begun = f.engine->Call("beginBatch", {{"groupId", small}, {"total", 101}});
  REQUIRE(begun.status().code() == ErrorCode::QuotaExceeded);
  CHECK(begun.status().details()["suggestion"].get<std::string>().find("Pro") != std::string::npos);
  CHECK(f.engine->Call("countThings", {{"groupId", small}}).ok());  // no session left open
}
