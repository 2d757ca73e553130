// The FinOps platform (seed 004): an EKS front end and an EC2 auto scaling
// back end on one VPC, RDS PostgreSQL and S3, a KMS key per data class, IAM
// roles under a permissions boundary, enforced cost tags, AWS Config rules
// and a budget, for dev, staging and prod in accounts of their own.
#include "finops_platform.h"

int main(int argc, char** argv) {
  keelson::App app{"finops-platform"};
  finops_platform::declare(app);
  return app.run(argc, argv);
}
