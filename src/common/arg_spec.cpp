// ArgSpec: builders, the checker (one recursive walk) and the description.
#include "common/arg_spec.h"

#include "common/args.h"
#include "common/spelling.h"

namespace edgetally {

ArgSpec::ArgSpec() = default;
ArgSpec::ArgSpec(const ArgSpec& other) = default;
ArgSpec::ArgSpec(ArgSpec&& other) noexcept = default;
ArgSpec& ArgSpec::operator=(const ArgSpec& other) = default;
ArgSpec& ArgSpec::operator=(ArgSpec&& other) noexcept = default;
ArgSpec::~ArgSpec() = default;

ArgField::ArgField() = default;
ArgField::ArgField(std::string_view name, bool required, ArgSpec spec)
    : name(name), required(required), spec(std::move(spec)) {}
ArgField::ArgField(const ArgField& other) = default;
ArgField::ArgField(ArgField&& other) noexcept = default;
ArgField& ArgField::operator=(const ArgField& other) = default;
ArgField& ArgField::operator=(ArgField&& other) noexcept = default;
ArgField::~ArgField() = default;

ArgSpec ArgSpec::Nullable() const {
  ArgSpec s = *this;
  s.nullable = true;
  return s;
}
ArgSpec ArgSpec::NonEmpty() const {
  ArgSpec s = *this;
  s.non_empty = true;
  return s;
}
ArgSpec ArgSpec::MaxLength(size_t characters) const {
  ArgSpec s = *this;
  s.max_length = characters;
  return s;
}
ArgSpec ArgSpec::OneOf(std::vector<std::string> values) const {
  ArgSpec s = *this;
  s.one_of = std::move(values);
  return s;
}
ArgSpec ArgSpec::Doc(std::string name) const {
  ArgSpec s = *this;
  s.doc = std::move(name);
  return s;
}

const ArgField* ArgSpec::Field(std::string_view name) const {
  for (const ArgField& f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

namespace arg {
namespace {
ArgSpec Of(ArgType type) {
  ArgSpec s;
  s.type = type;
  return s;
}
}  // namespace
ArgSpec Any() { return Of(ArgType::Any); }
ArgSpec String() { return Of(ArgType::String); }
ArgSpec Id() { return String().NonEmpty(); }
ArgSpec Integer(int64_t min, int64_t max) {
  ArgSpec s = Of(ArgType::Integer);
  s.min = min;
  s.max = max;
  return s;
}
ArgSpec Number() { return Of(ArgType::Number); }
ArgSpec Boolean() { return Of(ArgType::Boolean); }
ArgSpec Object(std::vector<ArgField> fields) {
  ArgSpec s = Of(ArgType::Object);
  s.fields = std::move(fields);
  return s;
}
ArgSpec Map(ArgSpec value) {
  ArgSpec s = Of(ArgType::Map);
  s.items.push_back(std::move(value));
  return s;
}
ArgSpec Array(ArgSpec element) {
  ArgSpec s = Of(ArgType::Array);
  s.items.push_back(std::move(element));
  return s;
}
ArgSpec Rows(ArgSpec row) {
  ArgSpec s = Of(ArgType::Rows);
  s.items.push_back(std::move(row));
  return s;
}
ArgSpec AnyOf(std::vector<ArgSpec> alternatives) {
  ArgSpec s = Of(ArgType::AnyOf);
  s.items = std::move(alternatives);
  return s;
}
ArgSpec None() { return Object({}); }
ArgField Required(std::string_view name, ArgSpec spec) { return {name, true, std::move(spec)}; }
ArgField Optional(std::string_view name, ArgSpec spec) { return {name, false, std::move(spec)}; }
}  // namespace arg

namespace {

const char* TypeName(ArgType type) {
  switch (type) {
    case ArgType::Any: return "any";
    case ArgType::String: return "string";
    case ArgType::Integer: return "integer";
    case ArgType::Number: return "number";
    case ArgType::Boolean: return "boolean";
    case ArgType::Object: return "object";
    case ArgType::Map: return "map";
    case ArgType::Array: return "array";
    case ArgType::Rows: return "rows";
    case ArgType::AnyOf: return "anyOf";
  }
  return "any";
}

std::string Join(std::string_view path, std::string_view key) {
  return path.empty() ? std::string(key) : std::string(path) + "." + std::string(key);
}

// Where a value sits in the arguments, spelled out ("plans[0].limits") only for an error: the
// checks run on every call, and most calls are fine.
struct Path {
  const Path* parent = nullptr;
  std::string_view key;  // a member; empty for the root or an element
  size_t index = 0;
  bool element = false;
  std::string str() const {
    if (!parent) return std::string(key);
    std::string up = parent->str();
    return element ? up + "[" + std::to_string(index) + "]" : Join(up, key);
  }
};

size_t Characters(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

// Whether `value` has the JSON kind `spec` expects (ignoring ranges and contents).
bool KindMatches(const ArgSpec& spec, const nlohmann::json& value) {
  switch (spec.type) {
    case ArgType::Any: return true;
    case ArgType::String: return value.is_string();
    case ArgType::Integer:
    case ArgType::Number: return value.is_number();
    case ArgType::Boolean: return value.is_boolean();
    case ArgType::Object:
    case ArgType::Map: return value.is_object();
    case ArgType::Array:
    case ArgType::Rows: return value.is_array();
    case ArgType::AnyOf: return false;
  }
  return false;
}

Status CheckValue(const ArgSpec& spec, const nlohmann::json& value, const Path& path);

Status CheckString(const ArgSpec& spec, const std::string& text, const Path& path) {
  if (spec.non_empty && text.empty()) {
    std::string at = path.str();
    return InvalidField(at, "required", at + " must be a non-empty string");
  }
  if (spec.max_length && Characters(text) > spec.max_length) {
    std::string at = path.str();
    return InvalidField(at, "max_length", at + " must be at most " + std::to_string(spec.max_length) + " characters");
  }
  if (spec.one_of.empty()) return Status::Ok();
  for (const std::string& allowed : spec.one_of) {
    if (text == allowed) return Status::Ok();
  }
  std::string at = path.str(), list;
  for (const std::string& allowed : spec.one_of) list += (list.empty() ? "'" : ", '") + allowed + "'";
  return Status(ErrorCode::InvalidArgument, at + " must be one of " + list,
                {{"field", at}, {"rule", "one_of"}, {"allowed", spec.one_of}});
}

Status CheckObject(const ArgSpec& spec, const nlohmann::json& value, const Path& path, std::string_view skip) {
  for (const auto& [key, member] : value.items()) {
    if (key != skip && !spec.Field(key)) {
      std::vector<std::string_view> known;
      for (const ArgField& f : spec.fields) known.push_back(f.name);
      return UnknownField(path.str(), key, known);
    }
  }
  for (const ArgField& field : spec.fields) {
    if (field.name == skip) continue;
    Path at{&path, field.name};
    auto it = value.find(field.name);
    bool absent = it == value.end() || (it->is_null() && !field.spec.nullable);
    if (absent) {
      if (!field.required) continue;
      std::string name = at.str();
      return InvalidField(name, "required", name + " is required");
    }
    ET_RETURN_IF_ERROR(CheckValue(field.spec, *it, at));
  }
  return Status::Ok();
}

Status CheckAnyOf(const ArgSpec& spec, const nlohmann::json& value, const Path& path) {
  std::string kinds;
  for (const ArgSpec& alternative : spec.items) {
    if (KindMatches(alternative, value)) return CheckValue(alternative, value, path);
    kinds += (kinds.empty() ? "" : " or ") + std::string(TypeName(alternative.type));
  }
  std::string at = path.str();
  return InvalidField(at, "type", at + " must be " + (spec.doc.empty() ? kinds : spec.doc));
}

Status WrongKind(const ArgSpec& spec, const Path& path) {
  const char* type = TypeName(spec.type);
  if (spec.type == ArgType::Map) type = "object";
  if (spec.type == ArgType::Rows) type = "array";
  bool vowel = type[0] == 'a' || type[0] == 'o' || type[0] == 'i';
  std::string at = path.str();
  return InvalidField(at, type, at + (vowel ? " must be an " : " must be a ") + type);
}

Status CheckValue(const ArgSpec& spec, const nlohmann::json& value, const Path& path) {
  if (value.is_null() && spec.nullable) return Status::Ok();
  if (spec.type == ArgType::AnyOf) return CheckAnyOf(spec, value, path);
  if (spec.type == ArgType::Integer) {
    if (value.is_number_integer() && !value.is_number_unsigned()) {
      int64_t n = value.get<int64_t>();
      if (n >= spec.min && n <= spec.max) return Status::Ok();
    }
    return IntegerValue(value, path.str(), spec.min, spec.max).status();
  }
  if (!KindMatches(spec, value)) return WrongKind(spec, path);
  switch (spec.type) {
    case ArgType::String: return CheckString(spec, value.get_ref<const std::string&>(), path);
    case ArgType::Object: return CheckObject(spec, value, path, {});
    case ArgType::Map:
      for (const auto& [key, member] : value.items()) ET_RETURN_IF_ERROR(CheckValue(spec.items[0], member, Path{&path, key}));
      return Status::Ok();
    case ArgType::Array:
      for (size_t i = 0; i < value.size(); ++i) ET_RETURN_IF_ERROR(CheckValue(spec.items[0], value[i], Path{&path, {}, i, true}));
      return Status::Ok();
    default: return Status::Ok();  // Any, Number, Boolean, Rows: the kind is all there is to check
  }
}

}  // namespace

Status UnknownField(std::string_view path, std::string_view key, const std::vector<std::string_view>& known) {
  std::string at = Join(path, key);
  std::string suggestion = ClosestName(key, known);
  std::string message = "unknown field '" + at + "'";
  nlohmann::json details = {{"field", at}, {"rule", "unknown_field"}};
  if (!suggestion.empty()) {
    message += " (did you mean '" + suggestion + "'?)";
    details["suggestion"] = suggestion;
  } else if (!known.empty()) {
    std::string list;
    for (std::string_view name : known) list += (list.empty() ? "" : ", ") + std::string(name);
    message += " (known fields: " + list + ")";
  } else {
    message += " (this call takes no arguments)";
  }
  return Status(ErrorCode::InvalidArgument, std::move(message), std::move(details));
}

Status CheckArgs(const ArgSpec& spec, const nlohmann::json& args, std::string_view skip) {
  if (!args.is_object()) return InvalidField("arguments", "object", "arguments must be an object");
  return CheckObject(spec, args, Path{}, skip);
}

Status CheckKnownField(const ArgSpec& spec, std::string_view key) {
  if (spec.Field(key)) return Status::Ok();
  std::vector<std::string_view> known;
  for (const ArgField& f : spec.fields) known.push_back(f.name);
  return UnknownField("", key, known);
}

nlohmann::json DescribeSpec(const ArgSpec& spec) {
  nlohmann::json out = {{"type", TypeName(spec.type)}};
  if (spec.nullable) out["nullable"] = true;
  if (spec.non_empty) out["nonEmpty"] = true;
  if (spec.type == ArgType::Integer) {
    out["min"] = spec.min;
    out["max"] = spec.max;
  }
  if (spec.max_length) out["maxLength"] = spec.max_length;
  if (!spec.one_of.empty()) out["oneOf"] = spec.one_of;
  if (!spec.doc.empty()) out["doc"] = spec.doc;
  if (spec.type == ArgType::Object) {
    out["fields"] = nlohmann::json::array();
    for (const ArgField& f : spec.fields) {
      nlohmann::json field = DescribeSpec(f.spec);
      field["name"] = f.name;
      field["required"] = f.required;
      out["fields"].push_back(std::move(field));
    }
  }
  if (!spec.items.empty()) {
    out["items"] = nlohmann::json::array();
    for (const ArgSpec& item : spec.items) out["items"].push_back(DescribeSpec(item));
  }
  return out;
}

}  // namespace edgetally
