#include "environments/yaml_tree.h"

#include <fmt/core.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <sstream>
#include <unordered_map>
#include <utility>

#include "dsl/quote.h"

namespace keelson {
namespace {

constexpr const char* kYamlSyntax = "K2001";      // the file is not valid YAML
constexpr const char* kFileTooLarge = "K2018";    // more than YamlLimits::kFileBytes
constexpr const char* kScalarTooLong = "K2019";   // a scalar over YamlLimits::kScalarBytes
constexpr const char* kNotUtf8 = "K2020";         // bytes that are not UTF-8
constexpr const char* kControlChar = "K2021";     // a control character in the file or a string
constexpr const char* kUnsupportedTag = "K2022";  // an explicit tag other than !!str, !!seq, !!map
constexpr const char* kAliasCycle = "K2023";      // an alias inside the node it names
constexpr const char* kTooManyNodes = "K2024";  // too many nodes or too much text, aliases expanded
constexpr const char* kTooDeep = "K2025";       // lists and maps nested too deeply
constexpr const char* kStrayComma = "K2026";    // a `,` yaml-cpp would read forever

const std::vector<YamlNode::Ptr> kNoItems;
const std::vector<YamlNode::Entry> kNoEntries;

// A character that may not appear, or a byte that does not decode.
struct BadCharacter {
  std::size_t offset = 0;
  std::optional<std::uint32_t> code_point;  // nullopt: not UTF-8
};

// The first byte sequence of `text` that is not UTF-8 or is a control
// character other than tab and line feed (and carriage return before a line
// feed when `allow_cr`, for the raw file). DEL and the C1 controls count as control
// characters; a byte order mark is allowed only at the start.
std::optional<BadCharacter> find_bad_character(std::string_view text, bool allow_cr) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      // A carriage return only as half of a CRLF line break: yaml-cpp reads
      // a lone one as part of the text, not as the end of a line.
      const bool line_break = c == '\n' || (allow_cr && c == '\r' && i + 1 < n && s[i + 1] == '\n');
      if ((c < 0x20 && c != '\t' && !line_break) || c == 0x7F) {
        return BadCharacter{i, c};
      }
      ++i;
      continue;
    }
    std::size_t length = 0;
    std::uint32_t cp = 0;
    std::uint32_t min = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2, cp = c & 0x1Fu, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3, cp = c & 0x0Fu, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4, cp = c & 0x07u, min = 0x10000;
    } else {
      return BadCharacter{i, std::nullopt};
    }
    if (i + length > n) return BadCharacter{i, std::nullopt};
    for (std::size_t k = 1; k < length; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return BadCharacter{i, std::nullopt};
      cp = (cp << 6) | (s[i + k] & 0x3Fu);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF.
    if (cp < min || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
      return BadCharacter{i, std::nullopt};
    }
    if (cp >= 0x80 && cp <= 0x9F) return BadCharacter{i, cp};
    if (cp == 0xFEFF && i != 0) return BadCharacter{i, cp};
    i += length;
  }
  return std::nullopt;
}

std::string describe_code_point(std::uint32_t cp) {
  switch (cp) {
    case 0:
      return "NUL (U+0000)";
    case '\r':
      return "a carriage return (U+000D) that does not end a line";
    case 0xFEFF:
      return "a byte order mark (U+FEFF)";
    default:
      return fmt::format("control character U+{:04X}", cp);
  }
}

Diagnostic make_diagnostic(const char* code, std::string message, SourceLocation where,
                           std::string hint = {}) {
  return make_error(code, std::move(message), std::move(where), std::move(hint));
}

// Line and column (1-based, columns in bytes as yaml-cpp counts them) of a
// byte offset.
SourceLocation location_of(std::string_view text, std::size_t offset, const std::string& file) {
  offset = std::min(offset, text.size());
  const std::string_view before = text.substr(0, offset);
  const auto line = static_cast<unsigned>(std::count(before.begin(), before.end(), '\n')) + 1;
  const std::size_t line_start = before.rfind('\n');
  const std::size_t column =
      line_start == std::string_view::npos ? offset : offset - line_start - 1;
  return {file, line, static_cast<unsigned>(column) + 1};
}

// Problems in the raw text that yaml-cpp should never see.
std::optional<Diagnostic> check_text(std::string_view text, const std::string& file) {
  if (text.size() > YamlLimits::kFileBytes) {
    return make_diagnostic(
        kFileTooLarge,
        fmt::format("the file is larger than {} MiB", YamlLimits::kFileBytes / (1024 * 1024)),
        location_of(text, YamlLimits::kFileBytes, file),
        "an environment file holds settings and parameter values; keep large data elsewhere");
  }
  const auto bad = find_bad_character(text, /*allow_cr=*/true);
  if (!bad) return std::nullopt;
  SourceLocation where = location_of(text, bad->offset, file);
  if (!bad->code_point) {
    return make_diagnostic(kNotUtf8,
                           fmt::format("the file is not valid UTF-8 (byte 0x{:02X})",
                                       static_cast<unsigned char>(text[bad->offset])),
                           std::move(where), "save the file as UTF-8");
  }
  return make_diagnostic(kControlChar,
                         fmt::format("{} in the file", describe_code_point(*bad->code_point)),
                         std::move(where),
                         "environment files are text: tabs and line breaks are the only control "
                         "characters allowed");
}

// The tag as the user wrote it: `!!binary` rather than tag:yaml.org,2002:binary.
std::string written_tag(const std::string& tag) {
  constexpr std::string_view kCore = "tag:yaml.org,2002:";
  if (tag.rfind(kCore, 0) == 0) return "!!" + tag.substr(kCore.size());
  return tag;
}

// What a node counts for once every alias in it is expanded.
struct Size {
  std::size_t nodes = 1;
  std::size_t text = 0;
  std::size_t height = 0;  // nested lists and maps, the node included
};

// Thrown from the event handler to stop yaml-cpp at a problem it cannot
// read past.
struct Stop {
  Diagnostic diagnostic;
};

// Builds YamlNode trees from yaml-cpp's parser events, enforcing YamlLimits
// as it goes: yaml-cpp's own tree would share an aliased node, and any walk
// of it would recurse forever on a cycle or expand it exponentially.
class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(std::string_view text, const std::string& file, std::vector<Diagnostic>& problems)
      : text_(text), file_(file), problems_(problems) {}

  std::vector<YamlNode::Ptr>& documents() { return documents_; }

  void OnDocumentStart(const YAML::Mark& mark) override {
    // yaml-cpp 0.7 does not consume a token it cannot place at the start of
    // a document (a `,` outside brackets) and starts a new, empty document
    // at the same token, forever. Seeing a document start where the last one
    // did means exactly that.
    if (last_document_start_ && *last_document_start_ == mark.pos) {
      const bool comma = mark.pos >= 0 && static_cast<std::size_t>(mark.pos) < text_.size() &&
                         text_[static_cast<std::size_t>(mark.pos)] == ',';
      throw Stop{make_diagnostic(
          kStrayComma,
          comma ? "invalid YAML: a ',' outside [ ] or { } cannot start a value"
                : "invalid YAML: a value cannot start here",
          at(mark),
          comma ? "a ',' separates items only inside [ ] or { }; quote a value that starts with "
                  "',' (\",a\")"
                : std::string())};
    }
    last_document_start_ = mark.pos;
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto node = start_node(YamlNode::Kind::kNull, mark);
    add(std::move(node), Size{}, anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto found = anchors_.find(anchor);
    if (found == anchors_.end()) {
      // yaml-cpp rejects an alias to an anchor not seen yet, so this one
      // names a list or map still open: the alias is inside it.
      throw Stop{make_diagnostic(
          kAliasCycle,
          fmt::format("the alias {} is used inside the node it names, which would make it endless",
                      alias_name(mark)),
          at(mark), "an alias can repeat a node defined before, never its own parent")};
    }
    const auto& [target, size] = found->second;
    if (open_.size() + size.height > YamlLimits::kDepth) throw too_deep(mark);
    nodes_ += size.nodes;
    text_bytes_ += size.text;
    check_budget(mark);
    auto node = std::make_shared<YamlNode>(*target);
    node->line = line_of(mark);
    node->column = column_of(mark);
    add_built(std::move(node), size);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    if (value.size() > YamlLimits::kScalarBytes) {
      throw Stop{
          make_diagnostic(kScalarTooLong,
                          fmt::format("a value of {} bytes; keys and values may be at most {} KiB",
                                      value.size(), YamlLimits::kScalarBytes / 1024),
                          at(mark))};
    }
    auto node = start_node(YamlNode::Kind::kScalar, mark);
    node->plain = tag == "?";
    if (tag != "?" && tag != "!" && tag != "tag:yaml.org,2002:str") unsupported_tag(tag, mark);
    if (const auto bad = find_bad_character(value, /*allow_cr=*/false)) {
      problems_.push_back(make_diagnostic(
          bad->code_point ? kControlChar : kNotUtf8,
          bad->code_point ? fmt::format("{} in a string", describe_code_point(*bad->code_point))
                          : std::string("a string that is not valid UTF-8"),
          at(mark),
          bad->code_point ? "remove it: strings may hold tabs and line breaks only" : ""));
    }
    node->text = value;
    add(std::move(node), Size{1, value.size(), 0}, anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(YamlNode::Kind::kList, mark, tag, "tag:yaml.org,2002:seq", anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(YamlNode::Kind::kMap, mark, tag, "tag:yaml.org,2002:map", anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  // A list or map whose end has not been read yet.
  struct Open {
    std::shared_ptr<YamlNode> node;
    std::vector<YamlNode::Ptr> children;  // a map's keys and values, alternating
    Size size;
    YAML::anchor_t anchor = 0;
  };

  static unsigned line_of(const YAML::Mark& mark) {
    return mark.line < 0 ? 0 : static_cast<unsigned>(mark.line) + 1;
  }
  static unsigned column_of(const YAML::Mark& mark) {
    return mark.line < 0 ? 0 : static_cast<unsigned>(mark.column) + 1;
  }
  SourceLocation at(const YAML::Mark& mark) const {
    return {file_, line_of(mark), column_of(mark)};
  }

  // `*name` as written at the alias's position.
  std::string alias_name(const YAML::Mark& mark) const {
    if (mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= text_.size()) return "alias";
    const std::string_view rest = text_.substr(static_cast<std::size_t>(mark.pos));
    const std::size_t end = rest.find_first_of(" \t\r\n,[]{}");
    return std::string(rest.substr(0, std::min<std::size_t>(end, 64)));
  }

  Stop too_deep(const YAML::Mark& mark) const {
    return Stop{make_diagnostic(
        kTooDeep, fmt::format("lists and maps are nested more than {} deep", YamlLimits::kDepth),
        at(mark), "counting the lists and maps that aliases repeat")};
  }

  void check_budget(const YAML::Mark& mark) const {
    if (nodes_ > YamlLimits::kNodes) {
      throw Stop{make_diagnostic(
          kTooManyNodes, fmt::format("the file holds more than {} values", YamlLimits::kNodes),
          at(mark), "every use of an alias counts the whole node it repeats")};
    }
    if (text_bytes_ > YamlLimits::kTextBytes) {
      throw Stop{make_diagnostic(kTooManyNodes,
                                 fmt::format("the file's values hold more than {} MiB of text",
                                             YamlLimits::kTextBytes / (1024 * 1024)),
                                 at(mark),
                                 "every use of an alias counts the whole node it repeats")};
    }
  }

  void unsupported_tag(const std::string& tag, const YAML::Mark& mark) {
    problems_.push_back(make_diagnostic(
        kUnsupportedTag, fmt::format("unsupported YAML tag {}", written_tag(tag)), at(mark),
        "environment files hold plain values; remove the tag (write !!str or quotes for a "
        "string)"));
  }

  std::shared_ptr<YamlNode> start_node(YamlNode::Kind kind, const YAML::Mark& mark) {
    ++nodes_;
    check_budget(mark);
    auto node = std::make_shared<YamlNode>();
    node->kind = kind;
    node->line = line_of(mark);
    node->column = column_of(mark);
    return node;
  }

  void open(YamlNode::Kind kind, const YAML::Mark& mark, const std::string& tag,
            const char* own_tag, YAML::anchor_t anchor) {
    if (open_.size() + 1 > YamlLimits::kDepth) throw too_deep(mark);
    if (tag != "?" && tag != "!" && tag != own_tag) unsupported_tag(tag, mark);
    Open o;
    o.node = start_node(kind, mark);
    o.size.height = 1;
    o.anchor = anchor;
    open_.push_back(std::move(o));
  }

  void close() {
    Open o = std::move(open_.back());
    open_.pop_back();
    if (o.node->kind == YamlNode::Kind::kList) {
      o.node->items = std::make_shared<const std::vector<YamlNode::Ptr>>(std::move(o.children));
    } else {
      std::vector<YamlNode::Entry> entries;
      entries.reserve(o.children.size() / 2);
      for (std::size_t i = 0; i + 1 < o.children.size(); i += 2) {
        entries.push_back({std::move(o.children[i]), std::move(o.children[i + 1])});
      }
      o.node->entries = std::make_shared<const std::vector<YamlNode::Entry>>(std::move(entries));
    }
    add(std::move(o.node), o.size, o.anchor);
  }

  // A complete node: remembered under its anchor, added to its parent.
  void add(std::shared_ptr<YamlNode> node, Size size, YAML::anchor_t anchor) {
    if (anchor != 0) anchors_[anchor] = {node, size};
    add_built(std::move(node), size);
  }

  void add_built(YamlNode::Ptr node, const Size& size) {
    if (open_.empty()) {
      documents_.push_back(std::move(node));
      return;
    }
    Open& parent = open_.back();
    parent.children.push_back(std::move(node));
    parent.size.nodes += size.nodes;
    parent.size.text += size.text;
    parent.size.height = std::max(parent.size.height, size.height + 1);
  }

  std::string_view text_;
  const std::string& file_;
  std::vector<Diagnostic>& problems_;
  std::vector<YamlNode::Ptr> documents_;
  std::vector<Open> open_;
  std::unordered_map<YAML::anchor_t, std::pair<YamlNode::Ptr, Size>> anchors_;
  std::size_t nodes_ = 0;
  std::size_t text_bytes_ = 0;
  std::optional<std::int64_t> last_document_start_;
};

}  // namespace

const std::vector<YamlNode::Ptr>& YamlNode::list() const { return items ? *items : kNoItems; }

const std::vector<YamlNode::Entry>& YamlNode::map() const {
  return entries ? *entries : kNoEntries;
}

std::vector<YamlNode::Ptr> read_yaml(std::string_view text, const std::string& file,
                                     std::vector<Diagnostic>& problems) {
  const auto fail = [&](Diagnostic d) {
    problems.push_back(std::move(d));
    return Error(std::move(problems));
  };
  if (auto problem = check_text(text, file)) throw fail(std::move(*problem));

  std::istringstream stream{std::string(text)};
  TreeBuilder builder(text, file, problems);
  try {
    YAML::Parser parser(stream);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const Stop& stop) {
    throw fail(stop.diagnostic);
  } catch (const YAML::Exception& e) {
    const SourceLocation where = e.mark.is_null() || e.mark.line < 0
                                     ? SourceLocation{file, 0, 0}
                                     : SourceLocation{file, static_cast<unsigned>(e.mark.line) + 1,
                                                      static_cast<unsigned>(e.mark.column) + 1};
    throw fail(make_diagnostic(kYamlSyntax, "invalid YAML: " + e.msg, where));
  }
  return std::move(builder.documents());
}

}  // namespace keelson
