// Golden output of the Terraform generators: an app that uses every feature
// of the model is synthesized and compared, byte for byte, with the files in
// tests/golden/<case>/. `make golden` rewrites them (UPDATE_GOLDEN=1), then
// review the diff. ctest removes UPDATE_GOLDEN, so `make test` only compares.
#include <doctest/doctest.h>

#include <cstdlib>

#include "charts/chart.h"
#include "dsl/app.h"
#include "generators/compliance_report.h"
#include "synth/output_writer.h"
#include "synth/schema_check.h"
#include "synth/synthesizer.h"
#include "test_support.h"

using namespace keelson;
using namespace keelson::testing;

namespace {

const std::filesystem::path kData = KEELSON_TEST_DATA;
const std::filesystem::path kGolden = KEELSON_GOLDEN_DIR;

// Every model feature in one app: parameters of each type and constraint,
// count and for_each, data sources, a module call, cross-stack references of
// each shape, an aliased AWS provider, another provider, a provider configured
// from a stack's resource and the environment's name, environment_name() in a
// module, lifecycle, overrides, dynamic blocks, suppressions, and literal `${`
// that must survive escaping.
void declare_features(App& app) {
  auto zones =
      app.param<int>("az_count", {.description = "Availability zones.", .min = 1, .max = 3});
  auto tier =
      app.param<std::string>("tier", {.description = "Size class.", .allowed = {"small", "large"}});
  auto replica = app.param<bool>("enable_replica", {.description = "Replicate the bucket."});
  auto zone_names = app.param<std::vector<std::string>>("zones", {.description = "Zone names."});
  auto admin_cidrs = app.param<std::map<std::string, std::string>>(
      "admin_cidrs", {.description = "Admin ranges by name."});
  const Parameter& database = app.param("database",
                                        ParamType::object({{"engine_version", ParamType::string()},
                                                           {"storage_gb", ParamType::number()}}),
                                        {.description = "Database settings."});
  auto replica_region = app.param<std::string>(
      "replica_region", {.description = "Replica region.", .pattern = "[a-z]{2}-[a-z]+-[0-9]"});
  auto email =
      app.param<std::string>("alarm_email", {.description = "Where alarms go.", .sensitive = true});

  const Provider& replica_aws =
      app.provider("aws", {.alias = "replica", .config = {{"region", replica_region}}});
  app.provider("random", {.source = "hashicorp/random", .version = "~> 3.6"});

  auto& network = app.stack("network");
  auto& vpc = network.resource("aws_vpc", "this")
                  .set("cidr_block", "10.0.0.0/16")
                  .set("enable_dns_hostnames", true)
                  .suppress("CKV2_AWS_11", "Flow logs are the network stack's")
                  .suppress("KSL-VPC-001", "Not written: keelson's own rule")
                  .suppress("CKV2_AWS_12", "The default group is closed elsewhere");
  auto& subnets = network.resource("aws_subnet", "private")
                      .count(zones)
                      .set("vpc_id", vpc.id())
                      .set("cidr_block", fn::cidrsubnet(vpc.attr("cidr_block"), 8, count_index()))
                      .set("availability_zone", fn::element(zone_names, count_index()));
  auto& admin = network.resource("aws_security_group", "admin")
                    .suppress("CKV2_AWS_5", "Attached by ${another} stack")
                    .set("vpc_id", vpc.id())
                    .set("description", "Admin access from ${known} ranges")
                    .lifecycle({.create_before_destroy = true});
  network.resource("aws_vpc_security_group_ingress_rule", "admin_ingress")
      .for_each(admin_cidrs)
      .set("security_group_id", admin.id())
      .set("cidr_ipv4", each_value())
      .set("description", str("admin from ", each_key()))
      .set("ip_protocol", "tcp")
      .set("from_port", 22)
      .set("to_port", 22);
  network.output("vpc_id", vpc.id(), {.description = "The VPC."});

  auto& security = app.stack("security");
  auto& key = security.resource("aws_kms_key", "data")
                  .set("description", "Data at rest")
                  .set("enable_key_rotation", true)
                  .lifecycle({.prevent_destroy = true});
  security.resource("aws_iam_policy", "self_service")
      .set("policy", fn::jsonencode(Value::map({
                         {"Version", "2012-10-17"},
                         {"Statement", Value::list({Value::map({
                                           {"Effect", "Allow"},
                                           {"Action", Value::list({"iam:ChangePassword"})},
                                           {"Resource", "arn:aws:iam::*:user/${aws:username}"},
                                       })})},
                     })));
  security.output("key_arn", key.arn(), {.description = "The data key.", .sensitive = true});

  auto& storage = app.stack("storage");
  auto& suffix = storage.resource("random_id", "suffix").set("byte_length", 4);
  auto& bucket = storage.resource("aws_s3_bucket", "data")
                     .set("bucket", str("features-data-", suffix.attr("hex")))
                     .add_override("lifecycle.prevent_destroy", true)
                     .suppress("KSL-S3-003", "The fixture shows the generators, not a bucket policy");
  storage.resource("aws_s3_bucket_server_side_encryption_configuration", "data_encryption")
      .set("bucket", bucket.id())
      .block("rule",
             {{"apply_server_side_encryption_by_default",
               Value::map({{"sse_algorithm", "aws:kms"}, {"kms_master_key_id", key.arn()}})}});
  storage.resource("aws_s3_bucket", "replica")
      .provider(replica_aws)
      .count(when(replica, 1, 0))
      .set("bucket", str("features-replica-", suffix.attr("hex")))
      .suppress("KSL-S3-002", "The fixture shows the generators, not a bucket")
      .suppress("KSL-S3-003", "The fixture shows the generators, not a bucket");
  storage.resource("aws_vpc_endpoint", "s3")
      .set("vpc_id", vpc.id())
      .set("service_name", "com.amazonaws.eu-west-1.s3")
      .set("route_table_ids", Value::list({}))
      .depends_on(admin);

  auto& compute = app.stack("compute");
  auto& ami =
      compute.data("aws_ami", "linux")
          .set("most_recent", true)
          .set("owners", Value::list({"amazon"}))
          .block("filter", {{"name", "name"}, {"values", Value::list({"al2023-ami-*-x86_64"})}});
  auto& web = compute.resource("aws_instance", "web");
  web.count(zones)
      .set("ami", ami.id())
      .set("instance_type", fn::lookup(Value::map({{"small", "t3.micro"}, {"large", "m6i.large"}}),
                                       tier, "t3.micro"))
      .set("subnet_id", subnets.at(count_index()).attr("id"))
      .set("vpc_security_group_ids", Value::list({admin.id()}))
      .block("metadata_options", {{"http_tokens", "required"}})
      .dynamic_block(
          "ebs_block_device", Value::list({"/dev/sdf"}),
          {{"device_name", raw("disk.value")}, {"encrypted", true}, {"kms_key_id", key.arn()}},
          "disk")
      .set("tags", Value::map({{"Name", fn::format("web-%d", {count_index()})},
                               {"Engine", raw("var.database.engine_version")},
                               {"Stage", environment_name()}}));
  compute.module("alarms", "terraform-aws-modules/cloudwatch/aws//modules/metric-alarm", "5.6.0")
      .set("alarm_name", "web-cpu")
      .set("dimensions", Value::map({{"AutoScalingGroupName", "web"}}))
      .set("alarm_actions", Value::list({email}))
      .set("storage_gb", database.ref())
      .set("subnet_ids", subnets.all("id"));

  // Read by every root from compute's module outputs.
  app.provider("helm",
               {.source = "hashicorp/helm",
                .version = "~> 3.1",
                .config = {{"kubernetes",
                            Value::map({{"host", str("https://", web.at(0).attr("private_ip"))},
                                        {"config_context", environment_name()}})}}});
}

// Every workload prop and chart field, in a workload chart and an umbrella
// with a subchart per workload and a remote dependency.
void declare_charts(App& app) {
  app.stack("s")
      .resource("aws_s3_bucket", "assets")
      .set("bucket", "charts-assets")
      .suppress("KSL-S3-002", "The fixture shows the chart generators, not a bucket")
      .suppress("KSL-S3-003", "The fixture shows the chart generators, not a bucket");
  auto& web = app.add<Chart>(
      "web", ChartProps{.version = "2.1.0",
                        .app_version = "4.0.1",
                        .description = "A web front end: every workload prop in one chart.",
                        .keywords = {"web"},
                        .home = "https://example.com/web",
                        .sources = {"https://example.com/web.git"},
                        .maintainers = {{.name = "Web team", .email = "web@example.com",
                                         .url = "https://example.com/team"}}});
  web.workload({
      .image = {.repository = "registry.example.com:5000/web/front", .tag = "4.0.1"},
      .replicas = 2,
      .ports = {{.name = "http", .container_port = 8080, .service_port = 80},
                {.name = "metrics", .container_port = 9090}},
      .command = {"/app/web"},
      .args = {"--listen", ":8080", "yes", "1.20", ""},
      .env = {{"LOG_LEVEL", "info"},
              {"BUCKET", "charts-assets"},
              {"FEATURES", ConfigMapKeyRef{.name = "web-features", .key = "list"}},
              {"SESSION_SECRET", SecretKeyRef{.name = "web-session", .key = "secret"}}},
      .config = {{"MODE", "on"}, {"TIMEOUT", "0755"}},
      .resources = {.cpu_request = "250m", .memory_request = "256Mi", .cpu_limit = "1",
                    .memory_limit = "512Mi"},
      .liveness = Probe{.http_path = "/healthz", .initial_delay_seconds = 5},
      .readiness = Probe{.tcp = true, .port = "http"},
      .startup = Probe{.command = {"/bin/check", "--ready"}, .failure_threshold = 30},
      .disruption_budget = DisruptionBudget{.min_available = 1},
      .ingress = Ingress{.class_name = "alb",
                         .hosts = {{.host = "web.example.com", .paths = {"/", "/api"},
                                    .tls_secret = "web-tls"},
                                   {.host = "*.web.example.com",
                                    .path_type = IngressHost::PathType::kImplementationSpecific}},
                         .annotations = {{"alb.ingress.kubernetes.io/scheme", "internet-facing"}}},
      .service_account = {.role_arn = "arn:aws:iam::111122223333:role/web",
                          .annotations = {{"example.com/owner", "web"}}},
      .network_policy = NetworkPolicy{
          .allow_from = {{.cidr = "10.0.0.0/16"},
                         {.pod_labels = {{"app.kubernetes.io/name", "prometheus"}},
                          .namespace_labels = {{"kubernetes.io/metadata.name", "monitoring"}}}},
          .ports = {"http"}},
      .node_selector = {{"kubernetes.io/arch", "arm64"}},
      .tolerations = {{.key = "spot", .value = "true"},
                      {.key = "dedicated", .effect = Toleration::Effect::kNoExecute}},
      .topology_spread = {{}, {.topology_key = "kubernetes.io/hostname", .hard = true}},
      .security = {.run_as_user = 65532},
      .target_group_arn =
          "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/0123456789abcdef",
      .target_group_port = "http",
      .external_secrets = {{"web-session",
                            {.data = {{"secret", {.key = "web/session"}},
                                      {"signing-key", {.key = "web/keys", .property = "signing"}}},
                             .refresh_interval = "15m"}}},
      .secrets_region = "eu-west-1",
  });
  auto& platform = app.add<Chart>(
      "platform",
      ChartProps{.version = "0.3.0",
                 .dependencies = {{.name = "redis",
                                   .version = ">=18.0.0 <19.0.0",
                                   .repository = "oci://registry-1.docker.io/bitnamicharts",
                                   .values = {{"auth", Value::map({{"existingSecret", "platform-redis"}})}},
                                   .enabled = false}}});
  platform.subchart("worker", {.version = "0.3.0"})
      .workload({.image = {.repository = "ghcr.io/example/worker",
                           .digest = "sha256:" + std::string(64, 'a')},
                 .replicas = 3,
                 .security = {.read_only_root_filesystem = false}});
  platform.subchart("scheduler", {.version = "0.3.0", .app_version = "0.3.0"})
      .workload({.image = {.repository = "ghcr.io/example/scheduler"}});
}

// The chart files a person reviews; templates/ is the repository's
// templates/ with the chart's name put in, checked by the chart tests.
FileSet chart_files(const FileSet& files) {
  FileSet out;
  for (const auto& [path, content] : files) {
    if (path.starts_with("helm-charts/") && path.find("/templates/") == std::string::npos) {
      out.emplace(path, content);
    }
  }
  return out;
}

void compare_with_golden(const std::string& name, const FileSet& files) {
  const std::filesystem::path dir = kGolden / name;
  if (std::getenv("UPDATE_GOLDEN") != nullptr) {
    std::filesystem::remove_all(dir);
    for (const auto& [path, content] : files) write_file(dir / path, content);
  }
  const auto expected = snapshot(dir);
  for (const auto& [path, content] : files) {
    INFO("file: ", path);
    const std::string missing = "not in the golden files: " + path;
    REQUIRE_MESSAGE(expected.count(path) == 1, missing);
    CHECK(content == expected.at(path));
  }
  for (const auto& [path, content] : expected) {
    const std::string stale = "golden file no longer generated: " + path;
    CHECK_MESSAGE(files.count(path) == 1, stale);
  }
}

}  // namespace

TEST_CASE("the Terraform generators match the reviewed golden output") {
  App app{"features", options_at(kData / "features")};
  declare_features(app);
  const Synthesis s = synthesize(app, kData / "features/environments", {});
  compare_with_golden("features", s.files);
}

TEST_CASE("the chart generators match the reviewed golden output") {
  App app{"charts", options_at(kData / "charts-golden")};
  declare_charts(app);
  const Synthesis s = synthesize(app, kData / "charts-golden/environments", {});
  CHECK(s.warnings.empty());
  compare_with_golden("charts", chart_files(s.files));
}

TEST_CASE("the compliance generators match the reviewed golden output") {
  // Controls in natural order (CC6.10 after CC6.9), each rule under every
  // control it names; satisfied, open and accepted resources; a rule that
  // found nothing to check.
  const ComplianceEvidence evidence{
      "prod",
      {{"KSL-RDS-001",
        "RDS storage is encrypted at rest",
        "error",
        {"SOC 2 CC6.1", "GDPR Art. 32"},
        {"module.database.aws_db_instance.postgres"},
        {{"module.reports.aws_db_instance.archive", "storage_encrypted is not true",
          "Holds only public reference data."}}},
       {"KSL-SCALE-002",
        "Production EKS node groups keep at least two nodes",
        "error",
        {"SOC 2 A1.2"},
        {},
        {{"module.compute.aws_eks_node_group.spot", "scaling_config min_size is 0", ""}}},
       {"KSL-K8S-001",
        "Workloads have liveness and readiness probes",
        "error",
        {"SOC 2 A1.2", "SOC 2 CC6.10", "SOC 2 CC6.9"},
        {},
        {}}}};
  FileSet files;
  emit_compliance_report(evidence, files);
  CHECK(files.size() == 2);
  compare_with_golden("compliance", files);
}

TEST_CASE("the golden output validates against the bundled provider schemas") {
  App app{"features", options_at(kData / "features")};
  declare_features(app);
  const Synthesis s = synthesize(app, kData / "features/environments", {});
  const auto findings = check_schemas(s, schema::ProviderSchemas::bundled());
  // Only the random provider has no bundled schema: warnings for its
  // configurations and its one resource, and no errors at all.
  std::vector<std::string> seen;
  for (const auto& f : findings) {
    CHECK(f.finding.severity == schema::Finding::Severity::kWarning);
    seen.push_back(f.finding.code + " " + f.finding.file + " " + f.finding.address);
  }
  CHECK(seen == std::vector<std::string>{
                    "V010 terraform/environments/dev/providers.tf.json provider.random",
                    "V010 terraform/environments/prod/providers.tf.json provider.random",
                    "V010 terraform/modules/storage/main.tf.json random_id",
                });
}

TEST_CASE("ctest runs the golden comparison with update mode off") {
  // tests/CMakeLists.txt unsets UPDATE_GOLDEN for every ctest run of this
  // binary and sets KEELSON_UNDER_CTEST; the ctest test
  // golden_update_mode_is_ignored_by_ctest exports UPDATE_GOLDEN=1 first.
  // Outside ctest (`make golden`) there is nothing to check.
  if (std::getenv("KEELSON_UNDER_CTEST") == nullptr) return;
  CHECK_MESSAGE(std::getenv("UPDATE_GOLDEN") == nullptr,
                "UPDATE_GOLDEN reached a test run by ctest: make test would rewrite tests/golden/");
}
