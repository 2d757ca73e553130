#include "charts/workload.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "charts/kubernetes_names.h"
#include "dsl/secret_names.h"
#include "dsl/quote.h"

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

const char* protocol_name(Port::Protocol protocol) {
  switch (protocol) {
    case Port::Protocol::kUDP: return "UDP";
    case Port::Protocol::kSCTP: return "SCTP";
    case Port::Protocol::kTCP: break;
  }
  return "TCP";
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

// A key in a Helm value path (`--set`): dots and commas escaped.
std::string path_key(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '.' || c == ',') out.push_back('\\');
    out.push_back(c);
  }
  return out;
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
      out.emplace_back("env." + path_key(name), source.value());
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
        out.emplace_back(fmt::format("externalSecrets.{}.data.{}.key", path_key(name), path_key(key)),
                         ref.key);
      }
    }
  }
  return out;
}

std::vector<std::string> Workload::problems() const {
  const WorkloadProps& p = props_;
  std::vector<std::string> out;
  auto problem = [&out](std::string message) { out.push_back(std::move(message)); };

  if (p.image.repository.empty()) {
    problem("the image needs a repository, e.g. ghcr.io/acme/api");
  } else if (!k8s::is_image_repository(p.image.repository)) {
    problem(fmt::format("image repository {} is not an image name without tag or digest",
                        quote_shortened(p.image.repository)));
  }
  if (!p.image.tag.empty() && !k8s::is_image_tag(p.image.tag)) {
    problem(fmt::format("image tag {} is not a valid tag (letters, digits, _ . -; at most 128)",
                        quote_shortened(p.image.tag)));
  }
  if (!p.image.digest.empty() && !k8s::is_image_digest(p.image.digest)) {
    problem(fmt::format("image digest {} is not sha256: and 64 hex digits",
                        quote_shortened(p.image.digest)));
  }
  if (p.replicas < 0) problem(fmt::format("replicas {} is negative", p.replicas));

  std::set<std::string> port_names;
  std::set<std::pair<int, Port::Protocol>> container_ports;
  std::set<std::pair<int, Port::Protocol>> service_ports;
  for (const auto& port : p.ports) {
    if (!k8s::is_port_name(port.name)) {
      problem(fmt::format("port name {} is not 1 to 15 lower-case letters, digits and '-' "
                          "with a letter",
                          quote_shortened(port.name)));
    }
    if (!port_names.insert(port.name).second) {
      problem(fmt::format("duplicate port name {}", quote(port.name)));
    }
    if (port.container_port < 1 || port.container_port > 65535) {
      problem(fmt::format("port {}: container port {} is not 1 to 65535", port.name,
                          port.container_port));
    } else if (!container_ports.insert({port.container_port, port.protocol}).second) {
      problem(fmt::format("duplicate container port {}/{}", port.container_port,
                          protocol_name(port.protocol)));
    }
    const int exposed = port.service_port != 0 ? port.service_port : port.container_port;
    if (port.service_port < 0 || port.service_port > 65535) {
      problem(fmt::format("port {}: service port {} is not 1 to 65535", port.name,
                          port.service_port));
    } else if (exposed >= 1 && exposed <= 65535 &&
               !service_ports.insert({exposed, port.protocol}).second &&
               port.container_port >= 1 && port.container_port <= 65535) {
      problem(fmt::format("duplicate service port {}/{}", exposed, protocol_name(port.protocol)));
    }
  }
  auto need_port = [&](const std::string& name, std::string_view what) {
    if (p.ports.empty()) {
      problem(fmt::format("{} needs a port: declare one in ports", what));
    } else if (!name.empty() && !port_names.contains(name)) {
      problem(fmt::format("{} names port {}, which is not declared", what, quote(name)));
    }
  };

  for (const auto& [name, source] : p.env) {
    if (!k8s::is_env_name(name)) {
      problem(fmt::format("environment variable name {} is not letters, digits, _ . - "
                          "(not starting with a digit)",
                          quote_shortened(name)));
    }
    if (source.kind() == EnvSource::Kind::kLiteral && looks_like_secret_name(name) &&
        !(source.value().is_string() && source.value().as_string().empty())) {
      problem(fmt::format("environment variable {} looks like a secret but is given as a "
                          "value: it would be committed in plain text; use SecretKeyRef{{...}} "
                          "to read it from an existing Secret",
                          name));
    }
    if ((source.kind() == EnvSource::Kind::kConfigMap ||
         source.kind() == EnvSource::Kind::kSecret) &&
        (!k8s::is_dns_subdomain(source.ref_name()) || !k8s::is_config_key(source.ref_key()))) {
      problem(fmt::format("environment variable {}: {} {}, key {} is not a valid reference", name,
                          source.kind() == EnvSource::Kind::kSecret ? "Secret" : "ConfigMap",
                          quote_shortened(source.ref_name()), quote_shortened(source.ref_key())));
    }
  }
  for (const auto& [key, value] : p.config) {
    if (!k8s::is_config_key(key)) {
      problem(fmt::format("config key {} is not letters, digits, _ . -", quote_shortened(key)));
    }
    if (looks_like_secret_name(key) && !value.empty()) {
      problem(fmt::format("config key {} looks like a secret; a ConfigMap is not the place for "
                          "it: use SecretKeyRef{{...}} in env",
                          key));
    }
  }

  const std::pair<const char*, const std::string*> quantities[] = {
      {"cpu request", &p.resources.cpu_request},
      {"memory request", &p.resources.memory_request},
      {"cpu limit", &p.resources.cpu_limit},
      {"memory limit", &p.resources.memory_limit}};
  for (const auto& [what, text] : quantities) {
    if (!text->empty() && !k8s::is_quantity(*text)) {
      problem(fmt::format("{} {} is not a Kubernetes quantity (like 250m, 1, 512Mi)", what,
                          quote_shortened(*text)));
    }
  }

  const std::pair<const char*, const std::optional<Probe>*> probes[] = {
      {"liveness probe", &p.liveness},
      {"readiness probe", &p.readiness},
      {"startup probe", &p.startup}};
  for (const auto& [what, probe] : probes) {
    if (!*probe) continue;
    const int kinds = int(!(*probe)->http_path.empty()) + int((*probe)->tcp) +
                      int(!(*probe)->command.empty());
    if (kinds != 1) {
      problem(fmt::format("{} needs exactly one of http_path, tcp or command", what));
    } else if (!(*probe)->http_path.empty() && (*probe)->http_path.front() != '/') {
      problem(fmt::format("{} path {} does not start with /", what,
                          quote_shortened((*probe)->http_path)));
    }
    if ((*probe)->command.empty()) need_port((*probe)->port, what);
    if ((*probe)->period_seconds < 1 || (*probe)->timeout_seconds < 1 ||
        (*probe)->failure_threshold < 1 || (*probe)->initial_delay_seconds < 0) {
      problem(fmt::format("{}: period, timeout and failure threshold must be 1 or more", what));
    }
  }

  int fewest_replicas = p.replicas;
  if (p.autoscaling) {
    const Autoscaling& a = *p.autoscaling;
    fewest_replicas = a.min_replicas;
    if (a.min_replicas < 1) problem("autoscaling min_replicas must be 1 or more");
    if (a.min_replicas > a.max_replicas) {
      problem(fmt::format("autoscaling min_replicas {} is more than max_replicas {}",
                          a.min_replicas, a.max_replicas));
    }
    if (!a.cpu_percent && !a.memory_percent) {
      problem("autoscaling needs a target: cpu_percent, memory_percent or both");
    }
    for (const auto& percent : {a.cpu_percent, a.memory_percent}) {
      if (percent && (*percent < 1 || *percent > 100)) {
        problem(fmt::format("autoscaling target {}% is not 1 to 100", *percent));
      }
    }
    if ((a.cpu_percent && p.resources.cpu_request.empty()) ||
        (a.memory_percent && p.resources.memory_request.empty())) {
      problem("autoscaling on utilization needs the matching resource request "
              "(utilization is a share of the request)");
    }
  }
  if (p.disruption_budget) {
    const DisruptionBudget& b = *p.disruption_budget;
    if (b.min_available.has_value() == b.max_unavailable.has_value()) {
      problem("a disruption budget needs exactly one of min_available and max_unavailable");
    } else if (b.min_available && *b.min_available >= fewest_replicas) {
      problem(fmt::format("disruption budget min_available {} leaves no pod of {} to evict: "
                          "node drains would wait forever",
                          *b.min_available, fewest_replicas));
    } else if (b.max_unavailable && *b.max_unavailable < 1) {
      problem("disruption budget max_unavailable must be 1 or more");
    }
  }

  if (p.ingress) {
    if (p.ingress->hosts.empty()) problem("the ingress needs at least one host");
    for (const auto& host : p.ingress->hosts) {
      if (!k8s::is_host_name(host.host)) {
        problem(fmt::format("ingress host {} is not a DNS name (a leading *. is allowed)",
                            quote_shortened(host.host)));
      }
      for (const auto& path : host.paths) {
        if (path.empty() || path.front() != '/') {
          problem(fmt::format("ingress path {} does not start with /", quote_shortened(path)));
        }
      }
      need_port(host.service_port, "the ingress");
      if (!host.tls_secret.empty() && !k8s::is_dns_subdomain(host.tls_secret)) {
        problem(fmt::format("TLS secret name {} is not a DNS subdomain",
                            quote_shortened(host.tls_secret)));
      }
    }
  }
  if (!p.service_account.name.empty() && !k8s::is_dns_subdomain(p.service_account.name)) {
    problem(fmt::format("service account name {} is not a DNS subdomain",
                        quote_shortened(p.service_account.name)));
  }
  if (p.service_account.role_arn.is_string() &&
      !k8s::is_iam_role_arn(p.service_account.role_arn.as_string())) {
    problem(fmt::format("service account role {} is not an IAM role ARN",
                        quote_shortened(p.service_account.role_arn.as_string())));
  }
  if (!p.service_account.role_arn.is_null() && !p.service_account.create) {
    problem("an IAM role for the service account needs create = true: the annotation is on the "
            "service account the chart makes");
  }
  if (p.network_policy) {
    for (const auto& peer : p.network_policy->allow_from) {
      if (peer.cidr.empty() && peer.pod_labels.empty() && peer.namespace_labels.empty()) {
        problem("a network policy peer needs pod labels, namespace labels or a CIDR");
      }
      if (!peer.cidr.empty() && !k8s::is_cidr(peer.cidr)) {
        problem(fmt::format("network policy CIDR {} is not a valid CIDR block",
                            quote_shortened(peer.cidr)));
      }
      if (!peer.cidr.empty() && (!peer.pod_labels.empty() || !peer.namespace_labels.empty())) {
        problem("a network policy peer is either a CIDR or label selectors, not both");
      }
    }
    for (const auto& port : p.network_policy->ports) need_port(port, "the network policy");
    if (p.network_policy->allow_from.empty()) {
      problem("the network policy admits nobody: list allow_from peers");
    }
  }
  for (const auto& t : p.tolerations) {
    if (t.key.empty()) problem("a toleration needs a key");
  }
  for (const auto& s : p.topology_spread) {
    if (s.max_skew < 1) problem("topology spread max_skew must be 1 or more");
    if (s.topology_key.empty()) problem("topology spread needs a topology key");
  }
  if (p.security.run_as_user < 1) {
    problem("run_as_user must be a non-root user id (1 or more)");
  }
  if (!p.target_group_arn.is_null()) need_port(p.target_group_port, "the target group binding");
  if (!p.external_secrets.empty()) {
    if (p.secrets_region.is_null()) {
      problem("external secrets need secrets_region, the region of Secrets Manager");
    } else if (p.secrets_region.is_string() && !k8s::is_aws_region(p.secrets_region.as_string())) {
      problem(fmt::format("secrets_region {} is not an AWS region",
                          quote_shortened(p.secrets_region.as_string())));
    }
    if (p.service_account.role_arn.is_null()) {
      problem("external secrets are read with the service account's IAM role: set "
              "service_account.role_arn (a role allowed secretsmanager:GetSecretValue)");
    }
  }
  for (const auto& [name, secret] : p.external_secrets) {
    if (!k8s::is_dns_subdomain(name)) {
      problem(fmt::format("external secret name {} is not a DNS subdomain", quote_shortened(name)));
    }
    if (!k8s::is_go_duration(secret.refresh_interval)) {
      problem(fmt::format("external secret {}: refresh interval {} is not a duration like 1h or "
                          "15m",
                          name, quote_shortened(secret.refresh_interval)));
    }
    if (secret.data.empty()) problem(fmt::format("external secret {} has no data", name));
    for (const auto& [key, ref] : secret.data) {
      if (!k8s::is_config_key(key)) {
        problem(fmt::format("external secret {}: key {} is not letters, digits, _ . -", name,
                            quote_shortened(key)));
      }
      if (ref.key.is_null() || (ref.key.is_string() && ref.key.as_string().empty())) {
        problem(fmt::format("external secret {}: key {} names no secret in Secrets Manager", name,
                            key));
      }
    }
  }
  return out;
}

std::vector<std::string> Workload::warnings() const {
  std::vector<std::string> out;
  if (props_.image.mutable_tag_intended) return out;
  if (props_.image.tag == "latest" && props_.image.digest.empty()) {
    out.push_back("image tag \"latest\" runs whatever was pushed last: pin a version or a "
                  "digest (or set mutable_tag_intended)");
  }
  if (props_.image.pull_policy == Image::PullPolicy::kAlways) {
    out.push_back("pull policy Always makes every pod start depend on the registry: use "
                  "IfNotPresent with a pinned tag (or set mutable_tag_intended)");
  }
  return out;
}

}  // namespace keelson
