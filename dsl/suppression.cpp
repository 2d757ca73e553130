#include "dsl/suppression.h"

namespace keelson {
namespace {

bool is_word_char(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

}  // namespace

bool is_valid_rule_id(std::string_view rule_id) {
  if (rule_id.empty() || !(rule_id.front() >= 'A' && rule_id.front() <= 'Z')) return false;
  std::size_t words = 1;
  bool after_separator = false;
  for (const char c : rule_id) {
    if (c == '_' || c == '-') {
      if (after_separator) return false;
      after_separator = true;
      ++words;
    } else if (is_word_char(c)) {
      after_separator = false;
    } else {
      return false;
    }
  }
  return !after_separator && words >= 2;
}

bool is_checkov_rule(std::string_view rule_id) {
  return rule_id.starts_with("CKV_") || rule_id.starts_with("CKV2_");
}

std::string checkov_skip_comment(const Suppression& suppression) {
  return "checkov:skip=" + suppression.rule_id + ":" + suppression.reason;
}

}  // namespace keelson
