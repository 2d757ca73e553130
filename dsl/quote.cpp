#include "dsl/quote.h"

#include <fmt/core.h>

#include <cstdio>

namespace keelson {
namespace {

const char* escape_for(char c) {
  switch (c) {
    case '"':
      return "\\\"";
    case '\\':
      return "\\\\";
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    default:
      return nullptr;
  }
}

}  // namespace

void append_quoted(std::string& out, std::string_view text) {
  out += '"';
  std::size_t plain_from = 0;  // characters are copied in runs, not one by one
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const char* escaped = escape_for(c);
    if (escaped == nullptr && static_cast<unsigned char>(c) >= 0x20) continue;
    out.append(text, plain_from, i - plain_from);
    if (escaped != nullptr) {
      out += escaped;
    } else {
      char unicode[7];
      std::snprintf(unicode, sizeof unicode, "\\u%04x", static_cast<unsigned char>(c));
      out += unicode;
    }
    plain_from = i + 1;
  }
  out.append(text, plain_from, text.size() - plain_from);
  out += '"';
}

std::string quote(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  append_quoted(out, text);
  return out;
}

std::string quote_shortened(std::string_view text) {
  constexpr std::size_t kLongest = 256;
  constexpr std::size_t kShown = 100;
  std::size_t characters = 0;
  std::size_t cut = text.size();
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (characters == kShown) cut = i;
    ++characters;
  }
  if (characters <= kLongest) return quote(text);
  return fmt::format("{}... ({} characters)", quote(text.substr(0, cut)), characters);
}

}  // namespace keelson
