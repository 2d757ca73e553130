#include "schema/attribute_type_table.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <vector>

#include "schema/provider_schema.h"

namespace keelson::schema {
namespace {

// The type a variable can declare for a value of `type`, or empty for the
// types the table leaves out (see the header).
std::string type_text(const CtyType& type) {
  std::string text = type.to_string();
  const bool shapeless =
      text.find("object(") != std::string::npos || text.find("any") != std::string::npos;
  return shapeless ? std::string() : text;
}

// The section lines of one resource or data source type.
class SectionWriter {
 public:
  explicit SectionWriter(std::vector<std::string>& lines) : lines_(lines) {}

  void block(const std::string& prefix, const Block& block) {
    for (const Attribute& attribute : block.attributes) {
      value(prefix + attribute.name, attribute.type);
    }
    for (const BlockType& nested : block.block_types) {
      if (nested.contents_unknown) continue;
      switch (nested.nesting) {
        case NestingMode::kSingle:
        case NestingMode::kGroup:
          this->block(prefix + nested.name + ".", nested.block);
          break;
        case NestingMode::kList:
        case NestingMode::kMap:
          this->block(prefix + nested.name + "[*].", nested.block);
          break;
        case NestingMode::kSet:
          break;
      }
    }
  }

 private:
  void value(const std::string& path, const CtyType& type) {
    if (std::string text = type_text(type); !text.empty()) lines_.push_back(path + " " + text);
    switch (type.kind) {
      case CtyType::Kind::kList:
      case CtyType::Kind::kMap:
        value(path + "[*]", type.elements.at(0));
        break;
      case CtyType::Kind::kObject:
        for (const ObjectAttribute& attribute : type.attributes) {
          value(path + "." + attribute.name, attribute.type);
        }
        break;
      default:
        break;
    }
  }

  std::vector<std::string>& lines_;
};

// A path as the table writes it: `identity[0].oidc[0].issuer`,
// `identity.0.oidc.0.issuer` (the legacy index syntax) and `tags["a.b"]`
// become `identity[*].oidc[*].issuer` and `tags[*]`.
std::string table_path(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (std::size_t i = 0; i < path.size();) {
    if (path[i] == '[') {
      bool quoted = false;
      std::size_t end = i + 1;
      for (; end < path.size() && (quoted || path[end] != ']'); ++end) {
        if (quoted && path[end] == '\\') {
          ++end;
        } else if (path[end] == '"') {
          quoted = !quoted;
        }
      }
      out += "[*]";
      i = end + 1;
    } else if (path[i] == '.' && i + 1 < path.size() &&
               std::isdigit(static_cast<unsigned char>(path[i + 1]))) {
      std::size_t end = i + 1;
      while (end < path.size() && std::isdigit(static_cast<unsigned char>(path[end]))) ++end;
      out += "[*]";
      i = end;
    } else {
      out += path[i++];
    }
  }
  return out;
}

// What follows `key ` on the line of `lines` (sorted lines `<key> <value>`)
// whose key is `key`, or empty. A binary search over the text itself: each
// probe moves back to the start of its line, so no line index is built.
std::string_view find_line(std::string_view lines, std::string_view key) {
  std::size_t low = 0;  // always the start of a line
  std::size_t high = lines.size();
  while (low < high) {
    std::size_t start = low + (high - low) / 2;
    while (start > low && lines[start - 1] != '\n') --start;
    std::size_t end = lines.find('\n', start);
    if (end == std::string_view::npos) end = lines.size();
    const std::string_view line = lines.substr(start, end - start);
    const std::string_view line_key = line.substr(0, line.find(' '));
    if (line_key == key) return line.substr(std::min(line.size(), key.size() + 1));
    if (line_key < key) {
      low = end + 1;
    } else {
      high = start;
    }
  }
  return {};
}

}  // namespace

AttributeTypeTable::AttributeTypeTable(std::string_view text) {
  const auto blank = text.find("\n\n");
  if (blank == std::string_view::npos) return;
  index_ = text.substr(0, blank + 1);
  sections_ = text.substr(blank + 2);
}

std::string AttributeTypeTable::build(const ProviderSchemas& schemas) {
  std::map<std::string, std::vector<std::string>> sections;
  for (const std::string& name : schemas.provider_names()) {
    const ProviderSchema& provider = *schemas.provider(name);
    for (const auto& [type, block] : provider.resources) {
      SectionWriter(sections[type]).block("", block);
    }
    for (const auto& [type, block] : provider.data_sources) {
      SectionWriter(sections["data." + type]).block("", block);
    }
  }
  std::string index;
  std::string body;
  for (auto& [type, lines] : sections) {
    // Paths hold no spaces and every other character sorts after one, so
    // whole lines sort in the order of their paths.
    std::sort(lines.begin(), lines.end());
    lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
    const std::size_t offset = body.size();
    for (const std::string& line : lines) body.append(line).append("\n");
    index +=
        type + " " + std::to_string(offset) + " " + std::to_string(body.size() - offset) + "\n";
  }
  return index + "\n" + body;
}

std::string_view AttributeTypeTable::resource_attribute(std::string_view type,
                                                        std::string_view path) const {
  return find(type, path);
}

std::string_view AttributeTypeTable::data_source_attribute(std::string_view type,
                                                           std::string_view path) const {
  return find("data." + std::string(type), path);
}

std::string_view AttributeTypeTable::find(std::string_view type_key, std::string_view path) const {
  // The index entry's value is `<offset> <size>`.
  const std::string_view entry = find_line(index_, type_key);
  const char* const end = entry.data() + entry.size();
  std::size_t offset = 0;
  std::size_t size = 0;
  const auto parsed_offset = std::from_chars(entry.data(), end, offset);
  if (entry.empty() || parsed_offset.ec != std::errc() || parsed_offset.ptr == end ||
      std::from_chars(parsed_offset.ptr + 1, end, size).ec != std::errc() ||
      offset > sections_.size() || size > sections_.size() - offset) {
    return {};
  }
  return find_line(sections_.substr(offset, size), table_path(path));
}

}  // namespace keelson::schema
