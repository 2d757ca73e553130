#include "schema/schema_validator.h"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>

#include "dsl/quote.h"
#include "dsl/suggest.h"
#include "schema/provider_schema.h"

namespace keelson::schema {
namespace {

using nlohmann::json;

enum class BodyKind { kResource, kDataSource, kProvider, kNested };

constexpr std::array<std::string_view, 7> kResourceMetaArguments = {
    "connection", "count", "depends_on", "for_each", "lifecycle", "provider", "provisioner"};
constexpr std::array<std::string_view, 5> kDataSourceMetaArguments = {
    "count", "depends_on", "for_each", "lifecycle", "provider"};
constexpr std::array<std::string_view, 2> kProviderMetaArguments = {"alias", "version"};
constexpr std::array<std::string_view, 4> kDynamicKeys = {"content", "for_each", "iterator",
                                                          "labels"};
constexpr std::array<std::string_view, 13> kTopLevelKeys = {
    "check",  "data",     "ephemeral", "import",   "locals",    "module",  "moved",
    "output", "provider", "removed",   "resource", "terraform", "variable"};
// Terraform JSON ignores properties named "//" in block bodies.
constexpr std::string_view kComment = "//";

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::span<const std::string_view> meta_arguments(BodyKind kind) {
  switch (kind) {
    case BodyKind::kResource:
      return kResourceMetaArguments;
    case BodyKind::kDataSource:
      return kDataSourceMetaArguments;
    case BodyKind::kProvider:
      return kProviderMetaArguments;
    case BodyKind::kNested:
      break;
  }
  return {};
}

// True when a Terraform JSON string is a template with an interpolation
// (`${`) or directive (`%{`); `$${` and `%%{` are escapes for literal text.
bool is_template(std::string_view s) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] != '$' && s[i] != '%') continue;
    if (s[i + 1] == '{') return true;
    if (s[i + 1] == s[i] && i + 2 < s.size() && s[i + 2] == '{') i += 2;
  }
  return false;
}

bool is_expression(const json& value) {
  return value.is_string() && is_template(value.get_ref<const std::string&>());
}

// What cty accepts when converting a string to a number: a decimal with an
// optional sign, fraction and exponent.
bool is_numeric_string(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t exponent_digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++exponent_digits;
    if (exponent_digits == 0) return false;
  }
  return i == s.size();
}

// cty also converts "1" and "0" to bool.
bool is_bool_string(std::string_view s) {
  return s == "true" || s == "false" || s == "1" || s == "0";
}

// "string \"eighty\"", "number 3", "an array of 2", ... for messages.
std::string describe(const json& value) {
  switch (value.type()) {
    case json::value_t::string: {
      const auto& s = value.get_ref<const std::string&>();
      constexpr std::size_t kMax = 40;
      if (s.size() <= kMax) return "string " + value.dump();
      return "string " + json(s.substr(0, kMax) + "...").dump();
    }
    case json::value_t::boolean:
      return std::string("bool ") + (value.get<bool>() ? "true" : "false");
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
      return "number " + value.dump();
    case json::value_t::array:
      return fmt::format("an array of {}", value.size());
    case json::value_t::object:
      return "an object";
    case json::value_t::null:
      return "null";
    default:
      return "an unsupported value";
  }
}

// What a body belongs to, for messages; the text is built only when needed.
struct Owner {
  std::string_view prefix;  // "", "data source ", "provider " or "block "
  std::string_view name;
  bool quoted = false;

  std::string text() const {
    return quoted ? fmt::format("{}\"{}\"", prefix, name) : fmt::format("{}{}", prefix, name);
  }
};

class Validator {
 public:
  Validator(const ProviderSchemas& schemas, std::string_view file)
      : schemas_(schemas), file_(file) {}

  std::vector<Finding> run(const json& document);

 private:
  // Appends a segment to path_ for its lifetime.
  class PathScope {
   public:
    PathScope(std::string& path, std::string_view field) : path_(path), size_(path.size()) {
      if (!path_.empty()) path_ += '.';
      path_ += field;
    }
    PathScope(std::string& path, std::size_t index) : path_(path), size_(path.size()) {
      path_ += '[';
      path_ += std::to_string(index);
      path_ += ']';
    }
    // A map key or block label, written `["key"]`.
    struct Key {
      std::string_view name;
    };
    PathScope(std::string& path, Key key) : path_(path), size_(path.size()) {
      path_ += '[';
      append_quoted(path_, key.name);
      path_ += ']';
    }
    PathScope(const PathScope&) = delete;
    PathScope& operator=(const PathScope&) = delete;
    ~PathScope() { path_.resize(size_); }

   private:
    std::string& path_;
    std::size_t size_;
  };

  void report(std::string code, std::string message,
              Finding::Severity severity = Finding::Severity::kError) {
    findings_.push_back(
        {severity, std::move(code), std::string(file_), address_, path_, std::move(message)});
  }

  // `did you mean` for `word` among the names `make_candidates()` returns, or
  // empty. Generated files often repeat one mistake many times, so results are
  // kept per candidate set (`scope`) and word.
  template <typename MakeCandidates>
  const std::string& suggestion(const void* scope, std::string_view word,
                                MakeCandidates make_candidates) {
    std::string key(reinterpret_cast<const char*>(&scope), sizeof scope);
    key += word;
    auto [it, inserted] = suggestions_.try_emplace(std::move(key));
    if (inserted) it->second = did_you_mean(word, make_candidates());
    return it->second;
  }

  static std::string with_suggestion(std::string message, const std::string& suggestion) {
    if (!suggestion.empty()) message += "; " + suggestion;
    return message;
  }

  void check_typed_section(const json& section, BodyKind kind);
  void check_unknown_type(std::string_view type, const json& bodies, BodyKind kind);
  void check_provider_section(const json& section);
  void check_bodies(const json& bodies, const Block& block, BodyKind kind, const Owner& owner);
  void check_body(const json& body, const Block& block, BodyKind kind, const Owner& owner);
  void check_attribute(const json& value, const Attribute& attribute);
  void check_block(const json& value, const BlockType& type, bool has_dynamic);
  void check_block_body(const json& value, const BlockType& type);
  void check_dynamic(const json& value, const Block& block, const Owner& owner);
  void check_dynamic_spec(const json& spec, const BlockType& type);
  void check_value(const json& value, const CtyType& type);
  void report_missing(const Block& block, const Block::Requirement& requirement);
  std::vector<std::string> body_names(const Block& block, BodyKind kind) const;

  const ProviderSchemas& schemas_;
  std::string_view file_;
  std::string address_;
  std::string path_;
  std::vector<Finding> findings_;
  std::unordered_map<std::string, std::string> suggestions_;
};

std::vector<Finding> Validator::run(const json& document) {
  if (!document.is_object()) {
    report("V007",
           fmt::format("a Terraform JSON file must hold an object, got {}", describe(document)));
    return std::move(findings_);
  }
  for (auto it = document.begin(); it != document.end(); ++it) {
    const std::string& key = it.key();
    if (key == "resource") {
      check_typed_section(it.value(), BodyKind::kResource);
    } else if (key == "data") {
      check_typed_section(it.value(), BodyKind::kDataSource);
    } else if (key == "provider") {
      check_provider_section(it.value());
    } else if (key != kComment && !contains(kTopLevelKeys, key)) {
      address_.clear();
      PathScope scope(path_, key);
      report("V003", with_suggestion(fmt::format("unknown top-level block type \"{}\"", key),
                                     suggestion(&kTopLevelKeys, key, [] {
                                       return std::vector<std::string>(kTopLevelKeys.begin(),
                                                                       kTopLevelKeys.end());
                                     })));
    }
  }
  return std::move(findings_);
}

void Validator::check_typed_section(const json& section, BodyKind kind) {
  const bool data = kind == BodyKind::kDataSource;
  const std::string prefix = data ? "data." : "";
  if (!section.is_object()) {
    address_ = data ? "data" : "resource";
    report("V007", fmt::format("\"{}\" is a block: give an object of types, got {}", address_,
                               describe(section)));
    return;
  }
  for (auto type_it = section.begin(); type_it != section.end(); ++type_it) {
    const std::string& type = type_it.key();
    if (type == kComment) continue;
    const json& bodies = type_it.value();
    const Block* block = data ? schemas_.data_source(type) : schemas_.resource(type);
    if (block == nullptr) {
      check_unknown_type(type, bodies, kind);
      continue;
    }
    if (!bodies.is_object()) {
      address_ = prefix + type;
      report("V007", fmt::format("give an object of names to bodies, got {}", describe(bodies)));
      continue;
    }
    const Owner owner{data ? "data source " : "", type};
    for (auto name_it = bodies.begin(); name_it != bodies.end(); ++name_it) {
      if (name_it.key() == kComment) continue;
      address_ = prefix + type + "." + name_it.key();
      check_bodies(name_it.value(), *block, kind, owner);
    }
  }
}

void Validator::check_unknown_type(std::string_view type, const json& bodies, BodyKind kind) {
  const bool data = kind == BodyKind::kDataSource;
  const std::string prefix = data ? "data." : "";
  const std::string_view provider_name = ProviderSchemas::provider_of_type(type);
  const ProviderSchema* provider = schemas_.provider(provider_name);
  if (provider == nullptr) {
    address_ = prefix + std::string(type);
    report(
        "V010",
        fmt::format("no schema loaded for provider \"{}\"; {} is not checked", provider_name, type),
        Finding::Severity::kWarning);
    return;
  }
  const std::vector<std::string>& names =
      data ? provider->data_source_names : provider->resource_names;
  const std::string message = with_suggestion(
      fmt::format("unknown {} type \"{}\"", data ? "data source" : "resource", type),
      suggestion(&names, type, [&] { return names; }));
  const std::string code = data ? "V002" : "V001";
  if (!bodies.is_object()) {
    address_ = prefix + std::string(type);
    report(code, message);
    return;
  }
  for (auto it = bodies.begin(); it != bodies.end(); ++it) {
    if (it.key() == kComment) continue;
    address_ = prefix + std::string(type) + "." + it.key();
    report(code, message);
  }
}

void Validator::check_provider_section(const json& section) {
  if (!section.is_object()) {
    address_ = "provider";
    report("V007", fmt::format("\"provider\" is a block: give an object of provider names, got {}",
                               describe(section)));
    return;
  }
  for (auto it = section.begin(); it != section.end(); ++it) {
    const std::string& name = it.key();
    if (name == kComment) continue;
    address_ = "provider." + name;
    const Block* config = schemas_.provider_config(name);
    if (config == nullptr) {
      report("V010",
             fmt::format("no schema loaded for provider \"{}\"; its configuration is not checked",
                         name),
             Finding::Severity::kWarning);
      continue;
    }
    check_bodies(it.value(), *config, BodyKind::kProvider, Owner{"provider ", name});
  }
}

// A labeled block's value: one body, or an array of bodies.
void Validator::check_bodies(const json& bodies, const Block& block, BodyKind kind,
                             const Owner& owner) {
  if (bodies.is_object()) {
    check_body(bodies, block, kind, owner);
    return;
  }
  if (bodies.is_array()) {
    const std::string address = address_;
    for (std::size_t i = 0; i < bodies.size(); ++i) {
      address_ = fmt::format("{}[{}]", address, i);
      if (bodies[i].is_object()) {
        check_body(bodies[i], block, kind, owner);
      } else {
        report("V007", fmt::format("a block body must be an object, got {}", describe(bodies[i])));
      }
    }
    address_ = address;
    return;
  }
  report("V007", fmt::format("a block body must be an object (or an array of objects), got {}",
                             describe(bodies)));
}

std::vector<std::string> Validator::body_names(const Block& block, BodyKind kind) const {
  std::vector<std::string> names;
  for (const auto& attribute : block.attributes) {
    if (!attribute.computed_only()) names.push_back(attribute.name);
  }
  for (const auto& type : block.block_types) names.push_back(type.name);
  for (const auto& meta : meta_arguments(kind)) names.emplace_back(meta);
  names.emplace_back("dynamic");
  return names;
}

void Validator::report_missing(const Block& block, const Block::Requirement& requirement) {
  const std::string& name = block.requirement_name(requirement);
  if (!requirement.is_block) {
    report("V005", fmt::format("missing required attribute \"{}\"", name));
    return;
  }
  const std::uint32_t min_items = block.block_types[requirement.index].min_items;
  if (min_items == 1) {
    report("V009", fmt::format("missing required block \"{}\"", name));
  } else {
    report("V009", fmt::format("missing required block \"{}\" (at least {})", name, min_items));
  }
}

void Validator::check_body(const json& body, const Block& block, BodyKind kind,
                           const Owner& owner) {
  const auto meta = meta_arguments(kind);
  // Block types generated by `dynamic` count as present for min_items.
  std::vector<std::string_view> dynamic_blocks;
  if (auto it = body.find("dynamic"); it != body.end() && it->is_object()) {
    for (auto d = it->begin(); d != it->end(); ++d) dynamic_blocks.push_back(d.key());
  }
  const auto is_dynamic = [&](std::string_view name) {
    return std::find(dynamic_blocks.begin(), dynamic_blocks.end(), name) != dynamic_blocks.end();
  };

  // Keys and requirements are both sorted, so missing names are reported in
  // their place among the keys.
  auto requirement = block.requirements.begin();
  const auto report_missing_before = [&](const std::string* key) {
    for (; requirement != block.requirements.end(); ++requirement) {
      const std::string& name = block.requirement_name(*requirement);
      if (key != nullptr && name >= *key) {
        if (name == *key) ++requirement;  // present: checked with its value
        return;
      }
      if (requirement->is_block && is_dynamic(name)) continue;
      report_missing(block, *requirement);
    }
  };

  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& key = it.key();
    report_missing_before(&key);
    if (key == kComment || std::find(meta.begin(), meta.end(), key) != meta.end()) continue;
    if (key == "dynamic") {
      PathScope scope(path_, key);
      check_dynamic(it.value(), block, owner);
      continue;
    }
    if (const Attribute* attribute = block.find_attribute(key)) {
      PathScope scope(path_, key);
      check_attribute(it.value(), *attribute);
    } else if (const BlockType* type = block.find_block_type(key)) {
      check_block(it.value(), *type, is_dynamic(key));
    } else {
      PathScope scope(path_, key);
      report("V003",
             with_suggestion(fmt::format("{} has no attribute or block \"{}\"", owner.text(), key),
                             suggestion(&block, key, [&] { return body_names(block, kind); })));
    }
  }
  report_missing_before(nullptr);
}

void Validator::check_attribute(const json& value, const Attribute& attribute) {
  if (value.is_null()) {
    if (attribute.required) {
      report("V005", fmt::format("required attribute \"{}\" must not be null", attribute.name));
    }
    return;
  }
  if (attribute.computed_only()) {
    report("V006",
           fmt::format("\"{}\" is computed by the provider and cannot be set", attribute.name));
    return;
  }
  check_value(value, attribute.type);
}

void Validator::check_block(const json& value, const BlockType& type, bool has_dynamic) {
  const bool single = type.nesting == NestingMode::kSingle || type.nesting == NestingMode::kGroup;
  PathScope scope(path_, type.name);
  if (value.is_null()) {
    if (!has_dynamic && type.min_items > 0) {
      report("V009", fmt::format("missing required block \"{}\"", type.name));
    }
    return;
  }
  const bool shape_ok = value.is_object() || value.is_array();
  if (!shape_ok) {
    report("V007", fmt::format("\"{}\" is a block: give an object{}, got {}", type.name,
                               single ? "" : " (or an array of objects)", describe(value)));
    return;
  }
  if (single && value.is_array() && value.size() > 1) {
    report("V007", fmt::format("\"{}\" is a single block: give one object, not {}", type.name,
                               describe(value)));
    return;
  }
  if (type.nesting == NestingMode::kMap) {
    // Map blocks are labeled: {"label": body, ...}.
    if (!value.is_object()) {
      report("V007",
             fmt::format("\"{}\" is a map of blocks: give an object of labels to bodies, got {}",
                         type.name, describe(value)));
      return;
    }
  }
  const std::size_t count =
      value.is_object() && type.nesting != NestingMode::kMap ? 1 : value.size();
  if (!has_dynamic && count < type.min_items) {
    if (count == 0) {
      report("V009", fmt::format("missing required block \"{}\"", type.name));
    } else {
      report("V009", fmt::format("too few \"{}\" blocks: at least {} required, got {}", type.name,
                                 type.min_items, count));
    }
  }
  if (type.max_items > 0 && count > type.max_items) {
    report("V008", fmt::format("too many \"{}\" blocks: at most {} allowed, got {}", type.name,
                               type.max_items, count));
  }
  if (type.nesting == NestingMode::kMap) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      PathScope label(path_, PathScope::Key{it.key()});
      check_block_body(it.value(), type);
    }
  } else if (value.is_object()) {
    check_block_body(value, type);
  } else {
    for (std::size_t i = 0; i < value.size(); ++i) {
      PathScope index(path_, i);
      check_block_body(value[i], type);
    }
  }
}

void Validator::check_block_body(const json& value, const BlockType& type) {
  if (!value.is_object()) {
    report("V007",
           fmt::format("a \"{}\" block must be an object, got {}", type.name, describe(value)));
    return;
  }
  if (type.contents_unknown) return;
  check_body(value, type.block, BodyKind::kNested, Owner{"block ", type.name, true});
}

// `"dynamic": {"<block type>": spec or [spec, ...]}`.
void Validator::check_dynamic(const json& value, const Block& block, const Owner& owner) {
  if (!value.is_object()) {
    report("V007",
           fmt::format("\"dynamic\" takes an object of block type names, got {}", describe(value)));
    return;
  }
  for (auto it = value.begin(); it != value.end(); ++it) {
    const std::string& name = it.key();
    PathScope scope(path_, name);
    const BlockType* type = block.find_block_type(name);
    if (type == nullptr) {
      if (block.find_attribute(name) != nullptr) {
        report("V007",
               fmt::format("\"{}\" is an attribute, not a block; \"dynamic\" only generates blocks",
                           name));
      } else {
        // A different scope than the body's own names: only block types fit here.
        const std::string& hint = suggestion(&block.block_types, name, [&] {
          std::vector<std::string> names;
          for (const auto& t : block.block_types) names.push_back(t.name);
          return names;
        });
        report("V003", with_suggestion(
                           fmt::format("{} has no block type \"{}\"", owner.text(), name), hint));
      }
      continue;
    }
    const json& specs = it.value();
    if (specs.is_array()) {
      for (std::size_t i = 0; i < specs.size(); ++i) {
        PathScope index(path_, i);
        check_dynamic_spec(specs[i], *type);
      }
    } else {
      check_dynamic_spec(specs, *type);
    }
  }
}

void Validator::check_dynamic_spec(const json& spec, const BlockType& type) {
  if (!spec.is_object()) {
    report(
        "V007",
        fmt::format("a dynamic block must be an object with \"for_each\" and \"content\", got {}",
                    describe(spec)));
    return;
  }
  for (auto it = spec.begin(); it != spec.end(); ++it) {
    const std::string& key = it.key();
    if (key == kComment) continue;
    if (key == "content") {
      PathScope scope(path_, key);
      check_block_body(it.value(), type);
    } else if (!contains(kDynamicKeys, key)) {
      PathScope scope(path_, key);
      report("V003", with_suggestion(fmt::format("a dynamic block has no key \"{}\"", key),
                                     suggestion(&kDynamicKeys, key, [] {
                                       return std::vector<std::string>(kDynamicKeys.begin(),
                                                                       kDynamicKeys.end());
                                     })));
    }
  }
  for (std::string_view required : {std::string_view("content"), std::string_view("for_each")}) {
    if (!spec.contains(required)) {
      report("V005", fmt::format("missing required attribute \"{}\" of a dynamic block", required));
    }
  }
}

void Validator::check_value(const json& value, const CtyType& type) {
  if (value.is_null() || is_expression(value)) return;
  const auto mismatch = [&] {
    report("V004", fmt::format("expected {}, got {}", type.to_string(true), describe(value)));
  };
  switch (type.kind) {
    case CtyType::Kind::kDynamic:
      return;
    case CtyType::Kind::kString:
      if (!value.is_string() && !value.is_number() && !value.is_boolean()) mismatch();
      return;
    case CtyType::Kind::kNumber:
      if (!value.is_number() &&
          !(value.is_string() && is_numeric_string(value.get_ref<const std::string&>()))) {
        mismatch();
      }
      return;
    case CtyType::Kind::kBool:
      if (!value.is_boolean() &&
          !(value.is_string() && is_bool_string(value.get_ref<const std::string&>()))) {
        mismatch();
      }
      return;
    case CtyType::Kind::kList:
    case CtyType::Kind::kSet:
      if (!value.is_array()) return mismatch();
      for (std::size_t i = 0; i < value.size(); ++i) {
        PathScope index(path_, i);
        check_value(value[i], type.elements[0]);
      }
      return;
    case CtyType::Kind::kMap:
      if (!value.is_object()) return mismatch();
      for (auto it = value.begin(); it != value.end(); ++it) {
        PathScope key(path_, PathScope::Key{it.key()});
        check_value(it.value(), type.elements[0]);
      }
      return;
    case CtyType::Kind::kTuple:
      if (!value.is_array()) return mismatch();
      if (value.size() != type.elements.size()) {
        report("V004", fmt::format("expected {} with {} elements, got {}", type.to_string(true),
                                   type.elements.size(), describe(value)));
        return;
      }
      for (std::size_t i = 0; i < value.size(); ++i) {
        PathScope index(path_, i);
        check_value(value[i], type.elements[i]);
      }
      return;
    case CtyType::Kind::kObject: {
      if (!value.is_object()) return mismatch();
      // Both sorted: walk them together so findings stay in key order.
      auto attribute = type.attributes.begin();
      const auto report_missing_before = [&](const std::string* key) {
        for (; attribute != type.attributes.end() && (key == nullptr || attribute->name < *key);
             ++attribute) {
          if (attribute->optional) continue;
          report("V005",
                 fmt::format("missing attribute \"{}\" of the object (give null to leave it unset)",
                             attribute->name));
        }
      };
      for (auto it = value.begin(); it != value.end(); ++it) {
        const std::string& key = it.key();
        report_missing_before(&key);
        PathScope scope(path_, key);
        if (attribute != type.attributes.end() && attribute->name == key) {
          check_value(it.value(), attribute->type);
          ++attribute;
        } else {
          const std::string& hint = suggestion(&type, key, [&] {
            std::vector<std::string> names;
            for (const auto& a : type.attributes) names.push_back(a.name);
            return names;
          });
          report("V003",
                 with_suggestion(fmt::format("the object has no attribute \"{}\"", key), hint));
        }
      }
      report_missing_before(nullptr);
      return;
    }
  }
}

}  // namespace

std::string Finding::to_string() const {
  std::string where = address;
  if (!attribute.empty()) {
    if (!where.empty() && attribute.front() != '[') where += '.';
    where += attribute;
  }
  std::string out = file;
  if (!where.empty()) out += (out.empty() ? "" : ": ") + where;
  out += (out.empty() ? "" : ": ") + message;
  if (!code.empty()) out += " (" + code + ")";
  return out;
}

std::vector<Finding> validate_terraform_json(const nlohmann::json& document,
                                             const ProviderSchemas& schemas,
                                             std::string_view file) {
  return Validator(schemas, file).run(document);
}

}  // namespace keelson::schema
