// Secret scanning: the detector tells credentials from lookalikes, and the
// KSL-SEC rules find plaintext secrets in resources, tfvars and chart values
// and secrets that do not come from a vault, without ever printing them.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "dsl/app.h"
#include "environments/environment.h"
#include "plan/wiring.h"
#include "policy/check.h"
#include "policy/environment_check.h"
#include "policy/model_views.h"
#include "policy/plan_views.h"
#include "policy/policy_test_support.h"
#include "policy/report.h"
#include "policy/rule_packs.h"
#include "policy/secret_scan.h"

using namespace keelson;
using namespace keelson::policy;
using nlohmann::json;

namespace {

// Built at run time, so this file holds no whole credential for scanners.
const std::string kAccessKeyId = std::string("AKIA") + "Z7Q3WXKJ5M2PLR4T";
const std::string kSecretKey = std::string("wJalrXUtnFEMI/K7MDENG/") + "bPxRfiCYEXAMPLEKEY";
const std::string kGithubToken = std::string("ghp_") + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z5A";
const std::string kSlackToken = std::string("xoxb-") + "2048-1024-Zk8fPq2LmN7x";
const std::string kStripeKey = std::string("sk_live_") + "4eC39HqLyjWDarjtT1zdp7dc";
const std::string kJwt = std::string("eyJhbGciOiJIUzI1NiJ9.") + "eyJzdWIiOiIxMjM0NTY3ODkwIn0." +
                         "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
const std::string kRandom = std::string("q8Zr2LkVx7Nw4Tb9") + "Hc3Fm6Yp1Ds5Gj0U";

// A resource whose `sensitive` values the plan marks (`after_sensitive`).
ResourceView view(std::string type, json after, json sensitive = json::object()) {
  ResourceView v = testing::view(std::move(type), std::move(after));
  v.after_sensitive = std::move(sensitive);
  return v;
}

// The secret pack's findings only: the other packs fire on bare fixtures too.
std::vector<Finding> findings(const ResourceView& v) {
  static const std::vector<Rule> kSecretRules = secret_rules();
  return check({v}, kSecretRules, {"dev", {}}).findings;
}

using testing::Ids;

Ids fired(const ResourceView& v) {
  Ids ids;
  for (const auto& f : findings(v)) ids.push_back(f.rule->id);
  return ids;
}

std::optional<std::string> kind(std::string_view value, bool under_secret_name = false) {
  auto match = detect_secret(value, under_secret_name);
  if (!match) return std::nullopt;
  return match->kind;
}

}  // namespace

TEST_CASE("the detector knows credential formats, anywhere in a value") {
  CHECK(kind(kAccessKeyId) == "AWS access key id");
  CHECK(kind("key=" + kAccessKeyId + ";") == "AWS access key id");
  CHECK(kind(std::string("ASIA") + "Q2W3E4R5T6Y7U8I9") == "AWS access key id");
  CHECK(kind("-----BEGIN RSA PRIVATE KEY-----\nMIIE...") == "private key");
  CHECK(kind("-----BEGIN OPENSSH PRIVATE KEY-----") == "private key");
  CHECK(kind(kGithubToken) == "GitHub token");
  CHECK(kind(std::string("github_pat_") + "11ABCDEFG0123456789_abcdefghij") == "GitHub token");
  CHECK(kind(kSlackToken) == "Slack token");
  CHECK(kind(kStripeKey) == "Stripe live key");
  CHECK(kind("Bearer " + kJwt) == "JSON web token");
  CHECK(kind("https://admin:hunter2@db.internal:5432/app") == "URL with a password");
  CHECK(kind("Server=db;User Id=app;Password=hunter2;") == "password in a connection string");
  CHECK(kind(kRandom) == "high-entropy string");
  CHECK(kind("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b82") == "high-entropy hex string");
  // The bar is lower under a name that says it holds a secret.
  CHECK(kind("hunter22!", true) == "literal under a secret-looking name");
  CHECK(kind(kSecretKey, true) == "AWS secret access key");
  CHECK_FALSE(kind("hunter22!"));
}

TEST_CASE("the detector leaves lookalikes alone") {
  for (const char* value : {
           "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf",
           "arn:aws:iam::123456789012:role/detection-api-prod-eks-node-group-role",
           "detection-api-prod-postgres-primary-instance",
           "123456789012.dkr.ecr.us-east-1.amazonaws.com/api@sha256:"
           "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
           "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
           "10.0.0.0/16",
           "2001:db8::/32",
           "123e4567-e89b-12d3-a456-426614174000",
           R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",)"
           R"("Resource":"arn:aws:s3:::bucket/*"}]})",
           "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b",  // a commit id
           "alias/detection-api-prod-database-key",
           "https://user@github.com/org/repo.git",
           "postgres://db.internal:5432/app",
           "https://${var.user}:${var.password}@db",
           "{{ .Values.database.password }}",
           "Password=${DB_PASSWORD}",
           "/aws/eks/detection-api-prod/cluster",
           "ReadWriteOnce",
           "an ordinary sentence that describes the bucket's purpose in words",
           "",
       }) {
    CAPTURE(value);
    CHECK_FALSE(kind(value));
  }
  // Under secret-looking names: references, constants and keywords.
  for (const char* value :
       {"arn:aws:secretsmanager:us-east-1:123456789012:secret:db", "${var.db_password}",
        "ROTATE_ON_DEPLOY", "required", "/prod/db/password", "abc"}) {
    CAPTURE(value);
    CHECK_FALSE(kind(value, true));
  }
}

TEST_CASE("a secret is never shown whole, only its first characters or its place") {
  CHECK(mask_secret(kAccessKeyId) == "AKIA****");
  CHECK(mask_secret("hunter2") == "****");
  CHECK(detect_secret("https://admin:hunter2@db/app", false)->masked == "https://admin:****@db");
  CHECK(detect_secret("Password=hunter2;", false)->masked == "Password=****");
  CHECK(detect_secret(kJwt, false)->masked == "eyJh****");
  CHECK(detect_secret("-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE", false)->masked ==
        "-----BEGIN ****");
  CHECK(shannon_entropy("aaaa") == 0.0);
  CHECK(shannon_entropy("abcd") == doctest::Approx(2.0));
}

TEST_CASE("scan_json names where each secret is, and skips what a plan marks sensitive") {
  const json doc = {{"config", {{"endpoint", "https://admin:hunter2@db"}, {"region", "eu-west-1"}}},
                    {"keys", {{{"id", kAccessKeyId}, {"value", kSecretKey}}}},
                    {"db_password", "s3cr3t-Pa55"}};
  const auto found = scan_json(doc, "");
  REQUIRE(found.size() == 4);
  CHECK(found[0].path == "config.endpoint");
  CHECK(found[1].path == "db_password");
  CHECK(found[2].path == "keys[0].id");
  CHECK(found[3].path == "keys[0].value");
  CHECK(found[3].match.kind == "AWS secret access key");
  const auto skipped = scan_json(doc, "", {{"db_password", true}, {"keys", true}});
  REQUIRE(skipped.size() == 1);
  CHECK(skipped[0].path == "config.endpoint");
}

TEST_CASE("KSL-SEC-001: a plaintext secret in any resource argument") {
  const auto bad =
      view("aws_ssm_parameter",
           {{"name", "/app/config"}, {"type", "String"}, {"value", "https://admin:hunter2@db"}});
  const auto found = findings(bad);
  REQUIRE(found.size() == 1);
  CHECK(found[0].rule->id == "KSL-SEC-001");
  CHECK(found[0].message == "plaintext secret: value: URL with a password (https://admin:****@db)");
  CHECK(fired(view("aws_s3_bucket", {{"bucket", "shop"}, {"tags", {{"Key", kAccessKeyId}}}})) ==
        Ids{"KSL-SEC-001"});
  // A reference (unknown), a name, or a value the plan marks sensitive.
  CHECK(fired(view("aws_ssm_parameter", {{"name", "/app/config"}, {"type", "SecureString"}}))
            .empty());
  CHECK(fired(view("aws_ssm_parameter", {{"name", "/app/token"}, {"value", kRandom}},
                   {{"value", true}}))
            .empty());
  // The message never holds the secret.
  const auto text =
      text_report({{"dev", findings(view("aws_ssm_parameter", {{"value", kStripeKey}})), {}}});
  CHECK(text.find(kStripeKey) == std::string::npos);
  CHECK(text.find("sk_l****") != std::string::npos);
}

TEST_CASE("KSL-SEC-010: database master passwords come from Secrets Manager") {
  const json base = {{"storage_encrypted", true},
                     {"backup_retention_period", 7},
                     {"multi_az", true},
                     {"deletion_protection", true}};
  json literal = base;
  literal["password"] = "hunter2-but-longer";
  const auto found = findings(view("aws_db_instance", literal));
  REQUIRE(found.size() == 1);
  CHECK(found[0].rule->id == "KSL-SEC-010");
  CHECK(found[0].message.find("hunter2") == std::string::npos);
  json managed = base;
  managed["manage_master_user_password"] = true;
  CHECK(fired(view("aws_db_instance", managed)).empty());
  // From a data source or a sensitive variable: marked by the plan.
  CHECK(fired(view("aws_db_instance", literal, {{"password", true}})).empty());
  CHECK(fired(view("aws_rds_cluster", {{"master_password", "hunter2"}})) == Ids{"KSL-SEC-010"});
  CHECK(fired(view("aws_rds_cluster", {{"manage_master_user_password", true}})).empty());
}

TEST_CASE("KSL-SEC-011: ElastiCache tokens and user passwords come from a vault") {
  const json good = {{"at_rest_encryption_enabled", true},
                     {"transit_encryption_enabled", true},
                     {"automatic_failover_enabled", true}};
  json bad = good;
  bad["auth_token"] = "a-long-enough-redis-token";
  CHECK(fired(view("aws_elasticache_replication_group", bad)) == Ids{"KSL-SEC-011"});
  CHECK(fired(view("aws_elasticache_replication_group", good)).empty());
  CHECK(fired(view("aws_elasticache_user", {{"passwords", {"p4ssw0rd-p4ssw0rd"}}})) ==
        Ids{"KSL-SEC-011"});
  CHECK(
      fired(view("aws_elasticache_user", {{"authentication_mode", {{{"type", "iam"}}}}})).empty());
}

TEST_CASE("KSL-SEC-012: Lambda and ECS variables named like secrets hold no values") {
  const json env = {{{"variables", {{"DB_PASSWORD", "hunter2"}, {"LOG_LEVEL", "info"}}}}};
  const auto found = findings(view("aws_lambda_function", {{"environment", env}}));
  REQUIRE(found.size() == 1);
  CHECK(found[0].rule->id == "KSL-SEC-012");
  CHECK(found[0].message ==
        "environment.variables holds a value for DB_PASSWORD: a secret in plain text (****)");
  // The secret's ARN is a name, not a secret; a vault's value is marked.
  CHECK(fired(view("aws_lambda_function",
                   {{"environment", {{{"variables", {{"DB_SECRET_ARN", "arn:aws:x"}}}}}}}))
            .empty());
  CHECK(fired(view("aws_lambda_function", {{"environment", env}},
                   {{"environment", {{{"variables", {{"DB_PASSWORD", true}}}}}}}))
            .empty());
  // An access key under an innocent name is the secret scan's.
  CHECK(fired(view("aws_lambda_function",
                   {{"environment", {{{"variables", {{"CONFIG", kAccessKeyId}}}}}}})) ==
        Ids{"KSL-SEC-001"});

  const json ecs = json::array(
      {{{"name", "api"},
        {"environment", {{{"name", "API_KEY"}, {"value", "abc123abc123"}}}},
        {"secrets", {{{"name", "DB_PASSWORD"}, {"valueFrom", "arn:aws:secretsmanager:x"}}}}}});
  CHECK(fired(view("aws_ecs_task_definition", {{"container_definitions", ecs.dump()}})) ==
        Ids{"KSL-SEC-012"});
  json from_secrets = ecs;
  from_secrets[0].erase("environment");
  CHECK(fired(view("aws_ecs_task_definition", {{"container_definitions", from_secrets.dump()}}))
            .empty());
}

TEST_CASE("KSL-SEC-002 and KSL-SEC-003: tfvars and chart values, at their line in the file") {
  App app{"shop"};
  auto endpoint = app.param<std::string>("endpoint", {.description = "Where the API is."});
  auto region = app.param<std::string>("replica_region", {.description = "Replica region."});
  app.param<std::string>("api_token", {.description = "Token.", .default_value = Value("")});
  app.param<std::string>("db_password", {.description = "Password.", .sensitive = true});
  auto& stack = app.stack("api");
  stack.resource("aws_ssm_parameter", "endpoint")
      .set("name", "/shop/endpoint")
      .set("type", "String")
      .set("value", endpoint)
      .set("description", region);
  const Environment env = parse_environment(
      "region: us-east-1\n"
      "account: \"123456789012\"\n"
      "backend: {bucket: shop-state}\n"
      "parameters:\n"
      "  endpoint: https://admin:hunter2@db.internal\n"
      "  replica_region: eu-west-1\n"
      "charts:\n"
      "  web:\n"
      "    config:\n"
      "      endpoint: \"https://admin:hunter2@db\"\n"
      "      region: eu-west-1\n"
      "    image:\n"
      "      digest: sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n",
      "environments/dev.yaml", "dev");
  const Plan plan = plan_app(app);
  auto result = check_environment(plan, env, resolve_parameters(env, app.parameters()));
  std::erase_if(result.findings,
                [](const Finding& f) { return !f.rule->id.starts_with("KSL-SEC-"); });
  REQUIRE(result.findings.size() == 3);
  const Finding& resource = result.findings[0];
  CHECK(resource.rule->id == "KSL-SEC-001");
  CHECK(resource.address == "module.api.aws_ssm_parameter.endpoint");
  const Finding& tfvar = result.findings[1];
  CHECK(tfvar.rule->id == "KSL-SEC-002");
  CHECK(tfvar.address == "var.endpoint");
  CHECK(tfvar.message ==
        "plaintext secret: endpoint: URL with a password (https://admin:****@db.internal)");
  CHECK(tfvar.where.file == "environments/dev.yaml");
  CHECK(tfvar.where.line == 5);
  const Finding& chart = result.findings[2];
  CHECK(chart.rule->id == "KSL-SEC-003");
  CHECK(chart.address == "charts.web.config.endpoint");
  CHECK(chart.where.line == 10);
  CHECK(chart.message == "plaintext secret: URL with a password (https://admin:****@db)");
  // Nothing anywhere holds the password itself.
  const std::string text = text_report({result});
  CHECK(text.find("hunter2") == std::string::npos);
  CHECK(text.find("environments/dev.yaml:10") != std::string::npos);

  // Without the secrets: nothing to say.
  const Environment clean = parse_environment(
      "region: us-east-1\naccount: \"123456789012\"\nbackend: {bucket: shop-state}\n"
      "parameters:\n  endpoint: https://db.internal\n  replica_region: eu-west-1\n"
      "charts:\n  web:\n    config: {endpoint: \"https://db\"}\n",
      "environments/dev.yaml", "dev");
  for (const auto& f :
       check_environment(plan, clean, resolve_parameters(clean, app.parameters())).findings)
    CHECK(!f.rule->id.starts_with("KSL-SEC-"));
}

TEST_CASE("a plan's variables are checked as the tfvars are, sensitive ones left out") {
  const std::string plan = R"({
    "format_version": "1.2",
    "variables": {
      "endpoint": {"value": "https://admin:hunter2@db"},
      "db_password": {"value": "hunter2-hunter2"},
      "zones": {"value": 2}
    },
    "configuration": {"root_module": {"variables": {"db_password": {"sensitive": true}}}}
  })";
  const auto views = plan_views(plan, "plan.json");
  REQUIRE(views.size() == 2);
  CHECK(views[0].address == "var.endpoint");
  CHECK(views[1].address == "var.zones");
  const auto found = check(views, builtin_rules(), {"dev", {}}).findings;
  REQUIRE(found.size() == 1);
  CHECK(found[0].rule->id == "KSL-SEC-002");
  CHECK(found[0].address == "var.endpoint");
}

TEST_CASE("in a plan, a sensitive argument written as a constant is a literal, not a vault's") {
  const auto plan = [](const json& expression) {
    return json{{"format_version", "1.2"},
                {"resource_changes",
                 {{{"address", "module.database.aws_db_instance.postgres[0]"},
                   {"type", "aws_db_instance"},
                   {"change",
                    {{"actions", {"create"}},
                     {"after", {{"password", "hunter2-hunter2"}}},
                     {"after_sensitive", {{"password", true}}}}}}}},
                {"configuration",
                 {{"root_module",
                   {{"module_calls",
                     {{"database",
                       {{"module",
                         {{"resources",
                           {{{"address", "aws_db_instance.postgres"},
                             {"expressions", {{"password", expression}}}}}}}}}}}}}}}}}
        .dump();
  };
  const auto ids = [](const std::string& text) {
    Ids out;
    for (const auto& f :
         check(plan_views(text, "plan.json"), {builtin_rules()}, {"dev", {}}).findings)
      if (f.rule->id.starts_with("KSL-SEC")) out.push_back(f.rule->id);
    return out;
  };
  CHECK(ids(plan({{"constant_value", "hunter2-hunter2"}})) == Ids{"KSL-SEC-010"});
  CHECK(ids(plan({{"references", {"var.db_password"}}})).empty());
}

TEST_CASE("the model and a plan of the same root find the same secrets") {
  App app{"shop"};
  auto endpoint = app.param<std::string>("endpoint", {.description = "Where the API is."});
  auto& stack = app.stack("api");
  stack.resource("aws_ssm_parameter", "config")
      .set("name", "/shop/endpoint")
      .set("type", "String")
      .set("value", endpoint);
  stack.resource("aws_db_instance", "db")
      .set("storage_encrypted", true)
      .set("backup_retention_period", 7)
      .set("multi_az", true)
      .set("deletion_protection", true)
      .set("password", "hunter2-hunter2");
  const Environment env = parse_environment(
      "region: us-east-1\naccount: \"123456789012\"\nbackend: {bucket: shop-state}\n"
      "parameters:\n  endpoint: https://admin:hunter2@db.internal\n",
      "environments/dev.yaml", "dev");
  const auto model =
      check_environment(plan_app(app), env, resolve_parameters(env, app.parameters())).findings;
  // As `tofu show -json` writes it: with the bundled schema, which leaves
  // the provider's sensitive marks out, or with the real provider's
  // (`password` and the SSM `value` are sensitive).
  const auto plan = [](bool marked) {
    const json mark_value = marked ? json{{"value", true}} : json::object();
    const json mark_password = marked ? json{{"password", true}} : json::object();
    return json{
        {"format_version", "1.2"},
        {"variables", {{"endpoint", {{"value", "https://admin:hunter2@db.internal"}}}}},
        {"resource_changes",
         {{{"address", "module.api.aws_ssm_parameter.config"},
           {"type", "aws_ssm_parameter"},
           {"change",
            {{"actions", {"create"}},
             {"after",
              {{"name", "/shop/endpoint"},
               {"type", "String"},
               {"value", "https://admin:hunter2@db.internal"}}},
             {"after_sensitive", mark_value}}}},
          {{"address", "module.api.aws_db_instance.db"},
           {"type", "aws_db_instance"},
           {"change",
            {{"actions", {"create"}},
             {"after",
              {{"storage_encrypted", true},
               {"backup_retention_period", 7},
               {"multi_az", true},
               {"deletion_protection", true},
               {"password", "hunter2-hunter2"}}},
             {"after_sensitive", mark_password}}}}}},
        {"configuration",
         {{"root_module",
           {{"module_calls",
             {{"api",
               {{"module",
                 {{"resources",
                   {{{"address", "aws_ssm_parameter.config"},
                     {"expressions", {{"value", {{"references", {"var.endpoint"}}}}}}},
                    {{"address", "aws_db_instance.db"},
                     {"expressions",
                      {{"password", {{"constant_value", "hunter2-hunter2"}}}}}}}}}}}}}}}}}}};
  };
  const auto planned = [&](bool marked) {
    return check(plan_views(plan(marked).dump(), "plan.json"), builtin_rules(), {"dev", {}})
        .findings;
  };
  const auto pairs = [](const std::vector<Finding>& findings) {
    std::set<std::pair<std::string, std::string>> out;
    for (const auto& f : findings)
      if (f.rule->id.starts_with("KSL-SEC-")) out.emplace(f.rule->id, f.address);
    return out;
  };
  const std::set<std::pair<std::string, std::string>> expected = {
      {"KSL-SEC-010", "module.api.aws_db_instance.db"},
      {"KSL-SEC-002", "var.endpoint"},
      {"KSL-SEC-001", "module.api.aws_ssm_parameter.config"}};
  CHECK(pairs(model) == expected);
  CHECK(pairs(planned(false)) == expected);
  // The literal password stays a finding where the provider marks it
  // sensitive (its configuration is a constant); the SSM value comes from a
  // variable, so the plan cannot tell it from a vault's: the tfvars finding
  // names that secret instead.
  auto without_ssm = expected;
  without_ssm.erase({"KSL-SEC-001", "module.api.aws_ssm_parameter.config"});
  CHECK(pairs(planned(true)) == without_ssm);
}
