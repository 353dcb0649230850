// WriteBehindFile: contiguous writes reach the file below as one write, nothing reaches it
// before a Sync (or a read of those bytes) asks for it, reads and sizes always see every write,
// and a failure of the gathered write is reported by the call that wrote it out.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "store/memory_storage.h"
#include "store/write_behind.h"

using namespace edgetally;

namespace {

// A MemoryFile that counts the writes it is given and can be told to fail them.
class CountingFile : public StorageFile {
 public:
  explicit CountingFile(std::shared_ptr<std::vector<uint8_t>> bytes) : inner_(std::move(bytes)) {}
  Result<int64_t> Read(uint8_t* d, int64_t n, int64_t o) override { return inner_.Read(d, n, o); }
  Status Write(const uint8_t* s, int64_t n, int64_t o) override {
    ++writes;
    return fail ? Status(ErrorCode::IoError, "disk full") : inner_.Write(s, n, o);
  }
  Status Truncate(int64_t n) override { return inner_.Truncate(n); }
  Status Sync() override { return ++syncs, Status::Ok(); }
  Result<int64_t> Size() override { return inner_.Size(); }
  int writes = 0, syncs = 0;
  bool fail = false;

 private:
  MemoryFile inner_;
};

struct Fixture {
  std::shared_ptr<std::vector<uint8_t>> disk = std::make_shared<std::vector<uint8_t>>();
  CountingFile* below = nullptr;
  std::unique_ptr<WriteBehindFile> file;
  explicit Fixture(int64_t max_run = 1 << 20) {
    auto inner = std::make_unique<CountingFile>(disk);
    below = inner.get();
    file = std::make_unique<WriteBehindFile>(std::move(inner), max_run);
  }
  Status Put(const std::string& text, int64_t offset) {
    return file->Write(reinterpret_cast<const uint8_t*>(text.data()), static_cast<int64_t>(text.size()), offset);
  }
  std::string Get(int64_t size, int64_t offset) {
    std::string out(static_cast<size_t>(size), '\0');
    auto got = file->Read(reinterpret_cast<uint8_t*>(out.data()), size, offset);
    REQUIRE(got.ok());
    out.resize(static_cast<size_t>(got.value()));
    return out;
  }
  std::string Disk() const { return std::string(disk->begin(), disk->end()); }
};

}  // namespace

TEST_CASE("contiguous writes reach the file below as one write, at Sync and not before", "[vfs][write_behind]") {
  Fixture f;
  // The journal's shape: a 4-byte page number, the page, a 4-byte checksum, page after page.
  REQUIRE(f.Put("pgno", 0).ok());
  REQUIRE(f.Put(std::string(4096, 'p'), 4).ok());
  REQUIRE(f.Put("sum!", 4100).ok());
  REQUIRE(f.Put("pgn2", 4104).ok());
  CHECK(f.below->writes == 0);
  CHECK(f.Disk().empty());  // a process killed now leaves nothing of these writes: as a power cut would
  REQUIRE(f.file->Sync().ok());
  CHECK(f.below->writes == 1);
  CHECK(f.below->syncs == 1);
  CHECK(f.Disk() == "pgno" + std::string(4096, 'p') + "sum!pgn2");
}

TEST_CASE("a write elsewhere writes the gathered run out first, in order", "[vfs][write_behind]") {
  Fixture f;
  REQUIRE(f.Put("aaaa", 0).ok());
  REQUIRE(f.Put("bbbb", 4).ok());
  REQUIRE(f.Put("XX", 2).ok());  // overwrites part of the run: the run must land first
  CHECK(f.below->writes == 1);
  CHECK(f.Disk() == "aaaabbbb");
  REQUIRE(f.file->Flush().ok());
  CHECK(f.Disk() == "aaXXbbbb");
  CHECK(f.below->writes == 2);
}

TEST_CASE("reads and sizes see every write, gathered or not", "[vfs][write_behind]") {
  Fixture f;
  REQUIRE(f.Put("hello", 0).ok());
  REQUIRE(f.file->Flush().ok());
  REQUIRE(f.Put(" world", 5).ok());
  CHECK(f.Get(3, 0) == "hel");  // does not overlap the run: answered from below, run kept
  CHECK(f.below->writes == 1);
  CHECK(f.Get(11, 0) == "hello world");  // overlaps: the run is written out first
  CHECK(f.below->writes == 2);
  REQUIRE(f.Put("!", 11).ok());
  CHECK(f.file->Size().value() == 12);
  REQUIRE(f.Put("tail", 12).ok());
  REQUIRE(f.file->Truncate(6).ok());
  CHECK(f.Get(100, 0) == "hello ");
}

TEST_CASE("a run reaching its bound is written out; a write larger than the bound goes straight through", "[vfs][write_behind]") {
  Fixture f(16);
  REQUIRE(f.Put(std::string(10, 'a'), 0).ok());
  REQUIRE(f.Put(std::string(10, 'b'), 10).ok());  // 20 > 16: the first run is written, a new one starts
  CHECK(f.below->writes == 1);
  REQUIRE(f.Put(std::string(40, 'c'), 20).ok());  // the 'b' run, then the large write itself
  CHECK(f.below->writes == 3);
  CHECK(f.Disk() == std::string(10, 'a') + std::string(10, 'b') + std::string(40, 'c'));
}

TEST_CASE("a failed gathered write is reported by the Sync that wrote it out, and the sync is not done", "[vfs][write_behind]") {
  Fixture f;
  REQUIRE(f.Put("data", 0).ok());
  f.below->fail = true;
  Status synced = f.file->Sync();
  CHECK(synced.code() == ErrorCode::IoError);
  CHECK(synced.message() == "disk full");
  CHECK(f.below->syncs == 0);
}
