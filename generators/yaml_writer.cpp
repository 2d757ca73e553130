#include "generators/yaml_writer.h"

#include <fmt/core.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include "dsl/quote.h"

// Why the style of each string is decided here and not by yaml-cpp: the 0.7
// emitter quotes only nulls, leading indicators, `: `, ` #`, edge spaces and
// control characters (jbeder/yaml-cpp#1276). It writes plain every YAML 1.1
// boolean (`yes`, `on`, `n`), every number (`1.20`, `0755`, `0x1F`, `1e3`,
// `1_000`, `1:20`), timestamps, `=` and `<<`, which other readers turn into
// something else. Helm reads values through sigs.k8s.io/yaml, that is Go's
// yaml.v2, whose booleans are YAML 1.1's: y Y yes Yes YES n N no No NO true
// True TRUE false False FALSE on On ON off Off OFF (`country: NO` is false),
// and whose integers include `0755`, `0o755` and `1_000`.
// The emitter's other gaps are worked around where they matter below.

namespace keelson {
namespace {

constexpr char32_t kMalformed = 0x110000;

// The code point at text[i], advancing i past it; kMalformed, advancing one
// byte, where the bytes are not well-formed UTF-8 (overlong, surrogate, cut).
char32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned lead = byte(i);
  const std::size_t length = lead < 0x80   ? 1
                             : lead < 0xC2 ? 0
                             : lead < 0xE0 ? 2
                             : lead < 0xF0 ? 3
                             : lead < 0xF5 ? 4
                                           : 0;
  if (length == 0 || i + length > text.size()) {
    ++i;
    return kMalformed;
  }
  char32_t c = length == 1 ? lead : lead & (0xFFu >> (length + 1));
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return kMalformed;
    }
    c = (c << 6) | (byte(i + k) & 0x3F);
  }
  static constexpr std::array<char32_t, 5> kSmallest = {0, 0, 0x80, 0x800, 0x10000};
  if (c < kSmallest[length] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
    ++i;
    return kMalformed;
  }
  i += length;
  return c;
}

template <typename Predicate>
bool any_code_point(std::string_view text, Predicate predicate) {
  for (std::size_t i = 0; i < text.size();) {
    if (predicate(next_code_point(text, i))) return true;
  }
  return false;
}

// yaml-cpp writes U+FFFD in place of malformed UTF-8 and of noncharacters.
bool is_writable(std::string_view text) {
  return !any_code_point(text, [](char32_t c) {
    return c == kMalformed || (c & 0xFFFE) == 0xFFFE || (c >= 0xFDD0 && c <= 0xFDEF);
  });
}

// What no plain scalar may hold: C0 controls (tab, line breaks), DEL, C1
// controls (NEL breaks lines in YAML 1.1), the YAML 1.1 line and paragraph
// separators, the byte order mark; and bytes that are not UTF-8.
bool is_special(char32_t c) {
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029 ||
         c == 0xFEFF || c == kMalformed;
}

bool equals_ignoring_case(std::string_view text, std::string_view lower) {
  return std::equal(text.begin(), text.end(), lower.begin(), lower.end(),
                    [](char a, char b) { return (a >= 'A' && a <= 'Z' ? a - 'A' + 'a' : a) == b; });
}

// Words some reader takes for a boolean, null, or YAML 1.1's merge and value
// keys. Case is ignored: that only adds harmless quotes (`yEs`).
bool is_reserved_word(std::string_view text) {
  static constexpr std::array<std::string_view, 12> kWords = {
      "y", "n", "yes", "no", "true", "false", "on", "off", "null", "~", "=", "<<"};
  return std::any_of(kWords.begin(), kWords.end(),
                     [&](std::string_view word) { return equals_ignoring_case(text, word); });
}

// `.inf`, `-.Inf`, `.nan`, and `inf`, `Infinity`, `NaN` for readers that
// hand the text to strtod.
bool is_special_float(std::string_view text) {
  if (text.starts_with('+') || text.starts_with('-')) text.remove_prefix(1);
  if (text.starts_with('.')) text.remove_prefix(1);
  return equals_ignoring_case(text, "inf") || equals_ignoring_case(text, "infinity") ||
         equals_ignoring_case(text, "nan");
}

// A superset of every reader's numbers: YAML 1.2's `0o17`, `0x1F`, `1e3`,
// `.5`; YAML 1.1's `0b101`, `0755`, `1_000`, `1.`, sexagesimal `1:20`; Go's
// strconv, which takes base prefixes in either case and `_` anywhere; Ruby's
// `1,000`. Versions and addresses (`1.2.3`) get quoted too, harmlessly.
bool looks_numeric(std::string_view text) {
  return std::string_view("0123456789+-.").find(text.front()) != std::string_view::npos &&
         text.find_first_not_of("0123456789abcdefABCDEFoOxX_.,:+-") == std::string_view::npos;
}

// YAML 1.1 timestamps start `yyyy-m`: `2001-12-14`, `2001-12-14 21:59:43.10 -5`.
bool looks_like_timestamp(std::string_view text) {
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  return text.size() >= 6 && std::all_of(text.begin(), text.begin() + 4, digit) && text[4] == '-' &&
         digit(text[5]);
}

// `-` starts a plain scalar unless a space follows (`--set` stays plain);
// `?` and `:` may too, but are rare enough to quote always.
bool starts_with_indicator(std::string_view text) {
  if (text.front() == '-') return text.size() == 1 || text[1] == ' ';
  return std::string_view("?:,[]{}#&*!|>'\"%@`").find(text.front()) != std::string_view::npos;
}

// Whether multi-line `text` reads back exactly from a `|` block (it ends in
// one newline) or a `|-` block (no final newline): every line printable, no
// tab, no trailing space, and a first line neither empty nor indented, since
// readers take the block's indentation from it. Several final newlines would
// need `|+`; quotes show them better.
bool fits_literal_block(std::string_view text) {
  if (text.find('\n') == std::string_view::npos) return false;
  if (text.front() == ' ' || text.front() == '\n' || text.ends_with("\n\n")) return false;
  if (text.find(" \n") != std::string_view::npos || text.back() == ' ') return false;
  return !any_code_point(text, [](char32_t c) { return c != '\n' && is_special(c); });
}

// Shortest text that reads back as `d`, with a `.` so that YAML 1.1 readers
// (which want one, and a signed exponent, as to_chars writes) see a float.
std::string float_text(double d) {
  if (std::isnan(d)) return ".nan";
  if (std::isinf(d)) return d > 0 ? ".inf" : "-.inf";
  std::array<char, 32> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), d);
  std::string text(buffer.data(), result.ptr);
  if (text.find('.') == std::string::npos) text.insert(std::min(text.find('e'), text.size()), ".0");
  return text;
}

// YAML limits implicit keys to 1024 characters as written, and escapes can
// make a quoted key four times as long as its bytes: longer keys are written
// in the explicit `? key` form.
constexpr std::size_t kLongestImplicitKey = 250;

class YamlWriter {
 public:
  explicit YamlWriter(const YamlOptions& options) : options_(options) {
    out_.SetIndent(2);
    out_.SetNullFormat(YAML::LowerNull);
  }

  std::string write(const Value& document) {
    emit(document, true);
    if (!out_.good()) throw std::logic_error("to_yaml: yaml-cpp: " + out_.GetLastError());
    std::string text = out_.c_str();
    // yaml-cpp 0.7 writes every literal block as `|`, which keeps a final
    // newline, and 0.8 decides from the text it was given, which lacks that
    // newline: the indicator is set here, `|-` where the string has none.
    for (auto block = blocks_.rbegin(); block != blocks_.rend(); ++block) {
      const std::size_t chomping = text.find('|', block->at) + 1;
      if (text[chomping] == '-') text.erase(chomping, 1);
      if (block->strip) text.insert(chomping, "-");
    }
    return header_comment() + text + '\n';
  }

 private:
  void emit(const Value& value, bool top = false) {
    switch (value.kind()) {
      case Value::Kind::kNull:
        out_ << YAML::Null;
        return;
      case Value::Kind::kBool:
        out_ << value.as_bool();
        return;
      case Value::Kind::kInt:
        out_ << std::to_string(value.as_int());
        return;
      case Value::Kind::kFloat:
        out_ << float_text(value.as_number());
        return;
      case Value::Kind::kString:
        emit_string(value.as_string());
        return;
      case Value::Kind::kList:
        emit_list(value.as_list());
        return;
      case Value::Kind::kMap:
        emit_map(value.as_map(), top ? options_.key_order : std::vector<std::string>{});
        return;
      case Value::Kind::kExpr:
        throw std::logic_error(fmt::format(
            "to_yaml: an expression at {} cannot be written: YAML files hold literal values only",
            where()));
    }
  }

  void emit_list(const Value::List& list) {
    // Block style would put an empty list alone on the next line.
    if (list.empty()) {
      out_ << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
      return;
    }
    out_ << YAML::BeginSeq;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::size_t mark = path_.size();
      path_ += fmt::format("[{}]", i);
      emit(list[i]);
      path_.resize(mark);
    }
    out_ << YAML::EndSeq;
  }

  void emit_map(const Value::Map& map, const std::vector<std::string>& key_order) {
    if (map.empty()) {
      out_ << YAML::Flow << YAML::BeginMap << YAML::EndMap;
      return;
    }
    out_ << YAML::BeginMap;
    for (const auto* entry : ordered(map, key_order)) {
      const std::string& key = entry->first;
      if (!is_writable(key)) throw not_utf8("a key in");
      if (key.size() > kLongestImplicitKey) out_ << YAML::LongKey;
      out_ << YAML::Key;
      emit_string(key, false);
      out_ << YAML::Value;
      const std::size_t mark = path_.size();
      // Keys that are not plain words are quoted: `labels."app.kubernetes.io/name"`.
      const bool word = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
      });
      path_ += (path_.empty() ? "" : ".") + (word ? key : quote(key));
      emit(entry->second);
      path_.resize(mark);
    }
    out_ << YAML::EndMap;
  }

  // The entries of `map`: those named in `first`, in that order, then the rest.
  static std::vector<const Value::Map::value_type*> ordered(const Value::Map& map,
                                                            const std::vector<std::string>& first) {
    std::vector<const Value::Map::value_type*> entries;
    for (const auto& key : first) {
      const auto it = map.find(key);
      if (it != map.end() && std::find(entries.begin(), entries.end(), &*it) == entries.end()) {
        entries.push_back(&*it);
      }
    }
    for (const auto& entry : map) {
      if (std::find(first.begin(), first.end(), entry.first) == first.end()) {
        entries.push_back(&entry);
      }
    }
    return entries;
  }

  void emit_string(const std::string& text, bool block_allowed = true) {
    if (!is_writable(text)) throw not_utf8("a string at");
    if (block_allowed && fits_literal_block(text)) {
      const bool strip = text.back() != '\n';
      blocks_.push_back({out_.size(), strip});
      out_ << YAML::Literal << text.substr(0, text.size() - (strip ? 0 : 1));
      return;
    }
    if (!needs_quotes(text)) {
      out_ << text;  // yaml-cpp quotes a subset of what needs_quotes() does
      return;
    }
    // yaml-cpp escapes C0 and C1 controls and the byte order mark in quotes,
    // but writes DEL (which YAML does not allow raw) and the line separators
    // as they are; escaping every non-ASCII character is its only remedy.
    if (any_code_point(text, [](char32_t c) { return c == 0x7F || c == 0x2028 || c == 0x2029; })) {
      out_ << YAML::EscapeNonAscii;
    }
    out_ << YAML::DoubleQuoted << text;
  }

  std::invalid_argument not_utf8(std::string_view what) const {
    return std::invalid_argument(fmt::format(
        "to_yaml: {} {} is not well-formed UTF-8 or holds a Unicode noncharacter", what, where()));
  }

  std::string where() const { return path_.empty() ? "the document root" : path_; }

  std::string header_comment() const {
    std::string text;
    for (const auto& comment : options_.header) {
      std::size_t from = 0;
      do {  // a line break in a header line starts another comment line
        const std::size_t end = std::min(comment.find('\n', from), comment.size());
        text += end == from ? "#" : "# " + comment.substr(from, end - from);
        text += '\n';
        from = end + 1;
      } while (from <= comment.size());
    }
    return text;
  }

  const YamlOptions& options_;
  YAML::Emitter out_;
  std::string path_;  // of the value being written, for messages
  // Literal blocks: the output offset before each, and whether its string
  // ends without a newline.
  struct Block {
    std::size_t at;
    bool strip;
  };
  std::vector<Block> blocks_;
};

}  // namespace

bool needs_quotes(std::string_view text) {
  if (text.empty()) return true;
  return is_reserved_word(text) || is_special_float(text) || looks_numeric(text) ||
         looks_like_timestamp(text) || starts_with_indicator(text) || text.starts_with("---") ||
         text.starts_with("...") || text.front() == ' ' || text.back() == ' ' ||
         text.back() == ':' || text.find(": ") != std::string_view::npos ||
         text.find(" #") != std::string_view::npos || any_code_point(text, is_special);
}

std::string to_yaml(const Value& document, const YamlOptions& options) {
  return YamlWriter(options).write(document);
}

}  // namespace keelson
