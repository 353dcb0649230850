// RecordMapping: how the records of an imported file become things. The JSON form (importFile's
// `mapping` argument):
//   {"name": "title",                       column or key holding the name (default "name")
//    "type": "kind",                        optional column/key holding the type; otherwise
//                                           every row gets importFile's `type` argument, and
//                                           without that the "type" column or key
//    "properties": {"price": {"column": "price", "as": "number"},   coerced
//                   "category": "category"}}                         as text
// Without "properties", every column (CSV) or key (JSON) other than the name and type becomes a
// property: CSV cells as text, JSON values as they are; a JSON record that has a "properties"
// object uses it. Coercions: "string", "number", "integer", "boolean" (true/false/1/0/yes/no),
// "json" (the cell is JSON text). An empty CSV cell becomes null.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "model/thing_rules.h"

namespace edgetally {

enum class Coercion { String, Number, Integer, Boolean, Json };

struct PropertySource {
  std::string property;
  std::string source;  // column name or key
  Coercion as = Coercion::String;
};

struct RecordMapping {
  std::string name_source = "name";
  std::optional<std::string> type_source;
  std::string fixed_type;  // used when there is no type_source
  bool type_by_default = false;  // no type and no mapping.type: the "type" column or key
  std::vector<PropertySource> properties;
  bool map_unlisted = true;  // no "properties" given: every other column/key is a property

  // Parses the JSON form; `type` is importFile's type argument (required without a type column).
  static Result<RecordMapping> Parse(const nlohmann::json& mapping, const std::optional<std::string>& type);
};

// A mapping bound to a CSV header: column positions resolved once.
class CsvRowMapper {
 public:
  // InvalidArgument (file-level, rule "unknown_column") when the mapping names a column the
  // header lacks.
  static Result<CsvRowMapper> Bind(const RecordMapping& mapping, const std::vector<std::string>& header);
  // The thing for one row; InvalidArgument naming the field ("properties.price", rule "coerce").
  Result<NewThing> Map(const std::vector<std::string_view>& fields) const;

 private:
  struct Column {
    std::string property;
    size_t index;
    Coercion as;
  };
  std::string fixed_type_;
  size_t name_index_ = 0;
  std::optional<size_t> type_index_;
  std::vector<Column> columns_;
};

// The thing for one JSON record (an object's text); InvalidArgument naming the field.
Result<NewThing> MapJsonRecord(const RecordMapping& mapping, std::string_view json);

}  // namespace edgetally
