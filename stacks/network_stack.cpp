#include "stacks/network_stack.h"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <utility>

#include "dsl/expression.h"
#include "dsl/pattern.h"
#include "dsl/resource.h"
#include "stacks/iam.h"
#include "stacks/log_retention.h"
#include "stacks/props.h"

namespace keelson {
namespace {

constexpr int kMaxZones = 6;
constexpr int kPostgresPort = 5432;
constexpr int kRedisPort = 6379;
constexpr const char* kAnywhere = "0.0.0.0/0";
// Return traffic of connections made from inside, and the ports clients use.
constexpr int kEphemeralFrom = 1024;
constexpr int kEphemeralTo = 65535;
// Computed subnets are /(VPC prefix + 8): /24 in a /16, /28 (AWS's smallest) in a /20.
constexpr int kSubnetNewbits = 8;
constexpr int kComputedMaxVpcPrefix = 20;

// An IPv4 CIDR block: the address as a number and the prefix length.
struct Cidr {
  std::uint32_t address = 0;
  int prefix = 0;
};

std::uint32_t mask_of(int prefix) { return prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix); }

// Dotted quad and prefix, octets without leading zeros (Terraform rejects them).
std::optional<Cidr> parse_cidr(const std::string& text) {
  static const Pattern kPattern(
      R"((0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})/(\d|[12]\d|3[0-2]))");
  const auto m = kPattern.full_match_groups(text);
  if (!m) return std::nullopt;
  Cidr out;
  for (int i = 1; i <= 4; ++i) {
    const int octet = std::stoi((*m)[i]);
    if (octet > 255) return std::nullopt;
    out.address = (out.address << 8) | static_cast<std::uint32_t>(octet);
  }
  out.prefix = std::stoi((*m)[5]);
  return out;
}

std::string to_string(const Cidr& cidr) {
  const std::uint32_t a = cidr.address;
  return fmt::format("{}.{}.{}.{}/{}", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255,
                     cidr.prefix);
}

bool has_host_bits(const Cidr& cidr) { return (cidr.address & ~mask_of(cidr.prefix)) != 0; }

bool contains(const Cidr& outer, const Cidr& inner) {
  return inner.prefix >= outer.prefix &&
         (inner.address & mask_of(outer.prefix)) == (outer.address & mask_of(outer.prefix));
}

bool overlaps(const Cidr& a, const Cidr& b) { return contains(a, b) || contains(b, a); }

// One subnet tier and how its CIDR blocks are chosen.
struct Tier {
  std::string name;  // public, private, database
  std::string prop;  // the Props field holding explicit blocks
  const std::vector<std::string>* explicit_cidrs;
  int netnum_offset;  // computed blocks: netnum of the first zone
  Value count;        // how many subnets
  std::optional<std::int64_t> known_count;
};

// A subnet CIDR block known when synthesizing, with how messages name it.
struct KnownSubnet {
  std::string label;
  Cidr cidr;
};

// Checks literal props; returns one message per problem.
class PropsChecker {
 public:
  explicit PropsChecker(const NetworkStack::Props& props) : props_(props) {}

  std::vector<std::string> check(const std::vector<Tier>& tiers) {
    check_name();
    const std::optional<Cidr> vpc = check_vpc_cidr();
    check_zones();
    if (!props_.single_nat_gateway.is_expr() &&
        props_.single_nat_gateway.kind() != Value::Kind::kBool) {
      problems_.push_back(fmt::format("single_nat_gateway must be a bool or a parameter, got {}",
                                      props_.single_nat_gateway.kind_name()));
    }
    check_port();
    check_retention();
    check_kms_key();
    check_subnets(tiers, vpc);
    return std::move(problems_);
  }

 private:
  void check_name() {
    static const Pattern kName("[a-z][a-z0-9-]{0,31}");
    if (!kName.full_match(props_.name)) {
      problems_.push_back(fmt::format(
          "name must be 1 to 32 lowercase letters, digits and hyphens, starting with a letter, "
          "got \"{}\"",
          props_.name));
    }
  }

  std::optional<Cidr> check_vpc_cidr() {
    const Value& cidr = props_.cidr;
    if (cidr.is_expr()) return std::nullopt;
    const std::string text = cidr.is_string() ? cidr.as_string() : std::string();
    const std::optional<Cidr> parsed = parse_cidr(text);
    if (!cidr.is_string() || !parsed || parsed->prefix < 16 || parsed->prefix > 24) {
      const std::string got = cidr.is_string() ? "\"" + text + "\"" : cidr.kind_name();
      problems_.push_back(fmt::format(
          "cidr must be an IPv4 CIDR block with a prefix from /16 to /24 (e.g. \"10.0.0.0/16\"), "
          "got {}",
          got));
      return std::nullopt;
    }
    if (has_host_bits(*parsed)) {
      const Cidr network{parsed->address & mask_of(parsed->prefix), parsed->prefix};
      problems_.push_back(
          fmt::format("cidr \"{}\" has host bits set; the network address is \"{}\"", text,
                      to_string(network)));
      return std::nullopt;
    }
    return parsed;
  }

  void check_zones() {
    const Value& zones = props_.zones;
    if (zones.is_expr()) return;
    const std::optional<std::int64_t> n = whole_number(zones);
    if (!n) {
      problems_.push_back(
          fmt::format("zones must be a whole number from 1 to {} or a parameter, got {}", kMaxZones,
                      zones.kind_name()));
    } else if (*n < 1 || *n > kMaxZones) {
      problems_.push_back(fmt::format("zones must be between 1 and {}, got {}", kMaxZones, *n));
    }
  }

  void check_port() {
    const Value& port = props_.app_port;
    if (port.is_expr()) return;
    const std::optional<std::int64_t> n = whole_number(port);
    if (!n || *n < 1 || *n > 65535) {
      const std::string got = n ? std::to_string(*n) : port.kind_name();
      problems_.push_back(fmt::format("app_port must be a port from 1 to 65535, got {}", got));
    }
  }

  void check_retention() {
    if (auto problem =
            check_log_retention("flow_log_retention_days", props_.flow_log_retention_days)) {
      problems_.push_back(std::move(*problem));
    }
  }

  void check_kms_key() {
    const Value& key = props_.flow_log_kms_key_arn;
    if (key.is_null() || key.is_expr()) return;
    static const Pattern kKeyArn(R"(arn:[a-z-]+:kms:[a-z0-9-]+:\d{12}:key/[A-Za-z0-9-]+)");
    if (!key.is_string() || !kKeyArn.full_match(key.as_string())) {
      const std::string got = key.is_string() ? "\"" + key.as_string() + "\"" : key.kind_name();
      problems_.push_back(
          fmt::format("flow_log_kms_key_arn must be a KMS key ARN "
                      "(arn:<partition>:kms:<region>:<account>:key/<id>), got {}",
                      got));
    }
  }

  void check_subnets(const std::vector<Tier>& tiers, const std::optional<Cidr>& vpc) {
    std::vector<KnownSubnet> known;
    bool reported_small_vpc = false;
    for (const Tier& tier : tiers) {
      const auto& list = *tier.explicit_cidrs;
      if (list.empty()) {
        if (!vpc) continue;
        if (vpc->prefix > kComputedMaxVpcPrefix) {
          if (!reported_small_vpc) {
            problems_.push_back(fmt::format(
                "cidr \"{}\" is too small for the computed subnets (/{} each, AWS's smallest is "
                "/28); use a /16 to /{} VPC or give the subnet CIDR blocks explicitly",
                to_string(*vpc), vpc->prefix + kSubnetNewbits, kComputedMaxVpcPrefix));
            reported_small_vpc = true;
          }
          continue;
        }
        // Every zone the module can have, so a parameter's largest value is covered too.
        const std::int64_t n = tier.known_count.value_or(kMaxZones);
        const int bits = 32 - vpc->prefix - kSubnetNewbits;
        for (std::int64_t i = 0; i < n; ++i) {
          const auto netnum = static_cast<std::uint32_t>(tier.netnum_offset + i);
          known.push_back({fmt::format("the computed {} subnet {}", tier.name, i),
                           Cidr{vpc->address + (netnum << bits), vpc->prefix + kSubnetNewbits}});
        }
        continue;
      }
      if (tier.known_count && static_cast<std::int64_t>(list.size()) < *tier.known_count) {
        const std::string why = tier.name == "database"
                                    ? "one per zone, at least 2 for an RDS subnet group"
                                    : "one per zone";
        problems_.push_back(fmt::format("{} has {} CIDR block{} but {} are needed ({})", tier.prop,
                                        list.size(), list.size() == 1 ? "" : "s", *tier.known_count,
                                        why));
      }
      for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string label = fmt::format("{}[{}]", tier.prop, i);
        const std::optional<Cidr> parsed = parse_cidr(list[i]);
        if (!parsed || parsed->prefix < 16 || parsed->prefix > 28) {
          problems_.push_back(
              fmt::format("{} must be an IPv4 CIDR block with a prefix from /16 to /28, got \"{}\"",
                          label, list[i]));
          continue;
        }
        if (has_host_bits(*parsed)) {
          const Cidr network{parsed->address & mask_of(parsed->prefix), parsed->prefix};
          problems_.push_back(
              fmt::format("{} \"{}\" has host bits set; the network address is \"{}\"", label,
                          list[i], to_string(network)));
          continue;
        }
        if (vpc && !contains(*vpc, *parsed)) {
          problems_.push_back(fmt::format("{} \"{}\" is not inside the VPC cidr \"{}\"", label,
                                          list[i], to_string(*vpc)));
          continue;
        }
        known.push_back({label, *parsed});
      }
    }
    for (std::size_t i = 0; i < known.size(); ++i) {
      for (std::size_t j = i + 1; j < known.size(); ++j) {
        if (overlaps(known[i].cidr, known[j].cidr)) {
          problems_.push_back(fmt::format("{} \"{}\" overlaps {} \"{}\"", known[i].label,
                                          to_string(known[i].cidr), known[j].label,
                                          to_string(known[j].cidr)));
        }
      }
    }
  }

  const NetworkStack::Props& props_;
  std::vector<std::string> problems_;
};

Value tags(Value name, Value::Map extra = {}) {
  extra.insert_or_assign("Name", std::move(name));
  return Value::map(std::move(extra));
}

// A network ACL rule; protocol "-1" is every protocol and has no ports.
Resource& acl_rule(Construct& scope, const std::string& id, const Resource& acl, bool egress,
                   Value number, const std::string& protocol, int from, int to, Value cidr) {
  auto& rule = scope.resource("aws_network_acl_rule", id)
                   .set("network_acl_id", acl.id())
                   .set("egress", egress)
                   .set("rule_number", std::move(number))
                   .set("rule_action", "allow")
                   .set("protocol", protocol)
                   .set("cidr_block", std::move(cidr));
  if (protocol != "-1") rule.set("from_port", from).set("to_port", to);
  return rule;
}

// A security group rule (`aws_vpc_security_group_<direction>_rule`) with a
// peer: a CIDR block or another security group.
struct SgRule {
  std::string description{};
  std::string protocol{};  // "tcp", or "-1" for every protocol (then no ports)
  Value from_port{};
  Value to_port{};
  Value cidr{};
  Value peer_group{};
};

std::string dashed(std::string text) {
  std::replace(text.begin(), text.end(), '_', '-');
  return text;
}

Resource& sg_rule(Construct& scope, const std::string& id, const std::string& direction,
                  const Resource& group, const std::string& name, const SgRule& r) {
  auto& rule = scope.resource("aws_vpc_security_group_" + direction + "_rule", id)
                   .set("security_group_id", group.id())
                   .set("description", r.description)
                   .set("ip_protocol", r.protocol)
                   .set("tags", tags(name + "-" + dashed(id)));
  if (r.protocol != "-1") rule.set("from_port", r.from_port).set("to_port", r.to_port);
  if (!r.cidr.is_null()) rule.set("cidr_ipv4", r.cidr);
  if (!r.peer_group.is_null()) rule.set("referenced_security_group_id", r.peer_group);
  return rule;
}

// Why checkov's network ACL checks do not apply to these rules.
constexpr const char* kEphemeralReason =
    "Network ACLs are stateless: replies to outbound connections (NAT, internet) come back to "
    "ephemeral ports 1024-65535; security groups admit no 3389";
constexpr const char* kInsideVpcReason =
    "Traffic from inside the VPC only; security groups restrict the ports of each tier";

}  // namespace

NetworkStack::NetworkStack(Construct& scope, const Id& id, Props props) : Stack(scope, id) {
  const std::string& name = props.name;
  const Value& zones = props.zones;
  const std::optional<std::int64_t> known_zones = whole_number(zones);
  const bool single_nat_known = props.single_nat_gateway.kind() == Value::Kind::kBool;

  // An RDS subnet group must span two zones, even for a single-AZ instance.
  Value database_count =
      known_zones ? Value(std::max<std::int64_t>(2, *known_zones)) : fn::call("max", {2, zones});
  Value nat_count = zones;
  if (single_nat_known && props.single_nat_gateway.as_bool()) nat_count = 1;
  if (!single_nat_known) nat_count = when(props.single_nat_gateway, 1, zones);

  std::vector<Tier> tiers = {
      {"public", "public_subnet_cidrs", &props.public_subnet_cidrs, 101, zones, known_zones},
      {"private", "private_subnet_cidrs", &props.private_subnet_cidrs, 1, zones, known_zones},
      {"database", "database_subnet_cidrs", &props.database_subnet_cidrs, 201, database_count,
       whole_number(database_count)},
  };
  if (auto problems = PropsChecker(props).check(tiers); !problems.empty()) {
    node().add_validation([problems = std::move(problems)] { return problems; });
  }

  // Zones that offer every service (no Local or Wavelength Zones).
  auto& azs = data("aws_availability_zones", "available")
                  .set("state", "available")
                  .block("filter", {{"name", "opt-in-status"},
                                    {"values", Value::list({"opt-in-not-required"})}})
                  .suppress("CKV_AWS_394",
                            "Subnets take the first zones by position; a zone AWS adds later does "
                            "not move them, and names pinned here would tie the module to a region");
  // slice() fails the plan when the region has fewer zones than asked for,
  // where element() alone would silently reuse a zone.
  const auto zone_of = [&azs](const Value& count) {
    return fn::element(fn::slice(azs.attr("names"), 0, count), count_index());
  };

  auto& vpc = resource("aws_vpc", "main")
                  .set("cidr_block", props.cidr)
                  .set("enable_dns_support", true)
                  .set("enable_dns_hostnames", true)
                  .set("tags", tags(name));
  vpc_id_ = vpc.id();
  vpc_cidr_block_ = vpc.attr("cidr_block");
  const Value vpc_cidr = vpc_cidr_block_;

  // Adopting the default security group removes its allow-all rules, so
  // nothing placed in it by mistake is reachable.
  resource("aws_default_security_group", "default_sg")
      .set("vpc_id", vpc.id())
      .set("tags", tags(name + "-default-unused"));

  // Subnets.
  std::vector<Resource*> subnets;
  for (const Tier& tier : tiers) {
    Value cidr_block;
    if (tier.explicit_cidrs->empty()) {
      cidr_block =
          fn::cidrsubnet(vpc_cidr, kSubnetNewbits, keelson::add(tier.netnum_offset, count_index()));
    } else {
      Value list =
          Value::list(Value::List(tier.explicit_cidrs->begin(), tier.explicit_cidrs->end()));
      // With a parameter for the count, slice() fails the plan when the list is
      // too short instead of element() wrapping around to a used block.
      if (!tier.known_count) list = fn::slice(list, 0, tier.count);
      cidr_block = fn::element(list, count_index());
    }
    const Value zone = zone_of(tier.count);
    Value::Map extra_tags{{"Tier", tier.name}};
    // Where the AWS Load Balancer Controller puts internet-facing and internal load balancers.
    if (tier.name == "public") extra_tags.emplace("kubernetes.io/role/elb", "1");
    if (tier.name == "private") extra_tags.emplace("kubernetes.io/role/internal-elb", "1");
    auto& subnet = resource("aws_subnet", tier.name)
                       .count(tier.count)
                       .set("vpc_id", vpc.id())
                       .set("cidr_block", cidr_block)
                       .set("availability_zone", zone)
                       .set("map_public_ip_on_launch", false)
                       .set("tags", tags(str(name, "-" + tier.name + "-", zone), extra_tags));
    subnets.push_back(&subnet);
  }
  Resource& public_subnets = *subnets[0];
  Resource& private_subnets = *subnets[1];
  Resource& database_subnets = *subnets[2];
  public_subnet_ids_ = public_subnets.all("id");
  private_subnet_ids_ = private_subnets.all("id");
  database_subnet_ids_ = database_subnets.all("id");

  // Internet access: a gateway for the public subnets, NAT for the private ones.
  auto& igw =
      resource("aws_internet_gateway", "internet").set("vpc_id", vpc.id()).set("tags", tags(name));
  const Value nat_zone = public_subnets.at(count_index()).attr("availability_zone");
  auto& nat_ip = resource("aws_eip", "nat_ip")
                     .count(nat_count)
                     .set("domain", "vpc")
                     .set("tags", tags(str(name, "-nat-ip-", nat_zone)))
                     .depends_on(igw);
  auto& nat = resource("aws_nat_gateway", "nat")
                  .count(nat_count)
                  .set("allocation_id", nat_ip.at(count_index()).attr("id"))
                  .set("subnet_id", public_subnets.at(count_index()).attr("id"))
                  .set("tags", tags(str(name, "-nat-", nat_zone)))
                  .depends_on(igw);
  nat_public_ips_ = nat_ip.all("public_ip");
  nat_gateway_ids_ = nat.all("id");

  // Route tables.
  auto& public_routes = resource("aws_route_table", "public_routes")
                            .set("vpc_id", vpc.id())
                            .set("tags", tags(name + "-public", {{"Tier", "public"}}));
  resource("aws_route", "public_to_internet")
      .set("route_table_id", public_routes.id())
      .set("destination_cidr_block", kAnywhere)
      .set("gateway_id", igw.id());
  resource("aws_route_table_association", "public_routes_subnets")
      .count(zones)
      .set("subnet_id", public_subnets.at(count_index()).attr("id"))
      .set("route_table_id", public_routes.id());

  auto& private_routes =
      resource("aws_route_table", "private_routes")
          .count(zones)
          .set("vpc_id", vpc.id())
          .set("tags", tags(str(name, "-private-", zone_of(zones)), {{"Tier", "private"}}));
  Value nat_index = count_index();
  if (single_nat_known && props.single_nat_gateway.as_bool()) nat_index = 0;
  if (!single_nat_known) nat_index = when(props.single_nat_gateway, 0, count_index());
  resource("aws_route", "private_to_nat")
      .count(zones)
      .set("route_table_id", private_routes.at(count_index()).attr("id"))
      .set("destination_cidr_block", kAnywhere)
      .set("nat_gateway_id", nat.at(nat_index).attr("id"));
  resource("aws_route_table_association", "private_routes_subnets")
      .count(zones)
      .set("subnet_id", private_subnets.at(count_index()).attr("id"))
      .set("route_table_id", private_routes.at(count_index()).attr("id"));
  private_route_table_ids_ = private_routes.all("id");

  // The database tier has no route out of the VPC.
  auto& database_routes = resource("aws_route_table", "database_routes")
                              .set("vpc_id", vpc.id())
                              .set("tags", tags(name + "-database", {{"Tier", "database"}}));
  resource("aws_route_table_association", "database_routes_subnets")
      .count(database_count)
      .set("subnet_id", database_subnets.at(count_index()).attr("id"))
      .set("route_table_id", database_routes.id());

  // Network ACLs, stateless: return traffic arrives on ephemeral ports.
  auto& public_acl = resource("aws_network_acl", "public_acl")
                         .set("vpc_id", vpc.id())
                         .set("subnet_ids", public_subnets.all("id"))
                         .set("tags", tags(name + "-public", {{"Tier", "public"}}));
  acl_rule(*this, "public_acl_in_http", public_acl, false, 100, "tcp", 80, 80, kAnywhere);
  acl_rule(*this, "public_acl_in_https", public_acl, false, 110, "tcp", 443, 443, kAnywhere);
  acl_rule(*this, "public_acl_in_ephemeral", public_acl, false, 120, "tcp", kEphemeralFrom,
           kEphemeralTo, kAnywhere)
      .suppress("CKV_AWS_231", kEphemeralReason);
  // Private subnets reach the internet through the NAT gateways in here.
  acl_rule(*this, "public_acl_in_vpc", public_acl, false, 130, "-1", 0, 0, vpc_cidr)
      .suppress("CKV_AWS_352", kInsideVpcReason);
  acl_rule(*this, "public_acl_out_all", public_acl, true, 100, "-1", 0, 0, kAnywhere);

  auto& private_acl = resource("aws_network_acl", "private_acl")
                          .set("vpc_id", vpc.id())
                          .set("subnet_ids", private_subnets.all("id"))
                          .set("tags", tags(name + "-private", {{"Tier", "private"}}));
  acl_rule(*this, "private_acl_in_vpc", private_acl, false, 100, "-1", 0, 0, vpc_cidr)
      .suppress("CKV_AWS_352", kInsideVpcReason);
  acl_rule(*this, "private_acl_in_ephemeral", private_acl, false, 110, "tcp", kEphemeralFrom,
           kEphemeralTo, kAnywhere)
      .suppress("CKV_AWS_231", kEphemeralReason);
  acl_rule(*this, "private_acl_out_all", private_acl, true, 100, "-1", 0, 0, kAnywhere);

  auto& database_acl = resource("aws_network_acl", "database_acl")
                           .set("vpc_id", vpc.id())
                           .set("subnet_ids", database_subnets.all("id"))
                           .set("tags", tags(name + "-database", {{"Tier", "database"}}));
  acl_rule(*this, "database_acl_in_postgres", database_acl, false, 100, "tcp", kPostgresPort,
           kPostgresPort, vpc_cidr);
  acl_rule(*this, "database_acl_in_redis", database_acl, false, 110, "tcp", kRedisPort, kRedisPort,
           vpc_cidr);
  // Replies to connections made inside the tier (Redis replicas syncing
  // across zones), from the database subnets only.
  acl_rule(*this, "database_acl_in_ephemeral", database_acl, false,
           keelson::add(200, count_index()), "tcp", kEphemeralFrom, kEphemeralTo,
           database_subnets.at(count_index()).attr("cidr_block"))
      .count(database_count);
  acl_rule(*this, "database_acl_out_vpc", database_acl, true, 100, "tcp", kEphemeralFrom,
           kEphemeralTo, vpc_cidr);

  // Flow logs of every accepted and rejected connection.
  auto& caller = shared_data("aws_caller_identity");
  auto& flow_log_group = resource("aws_cloudwatch_log_group", "flow_log_group")
                             .set("name", "/aws/vpc/" + name + "/flow-logs")
                             .set("retention_in_days", props.flow_log_retention_days)
                             .set("tags", tags(name + "-flow-logs"));
  if (!props.flow_log_kms_key_arn.is_null()) {
    flow_log_group.set("kms_key_id", props.flow_log_kms_key_arn);
  } else {
    flow_log_group.suppress("CKV_AWS_158", "Encrypted with CloudWatch Logs' own key: "
                                           "flow_log_kms_key_arn, null here, gives a customer key");
  }
  auto& flow_log_role = add<IamRole>(
      "flow_log_role",
      IamRoleProps{
          .description = "Lets VPC Flow Logs write to " + name + "'s flow log group.",
          .trust = {PolicyStatement{
              .actions = {"sts:AssumeRole"},
              .principals = Value::map({{"Service", Value::list({"vpc-flow-logs.amazonaws.com"})}}),
              // Only flow logs of this account may use the role (confused deputy).
              .conditions =
                  Value::map({{"StringEquals",
                               Value::map({{"aws:SourceAccount", caller.attr("account_id")}})}})}},
          .inline_policy = {
              PolicyStatement{.sid = "WriteFlowLogs",
                              .actions = {"logs:CreateLogStream", "logs:PutLogEvents",
                                          "logs:DescribeLogStreams"},
                              .resources = {flow_log_group.arn(), str(flow_log_group.arn(), ":*")}},
              // DescribeLogGroups cannot be limited to one group.
              PolicyStatement{.sid = "FindLogGroup",
                              .actions = {"logs:DescribeLogGroups"},
                              .resources = {"*"}}},
          .permissions_boundary = props.permissions_boundary});
  flow_log_role.role().set("tags", tags(name + "-flow-logs"));
  resource("aws_flow_log", "flow_log")
      .set("vpc_id", vpc.id())
      .set("traffic_type", "ALL")
      .set("log_destination_type", "cloud-watch-logs")
      .set("log_destination", flow_log_group.arn())
      .set("iam_role_arn", flow_log_role.arn())
      .set("max_aggregation_interval", 60)
      .set("tags", tags(name + "-flow-logs"));

  // S3 through the private route tables: no NAT traffic (or cost) for S3.
  auto& s3_service = data("aws_vpc_endpoint_service", "s3_service")
                         .set("service", "s3")
                         .set("service_type", "Gateway");
  resource("aws_vpc_endpoint", "s3")
      .set("vpc_id", vpc.id())
      .set("service_name", s3_service.attr("service_name"))
      .set("vpc_endpoint_type", "Gateway")
      .set("route_table_ids", private_route_table_ids_)
      .set("tags", tags(name + "-s3"));

  // Security groups: every rule its own resource, nothing open by default
  // (Terraform removes AWS's allow-all egress rule from a new group).
  const auto group = [&](const std::string& id, const std::string& suffix,
                         const std::string& description) -> Resource& {
    return resource("aws_security_group", id)
        .suppress("CKV2_AWS_5", "Attached by the stacks that use it (load balancer, nodes, "
                                "database, Redis): other modules, which checkov scans apart")
        .set("name", name + "-" + suffix)
        .set("description", description)
        .set("vpc_id", vpc.id())
        .set("tags", tags(name + "-" + suffix));
  };
  auto& alb_sg = group("alb_sg", "alb", "Load balancer: HTTP and HTTPS from the internet.");
  auto& node_sg = group("node_sg", "nodes",
                        "Nodes: the application port from the load balancer, "
                        "anything from each other.");
  auto& database_sg = group("database_sg", "postgres", "PostgreSQL: 5432 from the nodes.");
  auto& redis_sg = group("redis_sg", "redis", "Redis: 6379 from the nodes.");
  const Value port = props.app_port;

  sg_rule(*this, "alb_in_http", "ingress", alb_sg, name,
          {.description = "HTTP from the internet (redirected to HTTPS).",
           .protocol = "tcp",
           .from_port = 80,
           .to_port = 80,
           .cidr = kAnywhere})
      .suppress("CKV_AWS_260", "The public load balancer's HTTP listener, which redirects to "
                               "HTTPS when the ALB has a certificate");
  sg_rule(*this, "alb_in_https", "ingress", alb_sg, name,
          {.description = "HTTPS from the internet.",
           .protocol = "tcp",
           .from_port = 443,
           .to_port = 443,
           .cidr = kAnywhere});
  sg_rule(*this, "alb_out_nodes", "egress", alb_sg, name,
          {.description = "The application on the nodes.",
           .protocol = "tcp",
           .from_port = port,
           .to_port = port,
           .peer_group = node_sg.id()});

  sg_rule(*this, "node_in_alb", "ingress", node_sg, name,
          {.description = "The application, from the load balancer.",
           .protocol = "tcp",
           .from_port = port,
           .to_port = port,
           .peer_group = alb_sg.id()});
  sg_rule(*this, "node_in_nodes", "ingress", node_sg, name,
          {.description = "Anything from the other nodes.",
           .protocol = "-1",
           .peer_group = node_sg.id()});
  sg_rule(*this, "node_out_nodes", "egress", node_sg, name,
          {.description = "Anything to the other nodes.",
           .protocol = "-1",
           .peer_group = node_sg.id()});
  sg_rule(*this, "node_out_https", "egress", node_sg, name,
          {.description = "HTTPS to AWS APIs and registries (through NAT or endpoints).",
           .protocol = "tcp",
           .from_port = 443,
           .to_port = 443,
           .cidr = kAnywhere});
  sg_rule(*this, "node_out_postgres", "egress", node_sg, name,
          {.description = "PostgreSQL.",
           .protocol = "tcp",
           .from_port = kPostgresPort,
           .to_port = kPostgresPort,
           .peer_group = database_sg.id()});
  sg_rule(*this, "node_out_redis", "egress", node_sg, name,
          {.description = "Redis.",
           .protocol = "tcp",
           .from_port = kRedisPort,
           .to_port = kRedisPort,
           .peer_group = redis_sg.id()});

  sg_rule(*this, "database_in_nodes", "ingress", database_sg, name,
          {.description = "PostgreSQL from the nodes.",
           .protocol = "tcp",
           .from_port = kPostgresPort,
           .to_port = kPostgresPort,
           .peer_group = node_sg.id()});
  sg_rule(*this, "redis_in_nodes", "ingress", redis_sg, name,
          {.description = "Redis from the nodes.",
           .protocol = "tcp",
           .from_port = kRedisPort,
           .to_port = kRedisPort,
           .peer_group = node_sg.id()});

  alb_security_group_id_ = alb_sg.id();
  node_security_group_id_ = node_sg.id();
  database_security_group_id_ = database_sg.id();
  redis_security_group_id_ = redis_sg.id();

  output("vpc_id", vpc_id_, {.description = "ID of the VPC."});
  output("vpc_cidr_block", vpc_cidr_block_, {.description = "IPv4 CIDR block of the VPC."});
  output("public_subnet_ids", public_subnet_ids_,
         {.description = "IDs of the public subnets, one per zone."});
  output("private_subnet_ids", private_subnet_ids_,
         {.description = "IDs of the private subnets, one per zone."});
  output("database_subnet_ids", database_subnet_ids_,
         {.description = "IDs of the database subnets, one per zone and at least two."});
  output("private_route_table_ids", private_route_table_ids_,
         {.description = "IDs of the private route tables, one per zone."});
  output("nat_public_ips", nat_public_ips_,
         {.description = "Public IPs of the NAT gateways (the VPC's outbound addresses)."});
  // What each environment relies on, asserted by every root's plan test.
  output("zone_count", fn::length(private_subnet_ids_),
         {.description = "Number of availability zones the private subnets span.",
          .expect = zones});
  output("database_subnet_count", fn::length(database_subnet_ids_),
         {.description = "Number of database subnets (one per zone, at least two).",
          .expect = database_count});
  output("nat_gateway_count", fn::length(nat_gateway_ids_),
         {.description = "Number of NAT gateways: one per zone, or one for the VPC.",
          .expect = nat_count});
  output("alb_security_group_id", alb_security_group_id_,
         {.description = "ID of the load balancer's security group."});
  output("node_security_group_id", node_security_group_id_,
         {.description = "ID of the nodes' security group."});
  output("database_security_group_id", database_security_group_id_,
         {.description = "ID of the PostgreSQL security group."});
  output("redis_security_group_id", redis_security_group_id_,
         {.description = "ID of the Redis security group."});
}

}  // namespace keelson
