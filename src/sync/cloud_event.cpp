// CloudEvent: the usage record's wire form, written with JsonWriter.
#include "sync/cloud_event.h"

#include <algorithm>

#include "common/json_writer.h"
#include "usage/periods.h"

namespace edgetally {

namespace {
constexpr int64_t kDayMs = 86400000;
constexpr int64_t kMaxMs = 253402300799999;  // 9999-12-31T23:59:59.999Z
}  // namespace

std::string Rfc3339Ms(int64_t ms) {
  ms = std::clamp<int64_t>(ms, 0, kMaxMs);
  int64_t days = ms / kDayMs, in_day = ms % kDayMs;
  int64_t year = 0;
  int month = 0, day = 0;
  CivilFromDays(days, &year, &month, &day);
  // "YYYY-MM-DDTHH:MM:SS.mmmZ" digit by digit (snprintf costs more than the rest of an event)
  std::string text = "0000-00-00T00:00:00.000Z";
  auto put = [&text](size_t at, int64_t value, int digits) {
    for (int i = digits - 1; i >= 0; --i, value /= 10) text[at + i] = static_cast<char>('0' + value % 10);
  };
  put(0, year, 4);
  put(5, month, 2);
  put(8, day, 2);
  put(11, in_day / 3600000, 2);
  put(14, in_day / 60000 % 60, 2);
  put(17, in_day / 1000 % 60, 2);
  put(20, in_day % 1000, 3);
  return text;
}

void WriteUsageEvent(JsonWriter& out, const PendingRecord& r, std::string_view group_id,
                     std::string_view device_id) {
  out.BeginObject();
  out.Key("specversion").String("1.0");
  out.Key("id").String(r.record_id);
  out.Key("source").String(device_id);
  out.Key("type").String(r.metric);
  out.Key("subject").String(group_id);
  out.Key("time").String(Rfc3339Ms(r.ts));  // no datacontenttype: absent means JSON data
  out.Key("data").BeginObject();
  out.Key("amount").Int(r.amount);
  out.Key("kind").String(r.kind);
  out.Key("period").String(r.period);
  out.Key("periodStart").Int(r.period_start);
  out.Key("periodEnd").Int(r.period_end);
  out.Key("bucket").Int(r.bucket);
  out.EndObject();
  out.EndObject();
}

int64_t UsageEventFixedBytes() {
  static const int64_t bytes = [] {
    JsonWriter out;
    WriteUsageEvent(out, PendingRecord{}, "", "");
    return static_cast<int64_t>(out.text().size()) - 4;  // four integers written as "0"
  }();
  return bytes;
}

}  // namespace edgetally
