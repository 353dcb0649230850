// CloudEvent: one usage record as a CloudEvents 1.0 structured-mode JSON object, the unit of
// the sync protocol (docs/PROTOCOL.md): id = record id, source = device id, type = metric,
// subject = group, time = RFC 3339 UTC with milliseconds, data = {amount, kind, period,
// periodStart, periodEnd, bucket}; no datacontenttype (optional: its absence means JSON data). Written as text (no JSON tree): the outbox is read in
// batches of thousands.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace edgetally {

class JsonWriter;

struct PendingRecord {
  std::string record_id;
  std::string metric;
  std::string kind;    // add | adjust | reset
  int64_t amount = 0;
  std::string period;  // daily | monthly | annual
  int64_t period_start = 0;
  int64_t period_end = 0;
  int64_t bucket = 0;
  int64_t ts = 0;
};

// "2026-12-01T09:05:46.123Z" for ms since the epoch (years 0000-9999; clamped outside).
std::string Rfc3339Ms(int64_t ms);
// Appends the record's event to `out` (an array element or a value after a key).
void WriteUsageEvent(JsonWriter& out, const PendingRecord& record, std::string_view group_id,
                     std::string_view device_id);
// The bytes of an event whose strings and integers all have length 0 except what `time`
// always takes: add the lengths of the variable parts to get an event's exact size (for
// strings that need no escaping). PROTOCOL.md's pendingBytes is computed this way.
int64_t UsageEventFixedBytes();

}  // namespace edgetally
