// ThingUpdates: diff and apply.
#include "model/thing_updates.h"

#include "common/args.h"
#include "model/events.h"
#include "model/group_stats.h"
#include "model/text_rules.h"
#include "store/database.h"
#include "store/statement.h"

namespace edgetally {

namespace {

constexpr size_t kMaxStatusLength = 32;
constexpr const char* kUpdate =
    "UPDATE things SET name = ?2, type = ?3, status = ?4, properties = ?5, updated_at = ?6 WHERE id = ?1";

void Track(nlohmann::json& changes, const std::string& field, const nlohmann::json& before,
           const nlohmann::json& after) {
  if (before != after) changes[field] = {{"before", before}, {"after", after}};
}

// Applies a shallow patch to `properties`, recording each changed key.
void PatchProperties(nlohmann::json& properties, const nlohmann::json& patch, nlohmann::json& changes) {
  for (const auto& [key, value] : patch.items()) {
    auto current = properties.find(key);
    nlohmann::json before = current == properties.end() ? nlohmann::json(nullptr) : *current;
    if (value.is_null()) properties.erase(key);
    else properties[key] = value;
    Track(changes, "properties." + key, before, value);
  }
}

Result<std::optional<std::string>> OptionalName(const nlohmann::json& row) {
  if (!row.contains("name")) return std::optional<std::string>();
  ET_ASSIGN_OR_RETURN(std::string raw, RequireString(row, "name"));
  ET_ASSIGN_OR_RETURN(std::string name, CleanName(raw, "name"));
  return std::optional<std::string>(name);
}

}  // namespace

Result<ThingUpdate> CheckUpdate(const nlohmann::json& row) {
  ET_RETURN_IF_ERROR(RequireObject(row, "update"));
  for (const auto& [key, value] : row.items()) {
    if (key != "id" && key != "name" && key != "type" && key != "status" && key != "properties") {
      return InvalidField(key, "unknown_field", "unknown field '" + key + "' (an update has id, name, type, status, properties)");
    }
  }
  ThingUpdate update;
  ET_ASSIGN_OR_RETURN(update.id, RequireInt(row, "id", 1, INT64_MAX));
  ET_ASSIGN_OR_RETURN(update.name, OptionalName(row));
  if (row.contains("type")) {
    ET_ASSIGN_OR_RETURN(update.type, RequireString(row, "type"));
    ET_RETURN_IF_ERROR(CheckType(*update.type));
  }
  if (row.contains("status")) {
    ET_ASSIGN_OR_RETURN(update.status, RequireString(row, "status"));
    if (update.status->size() > kMaxStatusLength) return InvalidField("status", "max_length", "status must be at most 32 characters");
  }
  auto properties = row.find("properties");
  if (properties != row.end()) {
    if (!properties->is_object()) return InvalidField("properties", "object", "properties must be a JSON object (a patch)");
    update.properties_patch = *properties;
  }
  return update;
}

Result<std::optional<ThingChange>> ComputeChange(Database& db, const std::string& group_id,
                                                 const ThingUpdate& update) {
  Result<Thing> current = GetThing(db, update.id);
  if (!current.ok()) return InvalidField("id", "unknown_thing", "thing " + std::to_string(update.id) + " does not exist");
  if (current->group_id != group_id) return InvalidField("id", "other_group", "thing " + std::to_string(update.id) + " belongs to another group");
  ThingChange change{0, current.value(), nlohmann::json::object(), 0, current->type,
                     static_cast<int64_t>(current->properties.size())};
  Thing& after = change.after;
  if (update.name) Track(change.changes, "name", after.name, *update.name), after.name = *update.name;
  if (update.type) Track(change.changes, "type", after.type, *update.type), after.type = *update.type;
  if (update.status) Track(change.changes, "status", after.status, *update.status), after.status = *update.status;
  if (update.properties_patch) {
    nlohmann::json properties = nlohmann::json::parse(after.properties, nullptr, false);
    PatchProperties(properties, *update.properties_patch, change.changes);
    after.properties = properties.dump();
    ET_RETURN_IF_ERROR(CheckPropertiesSize(after.properties));
  }
  if (change.changes.empty()) return std::optional<ThingChange>();
  const Thing& before = current.value();
  change.storage_delta = static_cast<int64_t>(after.name.size() + after.type.size() + after.properties.size()) -
                         static_cast<int64_t>(before.name.size() + before.type.size() + before.properties.size());
  return std::optional<ThingChange>(std::move(change));
}

Status ApplyChanges(Database& db, const std::string& group_id, const std::vector<ThingChange>& changes,
                    int64_t now) {
  ET_ASSIGN_OR_RETURN(Statement * update, db.Cached(kUpdate));
  std::vector<std::string> metadata;
  metadata.reserve(changes.size());
  std::vector<NewEvent> events;
  EntityDeltas deltas;
  for (const ThingChange& change : changes) {
    const Thing& t = change.after;
    update->Bind(1, t.id).Bind(2, t.name).Bind(3, t.type).Bind(4, t.status).Bind(5, t.properties).Bind(6, now);
    ET_RETURN_IF_ERROR(update->Run());
    metadata.push_back(nlohmann::json{{"changes", change.changes}}.dump());
    auto& before = deltas[change.before_type];
    before.first -= 1;
    before.second -= change.before_property_bytes;
    auto& after = deltas[t.type];
    after.first += 1;
    after.second += static_cast<int64_t>(t.properties.size());
  }
  ET_RETURN_IF_ERROR(AddEntityStats(db, group_id, deltas));
  for (size_t i = 0; i < changes.size(); ++i) {
    events.push_back(NewEvent{"thing_updated", 0, changes[i].after.id, metadata[i]});
  }
  return AppendEvents(db, group_id, now, events);
}

}  // namespace edgetally
