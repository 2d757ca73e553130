// The Intelligent Teams Planner (seed 000): EKS with general and
// compute-optimized spot node groups, PostgreSQL, Redis, S3 and monitoring
// for dev, staging and prod, and the `planner-stack` umbrella chart of its
// four services. See planner_stack.cpp.
#include "planner_stack.h"

int main(int argc, char** argv) {
  keelson::App app{"planner-stack"};
  planner_stack::declare(app);
  return app.run(argc, argv);
}
