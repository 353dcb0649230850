// PosixStorage: file descriptors with RAII close.
#include "store/posix_storage.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace edgetally {

namespace {

Status Errno(const std::string& what) {
  return Status(ErrorCode::IoError, what + ": " + std::strerror(errno));
}

class PosixFile : public StorageFile {
 public:
  explicit PosixFile(int fd) : fd_(fd) {}
  ~PosixFile() override { ::close(fd_); }
  PosixFile(const PosixFile&) = delete;
  PosixFile& operator=(const PosixFile&) = delete;

  Result<int64_t> Read(uint8_t* dst, int64_t size, int64_t offset) override {
    int64_t done = 0;
    while (done < size) {
      ssize_t n = ::pread(fd_, dst + done, static_cast<size_t>(size - done), offset + done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return Errno("read");
      if (n == 0) break;
      done += n;
    }
    return done;
  }

  Status Write(const uint8_t* src, int64_t size, int64_t offset) override {
    int64_t done = 0;
    while (done < size) {
      ssize_t n = ::pwrite(fd_, src + done, static_cast<size_t>(size - done), offset + done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return Errno("write");
      done += n;
    }
    return Status::Ok();
  }

  Status Truncate(int64_t size) override {
    return ::ftruncate(fd_, size) == 0 ? Status::Ok() : Errno("truncate");
  }

  Status Sync() override { return ::fsync(fd_) == 0 ? Status::Ok() : Errno("fsync"); }

  Result<int64_t> Size() override {
    struct stat st;
    if (::fstat(fd_, &st) != 0) return Errno("stat");
    return static_cast<int64_t>(st.st_size);
  }

 private:
  int fd_;
};

}  // namespace

Result<std::unique_ptr<StorageFile>> PosixStorage::Open(const std::string& path, bool create) {
  int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0), 0644);
  if (fd < 0) return Errno("open " + path);
  return std::unique_ptr<StorageFile>(new PosixFile(fd));
}

Status PosixStorage::Delete(const std::string& path) {
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return Errno("unlink " + path);
  return Status::Ok();
}

Result<bool> PosixStorage::Exists(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return false;
  return st.st_size > 0;
}

}  // namespace edgetally
