#ifndef KEELSON_STACKS_COMPUTE_PROPS_H_
#define KEELSON_STACKS_COMPUTE_PROPS_H_

#include <string>
#include <vector>

#include "stacks/compute_stack.h"

namespace keelson::detail {

/// The problems with the literal props of a ComputeStack, one message each,
/// naming the field; parameters and references are checked by their own specs.
std::vector<std::string> check_compute_props(const ComputeStack::Props& props);

/// Whether `name` is a valid short name of a Lambda function of the stack.
bool valid_function_name(const std::string& name);

}  // namespace keelson::detail

#endif  // KEELSON_STACKS_COMPUTE_PROPS_H_
