#include "schema/schema_validator.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/diagnostic.h"
#include "schema/bundled_schemas.h"
#include "schema/provider_schema.h"

namespace {

using keelson::schema::CtyType;
using keelson::schema::Finding;
using keelson::schema::NestingMode;
using keelson::schema::ProviderSchemas;
using keelson::schema::validate_terraform_json;

// A small provider "test" with one of each kind of attribute and block.
constexpr std::string_view kFixtureSchema = R"json({
  "format_version": "1.0",
  "provider_schemas": {
    "registry.terraform.io/example/test": {
      "provider": {"version": 0, "block": {
        "attributes": {
          "max_retries": {"type": "number", "optional": true},
          "region": {"type": "string", "optional": true}}}},
      "resource_schemas": {
        "test_thing": {"version": 0, "block": {
          "attributes": {
            "anything": {"type": "dynamic", "optional": true},
            "arn": {"type": "string", "computed": true},
            "enabled": {"type": "bool", "optional": true},
            "id": {"type": "string", "optional": true, "computed": true},
            "ids": {"type": ["list", "string"], "optional": true},
            "name": {"type": "string", "required": true},
            "pair": {"type": ["tuple", ["string", "number"]], "optional": true},
            "rule": {"type": ["set", ["object", {"from": "number", "note": "string", "to": "number"}, ["note"]]],
                     "optional": true, "computed": true},
            "size": {"type": "number", "optional": true},
            "tags": {"type": ["map", "string"], "optional": true},
            "zones": {"type": ["set", "number"], "optional": true}},
          "block_types": {
            "config": {"nesting_mode": "list", "min_items": 1, "max_items": 1, "block": {
              "attributes": {"mode": {"type": "string", "required": true}}}},
            "disk": {"nesting_mode": "list", "max_items": 2, "block": {
              "attributes": {
                "kind": {"type": "string", "optional": true},
                "size": {"type": "number", "required": true}},
              "block_types": {
                "encryption": {"nesting_mode": "single", "block": {
                  "attributes": {"key": {"type": "string", "required": true}}}}}}},
            "label": {"nesting_mode": "map", "block": {
              "attributes": {"value": {"type": "string", "optional": true}}}},
            "secret": {"nesting_mode": "list", "block": {"description": "not known"},
                       "x_nested_schema_unknown": true},
            "timeouts": {"nesting_mode": "single", "block": {
              "attributes": {"create": {"type": "string", "optional": true}}}}}}},
        "test_pool": {"version": 0, "block": {
          "attributes": {"name": {"type": "string", "optional": true}},
          "block_types": {
            "member": {"nesting_mode": "set", "min_items": 2, "block": {
              "attributes": {"host": {"type": "string", "required": true}}}}}}}},
      "data_source_schemas": {
        "test_lookup": {"version": 0, "block": {
          "attributes": {
            "filter": {"type": "string", "required": true},
            "result": {"type": "string", "computed": true}}}}}}}})json";

const ProviderSchemas& fixture() {
  static const ProviderSchemas schemas = ProviderSchemas::parse(kFixtureSchema, "fixture.json");
  return schemas;
}

std::string render(const std::vector<Finding>& findings) {
  std::string out;
  for (const auto& f : findings) {
    if (!out.empty()) out += '\n';
    out += f.to_string();
  }
  return out;
}

std::string check(std::string_view document, const ProviderSchemas& schemas = fixture()) {
  return render(validate_terraform_json(nlohmann::json::parse(document), schemas, "main.tf.json"));
}

// A resource body with everything test_thing requires, plus `extra` members.
std::string thing(std::string_view extra) {
  std::string body = R"({"name": "a", "config": {"mode": "fast"})";
  if (!extra.empty()) body += ", " + std::string(extra);
  return R"({"resource": {"test_thing": {"t": )" + body + "}}}}";
}

std::string error_text(std::string_view text) {
  try {
    ProviderSchemas::parse(text, "bad.json");
  } catch (const keelson::Error& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("A complete and correct document has no findings") {
  CHECK(check(R"json({
    "terraform": {"required_providers": {"test": {"source": "example/test"}}},
    "variable": {"size": {"type": "number"}},
    "provider": {"test": {"region": "eu-west-1", "max_retries": 3}},
    "resource": {"test_thing": {"t": {
      "name": "a", "size": 10, "enabled": true, "id": "x", "ids": ["a", "b"], "zones": [1, 2],
      "tags": {"Name": "a"}, "pair": ["a", 1], "anything": {"x": [1, "y"]},
      "rule": [{"from": 1, "to": 2, "note": null}, {"from": 3, "to": 4}],
      "config": {"mode": "fast"}, "disk": [{"size": 1, "encryption": {"key": "k"}}],
      "label": {"first": {"value": "v"}}, "timeouts": {"create": "5m"}}}},
    "data": {"test_lookup": {"l": {"filter": "x"}}},
    "output": {"arn": {"value": "${test_thing.t.arn}"}},
    "locals": {"x": 1}, "module": {}, "//": "a comment"})json") == "");
}

TEST_CASE("An unknown resource type is reported with a suggestion") {
  CHECK(check(R"({"resource": {"test_thign": {"a": {}, "b": {}}}})") ==
        "main.tf.json: test_thign.a: unknown resource type \"test_thign\"; did you mean "
        "\"test_thing\"? (V001)\n"
        "main.tf.json: test_thign.b: unknown resource type \"test_thign\"; did you mean "
        "\"test_thing\"? (V001)");
  CHECK(check(R"({"resource": {"test_zzzzzzzzzz": {"a": {}}}})") ==
        "main.tf.json: test_zzzzzzzzzz.a: unknown resource type \"test_zzzzzzzzzz\" (V001)");
}

TEST_CASE("An unknown data source type is reported with a suggestion") {
  CHECK(check(R"({"data": {"test_lookp": {"l": {"filter": "x"}}}})") ==
        "main.tf.json: data.test_lookp.l: unknown data source type \"test_lookp\"; did you mean "
        "\"test_lookup\"? (V002)");
  // A resource type is not a data source type.
  CHECK(check(R"({"data": {"test_thing": {"l": {}}}})") ==
        "main.tf.json: data.test_thing.l: unknown data source type \"test_thing\" (V002)");
}

TEST_CASE("Types of a provider without a schema give one warning per type") {
  const auto findings = validate_terraform_json(nlohmann::json::parse(R"({
    "provider": {"google": {"project": "p"}},
    "resource": {"google_network": {"a": {"x": 1}, "b": {}}, "google_subnet": {"c": {}}},
    "data": {"google_network": {"d": {}}}})"),
                                                fixture(), "main.tf.json");
  CHECK(render(findings) ==
        "main.tf.json: data.google_network: no schema loaded for provider \"google\"; "
        "google_network is not checked (V010)\n"
        "main.tf.json: provider.google: no schema loaded for provider \"google\"; its "
        "configuration is not checked (V010)\n"
        "main.tf.json: google_network: no schema loaded for provider \"google\"; google_network is "
        "not checked (V010)\n"
        "main.tf.json: google_subnet: no schema loaded for provider \"google\"; google_subnet is "
        "not checked (V010)");
  for (const auto& f : findings) CHECK(f.severity == Finding::Severity::kWarning);
  CHECK(findings.at(0).address == "data.google_network");
  CHECK(findings.at(0).attribute.empty());
}

TEST_CASE("An unknown attribute or block name is reported with a suggestion") {
  CHECK(
      check(thing(R"("siz": 1, "zzzzzz": 2)")) ==
      "main.tf.json: test_thing.t.siz: test_thing has no attribute or block \"siz\"; did you mean "
      "\"size\"? (V003)\n"
      "main.tf.json: test_thing.t.zzzzzz: test_thing has no attribute or block \"zzzzzz\" (V003)");
  CHECK(check(thing(R"("disk": [{"size": 1, "knd": "x"}])")) ==
        "main.tf.json: test_thing.t.disk[0].knd: block \"disk\" has no attribute or block \"knd\"; "
        "did you mean \"kind\"? (V003)");
  CHECK(check(thing(R"("depend_on": [])")) ==
        "main.tf.json: test_thing.t.depend_on: test_thing has no attribute or block \"depend_on\"; "
        "did you mean \"depends_on\"? (V003)");
  CHECK(check(R"({"provider": {"test": {"regoin": "x"}}})") ==
        "main.tf.json: provider.test.regoin: provider test has no attribute or block \"regoin\"; "
        "did you mean \"region\"? (V003)");
  CHECK(check(R"({"resources": {}})") ==
        "main.tf.json: resources: unknown top-level block type \"resources\"; did you mean "
        "\"resource\"? (V003)");
}

TEST_CASE("Primitive values are checked the way Terraform converts them") {
  // Strings accept numbers and bools; numbers accept numeric strings; bools accept "true"/"false".
  CHECK(check(thing(R"("id": 12, "size": "1.5e3", "enabled": "false", "tags": {"a": true})")) ==
        "");
  CHECK(check(thing(R"("size": "eighty")")) ==
        "main.tf.json: test_thing.t.size: expected number, got string \"eighty\" (V004)");
  CHECK(check(thing(R"("size": true)")) ==
        "main.tf.json: test_thing.t.size: expected number, got bool true (V004)");
  CHECK(check(thing(R"("enabled": "yes")")) ==
        "main.tf.json: test_thing.t.enabled: expected bool, got string \"yes\" (V004)");
  CHECK(check(thing(R"("id": ["a"])")) ==
        "main.tf.json: test_thing.t.id: expected string, got an array of 1 (V004)");
  CHECK(check(thing(R"("size": null, "enabled": null, "anything": [1, {"a": null}])")) == "");
}

TEST_CASE("Collection, object and tuple values are checked element by element") {
  CHECK(check(thing(R"("ids": "a", "zones": [1, "x"], "tags": {"Name": {"x": 1}})")) ==
        "main.tf.json: test_thing.t.ids: expected list(string), got string \"a\" (V004)\n"
        "main.tf.json: test_thing.t.tags[\"Name\"]: expected string, got an object (V004)\n"
        "main.tf.json: test_thing.t.zones[1]: expected number, got string \"x\" (V004)");
  CHECK(check(thing(
            R"("rule": [{"from": 1, "to": "x"}, {"frm": 1, "to": 2}], "pair": ["a", 1, 2])")) ==
        "main.tf.json: test_thing.t.pair: expected tuple([string, number]) with 2 elements, got an "
        "array of 3 (V004)\n"
        "main.tf.json: test_thing.t.rule[0].to: expected number, got string \"x\" (V004)\n"
        "main.tf.json: test_thing.t.rule[1].frm: the object has no attribute \"frm\"; did you mean "
        "\"from\"? (V003)\n"
        "main.tf.json: test_thing.t.rule[1]: missing attribute \"from\" of the object (give null "
        "to leave it unset) (V005)");
  CHECK(check(thing(R"("rule": {"from": 1, "to": 2})")) ==
        "main.tf.json: test_thing.t.rule: expected set(object({...})), got an object (V004)");
  CHECK(check(thing(R"("pair": [1, "x"])")) ==
        "main.tf.json: test_thing.t.pair[1]: expected number, got string \"x\" (V004)");
}

TEST_CASE("Strings with an interpolation or directive match any type") {
  CHECK(check(thing(R"("size": "${var.size}", "ids": "${var.ids}", "zones": ["${local.z}", 2],
                       "tags": "prefix-${var.x}", "enabled": "%{if true}true%{endif}",
                       "rule": [{"from": "${each.value}", "to": 1}])")) == "");
  // `$${` is an escaped literal `${`, not an expression.
  CHECK(check(thing(R"("size": "$${var.size}")")) ==
        "main.tf.json: test_thing.t.size: expected number, got string \"$${var.size}\" (V004)");
  CHECK(check(thing(R"("size": "$$${var.size}")")) ==
        "main.tf.json: test_thing.t.size: expected number, got string \"$$${var.size}\" (V004)");
  CHECK(check(thing(R"("size": "a$${b}${var.size}")")) == "");
}

TEST_CASE("A missing or null required attribute is reported") {
  CHECK(check(R"({"resource": {"test_thing": {"t": {"config": {"mode": "x"}}}}})") ==
        "main.tf.json: test_thing.t: missing required attribute \"name\" (V005)");
  CHECK(check(R"({"resource": {"test_thing": {"t": {"name": null, "config": {"mode": "x"}}}}})") ==
        "main.tf.json: test_thing.t.name: required attribute \"name\" must not be null (V005)");
  CHECK(check(thing(R"("disk": {"kind": "x"})")) ==
        "main.tf.json: test_thing.t.disk: missing required attribute \"size\" (V005)");
  CHECK(check(R"({"data": {"test_lookup": {"l": {}}}})") ==
        "main.tf.json: data.test_lookup.l: missing required attribute \"filter\" (V005)");
}

TEST_CASE("Setting a computed-only attribute is reported") {
  CHECK(check(thing(R"("arn": "x")")) ==
        "main.tf.json: test_thing.t.arn: \"arn\" is computed by the provider and cannot be set "
        "(V006)");
  CHECK(check(R"({"data": {"test_lookup": {"l": {"filter": "x", "result": "y"}}}})") ==
        "main.tf.json: data.test_lookup.l.result: \"result\" is computed by the provider and "
        "cannot be set (V006)");
  // Optional+computed may be set, and null leaves a computed attribute unset.
  CHECK(check(thing(R"("id": "x", "arn": null)")) == "");
}

TEST_CASE("A block given as an attribute value, or the reverse, is reported") {
  CHECK(check(thing(R"("disk": "big")")) ==
        "main.tf.json: test_thing.t.disk: \"disk\" is a block: give an object (or an array of "
        "objects), got string \"big\" (V007)");
  CHECK(check(thing(R"("timeouts": 5)")) ==
        "main.tf.json: test_thing.t.timeouts: \"timeouts\" is a block: give an object, got number "
        "5 (V007)");
  CHECK(check(thing(R"("disk": [{"size": 1}, "x"])")) ==
        "main.tf.json: test_thing.t.disk[1]: a \"disk\" block must be an object, got string \"x\" "
        "(V007)");
  CHECK(check(thing(R"("timeouts": [{"create": "1m"}, {"create": "2m"}])")) ==
        "main.tf.json: test_thing.t.timeouts: \"timeouts\" is a single block: give one object, not "
        "an array of 2 (V007)");
  CHECK(check(thing(R"("timeouts": [{"create": "1m"}])")) == "");
  CHECK(check(thing(R"("dynamic": {"tags": {"for_each": "${var.x}", "content": {}}})")) ==
        "main.tf.json: test_thing.t.dynamic.tags: \"tags\" is an attribute, not a block; "
        "\"dynamic\" only generates blocks (V007)");
  CHECK(check(R"({"resource": {"test_thing": {"t": "x"}}})") ==
        "main.tf.json: test_thing.t: a block body must be an object (or an array of objects), got "
        "string \"x\" (V007)");
}

TEST_CASE("More blocks than max_items are reported") {
  CHECK(check(thing(R"("disk": [{"size": 1}, {"size": 2}])")) == "");
  CHECK(
      check(thing(R"("disk": [{"size": 1}, {"size": 2}, {"size": "x"}])")) ==
      "main.tf.json: test_thing.t.disk: too many \"disk\" blocks: at most 2 allowed, got 3 (V008)\n"
      "main.tf.json: test_thing.t.disk[2].size: expected number, got string \"x\" (V004)");
  CHECK(
      check(
          R"({"resource": {"test_thing": {"t": {"name": "a", "config": [{"mode": "a"}, {"mode": "b"}]}}}})") ==
      "main.tf.json: test_thing.t.config: too many \"config\" blocks: at most 1 allowed, got 2 "
      "(V008)");
}

TEST_CASE("A missing required block or too few blocks are reported") {
  CHECK(check(R"({"resource": {"test_thing": {"t": {"name": "a"}}}})") ==
        "main.tf.json: test_thing.t: missing required block \"config\" (V009)");
  CHECK(check(R"({"resource": {"test_thing": {"t": {"name": "a", "config": []}}}})") ==
        "main.tf.json: test_thing.t.config: missing required block \"config\" (V009)");
  CHECK(check(R"({"resource": {"test_pool": {"p": {"member": {"host": "a"}}}}})") ==
        "main.tf.json: test_pool.p.member: too few \"member\" blocks: at least 2 required, got 1 "
        "(V009)");
  CHECK(check(R"({"resource": {"test_pool": {"p": {}}}})") ==
        "main.tf.json: test_pool.p: missing required block \"member\" (at least 2) (V009)");
  CHECK(
      check(R"({"resource": {"test_pool": {"p": {"member": [{"host": "a"}, {"host": "b"}]}}}})") ==
      "");
}

TEST_CASE("Meta-arguments are skipped in resources and data sources") {
  CHECK(check(thing(
            R"("count": 2, "for_each": "${var.m}", "depends_on": ["x.y"], "provider": "test.west",
                       "lifecycle": {"create_before_destroy": true}, "provisioner": [{"local-exec": {}}],
                       "connection": {"host": "h"})")) == "");
  CHECK(
      check(
          R"({"data": {"test_lookup": {"l": {"filter": "x", "count": 1, "for_each": {}, "depends_on": [],
                                                  "provider": "test", "lifecycle": {}}}}})") == "");
  // Provisioners only exist on resources.
  CHECK(check(R"({"data": {"test_lookup": {"l": {"filter": "x", "provisioner": []}}}})") ==
        "main.tf.json: data.test_lookup.l.provisioner: data source test_lookup has no attribute or "
        "block \"provisioner\" (V003)");
}

TEST_CASE("Dynamic block contents are validated and count as present") {
  CHECK(check(R"({"resource": {"test_thing": {"t": {"name": "a",
      "dynamic": {"config": {"for_each": "${var.c}", "iterator": "c", "content": {"mode": "${c.value}"}}}}}}})") ==
        "");
  CHECK(check(thing(R"("dynamic": {"disk": [{"for_each": [], "content": {"size": "x"}},
                                             {"for_each": [], "content": {"kind": "y"}}]})")) ==
        "main.tf.json: test_thing.t.dynamic.disk[0].content.size: expected number, got string "
        "\"x\" (V004)\n"
        "main.tf.json: test_thing.t.dynamic.disk[1].content: missing required attribute \"size\" "
        "(V005)");
  CHECK(check(thing(R"("dynamic": {"dsk": {"for_each": [], "contents": {}}})")) ==
        "main.tf.json: test_thing.t.dynamic.dsk: test_thing has no block type \"dsk\"; did you "
        "mean \"disk\"? (V003)");
  CHECK(check(thing(R"("dynamic": {"disk": {"for_each": [], "contents": {}}})")) ==
        "main.tf.json: test_thing.t.dynamic.disk.contents: a dynamic block has no key "
        "\"contents\"; did you mean \"content\"? (V003)\n"
        "main.tf.json: test_thing.t.dynamic.disk: missing required attribute \"content\" of a "
        "dynamic block (V005)");
}

TEST_CASE("Bodies may be arrays and provider blocks skip alias and version") {
  CHECK(
      check(
          R"({"provider": {"test": [{"region": "a"}, {"alias": "west", "region": "b", "version": "1.0", "x": 1}]}})") ==
      "main.tf.json: provider.test[1].x: provider test has no attribute or block \"x\" (V003)");
  CHECK(
      check(
          R"({"resource": {"test_thing": {"t": [{"name": "a", "config": {"mode": "m"}, "size": "x"}]}}})") ==
      "main.tf.json: test_thing.t[0].size: expected number, got string \"x\" (V004)");
  // alias and version are only skipped in provider blocks.
  CHECK(check(thing(R"("alias": "x")")) ==
        "main.tf.json: test_thing.t.alias: test_thing has no attribute or block \"alias\" (V003)");
}

TEST_CASE("Nested block paths show an index only for arrays") {
  CHECK(check(thing(
            R"("disk": {"size": 1, "encryption": {"kee": "k"}}, "label": {"x": {"valu": 1}})")) ==
        "main.tf.json: test_thing.t.disk.encryption.kee: block \"encryption\" has no attribute or "
        "block \"kee\"; did you mean \"key\"? (V003)\n"
        "main.tf.json: test_thing.t.disk.encryption: missing required attribute \"key\" (V005)\n"
        "main.tf.json: test_thing.t.label[\"x\"].valu: block \"label\" has no attribute or block "
        "\"valu\"; did you mean \"value\"? (V003)");
  CHECK(check(thing(R"("disk": [{"size": 1}, {"size": 1, "encryption": [{}]}])")) ==
        "main.tf.json: test_thing.t.disk[1].encryption[0]: missing required attribute \"key\" "
        "(V005)");
}

TEST_CASE("Blocks whose schema is unknown are not checked inside") {
  CHECK(check(thing(R"("secret": [{"anything": {"goes": 1}}])")) == "");
  CHECK(check(thing(R"("secret": "x")")) ==
        "main.tf.json: test_thing.t.secret: \"secret\" is a block: give an object (or an array of "
        "objects), got string \"x\" (V007)");
}

TEST_CASE("Findings are in document order with missing names in their sorted place") {
  const auto findings = validate_terraform_json(nlohmann::json::parse(R"({
    "resource": {"test_thing": {
      "b": {"zones": ["x"], "arn": "a", "disk": {}},
      "a": {"size": "x"}}}})"),
                                                fixture(), "f.json");
  CHECK(render(findings) ==
        "f.json: test_thing.a: missing required block \"config\" (V009)\n"
        "f.json: test_thing.a: missing required attribute \"name\" (V005)\n"
        "f.json: test_thing.a.size: expected number, got string \"x\" (V004)\n"
        "f.json: test_thing.b.arn: \"arn\" is computed by the provider and cannot be set (V006)\n"
        "f.json: test_thing.b: missing required block \"config\" (V009)\n"
        "f.json: test_thing.b.disk: missing required attribute \"size\" (V005)\n"
        "f.json: test_thing.b: missing required attribute \"name\" (V005)\n"
        "f.json: test_thing.b.zones[0]: expected number, got string \"x\" (V004)");
  REQUIRE(findings.size() == 8);
  CHECK(findings[2].file == "f.json");
  CHECK(findings[2].address == "test_thing.a");
  CHECK(findings[2].attribute == "size");
  CHECK(findings[2].code == "V004");
  CHECK(findings[2].severity == Finding::Severity::kError);
  CHECK(findings[2].message == "expected number, got string \"x\"");
}

TEST_CASE("A document that is not an object is reported") {
  CHECK(check("[1]") ==
        "main.tf.json: a Terraform JSON file must hold an object, got an array of 1 (V007)");
  CHECK(check(R"({"resource": []})") ==
        "main.tf.json: resource: \"resource\" is a block: give an object of types, got an array of "
        "0 (V007)");
}

TEST_CASE("Provider schemas are indexed by provider local name and type") {
  const ProviderSchemas& schemas = fixture();
  CHECK(ProviderSchemas::provider_of_type("aws_vpc") == "aws");
  CHECK(ProviderSchemas::provider_of_type("null") == "null");
  CHECK(ProviderSchemas::local_name_of_source("registry.terraform.io/hashicorp/aws") == "aws");
  CHECK(schemas.provider_names() == std::vector<std::string>{"test"});
  REQUIRE(schemas.provider("test") != nullptr);
  CHECK(schemas.provider("test")->source == "registry.terraform.io/example/test");
  CHECK(schemas.provider("test")->resource_names ==
        std::vector<std::string>{"test_pool", "test_thing"});
  CHECK(schemas.resource("test_lookup") == nullptr);
  CHECK(schemas.data_source("test_lookup") != nullptr);
  CHECK(schemas.provider_config("test") != nullptr);
  CHECK(schemas.provider_config("aws") == nullptr);

  const auto* thing_schema = schemas.resource("test_thing");
  REQUIRE(thing_schema != nullptr);
  CHECK(thing_schema->find_attribute("rule")->type.to_string() ==
        "set(object({from=number, note=optional(string), to=number}))");
  CHECK(thing_schema->find_attribute("pair")->type.kind == CtyType::Kind::kTuple);
  CHECK(thing_schema->find_attribute("arn")->computed_only());
  CHECK_FALSE(thing_schema->find_attribute("id")->computed_only());
  CHECK(thing_schema->find_block_type("label")->nesting == NestingMode::kMap);
  CHECK(thing_schema->find_block_type("secret")->contents_unknown);
  CHECK(thing_schema->find_block_type("config")->max_items == 1);
}

TEST_CASE("Merging schemas combines providers and a later provider replaces an earlier one") {
  ProviderSchemas schemas = ProviderSchemas::parse(kFixtureSchema, "fixture.json");
  schemas.merge(ProviderSchemas::parse(R"({"format_version": "1.0", "provider_schemas": {
      "registry.terraform.io/hashicorp/null": {"resource_schemas": {"null_resource": {"block": {
        "attributes": {"triggers": {"type": ["map", "string"], "optional": true}}}}}}}})",
                                       "null.json"));
  CHECK(schemas.provider_names() == std::vector<std::string>{"null", "test"});
  CHECK(
      check(
          R"({"resource": {"null_resource": {"n": {"triggers": {"a": "b"}}}, "test_pool": {"p": {}}}})",
          schemas) ==
      "main.tf.json: test_pool.p: missing required block \"member\" (at least 2) (V009)");

  schemas.merge(ProviderSchemas::parse(R"({"format_version": "1.0", "provider_schemas": {
      "registry.terraform.io/example/test": {"resource_schemas": {"test_pool": {"block": {}}}}}})",
                                       "test2.json"));
  CHECK(check(R"({"resource": {"test_pool": {"p": {}}}})", schemas) == "");
  CHECK(schemas.resource("test_thing") == nullptr);
}

TEST_CASE("Schema text that is not JSON or not the schema format throws a diagnostic") {
  CHECK(error_text("{not json").find("bad.json: error: provider schema is not valid JSON: ") == 0);
  CHECK(error_text("{not json").find("(K3001)") != std::string::npos);
  CHECK(error_text(R"({"provider_schemas": {}})") ==
        "bad.json: error: not a provider schema: missing key \"format_version\" at the top level "
        "(K3002)\n"
        "  hint: expected the output of `terraform providers schema -json`");
  CHECK(error_text(R"({"format_version": "1.0", "provider_schemas": {"x/y": {"resource_schemas": {
        "y_a": {"block": {"attributes": {"b": {"optional": true}}}}}}}})") ==
        "bad.json: error: not a provider schema: missing key \"type\" (at provider_schemas[\"x/y\"]"
        ".resource_schemas[\"y_a\"].block.attributes[\"b\"]) (K3002)\n"
        "  hint: expected the output of `terraform providers schema -json`");
  CHECK(
      error_text(R"({"format_version": "1.0", "provider_schemas": {"x/y": {"resource_schemas": {
        "y_a": {"version": 0}}}}})")
          .find("missing key \"block\" (at provider_schemas[\"x/y\"].resource_schemas[\"y_a\"])") !=
      std::string::npos);
  CHECK(
      error_text(R"({"format_version": "1.0", "provider_schemas": {"x/y": {"resource_schemas": {
        "y_a": {"block": {"block_types": {"c": {"nesting_mode": "list"}}}}}}}})")
          .find("missing key \"block\" (at "
                "provider_schemas[\"x/y\"].resource_schemas[\"y_a\"].block.block_types[\"c\"])") !=
      std::string::npos);
  CHECK(error_text(R"({"format_version": "1.0", "provider_schemas": {"x/y": {"resource_schemas": {
        "y_a": {"block": {"attributes": {"b": {"type": ["lst", "string"]}}}}}}}})")
            .find("unknown type constructor \"lst\"") != std::string::npos);
  CHECK(error_text(R"({"format_version": "2.0"})").find("unsupported format_version \"2.0\"") !=
        std::string::npos);
  CHECK(error_text(R"({"format_version": "2.0"})").find("(K3004)") != std::string::npos);
  CHECK(error_text(R"({"format_version": "1.0"})") == "no error");
  CHECK_THROWS_AS(ProviderSchemas::parse("[]", "bad.json"), keelson::Error);
}

TEST_CASE("Loading a schema file that cannot be read names the file") {
  try {
    ProviderSchemas::load("no-such-dir/schema.json");
    FAIL("expected an error");
  } catch (const keelson::Error& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].code == "K3003");
    CHECK(
        e.diagnostics()[0].message ==
        "cannot read provider schema file \"no-such-dir/schema.json\": No such file or directory");
  }
}

TEST_CASE("The bundled AWS schema is embedded and parsed once") {
  CHECK(keelson::schema::bundled_aws_schema_json().substr(0, 18) == R"({"format_version":)");
  const ProviderSchemas& aws = ProviderSchemas::bundled_aws();
  CHECK(&aws == &ProviderSchemas::bundled_aws());
  REQUIRE(aws.provider("aws") != nullptr);
  CHECK(aws.provider("aws")->source == "registry.terraform.io/hashicorp/aws");
  CHECK(aws.provider("aws")->resources.size() == 1581);
  CHECK(aws.provider("aws")->data_sources.size() == 630);
  CHECK(aws.resource("aws_vpc") != nullptr);
  CHECK(aws.data_source("aws_ami") != nullptr);
}

TEST_CASE("A valid aws_vpc and aws_subnet pass the bundled AWS schema") {
  CHECK(check(R"json({
    "provider": {"aws": {"region": "eu-west-1", "default_tags": {"tags": {"team": "net"}}}},
    "resource": {
      "aws_vpc": {"main": {"cidr_block": "10.0.0.0/16", "enable_dns_hostnames": true,
                           "tags": {"Name": "main"}}},
      "aws_subnet": {"a": {"vpc_id": "${aws_vpc.main.id}", "cidr_block": "10.0.1.0/24",
                           "availability_zone": "eu-west-1a", "map_public_ip_on_launch": false,
                           "count": 2, "timeouts": {"create": "10m"}}}},
    "data": {"aws_ami": {"ubuntu": {"most_recent": true, "owners": ["099720109477"],
                                    "filter": [{"name": "name", "values": ["ubuntu/*"]}]}}}})json",
              ProviderSchemas::bundled_aws()) == "");
}

TEST_CASE("Common AWS mistakes are found with the bundled AWS schema") {
  const ProviderSchemas& aws = ProviderSchemas::bundled_aws();
  CHECK(check(R"({"resource": {"aws_vpc": {"main": {"cidr_block": "10.0.0.0/16", "arn": "x"}}}})",
              aws) ==
        "main.tf.json: aws_vpc.main.arn: \"arn\" is computed by the provider and cannot be set "
        "(V006)");
  CHECK(check(R"({"resource": {"aws_vpc": {"main": {"cidr_blok": "10.0.0.0/16"}}}})", aws) ==
        "main.tf.json: aws_vpc.main.cidr_blok: aws_vpc has no attribute or block \"cidr_blok\"; "
        "did you mean \"cidr_block\"? (V003)");
  CHECK(check(R"({"resource": {"aws_s3_bucket_versioning": {"v": {"bucket": "b"}}}})", aws) ==
        "main.tf.json: aws_s3_bucket_versioning.v: missing required block "
        "\"versioning_configuration\" (V009)");
  CHECK(check(R"({"resource": {"aws_vpcc": {"main": {}}}})", aws) ==
        "main.tf.json: aws_vpcc.main: unknown resource type \"aws_vpcc\"; did you mean "
        "\"aws_vpc\"? (V001)");
  CHECK(check(R"({"resource": {"aws_subnet": {"a": {"cidr_block": "10.0.1.0/24"}}}})", aws) ==
        "main.tf.json: aws_subnet.a: missing required attribute \"vpc_id\" (V005)");
  // In JSON, ingress is an attribute of object type: every field must be given.
  CHECK(check(R"({"resource": {"aws_security_group": {"web": {"ingress": [
      {"from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]}}}})",
              aws) ==
        "main.tf.json: aws_security_group.web.ingress[0]: missing attribute \"description\" of the "
        "object (give null to leave it unset) (V005)\n"
        "main.tf.json: aws_security_group.web.ingress[0]: missing attribute \"ipv6_cidr_blocks\" "
        "of the object (give null to leave it unset) (V005)\n"
        "main.tf.json: aws_security_group.web.ingress[0]: missing attribute \"prefix_list_ids\" of "
        "the object (give null to leave it unset) (V005)\n"
        "main.tf.json: aws_security_group.web.ingress[0]: missing attribute \"security_groups\" of "
        "the object (give null to leave it unset) (V005)\n"
        "main.tf.json: aws_security_group.web.ingress[0]: missing attribute \"self\" of the object "
        "(give null to leave it unset) (V005)");
}
