// Synthesis benchmark: builds an app of N resources shaped like real
// infrastructure and measures how long `synth` takes and how much memory it
// needs, for N = 100, 1,000, 10,000 and 100,000 (or the N values given on the
// command line: `keelson_bench 10000`).
//
// The app has five stacks. Every 50 resources form one "unit" of a service:
//   network     VPC, private subnets, public subnets (count), internet and NAT
//               gateways, route table and routes, a VPC-wide security group
//   database    security group and ingress rule, subnet group, parameter
//               group, a PostgreSQL instance and its read replica
//   compute     security group and ingress rules, IAM role and instance
//               profile, launch template, web instances (count), a worker
//   storage     two buckets with versioning, encryption, public access block,
//               a lifecycle rule and an S3 gateway endpoint
//   monitoring  log groups, an SNS topic and CloudWatch alarms on the
//               instances, the database, the buckets and the NAT gateway
// Attributes use parameters (given by one environment file) and reference
// resources of the same stack and of other stacks, so keelson wires module
// outputs and variables between the modules. N not a multiple of 50 is
// topped up with extra log groups.
//
// Each N runs in its own child process, so the peak RSS reported is that of
// one run: building the construct tree, synthesizing and writing the output.
// The construct tree's build time is reported apart; "synth" is
// `synthesize()` plus `write_output()`.
#include <fmt/core.h>
#include <keelson.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "synth/output_writer.h"
#include "synth/synthesizer.h"

namespace {

namespace fs = std::filesystem;
using keelson::App;
using keelson::count_index;
using keelson::Param;
using keelson::Resource;
using keelson::Stack;
using keelson::str;
using keelson::Value;
namespace fn = keelson::fn;

constexpr std::size_t kResourcesPerUnit = 50;
constexpr std::size_t kDefaultSizes[] = {100, 1'000, 10'000, 100'000};

constexpr std::string_view kEnvironmentFile = R"(region: us-east-1
account: "123456789012"
backend:
  bucket: keelson-bench-terraform-state
  region: us-east-1
  use_lockfile: true
tags:
  CostCenter: platform
  Owner: bench
parameters:
  env_name: bench
  vpc_base_cidr: 10.0.0.0/8
  availability_zones: [us-east-1a, us-east-1b, us-east-1c]
  ami_id: ami-0123456789abcdef0
  instance_type: t3.medium
  db_instance_class: db.t3.medium
  db_storage_gb: 50
  log_retention_days: 30
  cpu_alarm_threshold: 80
)";

/// The declared parameters, as typed handles.
struct Params {
  Param<std::string> env_name;
  Param<std::string> vpc_base_cidr;
  Param<std::vector<std::string>> availability_zones;
  Param<std::string> ami_id;
  Param<std::string> instance_type;
  Param<std::string> db_instance_class;
  Param<int> db_storage_gb;
  Param<int> log_retention_days;
  Param<double> cpu_alarm_threshold;
};

Params declare_params(App& app) {
  return Params{
      app.param<std::string>("env_name",
                             {.description = "Short environment name used in resource names."}),
      app.param<std::string>("vpc_base_cidr",
                             {.description = "The /8 block every VPC is carved from.",
                              .pattern = R"(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/8)"}),
      app.param<std::vector<std::string>>(
          "availability_zones", {.description = "Availability zones subnets are spread over."}),
      app.param<std::string>(
          "ami_id", {.description = "AMI of every instance.", .pattern = "ami-[0-9a-f]{8,17}"}),
      app.param<std::string>("instance_type",
                             {.description = "EC2 instance type of the web and worker instances.",
                              .allowed = {"t3.small", "t3.medium", "t3.large", "m6i.large"}}),
      app.param<std::string>("db_instance_class", {.description = "RDS instance class."}),
      app.param<int>("db_storage_gb",
                     {.description = "Allocated database storage in GiB.", .min = 20, .max = 1000}),
      app.param<int>("log_retention_days", {.description = "Days CloudWatch keeps logs.",
                                            .allowed = {1, 3, 7, 14, 30, 90, 365}}),
      app.param<double>(
          "cpu_alarm_threshold",
          {.description = "CPU percentage that raises an alarm.", .min = 1, .max = 100}),
  };
}

/// The `tags` map every resource carries.
Value tags(const Params& p, std::string_view kind, std::size_t unit, std::string_view tier) {
  return Value::map({
      {"Name", str(p.env_name.ref(), "-", std::string(kind), "-", static_cast<std::int64_t>(unit))},
      {"Environment", p.env_name.ref()},
      {"Service", fmt::format("svc-{:05}", unit)},
      {"Tier", std::string(tier)},
      {"ManagedBy", "keelson"},
  });
}

std::string id(std::string_view stem, std::size_t unit) { return fmt::format("{}_{}", stem, unit); }

struct Stacks {
  Stack& network;
  Stack& database;
  Stack& compute;
  Stack& storage;
  Stack& monitoring;
};

/// Declares one unit: exactly kResourcesPerUnit resources over the five stacks.
void declare_unit(const Stacks& s, const Params& p, std::size_t u) {
  const auto unit = static_cast<std::int64_t>(u);

  // network: 16 resources.
  auto& vpc = s.network.resource("aws_vpc", id("vpc", u))
                  .set("cidr_block", fn::cidrsubnet(p.vpc_base_cidr.ref(), 8, unit % 256))
                  .set("enable_dns_support", true)
                  .set("enable_dns_hostnames", true)
                  .set("instance_tenancy", "default")
                  .set("tags", tags(p, "vpc", u, "network"));
  std::vector<Resource*> private_subnets;
  for (std::int64_t k = 0; k < 6; ++k) {
    auto& subnet =
        s.network.resource("aws_subnet", id("subnet", u * 6 + static_cast<std::size_t>(k)))
            .set("vpc_id", vpc.id())
            .set("cidr_block", fn::cidrsubnet(vpc.attr("cidr_block"), 8, k))
            .set("availability_zone", fn::element(p.availability_zones.ref(), k))
            .set("map_public_ip_on_launch", false)
            .set("tags", tags(p, "private-subnet", u, "private"));
    private_subnets.push_back(&subnet);
  }
  auto& public_subnet =
      s.network.resource("aws_subnet", id("public", u))
          .count(2)
          .set("vpc_id", vpc.id())
          .set("cidr_block",
               fn::cidrsubnet(vpc.attr("cidr_block"), 8, keelson::add(100, count_index())))
          .set("availability_zone", fn::element(p.availability_zones.ref(), count_index()))
          .set("map_public_ip_on_launch", true)
          .set("tags",
               Value::map({{"Name", str(p.env_name.ref(), "-public-", unit, "-", count_index())},
                           {"Tier", "public"},
                           {"kubernetes.io/role/elb", "1"}}));
  auto& igw = s.network.resource("aws_internet_gateway", id("igw", u))
                  .set("vpc_id", vpc.id())
                  .set("tags", tags(p, "igw", u, "network"));
  auto& eip = s.network.resource("aws_eip", id("nat_ip", u))
                  .set("domain", "vpc")
                  .set("tags", tags(p, "nat-ip", u, "network"))
                  .depends_on(igw);
  auto& nat = s.network.resource("aws_nat_gateway", id("nat", u))
                  .set("allocation_id", eip.id())
                  .set("subnet_id", public_subnet.at(0).attr("id"))
                  .set("connectivity_type", "public")
                  .set("tags", tags(p, "nat", u, "network"));
  auto& routes = s.network.resource("aws_route_table", id("private_routes", u))
                     .set("vpc_id", vpc.id())
                     .set("tags", tags(p, "private-routes", u, "private"));
  s.network.resource("aws_route", id("default_route", u))
      .set("route_table_id", routes.id())
      .set("destination_cidr_block", "0.0.0.0/0")
      .set("nat_gateway_id", nat.id());
  s.network.resource("aws_route_table_association", id("public_routes", u))
      .count(2)
      .set("subnet_id", public_subnet.at(count_index()).attr("id"))
      .set("route_table_id", routes.id());
  auto& baseline_sg = s.network.resource("aws_security_group", id("baseline_sg", u))
                          .set("name", str(p.env_name.ref(), "-baseline-", unit))
                          .set("description", "Traffic allowed between every host of the VPC")
                          .set("vpc_id", vpc.id())
                          .set("revoke_rules_on_delete", true)
                          .set("tags", tags(p, "baseline-sg", u, "network"));
  s.network.resource("aws_vpc_security_group_ingress_rule", id("baseline_self", u))
      .set("security_group_id", baseline_sg.id())
      .set("referenced_security_group_id", baseline_sg.id())
      .set("ip_protocol", "-1")
      .set("description", "All traffic from members of the group")
      .set("tags", tags(p, "baseline-self", u, "network"));

  // database: 6 resources; reads the network's VPC, subnets and baseline group.
  auto& db_sg = s.database.resource("aws_security_group", id("db_sg", u))
                    .set("name", str(p.env_name.ref(), "-db-", unit))
                    .set("description", "PostgreSQL access")
                    .set("vpc_id", vpc.id())
                    .set("tags", tags(p, "db-sg", u, "data"));
  s.database.resource("aws_vpc_security_group_ingress_rule", id("db_from_vpc", u))
      .set("security_group_id", db_sg.id())
      .set("referenced_security_group_id", baseline_sg.id())
      .set("ip_protocol", "tcp")
      .set("from_port", 5432)
      .set("to_port", 5432)
      .set("description", "PostgreSQL from hosts of the VPC")
      .set("tags", tags(p, "db-from-vpc", u, "data"));
  auto& db_subnets =
      s.database.resource("aws_db_subnet_group", id("db_subnets", u))
          .set("name", str(p.env_name.ref(), "-db-", unit))
          .set("description", "Private subnets of the database")
          .set("subnet_ids", Value::list({private_subnets[0]->id(), private_subnets[1]->id(),
                                          private_subnets[2]->id()}))
          .set("tags", tags(p, "db-subnets", u, "data"));
  auto& db_params =
      s.database.resource("aws_db_parameter_group", id("db_params", u))
          .set("name", str(p.env_name.ref(), "-pg16-", unit))
          .set("family", "postgres16")
          .set("description", "PostgreSQL 16 settings")
          .block("parameter", {{"name", "log_min_duration_statement"}, {"value", "500"}})
          .block("parameter", {{"name", "rds.force_ssl"}, {"value", "1"}})
          .set("tags", tags(p, "db-params", u, "data"));
  auto& db = s.database.resource("aws_db_instance", id("db", u))
                 .set("identifier", str(p.env_name.ref(), "-db-", unit))
                 .set("engine", "postgres")
                 .set("engine_version", "16.4")
                 .set("instance_class", p.db_instance_class.ref())
                 .set("allocated_storage", p.db_storage_gb.ref())
                 .set("storage_encrypted", true)
                 .set("db_subnet_group_name", db_subnets.attr("name"))
                 .set("parameter_group_name", db_params.attr("name"))
                 .set("vpc_security_group_ids", Value::list({db_sg.id()}))
                 .set("username", "app")
                 .set("manage_master_user_password", true)
                 .set("backup_retention_period", 7)
                 .set("skip_final_snapshot", false)
                 .set("final_snapshot_identifier", str(p.env_name.ref(), "-db-", unit, "-final"))
                 .set("tags", tags(p, "db", u, "data"));
  s.database.resource("aws_db_instance", id("db_replica", u))
      .set("identifier", str(p.env_name.ref(), "-db-", unit, "-replica"))
      .set("replicate_source_db", db.attr("identifier"))
      .set("instance_class", p.db_instance_class.ref())
      .set("vpc_security_group_ids", Value::list({db_sg.id()}))
      .set("skip_final_snapshot", true)
      .set("tags", tags(p, "db-replica", u, "data"));

  // compute: 9 resources; reads the network and the database.
  auto& app_sg = s.compute.resource("aws_security_group", id("app_sg", u))
                     .set("name", str(p.env_name.ref(), "-app-", unit))
                     .set("description", "Web and worker instances")
                     .set("vpc_id", vpc.id())
                     .set("tags", tags(p, "app-sg", u, "app"));
  s.compute.resource("aws_vpc_security_group_ingress_rule", id("app_https", u))
      .set("security_group_id", app_sg.id())
      .set("cidr_ipv4", vpc.attr("cidr_block"))
      .set("ip_protocol", "tcp")
      .set("from_port", 443)
      .set("to_port", 443)
      .set("description", "HTTPS from inside the VPC")
      .set("tags", tags(p, "app-https", u, "app"));
  s.compute.resource("aws_vpc_security_group_ingress_rule", id("app_from_baseline", u))
      .set("security_group_id", app_sg.id())
      .set("referenced_security_group_id", baseline_sg.id())
      .set("ip_protocol", "tcp")
      .set("from_port", 8080)
      .set("to_port", 8080)
      .set("description", "Application port from hosts of the VPC")
      .set("tags", tags(p, "app-from-baseline", u, "app"));
  auto& role =
      s.compute.resource("aws_iam_role", id("app_role", u))
          .set("name_prefix", str(p.env_name.ref(), "-app-", unit, "-"))
          .set("assume_role_policy",
               fn::jsonencode(Value::map(
                   {{"Version", "2012-10-17"},
                    {"Statement",
                     Value::list({Value::map(
                         {{"Effect", "Allow"},
                          {"Action", "sts:AssumeRole"},
                          {"Principal", Value::map({{"Service", "ec2.amazonaws.com"}})}})})}})))
          .set("max_session_duration", 3600)
          .set("tags", tags(p, "app-role", u, "app"));
  s.compute.resource("aws_iam_role_policy_attachment", id("app_ssm", u))
      .set("role", role.attr("name"))
      .set("policy_arn", "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
  auto& profile = s.compute.resource("aws_iam_instance_profile", id("app_profile", u))
                      .set("name_prefix", str(p.env_name.ref(), "-app-", unit, "-"))
                      .set("role", role.attr("name"))
                      .set("tags", tags(p, "app-profile", u, "app"));
  auto& launch =
      s.compute.resource("aws_launch_template", id("app_template", u))
          .set("name_prefix", str(p.env_name.ref(), "-app-", unit, "-"))
          .set("image_id", p.ami_id.ref())
          .set("instance_type", p.instance_type.ref())
          .set("vpc_security_group_ids", Value::list({app_sg.id(), baseline_sg.id()}))
          .set("user_data", fn::call("base64encode", {str("DB_HOST=", db.attr("address"),
                                                          "\nDB_PORT=", db.attr("port"), "\n")}))
          .set("update_default_version", true)
          .block("iam_instance_profile", {{"arn", profile.arn()}})
          .block("metadata_options", {{"http_tokens", "required"}, {"http_endpoint", "enabled"}})
          .block("monitoring", {{"enabled", true}})
          .block("tag_specifications",
                 {{"resource_type", "instance"}, {"tags", tags(p, "app", u, "app")}})
          .set("tags", tags(p, "app-template", u, "app"));
  auto& web =
      s.compute.resource("aws_instance", id("web", u))
          .count(2)
          .set("subnet_id",
               fn::element(Value::list({private_subnets[0]->id(), private_subnets[1]->id(),
                                        private_subnets[2]->id()}),
                           count_index()))
          .set("instance_type", p.instance_type.ref())
          .block("launch_template", {{"id", launch.id()}, {"version", "$Latest"}})
          .block("root_block_device",
                 {{"volume_size", 30}, {"volume_type", "gp3"}, {"encrypted", true}})
          .set("tags",
               Value::map({{"Name", str(p.env_name.ref(), "-web-", unit, "-", count_index())},
                           {"Role", "web"},
                           {"Service", fmt::format("svc-{:05}", u)}}));
  auto& worker = s.compute.resource("aws_instance", id("worker", u))
                     .set("subnet_id", private_subnets[3]->id())
                     .set("instance_type", p.instance_type.ref())
                     .set("ebs_optimized", true)
                     .block("launch_template", {{"id", launch.id()}, {"version", "$Latest"}})
                     .block("root_block_device",
                            {{"volume_size", 50}, {"volume_type", "gp3"}, {"encrypted", true}})
                     .set("tags", tags(p, "worker", u, "app"));

  // storage: 10 resources; the gateway endpoint reads the network.
  std::vector<Resource*> buckets;
  for (const std::string_view kind : {"logs", "assets"}) {
    const std::string stem{kind};
    auto& bucket = s.storage.resource("aws_s3_bucket", id(stem, u))
                       .set("bucket", str(p.env_name.ref(), "-", stem, "-", unit))
                       .set("force_destroy", false)
                       .set("object_lock_enabled", false)
                       .set("tags", tags(p, stem, u, "storage"))
                       // The architecture compared with CDK for Terraform has
                       // no bucket policies; adding them would change its size.
                       .suppress("KSL-S3-003", "Same architecture as the CDK for Terraform app");
    buckets.push_back(&bucket);
    s.storage.resource("aws_s3_bucket_versioning", id(stem + "_versioning", u))
        .set("bucket", bucket.id())
        .block("versioning_configuration", {{"status", "Enabled"}});
    s.storage
        .resource("aws_s3_bucket_server_side_encryption_configuration", id(stem + "_encryption", u))
        .set("bucket", bucket.id())
        .block("rule", {{"apply_server_side_encryption_by_default",
                         Value::map({{"sse_algorithm", "aws:kms"}})},
                        {"bucket_key_enabled", true}});
    s.storage.resource("aws_s3_bucket_public_access_block", id(stem + "_public_access", u))
        .set("bucket", bucket.id())
        .set("block_public_acls", true)
        .set("block_public_policy", true)
        .set("ignore_public_acls", true)
        .set("restrict_public_buckets", true);
  }
  s.storage.resource("aws_s3_bucket_lifecycle_configuration", id("logs_lifecycle", u))
      .set("bucket", buckets[0]->id())
      .block("rule", {{"id", "expire-old-logs"},
                      {"status", "Enabled"},
                      {"filter", Value::list({Value::map({{"prefix", "logs/"}})})},
                      {"expiration", Value::list({Value::map({{"days", 365}})})}});
  s.storage.resource("aws_vpc_endpoint", id("s3_endpoint", u))
      .set("vpc_id", vpc.id())
      .set("service_name", "com.amazonaws.us-east-1.s3")
      .set("vpc_endpoint_type", "Gateway")
      .set("route_table_ids", Value::list({routes.id()}))
      .set("tags", tags(p, "s3-endpoint", u, "storage"));

  // monitoring: 9 resources; reads compute, database, storage and network.
  auto& topic = s.monitoring.resource("aws_sns_topic", id("alerts", u))
                    .set("name", str(p.env_name.ref(), "-alerts-", unit))
                    .set("kms_master_key_id", "alias/aws/sns")
                    .set("tags", tags(p, "alerts", u, "monitoring"));
  const Value actions = Value::list({topic.arn()});
  for (const std::string_view kind : {"app", "db"}) {
    s.monitoring.resource("aws_cloudwatch_log_group", id(std::string(kind) + "_logs", u))
        .set("name", str("/", p.env_name.ref(), "/", std::string(kind), "/", unit))
        .set("retention_in_days", p.log_retention_days.ref())
        .set("log_group_class", "STANDARD")
        .set("tags", tags(p, std::string(kind) + "-logs", u, "monitoring"));
  }
  auto alarm = [&](std::string stem, std::string ns, std::string metric,
                   Value dimensions) -> Resource& {
    return s.monitoring.resource("aws_cloudwatch_metric_alarm", id(stem, u))
        .set("alarm_name", str(p.env_name.ref(), "-", stem, "-", unit))
        .set("namespace", std::move(ns))
        .set("metric_name", std::move(metric))
        .set("statistic", "Average")
        .set("period", 300)
        .set("evaluation_periods", 3)
        .set("comparison_operator", "GreaterThanOrEqualToThreshold")
        .set("threshold", p.cpu_alarm_threshold.ref())
        .set("dimensions", std::move(dimensions))
        .set("alarm_actions", actions)
        .set("ok_actions", actions)
        .set("tags", tags(p, stem, u, "monitoring"));
  };
  alarm("web_cpu", "AWS/EC2", "CPUUtilization",
        Value::map({{"InstanceId", web.at(count_index()).attr("id")}}))
      .count(2);
  alarm("worker_status", "AWS/EC2", "StatusCheckFailed", Value::map({{"InstanceId", worker.id()}}))
      .set("threshold", 1)
      .set("statistic", "Maximum");
  alarm("db_cpu", "AWS/RDS", "CPUUtilization",
        Value::map({{"DBInstanceIdentifier", db.attr("identifier")}}));
  alarm("db_storage", "AWS/RDS", "FreeStorageSpace",
        Value::map({{"DBInstanceIdentifier", db.attr("identifier")}}))
      .set("comparison_operator", "LessThanThreshold")
      .set("threshold", 5368709120);
  alarm("logs_size", "AWS/S3", "BucketSizeBytes",
        Value::map({{"BucketName", buckets[0]->id()}, {"StorageType", "StandardStorage"}}))
      .set("period", 86400)
      .set("threshold", 1099511627776);
  alarm("nat_errors", "AWS/NATGateway", "ErrorPortAllocation",
        Value::map({{"NatGatewayId", nat.id()}}))
      .set("statistic", "Sum")
      .set("threshold", 1);
}

/// Builds the whole app: `resources` resources in five stacks.
void declare_app(App& app, std::size_t resources) {
  const Params p = declare_params(app);
  const Stacks s{app.stack("network"), app.stack("database"), app.stack("compute"),
                 app.stack("storage"), app.stack("monitoring")};
  const std::size_t units = resources / kResourcesPerUnit;
  for (std::size_t u = 0; u < units; ++u) declare_unit(s, p, u);
  for (std::size_t i = 0; i < resources % kResourcesPerUnit; ++i) {
    s.monitoring.resource("aws_cloudwatch_log_group", id("extra_logs", i))
        .set("name", str("/", p.env_name.ref(), "/extra/", static_cast<std::int64_t>(i)))
        .set("retention_in_days", p.log_retention_days.ref())
        .set("tags", tags(p, "extra-logs", i, "monitoring"));
  }
}

/// One row of the table, sent from the child to the parent through a pipe.
struct Row {
  std::uint64_t resources = 0;  // declared resource blocks
  std::uint64_t instances = 0;  // instances once `count` is expanded
  double build_ms = 0;
  double synthesize_ms = 0;
  double write_ms = 0;
  double synth_cpu_ms = 0;  // CPU time (user + system) of synthesize + write_output
  std::uint64_t peak_rss_kib = 0;
  std::uint64_t bytes = 0;
  std::uint64_t files = 0;
};

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

/// CPU time this process has used so far, in milliseconds.
double cpu_ms() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

/// The measured run of one N, in the child process.
Row measure(std::size_t resources, const fs::path& work) {
  using Clock = std::chrono::steady_clock;
  Row row;
  const fs::path out = work / fmt::format("out-{}", resources);

  auto start = Clock::now();
  App app{"bench", {.root = work, .tags = {{"Project", "keelson-bench"}}}};
  declare_app(app, resources);
  row.build_ms = ms_since(start);

  const double cpu_start = cpu_ms();
  start = Clock::now();
  const keelson::Synthesis synthesis = keelson::synthesize(app, work / "environments", {});
  row.synthesize_ms = ms_since(start);
  start = Clock::now();
  keelson::write_output(synthesis, out);
  row.write_ms = ms_since(start);
  row.synth_cpu_ms = cpu_ms() - cpu_start;

  for (const Stack* stack : app.stacks()) {
    for (const Resource* resource : stack->resources()) {
      if (resource->mode() != Resource::Mode::kManaged) continue;
      ++row.resources;
      const auto& count = resource->count_value();
      row.instances += count && count->kind() == Value::Kind::kInt
                           ? static_cast<std::uint64_t>(count->as_int())
                           : 1;
    }
  }
  for (const auto& entry : fs::recursive_directory_iterator(out)) {
    if (!entry.is_regular_file()) continue;
    ++row.files;
    row.bytes += entry.file_size();
  }

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  row.peak_rss_kib = static_cast<std::uint64_t>(usage.ru_maxrss);  // KiB on Linux
  return row;
}

bool write_all(int fd, const void* data, std::size_t size) {
  const auto* bytes = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = write(fd, bytes, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

bool read_all(int fd, void* data, std::size_t size) {
  auto* bytes = static_cast<char*>(data);
  while (size > 0) {
    const ssize_t n = read(fd, bytes, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

/// Runs `measure(resources)` in a child process; false if it failed.
bool run_child(std::size_t resources, const fs::path& work, Row& row) {
  int fds[2];
  if (pipe(fds) != 0) {
    fmt::print(stderr, "pipe: {}\n", std::strerror(errno));
    return false;
  }
  std::fflush(stdout);
  std::fflush(stderr);
  const pid_t pid = fork();
  if (pid < 0) {
    fmt::print(stderr, "fork: {}\n", std::strerror(errno));
    close(fds[0]);
    close(fds[1]);
    return false;
  }
  if (pid == 0) {
    close(fds[0]);
    int status = 0;
    try {
      const Row measured = measure(resources, work);
      if (!write_all(fds[1], &measured, sizeof measured)) status = 1;
    } catch (const std::exception& e) {
      fmt::print(stderr, "N = {}: {}\n", resources, e.what());
      status = 1;
    }
    close(fds[1]);
    std::fflush(stderr);
    // _exit, not exit: stdio buffers and exit handlers belong to the parent.
    _exit(status);
  }
  close(fds[1]);
  const bool received = read_all(fds[0], &row, sizeof row);
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  std::error_code ignored;
  fs::remove_all(work / fmt::format("out-{}", resources), ignored);
  if (WIFSIGNALED(status))
    fmt::print(stderr, "N = {}: killed by signal {}\n", resources, WTERMSIG(status));
  return received && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/// `1234567` as `1,234,567`.
std::string grouped(std::uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string duration(double ms) {
  return ms < 1000 ? fmt::format("{:.1f} ms", ms) : fmt::format("{:.2f} s", ms / 1000);
}

std::string bytes_text(std::uint64_t bytes) {
  if (bytes < 1024 * 1024) return fmt::format("{:.1f} KiB", static_cast<double>(bytes) / 1024);
  return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

void print_table(const std::vector<Row>& rows) {
  fmt::print(
      "| Resources | Instances | Build tree | Synth (wall) | Synth CPU | CPU per resource "
      "| Peak RSS | Written | Files |\n");
  fmt::print(
      "|----------:|----------:|-----------:|-------------:|----------:|-----------------:"
      "|---------:|--------:|------:|\n");
  for (const Row& r : rows) {
    const double synth_ms = r.synthesize_ms + r.write_ms;
    const double per_resource =
        r.resources == 0 ? 0.0 : r.synth_cpu_ms * 1000 / static_cast<double>(r.resources);
    fmt::print(
        "| {} | {} | {} | {} ({} + {} write) | {} | {:.1f} µs | {:.1f} MiB | {} ({} bytes) "
        "| {} |\n",
        grouped(r.resources), grouped(r.instances), duration(r.build_ms), duration(synth_ms),
        duration(r.synthesize_ms), duration(r.write_ms), duration(r.synth_cpu_ms), per_resource,
        static_cast<double>(r.peak_rss_kib) / 1024, bytes_text(r.bytes), grouped(r.bytes), r.files);
  }
  fmt::print(
      "\nSynth is `synthesize` + `write_output` for one environment: wall clock, and the "
      "CPU time of the process.\nBuilding the construct tree is timed apart. Instances "
      "count `count` expanded. Peak RSS covers\nthe whole run of one N (tree, synthesis "
      "and output), each N in its own process.\n");
  fmt::print("Rerun with `make bench`, or `build/bench/keelson_bench 10000` for chosen sizes.\n");
}

bool parse_size(std::string_view text, std::size_t& out) {
  std::string digits;
  for (const char c : text) {
    if (c != ',' && c != '_' && c != '\'') digits += c;
  }
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
  return ec == std::errc() && end == digits.data() + digits.size() && out > 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::size_t> sizes;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    std::size_t n = 0;
    if (arg == "-h" || arg == "--help" || !parse_size(arg, n)) {
      fmt::print(
          arg == "-h" || arg == "--help" ? stdout : stderr,
          "usage: keelson_bench [N...]\n"
          "  measures synthesis of an app of N resources (default: 100 1000 10000 100000)\n");
      return arg == "-h" || arg == "--help" ? 0 : 2;
    }
    sizes.push_back(n);
  }
  if (sizes.empty()) sizes.assign(std::begin(kDefaultSizes), std::end(kDefaultSizes));

  const fs::path work = fs::temp_directory_path() / fmt::format("keelson-bench-{}", getpid());
  std::error_code ec;
  fs::create_directories(work / "environments", ec);
  if (ec) {
    fmt::print(stderr, "cannot create {}: {}\n", work.string(), ec.message());
    return 2;
  }
  {
    std::ofstream env(work / "environments" / "bench.yaml", std::ios::binary);
    env << kEnvironmentFile;
    if (!env) {
      fmt::print(stderr, "cannot write the environment file in {}\n", work.string());
      fs::remove_all(work, ec);
      return 2;
    }
  }

  std::vector<Row> rows;
  bool ok = true;
  for (const std::size_t n : sizes) {
    fmt::print(stderr, "synthesizing {} resources...\n", grouped(n));
    Row row;
    if (!run_child(n, work, row)) {
      fmt::print(stderr, "N = {}: the run failed\n", grouped(n));
      ok = false;
      continue;
    }
    if (row.resources != n) {
      fmt::print(stderr, "N = {}: the app has {} resources\n", grouped(n), grouped(row.resources));
      ok = false;
    }
    rows.push_back(row);
  }
  fs::remove_all(work, ec);

  if (!rows.empty()) print_table(rows);
  return ok ? 0 : 1;
}
