// What a Workload's props must satisfy: checked before synthesis, each
// problem reported with the construct's path and its declaration's line.
#include <fmt/format.h>

#include <set>

#include "charts/kubernetes_names.h"
#include "charts/workload.h"
#include "dsl/quote.h"
#include "dsl/secret_names.h"

namespace keelson {

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

}  // namespace keelson
