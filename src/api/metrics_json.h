// MetricsJson: the JSON shapes of the metrics results (the reference's field names) and the
// few argument readers the metrics operations share (optional type lists, limits; the
// declarations in metrics_ops.cpp check the rest). Kept apart from the ops so each op stays a screen long.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "metrics/activity.h"
#include "metrics/computed.h"
#include "metrics/relationships.h"

namespace edgetally {

// args[field]: absent/null -> empty; else a non-empty array of 1..64-character strings.
Result<std::vector<std::string>> OptionalTypes(const nlohmann::json& args, std::string_view field);
// args[field] in [1, max], or `fallback` when absent.
Result<int64_t> OptionalLimit(const nlohmann::json& args, std::string_view field, int64_t fallback, int64_t max);

nlohmann::json CreatorStatsJson(const CreatorStats& stats);
// getCreatorStats' answer as JSON text: the creator thing with its stats under "_computed",
// byte for byte what dumping ThingJson(creator) plus CreatorStatsJson(stats) as one tree
// writes (keys sorted, numbers as nlohmann writes them), without building the tree.
std::string CreatorStatsText(const Thing& creator, const CreatorStats& stats);
nlohmann::json GroupMetricsJson(const GroupMetrics& metrics);
nlohmann::json RelatedJson(const RelatedThing& item, Direction direction);
nlohmann::json ActivityJson(const ActivityItem& item);

}  // namespace edgetally
