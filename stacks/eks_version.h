#ifndef KEELSON_STACKS_EKS_VERSION_H_
#define KEELSON_STACKS_EKS_VERSION_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/value.h"

namespace keelson {

/// The Kubernetes version a `ComputeStack` creates its cluster on unless told
/// otherwise: the newest in EKS standard support (until 2 August 2027).
inline constexpr std::string_view kEksDefaultVersion = "1.36";

/// The Kubernetes minor versions Amazon EKS still creates clusters on, oldest
/// first: those in standard or extended support at the end of November 2026
/// (the EKS Kubernetes release calendar). Older versions are past the end of
/// extended support, and EKS refuses to create them.
const std::vector<std::string>& eks_creatable_versions();

/// `eks_creatable_versions()` as a parameter's `allowed` list:
/// `app.param<std::string>("kubernetes_version", {.allowed = eks_version_choices()})`.
Value::List eks_version_choices();

/// Checks a literal Kubernetes version: a minor version like "1.36" that EKS
/// still creates (a version newer than the list is accepted: EKS releases one
/// every four months or so). Returns the problem, naming `field`, or nothing
/// when the version is fine or an expression (a parameter checks itself).
std::optional<std::string> check_eks_version(std::string_view field, const Value& version);

}  // namespace keelson

#endif  // KEELSON_STACKS_EKS_VERSION_H_
