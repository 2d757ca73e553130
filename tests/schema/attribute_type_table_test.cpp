#include "schema/attribute_type_table.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "schema/provider_schema.h"

namespace {

using keelson::schema::AttributeTypeTable;
using keelson::schema::ProviderSchemas;

// A provider "test" with each kind of attribute and nested block a reference
// can walk through, and one data source.
constexpr std::string_view kSchema = R"json({
  "format_version": "1.0",
  "provider_schemas": {
    "registry.terraform.io/example/test": {
      "provider": {"version": 0, "block": {}},
      "resource_schemas": {
        "test_cluster": {"version": 0, "block": {
          "attributes": {
            "anything": {"type": "dynamic", "computed": true},
            "id": {"type": "string", "computed": true},
            "identity": {"type": ["list", ["object", {
              "oidc": ["list", ["object", {"issuer": "string"}]]}]], "computed": true},
            "ports": {"type": ["set", "number"], "optional": true},
            "subnet_ids": {"type": ["list", "string"], "optional": true},
            "tags": {"type": ["map", "string"], "optional": true}},
          "block_types": {
            "config": {"nesting_mode": "single", "block": {
              "attributes": {"size": {"type": "number", "optional": true}}}},
            "rule": {"nesting_mode": "set", "block": {
              "attributes": {"name": {"type": "string", "optional": true}}}},
            "vpc_config": {"nesting_mode": "list", "max_items": 1, "block": {
              "attributes": {"security_group_id": {"type": "string", "computed": true}}}}}}}},
      "data_source_schemas": {
        "test_region": {"version": 0, "block": {
          "attributes": {"name": {"type": "string", "computed": true}}}}}}}})json";

struct Fixture {
  std::string text = AttributeTypeTable::build(ProviderSchemas::parse(kSchema, "fixture"));
  AttributeTypeTable table{text};

  std::string resource(std::string_view path) const {
    return std::string(table.resource_attribute("test_cluster", path));
  }
};

}  // namespace

TEST_CASE_FIXTURE(Fixture, "the attribute type table gives attributes their Terraform type") {
  CHECK(resource("id") == "string");
  CHECK(resource("subnet_ids") == "list(string)");
  CHECK(resource("tags") == "map(string)");
  CHECK(resource("ports") == "set(number)");
}

TEST_CASE_FIXTURE(Fixture, "the attribute type table walks indexes, objects and nested blocks") {
  CHECK(resource("subnet_ids[0]") == "string");
  CHECK(resource("tags[\"Name\"]") == "string");
  CHECK(resource("tags[\"a]b\"]") == "string");
  CHECK(resource("identity[0].oidc[0].issuer") == "string");
  CHECK(resource("identity.0.oidc.0.issuer") == "string");  // the legacy index syntax
  CHECK(resource("config.size") == "number");
  CHECK(resource("vpc_config[0].security_group_id") == "string");
}

TEST_CASE_FIXTURE(Fixture, "the attribute type table leaves out what has no fixed shape") {
  CHECK(resource("anything").empty());      // dynamic
  CHECK(resource("identity").empty());      // holds objects
  CHECK(resource("identity[0]").empty());   // an object
  CHECK(resource("vpc_config").empty());    // a whole nested block
  CHECK(resource("rule[0].name").empty());  // a set cannot be indexed
  CHECK(resource("no_such_attribute").empty());
  CHECK(table.resource_attribute("test_other", "id").empty());
}

TEST_CASE_FIXTURE(Fixture, "the attribute type table keeps data sources apart from resources") {
  CHECK(table.data_source_attribute("test_region", "name") == "string");
  CHECK(table.resource_attribute("test_region", "name").empty());
  CHECK(table.data_source_attribute("test_cluster", "id").empty());
}

TEST_CASE_FIXTURE(Fixture, "the attribute type table is an index then sorted sections") {
  CHECK(text ==
        "data.test_region 0 12\n"
        "test_cluster 12 197\n"
        "\n"
        "name string\n"
        "config.size number\n"
        "id string\n"
        "identity[*].oidc[*].issuer string\n"
        "ports set(number)\n"
        "subnet_ids list(string)\n"
        "subnet_ids[*] string\n"
        "tags map(string)\n"
        "tags[*] string\n"
        "vpc_config[*].security_group_id string\n");
}

TEST_CASE("the bundled attribute type table knows the bundled providers' attributes") {
  const AttributeTypeTable& table = AttributeTypeTable::bundled();
  CHECK(table.resource_attribute("aws_eks_cluster", "identity[0].oidc[0].issuer") == "string");
  CHECK(table.resource_attribute("aws_subnet", "id") == "string");
  CHECK(table.data_source_attribute("aws_availability_zones", "names") == "list(string)");
  CHECK(table.resource_attribute("helm_release", "metadata.name") == "string");
  CHECK(table.resource_attribute("kubernetes_namespace", "metadata[0].labels") == "map(string)");
  CHECK(table.resource_attribute("aws_subnet", "no_such_attribute").empty());
}
