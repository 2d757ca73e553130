#include "generators/chart_tests.h"

#include <fmt/format.h>

#include "charts/values_merge.h"
#include "generators/yaml_writer.h"

namespace keelson {
namespace {


Value equal(std::string path, Value value) {
  return Value::map({{"equal", Value::map({{"path", std::move(path)}, {"value", std::move(value)}})}});
}

std::string image_of(const Value& values, const std::string& app_version) {
  const std::string repository = value_at(values, {"image", "repository"}).as_string();
  const std::string digest = value_at(values, {"image", "digest"}).as_string();
  if (!digest.empty()) return repository + "@" + digest;
  const std::string tag = value_at(values, {"image", "tag"}).as_string();
  return repository + ":" + (tag.empty() ? app_version : tag);
}

// The tests of one values set: `files` empty for the defaults.
Value::List tests_for(const Value& values, const std::string& app_version,
                      const std::string& label, const Value::List& files) {
  Value::List out;
  auto test = [&](std::string it, const char* template_file, Value::List asserts) {
    Value::Map entry{{"it", fmt::format("{} ({})", it, label)},
                     {"template", template_file},
                     {"asserts", std::move(asserts)}};
    if (!files.empty()) entry.emplace("values", files);
    out.push_back(std::move(entry));
  };
  test("runs the declared image", "templates/deployment.yaml",
       {equal("spec.template.spec.containers[0].image", image_of(values, app_version))});
  if (value_at(values, {"autoscaling", "enabled"}) == Value(true)) {
    test("scales within the declared bounds", "templates/hpa.yaml",
         {equal("spec.minReplicas", value_at(values, {"autoscaling", "minReplicas"})),
          equal("spec.maxReplicas", value_at(values, {"autoscaling", "maxReplicas"}))});
  } else {
    test("runs the declared replicas", "templates/deployment.yaml",
         {equal("spec.replicas", value_at(values, {"replicaCount"}))});
  }
  const Value& ports = value_at(values, {"service", "ports"});
  if (value_at(values, {"service", "enabled"}) == Value(true) && ports.kind() == Value::Kind::kList) {
    Value::List asserts;
    for (std::size_t i = 0; i < ports.as_list().size(); ++i) {
      asserts.push_back(equal(fmt::format("spec.ports[{}].port", i),
                              value_at(ports.as_list()[i], {"port"})));
    }
    if (!asserts.empty()) test("exposes the declared ports", "templates/service.yaml", asserts);
  }
  const Value& hosts = value_at(values, {"ingress", "hosts"});
  if (value_at(values, {"ingress", "enabled"}) == Value(true) && hosts.kind() == Value::Kind::kList) {
    Value::List asserts;
    for (std::size_t i = 0; i < hosts.as_list().size(); ++i) {
      asserts.push_back(equal(fmt::format("spec.rules[{}].host", i),
                              value_at(hosts.as_list()[i], {"host"})));
    }
    if (!asserts.empty()) test("routes the declared hosts", "templates/ingress.yaml", asserts);
  }
  return out;
}

// A stand-in of the right shape for a value only Terraform knows.
Value stand_in(const std::string& path, const Value& value) {
  if (!value.contains_expr()) return value;  // a literal the release sets, e.g. `enabled`
  if (path.ends_with("targetGroupARN")) {
    return "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/example/0123456789abcdef";
  }
  if (path.ends_with("roleArn")) return "arn:aws:iam::123456789012:role/example";
  if (path.ends_with("region")) return "us-east-1";
  if (path.ends_with(".key")) {
    return "arn:aws:secretsmanager:us-east-1:123456789012:secret:example-AbCdEf";
  }
  return "example";
}

// What the chart renders once the release has set the values only Terraform
// knows (stand-ins of the right shape here): the objects that need them.
Value::List release_tests(const Workload& workload) {
  Value::Map set;
  for (const auto& [path, value] : workload.terraform_values()) {
    if (path.find('\\') == std::string::npos) set.emplace(path, stand_in(path, value));
  }
  if (set.empty()) return {};
  Value::List out;
  auto test = [&](std::string it, const char* template_file, Value::List asserts) {
    out.push_back(Value::map({{"it", std::move(it) + " (as the helm_release sets it)"},
                              {"template", template_file},
                              {"set", set},
                              {"asserts", std::move(asserts)}}));
  };
  Value::List env;
  for (const auto& [path, value] : set) {
    if (!path.starts_with("env.")) continue;
    env.push_back(Value::map({{"contains",
                               Value::map({{"path", "spec.template.spec.containers[0].env"},
                                           {"content", Value::map({{"name", path.substr(4)},
                                                                   {"value", value}})}})}}));
  }
  if (!env.empty()) test("passes Terraform's values to the container", "templates/deployment.yaml", env);
  if (const auto it = set.find("serviceAccount.roleArn"); it != set.end()) {
    test("gives the service account its IAM role", "templates/serviceaccount.yaml",
         {equal(R"(metadata.annotations["eks.amazonaws.com/role-arn"])", it->second)});
  }
  if (const auto it = set.find("targetGroupBinding.targetGroupARN"); it != set.end()) {
    test("binds the pods to the load balancer's target group", "templates/targetgroupbinding.yaml",
         {equal("spec.targetGroupARN", it->second)});
  }
  if (const auto it = set.find("secretStore.region"); it != set.end()) {
    test("reads Secrets Manager in the release's region", "templates/secretstore.yaml",
         {equal("spec.provider.aws.region", it->second)});
    Value::List secrets;
    for (const auto& [name, _] : workload.props().external_secrets) {
      secrets.push_back(Value::map({{"containsDocument",
                                     Value::map({{"kind", "ExternalSecret"},
                                                 {"apiVersion", "external-secrets.io/v1"},
                                                 {"name", name}})}}));
    }
    if (!secrets.empty()) test("makes the declared Secrets", "templates/externalsecret.yaml", secrets);
  }
  return out;
}

}  // namespace

std::string declared_tests(const Chart& chart, const Value& defaults,
                           const std::map<std::string, Value>& changes) {
  std::string app_version = chart.props().app_version;
  if (app_version.empty() && chart.workload() != nullptr) {
    app_version = chart.workload()->props().image.tag;
  }
  Value::List tests = tests_for(defaults, app_version, "defaults", {});
  for (const auto& [environment, values] : changes) {
    auto more = tests_for(merge_values(defaults, values), app_version, environment,
                          {fmt::format("../values-{}.yaml", environment)});
    tests.insert(tests.end(), more.begin(), more.end());
  }
  if (const Workload* workload = chart.workload()) {
    auto more = release_tests(*workload);
    tests.insert(tests.end(), more.begin(), more.end());
  }
  return to_yaml(Value::map({{"suite", fmt::format("{} as declared", chart.name())},
                             {"tests", std::move(tests)}}),
                 {.header = {"What the declaration says, checked on the rendered chart."}});
}

}  // namespace keelson
