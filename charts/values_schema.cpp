#include "charts/values_schema.h"

#include <string>

namespace keelson {
namespace {

Value object(Value::Map properties) {
  return Value::map({{"type", "object"},
                     {"properties", std::move(properties)},
                     {"additionalProperties", false}});
}
Value map_of(Value values) {
  return Value::map({{"type", "object"}, {"additionalProperties", std::move(values)}});
}
Value list_of(Value items) { return Value::map({{"type", "array"}, {"items", std::move(items)}}); }
Value string() { return Value::map({{"type", "string"}}); }
Value pattern(const char* expression) {
  return Value::map({{"type", "string"}, {"pattern", expression}});
}
Value one_of(Value::List names) {
  return Value::map({{"type", "string"}, {"enum", std::move(names)}});
}
Value boolean() { return Value::map({{"type", "boolean"}}); }
Value integer(int min, int max) {
  return Value::map({{"type", "integer"}, {"minimum", min}, {"maximum", max}});
}
// A Kubernetes object as written in a pod spec: checked by the Kubernetes schema.
Value kubernetes_object() { return Value::map({{"type", "object"}}); }
Value kubernetes_list() { return list_of(kubernetes_object()); }
Value int_or_string() {
  return Value::map({{"type", Value::list({"integer", "string"})}});
}
Value optional_int_or_string() {
  return Value::map({{"type", Value::list({"integer", "string", "null"})}});
}

constexpr const char* kQuantity =
    R"(^[+-]?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$)";

Value quantity() {
  return Value::map({{"type", Value::list({"string", "number"})}, {"pattern", kQuantity}});
}
Value key_ref() {
  return object({{"name", pattern(R"(^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$)")},
                 {"key", pattern(R"(^[-._a-zA-Z0-9]+$)")}});
}
Value protocol() { return one_of({"TCP", "UDP", "SCTP"}); }
Value port_name() { return pattern(R"(^[a-z0-9]([-a-z0-9]*[a-z0-9])?$)"); }
Value quantities() { return object({{"cpu", quantity()}, {"memory", quantity()}}); }
Value string_map() { return map_of(string()); }
// Environment variables and ConfigMap data are strings to Kubernetes; the
// templates quote them, so `PORT: 8080` in a values file is fine.
Value scalar_map() {
  return map_of(Value::map({{"type", Value::list({"string", "number", "boolean"})}}));
}
// An optional setting: absent, or null to unset a default.
Value optional_integer(int min, int max) {
  return Value::map({{"type", Value::list({"integer", "null"})}, {"minimum", min}, {"maximum", max}});
}

}  // namespace

Value workload_values_schema() {
  return Value::map({
      {"$schema", "http://json-schema.org/draft-07/schema#"},
      {"title", "Values of a workload chart (docs/chart-values.md)"},
      {"type", "object"},
      {"additionalProperties", false},
      {"required", Value::list({"image"})},
      {"properties",
       Value::map({
           // Set by a parent chart: its condition, and Helm's shared values.
           {"enabled", boolean()},
           {"global", kubernetes_object()},
           {"nameOverride", string()},
           {"fullnameOverride", string()},
           {"image", Value::map({{"type", "object"},
                                 {"additionalProperties", false},
                                 {"required", Value::list({"repository"})},
                                 {"properties",
                                  Value::map({{"repository", pattern("^[^:@ ]+$")},
                                              {"tag", pattern("^([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$")},
                                              {"digest", pattern("^(sha256:[a-f0-9]{64})?$")},
                                              {"pullPolicy",
                                               one_of({"IfNotPresent", "Always", "Never"})}})}})},
           {"imagePullSecrets", list_of(object({{"name", string()}}))},
           {"replicaCount", integer(0, 1000)},
           {"command", list_of(string())},
           {"args", list_of(string())},
           {"containerPorts",
            list_of(object({{"name", port_name()},
                            {"containerPort", integer(1, 65535)},
                            {"protocol", protocol()}}))},
           {"env", scalar_map()},
           {"envFromConfigMap", map_of(key_ref())},
           {"envFromSecret", map_of(key_ref())},
           {"configMap", object({{"enabled", boolean()}, {"data", scalar_map()}})},
           {"resources", object({{"requests", quantities()}, {"limits", quantities()}})},
           {"livenessProbe", kubernetes_object()},
           {"readinessProbe", kubernetes_object()},
           {"startupProbe", kubernetes_object()},
           {"autoscaling", object({{"enabled", boolean()},
                                   {"minReplicas", integer(1, 1000)},
                                   {"maxReplicas", integer(1, 1000)},
                                   {"targetCPUUtilizationPercentage", optional_integer(1, 100)},
                                   {"targetMemoryUtilizationPercentage", optional_integer(1, 100)}})},
           {"podDisruptionBudget", object({{"enabled", boolean()},
                                           {"minAvailable", optional_int_or_string()},
                                           {"maxUnavailable", optional_int_or_string()}})},
           {"service", object({{"enabled", boolean()},
                               {"type", one_of({"ClusterIP", "NodePort", "LoadBalancer"})},
                               {"ports", list_of(object({{"name", port_name()},
                                                         {"port", integer(1, 65535)},
                                                         {"targetPort", int_or_string()},
                                                         {"protocol", protocol()}}))},
                               {"annotations", string_map()}})},
           {"ingress",
            object({{"enabled", boolean()},
                    {"className", string()},
                    {"annotations", string_map()},
                    {"hosts",
                     list_of(object(
                         {{"host", string()},
                          {"paths", list_of(object(
                                        {{"path", pattern("^/")},
                                         {"pathType", one_of({"Prefix", "Exact",
                                                              "ImplementationSpecific"})},
                                         {"servicePort", port_name()}}))}}))},
                    {"tls", list_of(object({{"secretName", string()},
                                            {"hosts", list_of(string())}}))}})},
           {"serviceAccount", object({{"create", boolean()},
                                      {"name", string()},
                                      {"annotations", string_map()},
                                      {"roleArn", pattern("^(arn:aws[a-z-]*:iam::[0-9]{12}:role/.+)?$")},
                                      {"automount", boolean()}})},
           {"networkPolicy", object({{"enabled", boolean()}, {"ingress", kubernetes_list()}})},
           {"nodeSelector", string_map()},
           {"tolerations", kubernetes_list()},
           {"affinity", kubernetes_object()},
           {"topologySpreadConstraints", kubernetes_list()},
           {"podSecurityContext", kubernetes_object()},
           {"securityContext", kubernetes_object()},
           {"podAnnotations", string_map()},
           {"podLabels", string_map()},
           {"extraVolumes", kubernetes_list()},
           {"extraVolumeMounts", kubernetes_list()},
           {"secretStore",
            object({{"enabled", boolean()}, {"region", pattern("^([a-z]{2}(-[a-z]+)+-[0-9]+)?$")}})},
           {"externalSecrets",
            map_of(object({{"refreshInterval", pattern("^([0-9]+(\\.[0-9]+)?(ns|us|ms|s|m|h))+$")},
                           {"data", map_of(object({{"key", string()}, {"property", string()}}))}}))},
           {"targetGroupBinding",
            object({{"enabled", boolean()},
                    {"targetGroupARN", pattern("^(arn:aws[a-z-]*:elasticloadbalancing:.+)?$")},
                    {"servicePort", port_name()}})},
       })},
  });
}

}  // namespace keelson
