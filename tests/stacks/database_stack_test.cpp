#include "stacks/database_stack.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dsl/app.h"
#include "stacks/stack_test_support.h"

using namespace keelson;
using namespace keelson::testing;
using nlohmann::json;

namespace {

// The network pieces the database stack needs, declared by hand so these
// tests do not depend on the network stack.
struct FakeNetwork {
  explicit FakeNetwork(App& app) {
    auto& net = app.stack("network");
    auto& vpc = net.resource("aws_vpc", "main").set("cidr_block", "10.0.0.0/16");
    subnets = &net.resource("aws_subnet", "database")
                   .count(3)
                   .set("vpc_id", vpc.id())
                   .set("cidr_block", fn::cidrsubnet("10.0.0.0/16", 8, add(count_index(), 21)));
    postgres_sg = &net.resource("aws_security_group", "postgres").set("vpc_id", vpc.id());
    redis_sg = &net.resource("aws_security_group", "redis").set("vpc_id", vpc.id());
  }
  DatabaseStack::Props props() const {
    return {.subnet_ids = subnets->all("id"),
            .postgres_security_group_id = postgres_sg->id(),
            .redis_security_group_id = redis_sg->id()};
  }
  Resource* subnets;
  Resource* postgres_sg;
  Resource* redis_sg;
};

void check_schema(const App& app) {
  const auto findings = schema_findings(app);
  for (const auto& finding : findings) MESSAGE(finding);
  CHECK(findings.empty());
}

// The parameter blocks of a parameter group, by name.
json parameters_by_name(const json& group) {
  json out = json::object();
  const json& blocks = group.at("parameter");
  for (const auto& p : blocks.is_array() ? blocks : json::array({blocks})) out[p.at("name")] = p;
  return out;
}

std::vector<std::string> problems_with(DatabaseStack::Props props) {
  App app{"shop"};
  FakeNetwork net{app};
  DatabaseStack::Props wired = net.props();
  props.subnet_ids = wired.subnet_ids;
  props.postgres_security_group_id = wired.postgres_security_group_id;
  props.redis_security_group_id = wired.redis_security_group_id;
  app.stack<DatabaseStack>("database", std::move(props));
  return plan_problems(app);
}

}  // namespace

TEST_CASE("the database stack encrypts PostgreSQL and Redis with its own KMS key") {
  App app{"shop"};
  FakeNetwork net{app};
  auto props = net.props();
  props.name = "shop";
  app.stack<DatabaseStack>("database", props);
  const json doc = module_json(app, "database").at("resource");
  const std::string key = "${aws_kms_key.kms.arn}";

  CHECK(doc.at("aws_kms_key").at("kms").at("enable_key_rotation") == true);
  CHECK(doc.at("aws_kms_alias").at("kms").at("name") == "alias/shop-database");

  const json& pg = doc.at("aws_db_instance").at("postgres");
  CHECK(pg.at("storage_encrypted") == true);
  CHECK(pg.at("kms_key_id") == key);
  CHECK(pg.at("performance_insights_enabled") == true);
  CHECK(pg.at("performance_insights_kms_key_id") == key);
  CHECK(pg.at("publicly_accessible") == false);
  const json& redis = doc.at("aws_elasticache_replication_group").at("redis");
  CHECK(redis.at("at_rest_encryption_enabled") == true);
  CHECK(redis.at("transit_encryption_enabled") == true);
  CHECK(redis.at("kms_key_id") == key);
  check_schema(app);
}

TEST_CASE("the master password is managed by RDS in Secrets Manager and never written") {
  App app{"shop"};
  FakeNetwork net{app};
  auto& db = app.stack<DatabaseStack>("database", net.props());
  const json module = module_json(app, "database");
  const json& pg = module.at("resource").at("aws_db_instance").at("postgres");
  CHECK(pg.at("manage_master_user_password") == true);
  CHECK(pg.at("master_user_secret_kms_key_id") == "${aws_kms_key.kms.arn}");
  CHECK(pg.at("iam_database_authentication_enabled") == true);
  CHECK(module.dump().find("\"password") == std::string::npos);
  CHECK(module.dump().find("auth_token") == std::string::npos);

  const json outputs = module_outputs(app, "database").at("output");
  CHECK(outputs.at("master_secret_arn").at("value") ==
        "${aws_db_instance.postgres.master_user_secret[0].secret_arn}");
  CHECK(db.master_secret_arn().is_expr());
  check_schema(app);
}

TEST_CASE("PostgreSQL gets the reference parameters, the static ones applied at the next reboot") {
  App app{"shop"};
  FakeNetwork net{app};
  auto props = net.props();
  props.name = "shop";
  app.stack<DatabaseStack>("database", props);
  const json doc = module_json(app, "database").at("resource");
  const json& group = doc.at("aws_db_parameter_group").at("postgres_parameters");
  CHECK(group.at("family") == "postgres15");
  // A prefix, not a name: create_before_destroy needs the new group beside the old.
  CHECK(group.at("name_prefix") == "shop-postgres15-");
  CHECK_FALSE(group.contains("name"));
  CHECK(group.at("lifecycle") == json{{"create_before_destroy", true}});
  const json params = parameters_by_name(group);
  CHECK(params.at("max_connections") ==
        json{{"name", "max_connections"}, {"value", "200"}, {"apply_method", "pending-reboot"}});
  CHECK(params.at("shared_preload_libraries").at("value") == "pg_stat_statements");
  CHECK(params.at("shared_preload_libraries").at("apply_method") == "pending-reboot");
  CHECK(params.at("log_statement").at("value") == "all");
  CHECK(params.at("log_min_duration_statement").at("value") == "1000");
  CHECK(params.at("rds.force_ssl").at("value") == "1");

  const json& pg = doc.at("aws_db_instance").at("postgres");
  CHECK(pg.at("engine") == "postgres");
  CHECK(pg.at("engine_version") == "15");
  CHECK(pg.at("auto_minor_version_upgrade") == true);
  CHECK(pg.at("parameter_group_name") == "${aws_db_parameter_group.postgres_parameters.name}");
  CHECK(pg.at("db_subnet_group_name") == "${aws_db_subnet_group.postgres_subnets.name}");
  CHECK(pg.at("enabled_cloudwatch_logs_exports") == json{"postgresql", "upgrade"});
  check_schema(app);
}

TEST_CASE("PostgreSQL is backed up at 03:00, keeps a final snapshot and autoscales its storage") {
  App app{"shop"};
  FakeNetwork net{app};
  auto props = net.props();
  props.name = "shop";
  props.postgres.allocated_storage = 100;
  app.stack<DatabaseStack>("database", props);
  const json doc = module_json(app, "database").at("resource");
  const json& pg = doc.at("aws_db_instance").at("postgres");
  CHECK(pg.at("backup_window") == "03:00-04:00");
  CHECK(pg.at("backup_retention_period") == 7);
  CHECK(pg.at("skip_final_snapshot") == false);
  // Unique per instance: its creation time, kept afterwards, so a replaced or
  // re-created database does not collide with the snapshot its predecessor left.
  CHECK(pg.at("final_snapshot_identifier") ==
        "shop-postgres-final-${formatdate(\"YYYYMMDDhhmmss\", timestamp())}");
  CHECK(pg.at("lifecycle") == json{{"ignore_changes", {"final_snapshot_identifier"}}});
  const json& redis = doc.at("aws_elasticache_replication_group").at("redis");
  CHECK(redis.at("final_snapshot_identifier") ==
        "shop-redis-final-${formatdate(\"YYYYMMDDhhmmss\", timestamp())}");
  CHECK(redis.at("lifecycle") == json{{"ignore_changes", {"final_snapshot_identifier"}}});
  CHECK(pg.at("deletion_protection") == true);
  CHECK(pg.at("allocated_storage") == 100);
  CHECK(pg.at("max_allocated_storage") == 200);
  CHECK(pg.at("multi_az") == false);
  check_schema(app);
}

TEST_CASE("PostgreSQL's exported logs go to log groups declared first, with a retention") {
  App app{"shop"};
  FakeNetwork net{app};
  auto props = net.props();
  props.name = "shop";
  props.postgres.log_retention_days = 90;
  props.postgres.read_replica = true;
  app.stack<DatabaseStack>("database", props);
  const json doc = module_json(app, "database").at("resource");
  const json& logs = doc.at("aws_cloudwatch_log_group");
  CHECK(logs.at("postgres_logs").at("for_each") == "${toset([\"postgresql\", \"upgrade\"])}");
  CHECK(logs.at("postgres_logs").at("name") == "/aws/rds/instance/shop-postgres/${each.key}");
  CHECK(logs.at("postgres_logs").at("retention_in_days") == 90);
  CHECK(logs.at("postgres_replica_logs").at("for_each") == logs.at("postgres_logs").at("for_each"));
  CHECK(logs.at("postgres_replica_logs").at("name") ==
        "/aws/rds/instance/shop-postgres-replica/${each.key}");
  CHECK(doc.at("aws_db_instance").at("postgres").at("depends_on") ==
        json{"aws_cloudwatch_log_group.postgres_logs"});
  CHECK(doc.at("aws_db_instance").at("postgres_replica").at("depends_on") ==
        json{"aws_cloudwatch_log_group.postgres_replica_logs"});
  check_schema(app);
}

TEST_CASE("PostgreSQL has enhanced monitoring every 60 seconds through its own role") {
  App app{"shop"};
  FakeNetwork net{app};
  app.stack<DatabaseStack>("database", net.props());
  const json doc = module_json(app, "database").at("resource");
  const json& pg = doc.at("aws_db_instance").at("postgres");
  CHECK(pg.at("monitoring_interval") == 60);
  CHECK(pg.at("monitoring_role_arn") == "${aws_iam_role.monitoring.arn}");
  CHECK(doc.at("aws_iam_role")
            .at("monitoring")
            .at("assume_role_policy")
            .get<std::string>()
            .find("monitoring.rds.amazonaws.com") != std::string::npos);
  CHECK(doc.at("aws_iam_role_policy_attachment").at("monitoring").at("for_each") ==
        json{{"AmazonRDSEnhancedMonitoringRole",
              "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/"
              "AmazonRDSEnhancedMonitoringRole"}});
  check_schema(app);
}

TEST_CASE("the database subnets and security groups are wired in from the network stack") {
  App app{"shop"};
  FakeNetwork net{app};
  app.stack<DatabaseStack>("database", net.props());
  const json doc = module_json(app, "database").at("resource");
  const json vars = module_variables(app, "database").at("variable");
  const json& pg = doc.at("aws_db_instance").at("postgres");
  const json& redis = doc.at("aws_elasticache_replication_group").at("redis");
  const std::string subnets = doc.at("aws_db_subnet_group").at("postgres_subnets").at("subnet_ids");
  CHECK(subnets.starts_with("${var.network_"));
  CHECK(doc.at("aws_elasticache_subnet_group").at("redis_subnets").at("subnet_ids") == subnets);
  REQUIRE(pg.at("vpc_security_group_ids").size() == 1);
  REQUIRE(redis.at("security_group_ids").size() == 1);
  const std::string pg_sg = pg.at("vpc_security_group_ids").at(0);
  const std::string redis_sg = redis.at("security_group_ids").at(0);
  CHECK(pg_sg.find("postgres") != std::string::npos);
  CHECK(redis_sg.find("redis") != std::string::npos);
  CHECK(pg_sg != redis_sg);
  // Each becomes an input of the module.
  for (const std::string& ref : {subnets, pg_sg, redis_sg}) {
    CHECK(vars.contains(ref.substr(6, ref.size() - 7)));
  }
  check_schema(app);
}

TEST_CASE("per-environment settings render as variables of one module for every environment") {
  GIVEN("parameters for instance class, storage, multi-AZ, retention, replica and Redis size") {
    App app{"shop"};
    FakeNetwork net{app};
    auto props = net.props();
    props.postgres.instance_class = app.param<std::string>("db_instance_class");
    props.postgres.allocated_storage = app.param<int>("db_allocated_storage");
    props.postgres.multi_az = app.param<bool>("db_multi_az");
    props.postgres.backup_retention_days = app.param<int>("db_backup_retention_days");
    props.postgres.deletion_protection = app.param<bool>("db_deletion_protection");
    props.postgres.read_replica = app.param<bool>("db_read_replica");
    props.postgres.log_retention_days = app.param<int>("db_log_retention_days");
    props.redis.node_type = app.param<std::string>("redis_node_type");
    props.redis.num_cache_clusters = app.param<int>("redis_nodes");
    props.redis.automatic_failover = app.param<bool>("redis_failover");
    props.redis.multi_az = app.param<bool>("redis_multi_az");
    props.redis.snapshot_retention_days = app.param<int>("redis_snapshot_retention_days");
    props.redis.log_retention_days = app.param<int>("log_retention_days");
    app.stack<DatabaseStack>("database", props);

    WHEN("the module is rendered") {
      const json doc = module_json(app, "database").at("resource");
      const json vars = module_variables(app, "database").at("variable");
      const json& pg = doc.at("aws_db_instance").at("postgres");
      const json& replica = doc.at("aws_db_instance").at("postgres_replica");
      const json& redis = doc.at("aws_elasticache_replication_group").at("redis");

      THEN("prod's multi-AZ with 30 days and dev's single AZ with 7 are values, not code") {
        CHECK(pg.at("instance_class") == "${var.db_instance_class}");
        CHECK(pg.at("allocated_storage") == "${var.db_allocated_storage}");
        CHECK(pg.at("max_allocated_storage") == "${var.db_allocated_storage * 2}");
        CHECK(pg.at("multi_az") == "${var.db_multi_az}");
        CHECK(pg.at("backup_retention_period") == "${var.db_backup_retention_days}");
        CHECK(pg.at("deletion_protection") == "${var.db_deletion_protection}");
        CHECK(vars.contains("db_multi_az"));
        CHECK(vars.contains("db_backup_retention_days"));
      }
      THEN("the read replica exists only where db_read_replica is true") {
        CHECK(replica.at("count") == "${var.db_read_replica ? 1 : 0}");
        CHECK(replica.at("replicate_source_db") == "${aws_db_instance.postgres.identifier}");
        CHECK(replica.at("instance_class") == "${var.db_instance_class}");
        CHECK(replica.at("storage_encrypted") == true);
        CHECK_FALSE(replica.contains("username"));
        CHECK_FALSE(replica.contains("manage_master_user_password"));
        const json& logs = doc.at("aws_cloudwatch_log_group").at("postgres_replica_logs");
        CHECK(logs.at("for_each") ==
              "${var.db_read_replica ? toset([\"postgresql\", \"upgrade\"]) : toset([])}");
        CHECK(logs.at("retention_in_days") == "${var.db_log_retention_days}");
      }
      THEN("Redis size, failover and retention are values too") {
        CHECK(redis.at("node_type") == "${var.redis_node_type}");
        CHECK(redis.at("num_cache_clusters") == "${var.redis_nodes}");
        CHECK(redis.at("automatic_failover_enabled") == "${var.redis_failover}");
        CHECK(redis.at("multi_az_enabled") == "${var.redis_multi_az}");
        CHECK(redis.at("snapshot_retention_limit") == "${var.redis_snapshot_retention_days}");
        CHECK(doc.at("aws_cloudwatch_log_group").at("redis_slow_log").at("retention_in_days") ==
              "${var.log_retention_days}");
      }
    }
    check_schema(app);
  }
}

TEST_CASE("a literal read_replica switch gives a count of 1 or 0") {
  for (const bool enabled : {true, false}) {
    App app{"shop"};
    FakeNetwork net{app};
    auto props = net.props();
    props.postgres.read_replica = enabled;
    app.stack<DatabaseStack>("database", props);
    const json doc = module_json(app, "database").at("resource");
    const json& replica = doc.at("aws_db_instance").at("postgres_replica");
    CHECK(replica.at("count") == (enabled ? 1 : 0));
    CHECK(doc.at("aws_cloudwatch_log_group").at("postgres_replica_logs").at("for_each") ==
          (enabled ? "${toset([\"postgresql\", \"upgrade\"])}" : "${toset([])}"));
    check_schema(app);
  }
}

TEST_CASE("the read replica copies its tags to its snapshots, as the primary does") {
  App app{"shop"};
  FakeNetwork net{app};
  auto props = net.props();
  props.postgres.read_replica = true;
  app.stack<DatabaseStack>("database", props);
  const json instances = module_json(app, "database").at("resource").at("aws_db_instance");
  CHECK(instances.at("postgres_replica").at("copy_tags_to_snapshot") == true);
  CHECK(instances.at("postgres").at("copy_tags_to_snapshot") == true);
  // Multi-AZ is the primary's: the replica says why checkov's check does not apply.
  CHECK(instances.at("postgres_replica").at("//") ==
        "checkov:skip=CKV_AWS_157:A read replica: the primary is multi-AZ where the postgres "
        "multi_az prop asks (prod)");
  check_schema(app);

  // Without a replica there is nothing for checkov to check, nor to suppress.
  App without{"shop"};
  FakeNetwork net2{without};
  without.stack<DatabaseStack>("database", net2.props());
  CHECK_FALSE(module_json(without, "database")
                  .at("resource").at("aws_db_instance").at("postgres_replica").contains("//"));
}

TEST_CASE("Redis encryption and PostgreSQL enhanced monitoring are on by default") {
  App app{"shop"};
  FakeNetwork net{app};
  auto props = net.props();
  CHECK(props.redis.encryption.as_bool());
  CHECK(props.postgres.enhanced_monitoring.as_bool());
  props.postgres.read_replica = true;
  app.stack<DatabaseStack>("database", props);
  const json doc = module_json(app, "database").at("resource");
  const json& redis = doc.at("aws_elasticache_replication_group").at("redis");
  CHECK(redis.at("at_rest_encryption_enabled") == true);
  CHECK(redis.at("transit_encryption_enabled") == true);
  CHECK(redis.at("kms_key_id") == "${aws_kms_key.kms.arn}");
  for (const std::string instance : {"postgres", "postgres_replica"}) {
    INFO(instance);
    const json& pg = doc.at("aws_db_instance").at(instance);
    CHECK(pg.at("monitoring_interval") == 60);
    CHECK(pg.at("monitoring_role_arn") == "${aws_iam_role.monitoring.arn}");
  }
  check_schema(app);
}

TEST_CASE("Redis encryption and enhanced monitoring can be per-environment parameters") {
  App app{"shop"};
  FakeNetwork net{app};
  auto props = net.props();
  props.postgres.enhanced_monitoring = app.param<bool>("db_enhanced_monitoring");
  props.postgres.read_replica = true;
  const auto encryption = app.param<bool>("redis_encryption");
  props.redis.encryption = encryption;
  props.redis.iam_auth = encryption;
  app.stack<DatabaseStack>("database", props);
  const json doc = module_json(app, "database").at("resource");
  const json vars = module_variables(app, "database").at("variable");
  CHECK(vars.contains("db_enhanced_monitoring"));
  CHECK(vars.contains("redis_encryption"));

  const json& redis = doc.at("aws_elasticache_replication_group").at("redis");
  CHECK(redis.at("at_rest_encryption_enabled") == "${var.redis_encryption}");
  CHECK(redis.at("transit_encryption_enabled") == "${var.redis_encryption}");
  CHECK(redis.at("kms_key_id") == "${var.redis_encryption ? aws_kms_key.kms.arn : null}");
  // Authentication follows encryption: the user group only where TLS is on.
  CHECK(redis.at("user_group_ids") ==
        "${var.redis_encryption ? [aws_elasticache_user_group.redis_users.id] : null}");
  for (const std::string instance : {"postgres", "postgres_replica"}) {
    INFO(instance);
    const json& pg = doc.at("aws_db_instance").at(instance);
    CHECK(pg.at("monitoring_interval") == "${var.db_enhanced_monitoring ? 60 : 0}");
    CHECK(pg.at("monitoring_role_arn") ==
          "${var.db_enhanced_monitoring ? aws_iam_role.monitoring.arn : null}");
  }
  // The role stays whatever the environment says.
  CHECK(doc.at("aws_iam_role").contains("monitoring"));
  CHECK(plan_problems(app).empty());
  check_schema(app);
}

TEST_CASE("a throwaway dev environment can turn Redis encryption and enhanced monitoring off") {
  App app{"shop"};
  FakeNetwork net{app};
  auto props = net.props();
  props.postgres.enhanced_monitoring = false;
  props.postgres.read_replica = true;
  props.redis.encryption = false;
  props.redis.iam_auth = false;
  app.stack<DatabaseStack>("database", props);
  const json doc = module_json(app, "database").at("resource");

  const json& redis = doc.at("aws_elasticache_replication_group").at("redis");
  CHECK(redis.at("at_rest_encryption_enabled") == false);
  CHECK(redis.at("transit_encryption_enabled") == false);
  CHECK_FALSE(redis.contains("kms_key_id"));
  // Without TLS there is no authentication to attach.
  CHECK_FALSE(redis.contains("user_group_ids"));
  for (const std::string instance : {"postgres", "postgres_replica"}) {
    INFO(instance);
    const json& pg = doc.at("aws_db_instance").at(instance);
    CHECK(pg.at("monitoring_interval") == 0);
    CHECK_FALSE(pg.contains("monitoring_role_arn"));
    // PostgreSQL storage stays encrypted; only Redis has the switch.
    CHECK(pg.at("storage_encrypted") == true);
  }
  CHECK(doc.at("aws_iam_role").contains("monitoring"));
  CHECK(plan_problems(app).empty());
  check_schema(app);
}

TEST_CASE("Redis authenticates with IAM through a user group whose default user is off") {
  App app{"shop"};
  FakeNetwork net{app};
  auto props = net.props();
  props.name = "shop";
  app.stack<DatabaseStack>("database", props);
  const json module = module_json(app, "database");
  const json& doc = module.at("resource");

  const json& users = doc.at("aws_elasticache_user");
  REQUIRE(users.size() == 2);
  const json& app_user = users.at("redis_app_user");
  // IAM authentication needs the user name to be the user ID.
  CHECK(app_user.at("user_id") == "shop-redis-app");
  CHECK(app_user.at("user_name") == "shop-redis-app");
  CHECK(app_user.at("engine") == "redis");
  CHECK(app_user.at("authentication_mode") == json{{"type", "iam"}});
  CHECK(app_user.at("access_string") == "on ~* +@all -@dangerous +info");

  // The group must hold a user named default: one that cannot sign in.
  const json& off = users.at("redis_default_user");
  CHECK(off.at("user_name") == "default");
  CHECK(off.at("user_id") == "shop-redis-default");
  CHECK(off.at("engine") == "redis");
  CHECK(off.at("access_string") == "off -@all");
  CHECK(off.at("authentication_mode") == json{{"type", "no-password-required"}});

  const json& group = doc.at("aws_elasticache_user_group").at("redis_users");
  CHECK(group.at("user_group_id") == "shop-redis");
  CHECK(group.at("engine") == "redis");
  CHECK(group.at("user_ids") ==
        json::array({"${aws_elasticache_user.redis_default_user.user_id}",
                     "${aws_elasticache_user.redis_app_user.user_id}"}));

  const json& redis = doc.at("aws_elasticache_replication_group").at("redis");
  CHECK(redis.at("user_group_ids") ==
        json::array({"${aws_elasticache_user_group.redis_users.id}"}));
  CHECK(redis.at("transit_encryption_enabled") == true);

  // Nothing secret: no password, token or passwords attribute anywhere.
  const std::string text = module.dump();
  for (const std::string word : {"passwords", "auth_token", "\"no_password_required\""}) {
    INFO(word);
    CHECK(text.find(word) == std::string::npos);
  }
  check_schema(app);
}

TEST_CASE("an application role gets elasticache:Connect on the group and the user") {
  App app{"shop"};
  FakeNetwork net{app};
  auto& db = app.stack<DatabaseStack>("database", net.props());
  const PolicyStatement statement = db.redis_connect_statement();
  CHECK(statement.effect == "Allow");
  CHECK(statement.actions == std::vector<std::string>{"elasticache:Connect"});
  REQUIRE(statement.resources.size() == 2);

  auto& apps = app.stack("apps");
  apps.add<IamRole>("api", IamRoleProps{.trust = trust_services({"ec2.amazonaws.com"}),
                                        .inline_policy = {statement}});
  apps.resource("aws_ssm_parameter", "redis_user")
      .set("name", "/shop/redis/user")
      .set("type", "String")
      .set("value", db.redis_user_name());
  const json doc = module_json(app, "apps").at("resource");
  const std::string document =
      doc.at("aws_iam_role_policy").at("api").at("policy").get<std::string>();
  CHECK(document.find("elasticache:Connect") != std::string::npos);
  CHECK(document.find("var.database_redis_arn") != std::string::npos);
  CHECK(document.find("var.database_redis_user_arn") != std::string::npos);
  CHECK(doc.at("aws_ssm_parameter").at("redis_user").at("value") ==
        "${var.database_redis_user_name}");

  const json outputs = module_outputs(app, "database").at("output");
  CHECK(outputs.at("redis_arn").at("value") == "${aws_elasticache_replication_group.redis.arn}");
  CHECK(outputs.at("redis_user_arn").at("value") == "${aws_elasticache_user.redis_app_user.arn}");
  CHECK(outputs.at("redis_user_name").at("value") ==
        "${aws_elasticache_user.redis_app_user.user_name}");
  CHECK(plan_problems(app).empty());
  check_schema(app);
}

TEST_CASE("IAM authentication with encryption in transit off is refused") {
  DatabaseStack::Props props;
  props.redis.encryption = false;
  CHECK(problems_with(props) ==
        std::vector<std::string>{
            "redis.iam_auth needs redis.encryption: ElastiCache authenticates users only over "
            "TLS; turn redis.iam_auth off as well (throwaway development environments only), or "
            "keep redis.encryption on"});

  SUBCASE("a switch that is not a bool is refused too") {
    props.redis.encryption = true;
    props.redis.iam_auth = "yes";
    CHECK(problems_with(props) ==
          std::vector<std::string>{"redis.iam_auth must be true or false, got \"yes\""});
  }
  SUBCASE("as is a null one") {
    props.redis.encryption = true;
    props.redis.iam_auth = Value{};
    CHECK(problems_with(props) ==
          std::vector<std::string>{"redis.iam_auth must be true or false, got null"});
  }
}

TEST_CASE("an access string that is off or sets a password is refused") {
  const std::string message =
      "redis.access_string must start with \"on\" and set no password or reset (no >, <, #, !, "
      "nopass, resetpass, reset or off), e.g. \"on ~* +@all -@dangerous +info\", got ";
  for (const std::string access :
       {"~* +@all", "off ~* +@all", "on >secret ~* +@all", "on nopass ~* +@all",
        "on ~* +@all reset", "on #5e884898 ~* +@all", ""}) {
    INFO(access);
    DatabaseStack::Props props;
    props.redis.access_string = access;
    CHECK(problems_with(props) == std::vector<std::string>{message + "\"" + access + "\""});
  }
  DatabaseStack::Props narrow;
  narrow.redis.access_string = "on ~app:* -@all +@read +@write";
  CHECK(problems_with(narrow).empty());
}

TEST_CASE("Redis 7 evicts least recently used keys, snapshots at 03:00 and logs to CloudWatch") {
  App app{"shop"};
  FakeNetwork net{app};
  auto props = net.props();
  props.name = "shop";
  props.redis.log_retention_days = 14;
  app.stack<DatabaseStack>("database", props);
  const json doc = module_json(app, "database").at("resource");
  const json& redis = doc.at("aws_elasticache_replication_group").at("redis");
  CHECK(redis.at("engine") == "redis");
  CHECK(redis.at("engine_version") == "7.1");
  CHECK(redis.at("port") == 6379);
  CHECK(redis.at("replication_group_id") == "shop-redis");
  CHECK(redis.at("node_type") == "cache.t4g.medium");
  CHECK(redis.at("num_cache_clusters") == 2);
  CHECK(redis.at("automatic_failover_enabled") == true);
  CHECK(redis.at("snapshot_window") == "03:00-05:00");
  CHECK(redis.at("snapshot_retention_limit") == 7);
  CHECK(redis.at("parameter_group_name") ==
        "${aws_elasticache_parameter_group.redis_parameters.name}");
  CHECK(redis.at("subnet_group_name") == "${aws_elasticache_subnet_group.redis_subnets.name}");

  const json& group = doc.at("aws_elasticache_parameter_group").at("redis_parameters");
  CHECK(group.at("family") == "redis7");
  CHECK(parameters_by_name(group).at("maxmemory-policy").at("value") == "allkeys-lru");

  const json& deliveries = redis.at("log_delivery_configuration");
  REQUIRE(deliveries.size() == 2);
  CHECK(deliveries.at(0) == json{{"destination", "${aws_cloudwatch_log_group.redis_slow_log.name}"},
                                 {"destination_type", "cloudwatch-logs"},
                                 {"log_format", "json"},
                                 {"log_type", "slow-log"}});
  CHECK(deliveries.at(1).at("destination") == "${aws_cloudwatch_log_group.redis_engine_log.name}");
  CHECK(deliveries.at(1).at("log_type") == "engine-log");
  const json& logs = doc.at("aws_cloudwatch_log_group");
  CHECK(logs.at("redis_slow_log").at("name") == "/aws/elasticache/shop/redis/slow-log");
  CHECK(logs.at("redis_slow_log").at("retention_in_days") == 14);
  CHECK(logs.at("redis_engine_log").at("name") == "/aws/elasticache/shop/redis/engine-log");
  check_schema(app);
}

TEST_CASE("every taggable resource has a Name tag") {
  App app{"shop"};
  FakeNetwork net{app};
  auto props = net.props();
  props.name = "shop";
  app.stack<DatabaseStack>("database", props);
  const json doc = module_json(app, "database").at("resource");
  for (const auto& [type, resources] : doc.items()) {
    if (type == "aws_kms_alias" || type.starts_with("aws_iam_role_policy")) continue;
    for (const auto& [name, body] : resources.items()) {
      INFO(type << "." << name);
      CHECK(body.at("tags").contains("Name"));
    }
  }
  CHECK(doc.at("aws_db_instance").at("postgres").at("tags").at("Name") == "shop-postgres");
}

TEST_CASE("the stack declares its outputs with descriptions, none sensitive") {
  App app{"shop"};
  FakeNetwork net{app};
  auto& db = app.stack<DatabaseStack>("database", net.props());
  const json outputs = module_outputs(app, "database").at("output");
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"postgres_address", "${aws_db_instance.postgres.address}"},
      {"postgres_endpoint", "${aws_db_instance.postgres.endpoint}"},
      {"postgres_instance_id", "${aws_db_instance.postgres.identifier}"},
      {"master_secret_arn", "${aws_db_instance.postgres.master_user_secret[0].secret_arn}"},
      {"redis_primary_endpoint",
       "${aws_elasticache_replication_group.redis.primary_endpoint_address}"},
      {"redis_replication_group_id", "${aws_elasticache_replication_group.redis.id}"},
      {"redis_arn", "${aws_elasticache_replication_group.redis.arn}"},
      {"redis_user_name", "${aws_elasticache_user.redis_app_user.user_name}"},
      {"redis_user_arn", "${aws_elasticache_user.redis_app_user.arn}"},
      {"kms_key_arn", "${aws_kms_key.kms.arn}"},
      {"postgres_multi_az", "${aws_db_instance.postgres.multi_az}"},
      {"postgres_backup_retention_days", "${aws_db_instance.postgres.backup_retention_period}"},
      {"postgres_deletion_protection", "${aws_db_instance.postgres.deletion_protection}"},
      {"redis_node_count", "${aws_elasticache_replication_group.redis.num_cache_clusters}"},
      {"redis_automatic_failover",
       "${aws_elasticache_replication_group.redis.automatic_failover_enabled}"},
  };
  for (const auto& [name, value] : expected) {
    INFO(name);
    CHECK(outputs.at(name).at("value") == value);
    CHECK_FALSE(outputs.at(name).at("description").get<std::string>().empty());
    CHECK_FALSE(outputs.at(name).value("sensitive", false));
  }
  CHECK(outputs.size() == expected.size());
  CHECK(db.postgres_address().is_expr());
  CHECK(db.kms_key_arn().is_expr());
}

TEST_CASE("another stack reading the database endpoints gets them wired through the outputs") {
  App app{"shop"};
  FakeNetwork net{app};
  auto& db = app.stack<DatabaseStack>("database", net.props());
  auto& apps = app.stack("apps");
  apps.resource("aws_ssm_parameter", "db_host")
      .set("name", "/shop/db/host")
      .set("type", "String")
      .set("value", db.postgres_address());
  const json doc = module_json(app, "apps").at("resource");
  const json& param = doc.at("aws_ssm_parameter").at("db_host");
  CHECK(param.at("value") == "${var.database_postgres_address}");
  CHECK(plan_problems(app).empty());
  check_schema(app);
}

TEST_CASE("an instance class or node type that is not <prefix>.<family>.<size> is refused") {
  DatabaseStack::Props props;
  props.postgres.instance_class = "t4g.medium";
  props.redis.node_type = "m5.large";
  CHECK(problems_with(props) ==
        std::vector<std::string>{
            "postgres.instance_class must look like db.<family>.<size> (e.g. db.t4g.medium), got "
            "\"t4g.medium\"",
            "redis.node_type must look like cache.<family>.<size> (e.g. cache.t4g.medium), got "
            "\"m5.large\""});
}

TEST_CASE("a log retention CloudWatch does not accept is refused with the accepted values") {
  DatabaseStack::Props props;
  props.postgres.log_retention_days = 0;
  props.redis.log_retention_days = 10;
  CHECK(problems_with(props) ==
        std::vector<std::string>{
            "postgres.log_retention_days must be one of the retention periods CloudWatch Logs "
            "accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, "
            "2192, 2557, 2922, 3288, 3653), got 0",
            "redis.log_retention_days must be one of the retention periods CloudWatch Logs accepts "
            "(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, "
            "2557, 2922, 3288, 3653), got 10"});
}

TEST_CASE("automatic failover with a single Redis node is refused") {
  DatabaseStack::Props props;
  props.redis.num_cache_clusters = 1;
  props.redis.multi_az = false;
  CHECK(problems_with(props) ==
        std::vector<std::string>{"redis.automatic_failover needs redis.num_cache_clusters of 2 or "
                                 "more (a replica to promote), got 1"});

  SUBCASE("but a single node without failover is fine, as in dev") {
    props.redis.automatic_failover = false;
    CHECK(problems_with(props).empty());
  }
}

TEST_CASE("Redis multi-AZ without automatic failover is refused") {
  DatabaseStack::Props props;
  props.redis.automatic_failover = false;
  CHECK(problems_with(props) ==
        std::vector<std::string>{"redis.multi_az needs redis.automatic_failover"});
}

TEST_CASE("out-of-range numbers and storage that cannot grow are refused") {
  DatabaseStack::Props props;
  props.postgres.backup_retention_days = 0;
  props.postgres.allocated_storage = 100;
  props.postgres.max_allocated_storage = 100;
  props.redis.num_cache_clusters = 7;
  props.redis.snapshot_retention_days = 40;
  CHECK(problems_with(props) ==
        std::vector<std::string>{
            "postgres.max_allocated_storage (100) must be greater than postgres.allocated_storage "
            "(100) for storage autoscaling",
            "postgres.backup_retention_days must be a whole number from 1 to 35, got 0",
            "redis.num_cache_clusters must be a whole number from 1 to 6, got 7",
            "redis.snapshot_retention_days must be a whole number from 0 to 35, got 40"});
}

TEST_CASE("a major PostgreSQL version takes AWS's minor upgrades; a pinned minor version turns them off") {
  // GIVEN the default: the major version alone, which Terraform never fights over
  App app{"shop"};
  FakeNetwork net{app};
  auto props = net.props();
  props.postgres.read_replica = true;
  app.stack<DatabaseStack>("database", props);
  const json doc = module_json(app, "database").at("resource");
  CHECK(doc.at("aws_db_instance").at("postgres").at("engine_version") == "15");
  CHECK(doc.at("aws_db_instance").at("postgres").at("auto_minor_version_upgrade") == true);
  CHECK(doc.at("aws_db_instance").at("postgres_replica").at("auto_minor_version_upgrade") == true);

  SUBCASE("a pinned minor version is upgraded by its owner, with the family of its major") {
    App pinned{"shop"};
    FakeNetwork pinned_net{pinned};
    auto pinned_props = pinned_net.props();
    pinned_props.postgres.engine_version = "16.10";
    pinned.stack<DatabaseStack>("database", pinned_props);
    const json r = module_json(pinned, "database").at("resource");
    CHECK(r.at("aws_db_instance").at("postgres").at("engine_version") == "16.10");
    CHECK(r.at("aws_db_instance").at("postgres").at("auto_minor_version_upgrade") == false);
    CHECK(r.at("aws_db_parameter_group").at("postgres_parameters").at("family") == "postgres16");
  }
  SUBCASE("a major version past RDS standard support is refused") {
    DatabaseStack::Props old = props;
    old.postgres.engine_version = "13";
    CHECK(problems_with(old) ==
          std::vector<std::string>{
              "postgres.engine_version must be a major version in RDS standard support, 14 or "
              "later (e.g. \"15\"), or <major>.<minor> to pin a minor version, got \"13\""});
  }
}

TEST_CASE("a bad name, engine version or wrongly typed switch is refused") {
  DatabaseStack::Props props;
  props.name = "Shop_DB";
  props.postgres.engine_version = "latest";
  props.postgres.multi_az = "yes";
  props.redis.engine_version = "6.2";
  CHECK(problems_with(props) ==
        std::vector<std::string>{
            "name must be 1 to 34 lowercase letters, digits and single hyphens, starting with a "
            "letter and not ending with a hyphen (it prefixes RDS and ElastiCache names), got "
            "\"Shop_DB\"",
            "postgres.engine_version must be a major version in RDS standard support, 14 or "
            "later (e.g. \"15\"), or <major>.<minor> to pin a minor version, got \"latest\"",
            "postgres.multi_az must be true or false, got \"yes\"",
            "redis.engine_version must be 7 or 7.<minor> (e.g. 7.1), got \"6.2\""});
}

TEST_CASE("an encryption or enhanced monitoring switch that is not a bool is refused") {
  DatabaseStack::Props props;
  props.postgres.enhanced_monitoring = 1;
  props.redis.encryption = "no";
  CHECK(problems_with(props) ==
        std::vector<std::string>{"postgres.enhanced_monitoring must be true or false, got 1",
                                 "redis.encryption must be true or false, got \"no\""});

  SUBCASE("nor may either be left null") {
    props.postgres.enhanced_monitoring = nullptr;
    props.redis.encryption = Value{};
    CHECK(problems_with(props) ==
          std::vector<std::string>{"postgres.enhanced_monitoring must be true or false, got null",
                                   "redis.encryption must be true or false, got null"});
  }
}

TEST_CASE("a database stack without its network pieces is refused") {
  App app{"shop"};
  app.stack<DatabaseStack>("database", {});
  CHECK(plan_problems(app) ==
        std::vector<std::string>{
            "subnet_ids is required: the private database subnets, e.g. "
            "net.database_subnet_ids()",
            "postgres_security_group_id is required: the PostgreSQL security group, e.g. "
            "net.database_security_group_id()",
            "redis_security_group_id is required: the Redis security group, e.g. "
            "net.redis_security_group_id()"});
}

TEST_CASE("parameters skip the literal checks; their own specs validate them") {
  App app{"shop"};
  FakeNetwork net{app};
  auto props = net.props();
  props.postgres.instance_class = app.param<std::string>("db_instance_class");
  props.redis.num_cache_clusters = app.param<int>("redis_nodes");
  props.redis.log_retention_days = app.param<int>("log_retention_days");
  app.stack<DatabaseStack>("database", props);
  CHECK(plan_problems(app).empty());
  check_schema(app);
}
