// RecordMapping: parse the mapping, bind it to a header, and build things from CSV rows (text
// assembled directly) or JSON records (through nlohmann, records being small).
#include "batch/record_mapping.h"

#include <algorithm>
#include <cctype>

#include "common/args.h"
#include "common/json_scanner.h"
#include "common/json_text.h"

namespace edgetally {

namespace {

Result<Coercion> ParseCoercion(const nlohmann::json& value, const std::string& field) {
  static const std::pair<const char*, Coercion> kNames[] = {
      {"string", Coercion::String}, {"number", Coercion::Number}, {"integer", Coercion::Integer},
      {"boolean", Coercion::Boolean}, {"json", Coercion::Json}};
  for (const auto& [name, coercion] : kNames) {
    if (value == name) return coercion;
  }
  return InvalidField(field, "one_of", field + " must be string, number, integer, boolean or json");
}

Result<PropertySource> ParseProperty(const std::string& property, const nlohmann::json& spec) {
  std::string field = "mapping.properties." + property;
  if (spec.is_string()) return PropertySource{property, spec.get<std::string>(), Coercion::String};
  if (!spec.is_object()) return InvalidField(field, "mapping", field + " must be a column name or {column, as}");
  ET_ASSIGN_OR_RETURN(std::string column, RequireString(spec, "column"));
  Coercion as = Coercion::String;
  if (spec.contains("as")) {
    ET_ASSIGN_OR_RETURN(as, ParseCoercion(spec["as"], field + ".as"));
  }
  return PropertySource{property, column, as};
}

Status CoerceError(const std::string& property, std::string_view cell, const char* what) {
  return InvalidField("properties." + property, "coerce",
                      "properties." + property + ": '" + std::string(cell.substr(0, 64)) + "' is not " + what);
}

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// Appends the JSON value of a CSV cell coerced as `as`.
Status AppendCell(std::string* out, const std::string& property, std::string_view cell, Coercion as) {
  if (cell.empty()) {
    out->append("null");
    return Status::Ok();
  }
  switch (as) {
    case Coercion::String: AppendJsonString(out, cell); return Status::Ok();
    case Coercion::Number:
      if (!IsJsonNumber(cell)) return CoerceError(property, cell, "a number");
      out->append(cell);
      return Status::Ok();
    case Coercion::Integer:
      if (!IsJsonInteger(cell)) return CoerceError(property, cell, "an integer");
      out->append(cell);
      return Status::Ok();
    case Coercion::Boolean: {
      std::string word = Lower(cell);
      bool yes = word == "true" || word == "1" || word == "yes";
      if (!yes && word != "false" && word != "0" && word != "no") return CoerceError(property, cell, "a boolean");
      out->append(yes ? "true" : "false");
      return Status::Ok();
    }
    case Coercion::Json: {
      JsonScanner scanner(cell);
      if (!scanner.SkipValue() || !scanner.AtEnd()) return CoerceError(property, cell, "JSON");
      out->append(cell);
      return Status::Ok();
    }
  }
  return Status::Ok();
}

Result<size_t> ColumnIndex(const std::vector<std::string>& header, const std::string& column) {
  auto it = std::find(header.begin(), header.end(), column);
  if (it != header.end()) return static_cast<size_t>(it - header.begin());
  return Status(ErrorCode::InvalidArgument, "the mapping names column '" + column + "' but the header has no such column",
                {{"field", "mapping"}, {"rule", "unknown_column"}, {"column", column}});
}

// A JSON value coerced: strings are parsed for number/integer/boolean; JSON values kept.
Result<nlohmann::json> CoerceJson(const PropertySource& p, const nlohmann::json& value) {
  if (value.is_null() || p.as == Coercion::Json) return value;
  if (!value.is_string()) return value;
  std::string text = value.get<std::string>();
  if (p.as == Coercion::String) return value;
  std::string out;
  ET_RETURN_IF_ERROR(AppendCell(&out, p.property, text, p.as));
  return nlohmann::json::parse(out);
}

}  // namespace

Result<RecordMapping> RecordMapping::Parse(const nlohmann::json& mapping, const std::optional<std::string>& type) {
  RecordMapping out;
  if (type) out.fixed_type = *type;
  if (!mapping.is_null()) {
    ET_RETURN_IF_ERROR(RequireObject(mapping, "mapping"));
    if (mapping.contains("name")) {
      ET_ASSIGN_OR_RETURN(out.name_source, RequireString(mapping, "name"));
    }
    ET_ASSIGN_OR_RETURN(out.type_source, OptionalString(mapping, "type"));
    auto properties = mapping.find("properties");
    if (properties != mapping.end()) {
      if (!properties->is_object()) return InvalidField("mapping.properties", "object", "mapping.properties must be an object");
      out.map_unlisted = false;
      for (const auto& [property, spec] : properties->items()) {
        ET_ASSIGN_OR_RETURN(PropertySource source, ParseProperty(property, spec));
        out.properties.push_back(std::move(source));
      }
    }
  }
  if (!out.type_source && out.fixed_type.empty()) {  // neither given: read each row's own "type"
    out.type_source = "type";
    out.type_by_default = true;
  }
  if (!out.type_source) ET_RETURN_IF_ERROR(CheckType(out.fixed_type));
  return out;
}

namespace {

// Column names must be unique and non-empty, or a mapping by name would be ambiguous.
Status CheckHeader(const std::vector<std::string>& header) {
  for (size_t i = 0; i < header.size(); ++i) {
    bool duplicate = std::find(header.begin(), header.begin() + static_cast<long>(i), header[i]) != header.begin() + static_cast<long>(i);
    if (header[i].empty() || duplicate) {
      return Status(ErrorCode::InvalidArgument,
                    "header column " + std::to_string(i + 1) + (duplicate ? " repeats the name '" + header[i] + "'" : " has no name"),
                    {{"field", "header"}, {"rule", "invalid_header"}, {"line", 1}, {"column", i + 1}});
    }
  }
  return Status::Ok();
}

}  // namespace

Result<CsvRowMapper> CsvRowMapper::Bind(const RecordMapping& mapping, const std::vector<std::string>& header) {
  ET_RETURN_IF_ERROR(CheckHeader(header));
  CsvRowMapper mapper;
  mapper.fixed_type_ = mapping.fixed_type;
  ET_ASSIGN_OR_RETURN(mapper.name_index_, ColumnIndex(header, mapping.name_source));
  if (mapping.type_by_default && std::find(header.begin(), header.end(), "type") == header.end()) {
    return Status(ErrorCode::InvalidArgument,
                  "the rows' type is required: give importFile a type, a mapping.type column, or a 'type' column",
                  {{"field", "type"}, {"rule", "required"}, {"line", 1}});
  }
  if (mapping.type_source) {
    ET_ASSIGN_OR_RETURN(mapper.type_index_, ColumnIndex(header, *mapping.type_source));
  }
  for (const PropertySource& p : mapping.properties) {
    ET_ASSIGN_OR_RETURN(size_t index, ColumnIndex(header, p.source));
    mapper.columns_.push_back({p.property, index, p.as});
  }
  if (mapping.map_unlisted) {
    for (size_t i = 0; i < header.size(); ++i) {
      if (i != mapper.name_index_ && i != mapper.type_index_) mapper.columns_.push_back({header[i], i, Coercion::String});
    }
  }
  return mapper;
}

Result<NewThing> CsvRowMapper::Map(const std::vector<std::string_view>& fields) const {
  NewThing thing;
  thing.type = type_index_ ? std::string(fields[*type_index_]) : fixed_type_;
  thing.name = std::string(fields[name_index_]);
  thing.properties.reserve(64 + columns_.size() * 24);
  thing.properties.push_back('{');
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (i) thing.properties.push_back(',');
    AppendJsonString(&thing.properties, columns_[i].property);
    thing.properties.push_back(':');
    ET_RETURN_IF_ERROR(AppendCell(&thing.properties, columns_[i].property, fields[columns_[i].index], columns_[i].as));
  }
  thing.properties.push_back('}');
  ET_RETURN_IF_ERROR(CheckNewThing(&thing));
  return thing;
}

Result<NewThing> MapJsonRecord(const RecordMapping& mapping, std::string_view json) {
  nlohmann::json record = nlohmann::json::parse(json, nullptr, false);
  NewThing thing;
  auto text = [&](const std::string& key, const char* field) -> Result<std::string> {
    auto it = record.find(key);
    if (it == record.end() || !it->is_string()) return InvalidField(field, "required", std::string(field) + " ('" + key + "') must be a string");
    return it->get<std::string>();
  };
  ET_ASSIGN_OR_RETURN(thing.name, text(mapping.name_source, "name"));
  thing.type = mapping.fixed_type;
  if (mapping.type_source) {
    ET_ASSIGN_OR_RETURN(thing.type, text(*mapping.type_source, "type"));
  }
  nlohmann::json properties = nlohmann::json::object();
  for (const PropertySource& p : mapping.properties) {
    auto it = record.find(p.source);
    ET_ASSIGN_OR_RETURN(properties[p.property], CoerceJson(p, it == record.end() ? nlohmann::json(nullptr) : *it));
  }
  if (mapping.map_unlisted) {
    auto nested = record.find("properties");
    if (nested != record.end() && nested->is_object()) {
      properties = *nested;
    } else {
      for (const auto& [key, value] : record.items()) {
        if (key != mapping.name_source && key != mapping.type_source) properties[key] = value;
      }
    }
  }
  thing.properties = properties.dump();
  ET_RETURN_IF_ERROR(CheckNewThing(&thing));
  return thing;
}

}  // namespace edgetally
