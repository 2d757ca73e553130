#include "cost/estimate.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

#include "policy/model_views.h"

namespace keelson::cost {
namespace {

using nlohmann::json;
using policy::ResourceView;

constexpr const char* kNoRegionPrices = "K2087";  // the pricing table lacks the region

// Types that cost nothing by themselves: networking plumbing, IAM,
// configuration of other resources. What they configure is priced there.
const std::set<std::string>& free_types() {
  static const std::set<std::string> kFree = {
      "aws_apigatewayv2_integration",
      "aws_apigatewayv2_route",
      "aws_apigatewayv2_stage",
      "aws_autoscaling_policy",
      "aws_db_parameter_group",
      "aws_db_subnet_group",
      "aws_default_network_acl",
      "aws_default_route_table",
      "aws_default_security_group",
      "aws_ecr_lifecycle_policy",
      "aws_eks_addon",
      "aws_elasticache_parameter_group",
      "aws_elasticache_subnet_group",
      "aws_elasticache_user",
      "aws_elasticache_user_group",
      "aws_iam_instance_profile",
      "aws_iam_openid_connect_provider",
      "aws_iam_policy",
      "aws_iam_role",
      "aws_iam_role_policy",
      "aws_iam_role_policy_attachment",
      "aws_iam_service_linked_role",
      "aws_internet_gateway",
      "aws_kms_alias",
      "aws_kms_grant",
      "aws_lambda_alias",
      "aws_lambda_permission",
      "aws_launch_template",
      "aws_lb_listener",
      "aws_lb_listener_rule",
      "aws_lb_target_group",
      "aws_network_acl",
      "aws_network_acl_rule",
      "aws_route",
      "aws_route_table",
      "aws_route_table_association",
      "aws_s3_bucket_lifecycle_configuration",
      "aws_s3_bucket_logging",
      "aws_s3_bucket_ownership_controls",
      "aws_s3_bucket_policy",
      "aws_s3_bucket_public_access_block",
      "aws_s3_bucket_server_side_encryption_configuration",
      "aws_s3_bucket_versioning",
      "aws_security_group",
      "aws_security_group_rule",
      "aws_sns_topic_policy",
      "aws_subnet",
      "aws_vpc",
      "aws_vpc_security_group_egress_rule",
      "aws_vpc_security_group_ingress_rule",
  };
  return kFree;
}

// Why a type is free or left out, where a word helps the reader.
std::string free_reason(const std::string& type) {
  if (type == "aws_flow_log") return "free; its logs are billed with the log group they go to";
  if (type == "aws_sns_topic" || type == "aws_sns_topic_subscription")
    return "free within SNS's monthly free requests and email notifications";
  if (type == "aws_budgets_budget") return "free: the first two budgets of an account cost nothing";
  if (type == "helm_release") return "free: runs on the cluster's nodes, priced there";
  return "free of charge";
}

std::string money(double usd) { return fmt::format("${}", usd); }

std::string number(double value) { return fmt::format("{}", value); }

long long to_cents(double usd) { return std::llround(usd * 100.0); }

// A known string, or nullopt.
std::optional<std::string> text(const json* value) {
  if (value == nullptr || !value->is_string()) return std::nullopt;
  return value->get<std::string>();
}

// A known number (Terraform also takes numbers as strings), or nullopt.
std::optional<double> amount(const json* value) {
  if (value == nullptr) return std::nullopt;
  if (value->is_number()) return value->get<double>();
  if (value->is_string()) {
    try {
      std::size_t used = 0;
      const double d = std::stod(value->get<std::string>(), &used);
      if (used == value->get<std::string>().size()) return d;
    } catch (const std::exception&) {
    }
  }
  return std::nullopt;
}

// The value at `key` of the first `block` of a view (a nested block); null
// when absent.
json in_block(const ResourceView& view, const char* block, const char* key) {
  const auto found = policy::blocks(view, block);
  if (found.empty() || !found[0].contains(key)) return json();
  return found[0][key];
}

std::optional<double> amount(const json& value) {
  return value.is_null() ? std::nullopt : amount(&value);
}

std::optional<std::string> text(const json& value) {
  return value.is_null() ? std::nullopt : text(&value);
}

class Pricer {
 public:
  Pricer(const std::vector<ResourceView>& views, const Environment& env, const PriceTable& prices)
      : env_(env), prices_(prices) {
    for (const auto& view : views) {
      by_address_.emplace(policy::module_of(view) + "\n" + policy::local_address(view), &view);
    }
  }

  CostLine price(const ResourceView& view) {
    CostLine line;
    line.type = view.type;
    line.address = view.address;
    line.path = view.path;
    line.stack = policy::module_of(view);
    if (line.stack.rfind("module.", 0) == 0) line.stack = line.stack.substr(7);
    if (line.stack.empty()) line.stack = "(root)";
    if (const auto* tags = policy::known(view, "tags_all"); tags && tags->is_object()) {
      if (const auto it = tags->find("CostCenter"); it != tags->end() && it->is_string())
        line.cost_center = it->get<std::string>();
    }
    line_ = &line;
    if (free_types().count(view.type) != 0) {
      line.kind = CostLine::Kind::kFree;
      line.basis = free_reason(view.type);
      if (view.instances) line.instances = *view.instances;
      line_ = nullptr;
      return line;
    }
    if (!view.instances) {
      unpriced("count unknown before apply");
      return line;
    }
    line.instances = *view.instances;
    const auto it = handlers().find(view.type);
    if (it != handlers().end()) {
      (this->*(it->second))(view);
    } else if (view.type == "aws_flow_log" || view.type == "aws_sns_topic" ||
               view.type == "aws_sns_topic_subscription" || view.type == "aws_budgets_budget" ||
               view.type == "helm_release") {
      line.kind = CostLine::Kind::kFree;
      line.basis = free_reason(view.type);
    } else {
      unpriced("no price model for this type");
    }
    line_ = nullptr;
    return line;
  }

 private:
  using Handler = void (Pricer::*)(const ResourceView&);

  static const std::map<std::string, Handler>& handlers() {
    static const std::map<std::string, Handler> kHandlers = {
        {"aws_apigatewayv2_api", &Pricer::api},
        {"aws_autoscaling_group", &Pricer::autoscaling_group},
        {"aws_cloudwatch_dashboard", &Pricer::dashboard},
        {"aws_cloudwatch_log_group", &Pricer::log_group},
        {"aws_cloudwatch_metric_alarm", &Pricer::alarm},
        {"aws_db_instance", &Pricer::db_instance},
        {"aws_ebs_volume", &Pricer::ebs_volume},
        {"aws_eip", &Pricer::eip},
        {"aws_eks_cluster", &Pricer::eks_cluster},
        {"aws_eks_node_group", &Pricer::node_group},
        {"aws_elasticache_cluster", &Pricer::cache_cluster},
        {"aws_elasticache_replication_group", &Pricer::replication_group},
        {"aws_instance", &Pricer::instance},
        {"aws_kms_key", &Pricer::kms_key},
        {"aws_lambda_function", &Pricer::function},
        {"aws_lb", &Pricer::load_balancer},
        {"aws_nat_gateway", &Pricer::nat_gateway},
        {"aws_s3_bucket", &Pricer::bucket},
        {"aws_s3_bucket_replication_configuration", &Pricer::replication},
        {"aws_secretsmanager_secret", &Pricer::secret},
        {"aws_ssm_parameter", &Pricer::ssm_parameter},
        {"aws_vpc_endpoint", &Pricer::vpc_endpoint},
    };
    return kHandlers;
  }

  // The price of `key`, noting an unverified one; nullopt (the line marked
  // not priced) when the table has none for the region.
  std::optional<double> rate(const std::string& key) {
    const auto p = prices_.price(env_.region, key);
    if (!p) {
      unpriced(fmt::format("no price for {} in {} in the pricing table", key, env_.region));
      return std::nullopt;
    }
    if (!prices_.verified(key)) line_->unverified = true;
    return p;
  }

  double assume(const char* name) {
    if (std::find(line_->assumptions.begin(), line_->assumptions.end(), name) ==
        line_->assumptions.end())
      line_->assumptions.emplace_back(name);
    return env_.cost.assumption(name);
  }

  void unpriced(std::string why) {
    line_->kind = CostLine::Kind::kUnpriced;
    line_->cents = 0;
    line_->basis = std::move(why);
  }

  bool failed() const { return line_->kind == CostLine::Kind::kUnpriced; }

  double hours() const { return prices_.hours_per_month(); }

  // Adds one component: `usd` a month, described by `basis`.
  void add(double usd, const std::string& basis) {
    if (failed()) return;
    line_->cents += to_cents(usd);
    line_->basis += (line_->basis.empty() ? "" : " + ") + basis;
  }

  // `n` × `what` running all month at `key`'s hourly price.
  void hourly(double n, const std::string& what, const std::string& key) {
    const auto p = rate(key);
    if (!p) return;
    add(n * hours() * *p,
        fmt::format("{} × {} × {} h × {}/h", number(n), what, number(hours()), money(*p)));
  }

  // `gb` GB-months of `what` at `key`'s price.
  void per_gb_month(double gb, const std::string& what, const std::string& key) {
    const auto p = rate(key);
    if (!p) return;
    add(gb * *p, fmt::format("{} GB {} × {}/GB-month", number(gb), what, money(*p)));
  }

  std::optional<double> required_amount(const ResourceView& view, const char* key,
                                        const json* value) {
    const auto a = amount(value);
    if (!a)
      unpriced(fmt::format("{} {}", key,
                           policy::unknown(view, key) ? "unknown before apply" : "not set"));
    return a;
  }

  std::optional<std::string> required_text(const ResourceView& view, const char* key) {
    const auto t = text(policy::known(view, key));
    if (!t)
      unpriced(fmt::format("{} {}", key,
                           policy::unknown(view, key) ? "unknown before apply" : "not set"));
    return t;
  }

  // The launch template a group or instance launches from, in its module.
  const ResourceView* launch_template(const ResourceView& view) {
    const auto refs = view.references.find("launch_template");
    if (refs == view.references.end()) return nullptr;
    for (const auto& ref : refs->second) {
      if (ref.rfind("aws_launch_template.", 0) != 0) continue;
      if (const ResourceView* found = beside(view, ref)) return found;
    }
    return nullptr;
  }

  // The root volumes a template gives each instance, priced for `n` instances.
  void template_volumes(const ResourceView& tmpl, double n) {
    for (const auto& mapping : policy::blocks(tmpl, "block_device_mappings")) {
      for (const auto& ebs : policy::items(mapping.value("ebs", json()))) {
        const auto size = amount(ebs.value("volume_size", json()));
        if (!size) continue;
        const std::string type = ebs.value("volume_type", std::string("gp3"));
        per_gb_month(n * *size, fmt::format("{} (node volumes)", type), "ebs/" + type);
      }
    }
  }

  // EC2 instances: `n` of `type`, on demand or spot.
  void ec2(double n, const std::string& type, bool spot) {
    if (!spot) {
      hourly(n, type, "ec2/" + type);
      return;
    }
    const auto p = rate("ec2/" + type);
    if (!p) return;
    const double ratio = assume("spot_price_ratio");
    add(n * hours() * *p * ratio, fmt::format("{} × {} spot × {} h × {}/h × {}", number(n), type,
                                              number(hours()), money(*p), number(ratio)));
  }

  void instance(const ResourceView& view) {
    std::optional<std::string> type = text(policy::known(view, "instance_type"));
    const ResourceView* tmpl = launch_template(view);
    if (!type && tmpl) type = text(policy::known(*tmpl, "instance_type"));
    if (!type) {
      unpriced("instance_type unknown before apply or not set");
      return;
    }
    const double n = static_cast<double>(line_->instances);
    ec2(n, *type, false);
    if (const auto size = amount(in_block(view, "root_block_device", "volume_size"))) {
      const auto volume = text(in_block(view, "root_block_device", "volume_type"));
      per_gb_month(n * *size, volume.value_or("gp3") + " (root volumes)",
                   "ebs/" + volume.value_or("gp3"));
    } else if (tmpl) {
      template_volumes(*tmpl, n);
    }
  }

  void autoscaling_group(const ResourceView& view) {
    auto desired = amount(policy::known(view, "desired_capacity"));
    if (!desired) desired = amount(policy::known(view, "min_size"));
    if (!desired) {
      unpriced("desired_capacity and min_size unknown before apply");
      return;
    }
    const ResourceView* tmpl = launch_template(view);
    const auto type = tmpl ? text(policy::known(*tmpl, "instance_type")) : std::nullopt;
    if (!type) {
      unpriced("no launch template with a known instance_type");
      return;
    }
    const double n = *desired * static_cast<double>(line_->instances);
    ec2(n, *type, false);
    template_volumes(*tmpl, n);
  }

  void node_group(const ResourceView& view) {
    const auto desired = amount(in_block(view, "scaling_config", "desired_size"));
    if (!desired) {
      unpriced("scaling_config.desired_size unknown before apply");
      return;
    }
    const ResourceView* tmpl = launch_template(view);
    std::optional<std::string> type;
    if (const auto* types = policy::known(view, "instance_types");
        types && types->is_array() && !types->empty() && (*types)[0].is_string())
      type = (*types)[0].get<std::string>();
    if (!type && tmpl) type = text(policy::known(*tmpl, "instance_type"));
    if (!type) {
      unpriced("instance_types unknown before apply");
      return;
    }
    const bool spot = text(policy::known(view, "capacity_type")).value_or("") == "SPOT";
    const double n = *desired * static_cast<double>(line_->instances);
    ec2(n, *type, spot);
    if (tmpl) {
      template_volumes(*tmpl, n);
    } else {
      // Without a template EKS gives each node disk_size GiB (20 by default).
      const double disk = amount(policy::known(view, "disk_size")).value_or(20);
      per_gb_month(n * disk, "gp2 (node volumes)", "ebs/gp2");
    }
  }

  void eks_cluster(const ResourceView&) {
    hourly(static_cast<double>(line_->instances), "cluster", "eks/cluster-hour");
  }

  void db_instance(const ResourceView& view) {
    const auto cls = required_text(view, "instance_class");
    if (!cls) return;
    const bool multi_az = policy::truth(view, "multi_az") == policy::Truth::kTrue;
    const double n = static_cast<double>(line_->instances);
    hourly(n, *cls + (multi_az ? " Multi-AZ" : ""), (multi_az ? "rds-multi-az/" : "rds/") + *cls);
    auto storage = amount(policy::known(view, "allocated_storage"));
    if (!storage && policy::rds_read_replica(view)) {
      // A replica's storage follows its source's.
      const auto refs = view.references.find("replicate_source_db");
      if (refs != view.references.end()) {
        for (const auto& ref : refs->second) {
          const ResourceView* source = beside(view, ref);
          if (source != nullptr && source->type == "aws_db_instance")
            storage = amount(policy::known(*source, "allocated_storage"));
        }
      }
    }
    if (!storage) {
      unpriced("allocated_storage unknown before apply");
      return;
    }
    // The provider's default is gp2 (io1 when iops is set).
    std::string type = text(policy::known(view, "storage_type"))
                           .value_or(policy::known(view, "iops") ? "io1" : "gp2");
    per_gb_month(n * *storage, type + (multi_az ? " Multi-AZ" : ""),
                 (multi_az ? "rds-storage-multi-az/" : "rds-storage/") + type);
  }

  void cache_nodes(const std::string& node_type, double nodes) {
    hourly(nodes * static_cast<double>(line_->instances), node_type, "elasticache/" + node_type);
  }

  void replication_group(const ResourceView& view) {
    const auto type = required_text(view, "node_type");
    if (!type) return;
    // Cluster mode: shards × (replicas + 1); otherwise num_cache_clusters
    // (the provider's default is 1).
    double nodes = 1;
    if (const auto shards = amount(policy::known(view, "num_node_groups"))) {
      const auto replicas = amount(policy::known(view, "replicas_per_node_group")).value_or(0);
      nodes = *shards * (replicas + 1);
    } else if (policy::unknown(view, "num_cache_clusters")) {
      unpriced("num_cache_clusters unknown before apply");
      return;
    } else {
      nodes = amount(policy::known(view, "num_cache_clusters")).value_or(1);
    }
    cache_nodes(*type, nodes);
  }

  void cache_cluster(const ResourceView& view) {
    const auto type = required_text(view, "node_type");
    if (!type) return;
    const auto nodes = amount(policy::known(view, "num_cache_nodes"));
    if (!nodes) {
      unpriced("num_cache_nodes unknown before apply or not set");
      return;
    }
    cache_nodes(*type, *nodes);
  }

  void nat_gateway(const ResourceView&) {
    const double n = static_cast<double>(line_->instances);
    hourly(n, "NAT gateway", "nat/hour");
    const double gb = assume("nat_data_gb");
    const auto p = rate("nat/gb");
    if (!p) return;
    add(n * gb * *p, fmt::format("{} × {} GB processed × {}/GB", number(n), number(gb), money(*p)));
  }

  void eip(const ResourceView&) {
    hourly(static_cast<double>(line_->instances), "public IPv4 address", "ipv4/hour");
  }

  void load_balancer(const ResourceView& view) {
    const std::string type =
        text(policy::known(view, "load_balancer_type")).value_or("application");
    if (type != "application") {
      unpriced(fmt::format("no price model for {} load balancers", type));
      return;
    }
    const double n = static_cast<double>(line_->instances);
    hourly(n, "ALB", "alb/hour");
    const double lcu = assume("alb_lcu");
    const auto p = rate("alb/lcu-hour");
    if (!p) return;
    add(n * lcu * hours() * *p, fmt::format("{} × {} LCU × {} h × {}/LCU-h", number(n), number(lcu),
                                            number(hours()), money(*p)));
  }

  void ebs_volume(const ResourceView& view) {
    const auto size = required_amount(view, "size", policy::known(view, "size"));
    if (!size) return;
    const std::string type = text(policy::known(view, "type")).value_or("gp3");
    per_gb_month(static_cast<double>(line_->instances) * *size, type, "ebs/" + type);
  }

  void bucket(const ResourceView&) {
    const double gb = assume("s3_stored_gb");
    per_gb_month(static_cast<double>(line_->instances) * gb, "S3 Standard", "s3/standard-gb");
  }

  // Inter-region transfer of what each rule copies (the replica bucket's
  // storage is priced with that bucket).
  void replication(const ResourceView& view) {
    const auto rules = policy::blocks(view, "rule");
    const double n = static_cast<double>(line_->instances * std::max<std::size_t>(rules.size(), 1));
    const double gb = assume("s3_replicated_gb");
    const auto p = rate("s3/inter-region-gb");
    if (!p) return;
    add(n * gb * *p,
        fmt::format("{} rule × {} GB replicated × {}/GB", number(n), number(gb), money(*p)));
  }

  // Requests and GB-seconds at the assumed traffic; the free tier is not deducted.
  void function(const ResourceView& view) {
    const double n = static_cast<double>(line_->instances);
    const double memory_mb = amount(policy::known(view, "memory_size")).value_or(128);
    const auto* architectures = policy::known(view, "architectures");
    const bool arm = architectures != nullptr && architectures->is_array() &&
                     !architectures->empty() && (*architectures)[0] == "arm64";
    const double millions = assume("lambda_requests_millions");
    const double ms = assume("lambda_duration_ms");
    const auto request = rate("lambda/request-million");
    const auto second = rate(arm ? "lambda/arm-gb-second" : "lambda/gb-second");
    if (!request || !second) return;
    add(n * millions * *request,
        fmt::format("{} × {}M requests × {}/M", number(n), number(millions), money(*request)));
    const double gb_seconds = millions * 1e6 * (ms / 1000.0) * (memory_mb / 1024.0);
    add(n * gb_seconds * *second,
        fmt::format("{} × {} GB-s ({} MB × {} ms) × ${:.10f}/GB-s", number(n), number(gb_seconds),
                    number(memory_mb), number(ms), *second));
  }

  void api(const ResourceView& view) {
    const std::string protocol = text(policy::known(view, "protocol_type")).value_or("HTTP");
    if (protocol != "HTTP") {
      unpriced(fmt::format("no price model for {} APIs", protocol));
      return;
    }
    const double n = static_cast<double>(line_->instances);
    const double millions = assume("api_requests_millions");
    const auto p = rate("apigateway/http-request-million");
    if (!p) return;
    add(n * millions * *p,
        fmt::format("{} × {}M requests × {}/M", number(n), number(millions), money(*p)));
  }

  void log_group(const ResourceView& view) {
    const double n = static_cast<double>(line_->instances);
    const double gb = assume("log_ingestion_gb");
    const auto ingest = rate("logs/ingest-gb");
    if (!ingest) return;
    add(n * gb * *ingest,
        fmt::format("{} × {} GB ingested × {}/GB", number(n), number(gb), money(*ingest)));
    // Steady state: each month's logs are kept for the retention period.
    double months = 0;
    if (const auto days = amount(policy::known(view, "retention_in_days")); days && *days > 0) {
      months = *days / 30.0;
    } else {
      months = assume("log_never_expires_months");
    }
    const auto store = rate("logs/storage-gb");
    if (!store) return;
    const double stored = std::round(gb * months * 100.0) / 100.0;
    add(n * stored * *store,
        fmt::format("{} × {} GB stored × {}/GB-month", number(n), number(stored), money(*store)));
  }

  void alarm(const ResourceView&) { monthly(line_->instances, "alarm", "cloudwatch/alarm"); }

  void dashboard(const ResourceView&) {
    monthly(line_->instances, "dashboard", "cloudwatch/dashboard");
  }

  void kms_key(const ResourceView&) { monthly(line_->instances, "key", "kms/key"); }

  void secret(const ResourceView&) { monthly(line_->instances, "secret", "secretsmanager/secret"); }

  void ssm_parameter(const ResourceView& view) {
    if (text(policy::known(view, "tier")).value_or("Standard") == "Standard") {
      line_->kind = CostLine::Kind::kFree;
      line_->basis = "free: a standard parameter";
      return;
    }
    unpriced("no price model for advanced parameters");
  }

  void vpc_endpoint(const ResourceView& view) {
    const std::string type = text(policy::known(view, "vpc_endpoint_type")).value_or("Gateway");
    if (type == "Gateway") {
      line_->kind = CostLine::Kind::kFree;
      line_->basis = "free: a gateway endpoint";
      return;
    }
    if (type != "Interface") {
      unpriced(fmt::format("no price model for {} endpoints", type));
      return;
    }
    // One network interface, billed by the hour, in each subnet.
    const auto* subnets = policy::known(view, "subnet_ids");
    if (subnets == nullptr || !subnets->is_array()) {
      unpriced("subnet_ids unknown before apply");
      return;
    }
    hourly(static_cast<double>(line_->instances * subnets->size()), "endpoint AZ",
           "vpc-endpoint/interface-hour");
  }

  void monthly(std::size_t n, const char* what, const std::string& key) {
    const auto p = rate(key);
    if (!p) return;
    add(static_cast<double>(n) * *p, fmt::format("{} {} × {}/month", n, what, money(*p)));
  }

  // The resource at `local` (`type.name`) in the module of `view`.
  const ResourceView* beside(const ResourceView& view, const std::string& local) const {
    const auto it = by_address_.find(policy::module_of(view) + "\n" + local);
    return it == by_address_.end() ? nullptr : it->second;
  }

  // Every resource by module and address in it, so lookups stay logarithmic.
  std::map<std::string, const ResourceView*> by_address_;
  const Environment& env_;
  const PriceTable& prices_;
  CostLine* line_ = nullptr;
};

}  // namespace

long long CostEstimate::total_cents() const {
  long long total = 0;
  for (const auto& line : lines) total += line.cents;
  return total;
}

std::map<std::string, long long> CostEstimate::by_stack() const {
  std::map<std::string, long long> out;
  for (const auto& line : lines) out[line.stack] += line.cents;
  return out;
}

std::map<std::string, long long> CostEstimate::by_cost_center() const {
  std::map<std::string, long long> out;
  for (const auto& line : lines)
    out[line.cost_center.empty() ? "(untagged)" : line.cost_center] += line.cents;
  return out;
}

bool CostEstimate::over_budget() const { return budget && total_cents() > to_cents(*budget); }

CostEstimate estimate(const std::vector<ResourceView>& views, const Environment& environment,
                      const PriceTable& prices) {
  if (!prices.has_region(environment.region)) {
    std::string known;
    for (const auto& r : prices.regions()) known += (known.empty() ? "" : ", ") + r;
    throw Error(make_error(
        kNoRegionPrices,
        fmt::format("environment {}: the pricing table has no prices for region {} (it has {})",
                    environment.name, environment.region, known),
        environment.where.known() ? environment.where : SourceLocation{environment.file, 0, 0},
        "add the region's prices to cost/aws_prices.json"));
  }
  CostEstimate out;
  out.environment = environment.name;
  out.region = environment.region;
  out.price_source = prices.source();
  out.price_as_of = prices.as_of();
  out.hours_per_month = prices.hours_per_month();
  out.budget = environment.cost.budget;
  Pricer pricer(views, environment, prices);
  for (const auto& view : views) {
    if (policy::input_view(view) || view.type == policy::kAwsProvider) continue;
    if (view.instances == std::size_t{0}) continue;
    out.lines.push_back(pricer.price(view));
  }
  std::sort(out.lines.begin(), out.lines.end(), [](const CostLine& a, const CostLine& b) {
    return std::tie(a.stack, a.address) < std::tie(b.stack, b.address);
  });
  for (const auto& a : cost_assumptions()) {
    out.assumptions.push_back(
        {.name = a.name,
         .value = environment.cost.assumption(a.name),
         .unit = a.unit,
         .meaning = a.meaning,
         .from_environment = environment.cost.assumptions.count(a.name) != 0});
  }
  return out;
}

CostEstimate estimate_environment(const Plan& plan, const Environment& environment,
                                  const Value::Map& values, const PriceTable& prices) {
  return estimate(policy::model_views(plan, environment, values), environment, prices);
}

}  // namespace keelson::cost
