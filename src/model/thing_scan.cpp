// ThingScan: one pass over a things array, validating as it reads.
#include "model/thing_scan.h"

#include "common/args.h"
#include "model/text_rules.h"

namespace edgetally {

namespace {

// Reads a string field; on a non-string value skips it and returns the rule it broke.
Status ScanStringField(JsonScanner& scanner, std::string_view field, std::string* out) {
  if (scanner.Peek() == JsonScanner::Kind::String) {
    scanner.ReadString(out);
    return Status::Ok();
  }
  scanner.SkipValue();
  return InvalidField(field, "required", std::string(field) + " must be a non-empty string");
}

Status ScanProperties(JsonScanner& scanner, std::string* out) {
  JsonScanner::Kind kind = scanner.Peek();
  std::string_view raw;
  scanner.SkipValue(&raw);
  if (kind == JsonScanner::Kind::Null) return Status::Ok();
  if (kind != JsonScanner::Kind::Object) {
    return InvalidField("properties", "object", "properties must be a JSON object");
  }
  out->assign(raw);
  return CheckPropertiesSize(raw);
}

}  // namespace

Result<NewThing> ScanThing(JsonScanner& scanner) {
  if (scanner.Peek() != JsonScanner::Kind::Object) {
    scanner.SkipValue();
    return InvalidField("thing", "object", "a thing must be a JSON object");
  }
  NewThing thing;
  std::string raw_name;
  Status first_error;
  bool has_type = false, has_name = false;
  std::string key;
  scanner.EnterObject();
  while (scanner.NextKey(&key)) {
    Status status;
    if (key == "type") {
      status = ScanStringField(scanner, "type", &thing.type);
      has_type = true;
    } else if (key == "name") {
      status = ScanStringField(scanner, "name", &raw_name);
      has_name = true;
    } else if (key == "properties") {
      status = ScanProperties(scanner, &thing.properties);
    } else {
      scanner.SkipValue();
      status = UnknownThingField(key);
    }
    if (first_error.ok() && !status.ok()) first_error = status;
  }
  if (scanner.failed()) return Status(ErrorCode::InvalidArgument, scanner.error());
  ET_RETURN_IF_ERROR(first_error);
  if (!has_type) return InvalidField("type", "required", "type must be a non-empty string");
  ET_RETURN_IF_ERROR(CheckType(thing.type));
  if (!has_name) return InvalidField("name", "required", "name must be a non-empty string");
  ET_ASSIGN_OR_RETURN(thing.name, CleanName(raw_name, "name"));
  if (thing.properties.empty()) thing.properties = "{}";
  return thing;
}

bool ScanThingArray(JsonScanner& scanner, CheckedThings* out) {
  if (scanner.Peek() != JsonScanner::Kind::Array) return false;
  scanner.EnterArray();
  while (scanner.NextElement()) {
    Result<NewThing> thing = ScanThing(scanner);
    if (scanner.failed()) return false;
    if (thing.ok()) {
      out->valid.push_back({out->total, std::move(thing).value()});
    } else {
      out->errors.push_back(RowErrorFrom(thing.status(), out->total));
    }
    ++out->total;
  }
  return !scanner.failed();
}

}  // namespace edgetally
