#include "dsl/pattern.h"

#include <re2/re2.h>

#include <utility>

namespace keelson {

Pattern::Pattern(std::string expression) : expression_(std::move(expression)) {
  RE2::Options options;
  // Errors are returned to the caller, who knows the user's source line;
  // RE2 would otherwise print them to stderr.
  options.set_log_errors(false);
  auto re = std::make_shared<const re2::RE2>(expression_, options);
  if (re->ok()) {
    re_ = std::move(re);
  } else {
    error_ = re->error().empty() ? "not a valid regular expression" : re->error();
  }
}

bool Pattern::full_match(std::string_view text) const {
  return re_ != nullptr && RE2::FullMatch(re2::StringPiece(text.data(), text.size()), *re_);
}

std::optional<std::vector<std::string>> Pattern::full_match_groups(std::string_view text) const {
  if (re_ == nullptr) return std::nullopt;
  const int groups = re_->NumberOfCapturingGroups();
  std::vector<re2::StringPiece> found(static_cast<std::size_t>(groups) + 1);
  if (!re_->Match(re2::StringPiece(text.data(), text.size()), 0, text.size(), RE2::ANCHOR_BOTH,
                  found.data(), groups + 1)) {
    return std::nullopt;
  }
  std::vector<std::string> out;
  out.reserve(found.size());
  for (const auto& piece : found)
    out.emplace_back(piece.data() == nullptr ? "" : piece.as_string());
  return out;
}

}  // namespace keelson
