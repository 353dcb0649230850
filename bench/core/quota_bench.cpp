// quota_bench: the cost of a quota check inside the engine, without the JS boundary. Opens an
// in-memory engine, creates a 'pro' group holding 10,000 things (its entities_total limit) and
// `records` api_calls_per_month usage records spread over the current month, then times
// getGroupQuotas and checkCanCreateEntities({count: 10}) through Engine::Call: a warm-up, then
// 7 batches of `calls` calls each, each batch timed with steady_clock. Prints one JSON line
// with the median of the batches' microseconds per call (bench/run.mjs reads it).
// Usage: quota_bench [records (default 100000)] [calls per batch (default 20000)]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "engine/engine.h"

namespace {

using edgetally::Engine;
using Json = nlohmann::json;

constexpr int kThings = 10000;
constexpr int kWarmupCalls = 1000;
constexpr int kBatches = 7;
constexpr int kCheckCount = 10;

[[noreturn]] void Fail(const std::string& message) {
  std::fprintf(stderr, "quota_bench: %s\n", message.c_str());
  std::exit(1);
}

Json Call(Engine& engine, std::string_view op, const Json& args) {
  auto result = engine.Call(op, args);
  if (!result.ok()) Fail(std::string(op) + ": " + result.status().ToString());
  return std::move(result).value();
}

void InsertThings(Engine& engine, const std::string& group) {
  Json things = Json::array();
  for (int i = 0; i < kThings; ++i) {
    things.push_back({{"type", "course"},
                      {"name", "Course " + std::to_string(i)},
                      {"properties", {{"price", i % 500}, {"level", i % 3}}}});
  }
  Json result = Call(engine, "batchInsertThings", {{"groupId", group}, {"things", things}});
  if (result["summary"]["success"] != kThings) {
    Fail("batchInsertThings: " + result["summary"].dump());
  }
}

// `records` records of 1 call each, their timestamps spread from the period start to now.
void RecordUsage(Engine& engine, const std::string& group, int records) {
  Json quotas = Call(engine, "getGroupQuotas", {{"groupId", group}});
  int64_t start = quotas["quotas"]["api_calls_per_month"]["periodStart"];
  int64_t span = std::max<int64_t>(1, engine.Now() - start);
  Json args = {{"groupId", group}, {"metric", "api_calls_per_month"}, {"amount", 1}};
  for (int i = 0; i < records; ++i) {
    args["timestamp"] = start + span * i / records;
    Call(engine, "recordUsage", args);
  }
}

// Checks the engine sees what was set up, so the timings measure the real workload.
void Verify(Engine& engine, const std::string& group, int records) {
  Json quotas = Call(engine, "getGroupQuotas", {{"groupId", group}})["quotas"];
  if (quotas["api_calls_per_month"]["current"] != records ||
      quotas["entities_total"]["current"] != kThings) {
    Fail("unexpected usage after setup: " + quotas.dump());
  }
}

std::string SetUp(Engine& engine, int records) {
  std::string group = Call(engine, "createGroup", {{"name", "Bench"}, {"plan", "pro"}})["id"];
  InsertThings(engine, group);
  RecordUsage(engine, group, records);
  Verify(engine, group, records);
  return group;
}

// One call as the wasm bindings make it: JSON text in, JSON text out.
void CallAsBindings(Engine& engine, std::string_view op, const std::string& args_text) {
  auto result = engine.CallForText(op, args_text);
  if (!result.ok()) Fail(std::string(op) + " failed: " + result.status().ToString());
}

double MedianMicrosPerCall(Engine& engine, std::string_view op, const Json& args, int calls) {
  std::string args_text = args.dump();
  for (int i = 0; i < kWarmupCalls; ++i) CallAsBindings(engine, op, args_text);
  std::vector<double> per_call;
  for (int batch = 0; batch < kBatches; ++batch) {
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < calls; ++i) CallAsBindings(engine, op, args_text);
    std::chrono::duration<double, std::micro> elapsed = std::chrono::steady_clock::now() - start;
    per_call.push_back(elapsed.count() / calls);
  }
  std::sort(per_call.begin(), per_call.end());
  return per_call[kBatches / 2];
}

int PositiveArg(int argc, char** argv, int index, int fallback) {
  if (argc <= index) return fallback;
  int value = std::atoi(argv[index]);
  if (value <= 0) Fail("usage: quota_bench [records] [calls per batch] (positive integers)");
  return value;
}

}  // namespace

int main(int argc, char** argv) {
  int records = PositiveArg(argc, argv, 1, 100000);
  int calls = PositiveArg(argc, argv, 2, 20000);
  auto opened = Engine::Open(nullptr, "");
  if (!opened.ok()) Fail("open: " + opened.status().ToString());
  Engine& engine = *opened.value();
  std::string group = SetUp(engine, records);
  double quotas_us = MedianMicrosPerCall(engine, "getGroupQuotas", {{"groupId", group}}, calls);
  Json check_args = {{"groupId", group}, {"count", kCheckCount}};
  double check_us = MedianMicrosPerCall(engine, "checkCanCreateEntities", check_args, calls);
  std::printf("{\"getGroupQuotas_us\": %.2f, \"checkCanCreateEntities_us\": %.2f, \"records\": %d, "
              "\"things\": %d}\n", quotas_us, check_us, records, kThings);
  return 0;
}
