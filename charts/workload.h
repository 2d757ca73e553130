#ifndef KEELSON_CHARTS_WORKLOAD_H_
#define KEELSON_CHARTS_WORKLOAD_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dsl/construct.h"
#include "dsl/value.h"

namespace keelson {

/// The container image. `tag` empty means the chart's `appVersion`; a
/// `digest` (`sha256:...`) wins over the tag.
struct Image {
  enum class PullPolicy { kIfNotPresent, kAlways, kNever };
  std::string repository;
  std::string tag{};
  std::string digest{};
  PullPolicy pull_policy = PullPolicy::kIfNotPresent;
  /// `latest` and `Always` make what runs depend on when a pod started; they
  /// are warnings unless this says they are meant.
  bool mutable_tag_intended = false;
};

/// A port the container listens on, exposed by the Service under the same
/// name on `service_port` (0: the container port).
struct Port {
  enum class Protocol { kTCP, kUDP, kSCTP };
  std::string name;
  int container_port = 0;
  int service_port = 0;
  Protocol protocol = Protocol::kTCP;
};

/// `TCP`, `UDP` or `SCTP`, as Kubernetes spells it.
const char* protocol_name(Port::Protocol protocol);

/// A key of an existing ConfigMap.
struct ConfigMapKeyRef {
  std::string name;
  std::string key;
};

/// A key of an existing Secret (made by hand, by Terraform, or by the
/// External Secrets Operator from Secrets Manager): the only way a secret
/// reaches a workload.
struct SecretKeyRef {
  std::string name;
  std::string key;
};

/// Where an environment variable's value comes from: a literal, a value only
/// Terraform knows (an expression such as a database endpoint, handed over
/// by the `helm_release`), a ConfigMap key or a Secret key.
class EnvSource {
 public:
  enum class Kind { kLiteral, kTerraform, kConfigMap, kSecret };
  EnvSource(const char* literal) : kind_(Kind::kLiteral), value_(literal) {}
  EnvSource(std::string literal) : kind_(Kind::kLiteral), value_(std::move(literal)) {}
  EnvSource(Value value);
  EnvSource(ConfigMapKeyRef ref) : kind_(Kind::kConfigMap), ref_{ref.name, ref.key} {}
  EnvSource(SecretKeyRef ref) : kind_(Kind::kSecret), ref_{ref.name, ref.key} {}

  Kind kind() const { return kind_; }
  /// The literal (a string) or the Terraform expression.
  const Value& value() const { return value_; }
  /// The ConfigMap or Secret name and key.
  const std::string& ref_name() const { return ref_.name; }
  const std::string& ref_key() const { return ref_.key; }

 private:
  Kind kind_;
  Value value_;
  SecretKeyRef ref_;
};

/// A value in AWS Secrets Manager: the secret's name or ARN (often a
/// Terraform value, such as the database's master secret) and, for a JSON
/// secret, the field to take (empty: the whole value).
struct SecretsManagerRef {
  Value key;
  std::string property{};
};

/// A Secret the External Secrets Operator makes and keeps in sync from
/// Secrets Manager: each of its keys from one secret (or JSON field).
struct ExternalSecret {
  std::map<std::string, SecretsManagerRef> data;
  /// How often it is refreshed: a Go duration (`1h`, `15m`).
  std::string refresh_interval = "1h";
};

/// Kubernetes quantities: `250m`, `1`, `512Mi`, `2Gi`. Empty: not set.
struct Resources {
  std::string cpu_request{};
  std::string memory_request{};
  std::string cpu_limit{};
  std::string memory_limit{};
};

/// A liveness, readiness or startup probe: an HTTP GET of `http_path`, a TCP
/// connection, or a command, against the port named `port` (the first port
/// when empty).
struct Probe {
  std::string http_path{};
  bool tcp = false;
  std::vector<std::string> command{};
  std::string port{};
  int initial_delay_seconds = 0;
  int period_seconds = 10;
  int timeout_seconds = 1;
  int failure_threshold = 3;
};

/// A HorizontalPodAutoscaler (autoscaling/v2) on average utilization.
struct Autoscaling {
  int min_replicas = 1;
  int max_replicas = 1;
  std::optional<int> cpu_percent{};
  std::optional<int> memory_percent{};
};

/// A PodDisruptionBudget: exactly one of the two.
struct DisruptionBudget {
  std::optional<int> min_available{};
  std::optional<int> max_unavailable{};
};

/// One host of an Ingress, routed to the service port named `service_port`
/// (the first port when empty) for every path.
struct IngressHost {
  enum class PathType { kPrefix, kExact, kImplementationSpecific };
  std::string host;
  std::vector<std::string> paths = {"/"};
  PathType path_type = PathType::kPrefix;
  std::string service_port{};
  /// The Secret holding the host's certificate (e.g. made by cert-manager);
  /// empty: no TLS for this host.
  std::string tls_secret{};
};

struct Ingress {
  std::string class_name{};
  std::vector<IngressHost> hosts{};
  std::map<std::string, std::string> annotations{};
};

/// The pods' service account. `role_arn` makes it an IAM role for service
/// accounts (IRSA); it is usually a Terraform value (the role's ARN).
struct ServiceAccount {
  bool create = true;
  std::string name{};
  Value role_arn{};
  std::map<std::string, std::string> annotations{};
  bool automount_token = false;
};

/// Who may open connections to the pods: any of these peers (pods with
/// labels, in namespaces with labels, or an address range).
struct NetworkPeer {
  std::map<std::string, std::string> pod_labels{};
  std::map<std::string, std::string> namespace_labels{};
  std::string cidr{};
};

/// A NetworkPolicy admitting only `allow_from` to the workload's ports
/// (named; empty: every port).
struct NetworkPolicy {
  std::vector<NetworkPeer> allow_from{};
  std::vector<std::string> ports{};
};

struct Toleration {
  enum class Effect { kNoSchedule, kPreferNoSchedule, kNoExecute };
  std::string key;
  std::string value{};  ///< empty: the key only (operator Exists)
  Effect effect = Effect::kNoSchedule;
};

/// Spreads the pods over a topology domain (zones by default).
struct TopologySpread {
  std::string topology_key = "topology.kubernetes.io/zone";
  int max_skew = 1;
  bool hard = false;  ///< DoNotSchedule instead of ScheduleAnyway
};

/// The pod and container security context. The defaults are the
/// Kubernetes "restricted" profile: non-root, no privilege escalation, all
/// capabilities dropped, seccomp RuntimeDefault, read-only root filesystem.
struct Security {
  std::int64_t run_as_user = 10001;
  bool read_only_root_filesystem = true;
  /// With a read-only root filesystem, an `emptyDir` at /tmp.
  bool writable_tmp = true;
};

/// Everything a Workload is made of. Each field becomes a value of the
/// chart (docs/chart-values.md); environment files may change them.
struct WorkloadProps {
  Image image;
  int replicas = 1;
  std::vector<Port> ports{};
  std::vector<std::string> command{};
  std::vector<std::string> args{};
  std::map<std::string, EnvSource> env{};
  /// Data of a ConfigMap of the workload's own, exposed as variables.
  std::map<std::string, std::string> config{};
  Resources resources{};
  std::optional<Probe> liveness{};
  std::optional<Probe> readiness{};
  std::optional<Probe> startup{};
  std::optional<Autoscaling> autoscaling{};
  std::optional<DisruptionBudget> disruption_budget{};
  std::optional<Ingress> ingress{};
  ServiceAccount service_account{};
  std::optional<NetworkPolicy> network_policy{};
  std::map<std::string, std::string> node_selector{};
  std::vector<Toleration> tolerations{};
  std::vector<TopologySpread> topology_spread{};
  Security security{};
  /// An ALB target group (a Terraform value) the AWS Load Balancer
  /// Controller registers the pods in, through a TargetGroupBinding on the
  /// service port named `target_group_port` (the first port when empty).
  Value target_group_arn{};
  std::string target_group_port{};
  /// Secrets made from AWS Secrets Manager by the External Secrets
  /// Operator, by Secret name (read them with SecretKeyRef), through a
  /// SecretStore that signs in with the service account's IAM role.
  std::map<std::string, ExternalSecret> external_secrets{};
  /// The region of those secrets (usually a Terraform value).
  Value secrets_region{};
};

/// A long-running containerized application: a Deployment with its
/// Service, Ingress, ConfigMap, HorizontalPodAutoscaler,
/// PodDisruptionBudget, ServiceAccount, NetworkPolicy, and the
/// TargetGroupBinding, SecretStore and ExternalSecrets it asks for. The only child of
/// a Chart (see Chart::workload()); its props are the chart's values.
class Workload : public Construct {
 public:
  using Props = WorkloadProps;
  Workload(Construct& scope, const Id& id, WorkloadProps props);

  const WorkloadProps& props() const { return props_; }

  /// The chart's default values (values.yaml): the props as the template
  /// contract spells them. Values Terraform sets are empty strings here.
  Value values() const;

  /// Helm value path → Terraform value, for the `helm_release` to set:
  /// `env.DATABASE_HOST`, `serviceAccount.roleArn`, ...
  std::vector<std::pair<std::string, Value>> terraform_values() const;

  /// Problems with the props, one message each; empty when all is well.
  std::vector<std::string> problems() const;

  /// Warnings (`tag: latest`, `pullPolicy: Always`), one message each.
  std::vector<std::string> warnings() const;

 private:
  WorkloadProps props_;
};

}  // namespace keelson

#endif  // KEELSON_CHARTS_WORKLOAD_H_
