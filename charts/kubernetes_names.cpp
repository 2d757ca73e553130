#include "charts/kubernetes_names.h"

#include <string>

#include "dsl/pattern.h"

namespace keelson::k8s {
namespace {

bool matches(std::string_view text, std::string_view expression, std::size_t max_length) {
  // Compiled once per expression; Pattern is safe to share between threads.
  return text.size() <= max_length && Pattern(std::string(expression)).full_match(text);
}

constexpr std::string_view kLabel = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

}  // namespace

bool is_dns_subdomain(std::string_view name) {
  static const Pattern subdomain(std::string(kLabel) + "(\\." + std::string(kLabel) + ")*");
  return !name.empty() && name.size() <= 253 && subdomain.full_match(name);
}

bool is_host_name(std::string_view host) {
  if (host.starts_with("*.")) host.remove_prefix(2);
  return host.find('.') != std::string_view::npos && is_dns_subdomain(host);
}

bool is_port_name(std::string_view name) {
  static const Pattern port("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  return !name.empty() && name.size() <= 15 && port.full_match(name) &&
         name.find_first_of("abcdefghijklmnopqrstuvwxyz") != std::string_view::npos &&
         name.find("--") == std::string_view::npos;
}

bool is_env_name(std::string_view name) {
  return matches(name, "[-._a-zA-Z][-._a-zA-Z0-9]*", 1024);
}

bool is_config_key(std::string_view key) { return matches(key, "[-._a-zA-Z0-9]+", 253); }

bool is_quantity(std::string_view quantity) {
  static const Pattern pattern(
      R"([+-]?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?)");
  return quantity.size() <= 64 && pattern.full_match(quantity);
}

bool is_image_repository(std::string_view repository) {
  // The distribution reference grammar, without tag or digest.
  static const Pattern pattern(
      R"(([a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?)*(:[0-9]+)?/)?)"
      R"([a-z0-9]+(([._]|__|-+)[a-z0-9]+)*(/[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*)*)");
  return repository.size() <= 255 && pattern.full_match(repository);
}

bool is_image_tag(std::string_view tag) { return matches(tag, "[A-Za-z0-9_][A-Za-z0-9_.-]*", 128); }

bool is_image_digest(std::string_view digest) { return matches(digest, "sha256:[a-f0-9]{64}", 71); }

bool is_cidr(std::string_view cidr) {
  static const Pattern v4(
      R"(((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])/(3[0-2]|[12]?[0-9]))");
  static const Pattern v6(R"([0-9a-fA-F:]*:[0-9a-fA-F:]*/(12[0-8]|1[01][0-9]|[1-9]?[0-9]))");
  return cidr.size() <= 43 && (v4.full_match(cidr) || v6.full_match(cidr));
}

bool is_iam_role_arn(std::string_view arn) {
  return matches(arn, R"(arn:aws[a-z-]*:iam::[0-9]{12}:role/[\w+=,.@/-]+)", 2048);
}

bool is_aws_region(std::string_view region) {
  return matches(region, "[a-z]{2}(-[a-z]+)+-[0-9]+", 32);
}

bool is_go_duration(std::string_view duration) {
  return matches(duration, "([0-9]+(\\.[0-9]+)?(ns|us|ms|s|m|h))+", 64);
}

bool is_semver(std::string_view version) {
  static const Pattern pattern(
      R"((0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*))"
      R"((-((0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?)"
      R"((\+[0-9a-zA-Z-]+(\.[0-9a-zA-Z-]+)*)?)");
  return version.size() <= 256 && pattern.full_match(version);
}

}  // namespace keelson::k8s
