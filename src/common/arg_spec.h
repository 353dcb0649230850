// ArgSpec: the one declaration of an operation's arguments, from which their checking (here, in
// one place), the operation manifest's description (docs tables, JS drift tests) and the walk
// test that tries a misspelled field on every operation are all derived. A spec is a tree:
//
//   arg::Object({arg::Required("groupId", arg::Id()),
//                arg::Optional("mode", arg::String().OneOf({"atomic", "partial"})),
//                arg::Optional("overrides", arg::Map(arg::Integer(0, INT64_MAX).Nullable())),
//                arg::Optional("billingAnchor", arg::Object({arg::Required("day", arg::Integer(1, 31))}))})
//
// Checking refuses, with INVALID_ARGUMENT and details {field, rule}, where `field` is the path
// ("billingAnchor.day", "plans[2].limits"):
//   - a field no declaration names, at any depth (rule "unknown_field"; details.suggestion and
//     the message's "did you mean 'mode'?" when a declared name is close);
//   - a required field that is absent or null (rule "required"; an empty string too for NonEmpty);
//   - a value of the wrong type ("string", "integer", "number", "boolean", "object", "array"),
//     out of range ("range"), too long ("max_length") or not one of an enum ("one_of").
// An optional field that is null counts as absent. Rows(...) declares a batch's row array: the
// call checks only that it is an array, since each bad row becomes a row error of the result
// (the operation checks rows itself), not a refusal of the call.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace edgetally {

enum class ArgType { Any, String, Integer, Number, Boolean, Object, Map, Array, Rows, AnyOf };

struct ArgField;

struct ArgSpec {
  ArgType type = ArgType::Any;
  bool nullable = false;   // null is a value of its own (a limit of null: unlimited)
  bool non_empty = false;  // strings: "" is refused as missing
  int64_t min = INT64_MIN, max = INT64_MAX;  // integers
  size_t max_length = 0;                     // strings, in characters; 0: no limit
  std::vector<std::string> one_of;           // strings: the allowed values
  std::vector<ArgField> fields;              // objects: every field a caller may give
  std::vector<ArgSpec> items;  // arrays and rows: {element}; maps: {value}; AnyOf: the alternatives
  std::string doc;             // a type name for the docs ("Metric", "NewThing[]"), optional

  // Out of line (arg_spec.cpp), with ArgField's: the manifests build hundreds of specs, and in
  // wasm the inlined member-wise copies and destructors (with their unwind paths) were tens of KB.
  ArgSpec();
  ArgSpec(const ArgSpec& other);
  ArgSpec(ArgSpec&& other) noexcept;
  ArgSpec& operator=(const ArgSpec& other);
  ArgSpec& operator=(ArgSpec&& other) noexcept;
  ~ArgSpec();

  ArgSpec Nullable() const;
  ArgSpec NonEmpty() const;
  ArgSpec MaxLength(size_t characters) const;
  ArgSpec OneOf(std::vector<std::string> values) const;
  ArgSpec Doc(std::string name) const;
  // The declared field called `name`, or nullptr.
  const ArgField* Field(std::string_view name) const;
};

struct ArgField {
  std::string name;
  bool required = false;
  ArgSpec spec;

  ArgField();
  ArgField(std::string_view name, bool required, ArgSpec spec);
  ArgField(const ArgField& other);
  ArgField(ArgField&& other) noexcept;
  ArgField& operator=(const ArgField& other);
  ArgField& operator=(ArgField&& other) noexcept;
  ~ArgField();
};

namespace arg {
ArgSpec Any();
ArgSpec String();
ArgSpec Id();  // a non-empty string
ArgSpec Integer(int64_t min, int64_t max);
ArgSpec Number();
ArgSpec Boolean();
ArgSpec Object(std::vector<ArgField> fields);
ArgSpec Map(ArgSpec value);      // an object with free keys (e.g. metrics), each value checked
ArgSpec Array(ArgSpec element);  // every element checked
ArgSpec Rows(ArgSpec row);       // an array whose rows the operation checks one by one
ArgSpec AnyOf(std::vector<ArgSpec> alternatives);  // e.g. a column name or {column, as}
ArgSpec None();                  // an operation without arguments: {} only
ArgField Required(std::string_view name, ArgSpec spec);
ArgField Optional(std::string_view name, ArgSpec spec);
}  // namespace arg

// Checks `args` against `spec` (an Object spec for an argument object). OK or INVALID_ARGUMENT
// as described above. `skip` names a top-level field the caller has read itself (the bulk
// member of a scanned call): it is neither checked nor required here.
Status CheckArgs(const ArgSpec& spec, const nlohmann::json& args, std::string_view skip = {});
// The error for a top-level member `key` that `spec` does not declare, or OK: what a scanning
// reader calls at each key, before it reads the value.
Status CheckKnownField(const ArgSpec& spec, std::string_view key);
// The unknown-field error for `key` at `path` ("" at the top), suggesting the closest name of
// `known`.
Status UnknownField(std::string_view path, std::string_view key, const std::vector<std::string_view>& known);

// The spec as JSON: {type, nullable?, min?, max?, maxLength?, oneOf?, fields?: [{name,
// required, ...}], items?: [...], doc?}; the manifest hands this to JS and the docs.
nlohmann::json DescribeSpec(const ArgSpec& spec);

}  // namespace edgetally
