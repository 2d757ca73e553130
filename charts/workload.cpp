#include "charts/workload.h"

#include <fmt/format.h>

#include <algorithm>

#include "charts/values_check.h"
#include "dsl/helm_value_path.h"

namespace keelson {
namespace {

const char* pull_policy_name(Image::PullPolicy policy) {
  switch (policy) {
    case Image::PullPolicy::kAlways: return "Always";
    case Image::PullPolicy::kNever: return "Never";
    case Image::PullPolicy::kIfNotPresent: break;
  }
  return "IfNotPresent";
}


const char* path_type_name(IngressHost::PathType type) {
  switch (type) {
    case IngressHost::PathType::kExact: return "Exact";
    case IngressHost::PathType::kImplementationSpecific: return "ImplementationSpecific";
    case IngressHost::PathType::kPrefix: break;
  }
  return "Prefix";
}

const char* effect_name(Toleration::Effect effect) {
  switch (effect) {
    case Toleration::Effect::kPreferNoSchedule: return "PreferNoSchedule";
    case Toleration::Effect::kNoExecute: return "NoExecute";
    case Toleration::Effect::kNoSchedule: break;
  }
  return "NoSchedule";
}

Value string_map(const std::map<std::string, std::string>& entries) {
  Value::Map out;
  for (const auto& [key, value] : entries) out.emplace(key, value);
  return out;
}

Value string_list(const std::vector<std::string>& items) {
  Value::List out(items.begin(), items.end());
  return out;
}

// The port a probe, an ingress path or the target group uses: the one
// named, else the first.
std::string port_or_first(const std::string& name, const std::vector<Port>& ports) {
  if (!name.empty() || ports.empty()) return name;
  return ports.front().name;
}

Value probe_values(const std::optional<Probe>& probe, const std::vector<Port>& ports) {
  if (!probe) return Value::Map{};
  Value::Map out{{"initialDelaySeconds", probe->initial_delay_seconds},
                 {"periodSeconds", probe->period_seconds},
                 {"timeoutSeconds", probe->timeout_seconds},
                 {"failureThreshold", probe->failure_threshold}};
  const std::string port = port_or_first(probe->port, ports);
  if (!probe->command.empty()) {
    out.emplace("exec", Value::map({{"command", string_list(probe->command)}}));
  } else if (probe->tcp) {
    out.emplace("tcpSocket", Value::map({{"port", port}}));
  } else {
    out.emplace("httpGet", Value::map({{"path", probe->http_path}, {"port", port}}));
  }
  return out;
}

Value resources_values(const Resources& r) {
  auto pair = [](const std::string& cpu, const std::string& memory) {
    Value::Map out;
    if (!cpu.empty()) out.emplace("cpu", cpu);
    if (!memory.empty()) out.emplace("memory", memory);
    return out;
  };
  Value::Map out;
  if (auto requests = pair(r.cpu_request, r.memory_request); !requests.empty()) {
    out.emplace("requests", std::move(requests));
  }
  if (auto limits = pair(r.cpu_limit, r.memory_limit); !limits.empty()) {
    out.emplace("limits", std::move(limits));
  }
  return out;
}

Value ingress_values(const std::optional<Ingress>& ingress, const std::vector<Port>& ports) {
  Value::List hosts;
  Value::List tls;
  if (ingress) {
    for (const auto& host : ingress->hosts) {
      Value::List paths;
      for (const auto& path : host.paths) {
        paths.push_back(Value::map({{"path", path},
                                    {"pathType", path_type_name(host.path_type)},
                                    {"servicePort", port_or_first(host.service_port, ports)}}));
      }
      hosts.push_back(Value::map({{"host", host.host}, {"paths", std::move(paths)}}));
      if (!host.tls_secret.empty()) {
        tls.push_back(Value::map(
            {{"secretName", host.tls_secret}, {"hosts", Value::list({host.host})}}));
      }
    }
  }
  return Value::map({{"enabled", ingress.has_value()},
                     {"className", ingress ? ingress->class_name : ""},
                     {"annotations", ingress ? string_map(ingress->annotations) : Value::Map{}},
                     {"hosts", std::move(hosts)},
                     {"tls", std::move(tls)}});
}

Value network_policy_values(const std::optional<NetworkPolicy>& policy,
                            const std::vector<Port>& ports) {
  Value::List rules;
  if (policy) {
    Value::List from;
    for (const auto& peer : policy->allow_from) {
      Value::Map entry;
      if (!peer.cidr.empty()) entry.emplace("ipBlock", Value::map({{"cidr", peer.cidr}}));
      if (!peer.pod_labels.empty()) {
        entry.emplace("podSelector", Value::map({{"matchLabels", string_map(peer.pod_labels)}}));
      }
      if (!peer.namespace_labels.empty()) {
        entry.emplace("namespaceSelector",
                      Value::map({{"matchLabels", string_map(peer.namespace_labels)}}));
      }
      from.push_back(std::move(entry));
    }
    Value::List allowed_ports;
    for (const auto& port : ports) {
      const bool listed = policy->ports.empty() ||
                          std::find(policy->ports.begin(), policy->ports.end(), port.name) !=
                              policy->ports.end();
      if (listed) {
        allowed_ports.push_back(
            Value::map({{"port", port.name}, {"protocol", protocol_name(port.protocol)}}));
      }
    }
    if (!from.empty()) {
      rules.push_back(Value::map({{"from", std::move(from)}, {"ports", std::move(allowed_ports)}}));
    }
  }
  return Value::map({{"enabled", policy.has_value()}, {"ingress", std::move(rules)}});
}

Value security_context_values(const Security& s) {
  return Value::map({{"allowPrivilegeEscalation", false},
                     {"capabilities", Value::map({{"drop", Value::list({"ALL"})}})},
                     {"readOnlyRootFilesystem", s.read_only_root_filesystem},
                     {"runAsNonRoot", true},
                     {"runAsUser", s.run_as_user}});
}

Value pod_security_context_values(const Security& s) {
  return Value::map({{"fsGroup", s.run_as_user},
                     {"runAsGroup", s.run_as_user},
                     {"runAsNonRoot", true},
                     {"runAsUser", s.run_as_user},
                     {"seccompProfile", Value::map({{"type", "RuntimeDefault"}})}});
}

// A literal for values.yaml; a Terraform value is set by the release.
Value literal_or_empty(const Value& value) {
  return value.is_null() || value.contains_expr() ? Value("") : value;
}

Value external_secrets_values(const std::map<std::string, ExternalSecret>& secrets) {
  Value::Map out;
  for (const auto& [name, secret] : secrets) {
    Value::Map data;
    for (const auto& [key, ref] : secret.data) {
      data.emplace(key, Value::map({{"key", literal_or_empty(ref.key)}, {"property", ref.property}}));
    }
    out.emplace(name, Value::map({{"refreshInterval", secret.refresh_interval},
                                  {"data", std::move(data)}}));
  }
  return out;
}

}  // namespace

const char* protocol_name(Port::Protocol protocol) {
  switch (protocol) {
    case Port::Protocol::kUDP: return "UDP";
    case Port::Protocol::kSCTP: return "SCTP";
    case Port::Protocol::kTCP: break;
  }
  return "TCP";
}

EnvSource::EnvSource(Value value)
    : kind_(value.contains_expr() ? Kind::kTerraform : Kind::kLiteral), value_(std::move(value)) {}

Workload::Workload(Construct& scope, const Id& id, WorkloadProps props)
    : Construct(scope, id), props_(std::move(props)) {
  node().add_validation([this] { return problems(); });
}

Value Workload::values() const {
  const WorkloadProps& p = props_;
  Value::List container_ports;
  Value::List service_ports;
  for (const auto& port : p.ports) {
    container_ports.push_back(Value::map({{"name", port.name},
                                          {"containerPort", port.container_port},
                                          {"protocol", protocol_name(port.protocol)}}));
    service_ports.push_back(
        Value::map({{"name", port.name},
                    {"port", port.service_port != 0 ? port.service_port : port.container_port},
                    {"targetPort", port.name},
                    {"protocol", protocol_name(port.protocol)}}));
  }

  Value::Map env;
  Value::Map from_config_map;
  Value::Map from_secret;
  for (const auto& [name, source] : p.env) {
    switch (source.kind()) {
      case EnvSource::Kind::kLiteral: env.emplace(name, source.value()); break;
      case EnvSource::Kind::kTerraform: env.emplace(name, ""); break;  // the release sets it
      case EnvSource::Kind::kConfigMap:
        from_config_map.emplace(
            name, Value::map({{"name", source.ref_name()}, {"key", source.ref_key()}}));
        break;
      case EnvSource::Kind::kSecret:
        from_secret.emplace(name,
                            Value::map({{"name", source.ref_name()}, {"key", source.ref_key()}}));
        break;
    }
  }

  Value::Map autoscaling{{"enabled", p.autoscaling.has_value()},
                         {"minReplicas", p.autoscaling ? p.autoscaling->min_replicas : 1},
                         {"maxReplicas", p.autoscaling ? p.autoscaling->max_replicas : 1}};
  if (p.autoscaling && p.autoscaling->cpu_percent) {
    autoscaling.emplace("targetCPUUtilizationPercentage", *p.autoscaling->cpu_percent);
  }
  if (p.autoscaling && p.autoscaling->memory_percent) {
    autoscaling.emplace("targetMemoryUtilizationPercentage", *p.autoscaling->memory_percent);
  }

  Value::Map budget{{"enabled", p.disruption_budget.has_value()}};
  if (p.disruption_budget && p.disruption_budget->min_available) {
    budget.emplace("minAvailable", *p.disruption_budget->min_available);
  }
  if (p.disruption_budget && p.disruption_budget->max_unavailable) {
    budget.emplace("maxUnavailable", *p.disruption_budget->max_unavailable);
  }

  Value::List tolerations;
  for (const auto& t : p.tolerations) {
    Value::Map entry{{"key", t.key}, {"effect", effect_name(t.effect)}};
    if (t.value.empty()) {
      entry.emplace("operator", "Exists");
    } else {
      entry.emplace("operator", "Equal");
      entry.emplace("value", t.value);
    }
    tolerations.push_back(std::move(entry));
  }
  Value::List spread;
  for (const auto& s : p.topology_spread) {
    spread.push_back(Value::map({{"maxSkew", s.max_skew},
                                 {"topologyKey", s.topology_key},
                                 {"whenUnsatisfiable", s.hard ? "DoNotSchedule" : "ScheduleAnyway"}}));
  }

  Value::List volumes;
  Value::List mounts;
  if (p.security.read_only_root_filesystem && p.security.writable_tmp) {
    volumes.push_back(Value::map({{"name", "tmp"}, {"emptyDir", Value::Map{}}}));
    mounts.push_back(Value::map({{"name", "tmp"}, {"mountPath", "/tmp"}}));
  }

  const bool role = !p.service_account.role_arn.is_null();
  return Value::map({
      {"nameOverride", ""},
      {"fullnameOverride", ""},
      {"image", Value::map({{"repository", p.image.repository},
                            {"tag", p.image.tag},
                            {"digest", p.image.digest},
                            {"pullPolicy", pull_policy_name(p.image.pull_policy)}})},
      {"imagePullSecrets", Value::List{}},
      {"replicaCount", p.replicas},
      {"command", string_list(p.command)},
      {"args", string_list(p.args)},
      {"containerPorts", std::move(container_ports)},
      {"env", std::move(env)},
      {"envFromConfigMap", std::move(from_config_map)},
      {"envFromSecret", std::move(from_secret)},
      {"configMap", Value::map({{"enabled", !p.config.empty()}, {"data", string_map(p.config)}})},
      {"resources", resources_values(p.resources)},
      {"livenessProbe", probe_values(p.liveness, p.ports)},
      {"readinessProbe", probe_values(p.readiness, p.ports)},
      {"startupProbe", probe_values(p.startup, p.ports)},
      {"autoscaling", std::move(autoscaling)},
      {"podDisruptionBudget", std::move(budget)},
      {"service", Value::map({{"enabled", !p.ports.empty()},
                              {"type", "ClusterIP"},
                              {"ports", std::move(service_ports)},
                              {"annotations", Value::Map{}}})},
      {"ingress", ingress_values(p.ingress, p.ports)},
      {"serviceAccount",
       Value::map({{"create", p.service_account.create},
                   {"name", p.service_account.name},
                   {"annotations", string_map(p.service_account.annotations)},
                   {"roleArn", role && !p.service_account.role_arn.contains_expr()
                                   ? p.service_account.role_arn
                                   : Value("")},
                   {"automount", p.service_account.automount_token}})},
      {"networkPolicy", network_policy_values(p.network_policy, p.ports)},
      {"nodeSelector", string_map(p.node_selector)},
      {"tolerations", std::move(tolerations)},
      {"affinity", Value::Map{}},
      {"topologySpreadConstraints", std::move(spread)},
      {"podSecurityContext", pod_security_context_values(p.security)},
      {"securityContext", security_context_values(p.security)},
      {"podAnnotations", Value::Map{}},
      {"podLabels", Value::Map{}},
      {"extraVolumes", std::move(volumes)},
      {"extraVolumeMounts", std::move(mounts)},
      {"targetGroupBinding",
       // With a Terraform value, the release switches it on with the ARN, so
       // the chart installs by hand without one.
       Value::map({{"enabled", p.target_group_arn.is_string()},
                   {"targetGroupARN", p.target_group_arn.contains_expr() || p.target_group_arn.is_null()
                                          ? Value("")
                                          : p.target_group_arn},
                   {"servicePort", port_or_first(p.target_group_port, p.ports)}})},
      // Like the target group binding: switched on with a literal region,
      // or by the release that sets a Terraform one.
      {"secretStore", Value::map({{"enabled", p.secrets_region.is_string() &&
                                                  !p.external_secrets.empty()},
                                  {"region", literal_or_empty(p.secrets_region)}})},
      {"externalSecrets", external_secrets_values(p.external_secrets)},
  });
}

std::vector<std::pair<std::string, Value>> Workload::terraform_values() const {
  std::vector<std::pair<std::string, Value>> out;
  for (const auto& [name, source] : props_.env) {
    if (source.kind() == EnvSource::Kind::kTerraform) {
      out.emplace_back("env." + helm_escape_key(name), source.value());
    }
  }
  if (props_.service_account.role_arn.contains_expr()) {
    out.emplace_back("serviceAccount.roleArn", props_.service_account.role_arn);
  }
  if (props_.target_group_arn.contains_expr()) {
    out.emplace_back("targetGroupBinding.enabled", true);
    out.emplace_back("targetGroupBinding.targetGroupARN", props_.target_group_arn);
  }
  if (props_.secrets_region.contains_expr() && !props_.external_secrets.empty()) {
    out.emplace_back("secretStore.enabled", true);
    out.emplace_back("secretStore.region", props_.secrets_region);
  }
  for (const auto& [name, secret] : props_.external_secrets) {
    for (const auto& [key, ref] : secret.data) {
      if (ref.key.contains_expr()) {
        out.emplace_back(fmt::format("externalSecrets.{}.data.{}.key", helm_escape_key(name),
                                     helm_escape_key(key)),
                         ref.key);
      }
    }
  }
  return out;
}

std::vector<std::string> Workload::warnings() const {
  if (props_.image.mutable_tag_intended) return {};
  auto out = workload_values_warnings(values());
  for (auto& message : out) message += " (or set mutable_tag_intended)";
  return out;
}

}  // namespace keelson
