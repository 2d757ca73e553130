#include "environments/environment.h"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <ostream>
#include <string>
#include <tuple>
#include <vector>

#include "dsl/expression.h"
#include "environments/environment_test_support.h"

namespace keelson {
namespace {

using namespace keelson::testing;

namespace fs = std::filesystem;

// `file:line:column: code message`, enough to pin a diagnostic down.
std::string summary(const Diagnostic& d) {
  return d.where.to_string() + ": " + d.code + " " + d.message;
}

std::vector<Diagnostic> problems_in(const std::string& yaml, std::string expected_name = "dev") {
  try {
    parse_environment(yaml, kFile, std::move(expected_name));
  } catch (const Error& e) {
    return e.diagnostics();
  }
  FAIL("parse_environment accepted the file");
  return {};
}

Lines summaries(const std::vector<Diagnostic>& diagnostics) {
  Lines out;
  for (const auto& d : diagnostics) out.lines.push_back(summary(d));
  return out;
}

// A fresh directory under the system temporary directory, removed afterwards.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    path_ = fs::temp_directory_path() /
            ("keelson-environment-test-" + std::to_string(stamp) + "-" + std::to_string(counter++));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const fs::path& path() const { return path_; }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name, std::ios::binary) << text;
  }

 private:
  fs::path path_;
};

TEST_CASE("a complete environment file is read into every field") {
  const std::string yaml =
      "name: prod\n"
      "region: us-east-1\n"
      "account: \"012345678901\"\n"
      "assume_role:\n"
      "  role_arn: arn:aws:iam::012345678901:role/deploy\n"
      "  session_name: keelson\n"
      "  external_id: abc\n"
      "backend:\n"
      "  bucket: detection-api-tfstate\n"
      "  region: us-west-2\n"
      "  key: \"state/{env}/{app}.tfstate\"\n"
      "  encrypt: false\n"
      "  kms_key_id: alias/tfstate\n"
      "  dynamodb_table: tf-locks\n"
      "  use_lockfile: true\n"
      "tags:\n"
      "  Environment: prod\n"
      "  CostCenter: 1234\n"
      "parameters:\n"
      "  az_count: 3\n"
      "  db_class: db.r6g.large\n";
  const Environment env = parse_environment(yaml, "environments/prod.yaml", "prod");
  CHECK(env.name == "prod");
  CHECK(env.file == "environments/prod.yaml");
  CHECK(env.region == "us-east-1");
  CHECK(env.account == "012345678901");
  REQUIRE(env.assume_role.has_value());
  CHECK(env.assume_role->role_arn == "arn:aws:iam::012345678901:role/deploy");
  CHECK(env.assume_role->session_name == "keelson");
  CHECK(env.assume_role->external_id == "abc");
  CHECK(env.backend.bucket == "detection-api-tfstate");
  CHECK(env.backend.region == "us-west-2");
  CHECK(env.backend.key == "state/{env}/{app}.tfstate");
  CHECK_FALSE(env.backend.encrypt);
  CHECK(env.backend.kms_key_id == "alias/tfstate");
  CHECK(env.backend.dynamodb_table == "tf-locks");
  CHECK(env.backend.use_lockfile);
  CHECK(env.tags ==
        std::map<std::string, std::string>{{"CostCenter", "1234"}, {"Environment", "prod"}});
  REQUIRE(env.parameters.size() == 2);
  CHECK(env.parameters.at("az_count").value == Value(3));
  CHECK(env.parameters.at("az_count").where.to_string() == "environments/prod.yaml:20:13");
  CHECK(env.parameters.at("db_class").value == Value("db.r6g.large"));
  CHECK(env.where.to_string() == "environments/prod.yaml:1:1");
  CHECK(env.parameters_where.to_string() == "environments/prod.yaml:19:1");
  CHECK(env.state_key("detection-api") == "state/prod/detection-api.tfstate");
}

TEST_CASE("optional settings take their defaults") {
  const Environment env = parse_environment(kMinimal, kFile, "dev");
  CHECK(env.name == "dev");
  CHECK_FALSE(env.assume_role.has_value());
  CHECK(env.backend.region == "us-east-1");
  CHECK(env.backend.key == "{app}/{env}/terraform.tfstate");
  CHECK(env.backend.encrypt);
  CHECK(env.backend.kms_key_id.empty());
  CHECK(env.backend.dynamodb_table.empty());
  CHECK(env.tags.empty());
  CHECK(env.parameters.empty());
  CHECK(env.parameters_where.to_string() == "environments/dev.yaml:1:1");
  CHECK(env.state_key("detection-api") == "detection-api/dev/terraform.tfstate");
}

TEST_CASE("optional sections with nothing under them are ignored") {
  const Environment env = parse_environment(std::string(kMinimal) +
                                                "assume_role:\n"
                                                "tags:\n"
                                                "parameters:\n",
                                            kFile, "dev");
  CHECK_FALSE(env.assume_role.has_value());
  CHECK(env.tags.empty());
  CHECK(env.parameters.empty());
  CHECK(env.parameters_where.to_string() == "environments/dev.yaml:8:1");
}

TEST_CASE("a plain account number keeps its leading zeros") {
  const std::string yaml =
      "region: eu-west-2\n"
      "account: 012345678901\n"
      "backend: {bucket: my.state-bucket, dynamodb_table: locks}\n";
  const Environment env = parse_environment(yaml, kFile, "dev");
  CHECK(env.account == "012345678901");
  CHECK(env.region == "eu-west-2");
  CHECK(env.backend.bucket == "my.state-bucket");
  CHECK_FALSE(env.backend.use_lockfile);
}

TEST_CASE("GovCloud and other partitions' regions are accepted") {
  for (const char* region : {"us-gov-west-1", "ap-southeast-2", "cn-north-1", "us-iso-east-1",
                             "il-central-1", "eusc-de-east-1"}) {
    CAPTURE(region);
    CHECK(parse_environment(
              "region: " + std::string(region) + "\n" + std::string(kMinimal).substr(18), kFile,
              "dev")
              .region == region);
  }
}

TEST_CASE("plain parameter scalars follow the YAML core schema and quoted ones are strings") {
  const std::string yaml = std::string(kMinimal) +
                           "parameters:\n"
                           "  count: 3\n"
                           "  negative: -12\n"
                           "  hex: 0x1F\n"
                           "  version: 1.20\n"
                           "  flag: True\n"
                           "  nothing: ~\n"
                           "  empty:\n"
                           "  quoted: \"3\"\n"
                           "  word: yes\n"
                           "  zones: [a, 2, \"b\"]\n"
                           "  sizes: {small: 1, large: 2.5}\n"
                           "  huge: 1e999\n"
                           "  big: 99999999999999999999\n";
  const Environment env = parse_environment(yaml, kFile, "dev");
  const auto& p = env.parameters;
  CHECK(p.at("count").value.kind() == Value::Kind::kInt);
  CHECK(p.at("count").value.as_int() == 3);
  CHECK(p.at("count").text == "3");
  CHECK(p.at("negative").value.as_int() == -12);
  CHECK(p.at("hex").value.as_int() == 31);
  CHECK(p.at("version").value.kind() == Value::Kind::kFloat);
  CHECK(p.at("version").value.as_number() == 1.2);
  CHECK(p.at("version").text == "1.20");
  CHECK(p.at("flag").value == Value(true));
  CHECK(p.at("nothing").value.is_null());
  CHECK(p.at("empty").value.is_null());
  CHECK(p.at("empty").where.to_string() == "environments/dev.yaml:13:3");
  CHECK(p.at("quoted").value.kind() == Value::Kind::kString);
  CHECK(p.at("quoted").value.as_string() == "3");
  CHECK(p.at("word").value == Value("yes"));
  CHECK(p.at("zones").value == Value::list({"a", 2, "b"}));
  CHECK(p.at("zones").text.empty());
  CHECK(p.at("zones").where.to_string() == "environments/dev.yaml:16:10");
  CHECK(p.at("sizes").value == Value::map({{"small", 1}, {"large", 2.5}}));
  CHECK(p.at("huge").value == Value("1e999"));
  CHECK(p.at("big").value.kind() == Value::Kind::kFloat);
  CHECK(p.at("big").value.as_number() == 1e20);
}

TEST_CASE("unknown keys are reported at every level with a did-you-mean hint") {
  const std::string yaml =
      "regoin: us-east-1\n"
      "account: \"123456789012\"\n"
      "backend:\n"
      "  bucket: detection-api-tfstate\n"
      "  use_lockfile: true\n"
      "  encrpyt: true\n"
      "colour: blue\n";
  const auto problems = problems_in(yaml);
  CHECK(summaries(problems) ==
        Lines{
            "environments/dev.yaml:1:1: K2003 unknown key \"regoin\"",
            "environments/dev.yaml:1:1: K2005 missing required key \"region\"",
            "environments/dev.yaml:6:3: K2003 unknown key \"encrpyt\" in backend",
            "environments/dev.yaml:7:1: K2003 unknown key \"colour\"",
        });
  CHECK(problems[0].hint == "did you mean \"region\"?");
  CHECK(problems[1].hint == "region: us-east-1");
  CHECK(problems[2].hint == "did you mean \"encrypt\"?");
  CHECK(problems[3].hint ==
        "valid keys are name, region, account, assume_role, backend, tags, parameters, charts, "
        "policy, isolation, cost");
}

TEST_CASE("a node of the wrong kind names what was expected") {
  const std::string yaml =
      "region: [us-east-1]\n"
      "account: \"123456789012\"\n"
      "backend: s3\n"
      "tags:\n"
      "  - Environment\n"
      "parameters: 3\n";
  CHECK(summaries(problems_in(yaml)) ==
        Lines{
            "environments/dev.yaml:1:9: K2002 region: expected a string, got a list",
            "environments/dev.yaml:3:10: K2002 backend: expected a map, got a string",
            "environments/dev.yaml:5:3: K2002 tags: expected a map, got a list",
            "environments/dev.yaml:6:13: K2002 parameters: expected a map, got a number",
        });
}

TEST_CASE("a file that is not a map is reported once") {
  CHECK(summaries(problems_in("- region: us-east-1\n")) ==
        Lines{"environments/dev.yaml:1:1: K2002 expected a map at the top level, got a list"});
  CHECK(summaries(problems_in("# nothing yet\n")) ==
        Lines{"environments/dev.yaml:1:1: K2002 the file is empty; expected a map with region, "
              "account and backend"});
}

TEST_CASE("missing required settings are each reported") {
  CHECK(summaries(problems_in("tags: {}\n")) ==
        Lines{
            "environments/dev.yaml:1:1: K2005 missing required key \"region\"",
            "environments/dev.yaml:1:1: K2005 missing required key \"account\"",
            "environments/dev.yaml:1:1: K2005 missing required key \"backend\"",
        });
  const std::string no_bucket =
      "region: us-east-1\n"
      "account: \"123456789012\"\n"
      "backend:\n"
      "  use_lockfile: true\n";
  const auto problems = problems_in(no_bucket);
  CHECK(summaries(problems) ==
        Lines{"environments/dev.yaml:3:1: K2005 missing required key \"bucket\" in backend"});
}

TEST_CASE("a backend with nothing under it is reported") {
  const std::string yaml =
      "region: us-east-1\n"
      "account: \"123456789012\"\n"
      "backend:\n";
  CHECK(summaries(problems_in(yaml)) ==
        Lines{"environments/dev.yaml:3:1: K2005 backend has no value"});
}

TEST_CASE("an empty required value is reported at its key") {
  const std::string yaml = std::string("region:\n") + std::string(kMinimal).substr(18);
  CHECK(summaries(problems_in(yaml)) ==
        Lines{"environments/dev.yaml:1:1: K2005 region has no value"});
}

TEST_CASE("a region that is not an AWS region is rejected with the expected format") {
  const std::string yaml =
      std::string("region: us-east\n") + std::string(kMinimal).substr(18) + "  region: useast1\n";
  const auto problems = problems_in(yaml);
  CHECK(summaries(problems) ==
        Lines{
            "environments/dev.yaml:1:9: K2008 region \"us-east\" is not an AWS region",
            "environments/dev.yaml:6:11: K2008 backend.region \"useast1\" is not an AWS region",
        });
  CHECK(problems[0].hint == "AWS regions look like us-east-1, eu-west-2 or us-gov-west-1");
}

TEST_CASE("an account ID must be exactly 12 digits") {
  const std::string yaml =
      "region: us-east-1\n"
      "account: \"12345678901\"\n"
      "backend: {bucket: detection-api-tfstate, use_lockfile: true}\n";
  const auto problems = problems_in(yaml);
  CHECK(
      summaries(problems) ==
      Lines{"environments/dev.yaml:2:10: K2009 account \"12345678901\" is not an AWS account ID"});
  CHECK(problems[0].hint == "an AWS account ID is exactly 12 digits, like \"123456789012\"");
}

TEST_CASE("the assume_role block needs a role ARN that looks like one") {
  const std::string bad_arn = std::string(kMinimal) +
                              "assume_role:\n"
                              "  role_arn: arn:aws:iam::123:role/deploy\n";
  CHECK(summaries(problems_in(bad_arn)) ==
        Lines{"environments/dev.yaml:7:13: K2010 assume_role.role_arn "
              "\"arn:aws:iam::123:role/deploy\" is not an "
              "IAM role ARN"});
  const std::string no_arn = std::string(kMinimal) +
                             "assume_role:\n"
                             "  session_name: ci\n";
  CHECK(summaries(problems_in(no_arn)) ==
        Lines{"environments/dev.yaml:6:1: K2005 missing required key \"role_arn\" in assume_role"});
  const std::string gov = std::string(kMinimal) +
                          "assume_role:\n"
                          "  role_arn: arn:aws-us-gov:iam::123456789012:role/ops/deploy\n";
  CHECK(parse_environment(gov, kFile, "dev").assume_role->role_arn ==
        "arn:aws-us-gov:iam::123456789012:role/ops/deploy");
}

TEST_CASE("bucket names follow the S3 naming rules") {
  const auto problem_with = [](const std::string& bucket) {
    const std::string yaml =
        "region: us-east-1\n"
        "account: \"123456789012\"\n"
        "backend:\n"
        "  bucket: " +
        bucket + "\n  use_lockfile: true\n";
    const auto problems = problems_in(yaml);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].code == "K2011");
    CHECK(problems[0].where.to_string() == "environments/dev.yaml:4:11");
    CHECK(problems[0].hint ==
          "S3 bucket names are 3 to 63 lowercase letters, digits, dots and hyphens, starting and "
          "ending with a "
          "letter or digit");
    return problems[0].message;
  };
  CHECK(problem_with("Detection_API") ==
        "backend.bucket \"Detection_API\" is not a valid S3 bucket name: it may contain only "
        "lowercase letters, "
        "digits, dots and hyphens");
  CHECK(problem_with("ab") ==
        "backend.bucket \"ab\" is not a valid S3 bucket name: it must be 3 to 63 characters long");
  CHECK(problem_with(std::string(64, 'a')).find("must be 3 to 63 characters long") !=
        std::string::npos);
  CHECK(problem_with("-state") ==
        "backend.bucket \"-state\" is not a valid S3 bucket name: it must start and end with a "
        "letter or digit");
  CHECK(problem_with("my..state") ==
        "backend.bucket \"my..state\" is not a valid S3 bucket name: it must not contain two dots "
        "in a row");
  CHECK(problem_with("192.168.1.1") ==
        "backend.bucket \"192.168.1.1\" is not a valid S3 bucket name: it must not look like an IP "
        "address");
}

TEST_CASE("state locking is mandatory") {
  const std::string yaml =
      "region: us-east-1\n"
      "account: \"123456789012\"\n"
      "backend:\n"
      "  bucket: detection-api-tfstate\n"
      "  use_lockfile: false\n";
  const auto problems = problems_in(yaml);
  CHECK(summaries(problems) ==
        Lines{"environments/dev.yaml:3:1: K2014 the backend has no state locking"});
  CHECK(problems[0].hint ==
        "remove use_lockfile: false (S3 native locking is the default) or set dynamodb_table");
}

TEST_CASE("S3 native locking is the default; the DynamoDB table only when asked for") {
  const std::string head =
      "region: us-east-1\n"
      "account: \"123456789012\"\n"
      "backend:\n"
      "  bucket: detection-api-tfstate\n";
  const Environment plain = parse_environment(head, kFile, "dev");
  CHECK(plain.backend.use_lockfile);
  CHECK(plain.backend.dynamodb_table.empty());

  const Environment table = parse_environment(head + "  dynamodb_table: locks\n", kFile, "dev");
  CHECK_FALSE(table.backend.use_lockfile);
  CHECK(table.backend.dynamodb_table == "locks");

  // Both at once: the migration from the table to the lock file.
  const Environment both =
      parse_environment(head + "  dynamodb_table: locks\n  use_lockfile: true\n", kFile, "dev");
  CHECK(both.backend.use_lockfile);
  CHECK(both.backend.dynamodb_table == "locks");
}

TEST_CASE("booleans must be plain true or false") {
  const std::string yaml =
      std::string(kMinimal) + "  encrypt: yes\n" + "  use_lockfile: \"true\"\n";
  const auto problems = problems_in(yaml);
  CHECK(
      summaries(problems) ==
      Lines{
          "environments/dev.yaml:6:12: K2006 backend.encrypt: expected true or false, got \"yes\"",
          "environments/dev.yaml:7:3: K2004 duplicate key \"use_lockfile\" in backend",
      });
  CHECK(problems[1].hint == "first given at environments/dev.yaml:5:3");
  const std::string quoted =
      "region: us-east-1\n"
      "account: \"123456789012\"\n"
      "backend: {bucket: detection-api-tfstate, dynamodb_table: locks, encrypt: \"false\"}\n";
  const auto quoted_problems = problems_in(quoted);
  CHECK(summaries(quoted_problems) == Lines{"environments/dev.yaml:3:74: K2006 backend.encrypt: "
                                            "expected true or false, got \"false\""});
  CHECK(quoted_problems[0].hint == "a quoted value is a string; remove the quotes");
}

TEST_CASE("the state key may only use the {app} and {env} placeholders") {
  const auto problems =
      problems_in(std::string(kMinimal) + "  key: \"{app}/{region}/{envv}.tfstate\"\n");
  CHECK(summaries(problems) ==
        Lines{
            "environments/dev.yaml:6:8: K2012 unknown placeholder {region} in backend.key",
            "environments/dev.yaml:6:8: K2012 unknown placeholder {envv} in backend.key",
        });
  CHECK(problems[0].hint == "the state key may use {app} and {env}");
  CHECK(problems[1].hint == "did you mean {env}? the state key may use {app} and {env}");
  CHECK(summaries(problems_in(std::string(kMinimal) + "  key: \"{app/state\"\n")) ==
        Lines{"environments/dev.yaml:6:8: K2013 backend.key \"{app/state\" has a { with no }"});
  CHECK(summaries(problems_in(std::string(kMinimal) + "  key: /{app}/state\n")) ==
        Lines{"environments/dev.yaml:6:8: K2013 backend.key \"/{app}/state\" must not start or end "
              "with / or "
              "contain //"});
}

TEST_CASE("a name that differs from the file name is rejected") {
  const auto problems = problems_in("name: prd\n" + std::string(kMinimal), "prod");
  CHECK(
      summaries(problems) ==
      Lines{"environments/dev.yaml:1:7: K2007 name \"prd\" does not match the file name \"prod\""});
  CHECK(problems[0].hint == "write name: prod or leave the name out");
  CHECK(parse_environment("name: qa\n" + std::string(kMinimal), "qa.yaml", "").name == "qa");
}

TEST_CASE("a YAML syntax error is reported at its position") {
  const std::string yaml =
      "region: us-east-1\n"
      "tags: [a, b\n"
      "account: \"123456789012\"\n";
  const auto problems = problems_in(yaml);
  CHECK(summaries(problems) ==
        Lines{"environments/dev.yaml:3:8: K2001 invalid YAML: end of sequence flow not found"});
}

TEST_CASE("only one YAML document is allowed") {
  CHECK(summaries(problems_in(std::string(kMinimal) + "---\nregion: eu-west-1\n")) ==
        Lines{"environments/dev.yaml:7:1: K2017 expected one YAML document, found 2"});
}

TEST_CASE("tag keys and values follow the AWS limits") {
  const std::string yaml = std::string(kMinimal) +
                           "tags:\n"
                           "  aws:owner: me\n"
                           "  AWS:Team: x\n"
                           "  " +
                           std::string(129, 'k') + ": v\n" + "  Long: " + std::string(257, 'v') +
                           "\n" + "  Nested: {a: b}\n" + "  Fine: " + std::string(256, 'v') + "\n";
  const auto problems = problems_in(yaml);
  CHECK(summaries(problems) ==
        Lines{
            "environments/dev.yaml:7:3: K2015 tag key \"aws:owner\" must not start with \"aws:\"",
            "environments/dev.yaml:8:3: K2015 tag key \"AWS:Team\" must not start with \"aws:\"",
            "environments/dev.yaml:9:3: K2015 tag key \"" + std::string(129, 'k') +
                "\" must be 1 to 128 characters long",
            "environments/dev.yaml:10:9: K2016 the value of tag \"Long\" is longer than 256 "
            "characters",
            "environments/dev.yaml:11:11: K2002 tags.Nested: expected a string, got a map",
        });
  CHECK(problems[0].hint == "AWS reserves the aws: prefix for its own tags");
}

TEST_CASE("every problem in a file is reported at once") {
  const std::string yaml =
      "region: mars-1\n"
      "account: 42\n"
      "backend:\n"
      "  bucket: BAD\n"
      "  use_lockfile: false\n";
  const auto problems = problems_in(yaml);
  REQUIRE(problems.size() == 4);
  CHECK(problems[0].code == "K2008");
  CHECK(problems[1].code == "K2009");
  CHECK(problems[2].code == "K2014");
  CHECK(problems[3].code == "K2011");
  CHECK_THROWS_WITH_AS(
      parse_environment(yaml, kFile, "dev"),
      doctest::Contains(
          "environments/dev.yaml:2:10: error: account \"42\" is not an AWS account ID "
          "(K2009)\n  hint: an AWS account ID is exactly 12 digits"),
      Error);
}

TEST_CASE("environments are listed by file stem, sorted") {
  TempDir dir;
  dir.write("staging.yaml", kMinimal);
  dir.write("dev.yaml", kMinimal);
  dir.write("prod.yml", kMinimal);
  dir.write("notes.txt", "not an environment");
  dir.write(".hidden.yaml", kMinimal);
  fs::create_directory(dir.path() / "archive.yaml");
  CHECK(list_environments(dir.path()) == std::vector<std::string>{"dev", "prod", "staging"});
  CHECK(list_environments(dir.path() / "missing").empty());
}

TEST_CASE("an environment is loaded from its .yaml or .yml file") {
  TempDir dir;
  dir.write("dev.yaml", kMinimal);
  dir.write("prod.yml", "name: prod\n" + std::string(kMinimal));
  const Environment dev = load_environment(dir.path(), "dev");
  CHECK(dev.name == "dev");
  CHECK(dev.file == (dir.path() / "dev.yaml").string());
  const Environment prod = load_environment(dir.path(), "prod");
  CHECK(prod.name == "prod");
  CHECK(prod.file == (dir.path() / "prod.yml").string());
}

TEST_CASE("problems in a loaded file carry the file's path") {
  TempDir dir;
  dir.write("dev.yaml", "name: development\n" + std::string(kMinimal));
  try {
    load_environment(dir.path(), "dev");
    FAIL("load_environment accepted the file");
  } catch (const Error& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].code == "K2007");
    CHECK(e.diagnostics()[0].where.file == (dir.path() / "dev.yaml").string());
    CHECK(e.diagnostics()[0].where.line == 1);
  }
}

TEST_CASE("an unknown environment lists the available ones with a did-you-mean hint") {
  TempDir dir;
  dir.write("dev.yaml", kMinimal);
  dir.write("prod.yaml", kMinimal);
  dir.write("staging.yaml", kMinimal);
  try {
    load_environment(dir.path(), "prd");
    FAIL("load_environment found an environment that does not exist");
  } catch (const Error& e) {
    REQUIRE(e.diagnostics().size() == 1);
    const Diagnostic& d = e.diagnostics()[0];
    CHECK(d.code == "K2031");
    CHECK(d.message == "unknown environment \"prd\"");
    CHECK(d.hint == "did you mean \"prod\"? available environments: dev, prod, staging");
  }
  CHECK_THROWS_WITH_AS(load_environment(dir.path(), "qa"),
                       "error: unknown environment \"qa\" (K2031)\n  hint: available environments: "
                       "dev, prod, staging",
                       Error);
  CHECK_THROWS_WITH_AS(load_environment(dir.path(), "../dev"),
                       doctest::Contains("unknown environment"), Error);
}

TEST_CASE("a missing environments directory is an error") {
  TempDir dir;
  const std::string missing =
      "error: environments directory \"" + (dir.path() / "nowhere").string() +
      "\" does not exist (K2030)\n  hint: create it with one <name>.yaml file "
      "per environment";
  CHECK_THROWS_WITH_AS(load_environment(dir.path() / "nowhere", "dev"), missing.c_str(), Error);
  dir.write("file.yaml", kMinimal);
  CHECK_THROWS_WITH_AS(load_environment(dir.path() / "file.yaml", "dev"),
                       doctest::Contains("is not a directory (K2030)"), Error);
  fs::remove(dir.path() / "file.yaml");
  const std::string expected =
      "error: unknown environment \"dev\" (K2031)\n  hint: there are no environment files (*.yaml) "
      "in " +
      dir.path().string();
  CHECK_THROWS_WITH_AS(load_environment(dir.path(), "dev"), expected.c_str(), Error);
}

TEST_CASE("an environment defined by both a .yaml and a .yml file is ambiguous") {
  TempDir dir;
  dir.write("dev.yaml", kMinimal);
  dir.write("dev.yml", kMinimal);
  CHECK_THROWS_WITH_AS(load_environment(dir.path(), "dev"), doctest::Contains("(K2032)"), Error);
}

// Declared parameters shared by the resolve_parameters tests.
struct Declared {
  Declared() {
    ParamSpec az;
    az.min = 1;
    az.max = 6;
    ParamSpec db;
    db.allowed = {"db.t4g.medium", "db.r6g.large"};
    db.default_value = Value("db.t4g.medium");
    ParamSpec flag;
    flag.default_value = Value(false);
    ParamSpec zones;
    zones.default_value = Value::list({});
    ParamSpec labels;
    labels.default_value = Value::map({});
    const SourceLocation where{"main.cpp", 10, 3};
    parameters.emplace_back("az_count", ParamType::number(), az, where);
    parameters.emplace_back("db_class", ParamType::string(), db, where);
    parameters.emplace_back("k8s_version", ParamType::string(), ParamSpec{}, where);
    parameters.emplace_back("enabled", ParamType::boolean(), flag, where);
    parameters.emplace_back("zones", ParamType::list(ParamType::string()), zones, where);
    parameters.emplace_back("labels", ParamType::map(ParamType::string()), labels, where);
    for (const auto& p : parameters) pointers.push_back(&p);
  }
  std::vector<Parameter> parameters;
  std::vector<const Parameter*> pointers;
};

std::vector<Diagnostic> resolve_problems(const std::string& parameters_yaml) {
  const Declared declared;
  const Environment env = parse_environment(std::string(kMinimal) + parameters_yaml, kFile, "dev");
  try {
    resolve_parameters(env, declared.pointers);
  } catch (const Error& e) {
    return e.diagnostics();
  }
  FAIL("resolve_parameters accepted the values");
  return {};
}

TEST_CASE("parameter values are coerced to their declared types") {
  const Declared declared;
  const std::string yaml = std::string(kMinimal) +
                           "parameters:\n"
                           "  az_count: 3\n"
                           "  k8s_version: 1.20\n"
                           "  enabled: true\n"
                           "  zones: [1.10, b, true]\n"
                           "  labels: {team: 7, on: false}\n";
  const Value::Map resolved =
      resolve_parameters(parse_environment(yaml, kFile, "dev"), declared.pointers);
  CHECK(resolved == Value::Map{
                        {"az_count", 3},
                        {"k8s_version", "1.20"},
                        {"enabled", true},
                        {"zones", Value::list({"1.10", "b", "true"})},
                        {"labels", Value::map({{"team", "7"}, {"on", "false"}})},
                    });
  CHECK(resolved.at("az_count").kind() == Value::Kind::kInt);
}

TEST_CASE("values are coerced from the scalar text when the nested source is absent") {
  const Declared declared;
  Environment env = parse_environment(
      std::string(kMinimal) + "parameters:\n  az_count: 1\n  k8s_version: 1.30\n", kFile, "dev");
  env.parameters.at("k8s_version").source = Value();
  CHECK(resolve_parameters(env, declared.pointers).at("k8s_version") == Value("1.30"));
}

TEST_CASE("rules relating parameters are checked with the environment's values (K2046)") {
  Declared declared;
  Parameter& az = declared.parameters[0];
  Parameter& enabled = declared.parameters[3];
  // enabled needs two zones or more; the zone count must not be 5.
  enabled.add_rule({logical_or(logical_not(enabled.ref()), ge(az.ref(), 2)),
                    "enabled needs az_count of 2 or more."});
  az.add_rule({ne(az.ref(), 5), "az_count must not be 5."});
  // A rule keelson cannot evaluate is left to Terraform.
  az.add_rule({fn::call("can", {fn::call("regex", {"x", declared.parameters[2].ref()})}),
               "never checked here."});
  const auto resolve = [&](const std::string& values) {
    return resolve_parameters(
        parse_environment(std::string(kMinimal) + "parameters:\n" + values, kFile, "dev"),
        declared.pointers);
  };
  CHECK(resolve("  az_count: 2\n  k8s_version: \"1.33\"\n  enabled: true\n").size() == 3);
  CHECK(resolve("  az_count: 1\n  k8s_version: \"1.33\"\n").size() == 2);  // enabled's default
  try {
    resolve("  az_count: 5\n  k8s_version: \"1.33\"\n  enabled: true\n");
    FAIL("the rule did not fire");
  } catch (const Error& e) {
    CHECK(
        summaries(e.diagnostics()) ==
        Lines{"environments/dev.yaml:7:13: K2046 parameter \"az_count\": az_count must not be 5."});
  }
  try {
    resolve("  az_count: 1\n  k8s_version: \"1.33\"\n  enabled: true\n");
    FAIL("the rule did not fire");
  } catch (const Error& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].message ==
          "parameter \"enabled\": enabled needs az_count of 2 or more.");
    CHECK(e.diagnostics()[0].where.to_string() == "environments/dev.yaml:9:12");
    CHECK(e.diagnostics()[0].hint ==
          "an App::rule on \"enabled\" (the parameter declared at main.cpp:10:3) relates it "
          "to other parameters");
  }
}

TEST_CASE("policy: required tags, severities and suppressions with reasons") {
  const Environment env = parse_environment(std::string(kMinimal) +
                                                "policy:\n"
                                                "  required_tags: [CostCenter, Owner]\n"
                                                "  severity: {KSL-RDS-011: info}\n"
                                                "  suppress:\n"
                                                "    - rule: KSL-ELC-001\n"
                                                "      path: database/redis\n"
                                                "      reason: Throwaway cache.\n",
                                            kFile, "dev");
  CHECK(env.policy.required_tags == std::vector<std::string>{"CostCenter", "Owner"});
  CHECK(env.policy.severity.at("KSL-RDS-011") == "info");
  REQUIRE(env.policy.suppress.size() == 1);
  CHECK(env.policy.suppress[0].rule == "KSL-ELC-001");
  CHECK(env.policy.suppress[0].path == "database/redis");
  CHECK(env.policy.suppress[0].reason == "Throwaway cache.");
  CHECK(env.policy.suppress[0].where.to_string() == "environments/dev.yaml:10:7");

  const auto problems = problems_in(std::string(kMinimal) +
                                    "policy:\n"
                                    "  severity: {KSL-RDS-011: fatal}\n"
                                    "  suppress:\n"
                                    "    - {rule: KSL-ELC-001}\n"
                                    "  required_tags: CostCenter\n"
                                    "  owners: []\n");
  CHECK(summaries(problems) ==
        Lines{"environments/dev.yaml:7:27: K2058 policy.severity.KSL-RDS-011: the severity must be "
              "error, warning or info, got \"fatal\"",
              "environments/dev.yaml:9:7: K2058 policy.suppress[0]: a suppression needs a rule and "
              "a reason",
              "environments/dev.yaml:10:18: K2002 policy.required_tags: expected a list, got a "
              "string",
              "environments/dev.yaml:11:3: K2003 unknown key \"owners\" in policy"});
}

TEST_CASE("policy: allowed regions and instance families, naming, permission boundary") {
  const Environment env = parse_environment(
      std::string(kMinimal) +
          "policy:\n"
          "  allowed_regions: [us-east-1, eu-west-1]\n"
          "  allowed_instance_families: [t3, m6i, r6g]\n"
          "  naming: \"^shop-[a-z0-9-]+$\"\n"
          "  permission_boundary: arn:aws:iam::123456789012:policy/boundaries/Developer\n",
      kFile, "dev");
  CHECK(env.policy.allowed_regions == std::vector<std::string>{"us-east-1", "eu-west-1"});
  CHECK(env.policy.allowed_instance_families == std::vector<std::string>{"t3", "m6i", "r6g"});
  CHECK(env.policy.naming == "^shop-[a-z0-9-]+$");
  CHECK(env.policy.permission_boundary_required);
  CHECK(env.policy.permission_boundary == "arn:aws:iam::123456789012:policy/boundaries/Developer");
  // `true`: any boundary; a name: a policy of that name; `false`: none.
  for (const auto& [text, required, boundary] :
       std::vector<std::tuple<std::string, bool, std::string>>{
           {"true", true, ""}, {"false", false, ""}, {"Developer", true, "Developer"}}) {
    const Environment e = parse_environment(
        std::string(kMinimal) + "policy: {permission_boundary: " + text + "}\n", kFile, "dev");
    CHECK(e.policy.permission_boundary_required == required);
    CHECK(e.policy.permission_boundary == boundary);
  }
  CHECK(parse_environment(kMinimal, kFile, "dev").policy.naming.empty());
  CHECK_FALSE(parse_environment(kMinimal, kFile, "dev").policy.encrypted_log_groups);
  CHECK(parse_environment(std::string(kMinimal) + "policy: {encrypted_log_groups: true}\n", kFile,
                          "dev")
            .policy.encrypted_log_groups);
  CHECK(
      summaries(problems_in(std::string(kMinimal) + "policy: {encrypted_log_groups: always}\n")) ==
      Lines{"environments/dev.yaml:6:32: K2006 policy.encrypted_log_groups: expected true or "
            "false, got \"always\""});

  const auto problems = problems_in(std::string(kMinimal) +
                                    "policy:\n"
                                    "  allowed_regions: [us-east-1, useast1, [x]]\n"
                                    "  allowed_instance_families: []\n"
                                    "  naming: \"^shop-(\"\n"
                                    "  permission_boundary: \"arn:aws:iam::1:role/x\"\n");
  CHECK(summaries(problems) ==
        Lines{"environments/dev.yaml:7:32: K2008 policy.allowed_regions[1] \"useast1\" is "
              "not an AWS region",
              "environments/dev.yaml:7:41: K2002 policy.allowed_regions[2]: expected a string, "
              "got a list",
              "environments/dev.yaml:8:30: K2070 policy.allowed_instance_families: an empty list "
              "allows nothing",
              "environments/dev.yaml:9:11: K2071 policy.naming: \"^shop-(\" is not a regular "
              "expression: Mismatched '(' and ')' in regular expression",
              "environments/dev.yaml:10:24: K2072 policy.permission_boundary: expected true, "
              "false, an IAM policy ARN or a policy name, got \"arn:aws:iam::1:role/x\""});
  const auto families =
      problems_in(std::string(kMinimal) + "policy: {allowed_instance_families: [m6i.large, t3]}\n");
  CHECK(summaries(families) ==
        Lines{"environments/dev.yaml:6:38: K2070 policy.allowed_instance_families[0]: "
              "\"m6i.large\" is not an instance family"});
}

TEST_CASE("a parameter with no default needs a value") {
  const auto problems = resolve_problems("parameters:\n  az_count: 2\n");
  CHECK(summaries(problems) == Lines{"environments/dev.yaml:6:1: K2041 missing value for parameter "
                                     "\"k8s_version\", which has no default"});
  CHECK(problems[0].hint == "add k8s_version: <string> under parameters: in environments/dev.yaml");
  const auto without_section = resolve_problems("");
  REQUIRE(without_section.size() == 2);
  CHECK(without_section[0].where.to_string() == "environments/dev.yaml:1:1");
}

TEST_CASE("an unknown parameter is reported with a did-you-mean hint") {
  const auto problems = resolve_problems(
      "parameters:\n"
      "  az_count: 2\n"
      "  k8s_version: \"1.29\"\n"
      "  az_cont: 3\n"
      "  colour: blue\n");
  CHECK(summaries(problems) ==
        Lines{
            "environments/dev.yaml:9:12: K2040 unknown parameter \"az_cont\"",
            "environments/dev.yaml:10:11: K2040 unknown parameter \"colour\"",
        });
  CHECK(problems[0].hint == "did you mean \"az_count\"?");
  CHECK(problems[1].hint ==
        "declared parameters: az_count, db_class, k8s_version, enabled, zones, labels");
}

TEST_CASE("a value out of range is reported at the value") {
  const auto problems = resolve_problems(
      "parameters:\n"
      "  k8s_version: \"1.29\"\n"
      "  az_count: 9\n");
  CHECK(
      summaries(problems) ==
      Lines{"environments/dev.yaml:8:13: K2043 parameter \"az_count\": must be at most 6, got 9"});
}

TEST_CASE("a quoted number for a number parameter is the wrong type") {
  const auto problems = resolve_problems(
      "parameters:\n"
      "  k8s_version: \"1.29\"\n"
      "  az_count: \"3\"\n");
  CHECK(summaries(problems) == Lines{"environments/dev.yaml:8:13: K2042 parameter \"az_count\": "
                                     "expected a number, got a string"});
  CHECK(problems[0].hint == "a quoted value is a string; remove the quotes");
}

TEST_CASE("every parameter problem is reported at once, in file order") {
  const auto problems = resolve_problems(
      "parameters:\n"
      "  enabled: \"true\"\n"
      "  az_count: 0\n"
      "  zones: [a, [b]]\n"
      "  db_class: db.x\n"
      "  az_cont: 3\n"
      "  labels:\n"
      "  tier: web\n");
  CHECK(
      summaries(problems) ==
      Lines{
          "environments/dev.yaml:7:12: K2042 parameter \"enabled\": expected a bool, got a string",
          "environments/dev.yaml:8:13: K2043 parameter \"az_count\": must be at least 1, got 0",
          "environments/dev.yaml:9:10: K2042 parameter \"zones\": element 1: expected a string, "
          "got a list",
          "environments/dev.yaml:10:13: K2043 parameter \"db_class\": must be one of "
          "\"db.t4g.medium\", "
          "\"db.r6g.large\"; got \"db.x\"",
          "environments/dev.yaml:11:12: K2040 unknown parameter \"az_cont\"",
          "environments/dev.yaml:12:3: K2042 parameter \"labels\": expected a map, got null",
          "environments/dev.yaml:13:9: K2040 unknown parameter \"tier\"",
          "environments/dev.yaml:6:1: K2041 missing value for parameter \"k8s_version\", which has "
          "no default",
      });
}

TEST_CASE("values far longer than AWS allows are refused by length, shortened in messages") {
  // Each of these overflowed the stack inside std::regex at about 27,000 characters.
  const std::string long_text(27000, 'a');
  const auto region = problems_in("region: " + long_text + "\n" + std::string(kMinimal).substr(18));
  CHECK(summaries(region) ==
        Lines{"environments/dev.yaml:1:9: K2008 region is 27000 characters long; AWS region names "
              "have at most 32"});
  const auto arn =
      problems_in(std::string(kMinimal) +
                  "assume_role:\n  role_arn: arn:aws:iam::123456789012:role/" + long_text + "\n");
  CHECK(summaries(arn) == Lines{"environments/dev.yaml:7:13: K2010 assume_role.role_arn is 27031 "
                                "characters long; ARNs have at most 2048"});
  const auto lockfile = problems_in(
      "region: us-east-1\naccount: \"123456789012\"\nbackend:\n  bucket: detection-api-tfstate\n"
      "  use_lockfile: " +
      long_text + "\n");
  CHECK(summaries(lockfile) ==
        Lines{"environments/dev.yaml:5:17: K2006 backend.use_lockfile: expected true or false, "
              "got \"" +
              std::string(100, 'a') + "\"... (27000 characters)"});
  const auto key = problems_in(std::string(kMinimal) + "  key: " + std::string(1025, 'k') + "\n");
  CHECK(summaries(key) == Lines{"environments/dev.yaml:6:8: K2013 backend.key is 1025 bytes long; "
                                "S3 object keys have at most 1024"});
}

TEST_CASE("role session names, external IDs, lock tables and KMS keys follow AWS's rules") {
  const auto problems = problems_in(
      "region: us-east-1\n"
      "account: \"123456789012\"\n"
      "assume_role:\n"
      "  role_arn: arn:aws:iam::123456789012:role/deploy\n"
      "  session_name: keelson ci\n"
      "  external_id: x\n"
      "backend:\n"
      "  bucket: detection-api-tfstate\n"
      "  dynamodb_table: tf locks\n"
      "  kms_key_id: " +
      std::string(2049, 'k') + "\n");
  CHECK(summaries(problems) ==
        Lines{
            "environments/dev.yaml:5:17: K2027 assume_role.session_name \"keelson ci\" is not a "
            "valid role session name: it may contain only letters, digits and +=,.@_-",
            "environments/dev.yaml:6:16: K2028 assume_role.external_id \"x\" is not a valid "
            "external ID: it must be 2 to 1224 characters long",
            "environments/dev.yaml:9:19: K2029 backend.dynamodb_table \"tf locks\" is not a valid "
            "DynamoDB table name: it may contain only letters, digits, underscores, dots and "
            "hyphens",
            "environments/dev.yaml:10:15: K2045 backend.kms_key_id \"" + std::string(100, 'k') +
                "\"... (2049 characters) is not a valid KMS key ID, ARN or alias: it must be 1 "
                "to 2048 characters long",
        });
  const Environment env =
      parse_environment(std::string(kMinimal) +
                            "  dynamodb_table: tf-locks.v2\n"
                            "  kms_key_id: arn:aws:kms:us-east-1:123456789012:alias/tf-state\n"
                            "assume_role:\n"
                            "  role_arn: arn:aws:iam::123456789012:role/deploy\n"
                            "  session_name: keelson@ci=1\n"
                            "  external_id: urn:org/123\n",
                        kFile, "dev");
  CHECK(env.backend.dynamodb_table == "tf-locks.v2");
  CHECK(env.assume_role->session_name == "keelson@ci=1");
  CHECK(env.assume_role->external_id == "urn:org/123");
}

// Parameters of the kinds the whole-number and pattern checks concern.
struct Typed {
  Typed() {
    const SourceLocation where{"main.cpp", 12, 3};
    parameters.emplace_back("az_count", ParamType::of<int>(), ParamSpec{}, where);
    ParamSpec budget;
    budget.default_value = Value(100);
    parameters.emplace_back("budget", ParamType::of<std::int64_t>(), budget, where);
    ParamSpec db_class;
    db_class.pattern = R"(db\.[a-z0-9]+\.[a-z0-9]+)";
    db_class.default_value = Value("db.t4g.micro");
    parameters.emplace_back("db_class", ParamType::string(), db_class, where);
    ParamSpec ratio;
    ratio.default_value = Value(0.5);
    parameters.emplace_back("ratio", ParamType::of<double>(), ratio, where);
    for (const auto& p : parameters) pointers.push_back(&p);
  }
  std::vector<Parameter> parameters;
  std::vector<const Parameter*> pointers;
};

std::vector<Diagnostic> typed_problems(const std::string& parameters_yaml) {
  const Typed typed;
  const Environment env = parse_environment(std::string(kMinimal) + parameters_yaml, kFile, "dev");
  try {
    resolve_parameters(env, typed.pointers);
  } catch (const Error& e) {
    return e.diagnostics();
  }
  FAIL("resolve_parameters accepted the values");
  return {};
}

TEST_CASE("an int or int64 parameter refuses a fraction and takes a whole float as an int") {
  CHECK(summaries(typed_problems("parameters:\n  az_count: 1.5\n  budget: 2.25\n")) ==
        Lines{
            "environments/dev.yaml:7:13: K2042 parameter \"az_count\": expected a whole number, "
            "got a number with a fraction",
            "environments/dev.yaml:8:11: K2042 parameter \"budget\": expected a whole number, got "
            "a number with a fraction",
        });
  CHECK(summaries(typed_problems("parameters:\n  az_count: 3000000000\n")) ==
        Lines{"environments/dev.yaml:7:13: K2042 parameter \"az_count\": expected a whole number "
              "from -2147483648 to 2147483647"});
  const Typed typed;
  const Value::Map resolved = resolve_parameters(
      parse_environment(std::string(kMinimal) + "parameters:\n  az_count: 3.0\n  budget: 1e10\n",
                        kFile, "dev"),
      typed.pointers);
  CHECK(resolved.at("az_count").kind() == Value::Kind::kInt);
  CHECK(resolved.at("az_count").as_int() == 3);
  CHECK(resolved.at("budget").as_int() == 10000000000);
}

TEST_CASE("a number too large for a double is refused with the reason") {
  for (const std::string& text : {std::string("1e999"), std::string(27000, '9')}) {
    const auto problems = typed_problems("parameters:\n  az_count: 1\n  ratio: " + text + "\n");
    CHECK(summaries(problems) == Lines{"environments/dev.yaml:8:10: K2042 parameter \"ratio\": "
                                       "expected a number, got a string"});
    CHECK(problems[0].hint ==
          "the number is out of range: numbers go up to about 1.8e308, with 15 significant digits");
  }
  CHECK(summaries(typed_problems("parameters:\n  az_count: 1\n  ratio: .inf\n")) ==
        Lines{"environments/dev.yaml:8:10: K2042 parameter \"ratio\": expected a finite number, "
              "got infinity"});
}

TEST_CASE("a long value is checked against a pattern without exhausting the stack") {
  CHECK(summaries(typed_problems("parameters:\n  az_count: 1\n  db_class: db." +
                                 std::string(60000, 'r') + "\n")) ==
        Lines{"environments/dev.yaml:8:13: K2043 parameter \"db_class\": must match the pattern "
              "db\\.[a-z0-9]+\\.[a-z0-9]+"});
}

TEST_CASE("a value is not checked against a pattern that is not RE2 (the App reports it)") {
  std::vector<Parameter> parameters;
  ParamSpec spec;
  spec.pattern = "(?<name>[a-z]+)\\k<name>";
  parameters.emplace_back("user", ParamType::string(), spec, SourceLocation{"main.cpp", 21, 15});
  const Environment env =
      parse_environment(std::string(kMinimal) + "parameters:\n  user: bob\n", kFile, "dev");
  CHECK(resolve_parameters(env, {&parameters[0]}).at("user") == Value("bob"));
}

}  // namespace
}  // namespace keelson
