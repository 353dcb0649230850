// CreatorStatsJson: getCreatorStats' answer written as text, apart from metrics_json.cpp so it
// is compiled for speed in wasm (CMakeLists.txt ET_HOT_SOURCES): it runs on every dashboard
// refresh of a creator card, the rest of metrics_json builds trees and is compiled for size.
#include "api/entity_json.h"
#include "api/metrics_json.h"
#include "common/json_writer.h"

namespace edgetally {

namespace {
// A double as nlohmann's dump writes it (shortest text that reads back the same, ".0" on whole
// numbers), so the text path and the tree path agree byte for byte.
void WriteNumber(JsonWriter& out, double value) {
  char buffer[64];
  char* end = nlohmann::detail::to_chars(buffer, buffer + sizeof buffer, value);
  out.Raw(std::string_view(buffer, static_cast<size_t>(end - buffer)));
}
}  // namespace

std::string CreatorStatsText(const Thing& creator, const CreatorStats& s) {
  JsonWriter out;
  out.Reserve(512 + creator.name.size() + creator.properties.size());
  out.BeginObject().Key("_computed").BeginObject().Key("activeDays30").Int(s.active_days_30);
  WriteNumber(out.Key("avgRevenuePerContent"), s.avg_revenue_per_content);
  WriteNumber(out.Key("engagementRate"), s.engagement_rate);
  out.Key("lastActive");
  s.last_active ? out.Int(*s.last_active) : out.Null();
  WriteNumber(out.Key("revenueThisMonth"), s.revenue_this_month);
  out.Key("totalComments").Int(s.total_comments).Key("totalContent").Int(s.total_content);
  out.Key("totalFollowers").Int(s.total_followers).Key("totalLikes").Int(s.total_likes);
  WriteNumber(out.Key("totalRevenue"), s.total_revenue);
  out.Key("totalViews").Int(s.total_views).EndObject();
  std::string text = out.Take();
  std::string thing = ThingText(creator);  // {"createdAt":...}: its members follow "_computed"
  text += ',';
  text.append(thing, 1, std::string::npos);
  return text;
}

}  // namespace edgetally
