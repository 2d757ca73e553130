#include "environments/yaml_scalar.h"

#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <system_error>

#include "dsl/pattern.h"

namespace keelson {
namespace {

// Digits in `base`, negated when `negative`; nullopt when they are not all
// digits or do not fit an int64 (the caller then reads a float).
std::optional<Value> parse_int(std::string_view digits, int base, bool negative) {
  std::uint64_t magnitude = 0;
  const auto [end, ec] =
      std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
  if (end != digits.data() + digits.size()) return std::nullopt;
  constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (ec != std::errc() || magnitude > kMax + (negative ? 1 : 0)) return std::nullopt;
  if (!negative) return Value(static_cast<std::int64_t>(magnitude));
  return Value(magnitude == kMax + 1 ? std::numeric_limits<std::int64_t>::min()
                                     : -static_cast<std::int64_t>(magnitude));
}

// The core schema's float, which also covers integers too large for an int64.
const Pattern& float_pattern() {
  static const Pattern kFloat(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  return kFloat;
}

}  // namespace

Value resolve_plain_scalar(std::string_view text) {
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
    return nullptr;
  }
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;

  static const Pattern kOctal("0o[0-7]+");
  static const Pattern kHex("0x[0-9a-fA-F]+");
  static const Pattern kDecimal("[-+]?[0-9]+");
  static const Pattern& kFloat = float_pattern();
  static const Pattern kInfinity(R"([-+]?\.(inf|Inf|INF))");

  if (kOctal.full_match(text)) {
    if (auto v = parse_int(text.substr(2), 8, false)) return *v;
  }
  if (kHex.full_match(text)) {
    if (auto v = parse_int(text.substr(2), 16, false)) return *v;
  }
  const bool negative = text[0] == '-';
  const std::string_view unsigned_text = text.substr(text[0] == '-' || text[0] == '+' ? 1 : 0);
  if (kDecimal.full_match(text)) {
    if (auto v = parse_int(unsigned_text, 10, negative)) return *v;
  }
  if (kFloat.full_match(text)) {
    double d = 0;
    const auto [end, ec] =
        std::from_chars(unsigned_text.data(), unsigned_text.data() + unsigned_text.size(), d);
    // Out of a double's range (`1e999`): kept as written rather than guessed.
    if (ec != std::errc() || end != unsigned_text.data() + unsigned_text.size()) {
      return std::string(text);
    }
    return negative ? -d : d;
  }
  if (kInfinity.full_match(text)) {
    return negative ? -std::numeric_limits<double>::infinity()
                    : std::numeric_limits<double>::infinity();
  }
  if (text == ".nan" || text == ".NaN" || text == ".NAN") {
    return std::numeric_limits<double>::quiet_NaN();
  }
  return std::string(text);
}

bool is_number_out_of_range(std::string_view text) {
  return float_pattern().full_match(text) && resolve_plain_scalar(text).is_string();
}

std::string yaml_kind(const YamlNode& node) {
  switch (node.kind) {
    case YamlNode::Kind::kMap:
      return "a map";
    case YamlNode::Kind::kList:
      return "a list";
    case YamlNode::Kind::kScalar:
      return node.plain ? resolve_plain_scalar(node.text).kind_name() : "a string";
    case YamlNode::Kind::kNull:
      break;
  }
  return "null";
}

}  // namespace keelson
