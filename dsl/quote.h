#ifndef KEELSON_DSL_QUOTE_H_
#define KEELSON_DSL_QUOTE_H_

#include <string>
#include <string_view>

namespace keelson {

/// Appends `text` as a double-quoted string literal that is valid both in
/// JSON and in Terraform's native syntax: `"` and `\` escaped, newline,
/// carriage return and tab as `\n` `\r` `\t`, other control characters as
/// `\u00XX`. Template markers (`${`, `%{`) are not touched: callers that
/// write templates escape them first.
void append_quoted(std::string& out, std::string_view text);

/// `text` as such a literal, e.g. for names in messages.
std::string quote(std::string_view text);

/// `text` quoted for a message, cut to its first 100 characters (with the
/// length said) when it is longer than 256, so a huge value stays readable.
std::string quote_shortened(std::string_view text);

}  // namespace keelson

#endif  // KEELSON_DSL_QUOTE_H_
