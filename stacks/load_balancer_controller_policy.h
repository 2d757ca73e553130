#ifndef KEELSON_STACKS_LOAD_BALANCER_CONTROLLER_POLICY_H_
#define KEELSON_STACKS_LOAD_BALANCER_CONTROLLER_POLICY_H_

#include "dsl/value.h"

namespace keelson {

/// The AWS Load Balancer Controller's Helm chart, from the EKS charts
/// repository: chart 1.13.3 installs controller v2.13.3 (which needs
/// Kubernetes 1.22 or later).
inline constexpr const char* kLoadBalancerControllerChartRepository =
    "https://aws.github.io/eks-charts";
inline constexpr const char* kLoadBalancerControllerChart = "aws-load-balancer-controller";
inline constexpr const char* kLoadBalancerControllerChartVersion = "1.13.3";

/// The controller's IAM policy for that version, verbatim as published
/// (kubernetes-sigs/aws-load-balancer-controller, docs/install/iam_policy.json
/// at v2.13.3).
const char* load_balancer_controller_policy_json();

/// The same policy as `jsonencode({...})`, the form every keelson policy has
/// in the output (keys sorted, statements in the published order).
Value load_balancer_controller_policy();

}  // namespace keelson

#endif  // KEELSON_STACKS_LOAD_BALANCER_CONTROLLER_POLICY_H_
