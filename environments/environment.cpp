// The environment file's schema: which keys exist, what each must hold, and
// where every problem is. The YAML itself is read by yaml_tree.cpp; the
// values under `parameters:` are checked in parameter_values.cpp.
#include "environments/environment.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <regex>
#include <set>
#include <system_error>
#include <utility>

#include "dsl/construct.h"
#include "dsl/quote.h"
#include "dsl/suggest.h"
#include "environments/aws_names.h"
#include "environments/source_order.h"
#include "environments/yaml_scalar.h"
#include "environments/yaml_tree.h"

namespace keelson {
namespace {

namespace fs = std::filesystem;

// Environment file problems.
constexpr const char* kWrongKind = "K2002";     // a map, list or scalar where another is expected
constexpr const char* kUnknownKey = "K2003";    // a key the format does not have
constexpr const char* kDuplicateKey = "K2004";  // the same key twice in one map
constexpr const char* kMissingKey = "K2005";    // a required key is absent or empty
constexpr const char* kNotABool = "K2006";      // encrypt / use_lockfile not true or false
constexpr const char* kBadPolicy = "K2058";  // policy: a severity or suppression not as documented
constexpr const char* kBadAllowedList = "K2070";     // policy.allowed_*: empty, or not a family
constexpr const char* kBadNaming = "K2071";          // policy.naming: not a regular expression
constexpr const char* kBadBoundary = "K2072";        // policy.permission_boundary: not a policy
constexpr const char* kBadCost = "K2085";            // cost: a budget or assumption not a number
constexpr const char* kNameMismatch = "K2007";       // `name:` differs from the file's stem
constexpr const char* kBadRegion = "K2008";          // not an AWS region
constexpr const char* kBadAccount = "K2009";         // not a 12-digit account ID
constexpr const char* kBadRoleArn = "K2010";         // not an IAM role ARN
constexpr const char* kBadBucket = "K2011";          // not a valid S3 bucket name
constexpr const char* kBadKeyPlaceholder = "K2012";  // a `{x}` in backend.key other than app, env
constexpr const char* kBadStateKey = "K2013";  // backend.key empty, too long, bad braces or slashes
constexpr const char* kNoStateLocking = "K2014";  // neither dynamodb_table nor use_lockfile
constexpr const char* kBadTagKey = "K2015";       // tag key length or `aws:` prefix
constexpr const char* kBadTagValue = "K2016";     // tag value too long
constexpr const char* kManyDocuments = "K2017";   // more than one YAML document
constexpr const char* kBadSessionName = "K2027";  // assume_role.session_name breaks STS's rules
constexpr const char* kBadExternalId = "K2028";   // assume_role.external_id breaks STS's rules
constexpr const char* kBadLockTable = "K2029";    // backend.dynamodb_table not a table name
constexpr const char* kBadKmsKey = "K2045";       // backend.kms_key_id not a key ID, ARN or alias
// Finding environment files.
constexpr const char* kNoDirectory = "K2030";         // the environments directory is missing
constexpr const char* kUnknownEnvironment = "K2031";  // no file for the requested environment
constexpr const char* kAmbiguousFile = "K2032";       // both <name>.yaml and <name>.yml exist
constexpr const char* kUnreadableFile = "K2033";      // the file cannot be read

const std::vector<std::string> kTopKeys = {"name",    "region",    "account",    "assume_role",
                                           "backend", "tags",      "parameters", "charts",
                                           "policy",  "isolation", "cost"};
const std::vector<std::string> kAssumeRoleKeys = {"role_arn", "session_name", "external_id"};
const std::vector<std::string> kBackendKeys = {
    "bucket", "region", "key", "encrypt", "kms_key_id", "dynamodb_table", "use_lockfile"};
const std::vector<std::string> kKeyPlaceholders = {"app", "env"};
constexpr const char* kDefaultStateKey = "{app}/{env}/terraform.tfstate";

std::size_t utf8_length(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
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
  YamlNode::Ptr key_node;
  YamlNode::Ptr value;
};

// Reads one environment file's tree, collecting every problem.
class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  std::vector<Diagnostic>& diagnostics() { return diagnostics_; }

  SourceLocation at(const YamlNode& node) const { return {file_, node.line, node.column}; }

  // An empty value has no position of its own (yaml-cpp gives the next
  // token's), so it is reported at its key.
  SourceLocation value_at(const Entry& entry) const {
    if (entry.value->is_null() &&
        (entry.value->line == 0 || entry.value->line != entry.key_node->line)) {
      return at(*entry.key_node);
    }
    return at(*entry.value);
  }

  void error(const char* code, std::string message, SourceLocation where, std::string hint = {}) {
    diagnostics_.push_back(make_error(code, std::move(message), std::move(where), std::move(hint)));
  }

  // The entries of a map; `allowed` empty means any key. Reports a node that
  // is not a map, keys that are not scalars, unknown and duplicate keys.
  // `path` names the map in messages; empty for the top level.
  std::optional<std::vector<Entry>> entries(const YamlNode& node, const std::string& path,
                                            SourceLocation where,
                                            const std::vector<std::string>& allowed) {
    if (!node.is_map()) {
      error(kWrongKind,
            path.empty() ? fmt::format("expected a map at the top level, got {}", yaml_kind(node))
                         : fmt::format("{}: expected a map, got {}", path, yaml_kind(node)),
            std::move(where));
      return std::nullopt;
    }
    std::vector<Entry> out;
    std::map<std::string_view, const YamlNode*> seen;
    for (const auto& [key_node, value] : node.map()) {
      if (!key_node->is_scalar() && !key_node->is_null()) {
        error(
            kWrongKind,
            fmt::format("expected a scalar key{}, got {}", in_section(path), yaml_kind(*key_node)),
            at(*key_node));
        continue;
      }
      Entry entry{key_node->text, key_node, value};
      if (!allowed.empty() &&
          std::find(allowed.begin(), allowed.end(), entry.key) == allowed.end()) {
        std::string hint = did_you_mean(entry.key, allowed);
        if (hint.empty()) hint = fmt::format("valid keys are {}", fmt::join(allowed, ", "));
        error(kUnknownKey,
              fmt::format("unknown key {}{}", quote_shortened(entry.key), in_section(path)),
              at(*key_node), std::move(hint));
        continue;
      }
      // Keys live in the tree, which outlives `seen`.
      const auto [it, inserted] = seen.emplace(key_node->text, key_node.get());
      if (!inserted) {
        error(kDuplicateKey,
              fmt::format("duplicate key {}{}", quote_shortened(entry.key), in_section(path)),
              at(*key_node), "first given at " + at(*it->second).to_string());
        continue;
      }
      out.push_back(std::move(entry));
    }
    return out;
  }

  // The text of a scalar; nullopt (reported) for a list or map, and for an
  // empty value when `required`.
  std::optional<std::string> text(const Entry& entry, const std::string& path, bool required) {
    if (entry.value->is_scalar()) return entry.value->text;
    if (entry.value->is_null()) {
      if (required) error(kMissingKey, fmt::format("{} has no value", path), value_at(entry));
      return required ? std::nullopt : std::optional<std::string>(std::string());
    }
    error(kWrongKind, fmt::format("{}: expected a string, got {}", path, yaml_kind(*entry.value)),
          value_at(entry));
    return std::nullopt;
  }

  // A plain `true` or `false`; nullopt (reported unless empty) otherwise.
  std::optional<bool> boolean(const Entry& entry, const std::string& path) {
    const YamlNode& value = *entry.value;
    if (value.is_null()) return std::nullopt;
    if (value.is_scalar() && value.plain) {
      const Value v = resolve_plain_scalar(value.text);
      if (v.kind() == Value::Kind::kBool) return v.as_bool();
    }
    const std::string got = value.is_scalar() ? quote_shortened(value.text) : yaml_kind(value);
    error(kNotABool, fmt::format("{}: expected true or false, got {}", path, got), value_at(entry),
          value.is_scalar() && !value.plain ? "a quoted value is a string; remove the quotes"
                                            : std::string());
    return std::nullopt;
  }

  // A parameter value: the Value and, in the same shape, every scalar's
  // text. The tree is bounded in size and depth (YamlLimits), aliases
  // expanded, so neither recursion nor the result can grow without limit.
  std::pair<Value, Value> convert(const YamlNode& node, const std::string& path) {
    switch (node.kind) {
      case YamlNode::Kind::kScalar:
        if (!node.plain) return {Value(node.text), Value(node.text)};
        return {resolve_plain_scalar(node.text), Value(node.text)};
      case YamlNode::Kind::kList: {
        Value::List values;
        Value::List sources;
        std::size_t index = 0;
        for (const auto& item : node.list()) {
          auto [value, source] = convert(*item, fmt::format("{}[{}]", path, index++));
          values.push_back(std::move(value));
          sources.push_back(std::move(source));
        }
        return {Value(std::move(values)), Value(std::move(sources))};
      }
      case YamlNode::Kind::kMap: {
        Value::Map values;
        Value::Map sources;
        if (auto items = entries(node, path, at(node), {})) {
          for (const auto& entry : *items) {
            auto [value, source] = convert(*entry.value, dotted(path, entry.key));
            values.emplace(entry.key, std::move(value));
            sources.emplace(entry.key, std::move(source));
          }
        }
        return {Value(std::move(values)), Value(std::move(sources))};
      }
      case YamlNode::Kind::kNull:
        break;
    }
    return {Value(), Value()};
  }

 private:
  std::string file_;
  std::vector<Diagnostic> diagnostics_;
};

void check_region(Reader& reader, const std::string& region, const std::string& path,
                  SourceLocation where) {
  constexpr const char* kHint = "AWS regions look like us-east-1, eu-west-2 or us-gov-west-1";
  if (region.size() > aws::kRegionLength) {
    reader.error(kBadRegion,
                 fmt::format("{} is {} characters long; AWS region names have at most {}", path,
                             utf8_length(region), aws::kRegionLength),
                 std::move(where), kHint);
  } else if (!aws::is_region(region)) {
    reader.error(kBadRegion, fmt::format("{} {} is not an AWS region", path, quote(region)),
                 std::move(where), kHint);
  }
}

void check_state_key(Reader& reader, const std::string& key, SourceLocation where) {
  if (key.empty()) {
    reader.error(kBadStateKey, "backend.key must not be empty", std::move(where),
                 fmt::format("leave it out to use {}", kDefaultStateKey));
    return;
  }
  if (key.size() > aws::kObjectKeyBytes) {
    reader.error(kBadStateKey,
                 fmt::format("backend.key is {} bytes long; S3 object keys have at most {}",
                             key.size(), aws::kObjectKeyBytes),
                 std::move(where));
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

// Reports `problem` (from aws::*_problem) with the value, unless empty.
void check_name(Reader& reader, const char* code, const std::string& problem,
                const std::string& path, const std::string& value, std::string_view what,
                SourceLocation where, std::string hint = {}) {
  if (problem.empty()) return;
  reader.error(
      code, fmt::format("{} {} is not a valid {}: {}", path, quote_shortened(value), what, problem),
      std::move(where), std::move(hint));
}

void read_assume_role(Reader& reader, const Entry& section, Environment& env) {
  const auto items =
      reader.entries(*section.value, "assume_role", reader.value_at(section), kAssumeRoleKeys);
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
      env.role_where = reader.value_at(entry);
      constexpr const char* kHint = "a role ARN looks like arn:aws:iam::123456789012:role/deploy";
      if (arn->size() > aws::kArnLength) {
        reader.error(kBadRoleArn,
                     fmt::format("{} is {} characters long; ARNs have at most {}", path,
                                 utf8_length(*arn), aws::kArnLength),
                     reader.value_at(entry), kHint);
      } else if (!aws::is_role_arn(*arn)) {
        reader.error(kBadRoleArn, fmt::format("{} {} is not an IAM role ARN", path, quote(*arn)),
                     reader.value_at(entry), kHint);
      }
    } else if (entry.key == "session_name") {
      const auto name = reader.text(entry, path, false);
      if (!name || name->empty()) continue;
      role.session_name = *name;
      check_name(reader, kBadSessionName, aws::session_name_problem(*name), path, *name,
                 "role session name", reader.value_at(entry));
    } else if (entry.key == "external_id") {
      const auto id = reader.text(entry, path, false);
      if (!id || id->empty()) continue;
      role.external_id = *id;
      check_name(reader, kBadExternalId, aws::external_id_problem(*id), path, *id, "external ID",
                 reader.value_at(entry));
    }
  }
  if (!has_arn) {
    reader.error(kMissingKey, "missing required key \"role_arn\" in assume_role",
                 reader.at(*section.key_node), "role_arn: arn:aws:iam::123456789012:role/deploy");
  }
  env.assume_role = std::move(role);
}

// Reads the backend; the key and region defaults are filled in by the caller.
void read_backend(Reader& reader, const Entry& section, Environment& env, bool& has_region,
                  bool& has_key) {
  const auto items =
      reader.entries(*section.value, "backend", reader.value_at(section), kBackendKeys);
  if (!items) return;
  Backend& backend = env.backend;
  bool has_bucket = false;
  std::optional<bool> use_lockfile;
  for (const auto& entry : *items) {
    const std::string path = dotted("backend", entry.key);
    const SourceLocation where = reader.value_at(entry);
    if (entry.key == "bucket") {
      has_bucket = true;
      const auto bucket = reader.text(entry, path, true);
      if (!bucket) continue;
      backend.bucket = *bucket;
      if (!env.backend_where.known()) env.backend_where = where;
      check_name(reader, kBadBucket, aws::bucket_problem(*bucket), path, *bucket, "S3 bucket name",
                 where,
                 "S3 bucket names are 3 to 63 lowercase letters, digits, dots and hyphens, "
                 "starting and ending with a letter or digit");
    } else if (entry.key == "region") {
      const auto region = reader.text(entry, path, false);
      if (!region || region->empty()) continue;
      has_region = true;
      backend.region = *region;
      check_region(reader, *region, path, where);
    } else if (entry.key == "key") {
      const auto key = reader.text(entry, path, false);
      if (!key || entry.value->is_null()) continue;
      has_key = true;
      backend.key = *key;
      env.backend_where = where;
      check_state_key(reader, *key, where);
    } else if (entry.key == "encrypt") {
      if (auto v = reader.boolean(entry, path)) backend.encrypt = *v;
    } else if (entry.key == "use_lockfile") {
      use_lockfile = reader.boolean(entry, path);
    } else if (entry.key == "kms_key_id") {
      const auto key = reader.text(entry, path, false);
      if (!key || key->empty()) continue;
      backend.kms_key_id = *key;
      check_name(reader, kBadKmsKey, aws::kms_key_problem(*key), path, *key,
                 "KMS key ID, ARN or alias", where);
    } else if (entry.key == "dynamodb_table") {
      const auto table = reader.text(entry, path, false);
      if (!table || table->empty()) continue;
      backend.dynamodb_table = *table;
      check_name(reader, kBadLockTable, aws::dynamodb_table_problem(*table), path, *table,
                 "DynamoDB table name", where);
    }
  }
  if (!has_bucket) {
    reader.error(kMissingKey, "missing required key \"bucket\" in backend",
                 reader.at(*section.key_node),
                 "bucket: the S3 bucket that holds the Terraform state");
  }
  // S3 native locking unless the file asks for the DynamoDB table, which
  // Terraform 1.11 deprecated; both together serve a migration.
  backend.use_lockfile = use_lockfile.value_or(backend.dynamodb_table.empty());
  if (!backend.use_lockfile && backend.dynamodb_table.empty()) {
    reader.error(kNoStateLocking, "the backend has no state locking", reader.at(*section.key_node),
                 "remove use_lockfile: false (S3 native locking is the default) or set "
                 "dynamodb_table");
  }
}

void read_tags(Reader& reader, const Entry& section, Environment& env) {
  const auto items = reader.entries(*section.value, "tags", reader.value_at(section), {});
  if (!items) return;
  for (const auto& entry : *items) {
    const std::size_t key_length = utf8_length(entry.key);
    if (key_length < 1 || key_length > 128) {
      reader.error(
          kBadTagKey,
          fmt::format("tag key {} must be 1 to 128 characters long", quote_shortened(entry.key)),
          reader.at(*entry.key_node));
    } else if (entry.key.size() >= 4 &&
               std::equal(entry.key.begin(), entry.key.begin() + 4, "aws:", [](char a, char b) {
                 return std::tolower(static_cast<unsigned char>(a)) == b;
               })) {
      reader.error(kBadTagKey,
                   fmt::format("tag key {} must not start with \"aws:\"", quote(entry.key)),
                   reader.at(*entry.key_node), "AWS reserves the aws: prefix for its own tags");
    }
    const auto value = reader.text(entry, dotted("tags", entry.key), false);
    if (!value) continue;
    if (utf8_length(*value) > 256) {
      reader.error(kBadTagValue,
                   fmt::format("the value of tag {} is longer than 256 characters",
                               quote_shortened(entry.key)),
                   reader.value_at(entry));
    }
    env.tags[entry.key] = *value;
  }
}

void read_parameters(Reader& reader, const Entry& section, Environment& env) {
  const auto items = reader.entries(*section.value, "parameters", reader.value_at(section), {});
  if (!items) return;
  for (const auto& entry : *items) {
    auto [value, source] = reader.convert(*entry.value, entry.key);
    ParameterValue parameter{std::move(value),
                             entry.value->is_scalar() ? entry.value->text : std::string(),
                             reader.value_at(entry), std::move(source)};
    env.parameters.emplace(entry.key, std::move(parameter));
  }
}

void read_charts(Reader& reader, const Entry& section, Environment& env) {
  const auto items = reader.entries(*section.value, "charts", reader.value_at(section), {});
  if (!items) return;
  for (const auto& entry : *items) {
    if (!entry.value->is_map() && !entry.value->is_null()) {
      reader.error(kWrongKind,
                   fmt::format("charts.{}: expected a map of the chart's values, got {}", entry.key,
                               yaml_kind(*entry.value)),
                   reader.value_at(entry));
      continue;
    }
    env.charts.emplace(entry.key,
                       ChartValuesInput{entry.value, env.file, reader.at(*entry.key_node)});
  }
}

// `isolation:` — the reason this environment may share its account.
void read_isolation(Reader& reader, const Entry& section, Environment& env) {
  const auto items =
      reader.entries(*section.value, "isolation", reader.value_at(section), {"shared_account"});
  if (!items) return;
  for (const auto& entry : *items) {
    const auto reason = reader.text(entry, "isolation.shared_account", true);
    if (!reason) continue;
    if (reason->find_first_not_of(" \t") == std::string::npos) {
      reader.error(kMissingKey, "isolation.shared_account needs a reason", reader.value_at(entry),
                   "say why this environment shares its AWS account, or remove the key");
      continue;
    }
    env.shared_account_reason = *reason;
  }
}

// An instance family as AWS names it: `t3`, `m6i`, `r6gd`, `u-6tb1`.
bool is_instance_family(std::string_view family) {
  static const std::regex kFamily("[a-z][a-z0-9-]{0,15}");
  return std::regex_match(family.begin(), family.end(), kFamily);
}

// `policy.naming`: a regular expression, compiled here so that a typo is
// reported at its line rather than by every rule check.
void read_naming(Reader& reader, const Entry& entry, const std::string& path,
                 PolicySettings& policy) {
  const auto text = reader.text(entry, path, true);
  if (!text) return;
  try {
    (void)std::regex(*text);
    policy.naming = *text;
  } catch (const std::regex_error& e) {
    reader.error(kBadNaming,
                 fmt::format("{}: {} is not a regular expression: {}", path, quote_shortened(*text),
                             e.what()),
                 reader.value_at(entry), "e.g. \"^[a-z][a-z0-9-]*$\" (ECMAScript syntax)");
  }
}

// `policy.permission_boundary`: `true` (any boundary), `false`, an IAM
// policy ARN or a policy name.
void read_boundary(Reader& reader, const Entry& entry, const std::string& path,
                   PolicySettings& policy) {
  const YamlNode& value = *entry.value;
  if (value.is_scalar() && value.plain && (value.text == "true" || value.text == "false")) {
    policy.permission_boundary_required = value.text == "true";
    return;
  }
  const auto text = reader.text(entry, path, true);
  if (!text) return;
  static const std::regex kArn("arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy/([\\w+=,.@/-]+)");
  static const std::regex kName("[\\w+=,.@-]{1,128}");
  if (!std::regex_match(*text, kArn) && !std::regex_match(*text, kName)) {
    reader.error(kBadBoundary,
                 fmt::format("{}: expected true, false, an IAM policy ARN or a policy name, got {}",
                             path, quote_shortened(*text)),
                 reader.value_at(entry),
                 "e.g. arn:aws:iam::123456789012:policy/DeveloperBoundary, or DeveloperBoundary");
    return;
  }
  policy.permission_boundary_required = true;
  policy.permission_boundary = *text;
}

// `policy:` — required tags, per-rule severities, suppressions with reasons,
// the governance settings (regions, instance families, naming, IAM
// permission boundaries) and encrypted log groups.
void read_policy(Reader& reader, const Entry& section, Environment& env) {
  const auto items = reader.entries(
      *section.value, "policy", reader.value_at(section),
      {"required_tags", "severity", "suppress", "allowed_regions", "allowed_instance_families",
       "naming", "permission_boundary", "encrypted_log_groups"});
  if (!items) return;
  PolicySettings& policy = env.policy;
  for (const auto& entry : *items) {
    const std::string path = dotted("policy", entry.key);
    const YamlNode& value = *entry.value;
    if (value.is_null()) continue;
    if (entry.key == "naming") {
      read_naming(reader, entry, path, policy);
      continue;
    }
    if (entry.key == "permission_boundary") {
      read_boundary(reader, entry, path, policy);
      continue;
    }
    if (entry.key == "encrypted_log_groups") {
      if (auto asked = reader.boolean(entry, path)) policy.encrypted_log_groups = *asked;
      continue;
    }
    if (entry.key == "severity") {
      const auto rules = reader.entries(value, path, reader.value_at(entry), {});
      if (!rules) continue;
      for (const auto& rule : *rules) {
        const auto level = reader.text(rule, dotted(path, rule.key), true);
        if (!level) continue;
        if (*level != "error" && *level != "warning" && *level != "info") {
          reader.error(kBadPolicy,
                       fmt::format("{}: the severity must be error, warning or info, got {}",
                                   dotted(path, rule.key), quote_shortened(*level)),
                       reader.value_at(rule));
          continue;
        }
        policy.severity[rule.key] = *level;
        policy.severity_where[rule.key] = reader.at(*rule.key_node);
      }
      continue;
    }
    if (!value.is_list()) {
      reader.error(kWrongKind, fmt::format("{}: expected a list, got {}", path, yaml_kind(value)),
                   reader.value_at(entry));
      continue;
    }
    const bool allowed = entry.key == "allowed_regions" || entry.key == "allowed_instance_families";
    if (allowed && value.list().empty()) {
      reader.error(kBadAllowedList, fmt::format("{}: an empty list allows nothing", path),
                   reader.value_at(entry), "list what is allowed, or remove the key to allow all");
      continue;
    }
    std::size_t index = 0;
    for (const auto& item : value.list()) {
      const std::string at = fmt::format("{}[{}]", path, index++);
      if (allowed && !item->is_scalar()) {
        reader.error(kWrongKind, fmt::format("{}: expected a string, got {}", at, yaml_kind(*item)),
                     reader.at(*item));
        continue;
      }
      if (entry.key == "allowed_regions") {
        const std::size_t before = reader.diagnostics().size();
        check_region(reader, item->text, at, reader.at(*item));
        if (reader.diagnostics().size() == before) policy.allowed_regions.push_back(item->text);
        continue;
      }
      if (entry.key == "allowed_instance_families") {
        if (!is_instance_family(item->text)) {
          reader.error(
              kBadAllowedList,
              fmt::format("{}: {} is not an instance family", at, quote_shortened(item->text)),
              reader.at(*item), "families are the part before the dot: t3, m6i, r6g");
        } else {
          policy.allowed_instance_families.push_back(item->text);
        }
        continue;
      }
      if (entry.key == "required_tags") {
        if (!item->is_scalar() || item->text.empty()) {
          reader.error(kWrongKind, fmt::format("{}: expected a tag key", at), reader.at(*item));
        } else {
          policy.required_tags.push_back(item->text);
        }
        continue;
      }
      const auto fields = reader.entries(*item, at, reader.at(*item), {"rule", "path", "reason"});
      if (!fields) continue;
      PolicySuppression suppression{.where = reader.at(*item)};
      for (const auto& field : *fields) {
        const auto text = reader.text(field, dotted(at, field.key), false);
        if (!text) continue;
        if (field.key == "rule") suppression.rule = *text;
        if (field.key == "path") suppression.path = *text;
        if (field.key == "reason") suppression.reason = *text;
      }
      if (suppression.rule.empty() || suppression.reason.empty()) {
        reader.error(kBadPolicy, fmt::format("{}: a suppression needs a rule and a reason", at),
                     suppression.where,
                     "- {rule: KSL-ELC-001, path: database/redis, reason: \"why it is accepted\"}");
        continue;
      }
      policy.suppress.push_back(std::move(suppression));
    }
  }
}

// A plain number in `entry`, at least `minimum` (and above it unless
// `zero_allowed`); nullopt, reported, otherwise.
std::optional<double> read_amount(Reader& reader, const Entry& entry, const std::string& path,
                                  bool zero_allowed) {
  const YamlNode& value = *entry.value;
  if (value.is_scalar() && value.plain) {
    const Value v = resolve_plain_scalar(value.text);
    const bool number = v.is_number();
    if (number && (v.as_number() > 0 || (zero_allowed && v.as_number() == 0))) {
      return v.as_number();
    }
  }
  const std::string got = value.is_scalar() ? quote_shortened(value.text) : yaml_kind(value);
  reader.error(kBadCost,
               fmt::format("{}: expected a {} number, got {}", path,
                           zero_allowed ? "non-negative" : "positive", got),
               reader.value_at(entry),
               value.is_scalar() && !value.plain ? "a quoted value is a string; remove the quotes"
                                                 : std::string());
  return std::nullopt;
}

// `cost:` — the monthly budget (USD) and the usage assumptions of the estimate.
void read_cost(Reader& reader, const Entry& section, Environment& env) {
  const auto items =
      reader.entries(*section.value, "cost", reader.value_at(section), {"budget", "assumptions"});
  if (!items) return;
  std::vector<std::string> names;
  for (const auto& a : cost_assumptions()) names.emplace_back(a.name);
  for (const auto& entry : *items) {
    const std::string path = dotted("cost", entry.key);
    if (entry.key == "budget") {
      if (const auto budget = read_amount(reader, entry, path, false)) {
        env.cost.budget = *budget;
        env.cost.budget_where = reader.value_at(entry);
      }
      continue;
    }
    if (entry.value->is_null()) continue;
    const auto assumptions = reader.entries(*entry.value, path, reader.value_at(entry), names);
    if (!assumptions) continue;
    for (const auto& assumption : *assumptions) {
      if (const auto amount = read_amount(reader, assumption, dotted(path, assumption.key), true)) {
        env.cost.assumptions[assumption.key] = *amount;
        env.cost.assumptions_where[assumption.key] = reader.value_at(assumption);
      }
    }
  }
}

void read_environment(Reader& reader, const YamlNode& root, Environment& env,
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
                     fmt::format("name {} does not match the file name {}", quote_shortened(*name),
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
      env.account_where = where;
      if (!aws::is_account_id(*account)) {
        reader.error(kBadAccount,
                     fmt::format("account {} is not an AWS account ID", quote_shortened(*account)),
                     where, "an AWS account ID is exactly 12 digits, like \"123456789012\"");
      }
    } else if (entry.key == "backend") {
      has_backend = true;
      if (entry.value->is_null()) {
        reader.error(kMissingKey, "backend has no value", where);
      } else {
        read_backend(reader, entry, env, backend_region, backend_key);
      }
    } else if (entry.key == "parameters") {
      // Kept even when empty: missing parameter values are reported here.
      env.parameters_where = reader.at(*entry.key_node);
      if (!entry.value->is_null()) read_parameters(reader, entry, env);
    } else if (entry.value->is_null()) {
      continue;  // an optional section with everything in it commented out
    } else if (entry.key == "assume_role") {
      read_assume_role(reader, entry, env);
    } else if (entry.key == "tags") {
      read_tags(reader, entry, env);
    } else if (entry.key == "charts") {
      read_charts(reader, entry, env);
    } else if (entry.key == "policy") {
      read_policy(reader, entry, env);
    } else if (entry.key == "isolation") {
      read_isolation(reader, entry, env);
    } else if (entry.key == "cost") {
      read_cost(reader, entry, env);
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

Diagnostic file_problem(const char* code, std::string message, std::string hint = {},
                        SourceLocation where = {}) {
  return make_error(code, std::move(message), std::move(where), std::move(hint));
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

  // Throws at a problem that stops reading, with everything found before it.
  const std::vector<YamlNode::Ptr> documents = read_yaml(yaml_text, file, reader.diagnostics());
  if (documents.empty() || documents.front()->is_null()) {
    reader.error(kWrongKind, "the file is empty; expected a map with region, account and backend",
                 env.where);
    throw Error(std::move(reader.diagnostics()));
  }
  if (documents.size() > 1) {
    reader.error(kManyDocuments,
                 fmt::format("expected one YAML document, found {}", documents.size()),
                 reader.at(*documents[1]), "remove the --- separators after the first document");
  }
  read_environment(reader, *documents.front(), env, expected_name);
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

void require_environments_directory(const fs::path& directory) {
  std::error_code ec;
  if (fs::is_directory(directory, ec)) return;
  throw Error(
      file_problem(kNoDirectory,
                   fmt::format("environments directory {} {}", quote(directory.string()),
                               fs::exists(directory, ec) ? "is not a directory" : "does not exist"),
                   "create it with one <name>.yaml file per environment"));
}

Environment load_environment(const fs::path& directory, std::string_view name) {
  require_environments_directory(directory);
  const std::vector<std::string> names = list_environments(directory);
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    std::string hint;
    if (names.empty()) {
      hint = fmt::format("there are no environment files (*.yaml) in {}", directory.string());
    } else {
      hint = did_you_mean(name, names);
      if (!hint.empty()) hint += " ";
      hint += fmt::format("available environments: {}", fmt::join(names, ", "));
    }
    throw Error(file_problem(kUnknownEnvironment,
                             fmt::format("unknown environment {}", quote_shortened(name)),
                             std::move(hint)));
  }
  const fs::path yaml = directory / (std::string(name) + ".yaml");
  const fs::path yml = directory / (std::string(name) + ".yml");
  std::error_code ec;
  const bool has_yaml = fs::is_regular_file(yaml, ec);
  const bool has_yml = fs::is_regular_file(yml, ec);
  if (has_yaml && has_yml) {
    throw Error(file_problem(kAmbiguousFile,
                             fmt::format("environment {} is defined twice, in {} and {}",
                                         quote(name), yaml.string(), yml.string()),
                             "keep one of the two files", SourceLocation{yml.string(), 0, 0}));
  }
  const fs::path path = has_yaml ? yaml : yml;
  // One byte past the limit is enough for read_yaml to report it; a larger
  // file is never held in memory whole.
  std::ifstream in(path, std::ios::binary);
  std::string text(YamlLimits::kFileBytes + 1, '\0');
  if (in) in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad() || (!in && !in.eof())) {
    throw Error(file_problem(kUnreadableFile,
                             fmt::format("cannot read environment file {}", path.string()), {},
                             SourceLocation{path.string(), 0, 0}));
  }
  text.resize(static_cast<std::size_t>(in.gcount()));
  return parse_environment(text, shown_path(path.string()), std::string(name));
}

}  // namespace keelson
