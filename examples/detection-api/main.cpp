// The reference architecture: the detection API on a multi-AZ VPC with EKS,
// RDS PostgreSQL, Redis, an ALB and CloudWatch, for dev, staging and prod.
// See detection_api.cpp; the environments differ only by environments/*.yaml.
#include "detection_api.h"

int main(int argc, char** argv) {
  keelson::App app{"detection-api"};
  detection_api::declare(app);
  return app.run(argc, argv);
}
