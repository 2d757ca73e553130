// The serverless platform (seed 001): Lambda functions behind an HTTP API,
// PostgreSQL and Redis in private subnets, S3 with cross-region replication,
// configuration in SSM and Secrets Manager, alarms, dashboards and a budget,
// for development, staging and production. See serverless_platform.cpp.
#include "serverless_platform.h"

int main(int argc, char** argv) {
  keelson::App app{"serverless-platform"};
  serverless_platform::declare(app);
  // Its pipeline (generated/workflows/infrastructure.yml): the checks on every
  // pull request, a plan per environment, dev, staging then prod behind
  // approvals, and a drift check on weekday mornings.
  app.workflow({.build = "cmake -S . -B build -DCMAKE_BUILD_TYPE=Release\n"
                         "cmake --build build -j 4 --target serverless-platform",
                .program = "build/examples/serverless-platform/serverless-platform",
                .directory = "examples/serverless-platform"});
  return app.run(argc, argv);
}
