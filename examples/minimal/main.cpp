// A small app: a network stack (VPC and private subnets across a number of
// availability zones that differs per environment) and a storage stack (an
// encrypted, private S3 bucket reached through a VPC gateway endpoint, which
// is the one cross-stack reference: the endpoint needs the network's VPC).
#include <keelson.h>

using namespace keelson;

int main(int argc, char** argv) {
  App app{"minimal"};

  auto zones = app.param<int>(
      "az_count", {
                      .description = "Number of availability zones the private subnets span.",
                      .min = 1,
                      .max = 3,
                  });
  auto vpc_cidr = app.param<std::string>(
      "vpc_cidr", {
                      .description = "IPv4 CIDR block of the VPC.",
                      .pattern = R"(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/(1[6-9]|2[0-4]))",
                  });

  // network: the VPC and one private subnet per availability zone.
  auto& network = app.stack("network");
  // A policy check that does not apply is suppressed at the resource, with the
  // reason: checkov reads it from the resource's JSON (tools/checkov).
  auto& available = network.data("aws_availability_zones", "available")
                        .set("state", "available")
                        .suppress("CKV_AWS_394", "Subnets take the first az_count zones by "
                                                 "position; a zone added later does not move them");
  auto& vpc = network.resource("aws_vpc", "main")
                  .set("cidr_block", vpc_cidr)
                  .set("enable_dns_support", true)
                  .set("enable_dns_hostnames", true)
                  .set("tags", Value::map({{"Name", "minimal"}}))
                  .suppress("CKV2_AWS_11", "The minimal example shows the model; NetworkStack "
                                           "writes flow logs");
  // No rule: the VPC's default security group admits and sends nothing.
  network.resource("aws_default_security_group", "default").set("vpc_id", vpc.id());
  auto& private_subnets =
      network.resource("aws_subnet", "private")
          .count(zones)
          .set("vpc_id", vpc.id())
          .set("cidr_block", fn::cidrsubnet(vpc.attr("cidr_block"), 8, count_index()))
          .set("availability_zone", fn::element(available.attr("names"), count_index()))
          .set("tags", Value::map({{"Name", str("minimal-private-", count_index())}}));
  network.output("vpc_id", vpc.id(), {.description = "ID of the VPC."});
  network.output("private_subnet_ids", private_subnets.all("id"),
                 {.description = "IDs of the private subnets, one per availability zone."});
  // What every environment's plan must show: each root's tests/plan.tftest.json
  // asserts it with that environment's az_count (`tofu test`).
  network.output("zone_count", fn::length(private_subnets.all("id")),
                 {.description = "Number of availability zones the private subnets span.",
                  .expect = zones});

  // storage: a private, encrypted, versioned bucket.
  auto& storage = app.stack("storage");
  auto& bucket =
      storage.resource("aws_s3_bucket", "artifacts")
          .set("bucket_prefix", "minimal-artifacts-")
          .suppress("CKV_AWS_144", "Artifacts are rebuilt, not replicated; StorageStack "
                                   "replicates a bucket when asked")
          .suppress("CKV_AWS_18", "The minimal example keeps no access-log bucket")
          .suppress("CKV2_AWS_61", "Artifacts are kept until deleted")
          .suppress("CKV2_AWS_62", "Nothing consumes object events");
  auto& public_access =
      storage.resource("aws_s3_bucket_public_access_block", "artifacts_public_access")
          .set("bucket", bucket.id())
          .set("block_public_acls", true)
          .set("block_public_policy", true)
          .set("ignore_public_acls", true)
          .set("restrict_public_buckets", true);
  storage.resource("aws_s3_bucket_server_side_encryption_configuration", "artifacts_encryption")
      .set("bucket", bucket.id())
      .block("rule", {{"apply_server_side_encryption_by_default",
                       Value::map({{"sse_algorithm", "aws:kms"}})}});
  storage.resource("aws_s3_bucket_versioning", "artifacts_versioning")
      .set("bucket", bucket.id())
      .block("versioning_configuration", {{"status", "Enabled"}});
  // TLS only: S3 answers plain HTTP unless the bucket policy refuses it.
  storage.resource("aws_s3_bucket_policy", "artifacts_tls_only")
      .set("bucket", bucket.id())
      .set("policy",
           fn::jsonencode(Value::map(
               {{"Version", "2012-10-17"},
                {"Statement",
                 Value::list({Value::map(
                     {{"Sid", "DenyInsecureTransport"},
                      {"Effect", "Deny"},
                      {"Principal", "*"},
                      {"Action", "s3:*"},
                      {"Resource", Value::list({bucket.arn(), str(bucket.arn(), "/*")})},
                      {"Condition",
                       Value::map({{"Bool", Value::map({{"aws:SecureTransport", "false"}})}})}})})}})))
      // S3 rejects concurrent changes to one bucket's settings.
      .depends_on(public_access);

  // The cross-stack reference: keelson exports the VPC id from the network
  // module and wires it into this one in every environment root.
  auto& region = storage.data("aws_region", "current");
  storage.resource("aws_vpc_endpoint", "s3")
      .set("vpc_id", vpc.id())
      .set("service_name", str("com.amazonaws.", region.attr("region"), ".s3"))
      .set("vpc_endpoint_type", "Gateway");
  storage.output("bucket_name", bucket.id(), {.description = "Name of the artifacts bucket."});

  return app.run(argc, argv);
}
