// EventInput: row checks for logEvents.
#include "metrics/event_input.h"

#include <algorithm>
#include <cmath>

#include "common/args.h"
#include "metrics/metric_time.h"
#include "model/thing_rules.h"
#include "store/database.h"
#include "store/statement.h"

namespace edgetally {

namespace {

constexpr int64_t kMaxSafeInteger = 9007199254740991;  // 2^53 - 1
constexpr const char* kThingInGroup = "SELECT group_id = ?2 FROM things WHERE id = ?1";

Status CheckFields(const nlohmann::json& row) {
  ET_RETURN_IF_ERROR(RequireObject(row, "event"));
  for (const auto& item : row.items()) {
    const std::string& key = item.key();
    if (key != "type" && key != "actorId" && key != "targetId" && key != "ts" && key != "amount" &&
        key != "currency" && key != "metadata") {
      return InvalidField(key, "unknown_field",
                          "unknown field '" + key +
                              "' (an event has type, actorId, targetId, ts, amount, currency, metadata)");
    }
  }
  return Status::Ok();
}

bool Present(const nlohmann::json& row, const char* field) {
  auto it = row.find(field);
  return it != row.end() && !it->is_null();
}

Result<int64_t> OptionalId(const nlohmann::json& row, const char* field) {
  if (!Present(row, field)) return int64_t{0};
  return RequireInt(row, field, 1, INT64_MAX);
}

Result<std::optional<int64_t>> ReadAmount(const nlohmann::json& row, const std::string& type) {
  if (!Present(row, "amount")) {
    if (type == "payment" || type == "refund") {
      return InvalidField("amount", "required", "a " + type + " needs an amount (integer minor units)");
    }
    return std::optional<int64_t>();
  }
  const nlohmann::json& value = row["amount"];
  auto not_integer = [] { return InvalidField("amount", "integer", "amount must be an integer number of minor units (cents)"); };
  auto negative = [] { return InvalidField("amount", "min", "amount must not be negative (log a refund instead)"); };
  auto unsafe = [] { return InvalidField("amount", "safe_integer", "amount must be a safe integer (at most 2^53 - 1)"); };
  if (value.is_number_float()) {
    double d = value.get<double>();
    if (!std::isfinite(d) || d != std::floor(d)) return not_integer();
    if (d < 0) return negative();
    if (d > static_cast<double>(kMaxSafeInteger)) return unsafe();
    return std::optional<int64_t>(static_cast<int64_t>(d));
  }
  if (!value.is_number_integer()) return not_integer();
  if (value.is_number_unsigned()) {
    if (value.get<uint64_t>() > static_cast<uint64_t>(kMaxSafeInteger)) return unsafe();
    return std::optional<int64_t>(static_cast<int64_t>(value.get<uint64_t>()));
  }
  int64_t amount = value.get<int64_t>();
  if (amount < 0) return negative();
  if (!EventAmountOk(amount)) return unsafe();
  return std::optional<int64_t>(amount);
}

Result<int64_t> ReadTs(const nlohmann::json& row, int64_t now) {
  if (!Present(row, "ts")) return now;
  ET_ASSIGN_OR_RETURN(int64_t ts, RequireInt(row, "ts", INT64_MIN, INT64_MAX));
  if (ts < kEarliestEventMs) return InvalidField("ts", "min", "ts must be at or after 2000-01-01T00:00:00Z");
  if (!EventTsOk(ts, now)) return InvalidField("ts", "max", "ts must be at most one day after the engine clock");
  return ts;
}

Status CheckCurrency(const std::string& currency) {
  if (CurrencyOk(currency)) return Status::Ok();
  return InvalidField("currency", "currency", "currency must be a three-letter ISO 4217 code such as USD");
}

Result<std::string> ReadMetadata(const nlohmann::json& row) {
  if (!Present(row, "metadata")) return std::string("{}");
  const nlohmann::json& value = row["metadata"];
  if (!value.is_object()) return InvalidField("metadata", "object", "metadata must be a JSON object");
  std::string text = value.dump();
  if (!MetadataSizeOk(text.size())) {
    return InvalidField("metadata", "max_bytes", "metadata must serialize to at most " + std::to_string(kMaxPropertiesBytes) + " bytes");
  }
  return text;
}

}  // namespace

bool IsEngineEventType(std::string_view type) {
  return type == "thing_created" || type == "thing_updated" || type == "connection_created";
}

bool EventTypeOk(std::string_view type) { return CheckType(type).ok() && !IsEngineEventType(type); }
bool EventTsOk(int64_t ts, int64_t now) { return ts >= kEarliestEventMs && ts <= now + kDayMs; }
bool EventAmountOk(int64_t amount) { return amount >= 0 && amount <= kMaxSafeInteger; }
bool CurrencyOk(std::string_view currency) {
  bool ok = currency.size() == 3;
  for (char c : currency) ok = ok && c >= 'A' && c <= 'Z';
  return ok;
}
bool MetadataSizeOk(size_t bytes) { return bytes <= kMaxPropertiesBytes; }

Result<LoggedEvent> CheckEventRow(const nlohmann::json& row, int64_t now) {
  ET_RETURN_IF_ERROR(CheckFields(row));
  LoggedEvent event;
  ET_ASSIGN_OR_RETURN(event.type, RequireString(row, "type"));
  ET_RETURN_IF_ERROR(CheckType(event.type));
  if (IsEngineEventType(event.type)) {
    return InvalidField("type", "reserved", "type '" + event.type + "' is logged by edgetally itself");
  }
  ET_ASSIGN_OR_RETURN(event.actor_id, OptionalId(row, "actorId"));
  ET_ASSIGN_OR_RETURN(event.target_id, OptionalId(row, "targetId"));
  ET_ASSIGN_OR_RETURN(event.ts, ReadTs(row, now));
  ET_ASSIGN_OR_RETURN(event.amount, ReadAmount(row, event.type));
  ET_ASSIGN_OR_RETURN(std::optional<std::string> currency, OptionalString(row, "currency"));
  if (currency) ET_RETURN_IF_ERROR(CheckCurrency(*currency));
  event.currency = currency.value_or("");
  ET_ASSIGN_OR_RETURN(event.metadata, ReadMetadata(row));
  return event;
}

Status EventRefs::Load(Database& db, const std::string& group_id, std::vector<int64_t> ids) {
  std::sort(ids.begin(), ids.end());  // in key order: each lookup lands next to the last
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  owners_.reserve(ids.size());
  ET_ASSIGN_OR_RETURN(Statement * stmt, db.Cached(kThingInGroup));
  for (int64_t id : ids) {
    stmt->Bind(1, id).Bind(2, group_id);
    ET_ASSIGN_OR_RETURN(bool found, stmt->Step());
    owners_.emplace(id, !found ? Owner::Missing : stmt->ColumnInt(0) ? Owner::Group : Owner::Other);
    stmt->Reset();
  }
  return Status::Ok();
}

Status EventRefs::CheckRef(int64_t id, const char* field) const {
  if (id == 0) return Status::Ok();
  auto owner = owners_.find(id);
  if (owner == owners_.end() || owner->second == Owner::Missing) {
    return InvalidField(field, "unknown_thing", std::string(field) + " " + std::to_string(id) + " is not a thing in this store");
  }
  if (owner->second == Owner::Other) {
    return InvalidField(field, "other_group", std::string(field) + " " + std::to_string(id) + " belongs to another group");
  }
  return Status::Ok();
}

Status EventRefs::Check(const LoggedEvent& event) const {
  ET_RETURN_IF_ERROR(CheckRef(event.actor_id, "actorId"));
  return CheckRef(event.target_id, "targetId");
}

}  // namespace edgetally
