// Encryption in transit: load balancers, buckets, PostgreSQL.
#include <fmt/core.h>

#include <cstdlib>

#include "policy/security_themes.h"

namespace keelson::policy {
namespace {

using nlohmann::json;
using Result = std::optional<std::string>;

// The `redirect` blocks of one listener action. The model keeps a block
// that a parameter turns on or off as `dynamic` with its `for_each`, which
// the environment has evaluated; a plan has the blocks themselves.
std::vector<json> redirects(const json& action) {
  std::vector<json> out = items(action.value("redirect", json()));
  const json& dynamic = action.value("dynamic", json());
  if (dynamic.is_object() && dynamic.contains("redirect")) {
    const json& block = dynamic["redirect"];
    const json& each = block.value("for_each", json());
    if (each.is_array() && !each.empty()) {
      for (auto& body : items(block.value("content", json()))) out.push_back(std::move(body));
    }
  }
  return out;
}

// An HTTP listener may only send its clients to HTTPS.
Result plain_http_listener(const ResourceView& v) {
  const json* protocol = known(v, "protocol");
  if (protocol == nullptr || *protocol != "HTTP" || unknown(v, "default_action"))
    return std::nullopt;
  const auto actions = blocks(v, "default_action");
  for (std::size_t i = 0; i < actions.size(); ++i) {
    if (unknown_in(v, "default_action", i, "type")) continue;
    const json& type = actions[i].value("type", json());
    if (type != "redirect")
      return fmt::format("an HTTP listener's default action is {}, not a redirect to HTTPS",
                         type.dump());
    for (const auto& redirect : redirects(actions[i])) {
      const json to = redirect.value("protocol", json());
      if (to == "HTTPS") continue;
      // Absent, the redirect keeps the request's protocol: HTTP.
      if (to.is_string() || !unknown_in(v, "default_action", i, "redirect"))
        return "an HTTP listener redirects without protocol = \"HTTPS\"";
    }
  }
  return std::nullopt;
}

// Whether one statement denies every request that does not use TLS.
bool denies_plain_transport(const json& statement) {
  if (!statement.is_object() || statement.value("Effect", json()) != "Deny") return false;
  const json& condition = statement.value("Condition", json());
  if (!condition.is_object()) return false;
  const json& bool_test = condition.value("Bool", json());
  if (!bool_test.is_object()) return false;
  const json& secure = bool_test.value("aws:SecureTransport", json());
  const bool on_false =
      secure == "false" || secure == false ||
      (secure.is_array() && secure.size() == 1 && (secure[0] == "false" || secure[0] == false));
  if (!on_false) return false;
  json actions = statement.value("Action", json());
  if (!actions.is_array()) actions = json::array({actions});
  for (const auto& action : actions)
    if (action == "s3:*" || action == "*") return true;
  return false;
}

// A policy document's statements (one object or a list).
std::vector<json> statements(const json& document) {
  if (!document.is_object()) return {};
  const json& list = document.value("Statement", json());
  if (list.is_object()) return {list};
  if (list.is_array()) return list;
  return {};
}

// A bucket whose policy refuses plain HTTP. The policy names the bucket by
// reference, so the policy is found by what its `bucket` refers to. A
// policy whose document is not known before apply (it holds the bucket's
// ARN) gives no finding, in the model as in a plan.
Result bucket_allows_plain_http(const ResourceView& bucket, const Context& context) {
  const auto policies = referring_to(context, bucket, "aws_s3_bucket_policy", "bucket");
  if (policies.empty())
    return "no bucket policy denies requests without TLS (aws:SecureTransport = false)";
  for (const ResourceView* policy : policies) {
    const json* text = known(*policy, "policy");
    if (text == nullptr || !text->is_string()) return std::nullopt;
    const json document = json::parse(text->get<std::string>(), nullptr, false);
    if (document.is_discarded()) return std::nullopt;
    for (const auto& statement : statements(document))
      if (denies_plain_transport(statement)) return std::nullopt;
  }
  return "its bucket policy does not deny requests without TLS (aws:SecureTransport = false)";
}

// The major version in `postgres16`, `postgres9.6`, `16.4` or `16`; 0 when
// there is none.
int postgres_major(const std::string& text) {
  const std::size_t digit = text.find_first_of("0123456789");
  if (digit == std::string::npos) return 0;
  return std::atoi(text.c_str() + digit);
}

// RDS for PostgreSQL requires TLS by default from major version 15 on
// (`rds.force_ssl` = 1); before, its default is 0.
constexpr int kForceSslDefaultSince = 15;

Result parameter_group_allows_plain(const ResourceView& v) {
  const json* family = known(v, "family");
  if (family == nullptr || !family->is_string() ||
      family->get<std::string>().rfind("postgres", 0) != 0 || unknown(v, "parameter")) {
    return std::nullopt;
  }
  const auto parameters = blocks(v, "parameter");
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    if (parameters[i].value("name", json()) != "rds.force_ssl") continue;
    if (unknown_in(v, "parameter", i, "value")) return std::nullopt;
    const json& value = parameters[i].value("value", json());
    if (value == "1" || value == 1) return std::nullopt;
    return fmt::format("rds.force_ssl is {}", value.dump());
  }
  const int major = postgres_major(family->get<std::string>());
  if (major >= kForceSslDefaultSince) return std::nullopt;
  return fmt::format("rds.force_ssl is not set and {} defaults it to 0",
                     family->get<std::string>());
}

// An instance on the engine's default parameter group, in a version whose
// default lets clients connect without TLS.
Result instance_allows_plain(const ResourceView& v) {
  const json* engine = known(v, "engine");
  const json* version = known(v, "engine_version");
  if (engine == nullptr || *engine != "postgres" || version == nullptr || !version->is_string())
    return std::nullopt;
  if (known(v, "parameter_group_name") != nullptr || unknown(v, "parameter_group_name"))
    return std::nullopt;
  const int major = postgres_major(version->get<std::string>());
  if (major == 0 || major >= kForceSslDefaultSince) return std::nullopt;
  return fmt::format(
      "PostgreSQL {} on the default parameter group accepts connections without TLS "
      "(rds.force_ssl 0)",
      major);
}

}  // namespace

void add_transit_rules(std::vector<Rule>& rules) {
  rules.push_back(Rule{
      .id = "KSL-ALB-001",
      .title = "Load balancers serve HTTP only as a redirect to HTTPS",
      .rationale = "Anything served over plain HTTP, cookies and tokens included, can be read and "
                   "changed by anyone on the network path.",
      .remediation = "Give the HTTP listener one default action, type = \"redirect\" with "
                     "protocol = \"HTTPS\", and serve on an HTTPS listener (ComputeStack: "
                     "alb.https with a certificate).",
      .controls = {"SOC 2 CC6.7", "GDPR Art. 32"},
      .resource_types = {"aws_lb_listener"},
      .check = [](const ResourceView& v, const Context&) -> Result {
        return plain_http_listener(v);
      }});
  rules.push_back(Rule{
      .id = "KSL-S3-003",
      .title = "S3 buckets refuse requests without TLS",
      .rationale = "S3 answers plain HTTP too; only a bucket policy denying aws:SecureTransport = "
                   "false keeps every client, SDK and tool on TLS.",
      .remediation = "Add an aws_s3_bucket_policy with a Deny of s3:* for every principal when "
                     "aws:SecureTransport is \"false\" (StorageStack's buckets have one).",
      .controls = {"CIS AWS 2.1.1", "SOC 2 CC6.7", "GDPR Art. 32"},
      .resource_types = {"aws_s3_bucket"},
      .reads = {"aws_s3_bucket_policy"},
      .check = [](const ResourceView& v, const Context& context) -> Result {
        return bucket_allows_plain_http(v, context);
      }});
  rules.push_back(Rule{
      .id = "KSL-RDS-020",
      .title = "PostgreSQL on RDS requires TLS (rds.force_ssl = 1)",
      .rationale = "Before version 15 RDS for PostgreSQL accepts unencrypted connections unless "
                   "rds.force_ssl is 1; a client that falls back to plain text sends passwords "
                   "and data in the clear.",
      .remediation = "Use a parameter group with rds.force_ssl = 1 (DatabaseStack's has it), or "
                     "PostgreSQL 15 or later, where it is the default; never set it to 0.",
      .controls = {"SOC 2 CC6.7", "GDPR Art. 32"},
      .resource_types = {"aws_db_parameter_group", "aws_db_instance"},
      .check = [](const ResourceView& v, const Context&) -> Result {
        return v.type == "aws_db_parameter_group" ? parameter_group_allows_plain(v)
                                                  : instance_allows_plain(v);
      }});
}

}  // namespace keelson::policy
