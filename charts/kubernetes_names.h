#ifndef KEELSON_CHARTS_KUBERNETES_NAMES_H_
#define KEELSON_CHARTS_KUBERNETES_NAMES_H_

#include <string_view>

// What the Kubernetes API server and container registries accept, checked at
// declaration so a bad name fails at synth instead of at `helm install`.
namespace keelson::k8s {

/// RFC 1123 subdomain: ConfigMap, Secret and service account names.
bool is_dns_subdomain(std::string_view name);
/// A host name for an Ingress rule: a subdomain, `*.` allowed in front.
bool is_host_name(std::string_view host);
/// IANA service name: 1 to 15 lower-case letters, digits and `-`, with a letter.
bool is_port_name(std::string_view name);
/// An environment variable name: letters, digits, `_`, `.`, `-`, not starting with a digit.
bool is_env_name(std::string_view name);
/// A ConfigMap or Secret key: letters, digits, `_`, `.`, `-`.
bool is_config_key(std::string_view key);
/// A resource quantity: `250m`, `1`, `0.5`, `512Mi`, `1e3`.
bool is_quantity(std::string_view quantity);
/// An image name without tag or digest: `nginx`, `ghcr.io:443/acme/api`.
bool is_image_repository(std::string_view repository);
/// A tag: letters, digits, `_`, `.`, `-`, at most 128, not starting with `.` or `-`.
bool is_image_tag(std::string_view tag);
/// `sha256:` and 64 lower-case hex digits.
bool is_image_digest(std::string_view digest);
/// An IPv4 or IPv6 CIDR block.
bool is_cidr(std::string_view cidr);
/// `arn:<partition>:iam::<account>:role/<path and name>`.
bool is_iam_role_arn(std::string_view arn);
/// An AWS region name: `us-east-1`, `eu-central-2`, `us-gov-west-1`.
bool is_aws_region(std::string_view region);
/// A Go duration as Kubernetes operators take it: `1h`, `15m`, `1h30m`, `90s`.
bool is_go_duration(std::string_view duration);
/// A semantic version 2.0.0 (`1.2.3`, `1.0.0-rc.1+build.5`).
bool is_semver(std::string_view version);

}  // namespace keelson::k8s

#endif  // KEELSON_CHARTS_KUBERNETES_NAMES_H_
