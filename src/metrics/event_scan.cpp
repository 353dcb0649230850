// EventScan: the in-place reading of one event's text, with the parsed tree as the fallback.
#include "metrics/event_scan.h"

#include <nlohmann/json.hpp>

#include "common/json_scanner.h"

namespace edgetally {

namespace {

constexpr const char* kUnparsable = "event_unparsable";

// The raw text of each known member (empty when absent).
struct RawEvent {
  std::string_view type, actor, target, ts, amount, currency, metadata;
};

std::string_view* Slot(RawEvent* e, const std::string& key) {
  if (key == "type") return &e->type;
  if (key == "actorId") return &e->actor;
  if (key == "targetId") return &e->target;
  if (key == "ts") return &e->ts;
  if (key == "amount") return &e->amount;
  if (key == "currency") return &e->currency;
  if (key == "metadata") return &e->metadata;
  return nullptr;
}

// False unless `raw` is an object of known members, each once.
bool Collect(std::string_view raw, RawEvent* out) {
  JsonScanner scanner(raw);
  if (scanner.Peek() != JsonScanner::Kind::Object) return false;
  std::string key;
  scanner.EnterObject();
  while (scanner.NextKey(&key)) {
    std::string_view* slot = Slot(out, key);
    if (!slot || !slot->empty() || !scanner.SkipValue(slot)) return false;
  }
  return !scanner.failed();
}

// The content of a string literal without escapes; false for any other value.
bool PlainString(std::string_view raw, std::string_view* out) {
  if (raw.size() < 2 || raw.front() != '"' || raw.find('\\') != std::string_view::npos) return false;
  *out = raw.substr(1, raw.size() - 2);
  return true;
}

// A literal the parser reads as an integer: '-'? digits (at most 18, so it fits int64).
bool PlainInteger(std::string_view raw, int64_t* out) {
  bool negative = !raw.empty() && raw[0] == '-';
  std::string_view digits = raw.substr(negative ? 1 : 0);
  if (digits.empty() || digits.size() > 18) return false;
  int64_t value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  *out = negative ? -value : value;
  return true;
}

// An optional id: absent is 0; present, a plain integer of at least 1.
bool ReadId(std::string_view raw, int64_t* out) {
  if (raw.empty()) return true;
  return PlainInteger(raw, out) && *out >= 1;
}

// True when every rule passes; `event` then holds exactly what CheckEventRow would return.
bool ReadCommon(const RawEvent& raw, int64_t now, LoggedEvent* event) {
  std::string_view type, currency;
  if (!PlainString(raw.type, &type) || !EventTypeOk(type)) return false;
  event->type.assign(type);
  if (!ReadId(raw.actor, &event->actor_id) || !ReadId(raw.target, &event->target_id)) return false;
  event->ts = now;
  if (!raw.ts.empty() && !(PlainInteger(raw.ts, &event->ts) && EventTsOk(event->ts, now))) return false;
  if (raw.amount.empty()) {
    if (type == "payment" || type == "refund") return false;
  } else {
    int64_t amount = 0;
    if (!PlainInteger(raw.amount, &amount) || !EventAmountOk(amount)) return false;
    event->amount = amount;
  }
  if (!raw.currency.empty()) {
    if (!PlainString(raw.currency, &currency) || !CurrencyOk(currency)) return false;
    event->currency.assign(currency);
  }
  if (raw.metadata.empty()) {
    event->metadata = "{}";
  } else {
    if (raw.metadata.front() != '{') return false;
    nlohmann::json tree = nlohmann::json::parse(raw.metadata, nullptr, /*allow_exceptions=*/false);
    if (tree.is_discarded()) return false;
    event->metadata = raw.metadata.size() == 2 ? std::string("{}") : tree.dump();
    if (!MetadataSizeOk(event->metadata.size())) return false;
  }
  return true;
}

}  // namespace

bool NeedsParsedCall(const Status& status) {
  return status.details().is_object() && status.details().value("rule", "") == kUnparsable;
}

Result<LoggedEvent> ReadEventRow(std::string_view raw, int64_t now) {
  RawEvent fields;
  LoggedEvent event;
  if (Collect(raw, &fields) && ReadCommon(fields, now, &event)) return event;
  nlohmann::json tree = nlohmann::json::parse(raw, nullptr, /*allow_exceptions=*/false);
  if (tree.is_discarded()) return Status(ErrorCode::InvalidArgument, "event is not valid JSON", {{"rule", kUnparsable}});
  return CheckEventRow(tree, now);
}

}  // namespace edgetally
