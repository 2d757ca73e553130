#ifndef KEELSON_DSL_SUGGEST_H_
#define KEELSON_DSL_SUGGEST_H_

#include <string>
#include <string_view>
#include <vector>

namespace keelson {

/// The candidate closest to `word` by edit distance, for "did you mean" hints.
/// Empty when nothing is close enough (more than a third of the word differs).
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

/// `did you mean "x"?` for the closest candidate, or empty.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace keelson

#endif  // KEELSON_DSL_SUGGEST_H_
