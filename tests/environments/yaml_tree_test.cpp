// The YAML safety layer, through parse_environment: no file may crash, hang
// or exhaust memory, and each refusal names its file, line and column.
#include "environments/yaml_tree.h"

#include <doctest/doctest.h>

#include <initializer_list>
#include <ostream>
#include <string>
#include <vector>

#include "environments/environment.h"
#include "environments/environment_test_support.h"

namespace keelson {
namespace {

using namespace keelson::testing;

// `file:line:column: code message` of each problem parse_environment reports.
Lines problems_in(const std::string& yaml) {
  try {
    parse_environment(yaml, kFile, "dev");
  } catch (const Error& e) {
    Lines out;
    for (const auto& d : e.diagnostics()) {
      out.lines.push_back(d.where.to_string() + ": " + d.code + " " + d.message);
    }
    return out;
  }
  FAIL("parse_environment accepted the file");
  return {};
}

TEST_CASE("a ',' that yaml-cpp would read forever is refused where it stands") {
  // yaml-cpp 0.7 starts an empty document at such a comma again and again.
  CHECK(problems_in(",") ==
        Lines{"environments/dev.yaml:1:1: K2026 invalid YAML: a ',' outside [ ] or { } cannot "
              "start a value"});
  CHECK(problems_in("- a\n, b\n") ==
        Lines{"environments/dev.yaml:2:1: K2026 invalid YAML: a ',' outside [ ] or { } cannot "
              "start a value"});
  CHECK(problems_in("&x ,") ==
        Lines{"environments/dev.yaml:1:4: K2026 invalid YAML: a ',' outside [ ] or { } cannot "
              "start a value"});
  CHECK(problems_in(std::string(kMinimal) + "...\n,\n") ==
        Lines{"environments/dev.yaml:7:1: K2026 invalid YAML: a ',' outside [ ] or { } cannot "
              "start a value"});
}

TEST_CASE("a ',' at the start of a line inside brackets is an ordinary separator") {
  const Environment env =
      parse_environment(std::string(kMinimal) + "parameters:\n  zones: [a\n  , b]\n", kFile, "dev");
  CHECK(env.parameters.at("zones").value == Value::list({"a", "b"}));
}

TEST_CASE("an alias inside the node it names is refused, not expanded forever") {
  CHECK(problems_in(std::string(kMinimal) + "parameters:\n  r: &r [*r]\n") ==
        Lines{"environments/dev.yaml:7:10: K2023 the alias *r is used inside the node it names, "
              "which would make it endless"});
  CHECK(problems_in("tags: &t {a: *t}\n" + std::string(kMinimal)) ==
        Lines{"environments/dev.yaml:1:14: K2023 the alias *t is used inside the node it names, "
              "which would make it endless"});
}

TEST_CASE("aliases that expand exponentially are stopped at the value limit") {
  std::string yaml =
      std::string(kMinimal) + "parameters:\n  l0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 10; ++i) {
    yaml += "  l" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) yaml += (k ? ", *a" : "*a") + std::to_string(i - 1);
    yaml += "]\n";
  }
  CHECK(problems_in(yaml) ==
        Lines{"environments/dev.yaml:11:47: K2024 the file holds more than 100000 values"});
}

TEST_CASE("aliases of a long text are stopped at the text limit") {
  std::string yaml = std::string(kMinimal) + "parameters:\n  big: &big " + std::string(60000, 'x') +
                     "\n  copies: [";
  for (int i = 0; i < 200; ++i) yaml += i ? ", *big" : "*big";
  yaml += "]\n";
  CHECK(problems_in(yaml) ==
        Lines{"environments/dev.yaml:8:846: K2024 the file's values hold more than 8 MiB of text"});
}

TEST_CASE("a file with more values than the limit is refused, aliases or not") {
  std::string yaml = std::string(kMinimal) + "parameters:\n  big: [";
  for (int i = 0; i < 100001; ++i) yaml += "1,";
  yaml += "1]\n";
  const Lines problems = problems_in(yaml);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].rfind("environments/dev.yaml:7:", 0) == 0);
  CHECK(problems[0].find(": K2024 the file holds more than 100000 values") != std::string::npos);
}

TEST_CASE("lists and maps nested deeper than the limit are refused") {
  CHECK(problems_in(std::string(kMinimal) + "parameters:\n  deep: " + std::string(100000, '[') +
                    std::string(100000, ']') + "\n") ==
        Lines{"environments/dev.yaml:7:71: K2025 lists and maps are nested more than 64 deep"});
  // The depth an alias repeats counts where it is used.
  const std::string nested = std::string(40, '[') + std::string(40, ']');
  CHECK(problems_in(std::string(kMinimal) + "parameters:\n  a: &a " + nested +
                    "\n  b: [[[[[[[[[[[[[[[[[[[[[[[[[[*a]]]]]]]]]]]]]]]]]]]]]]]]]]\n") ==
        Lines{"environments/dev.yaml:8:32: K2025 lists and maps are nested more than 64 deep"});
}

TEST_CASE("ordinary aliases are read as copies of what they name") {
  const std::string yaml =
      "region: us-east-1\n"
      "account: \"123456789012\"\n"
      "backend: &backend\n"
      "  bucket: detection-api-tfstate\n"
      "  use_lockfile: true\n"
      "tags: &common {Team: platform, CostCenter: \"1234\"}\n"
      "parameters:\n"
      "  labels: *common\n"
      "  zones: &zones [a, b]\n"
      "  more_zones: *zones\n"
      "  region: &r eu-west-1\n"
      "  replica_region: *r\n";
  const Environment env = parse_environment(yaml, kFile, "dev");
  CHECK(env.tags ==
        std::map<std::string, std::string>{{"CostCenter", "1234"}, {"Team", "platform"}});
  CHECK(env.parameters.at("labels").value ==
        Value::map({{"Team", "platform"}, {"CostCenter", "1234"}}));
  CHECK(env.parameters.at("more_zones").value == Value::list({"a", "b"}));
  CHECK(env.parameters.at("replica_region").value == Value("eu-west-1"));
  // A value given by an alias is placed at the alias.
  CHECK(env.parameters.at("more_zones").where.to_string() == "environments/dev.yaml:10:15");
}

TEST_CASE("an alias's problems are reported where the alias is used") {
  CHECK(problems_in(std::string(kMinimal) + "parameters:\n  x: &list [a]\ntags: *list\n") ==
        Lines{"environments/dev.yaml:8:7: K2002 tags: expected a map, got a list"});
}

TEST_CASE("a file over 4 MiB is refused without reading it as YAML") {
  const std::string yaml = std::string(kMinimal) + "# " + std::string(5 * 1024 * 1024, 'x') + "\n";
  CHECK(problems_in(yaml) ==
        Lines{"environments/dev.yaml:6:4194201: K2018 the file is larger than 4 MiB"});
}

TEST_CASE("a key or value over 64 KiB is refused") {
  CHECK(
      problems_in(std::string(kMinimal) + "parameters:\n  p: " + std::string(200000, '1') + "\n") ==
      Lines{"environments/dev.yaml:7:6: K2019 a value of 200000 bytes; keys and values may be "
            "at most 64 KiB"});
  // Exactly the limit is fine.
  const Environment env = parse_environment(
      std::string(kMinimal) + "parameters:\n  p: " + std::string(64 * 1024, 'a') + "\n", kFile,
      "dev");
  CHECK(env.parameters.at("p").value.as_string().size() == 64 * 1024);
}

TEST_CASE("a file that is not UTF-8 is refused at the first bad byte") {
  CHECK(problems_in("region: us-\xFF"
                    "east-1\n") ==
        Lines{"environments/dev.yaml:1:12: K2020 the file is not valid UTF-8 (byte 0xFF)"});
  // UTF-16, with its byte order mark.
  CHECK(problems_in(std::string("\xFF\xFEr\0e\0", 6)) ==
        Lines{"environments/dev.yaml:1:1: K2020 the file is not valid UTF-8 (byte 0xFF)"});
  // Overlong encodings and surrogates are not UTF-8 either.
  CHECK(problems_in("region: \xC0\xAF\n") ==
        Lines{"environments/dev.yaml:1:9: K2020 the file is not valid UTF-8 (byte 0xC0)"});
  CHECK(problems_in("region: \xED\xA0\x80\n") ==
        Lines{"environments/dev.yaml:1:9: K2020 the file is not valid UTF-8 (byte 0xED)"});
}

TEST_CASE("a UTF-8 byte order mark and CRLF line ends are accepted") {
  std::string crlf;
  for (const char c : std::string(kMinimal))
    crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  const Environment env = parse_environment(
      "\xEF\xBB\xBF" + crlf + "tags:\r\n  Note: |\r\n    a\r\n    b\r\n", kFile, "dev");
  CHECK(env.region == "us-east-1");
  CHECK(env.tags.at("Note") == "a\nb\n");
}

TEST_CASE("control characters are refused in the file and in strings") {
  CHECK(problems_in(std::string(kMinimal) + "tags:\n  Team: a" + std::string(1, '\0') + "b\n") ==
        Lines{"environments/dev.yaml:7:10: K2021 NUL (U+0000) in the file"});
  CHECK(problems_in(std::string(kMinimal) + "tags:\n  Team: \"a\\0b\"\n") ==
        Lines{"environments/dev.yaml:7:9: K2021 NUL (U+0000) in a string"});
  CHECK(problems_in(std::string(kMinimal) + "tags:\n  Team: \"a\\x07b\"\n  \"\\e\": x\n") ==
        Lines{"environments/dev.yaml:7:9: K2021 control character U+0007 in a string",
              "environments/dev.yaml:8:3: K2021 control character U+001B in a string"});
  CHECK(problems_in(std::string(kMinimal) + "tags:\n  Team: \"a\\u0085b\"\n") ==
        Lines{"environments/dev.yaml:7:9: K2021 control character U+0085 in a string"});
  CHECK(problems_in("region: us-east-1\raccount: x\n") ==
        Lines{"environments/dev.yaml:1:18: K2021 a carriage return (U+000D) that does not end a "
              "line in the file"});
  // Tabs and line breaks are text.
  const Environment env = parse_environment(
      std::string(kMinimal) + "tags:\n  Team: \"a\\tb\\nc\"\n  Tabbed: a\tb\n", kFile, "dev");
  CHECK(env.tags.at("Team") == "a\tb\nc");
  CHECK(env.tags.at("Tabbed") == "a\tb");
}

TEST_CASE("explicit tags other than !!str, !!seq and !!map are refused") {
  CHECK(problems_in(std::string(kMinimal) +
                    "parameters:\n  blob: !!binary aGVsbG8=\n  obj: !!python/object:os.system ls\n"
                    "  list: !custom [a]\n") ==
        Lines{"environments/dev.yaml:7:9: K2022 unsupported YAML tag !!binary",
              "environments/dev.yaml:8:8: K2022 unsupported YAML tag !!python/object:os.system",
              "environments/dev.yaml:9:9: K2022 unsupported YAML tag !custom"});
  const Environment env = parse_environment(
      std::string(kMinimal) + "parameters:\n  version: !!str 1.20\n  zones: !!seq [a]\n", kFile,
      "dev");
  CHECK(env.parameters.at("version").value == Value("1.20"));
  CHECK(env.parameters.at("zones").value == Value::list({"a"}));
}

}  // namespace
}  // namespace keelson
