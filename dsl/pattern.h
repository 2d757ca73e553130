#ifndef KEELSON_DSL_PATTERN_H_
#define KEELSON_DSL_PATTERN_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}  // namespace re2

namespace keelson {

/// A compiled regular expression in RE2 syntax, the syntax Terraform's
/// `regex()` uses (Go's regexp). Matching takes time linear in the text and
/// constant stack, whatever the text, so a hostile value cannot overflow the
/// stack or run for long. Compile once and reuse: compiling is the costly part.
/// Copies share the compiled form; matching is safe from several threads.
class Pattern {
 public:
  /// Compiles `expression`. Never throws: an invalid expression gives a
  /// Pattern that matches nothing and whose error() says why.
  explicit Pattern(std::string expression);

  /// The expression as given.
  const std::string& expression() const { return expression_; }
  /// Whether the expression compiled.
  bool ok() const { return error_.empty(); }
  /// Why the expression is not valid RE2 (e.g. `invalid perl operator: (?<`);
  /// empty when it is.
  const std::string& error() const { return error_; }

  /// Whether the whole of `text` matches; false for an invalid pattern.
  bool full_match(std::string_view text) const;

  /// When the whole of `text` matches: the text at index 0, then each
  /// capturing group in order (empty for a group that took no part).
  /// nullopt when it does not match or the pattern is invalid.
  std::optional<std::vector<std::string>> full_match_groups(std::string_view text) const;

 private:
  std::string expression_;
  std::string error_;
  std::shared_ptr<const re2::RE2> re_;
};

}  // namespace keelson

#endif  // KEELSON_DSL_PATTERN_H_
