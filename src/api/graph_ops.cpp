// Graph operations: getThingWithRelationships, getThingRelationshipsPaginated and
// getThingActivity (declared in metrics_ops.h), with opaque keyset cursors (metrics/cursor.h).
#include "api/entity_json.h"
#include "api/metrics_json.h"
#include "api/metrics_ops.h"
#include "common/args.h"
#include "api/op_context.h"
#include "metrics/cursor.h"

namespace edgetally {

namespace {
constexpr char kRelationshipsCursor = 'r';
constexpr char kActivityCursor = 'a';

Result<Direction> ParseDirection(const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(std::string direction, RequireString(args, "direction"));
  if (direction == "outgoing") return Direction::Outgoing;
  if (direction == "incoming") return Direction::Incoming;
  return InvalidField("direction", "one_of", "direction must be 'outgoing' or 'incoming'");
}

// One type's page as {total, items, nextCursor}.
Result<nlohmann::json> TypePage(OpContext& ctx, int64_t thing, Direction direction, const std::optional<std::string>& type,
                                int64_t total, int64_t after, int64_t limit) {
  ET_ASSIGN_OR_RETURN(RelationshipPage page, ListRelationships(ctx.db(), thing, direction, type, after, limit));
  nlohmann::json items = nlohmann::json::array();
  for (const RelatedThing& item : page.items) items.push_back(RelatedJson(item, direction));
  nlohmann::json next = nullptr;
  if (page.more) {
    next = EncodeCursor(kRelationshipsCursor, {thing, static_cast<int64_t>(direction), page.items.back().connection_id});
  }
  return nlohmann::json{{"total", total}, {"items", items}, {"nextCursor", next}};
}

Result<nlohmann::json> DirectionGroups(OpContext& ctx, int64_t thing, Direction direction,
                                       const std::vector<std::string>& types, int64_t limit) {
  ET_ASSIGN_OR_RETURN(auto counts, CountRelationships(ctx.db(), thing, direction));
  nlohmann::json groups = nlohmann::json::object();
  for (const auto& [type, total] : counts) {
    if (!types.empty() && std::find(types.begin(), types.end(), type) == types.end()) continue;
    ET_ASSIGN_OR_RETURN(groups[type], TypePage(ctx, thing, direction, type, total, 0, limit));
  }
  return groups;
}
}  // namespace

Result<nlohmann::json> OpGetThingWithRelationships(OpContext& ctx, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(int64_t id, RequireInt(args, "thingId", 1, INT64_MAX));
  ET_ASSIGN_OR_RETURN(std::vector<std::string> types, OptionalTypes(args, "types"));
  ET_ASSIGN_OR_RETURN(int64_t limit, OptionalLimit(args, "limitPerType", 20, 1000));
  ET_ASSIGN_OR_RETURN(Thing thing, GetThing(ctx.db(), id));
  nlohmann::json out = ThingJson(thing);
  ET_ASSIGN_OR_RETURN(nlohmann::json outgoing, DirectionGroups(ctx, id, Direction::Outgoing, types, limit));
  ET_ASSIGN_OR_RETURN(nlohmann::json incoming, DirectionGroups(ctx, id, Direction::Incoming, types, limit));
  out["relationships"] = {{"outgoing", outgoing}, {"incoming", incoming}};
  return out;
}

Result<nlohmann::json> OpGetThingRelationshipsPaginated(OpContext& ctx, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(int64_t id, RequireInt(args, "thingId", 1, INT64_MAX));
  ET_ASSIGN_OR_RETURN(Direction direction, ParseDirection(args));
  ET_ASSIGN_OR_RETURN(std::optional<std::string> type, OptionalString(args, "type"));
  ET_ASSIGN_OR_RETURN(std::optional<std::string> cursor, OptionalString(args, "cursor"));
  ET_ASSIGN_OR_RETURN(int64_t limit, OptionalLimit(args, "limit", 20, 1000));
  int64_t after = 0;
  if (cursor) {
    ET_ASSIGN_OR_RETURN(std::vector<int64_t> keys, DecodeCursor(kRelationshipsCursor, *cursor, 3));
    if (keys[0] != id || keys[1] != static_cast<int64_t>(direction)) {
      return InvalidField("cursor", "cursor", "cursor belongs to another thing or direction");
    }
    after = keys[2];
  }
  ET_RETURN_IF_ERROR(GetThing(ctx.db(), id).status());
  ET_ASSIGN_OR_RETURN(auto counts, CountRelationships(ctx.db(), id, direction));
  int64_t total = 0;
  for (const auto& [t, n] : counts) total += (!type || t == *type) ? n : 0;
  return TypePage(ctx, id, direction, type, total, after, limit);
}

Result<nlohmann::json> OpGetThingActivity(OpContext& ctx, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(int64_t id, RequireInt(args, "thingId", 1, INT64_MAX));
  ET_ASSIGN_OR_RETURN(std::vector<std::string> types, OptionalTypes(args, "types"));
  ET_ASSIGN_OR_RETURN(std::optional<std::string> cursor, OptionalString(args, "cursor"));
  ET_ASSIGN_OR_RETURN(int64_t limit, OptionalLimit(args, "limit", 50, 1000));
  ActivityKey before;
  if (cursor) {
    ET_ASSIGN_OR_RETURN(std::vector<int64_t> keys, DecodeCursor(kActivityCursor, *cursor, 3));
    if (keys[0] != id) return InvalidField("cursor", "cursor", "cursor belongs to another thing");
    before = ActivityKey{keys[1], keys[2]};
  }
  ET_ASSIGN_OR_RETURN(Thing thing, GetThing(ctx.db(), id));
  ET_ASSIGN_OR_RETURN(ActivityPage page, ListActivity(ctx.db(), thing, types, before, limit));
  nlohmann::json items = nlohmann::json::array();
  for (const ActivityItem& item : page.items) items.push_back(ActivityJson(item));
  nlohmann::json next = nullptr;
  if (page.more) next = EncodeCursor(kActivityCursor, {id, page.items.back().ts, page.items.back().id});
  return nlohmann::json{{"items", items}, {"nextCursor", next}};
}

}  // namespace edgetally
