// Properties of the reference architecture that its users rely on, checked on
// the synthesized output for dev, staging and prod.
#include "detection_api.h"

#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "charts/values_merge.h"
#include "schema/provider_schema.h"
#include "synth/synthesizer.h"
#include "test_support.h"
#include "yaml_read_back.h"

using namespace keelson;
using nlohmann::json;

namespace {

const std::filesystem::path kExample = KEELSON_EXAMPLES_DIR "/detection-api";

// One synthesis of the example for all environments, shared by the tests.
const FileSet& files() {
  static const FileSet kFiles = [] {
    App app{"detection-api", testing::options_at(kExample)};
    detection_api::declare(app);
    return synthesize(app, kExample / "environments", {}).files;
  }();
  return kFiles;
}

json file(const std::string& path) { return json::parse(files().at("terraform/" + path)); }

json tfvars(const std::string& env) {
  return file("environments/" + env + "/terraform.tfvars.json");
}

}  // namespace

TEST_CASE(
    "prod runs a multi-AZ database with 30-day backups and a replica, dev a single-AZ one with 7") {
  CHECK(tfvars("prod").at("db_multi_az") == true);
  CHECK(tfvars("prod").at("db_backup_retention_days") == 30);
  CHECK(tfvars("prod").at("db_read_replica") == true);
  CHECK(tfvars("dev").at("db_multi_az") == false);
  CHECK(tfvars("dev").at("db_backup_retention_days") == 7);
  CHECK(tfvars("dev").at("db_read_replica") == false);
  const json postgres = file("modules/database/main.tf.json").at("resource").at("aws_db_instance");
  CHECK(postgres.at("postgres").at("multi_az") == "${var.db_multi_az}");
  CHECK(postgres.at("postgres").at("backup_retention_period") == "${var.db_backup_retention_days}");
  CHECK(postgres.at("postgres_replica").at("count") == "${var.db_read_replica ? 1 : 0}");
}

TEST_CASE(
    "the per-environment tables of the reference architecture are what the environments give") {
  CHECK(tfvars("dev").at("redis_encryption") == false);
  CHECK(tfvars("dev").at("alb_https") == false);
  CHECK(tfvars("dev").at("monitoring_detail") == false);
  CHECK(tfvars("dev").at("log_retention_days") == 7);
  CHECK(tfvars("staging").at("db_multi_az") == true);
  CHECK(tfvars("staging").at("redis_nodes") == 2);
  CHECK(tfvars("staging").at("log_retention_days") == 14);
  CHECK(tfvars("prod").at("redis_nodes") == 3);
  CHECK(tfvars("prod").at("deletion_protection") == true);
  CHECK(tfvars("prod").at("spot_enabled") == true);
  CHECK(tfvars("prod").at("node_max") == 20);
  CHECK(tfvars("prod").at("log_retention_days") == 30);
  const json database = file("modules/database/main.tf.json").at("resource");
  CHECK(database.at("aws_elasticache_replication_group")
            .at("redis")
            .at("transit_encryption_enabled") == "${var.redis_encryption}");
}

TEST_CASE("dev has one NAT gateway and prod one per zone, from the same module") {
  CHECK(tfvars("dev").at("single_nat_gateway") == true);
  CHECK(tfvars("prod").at("single_nat_gateway") == false);
  CHECK(tfvars("prod").at("az_count") == 3);
  CHECK(file("modules/network/main.tf.json")
            .at("resource")
            .at("aws_nat_gateway")
            .at("nat")
            .at("count") == "${var.single_nat_gateway ? 1 : var.az_count}");
}

// A root's module calls without the environment's name, which each root
// passes as a literal to the modules that use environment_name().
json module_calls(const std::string& env) {
  json calls = file("environments/" + env + "/main.tf.json");
  for (auto& [name, call] : calls.at("module").items()) {
    if (call.contains("environment")) {
      CHECK(call.at("environment") == env);
      call.erase("environment");
    }
  }
  return calls;
}

TEST_CASE("the environments differ by data, not by code") {
  for (const std::string name : {"variables.tf.json", "outputs.tf.json"}) {
    CHECK(file("environments/dev/" + name) == file("environments/prod/" + name));
    CHECK(file("environments/staging/" + name) == file("environments/prod/" + name));
  }
  CHECK(module_calls("dev") == module_calls("prod"));
  CHECK(module_calls("staging") == module_calls("prod"));
  CHECK(file("environments/dev/main.tf.json").at("module").at("apps").at("environment") == "dev");
  CHECK(tfvars("dev") != tfvars("prod"));
}

TEST_CASE("every resource that takes tags has a Name tag") {
  const auto& aws = schema::ProviderSchemas::bundled_aws();
  std::size_t checked = 0;
  for (const auto& [path, content] : files()) {
    if (path.find("/modules/") == std::string::npos ||
        path.find("main.tf.json") == std::string::npos)
      continue;
    const json doc = json::parse(content);
    if (!doc.contains("resource")) continue;
    for (const auto& [type, by_name] : doc.at("resource").items()) {
      if (type.rfind("aws_", 0) != 0) continue;  // helm_release has no tags
      const schema::Block* block = aws.resource(type);
      REQUIRE(block != nullptr);
      if (block->find_attribute("tags") == nullptr) continue;
      for (const auto& [name, body] : by_name.items()) {
        INFO(type, ".", name);
        CHECK(body.contains("tags"));
        CHECK(body.at("tags").contains("Name"));
        ++checked;
      }
    }
  }
  CHECK(checked > 50);
}

TEST_CASE("no bucket is without a public access block") {
  const json resources = file("modules/storage/main.tf.json").at("resource");
  std::set<std::string> blocked;
  for (const auto& [name, body] : resources.at("aws_s3_bucket_public_access_block").items()) {
    CHECK(body.at("block_public_acls") == true);
    CHECK(body.at("block_public_policy") == true);
    CHECK(body.at("ignore_public_acls") == true);
    CHECK(body.at("restrict_public_buckets") == true);
    blocked.insert(body.at("bucket").get<std::string>());
  }
  for (const auto& [name, body] : resources.at("aws_s3_bucket").items()) {
    INFO("bucket ", name);
    CHECK(blocked.count("${aws_s3_bucket." + name + ".id}") == 1);
  }
}

TEST_CASE("the database and cache admit their port only from the nodes") {
  const json rules =
      file("modules/network/main.tf.json").at("resource").at("aws_vpc_security_group_ingress_rule");
  const std::string nodes = "${aws_security_group.node_sg.id}";
  for (const auto& [tier, port] :
       {std::pair<std::string, int>{"database", 5432}, {"redis", 6379}}) {
    int found = 0;
    for (const auto& [name, rule] : rules.items()) {
      if (rule.at("security_group_id") != "${aws_security_group." + tier + "_sg.id}") continue;
      INFO(name);
      CHECK(rule.at("from_port") == port);
      CHECK(rule.at("to_port") == port);
      CHECK(rule.at("referenced_security_group_id") == nodes);
      CHECK_FALSE(rule.contains("cidr_ipv4"));
      ++found;
    }
    CHECK(found == 1);
  }
}

TEST_CASE("the API's chart gets what only Terraform knows through one helm_release") {
  const json release =
      file("modules/apps/main.tf.json").at("resource").at("helm_release").at("detection_api");
  CHECK(release.at("name") == "detection-api");
  CHECK(release.at("chart") == "${path.module}/../../../helm-charts/detection-api");
  CHECK(release.at("values") ==
        json::array({"${file(\"${path.module}/../../../helm-charts/detection-api/values-${var."
                     "environment}.yaml\")}"}));
  CHECK(release.at("namespace") == "detection-api");
  std::map<std::string, json> set;
  for (const auto& entry : release.at("set")) set[entry.at("name")] = entry.at("value");
  CHECK(set.at("env.DATABASE_HOST") == "${var.database_postgres_address}");
  CHECK(set.at("env.REDIS_HOST") == "${var.database_redis_primary_endpoint}");
  // IAM authentication where Redis has TLS; dev's has neither, and no user.
  CHECK(set.at("env.REDIS_USER") ==
        "${var.redis_encryption ? var.database_redis_user_name : \"\"}");
  CHECK(set.at("env.REDIS_REPLICATION_GROUP_ID") ==
        "${var.database_redis_replication_group_id}");
  CHECK(set.at("serviceAccount.roleArn") == "${aws_iam_role.api_role.arn}");
  CHECK(set.at("targetGroupBinding.targetGroupARN") == "${var.compute_target_group_arn}");
  CHECK(set.at("targetGroupBinding.enabled") == "true");
  // The TargetGroupBinding needs the controller's CRDs: the module waits for compute.
  CHECK(file("environments/prod/main.tf.json").at("module").at("apps").at("depends_on") ==
        json::array({"module.compute"}));
  // Pods are registered by IP, which a TargetGroupBinding needs for pods.
  CHECK(file("modules/compute/main.tf.json")
            .at("resource")
            .at("aws_lb_target_group")
            .at("app")
            .at("target_type") == "ip");
}

TEST_CASE("Redis authenticates with IAM where it has TLS, and the API's role may connect") {
  const json resources = file("modules/database/main.tf.json").at("resource");
  const json& redis = resources.at("aws_elasticache_replication_group").at("redis");
  CHECK(redis.at("user_group_ids") ==
        "${var.redis_encryption ? [aws_elasticache_user_group.redis_users.id] : null}");
  const json& user = resources.at("aws_elasticache_user").at("redis_app_user");
  CHECK(user.at("user_id") == "detection-api-redis-app");
  CHECK(user.at("user_name") == user.at("user_id"));
  CHECK(user.at("authentication_mode").at("type") == "iam");
  const std::string policy = file("modules/apps/main.tf.json")
                                 .at("resource")
                                 .at("aws_iam_role_policy")
                                 .at("api_role")
                                 .at("policy");
  CHECK(policy.find("\"elasticache:Connect\"") != std::string::npos);
  CHECK(policy.find("var.database_redis_arn") != std::string::npos);
  CHECK(policy.find("var.database_redis_user_arn") != std::string::npos);
}

TEST_CASE("the API's role reads the backups and the secret, signs in to Redis, nothing else") {
  const json role = file("modules/apps/main.tf.json").at("resource");
  const std::string trust = role.at("aws_iam_role").at("api_role").at("assume_role_policy");
  CHECK(trust.find("system:serviceaccount:detection-api:detection-api") != std::string::npos);
  const std::string policy = role.at("aws_iam_role_policy").at("api_role").at("policy");
  for (const char* action : {"\"s3:ListBucket\"", "\"s3:GetObject\"", "\"kms:Decrypt\"",
                             "\"secretsmanager:GetSecretValue\""}) {
    CHECK_MESSAGE(policy.find(action) != std::string::npos, action);
  }
  CHECK(policy.find("\"*\"") == std::string::npos);
}

TEST_CASE("the cluster runs the load balancer controller and Container Insights") {
  const json resources = file("modules/compute/main.tf.json").at("resource");
  CHECK(resources.at("helm_release").at("load_balancer_controller").at("version") == "1.13.3");
  CHECK(resources.at("aws_eks_addon").at("container_insights").at("addon_name") ==
        "amazon-cloudwatch-observability");
  // Terraform reaches the cluster as the deploy role of each environment.
  const json helm = file("environments/prod/providers.tf.json").at("provider").at("helm");
  CHECK(helm.at("kubernetes").at("exec").at("args").back() == "${var.kubernetes_role_arn}");
  CHECK(tfvars("prod").at("kubernetes_role_arn") ==
        "arn:aws:iam::333333333333:role/terraform-deploy");
}

TEST_CASE("the API's chart listens where the load balancer sends and is released with what Terraform knows") {
  const Value values = testing::from_yaml(files().at("helm-charts/detection-api/values.yaml"));
  // The target group forwards to 8000 and checks /health: the pods serve both.
  const json target_group =
      file("modules/compute/main.tf.json").at("resource").at("aws_lb_target_group").at("app");
  CHECK(target_group.at("port") == 8000);
  CHECK(target_group.at("target_type") == "ip");
  CHECK(value_at(values, {"containerPorts"}).as_list().at(0) ==
        Value::map({{"name", "http"}, {"containerPort", 8000}, {"protocol", "TCP"}}));
  CHECK(value_at(values, {"readinessProbe", "httpGet", "path"}) == Value("/health"));
  // Only the VPC (the load balancer) and Prometheus may connect.
  CHECK(value_at(values, {"networkPolicy", "enabled"}) == Value(true));
  // The release sets each value the chart leaves to Terraform, and no other.
  const json release =
      file("modules/apps/main.tf.json").at("resource").at("helm_release").at("detection_api");
  std::set<std::string> set;
  for (const auto& entry : release.at("set")) set.insert(entry.at("name").get<std::string>());
  CHECK(set == std::set<std::string>{"env.DATABASE_HOST", "env.DATABASE_SECRET_ARN",
                                     "env.REDIS_HOST", "env.REDIS_USER",
                                     "env.REDIS_REPLICATION_GROUP_ID", "env.AWS_REGION",
                                     "serviceAccount.roleArn",
                                     "targetGroupBinding.enabled",
                                     "targetGroupBinding.targetGroupARN",
                                     "secretStore.enabled", "secretStore.region",
                                     "externalSecrets.detection-api-db.data.password.key",
                                     "externalSecrets.detection-api-db.data.username.key"});
  for (const auto& name : {"DATABASE_HOST", "DATABASE_SECRET_ARN", "REDIS_HOST", "REDIS_USER",
                           "REDIS_REPLICATION_GROUP_ID", "AWS_REGION"}) {
    CHECK(value_at(values, {"env", name}) == Value(""));
  }
  // Secrets come from Secrets, never from values.
  CHECK(value_at(values, {"envFromSecret", "DATABASE_PASSWORD", "name"}) == Value("detection-api-db"));
  // prod scales further than dev.
  const Value prod = testing::from_yaml(files().at("helm-charts/detection-api/values-prod.yaml"));
  const Value dev = testing::from_yaml(files().at("helm-charts/detection-api/values-dev.yaml"));
  CHECK(value_at(prod, {"autoscaling", "maxReplicas"}) == Value(12));
  CHECK(value_at(dev, {"autoscaling", "maxReplicas"}) == Value(3));
  CHECK(value_at(dev, {"grafana", "enabled"}) == Value(false));
}
