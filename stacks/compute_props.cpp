// The checks of a ComputeStack's literal props (docs/stacks/compute.md#validation).
#include "stacks/compute_props.h"

#include <fmt/core.h>

#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>

#include "dsl/pattern.h"
#include "stacks/eks_version.h"
#include "stacks/lambda_runtime.h"
#include "stacks/log_retention.h"
#include "stacks/props.h"

namespace keelson::detail {
namespace {

// Collects the problems with the literal props; parameters and references are
// checked by their own specs, so only literals are looked at.
class PropChecker {
 public:
  // `condition` says when the field is required, e.g. " when alb.https is true".
  void require(const std::string& field, const Value& value, std::string_view example,
               std::string_view condition = {}) {
    if (value.is_null() || (value.is_string() && value.as_string().empty())) {
      problems_.push_back(fmt::format("{} is required{} (e.g. {})", field, condition, example));
    }
  }

  // A literal bool, or an expression (a bool parameter).
  void boolean(const std::string& field, const Value& value) {
    if (!value.is_expr() && value.kind() != Value::Kind::kBool) {
      problems_.push_back(
          fmt::format("{} must be a bool or a bool parameter, got {}", field, value.kind_name()));
    }
  }

  // A literal whole number >= 0, or an expression; nullopt unless a literal number.
  std::optional<double> count_value(const std::string& field, const Value& value) {
    if (value.is_expr()) return std::nullopt;
    if (!value.is_number()) {
      problems_.push_back(fmt::format("{} must be a number, got {}", field, value.kind_name()));
      return std::nullopt;
    }
    if (value.as_number() < 0) {
      problems_.push_back(fmt::format("{} must not be negative, got {}", field, value.as_number()));
      return std::nullopt;
    }
    return value.as_number();
  }

  // min <= desired <= max, with the names the user wrote.
  void scaling(const std::string& scope, const Value& min, const Value& desired, const Value& max,
               std::string_view desired_name = "desired_size") {
    const auto lo = count_value(scope + ".min_size", min);
    const auto want = count_value(fmt::format("{}.{}", scope, desired_name), desired);
    const auto hi = count_value(scope + ".max_size", max);
    if (lo && hi && *lo > *hi) {
      problems_.push_back(
          fmt::format("{}: min_size ({}) must not exceed max_size ({})", scope, *lo, *hi));
    }
    if (want && lo && *want < *lo) {
      problems_.push_back(fmt::format("{}: {} ({}) must not be below min_size ({})", scope,
                                      desired_name, *want, *lo));
    }
    if (want && hi && *want > *hi) {
      problems_.push_back(fmt::format("{}: {} ({}) must not exceed max_size ({})", scope,
                                      desired_name, *want, *hi));
    }
  }

  void instance_types(const std::string& scope, const Value& types) {
    if (types.is_expr()) return;
    if (types.kind() != Value::Kind::kList) {
      problems_.push_back(fmt::format("{}.instance_types must be a list of instance types, got {}",
                                      scope, types.kind_name()));
      return;
    }
    if (types.as_list().empty()) {
      problems_.push_back(fmt::format(
          "{}.instance_types must name at least one instance type (e.g. \"t3.medium\")", scope));
    }
  }

  void add(std::string problem) { problems_.push_back(std::move(problem)); }
  std::vector<std::string> take() { return std::move(problems_); }

 private:
  std::vector<std::string> problems_;
};

bool valid_stack_name(const std::string& name) {
  static const Pattern kPattern("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
  return name.size() <= 24 && kPattern.full_match(name);
}

// The cluster and its node groups.
void check_cluster(const ComputeStack::Props& p, PropChecker& check) {
  if (auto problem = check_eks_version("eks.version", p.eks.version)) {
    check.add(std::move(*problem));
  }
  if (!p.eks.public_access_cidrs.contains_expr()) {
    static const Pattern kIpv4Cidr(
        R"((25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}/(3[0-2]|[12]?\d))");
    if (p.eks.public_access_cidrs.kind() != Value::Kind::kList) {
      check.add(fmt::format(
          "eks.public_access_cidrs must be a list of IPv4 CIDR blocks (empty for a private "
          "endpoint only), got {}",
          p.eks.public_access_cidrs.kind_name()));
    } else {
      for (const Value& cidr : p.eks.public_access_cidrs.as_list()) {
        if (!cidr.is_string() || !kIpv4Cidr.full_match(cidr.as_string())) {
          check.add(fmt::format(
              "eks.public_access_cidrs: {} is not an IPv4 CIDR block (e.g. \"203.0.113.0/24\")",
              cidr.is_string() ? "\"" + cidr.as_string() + "\"" : cidr.kind_name()));
        }
      }
    }
  }
  check.scaling("on_demand", p.on_demand.min_size, p.on_demand.desired_size, p.on_demand.max_size);
  check.instance_types("on_demand", p.on_demand.instance_types);
  check.count_value("on_demand.disk_size", p.on_demand.disk_size);
  check.boolean("spot.enabled", p.spot.enabled);
  check.scaling("spot", p.spot.min_size, p.spot.desired_size, p.spot.max_size);
  check.instance_types("spot", p.spot.instance_types);
  check.count_value("spot.disk_size", p.spot.disk_size);
}

// The load balancer.
void check_load_balancer(const ComputeStack::Props& p, PropChecker& check) {
  check.boolean("alb.https", p.alb.https);
  // With a parameter, the certificate may be one that is empty where HTTPS is off.
  if (literal_true(p.alb.https)) {
    check.require("alb.certificate_arn", p.alb.certificate_arn,
                  "\"arn:aws:acm:us-east-1:111122223333:certificate/...\"",
                  " when alb.https is true");
  }
  static const Pattern kCertificateArn(R"(arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate/.+)");
  if (p.alb.certificate_arn.is_string() && !p.alb.certificate_arn.as_string().empty() &&
      !kCertificateArn.full_match(p.alb.certificate_arn.as_string())) {
    check.add(fmt::format("alb.certificate_arn must be an ACM certificate ARN, got \"{}\"",
                          p.alb.certificate_arn.as_string()));
  }
  if (!literal_false(p.alb.https)) {
    check.require("alb.ssl_policy", p.alb.ssl_policy, "\"ELBSecurityPolicy-TLS13-1-2-2021-06\"",
                  " unless alb.https is false");
  }
  check.require("alb.access_logs_bucket", p.alb.access_logs_bucket,
                "storage.bucket_id(\"alb-logs\")");
  if (const auto port = check.count_value("alb.target_port", p.alb.target_port);
      port && (*port < 1 || *port > 65535)) {
    check.add(fmt::format("alb.target_port must be between 1 and 65535, got {}", *port));
  }
}

// The functions and their HTTP API.
void check_functions(const ComputeStack::Props& p, PropChecker& check) {
  if (!p.api.jwt_issuer.is_null()) {
    check.require("api.jwt_audience", p.api.jwt_audience, "Value::list({\"my-client-id\"})",
                  " with api.jwt_issuer");
    if (p.api.jwt_issuer.is_string() && !p.api.jwt_issuer.as_string().starts_with("https://")) {
      check.add(fmt::format("api.jwt_issuer must be an https:// URL, got \"{}\"",
                            p.api.jwt_issuer.as_string()));
    }
  }
  for (std::size_t i = 0; i < p.functions.size(); ++i) {
    const auto& f = p.functions[i];
    if (!valid_function_name(f.name)) {
      check.add(fmt::format(
          "functions[{}]: name \"{}\" must be 1 to 39 characters: a lowercase letter, then "
          "lowercase letters, digits, '_' or '-'",
          i, f.name));
      continue;
    }
    const std::string scope = fmt::format("function \"{}\"", f.name);
    check.require(scope + ": runtime", f.runtime, "\"python3.13\"");
    if (auto problem = check_lambda_runtime(scope + ": runtime", f.runtime)) {
      check.add(std::move(*problem));
    }
    check.require(scope + ": handler", f.handler, "\"app.handler\"");
    const bool has_file = !f.filename.is_null();
    const bool has_s3 = !f.s3_bucket.is_null() || !f.s3_key.is_null();
    if (has_file == has_s3 || (has_s3 && (f.s3_bucket.is_null() || f.s3_key.is_null()))) {
      check.add(scope + ": give either filename or both s3_bucket and s3_key");
    }
    if (f.authorization != "AWS_IAM" && f.authorization != "JWT" && f.authorization != "NONE") {
      check.add(
          fmt::format("{}: authorization must be \"AWS_IAM\", \"JWT\" or \"NONE\", got \"{}\"",
                      scope, f.authorization));
    } else if (f.authorization == "JWT" && p.api.jwt_issuer.is_null()) {
      check.add(scope + ": authorization \"JWT\" needs the API's JWT authorizer (api.jwt_issuer)");
    }
    if (!f.reserved_concurrency.is_null()) {
      check.count_value(scope + ": reserved_concurrency", f.reserved_concurrency);
    }
  }
}

}  // namespace

bool valid_function_name(const std::string& name) {
  static const Pattern kPattern("[a-z][a-z0-9_-]*");
  return name.size() <= 39 && kPattern.full_match(name);
}

std::vector<std::string> check_compute_props(const ComputeStack::Props& p) {
  PropChecker check;
  if (!valid_stack_name(p.name)) {
    check.add(fmt::format(
        "name \"{}\" must be 1 to 24 lowercase letters, digits and hyphens, starting and ending "
        "with a letter or digit",
        p.name));
  }
  const bool in_vpc = std::any_of(p.functions.begin(), p.functions.end(),
                                  [](const LambdaFunctionOptions& f) { return f.in_vpc; });
  if (!p.eks.enabled && !p.alb.enabled && !p.ec2.enabled && p.functions.empty()) {
    check.add("the stack declares nothing: eks and alb are off and there are no functions");
  }
  if (p.ec2.enabled && !p.alb.enabled) {
    check.add("ec2.enabled needs the load balancer (alb.enabled), which its instances serve");
  }
  // The subnets and groups each part uses, required only where a part uses them.
  const bool private_part = p.eks.enabled || p.ec2.enabled || in_vpc;
  const char* private_users = " with the cluster, the EC2 backend or a function in the VPC";
  if (p.alb.enabled) {
    check.require("vpc_id", p.vpc_id, "net.vpc_id()", " with the load balancer");
    check.require("public_subnet_ids", p.public_subnet_ids, "net.public_subnet_ids()",
                  " with the load balancer");
    check.require("alb_security_group_id", p.alb_security_group_id, "net.alb_security_group_id()",
                  " with the load balancer");
  }
  if (private_part) {
    check.require("private_subnet_ids", p.private_subnet_ids, "net.private_subnet_ids()",
                  private_users);
    check.require("node_security_group_id", p.node_security_group_id,
                  "net.node_security_group_id()", private_users);
  }
  if (auto problem = check_log_retention("log_retention_days", p.log_retention_days)) {
    check.add(std::move(*problem));
  }
  check.boolean("detailed_monitoring", p.detailed_monitoring);

  if (p.eks.enabled) check_cluster(p, check);
  if (p.alb.enabled) check_load_balancer(p, check);
  if (p.ec2.enabled) {
    check.scaling("ec2", p.ec2.min_size, p.ec2.desired_capacity, p.ec2.max_size,
                  "desired_capacity");
    check.require("ec2.instance_type", p.ec2.instance_type, "\"t3.medium\"");
    check.count_value("ec2.volume_size", p.ec2.volume_size);
  }

  static const Pattern kRoleArn(R"(arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]+)");
  if (p.addons.kubernetes_role_arn.is_string() &&
      !kRoleArn.full_match(p.addons.kubernetes_role_arn.as_string())) {
    check.add(fmt::format("addons.kubernetes_role_arn must be an IAM role ARN, got \"{}\"",
                          p.addons.kubernetes_role_arn.as_string()));
  }
  static const Pattern kAddonVersion(R"(v\d+\.\d+\.\d+-eksbuild\.\d+)");
  if (p.addons.container_insights_version.is_string() &&
      !kAddonVersion.full_match(p.addons.container_insights_version.as_string())) {
    check.add(
        fmt::format("addons.container_insights_version must be an EKS add-on version like "
                    "\"v4.1.0-eksbuild.1\", got \"{}\"",
                    p.addons.container_insights_version.as_string()));
  }
  static const Pattern kAlias("[a-z][a-z0-9_-]*");
  if (!p.addons.provider_alias.empty() && !kAlias.full_match(p.addons.provider_alias)) {
    check.add(fmt::format(
        "addons.provider_alias \"{}\" must be a provider alias: a lowercase letter, then "
        "lowercase letters, digits, '_' or '-'",
        p.addons.provider_alias));
  }

  check_functions(p, check);
  return check.take();
}

}  // namespace keelson::detail
