#include "generators/yaml_writer.h"

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "dsl/expression.h"
#include "yaml_read_back.h"

using namespace keelson;
using keelson::testing::from_yaml;

namespace {


// Every line of a generated file: none ends in a space, the file in one newline.
void check_layout(const std::string& yaml) {
  CHECK(yaml.ends_with('\n'));
  CHECK_FALSE(yaml.ends_with("\n\n"));
  CHECK(yaml.find(" \n") == std::string::npos);
}

// Strings that some YAML 1.1 or 1.2 reader (yaml-cpp, Go's yaml.v2 and
// yaml.v3, PyYAML) reads as something other than the string when plain.
const std::vector<std::string> kTricky = {
    // YAML 1.1 booleans (the Norway problem: `country: NO`), any case
    "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false",
    "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "yEs", "oN",
    // nulls
    "~", "null", "Null", "NULL", "", "nUll",
    // numbers in YAML 1.2, YAML 1.1, Go's strconv
    "1.20", "0755", "0o755", "0O755", "0x1F", "0X1F", "1e3", "12e03", "1e-3", "1_000", "-_1",
    "1__0", "+1", "-1", "-0", ".5", "1.", "0.", ".inf", "-.Inf", "+.INF", ".nan", ".NaN", "inf",
    "NaN", "Infinity", "1:20", "190:20:30.15", "0b101", "0B101", "-0b101", "685_230.15",
    "6.8523015e+5", "1,000", "123456789012345678901234567890", "1e999", "1.2.3", "10.0.0.1",
    // timestamps
    "2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5",
    "2001-12-15T02:59:43.1Z", "2002-12-14",
    // YAML 1.1's value and merge keys
    "=", "<<",
    // leading indicators
    "*a", "&a", "!a", "!!str", "@a", "`a", "%a", "|a", ">a", "'a", "\"a", "#a", ",a", "[a", "]a",
    "{a", "}a", "? a", "?", "?a", "- a", "-", ":", ": a", ":a", "[]", "{}", "*", "&", "!", "|",
    ">", "%YAML 1.2",
    // document markers
    "---", "...", "--- a", "... a",
    // separators inside or at the end
    "a: b", "a #b", "a:", "key: value: more", "http://example.com:",
    // edge spaces
    " a", "a ", " ", "  ",
    // tabs, control and non-printable characters, YAML 1.1 line breaks, BOM
    "a\tb", "\t", "a\t", "a\x01z", "a\rb", "\r", "a\x7fz", "\x1b[31mred", "a\xc2\x85z",
    "a\xc2\x9fz", "a\xe2\x80\xa8z", "a\xe2\x80\xa9z", "\xef\xbb\xbfz", "a\xef\xbb\xbf",
    std::string("a\0b", 3)};

// Plain scalars every reader reads as these strings: they stay unquoted.
const std::vector<std::string> kPlain = {
    "hello", "ghcr.io/acme/api", "512Mi", "250m", "IfNotPresent", "app.kubernetes.io/name",
    "eks.amazonaws.com/role-arn", "ClusterIP", "us-east-1", "v1.2.3", "10.0.0.0/16",
    "sha256:4f5a", "hello world", "--set=x", "-Xmx512m", "a:b", "a#b", "a-", "_1", "Norway",
    "http://example.com/a?b=c#top", "naïve café", "日本語", "🚀 launch", "1.2.3-rc1", "30s",
    "yes-please", "nullable", "onward", "true_value", "e5", "a,b", "a[0]", "x{{ .Values.x }}"};

}  // namespace

TEST_CASE("yaml: strings any reader would take for something else are double-quoted") {
  for (const std::string& text : kTricky) {
    CAPTURE(text);
    CHECK(needs_quotes(text));
    const std::string yaml = to_yaml(Value::map({{"k", text}}));
    CHECK(yaml.starts_with("k: \""));
    const YAML::Node node = YAML::Load(yaml)["k"];
    CHECK(node.Tag() == "!");
    CHECK(node.as<std::string>() == text);
  }
}

TEST_CASE("yaml: keys are quoted like values") {
  for (const std::string& text : kTricky) {
    CAPTURE(text);
    const std::string yaml = to_yaml(Value::map({{text, 1}}));
    CHECK(yaml.starts_with("\""));
    const YAML::Node document = YAML::Load(yaml);
    REQUIRE(document.size() == 1);
    const auto entry = *document.begin();
    CHECK(entry.first.Tag() == "!");
    CHECK(entry.first.Scalar() == text);
    CHECK(entry.second.as<int>() == 1);
  }
}

TEST_CASE("yaml: strings every reader reads as written stay plain, as keys and as values") {
  for (const std::string& text : kPlain) {
    CAPTURE(text);
    CHECK_FALSE(needs_quotes(text));
    CHECK(to_yaml(Value::map({{"k", text}})) == "k: " + text + "\n");
    CHECK(to_yaml(Value::map({{text, "v"}})) == text + ": v\n");
    CHECK(from_yaml(to_yaml(Value::map({{text, text}}))) == Value::map({{text, text}}));
  }
}

TEST_CASE("yaml: a document is block style, two-space indented, keys sorted, one final newline") {
  const Value document = Value::map({
      {"image", Value::map({{"repository", "ghcr.io/acme/api"},
                            {"tag", "1.20"},
                            {"pullPolicy", "IfNotPresent"}})},
      {"replicaCount", 2},
      {"ratio", 0.5},
      {"enabled", true},
      {"nothing", nullptr},
      {"args", Value::list({"--port", "8080", Value::list({1, 2}), Value::map({{"a", false}})})},
      {"env", Value::map({})},
      {"tolerations", Value::list({})},
      {"script", "set -e\necho hi\n"},
      {"message", "line one\n\nline three"},
      {"greeting", "héllo wörld"},
  });
  CHECK(to_yaml(document) == R"(args:
  - --port
  - "8080"
  -
    - 1
    - 2
  - a: false
enabled: true
env: {}
greeting: héllo wörld
image:
  pullPolicy: IfNotPresent
  repository: ghcr.io/acme/api
  tag: "1.20"
message: |-
  line one

  line three
nothing: null
ratio: 0.5
replicaCount: 2
script: |
  set -e
  echo hi
tolerations: []
)");
  CHECK(from_yaml(to_yaml(document)) == document);
}

TEST_CASE("yaml: Chart.yaml order: the listed top-level keys first, then the rest sorted") {
  const Value chart = Value::map({
      {"apiVersion", "v2"},
      {"appVersion", "1.16.0"},
      {"dependencies", Value::list({Value::map({{"name", "worker"},
                                                {"version", "0.1.0"},
                                                {"condition", "worker.enabled"}})})},
      {"description", "The API"},
      {"keywords", Value::list({"api"})},
      {"name", "api"},
      {"type", "application"},
      {"version", "0.1.0"},
  });
  const YamlOptions options{
      .header = {"Generated by keelson. Do not edit.", "", "Second line\nThird line"},
      .key_order = {"apiVersion", "name", "description", "type", "version", "appVersion",
                    "missing", "name"},
  };
  CHECK(to_yaml(chart, options) == R"(# Generated by keelson. Do not edit.
#
# Second line
# Third line
apiVersion: v2
name: api
description: The API
type: application
version: "0.1.0"
appVersion: "1.16.0"
dependencies:
  - condition: worker.enabled
    name: worker
    version: "0.1.0"
keywords:
  - api
)");
  CHECK(from_yaml(to_yaml(chart, options)) == chart);
}

TEST_CASE("yaml: multi-line text is a literal block when it reads back exactly, else quoted") {
  const auto written = [](const std::string& text) {
    const std::string yaml = to_yaml(Value::map({{"k", text}}));
    CHECK(from_yaml(yaml) == Value::map({{"k", text}}));
    check_layout(yaml);
    return yaml;
  };
  CHECK(written("a\nb") == "k: |-\n  a\n  b\n");
  CHECK(written("a\nb\n") == "k: |\n  a\n  b\n");
  CHECK(written("a\n\n\nb") == "k: |-\n  a\n\n\n  b\n");
  CHECK(written("a\n  indented\n# not a comment\n---\n- x: y\n") ==
        "k: |\n  a\n    indented\n  # not a comment\n  ---\n  - x: y\n");
  CHECK(written("yes\nno") == "k: |-\n  yes\n  no\n");
  // A first line that is indented or empty would mislead the reader about
  // the block's indentation; kept trailing newlines and trailing spaces would
  // need the `|+` form or be invisible.
  CHECK(written(" a\nb") == "k: \" a\\nb\"\n");
  CHECK(written("\na") == "k: \"\\na\"\n");
  CHECK(written("\n") == "k: \"\\n\"\n");
  CHECK(written("a\nb\n\n") == "k: \"a\\nb\\n\\n\"\n");
  CHECK(written("a \nb") == "k: \"a \\nb\"\n");
  CHECK(written("a\nb ") == "k: \"a\\nb \"\n");
  CHECK(written("a\n \nb") == "k: \"a\\n \\nb\"\n");
  CHECK(written("a\tb\nc") == "k: \"a\\tb\\nc\"\n");
  CHECK(written("a\r\nb") == "k: \"a\\r\\nb\"\n");
  CHECK(written("a\nb\xe2\x80\xa8z") == "k: \"a\\nb\\u2028z\"\n");
  // Keys are never blocks.
  CHECK(to_yaml(Value::map({{"a\nb", 1}})) == "\"a\\nb\": 1\n");
  // Nested in lists and maps, and as the whole document.
  const Value nested = Value::list(
      {"a\nb", Value::map({{"x", "c\nd\n"}, {"y", Value::list({"e\nf"})}}), Value::list({"g\nh"})});
  CHECK(from_yaml(to_yaml(nested)) == nested);
  check_layout(to_yaml(nested));
  for (const char* text : {"a\n---\nb", "a\n...\nb\n", "---\na"}) {
    CAPTURE(text);
    CHECK(from_yaml(to_yaml(text)) == Value(text));
  }
}

TEST_CASE("yaml: numbers read back exactly, and floats stay floats") {
  const auto written = [](const Value& value) { return to_yaml(Value::map({{"k", value}})); };
  CHECK(written(0) == "k: 0\n");
  CHECK(written(-12) == "k: -12\n");
  CHECK(written(std::numeric_limits<std::int64_t>::max()) == "k: 9223372036854775807\n");
  CHECK(written(std::numeric_limits<std::int64_t>::min()) == "k: -9223372036854775808\n");
  CHECK(written(0.5) == "k: 0.5\n");
  CHECK(written(0.1) == "k: 0.1\n");
  CHECK(written(100.0) == "k: 100.0\n");
  CHECK(written(-0.0) == "k: -0.0\n");
  CHECK(written(1e20) == "k: 1.0e+20\n");
  CHECK(written(1e-7) == "k: 1.0e-07\n");
  CHECK(written(1.5e300) == "k: 1.5e+300\n");
  CHECK(written(std::numeric_limits<double>::infinity()) == "k: .inf\n");
  CHECK(written(-std::numeric_limits<double>::infinity()) == "k: -.inf\n");
  CHECK(written(std::numeric_limits<double>::quiet_NaN()) == "k: .nan\n");
  CHECK(written(true) == "k: true\n");
  CHECK(written(nullptr) == "k: null\n");

  for (const double d : {0.1, 1.0 / 3, 100.0, 1e20, 1e-7, 5e-324, 2.2250738585072014e-308,
                         std::numeric_limits<double>::max(), -std::numeric_limits<double>::max(),
                         9007199254740993.0, 0.30000000000000004}) {
    CAPTURE(d);
    const Value back = from_yaml(written(d)).as_map().at("k");
    REQUIRE(back.kind() == Value::Kind::kFloat);
    CHECK(std::bit_cast<std::uint64_t>(back.as_number()) == std::bit_cast<std::uint64_t>(d));
  }
  CHECK(std::signbit(from_yaml(written(-0.0)).as_map().at("k").as_number()));
  CHECK(std::isnan(
      from_yaml(written(std::numeric_limits<double>::quiet_NaN())).as_map().at("k").as_number()));
}

TEST_CASE("yaml: round trip of nested, empty, unicode, long and deep values") {
  Value deep = "bottom";
  for (int i = 0; i < 100; ++i) {
    deep = i % 2 == 0 ? Value::list({deep, i}) : Value::map({{"level", deep}, {"~", i}});
  }
  const std::string long_text(100'000, 'x');
  const Value document = Value::map({
      {"empty", Value::map({{"map", Value::map({})}, {"list", Value::list({})}, {"string", ""}})},
      {"lists", Value::list({Value::list({}), Value::list({Value::list({Value::map({})})}),
                             Value::map({{"a", Value::list({nullptr, true, 1, 1.5, "s"})}})})},
      {"unicode", Value::map({{"ключ", "значение"}, {"日本", "語\n文"}, {"é", "\xc2\xa0"}})},
      {"long", long_text + "\n" + long_text},
      {std::string(250, 'k'), "the longest implicit key"},
      {std::string(251, 'k'), "written as ? key"},
      {std::string(260, 'b'), "a block\nafter ? key"},
      {std::string(300, '\x01'), "control characters"},
      {"deep", deep},
  });
  const std::string yaml = to_yaml(document);
  CHECK(from_yaml(yaml) == document);
  CHECK(yaml.find("\n? " + std::string(251, 'k') + "\n: written as ? key\n") != std::string::npos);
  CHECK(yaml.find("\n" + std::string(250, 'k') + ": the longest") != std::string::npos);
  check_layout(yaml);
  CHECK(to_yaml(Value::map({})) == "{}\n");
  CHECK(to_yaml(Value::list({})) == "[]\n");
  CHECK(to_yaml(nullptr) == "null\n");
  CHECK(to_yaml("text") == "text\n");
}

TEST_CASE("yaml: an expression is a programming error that names its key path") {
  CHECK_THROWS_WITH_AS(
      to_yaml(Value::map({{"image", Value::map({{"tags", Value::list({"a", count_index()})}})}})),
      "to_yaml: an expression at image.tags[1] cannot be written: YAML files hold literal values "
      "only",
      std::logic_error);
  CHECK_THROWS_WITH_AS(
      to_yaml(Value::map({{"labels", Value::map({{"app.kubernetes.io/name", count_index()}})}})),
      "to_yaml: an expression at labels.\"app.kubernetes.io/name\" cannot be written: YAML files "
      "hold literal values only",
      std::logic_error);
  CHECK_THROWS_WITH_AS(to_yaml(count_index()),
                       "to_yaml: an expression at the document root cannot be written: YAML files "
                       "hold literal values only",
                       std::logic_error);
}

TEST_CASE("yaml: text yaml-cpp would alter (malformed UTF-8, noncharacters) is refused") {
  for (const char* text : {"\xff", "a\xc0\x80", "\xed\xa0\x80", "\xe2\x82", "\xef\xbf\xbe",
                           "\xef\xb7\x90", "\xf0\x9f\xbf\xbf", "\xf4\x90\x80\x80"}) {
    CAPTURE(text);
    CHECK_THROWS_WITH_AS(to_yaml(Value::map({{"a", Value::list({text})}})),
                         "to_yaml: a string at a[0] is not well-formed UTF-8 or holds a Unicode "
                         "noncharacter",
                         std::invalid_argument);
    CHECK_THROWS_WITH_AS(to_yaml(Value::map({{"a", Value::map({{text, 1}})}})),
                         "to_yaml: a key in a is not well-formed UTF-8 or holds a Unicode "
                         "noncharacter",
                         std::invalid_argument);
  }
}

namespace {

// splitmix64 with a fixed seed: the same cases on every platform.
class Random {
 public:
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }

 private:
  std::uint64_t state_ = 0x6b65656c736f6e;
};

// Pieces that are dangerous alone or next to each other.
const std::vector<std::string> kFragments = {
    "", "a", "Norway", "yes", "NO", "on", "~", "null", "=", "<<", "0", "1", "0x", "0o7", "1e3",
    "_", ".", ".inf", ".nan", "1:20", "2001-12-14", "-", "- ", "?", "? ", ":", ": ", "#", " #",
    ",", "[", "]", "{", "}", "&a", "*a", "!", "!!int", "|", "|-", ">", "%", "@", "`", "'", "\"",
    "\\", " ", "  ", "\t", "\n", "\n\n", " \n", "\n ", "\r", "\r\n", "---", "\n---\n", "...",
    "\n# c", "é", "日本", "🚀", "\x01", "\x7f", "\xc2\x85", "\xc2\xa0", "\xe2\x80\xa8",
    "\xef\xbb\xbf", "\\n", "${x}", "{{ .Values.x }}"};

std::string random_string(Random& random) {
  std::string text;
  for (std::size_t n = random.below(5); n > 0; --n) {
    text += kFragments[random.below(kFragments.size())];
  }
  return text;
}

Value random_value(Random& random, int depth) {
  switch (random.below(depth >= 4 ? 5 : 7)) {
    case 0:
      return nullptr;
    case 1:
      return random.below(2) == 0;
    case 2:
      return random.below(2) == 0 ? static_cast<std::int64_t>(random.below(2000)) - 1000
                                  : std::bit_cast<std::int64_t>(random.next());
    case 3: {
      if (random.below(2) == 0) return static_cast<double>(random.below(4000)) / 8 - 250;
      double d = std::bit_cast<double>(random.next());
      while (std::isnan(d)) d = std::bit_cast<double>(random.next());
      return d;
    }
    case 4:
      return random_string(random);
    case 5: {
      Value::List list;
      for (std::size_t n = random.below(4); n > 0; --n) {
        list.push_back(random_value(random, depth + 1));
      }
      return list;
    }
    default: {
      Value::Map map;
      for (std::size_t n = random.below(4); n > 0; --n) {
        map.emplace(random_string(random), random_value(random, depth + 1));
      }
      return map;
    }
  }
}

}  // namespace

TEST_CASE("yaml: 2,000 random values of dangerous fragments read back as written") {
  Random random;
  for (int i = 0; i < 2000; ++i) {
    const Value value = random_value(random, 0);
    const std::string yaml = to_yaml(value);
    CAPTURE(yaml);
    CHECK(from_yaml(yaml) == value);
    CHECK(to_yaml(value) == yaml);
    check_layout(yaml);
  }
}
