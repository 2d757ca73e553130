#include "stacks/compute_test_support.h"

#include "dsl/expression.h"

namespace keelson::testing {

FakeNetwork fake_network(App& app) {
  auto& net = app.stack("network");
  auto& vpc = net.resource("aws_vpc", "main").set("cidr_block", "10.0.0.0/16");
  auto& private_subnets = net.resource("aws_subnet", "private")
                              .count(3)
                              .set("vpc_id", vpc.id())
                              .set("cidr_block", fn::cidrsubnet("10.0.0.0/16", 8, count_index()));
  auto& public_subnets =
      net.resource("aws_subnet", "public")
          .count(3)
          .set("vpc_id", vpc.id())
          .set("cidr_block", fn::cidrsubnet("10.0.0.0/16", 8, add(count_index(), 100)));
  auto& nodes = net.resource("aws_security_group", "nodes").set("vpc_id", vpc.id());
  auto& alb = net.resource("aws_security_group", "alb").set("vpc_id", vpc.id());
  return {vpc.id(), private_subnets.all("id"), public_subnets.all("id"), nodes.id(), alb.id()};
}

ComputeStack::Props props_for(const FakeNetwork& net) {
  return {.name = "detection-api",
          .vpc_id = net.vpc_id,
          .private_subnet_ids = net.private_subnet_ids,
          .public_subnet_ids = net.public_subnet_ids,
          .node_security_group_id = net.node_security_group_id,
          .alb_security_group_id = net.alb_security_group_id,
          .alb = {.certificate_arn = kCertificate, .access_logs_bucket = "detection-api-logs"}};
}

}  // namespace keelson::testing
