// Partial mode across chunks: an array (size known) is refused with nothing written when a
// later chunk does not fit, as the single-call path refuses it; a file (size unknown) keeps the
// chunks committed before a failure and says so in the failure's details.result.
#include <catch2/catch.hpp>

#include "test_support.h"

using namespace edgetally;
using Json = nlohmann::json;

namespace {

struct PartialFixture : test::EngineFixture {
  PartialFixture() : EngineFixture("starter") {}  // 100 entities
  int64_t Count() { return Call("countThings", {{"groupId", group}}); }
  std::string Things(int from, int count) {
    Json things = Json::array();
    for (int i = from; i < from + count; ++i) things.push_back({{"type", "doc"}, {"name", "d" + std::to_string(i)}});
    return Json{{"things", things}}.dump();
  }
  std::string CsvRows(int from, int count) {
    std::string rows;
    for (int i = from; i < from + count; ++i) rows += "d" + std::to_string(i) + "\n";
    return rows;
  }
};

}  // namespace

TEST_CASE("a partial chunked array over the quota committed 40 of 50 chunks' rows before rejecting", "[bulk][partial][quota]") {
  PartialFixture f;
  REQUIRE(f.engine->Call("beginBatch", {{"groupId", f.group}, {"mode", "partial"}, {"total", 150}}).ok());
  REQUIRE(f.engine->CallText("batchChunk", f.Things(0, 50)).ok());
  REQUIRE(f.engine->CallText("batchChunk", f.Things(50, 50)).ok());
  Status refused = f.engine->CallText("batchChunk", f.Things(100, 50)).status();
  REQUIRE(refused.code() == ErrorCode::QuotaExceeded);
  CHECK(f.Count() == 0);  // as batchInsertThings of the whole array in one call
  CHECK(f.Call("getGroupQuotas", {{"groupId", f.group}})["quotas"]["entities_total"]["current"] == 0);
  CHECK(f.engine->Call("endBatch", {{"commit", true}}).status().details()["rule"] == "no_session");
}

TEST_CASE("a partial chunked array keeps its valid rows and, cancelled, what its chunks wrote", "[bulk][partial]") {
  PartialFixture f;
  REQUIRE(f.engine->Call("beginBatch", {{"groupId", f.group}, {"mode", "partial"}, {"total", 60}}).ok());
  REQUIRE(f.engine->CallText("batchChunk", f.Things(0, 30)).ok());
  REQUIRE(f.engine->CallText("batchChunk", R"({"things": [{"type": "doc", "name": ""}]})").ok());
  Json result = f.Call("endBatch", {{"commit", false}});  // cancelled at a chunk boundary
  CHECK(result["created"].size() == 30);
  CHECK(result["errors"][0]["index"] == 30);
  CHECK(f.Count() == 30);
}

TEST_CASE("a partial import failing after committed chunks did not say what was kept", "[bulk][partial][import]") {
  SECTION("quota exceeded in a later chunk") {
    PartialFixture f;
    REQUIRE(f.engine->Call("beginImport", {{"groupId", f.group}, {"format", "csv"}, {"type", "doc"}, {"mode", "partial"}}).ok());
    REQUIRE(f.engine->CallText("importChunk", "name\n" + f.CsvRows(0, 60)).ok());
    REQUIRE(f.engine->CallText("importChunk", f.CsvRows(60, 30)).ok());
    Status refused = f.engine->CallText("importChunk", f.CsvRows(90, 30)).status();
    INFO(refused.ToString());
    REQUIRE(refused.code() == ErrorCode::QuotaExceeded);
    Json kept = refused.details()["result"];
    CHECK(kept["created"].size() == 90);
    CHECK(kept["summary"]["success"] == 90);
    CHECK(f.Count() == 90);
  }
  SECTION("an unterminated quote at the end of the file") {
    PartialFixture f;
    REQUIRE(f.engine->Call("beginImport", {{"groupId", f.group}, {"format", "csv"}, {"type", "doc"}, {"mode", "partial"}}).ok());
    REQUIRE(f.engine->CallText("importChunk", "name\n" + f.CsvRows(0, 40)).ok());
    REQUIRE(f.engine->CallText("importChunk", f.CsvRows(40, 10) + "\"never closed\n").ok());
    Status refused = f.engine->Call("endBatch", {{"commit", true}}).status();
    INFO(refused.ToString());
    REQUIRE(refused.details()["rule"] == "unterminated_quote");
    Json kept = refused.details()["result"];
    CHECK(kept["created"].size() == static_cast<size_t>(f.Count()));
    CHECK(kept["created"].size() >= 40);
  }
}

TEST_CASE("a store rule error in a CSV import had no line", "[bulk][import][rules]") {
  PartialFixture f;
  f.Call("setValidationRules", {{"rules", {{"schemas", {{"course", {{"price", {{"type", "number"}, {"min", 0}}}}}}}}}});
  REQUIRE(f.engine->Call("beginImport", {{"groupId", f.group}, {"format", "csv"}, {"type", "course"}, {"mode", "partial"},
                                         {"mapping", {{"properties", {{"price", {{"column", "price"}, {"as", "number"}}}}}}}}).ok());
  REQUIRE(f.engine->CallText("importChunk", "name,price\nok,1\n\"two\nlines\",2\nneg,-5\n").ok());
  Json result = f.Call("endBatch", {{"commit", true}});
  REQUIRE(result["errors"].size() == 1);
  CHECK(result["errors"][0]["field"] == "properties.price");
  CHECK(result["errors"][0]["line"] == 5);
}

TEST_CASE("an import without a type option required one even with a type column", "[bulk][import]") {
  PartialFixture f;
  REQUIRE(f.engine->Call("beginImport", {{"groupId", f.group}, {"format", "csv"}}).ok());
  REQUIRE(f.engine->CallText("importChunk", "name,type,price\na,course,1\nb,lesson,2\n").ok());
  Json result = f.Call("endBatch", {{"commit", true}});
  REQUIRE(result["created"].size() == 2);
  Json b = f.Call("getThing", {{"thingId", result["created"][1]}});
  CHECK(b["type"] == "lesson");
  CHECK(b["properties"] == Json{{"price", "2"}});
  REQUIRE(f.engine->Call("beginImport", {{"groupId", f.group}, {"format", "ndjson"}, {"mode", "partial"}}).ok());
  REQUIRE(f.engine->CallText("importChunk", "{\"name\":\"c\",\"type\":\"video\"}\n{\"name\":\"d\"}\n").ok());
  result = f.Call("endBatch", {{"commit", true}});
  CHECK(result["created"].size() == 1);
  CHECK(result["errors"][0]["field"] == "type");
  CHECK(result["errors"][0]["line"] == 2);
  REQUIRE(f.engine->Call("beginImport", {{"groupId", f.group}, {"format", "csv"}}).ok());
  Status no_type = f.engine->CallText("importChunk", "name\nx\n").status();
  CHECK(no_type.details()["field"] == "type");
  CHECK(no_type.details()["rule"] == "required");
}
