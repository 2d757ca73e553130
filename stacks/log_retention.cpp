#include "stacks/log_retention.h"

#include <fmt/core.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace keelson {
namespace {

// PutRetentionPolicy's accepted values.
constexpr std::array<std::int64_t, 22> kRetentionDays = {
    1,   3,   5,   7,   14,   30,   60,   90,   120,  150,  180,
    365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653};

}  // namespace

std::optional<std::string> check_log_retention(std::string_view field, const Value& days) {
  if (days.contains_expr()) return std::nullopt;
  const bool whole =
      days.kind() == Value::Kind::kInt ||
      (days.kind() == Value::Kind::kFloat &&
       days.as_number() == static_cast<double>(static_cast<std::int64_t>(days.as_number())));
  if (whole && std::find(kRetentionDays.begin(), kRetentionDays.end(),
                         static_cast<std::int64_t>(days.as_number())) != kRetentionDays.end()) {
    return std::nullopt;
  }
  const std::string got = days.is_number()   ? fmt::format("{}", days.as_number())
                          : days.is_string() ? "\"" + days.as_string() + "\""
                                             : days.kind_name();
  return fmt::format("{} must be one of the retention periods CloudWatch Logs accepts ({}), got {}",
                     field, fmt::join(kRetentionDays, ", "), got);
}

}  // namespace keelson
