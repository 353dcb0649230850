// RecordError helpers: the one shape of a file-level failure.
#include "batch/record_error.h"

namespace edgetally {

Status FileError(std::string rule, std::string message, int64_t line) {
  nlohmann::json details = {{"rule", std::move(rule)}, {"line", line}};
  return Status(ErrorCode::InvalidArgument, std::move(message), std::move(details));
}

}  // namespace edgetally
