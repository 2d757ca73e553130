#ifndef KEELSON_EXAMPLES_PLANNER_STACK_PLANNER_STACK_H_
#define KEELSON_EXAMPLES_PLANNER_STACK_PLANNER_STACK_H_

#include <keelson.h>

namespace planner_stack {

/// Declares the planner's infrastructure and its umbrella chart on `app`;
/// environments/*.yaml give what differs between dev, staging and prod.
void declare(keelson::App& app);

}  // namespace planner_stack

#endif  // KEELSON_EXAMPLES_PLANNER_STACK_PLANNER_STACK_H_
