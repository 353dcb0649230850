// Helpers shared by the core tests: a temporary directory removed at scope exit, file bytes,
// and opening an Engine on PosixStorage.
#pragma once

#include <fstream>
#include <iterator>
#include <memory>
#include <random>
#include <string>

#include <stdlib.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "engine/engine.h"
#include "store/posix_storage.h"

namespace edgetally::test {

class TempDir {
 public:
  TempDir() {
    char pattern[] = "/tmp/edgetally-test-XXXXXX";
    path_ = mkdtemp(pattern);
  }
  ~TempDir() { std::system(("rm -rf '" + path_ + "'").c_str()); }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

inline Result<std::unique_ptr<Engine>> OpenFile(const std::string& path) {
  return Engine::Open(std::make_unique<PosixStorage>(), path);
}

// An in-memory engine with one group, and a Call that REQUIREs success: what most operation
// tests start from.
struct EngineFixture {
  explicit EngineFixture(const std::string& plan)
      : engine(std::move(Engine::Open(nullptr, "").value())),
        group(Call("createGroup", {{"name", "G"}, {"plan", plan}})["id"]) {}

  nlohmann::json Call(const std::string& op, const nlohmann::json& args) {
    auto result = engine->Call(op, args);
    INFO(op << " " << args.dump().substr(0, 200) << " -> " << result.status().ToString());
    REQUIRE(result.ok());
    return result.value();
  }

  std::unique_ptr<Engine> engine;
  std::string group;
};

// Opens and REQUIREs success.
#define ET_REQUIRE_OPEN(var, path)                                         \
  auto var##_result = ::edgetally::test::OpenFile(path);                  \
  INFO(var##_result.status().ToString());                                 \
  REQUIRE(var##_result.ok());                                              \
  std::unique_ptr<::edgetally::Engine> var = std::move(var##_result).value()

}  // namespace edgetally::test
