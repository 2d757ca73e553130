#include "environments/environment.h"

#include <fmt/core.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <regex>
#include <set>
#include <sstream>
#include <system_error>
#include <unordered_map>
#include <utility>

#include "dsl/quote.h"
#include "dsl/suggest.h"

namespace keelson {
namespace {

namespace fs = std::filesystem;

// Environment file problems.
constexpr const char* kYamlSyntax = "K2001";    // the file is not valid YAML
constexpr const char* kWrongKind = "K2002";     // a map, list or scalar where another is expected
constexpr const char* kUnknownKey = "K2003";    // a key the format does not have
constexpr const char* kDuplicateKey = "K2004";  // the same key twice in one map
constexpr const char* kMissingKey = "K2005";    // a required key is absent or empty
constexpr const char* kNotABool = "K2006";      // encrypt / use_lockfile not true or false
constexpr const char* kNameMismatch = "K2007";  // `name:` differs from the file's stem
constexpr const char* kBadRegion = "K2008";     // not an AWS region
constexpr const char* kBadAccount = "K2009";    // not a 12-digit account ID
constexpr const char* kBadRoleArn = "K2010";    // not an IAM role ARN
constexpr const char* kBadBucket = "K2011";     // not a valid S3 bucket name
constexpr const char* kBadKeyPlaceholder = "K2012";  // a `{x}` in backend.key other than app, env
constexpr const char* kBadStateKey = "K2013";  // backend.key empty, unbalanced braces, bad slashes
constexpr const char* kNoStateLocking = "K2014";  // neither dynamodb_table nor use_lockfile
constexpr const char* kBadTagKey = "K2015";       // tag key length or `aws:` prefix
constexpr const char* kBadTagValue = "K2016";     // tag value too long
constexpr const char* kManyDocuments = "K2017";   // more than one YAML document
// Finding environment files.
constexpr const char* kNoDirectory = "K2030";         // the environments directory is missing
constexpr const char* kUnknownEnvironment = "K2031";  // no file for the requested environment
constexpr const char* kAmbiguousFile = "K2032";       // both <name>.yaml and <name>.yml exist
constexpr const char* kUnreadableFile = "K2033";      // the file cannot be read
// Parameter values.
constexpr const char* kUnknownParameter = "K2040";   // a value for a parameter nobody declared
constexpr const char* kMissingParameter = "K2041";   // no value for a parameter without a default
constexpr const char* kParameterType = "K2042";      // a value of the wrong type
constexpr const char* kParameterInvalid = "K2043";   // a value failing the parameter's constraints
constexpr const char* kSecretInPlainText = "K2044";  // a value for a sensitive parameter

const std::vector<std::string> kTopKeys = {"name",    "region", "account",   "assume_role",
                                           "backend", "tags",   "parameters"};
const std::vector<std::string> kAssumeRoleKeys = {"role_arn", "session_name", "external_id"};
const std::vector<std::string> kBackendKeys = {
    "bucket", "region", "key", "encrypt", "kms_key_id", "dynamodb_table", "use_lockfile"};
const std::vector<std::string> kKeyPlaceholders = {"app", "env"};
constexpr const char* kDefaultStateKey = "{app}/{env}/terraform.tfstate";

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

std::size_t utf8_length(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// `pattern` is always a string literal, so its address names it; compiling a
// std::regex is costly enough to do once per pattern.
bool full_match(const std::string& text, const char* pattern) {
  static std::unordered_map<const char*, std::regex> compiled;
  auto it = compiled.find(pattern);
  if (it == compiled.end()) it = compiled.emplace(pattern, std::regex(pattern)).first;
  return std::regex_match(text, it->second);
}

bool is_plain(const YAML::Node& node) { return node.Tag() == "?"; }

// YAML 1.2 core schema resolution of a plain scalar.
Value resolve_plain(const std::string& text) {
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
    return nullptr;
  }
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  const auto parse_int = [&](std::string_view digits, int base,
                             bool negative) -> std::optional<Value> {
    std::uint64_t magnitude = 0;
    const auto [end, ec] =
        std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
    if (end != digits.data() + digits.size()) return std::nullopt;
    constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (ec == std::errc() && magnitude <= kMax + (negative ? 1 : 0)) {
      if (!negative) return Value(static_cast<std::int64_t>(magnitude));
      return Value(magnitude == kMax + 1 ? std::numeric_limits<std::int64_t>::min()
                                         : -static_cast<std::int64_t>(magnitude));
    }
    return std::nullopt;  // too large for an int: read it as a float below
  };
  if (full_match(text, "0o[0-7]+")) {
    if (auto v = parse_int(std::string_view(text).substr(2), 8, false)) return *v;
  }
  if (full_match(text, "0x[0-9a-fA-F]+")) {
    if (auto v = parse_int(std::string_view(text).substr(2), 16, false)) return *v;
  }
  const bool negative = !text.empty() && text[0] == '-';
  const std::string_view unsigned_text =
      std::string_view(text).substr(!text.empty() && (text[0] == '-' || text[0] == '+') ? 1 : 0);
  if (full_match(text, "[-+]?[0-9]+")) {
    if (auto v = parse_int(unsigned_text, 10, negative)) return *v;
  }
  if (full_match(text, "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?")) {
    double d = 0;
    const auto [end, ec] =
        std::from_chars(unsigned_text.data(), unsigned_text.data() + unsigned_text.size(), d);
    // Out of a double's range (`1e999`): kept as written rather than guessed.
    if (ec != std::errc() || end != unsigned_text.data() + unsigned_text.size()) return text;
    return negative ? -d : d;
  }
  if (full_match(text, "[-+]?\\.(inf|Inf|INF)")) {
    return negative ? -std::numeric_limits<double>::infinity()
                    : std::numeric_limits<double>::infinity();
  }
  if (text == ".nan" || text == ".NaN" || text == ".NAN") {
    return std::numeric_limits<double>::quiet_NaN();
  }
  return text;
}

// The Value kind a YAML node reads as, for wrong-kind messages.
std::string node_kind(const YAML::Node& node) {
  if (node.IsMap()) return "a map";
  if (node.IsSequence()) return "a list";
  if (node.IsScalar()) {
    return is_plain(node) ? resolve_plain(node.Scalar()).kind_name() : "a string";
  }
  return "null";
}

std::string dotted(std::string_view parent, std::string_view key) {
  return parent.empty() ? std::string(key) : fmt::format("{}.{}", parent, key);
}

std::string in_section(std::string_view section) {
  return section.empty() ? std::string() : fmt::format(" in {}", section);
}

// One `key: value` of a YAML map.
struct Entry {
  std::string key;
  YAML::Node key_node;
  YAML::Node value;
};

// Reads one environment file, collecting every problem.
class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  std::vector<Diagnostic>& diagnostics() { return diagnostics_; }

  SourceLocation at(const YAML::Mark& mark) const {
    if (mark.is_null() || mark.line < 0) return {file_, 0, 0};
    return {file_, static_cast<unsigned>(mark.line) + 1, static_cast<unsigned>(mark.column) + 1};
  }
  SourceLocation at(const YAML::Node& node) const { return at(node.Mark()); }

  // An empty value has no position of its own (yaml-cpp marks the next
  // token), so it is reported at its key.
  SourceLocation value_at(const Entry& entry) const {
    const YAML::Mark mark = entry.value.Mark();
    if (entry.value.IsNull() && (mark.is_null() || mark.line != entry.key_node.Mark().line)) {
      return at(entry.key_node);
    }
    return at(mark);
  }

  void error(const char* code, std::string message, SourceLocation where, std::string hint = {}) {
    Diagnostic d;
    d.code = code;
    d.message = std::move(message);
    d.hint = std::move(hint);
    d.where = std::move(where);
    diagnostics_.push_back(std::move(d));
  }

  // The entries of a map; `allowed` empty means any key. Reports a node that
  // is not a map, keys that are not scalars, unknown and duplicate keys.
  // `path` names the map in messages; empty for the top level.
  std::optional<std::vector<Entry>> entries(const YAML::Node& node, const std::string& path,
                                            SourceLocation where,
                                            const std::vector<std::string>& allowed) {
    if (!node.IsMap()) {
      error(kWrongKind,
            path.empty() ? fmt::format("expected a map at the top level, got {}", node_kind(node))
                         : fmt::format("{}: expected a map, got {}", path, node_kind(node)),
            std::move(where));
      return std::nullopt;
    }
    std::vector<Entry> out;
    std::map<std::string, YAML::Mark> seen;
    for (const auto& kv : node) {
      if (!kv.first.IsScalar() && !kv.first.IsNull()) {
        error(kWrongKind,
              fmt::format("expected a scalar key{}, got {}", in_section(path), node_kind(kv.first)),
              at(kv.first));
        continue;
      }
      Entry entry{kv.first.IsScalar() ? kv.first.Scalar() : std::string(), kv.first, kv.second};
      if (!allowed.empty() &&
          std::find(allowed.begin(), allowed.end(), entry.key) == allowed.end()) {
        std::string hint = did_you_mean(entry.key, allowed);
        if (hint.empty()) hint = "valid keys are " + join(allowed, ", ");
        error(kUnknownKey, fmt::format("unknown key {}{}", quote(entry.key), in_section(path)),
              at(entry.key_node), std::move(hint));
        continue;
      }
      const auto [it, inserted] = seen.emplace(entry.key, entry.key_node.Mark());
      if (!inserted) {
        error(kDuplicateKey, fmt::format("duplicate key {}{}", quote(entry.key), in_section(path)),
              at(entry.key_node), "first given at " + at(it->second).to_string());
        continue;
      }
      out.push_back(std::move(entry));
    }
    return out;
  }

  // The text of a scalar; nullopt (reported) for a list or map, and for an
  // empty value when `required`.
  std::optional<std::string> text(const Entry& entry, const std::string& path, bool required) {
    if (entry.value.IsScalar()) return entry.value.Scalar();
    if (entry.value.IsNull()) {
      if (required) error(kMissingKey, fmt::format("{} has no value", path), value_at(entry));
      return required ? std::nullopt : std::optional<std::string>(std::string());
    }
    error(kWrongKind, fmt::format("{}: expected a string, got {}", path, node_kind(entry.value)),
          value_at(entry));
    return std::nullopt;
  }

  // A plain `true` or `false`; nullopt (reported unless empty) otherwise.
  std::optional<bool> boolean(const Entry& entry, const std::string& path) {
    if (entry.value.IsNull()) return std::nullopt;
    if (entry.value.IsScalar() && is_plain(entry.value)) {
      const Value v = resolve_plain(entry.value.Scalar());
      if (v.kind() == Value::Kind::kBool) return v.as_bool();
    }
    const std::string got =
        entry.value.IsScalar() ? quote(entry.value.Scalar()) : node_kind(entry.value);
    error(kNotABool, fmt::format("{}: expected true or false, got {}", path, got), value_at(entry),
          entry.value.IsScalar() && !is_plain(entry.value)
              ? "a quoted value is a string; remove the quotes"
              : std::string());
    return std::nullopt;
  }

  // A parameter value: the Value and, in the same shape, every scalar's text.
  std::pair<Value, Value> convert(const YAML::Node& node, const std::string& path) {
    if (node.IsScalar()) {
      if (!is_plain(node)) return {Value(node.Scalar()), Value(node.Scalar())};
      return {resolve_plain(node.Scalar()), Value(node.Scalar())};
    }
    if (node.IsSequence()) {
      Value::List values;
      Value::List sources;
      std::size_t index = 0;
      for (const auto& item : node) {
        auto [value, source] = convert(item, fmt::format("{}[{}]", path, index++));
        values.push_back(std::move(value));
        sources.push_back(std::move(source));
      }
      return {Value(std::move(values)), Value(std::move(sources))};
    }
    if (node.IsMap()) {
      Value::Map values;
      Value::Map sources;
      if (auto items = entries(node, path, at(node), {})) {
        for (const auto& entry : *items) {
          auto [value, source] = convert(entry.value, dotted(path, entry.key));
          values.emplace(entry.key, std::move(value));
          sources.emplace(entry.key, std::move(source));
        }
      }
      return {Value(std::move(values)), Value(std::move(sources))};
    }
    return {Value(), Value()};
  }

 private:
  std::string file_;
  std::vector<Diagnostic> diagnostics_;
};

// Why `bucket` is not a valid S3 bucket name, or empty.
std::string bucket_problem(const std::string& bucket) {
  if (bucket.size() < 3 || bucket.size() > 63) return "it must be 3 to 63 characters long";
  if (!full_match(bucket, "[a-z0-9.-]+")) {
    return "it may contain only lowercase letters, digits, dots and hyphens";
  }
  if (!full_match(bucket, "[a-z0-9].*[a-z0-9]")) {
    return "it must start and end with a letter or digit";
  }
  if (bucket.find("..") != std::string::npos) return "it must not contain two dots in a row";
  if (full_match(bucket, "[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+")) {
    return "it must not look like an IP address";
  }
  if (bucket.rfind("xn--", 0) == 0 || bucket.rfind("sthree-", 0) == 0) {
    return "it starts with a prefix S3 reserves";
  }
  const auto ends_with = [&](std::string_view suffix) {
    return bucket.size() >= suffix.size() &&
           bucket.compare(bucket.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with("-s3alias") || ends_with("--ol-s3")) return "it ends with a suffix S3 reserves";
  return {};
}

void check_region(Reader& reader, const std::string& region, const std::string& path,
                  SourceLocation where) {
  if (full_match(region, "[a-z]{2,4}(-(gov|iso[a-z]?))?-[a-z]+-[0-9]{1,2}")) return;
  reader.error(kBadRegion, fmt::format("{} {} is not an AWS region", path, quote(region)),
               std::move(where), "AWS regions look like us-east-1, eu-west-2 or us-gov-west-1");
}

void check_state_key(Reader& reader, const std::string& key, SourceLocation where) {
  if (key.empty()) {
    reader.error(kBadStateKey, "backend.key must not be empty", std::move(where),
                 fmt::format("leave it out to use {}", kDefaultStateKey));
    return;
  }
  if (key.front() == '/' || key.back() == '/' || key.find("//") != std::string::npos) {
    reader.error(
        kBadStateKey,
        fmt::format("backend.key {} must not start or end with / or contain //", quote(key)),
        where);
  }
  for (std::size_t i = 0; i < key.size(); ++i) {
    if (key[i] == '}') {
      reader.error(kBadStateKey, fmt::format("backend.key {} has a }} with no {{", quote(key)),
                   where);
      return;
    }
    if (key[i] != '{') continue;
    const std::size_t close = key.find('}', i);
    if (close == std::string::npos) {
      reader.error(kBadStateKey, fmt::format("backend.key {} has a {{ with no }}", quote(key)),
                   where);
      return;
    }
    const std::string name = key.substr(i + 1, close - i - 1);
    if (name != "app" && name != "env") {
      const std::string match = closest_match(name, kKeyPlaceholders);
      std::string hint =
          match.empty() ? std::string() : fmt::format("did you mean {{{}}}? ", match);
      hint += "the state key may use {app} and {env}";
      reader.error(kBadKeyPlaceholder,
                   fmt::format("unknown placeholder {{{}}} in backend.key", name), where,
                   std::move(hint));
    }
    i = close;
  }
}

void read_assume_role(Reader& reader, const Entry& section, Environment& env) {
  const auto items =
      reader.entries(section.value, "assume_role", reader.value_at(section), kAssumeRoleKeys);
  if (!items) return;
  AssumeRole role;
  bool has_arn = false;
  for (const auto& entry : *items) {
    const std::string path = dotted("assume_role", entry.key);
    if (entry.key == "role_arn") {
      has_arn = true;
      const auto arn = reader.text(entry, path, true);
      if (!arn) continue;
      role.role_arn = *arn;
      if (!full_match(*arn, "arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+")) {
        reader.error(kBadRoleArn, fmt::format("{} {} is not an IAM role ARN", path, quote(*arn)),
                     reader.value_at(entry),
                     "a role ARN looks like arn:aws:iam::123456789012:role/deploy");
      }
    } else if (entry.key == "session_name") {
      if (auto v = reader.text(entry, path, false)) role.session_name = *v;
    } else if (entry.key == "external_id") {
      if (auto v = reader.text(entry, path, false)) role.external_id = *v;
    }
  }
  if (!has_arn) {
    reader.error(kMissingKey, "missing required key \"role_arn\" in assume_role",
                 reader.at(section.key_node), "role_arn: arn:aws:iam::123456789012:role/deploy");
  }
  env.assume_role = std::move(role);
}

// Reads the backend; the key and region defaults are filled in by the caller.
void read_backend(Reader& reader, const Entry& section, Environment& env, bool& has_region,
                  bool& has_key) {
  const auto items =
      reader.entries(section.value, "backend", reader.value_at(section), kBackendKeys);
  if (!items) return;
  Backend& backend = env.backend;
  bool has_bucket = false;
  for (const auto& entry : *items) {
    const std::string path = dotted("backend", entry.key);
    const SourceLocation where = reader.value_at(entry);
    if (entry.key == "bucket") {
      has_bucket = true;
      const auto bucket = reader.text(entry, path, true);
      if (!bucket) continue;
      backend.bucket = *bucket;
      const std::string problem = bucket_problem(*bucket);
      if (!problem.empty()) {
        reader.error(
            kBadBucket,
            fmt::format("{} {} is not a valid S3 bucket name: {}", path, quote(*bucket), problem),
            where,
            "S3 bucket names are 3 to 63 lowercase letters, digits, dots and hyphens, "
            "starting and ending with a letter or digit");
      }
    } else if (entry.key == "region") {
      const auto region = reader.text(entry, path, false);
      if (!region || region->empty()) continue;
      has_region = true;
      backend.region = *region;
      check_region(reader, *region, path, where);
    } else if (entry.key == "key") {
      const auto key = reader.text(entry, path, false);
      if (!key || entry.value.IsNull()) continue;
      has_key = true;
      backend.key = *key;
      check_state_key(reader, *key, where);
    } else if (entry.key == "encrypt") {
      if (auto v = reader.boolean(entry, path)) backend.encrypt = *v;
    } else if (entry.key == "use_lockfile") {
      if (auto v = reader.boolean(entry, path)) backend.use_lockfile = *v;
    } else if (entry.key == "kms_key_id") {
      if (auto v = reader.text(entry, path, false)) backend.kms_key_id = *v;
    } else if (entry.key == "dynamodb_table") {
      if (auto v = reader.text(entry, path, false)) backend.dynamodb_table = *v;
    }
  }
  if (!has_bucket) {
    reader.error(kMissingKey, "missing required key \"bucket\" in backend",
                 reader.at(section.key_node),
                 "bucket: the S3 bucket that holds the Terraform state");
  }
  if (!backend.use_lockfile && backend.dynamodb_table.empty()) {
    reader.error(kNoStateLocking, "the backend has no state locking", reader.at(section.key_node),
                 "set use_lockfile: true (S3 native locking) or dynamodb_table");
  }
}

void read_tags(Reader& reader, const Entry& section, Environment& env) {
  const auto items = reader.entries(section.value, "tags", reader.value_at(section), {});
  if (!items) return;
  for (const auto& entry : *items) {
    const std::size_t key_length = utf8_length(entry.key);
    if (key_length < 1 || key_length > 128) {
      reader.error(kBadTagKey,
                   fmt::format("tag key {} must be 1 to 128 characters long", quote(entry.key)),
                   reader.at(entry.key_node));
    } else if (entry.key.size() >= 4 &&
               std::equal(entry.key.begin(), entry.key.begin() + 4, "aws:", [](char a, char b) {
                 return std::tolower(static_cast<unsigned char>(a)) == b;
               })) {
      reader.error(kBadTagKey,
                   fmt::format("tag key {} must not start with \"aws:\"", quote(entry.key)),
                   reader.at(entry.key_node), "AWS reserves the aws: prefix for its own tags");
    }
    const auto value = reader.text(entry, fmt::format("tags.{}", entry.key), false);
    if (!value) continue;
    if (utf8_length(*value) > 256) {
      reader.error(
          kBadTagValue,
          fmt::format("the value of tag {} is longer than 256 characters", quote(entry.key)),
          reader.value_at(entry));
    }
    env.tags[entry.key] = *value;
  }
}

void read_parameters(Reader& reader, const Entry& section, Environment& env) {
  const auto items = reader.entries(section.value, "parameters", reader.value_at(section), {});
  if (!items) return;
  for (const auto& entry : *items) {
    auto [value, source] = reader.convert(entry.value, entry.key);
    ParameterValue parameter{std::move(value),
                             entry.value.IsScalar() ? entry.value.Scalar() : std::string(),
                             reader.value_at(entry), std::move(source)};
    env.parameters.emplace(entry.key, std::move(parameter));
  }
}

void read_environment(Reader& reader, const YAML::Node& root, Environment& env,
                      const std::string& expected_name) {
  const auto items = reader.entries(root, "", reader.at(root), kTopKeys);
  if (!items) return;
  bool has_region = false;
  bool has_account = false;
  bool has_backend = false;
  bool backend_region = false;
  bool backend_key = false;
  for (const auto& entry : *items) {
    const SourceLocation where = reader.value_at(entry);
    if (entry.key == "name") {
      const auto name = reader.text(entry, "name", true);
      if (!name) continue;
      if (!expected_name.empty() && *name != expected_name) {
        reader.error(kNameMismatch,
                     fmt::format("name {} does not match the file name {}", quote(*name),
                                 quote(expected_name)),
                     where, fmt::format("write name: {} or leave the name out", expected_name));
      }
      if (expected_name.empty()) env.name = *name;
    } else if (entry.key == "region") {
      has_region = true;
      const auto region = reader.text(entry, "region", true);
      if (!region) continue;
      env.region = *region;
      check_region(reader, *region, "region", where);
    } else if (entry.key == "account") {
      has_account = true;
      const auto account = reader.text(entry, "account", true);
      if (!account) continue;
      env.account = *account;
      if (!full_match(*account, "[0-9]{12}")) {
        reader.error(kBadAccount,
                     fmt::format("account {} is not an AWS account ID", quote(*account)), where,
                     "an AWS account ID is exactly 12 digits, like \"123456789012\"");
      }
    } else if (entry.key == "backend") {
      has_backend = true;
      if (entry.value.IsNull()) {
        reader.error(kMissingKey, "backend has no value", where);
      } else {
        read_backend(reader, entry, env, backend_region, backend_key);
      }
    } else if (entry.key == "parameters") {
      // Kept even when empty: missing parameter values are reported here.
      env.parameters_where = reader.at(entry.key_node);
      if (!entry.value.IsNull()) read_parameters(reader, entry, env);
    } else if (entry.value.IsNull()) {
      continue;  // an optional section with everything in it commented out
    } else if (entry.key == "assume_role") {
      read_assume_role(reader, entry, env);
    } else if (entry.key == "tags") {
      read_tags(reader, entry, env);
    }
  }
  if (!has_region) {
    reader.error(kMissingKey, "missing required key \"region\"", env.where, "region: us-east-1");
  }
  if (!has_account) {
    reader.error(kMissingKey, "missing required key \"account\"", env.where,
                 "account: \"123456789012\"");
  }
  if (!has_backend) {
    reader.error(kMissingKey, "missing required key \"backend\"", env.where,
                 "backend: needs the S3 bucket for the Terraform state and use_lockfile: true or a "
                 "dynamodb_table");
  }
  if (!backend_region) env.backend.region = env.region;
  if (!backend_key) env.backend.key = kDefaultStateKey;
}

// Orders locations top to bottom; unknown positions (line 0) go last.
bool comes_before(const SourceLocation& a, const SourceLocation& b) {
  if ((a.line == 0) != (b.line == 0)) return b.line == 0;
  return a.line == b.line ? a.column < b.column : a.line < b.line;
}

// Gives a string parameter the text of a plain scalar (`1.28` stays `1.28`),
// following the declared type into lists, maps and objects.
Value coerce(const ParamType& type, const Value& value, const Value& source) {
  switch (type.kind()) {
    case ParamType::Kind::kString:
      if ((value.kind() == Value::Kind::kBool || value.is_number()) && source.is_string()) {
        return source;
      }
      return value;
    case ParamType::Kind::kList: {
      if (value.kind() != Value::Kind::kList || source.kind() != Value::Kind::kList ||
          source.as_list().size() != value.as_list().size()) {
        return value;
      }
      Value::List out;
      for (std::size_t i = 0; i < value.as_list().size(); ++i) {
        out.push_back(coerce(type.element(), value.as_list()[i], source.as_list()[i]));
      }
      return Value(std::move(out));
    }
    case ParamType::Kind::kMap:
    case ParamType::Kind::kObject: {
      if (value.kind() != Value::Kind::kMap || source.kind() != Value::Kind::kMap) return value;
      Value::Map out;
      for (const auto& [key, item] : value.as_map()) {
        const ParamType* item_type = nullptr;
        if (type.kind() == ParamType::Kind::kMap) {
          item_type = &type.element();
        } else if (const auto field = type.fields().find(key); field != type.fields().end()) {
          item_type = &field->second;
        }
        const auto item_source = source.as_map().find(key);
        out.emplace(key, item_type != nullptr && item_source != source.as_map().end()
                             ? coerce(*item_type, item, item_source->second)
                             : item);
      }
      return Value(std::move(out));
    }
    default:
      return value;
  }
}

std::string wrong_type_hint(const ParamType& type, const ParameterValue& given) {
  if (given.value.is_null() && type.kind() == ParamType::Kind::kString) {
    return "write \"\" for an empty string";
  }
  if (!given.value.is_string()) return {};
  const Value plain = resolve_plain(given.value.as_string());
  const bool fits = (type.kind() == ParamType::Kind::kNumber && plain.is_number()) ||
                    (type.kind() == ParamType::Kind::kBool && plain.kind() == Value::Kind::kBool);
  return fits ? "a quoted value is a string; remove the quotes" : std::string();
}

}  // namespace

std::string Environment::state_key(std::string_view app) const {
  std::string out;
  const std::string& key = backend.key.empty() ? std::string(kDefaultStateKey) : backend.key;
  for (std::size_t i = 0; i < key.size();) {
    if (key.compare(i, 5, "{app}") == 0) {
      out += app;
      i += 5;
    } else if (key.compare(i, 5, "{env}") == 0) {
      out += name;
      i += 5;
    } else {
      out += key[i++];
    }
  }
  return out;
}

Environment parse_environment(std::string_view yaml_text, std::string file,
                              std::string expected_name) {
  Environment env;
  env.name = expected_name;
  env.file = file;
  env.where = SourceLocation{file, 1, 1};
  env.parameters_where = env.where;
  Reader reader(file);

  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(std::string(yaml_text));
  } catch (const YAML::Exception& e) {
    reader.error(kYamlSyntax, "invalid YAML: " + e.msg, reader.at(e.mark));
    throw Error(std::move(reader.diagnostics()));
  }
  if (documents.empty() || documents.front().IsNull()) {
    reader.error(kWrongKind, "the file is empty; expected a map with region, account and backend",
                 env.where);
    throw Error(std::move(reader.diagnostics()));
  }
  if (documents.size() > 1) {
    reader.error(kManyDocuments,
                 fmt::format("expected one YAML document, found {}", documents.size()),
                 reader.at(documents[1]), "remove the --- separators after the first document");
  }
  read_environment(reader, documents.front(), env, expected_name);
  auto& diagnostics = reader.diagnostics();
  if (diagnostics.empty()) return env;
  // File order reads best; checks made after a section (missing keys, state
  // locking) otherwise come after the problems inside it.
  std::stable_sort(
      diagnostics.begin(), diagnostics.end(),
      [](const Diagnostic& a, const Diagnostic& b) { return comes_before(a.where, b.where); });
  throw Error(std::move(diagnostics));
}

std::vector<std::string> list_environments(const fs::path& directory) {
  std::set<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec)) continue;
    const fs::path& path = it->path();
    const std::string extension = path.extension().string();
    const std::string stem = path.stem().string();
    if ((extension == ".yaml" || extension == ".yml") && !stem.empty() && stem.front() != '.') {
      names.insert(stem);
    }
  }
  return {names.begin(), names.end()};
}

Environment load_environment(const fs::path& directory, std::string_view name) {
  std::error_code ec;
  if (!fs::is_directory(directory, ec)) {
    Diagnostic d;
    d.code = kNoDirectory;
    d.message = fmt::format("environments directory {} {}", quote(directory.string()),
                            fs::exists(directory, ec) ? "is not a directory" : "does not exist");
    d.hint = "create it with one <name>.yaml file per environment";
    throw Error(std::move(d));
  }
  const std::vector<std::string> names = list_environments(directory);
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    Diagnostic d;
    d.code = kUnknownEnvironment;
    d.message = fmt::format("unknown environment {}", quote(name));
    if (names.empty()) {
      d.hint = fmt::format("there are no environment files (*.yaml) in {}", directory.string());
    } else {
      d.hint = did_you_mean(name, names);
      if (!d.hint.empty()) d.hint += " ";
      d.hint += "available environments: " + join(names, ", ");
    }
    throw Error(std::move(d));
  }
  const fs::path yaml = directory / (std::string(name) + ".yaml");
  const fs::path yml = directory / (std::string(name) + ".yml");
  const bool has_yaml = fs::is_regular_file(yaml, ec);
  const bool has_yml = fs::is_regular_file(yml, ec);
  if (has_yaml && has_yml) {
    Diagnostic d;
    d.code = kAmbiguousFile;
    d.message = fmt::format("environment {} is defined twice, in {} and {}", quote(name),
                            yaml.string(), yml.string());
    d.hint = "keep one of the two files";
    d.where = SourceLocation{yml.string(), 0, 0};
    throw Error(std::move(d));
  }
  const fs::path path = has_yaml ? yaml : yml;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) {
    Diagnostic d;
    d.code = kUnreadableFile;
    d.message = fmt::format("cannot read environment file {}", path.string());
    d.where = SourceLocation{path.string(), 0, 0};
    throw Error(std::move(d));
  }
  return parse_environment(text.str(), path.string(), std::string(name));
}

Value::Map resolve_parameters(const Environment& env,
                              const std::vector<const Parameter*>& declared) {
  std::map<std::string, const Parameter*, std::less<>> by_name;
  std::vector<std::string> names;
  for (const Parameter* parameter : declared) {
    if (by_name.emplace(parameter->name(), parameter).second) names.push_back(parameter->name());
  }

  // File order, so the diagnostics read top to bottom.
  std::vector<const std::pair<const std::string, ParameterValue>*> given;
  for (const auto& item : env.parameters) given.push_back(&item);
  std::stable_sort(given.begin(), given.end(), [](const auto* a, const auto* b) {
    return comes_before(a->second.where, b->second.where);
  });

  std::vector<Diagnostic> diagnostics;
  const auto report = [&](const char* code, std::string message, SourceLocation where,
                          std::string hint) {
    Diagnostic d;
    d.code = code;
    d.message = std::move(message);
    d.hint = std::move(hint);
    d.where = std::move(where);
    diagnostics.push_back(std::move(d));
  };

  Value::Map resolved;
  for (const auto* item : given) {
    const auto& [name, value] = *item;
    const auto found = by_name.find(name);
    if (found == by_name.end()) {
      std::string hint = did_you_mean(name, names);
      if (hint.empty()) {
        hint = names.empty() ? "no parameters are declared"
                             : "declared parameters: " + join(names, ", ");
      }
      report(kUnknownParameter, fmt::format("unknown parameter {}", quote(name)), value.where,
             std::move(hint));
      continue;
    }
    const Parameter& parameter = *found->second;
    if (parameter.spec().sensitive) {
      // It would land in terraform.tfvars.json, which is committed.
      report(kSecretInPlainText,
             fmt::format("parameter {} is sensitive; its value must not be written in plain text",
                         quote(name)),
             value.where,
             fmt::format("remove it here and give it at plan time (TF_VAR_{}), or read the secret "
                         "from Secrets Manager or SSM Parameter Store with a data source",
                         name));
      continue;
    }
    const Value source =
        value.source.is_null() && !value.text.empty() ? Value(value.text) : value.source;
    Value coerced = coerce(parameter.type(), value.value, source);
    const std::vector<std::string> type_problems = parameter.type().check(coerced);
    if (!type_problems.empty()) {
      const std::string hint = wrong_type_hint(parameter.type(), value);
      for (const auto& problem : type_problems) {
        report(kParameterType, fmt::format("parameter {}: {}", quote(name), problem), value.where,
               hint);
      }
      continue;
    }
    const std::vector<std::string> problems = parameter.check(coerced);
    for (const auto& problem : problems) {
      report(kParameterInvalid, fmt::format("parameter {}: {}", quote(name), problem), value.where,
             parameter.spec().description.empty()
                 ? std::string()
                 : fmt::format("{}: {}", name, parameter.spec().description));
    }
    if (problems.empty()) resolved.emplace(name, std::move(coerced));
  }
  for (const auto& name : names) {
    const Parameter& parameter = *by_name.find(name)->second;
    // A sensitive parameter is given at plan time, never in the file.
    if (env.parameters.count(name) != 0 || parameter.spec().default_value ||
        parameter.spec().sensitive) {
      continue;
    }
    report(kMissingParameter,
           fmt::format("missing value for parameter {}, which has no default", quote(name)),
           env.parameters_where,
           fmt::format("add {}: <{}> under parameters: in {}", name, parameter.type().terraform(),
                       env.file));
  }
  if (!diagnostics.empty()) throw Error(std::move(diagnostics));
  return resolved;
}

}  // namespace keelson
