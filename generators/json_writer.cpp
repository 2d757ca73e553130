#include "generators/json_writer.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "dsl/quote.h"

namespace keelson {
namespace {

void newline(std::string& out, int depth) {
  out += '\n';
  out.append(static_cast<std::size_t>(depth) * 2, ' ');
}

// A literal string goes through template escaping only when it needs it.
void append_literal(std::string& out, const std::string& text) {
  const bool plain = text.find("${") == std::string::npos && text.find("%{") == std::string::npos;
  append_quoted(out, plain ? text : escape_template(text));
}

void append_map(std::string& out, const Value::Map& map, const ReferenceRenderer& references,
                int depth) {
  ObjectWriter object(out, depth);
  // Escaping `${` in a key can change its order; sort again only then.
  const bool any_escaped = std::any_of(map.begin(), map.end(), [](const auto& entry) {
    return entry.first.find("${") != std::string::npos ||
           entry.first.find("%{") != std::string::npos;
  });
  if (any_escaped) {
    std::vector<std::pair<std::string, const Value*>> escaped;
    for (const auto& [key, value] : map) escaped.emplace_back(escape_template(key), &value);
    std::sort(escaped.begin(), escaped.end());
    for (const auto& [key, value] : escaped) {
      object.key(key);
      append_json(out, *value, references, depth + 1);
    }
  } else {
    for (const auto& [key, value] : map) {
      object.key(key);
      append_json(out, value, references, depth + 1);
    }
  }
  object.close();
}

}  // namespace

void append_json(std::string& out, const Value& value, const ReferenceRenderer& references,
                 int depth) {
  switch (value.kind()) {
    case Value::Kind::kNull:
      out += "null";
      return;
    case Value::Kind::kBool:
      out += value.as_bool() ? "true" : "false";
      return;
    case Value::Kind::kInt:
      out += std::to_string(value.as_int());
      return;
    case Value::Kind::kFloat:
      // nlohmann's shortest round-trip form, as in files parsed back for diffs.
      out += nlohmann::json(value.as_number()).dump();
      return;
    case Value::Kind::kString:
      append_literal(out, value.as_string());
      return;
    case Value::Kind::kList: {
      const auto& list = value.as_list();
      if (list.empty()) {
        out += "[]";
        return;
      }
      out += '[';
      for (std::size_t i = 0; i < list.size(); ++i) {
        if (i > 0) out += ',';
        newline(out, depth + 1);
        append_json(out, list[i], references, depth + 1);
      }
      newline(out, depth);
      out += ']';
      return;
    }
    case Value::Kind::kMap:
      append_map(out, value.as_map(), references, depth);
      return;
    case Value::Kind::kExpr:
      append_quoted(out, render_template(value, references));
      return;
  }
}

ObjectWriter::ObjectWriter(std::string& out, int depth) : out_(out), depth_(depth) { out_ += '{'; }

void ObjectWriter::key(std::string_view key) {
  if (!empty_) out_ += ',';
  empty_ = false;
  newline(out_, depth_ + 1);
  append_quoted(out_, key);
  out_ += ": ";
}

void ObjectWriter::close() {
  if (!empty_) newline(out_, depth_);
  out_ += '}';
}

ArrayWriter::ArrayWriter(std::string& out, int depth) : out_(out), depth_(depth) { out_ += '['; }

void ArrayWriter::item() {
  if (!empty_) out_ += ',';
  empty_ = false;
  newline(out_, depth_ + 1);
}

void ArrayWriter::close() {
  if (!empty_) newline(out_, depth_);
  out_ += ']';
}

std::string json_document(const Value& document, const ReferenceRenderer& references) {
  std::string out;
  append_json(out, document, references, 0);
  out += '\n';
  return out;
}

}  // namespace keelson
