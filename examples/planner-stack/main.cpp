// The Intelligent Teams Planner (seed 000): EKS with general and
// compute-optimized spot node groups, PostgreSQL, Redis, S3 and monitoring
// for dev, staging and prod, and the `planner-stack` umbrella chart of its
// four services. See planner_stack.cpp.
#include "planner_stack.h"

int main(int argc, char** argv) {
  keelson::App app{"planner-stack"};
  planner_stack::declare(app);
  // Its pipeline (generated/workflows/infrastructure.yml): the checks on every
  // pull request, a plan per environment, dev, staging then prod behind
  // approvals, and a drift check on weekday mornings.
  app.workflow({.build = "cmake -S . -B build -DCMAKE_BUILD_TYPE=Release\n"
                         "cmake --build build -j 4 --target planner-stack",
                .program = "build/examples/planner-stack/planner-stack",
                .directory = "examples/planner-stack"});
  return app.run(argc, argv);
}
