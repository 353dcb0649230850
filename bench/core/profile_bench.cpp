// profile_bench: one bench workload inside the engine, as the wasm bindings call it (JSON text
// in, text out), for instruction-count profiles that the machine's load cannot skew:
//   valgrind --tool=callgrind build/native/bench/core/profile_bench things 10000
// Workloads: things (batchInsertThings with the bench's price rule), connections (between
// 10,000 things), csv (beginImport, importChunk, endBatch of the bench's CSV shape), quota
// (getGroupQuotas + checkCanCreateEntities, N times), events (logEvents of N events in calls of
// 10,000 over the metrics bench's 10,000 things and ~20,000 connections, the same distribution
// as bench/workloads/metrics.mjs). Prints one JSON line with the ms taken (and the events' own).
// archive: the events workload logged oldest first, then archival of the group's events older
// than 365 days (prepare and commit CPU apart; CACHE=KiB sets cache_size).
// quotaw (one usage write + the quota check, N rounds, over RECORDS=100,000 usage records).
// creator: the events workload (EVENTS=100,000 by default), then N rounds of one logEvents of
// one event (untimed) + getCreatorStats of the next creator, as bench/workloads/metrics.mjs.
// Knobs for events: CHUNK=n events per call, ORDERED=1 oldest first (as an app logs them),
// NOSIZE=1 skips the size pass.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "archive/gzip_check.h"
#include "engine/engine.h"
#include "store/database.h"
#include "store/statement.h"
#include "metrics_data.h"

namespace {

using edgetally::Engine;

[[noreturn]] void Fail(const std::string& message) {
  std::fprintf(stderr, "profile_bench: %s\n", message.c_str());
  std::exit(1);
}

// This thread's CPU time: what a load costs even while other work shares the cores.
double CpuMs() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

std::string Call(Engine& engine, std::string_view op, const std::string& args) {
  auto result = engine.CallForText(op, args);
  if (!result.ok()) Fail(std::string(op) + ": " + result.status().ToString());
  return std::move(result).value();
}

std::string ThingsJson(int n) {
  static const char* kCategories[] = {"development", "design", "business", "marketing", "data"};
  std::string out = "[";
  char buffer[512];
  for (int i = 0; i < n; ++i) {
    std::snprintf(buffer, sizeof buffer,
                  "%s{\"type\":\"course\",\"name\":\"Course %d\",\"properties\":{\"description\":"
                  "\"Hands-on course number %d covering the basics and practice.\",\"price\":%.2f,"
                  "\"category\":\"%s\",\"instructor\":\"Instructor %d\"}}",
                  i ? "," : "", i, i, (i % 500) / 10.0 + 0.99, kCategories[i % 5], i % 97);
    out += buffer;
  }
  return out + "]";
}

std::string CsvText(int n) {
  std::string out = "title,description,price,category,instructor\n";
  char buffer[512];
  for (int i = 0; i < n; ++i) {
    std::snprintf(buffer, sizeof buffer, "Course %d,\"Course %d, the basics, practice, and a final quiz.\",%.2f,data,Instructor %d\n",
                  i, i, (i % 500) / 10.0 + 0.99, i % 97);
    out += buffer;
  }
  return out;
}

std::string SetUp(Engine& engine, const char* plan) {
  Call(engine, "setValidationRules",
       R"({"rules":{"schemas":{"course":{"price":{"type":"number","min":0,"required":true}}}}})");
  std::string group = Call(engine, "createGroup", std::string(R"({"name":"Bench","plan":")") + plan + "\"}");
  size_t at = group.find("\"id\":\"");
  return group.substr(at + 6, group.find('"', at + 6) - at - 6);
}

// The bytes a store's pages take after VACUUM.
int64_t VacuumedBytes(edgetally::Database& db) {
  if (!db.Exec("VACUUM").ok()) Fail("vacuum");
  auto stmt = db.Prepare("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()");
  if (!stmt.ok() || !stmt->Step().ok()) Fail("page count");
  return stmt->ColumnInt(0);
}

// What the metric aggregates add to the store: its size, then its size without them.
int64_t AggregateBytes(Engine& engine) {
  static const char* kTables[] = {"metric_groups", "metric_state", "metric_days", "metric_hours_recent",
      "metric_times_recent", "actor_last", "actor_last_days", "actor_days_recent", "target_totals",
      "target_revenue_days", "follow_state", "creator_totals", "creator_revenue_days",
      "engagement_days_recent", "engagement_times_recent", "engagement_window", "group_entity_stats",
      "group_connection_stats"};
  int64_t with = VacuumedBytes(engine.db());
  for (const char* table : kTables) {
    if (!engine.db().Exec(std::string("DROP TABLE ") + table).ok()) Fail(std::string("drop ") + table);
  }
  return with - VacuumedBytes(engine.db());
}

bool Env(const char* name) { return std::getenv(name) && std::string(std::getenv(name)) == "1"; }

// logEvents of n events (CHUNK per call, default 10,000) over the metrics bench's data set.
void RunEvents(Engine& engine, const std::string& g, int n) {
  MetricsData data(g);
  Call(engine, "setValidationRules", R"({"rules":{}})");  // the metrics bench has none
  if (Call(engine, "batchInsertThings", data.ThingsArgs()).find("\"failed\":0") == std::string::npos) Fail("things refused");
  for (const std::string& args : data.ConnectionArgs()) Call(engine, "batchCreateConnections", args);
  std::vector<std::string> calls;  // made before the clock starts
  const int chunk = std::getenv("CHUNK") ? std::atoi(std::getenv("CHUNK")) : MetricsData::kChunk;
  for (int at = 0; at < n; at += chunk) calls.push_back(data.EventArgs(std::min(chunk, n - at)));
  auto start = std::chrono::steady_clock::now();
  double cpu_start = CpuMs();
  for (const std::string& args : calls) {
    std::string result = Call(engine, "logEvents", args);
    if (result.find("\"failed\":0") == std::string::npos) Fail("logEvents refused events: " + result.substr(0, 300));
  }
  std::chrono::duration<double, std::milli> ms = std::chrono::steady_clock::now() - start;
  double cpu = CpuMs() - cpu_start;
  std::printf("{\"events\":%d,\"chunk\":%d,\"loadMs\":%.1f,\"cpuMs\":%.1f,\"aggregateBytes\":%lld}\n", n, chunk,
              ms.count(), cpu, static_cast<long long>(Env("NOSIZE") ? -1 : AggregateBytes(engine)));
}

// A gzip member of stored blocks (no compression: the core has no deflate) holding `data`.
std::string GzipStored(const std::string& data) {
  std::string out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);
  auto le32 = [&out](uint32_t v) { for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>(v >> (8 * i))); };
  size_t at = 0;
  do {
    size_t n = std::min<size_t>(65535, data.size() - at);
    out.push_back(at + n == data.size() ? 1 : 0);
    for (size_t v : {n, ~n}) out.push_back(static_cast<char>(v & 0xff)), out.push_back(static_cast<char>((v >> 8) & 0xff));
    out.append(data, at, n);
    at += n;
  } while (at < data.size());
  le32(edgetally::Crc32(data));
  le32(static_cast<uint32_t>(data.size()));
  return out;
}

// archive: n events logged oldest first over 400 days (ORDERED, calls of 20,000), then the
// group's events older than 365 days archived chunk by chunk (archivePrepare, a stored gzip,
// archiveCommit), timing prepare and commit apart. CACHE=KiB sets cache_size for the run.
// The body is stored, not deflated (~8x the bytes of node:zlib's): hashing and storing it cost
// more than with real gzip.
void RunArchive(Engine& engine, const std::string& g, int n) {
  setenv("ORDERED", "1", 1);
  setenv("NOSIZE", "1", 1);
  if (!std::getenv("CHUNK")) setenv("CHUNK", "20000", 1);
  RunEvents(engine, g, n);
  if (std::getenv("CACHE") && !engine.db().Exec(std::string("PRAGMA cache_size = -") + std::getenv("CACHE")).ok()) Fail("cache");
  std::string args = "{" + g + ",\"daysCutoff\":365}";
  double prepare = 0, commit = 0;
  int64_t archived = 0;
  for (;;) {
    double t0 = CpuMs();
    auto prepared = engine.CallText("archivePrepare", args);
    if (!prepared.ok()) Fail("archivePrepare: " + prepared.status().ToString());
    std::optional<std::string> ndjson = engine.TakeResultBytes();
    double t1 = CpuMs();
    prepare += t1 - t0;
    const nlohmann::json& descriptor = prepared.value();
    if (descriptor["events"] == 0 || !ndjson) break;
    nlohmann::json header = {{"groupId", descriptor["groupId"]}, {"range", descriptor["range"]}, {"events", descriptor["events"]},
                             {"ndjsonBytes", descriptor["ndjsonBytes"]}, {"crc32", descriptor["crc32"]}};
    std::string payload = header.dump() + "\n" + GzipStored(*ndjson);
    double t2 = CpuMs();
    auto committed = engine.CallText("archiveCommit", payload);
    if (!committed.ok()) Fail("archiveCommit: " + committed.status().ToString());
    commit += CpuMs() - t2;
    archived += descriptor["events"].get<int64_t>();
  }
  std::printf("{\"archived\":%lld,\"prepareCpuMs\":%.1f,\"commitCpuMs\":%.1f}\n", static_cast<long long>(archived), prepare, commit);
}

// quotaw: the bench's quota-checks-after-write: 10,000 things and RECORDS usage records
// (default 100,000, one API call each, spread over the current month, written one per call as
// the bench's set-up does), then n rounds of one usage write + getGroupQuotas +
// checkCanCreateEntities, timed (CPU) apart from the set-up.
void RunQuotaAfterWrite(Engine& engine, const std::string& g, int n) {
  Call(engine, "batchInsertThings", "{" + g + ",\"things\":" + ThingsJson(10000) + "}");
  const int records = std::getenv("RECORDS") ? std::atoi(std::getenv("RECORDS")) : 100000;
  const std::string usage = "{" + g + ",\"metric\":\"api_calls_per_month\",\"amount\":1";
  time_t now = std::time(nullptr);
  tm month = *gmtime(&now);
  month.tm_mday = 1, month.tm_hour = month.tm_min = month.tm_sec = 0;
  const int64_t start = static_cast<int64_t>(timegm(&month)) * 1000, span = static_cast<int64_t>(now) * 1000 - start;
  for (int i = 0; i < records; ++i) {
    Call(engine, "recordUsage", usage + ",\"timestamp\":" + std::to_string(start + span * i / records) + "}");
  }
  double cpu_start = CpuMs();
  for (int i = 0; i < n; ++i) {
    Call(engine, "recordUsage", usage + "}");
    Call(engine, "getGroupQuotas", "{" + g + "}");
    Call(engine, "checkCanCreateEntities", "{" + g + ",\"count\":10}");
  }
  std::printf("{\"records\":%d,\"rounds\":%d,\"cpuUsPerRound\":%.2f}\n", records, n, (CpuMs() - cpu_start) * 1000 / n);
}

// creator: getCreatorStats after a one-event write, cycling through the creators (users 1..2,000;
// a user with no content answers too), only the reads timed (CPU).
void RunCreatorStats(Engine& engine, const std::string& g, int n) {
  setenv("NOSIZE", "1", 1);
  RunEvents(engine, g, std::getenv("EVENTS") ? std::atoi(std::getenv("EVENTS")) : 100000);
  const int64_t now_ms = static_cast<int64_t>(std::time(nullptr)) * 1000;
  double reads = 0;
  for (int i = 0; i < n; ++i) {
    Call(engine, "logEvents", "{" + g + R"(,"events":[{"type":"view","ts":)" + std::to_string(now_ms) +
                                   R"(,"actorId":)" + std::to_string(1 + i % 2000) + R"(,"targetId":)" +
                                   std::to_string(2001 + i % 7000) + "}]}");
    double t0 = CpuMs();
    Call(engine, "getCreatorStats", R"({"creatorId":)" + std::to_string(1 + (i * 7) % 2000) + "}");
    reads += CpuMs() - t0;
  }
  std::printf("{\"rounds\":%d,\"cpuUsPerRead\":%.2f}\n", n, reads * 1000 / n);
}

void Run(Engine& engine, const std::string& workload, int n) {
  std::string group = SetUp(engine, workload == "quota" || workload == "quotaw" ? "pro" : "enterprise");
  std::string g = "\"groupId\":\"" + group + "\"";
  if (workload == "things") {
    Call(engine, "batchInsertThings", "{" + g + ",\"things\":" + ThingsJson(n) + "}");
  } else if (workload == "connections") {
    Call(engine, "batchInsertThings", "{" + g + ",\"things\":" + ThingsJson(10000) + "}");
    std::string rows = "[";
    for (int i = 0; i < n; ++i) {
      int from = i % 10000, to = (from + 1 + i / 10000) % 10000;
      rows += (i ? ",{\"fromId\":" : "{\"fromId\":") + std::to_string(from + 1) + ",\"toId\":" +
              std::to_string(to + 1) + ",\"type\":\"prerequisite\"}";
    }
    Call(engine, "batchCreateConnections", "{" + g + ",\"connections\":" + rows + "]}");
  } else if (workload == "csv") {
    Call(engine, "beginImport", "{" + g + R"(,"format":"csv","type":"course","mode":"partial","mapping":{"name":"title","properties":{"description":{"column":"description","as":"string"},"price":{"column":"price","as":"number"},"category":{"column":"category","as":"string"},"instructor":{"column":"instructor","as":"string"}}}})");
    std::string csv = CsvText(n);
    for (size_t at = 0; at < csv.size(); at += 1 << 20) Call(engine, "importChunk", csv.substr(at, 1 << 20));
    Call(engine, "endBatch", R"({"commit":true})");
  } else if (workload == "quota") {
    Call(engine, "batchInsertThings", "{" + g + ",\"things\":" + ThingsJson(10000) + "}");
    for (int i = 0; i < n; ++i) {
      Call(engine, "getGroupQuotas", "{" + g + "}");
      Call(engine, "checkCanCreateEntities", "{" + g + ",\"count\":10}");
    }
  } else if (workload == "quotaw") {
    RunQuotaAfterWrite(engine, g, n);
  } else if (workload == "events") {
    RunEvents(engine, g, n);
  } else if (workload == "creator") {
    RunCreatorStats(engine, g, n);
  } else if (workload == "archive") {
    RunArchive(engine, g, n);
  } else {
    Fail("unknown workload " + workload + " (things|connections|csv|quota|quotaw|events|creator|archive)");
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) Fail("usage: profile_bench <things|connections|csv|quota|events> <n>");
  auto opened = Engine::Open(nullptr, "");
  if (!opened.ok()) Fail("open: " + opened.status().ToString());
  auto start = std::chrono::steady_clock::now();
  Run(*opened.value(), argv[1], std::atoi(argv[2]));
  std::chrono::duration<double, std::milli> ms = std::chrono::steady_clock::now() - start;
  std::printf("{\"workload\":\"%s\",\"n\":%s,\"ms\":%.1f}\n", argv[1], argv[2], ms.count());
  return 0;
}
