#ifndef KEELSON_TESTS_STACKS_COMPUTE_TEST_SUPPORT_H_
#define KEELSON_TESTS_STACKS_COMPUTE_TEST_SUPPORT_H_

#include "dsl/app.h"
#include "stacks/compute_stack.h"

namespace keelson::testing {

/// A stand-in for the network stack: the same kinds of references (a VPC,
/// three private and three public subnets, two security groups) from another
/// stack.
struct FakeNetwork {
  Value vpc_id;
  Value private_subnet_ids;
  Value public_subnet_ids;
  Value node_security_group_id;
  Value alb_security_group_id;
};

/// Declares stack `network` of `app` with those resources.
FakeNetwork fake_network(App& app);

/// An ACM certificate ARN for the HTTPS listener.
inline constexpr const char* kCertificate =
    "arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-1111-2222-3333-444455556666";

/// Valid props of a ComputeStack named `detection-api` on `net`.
ComputeStack::Props props_for(const FakeNetwork& net);

}  // namespace keelson::testing

#endif  // KEELSON_TESTS_STACKS_COMPUTE_TEST_SUPPORT_H_
