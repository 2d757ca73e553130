#include "synth/path_limits.h"

#include <algorithm>
#include <map>

#include "dsl/errors.h"
#include "dsl/stack.h"
#include "generators/terraform_module.h"

namespace keelson {

std::vector<Diagnostic> check_path_lengths(const Plan& plan, const FileSet& files) {
  std::vector<Diagnostic> problems;
  // A module directory names its stack, so the problem is reported on the
  // stack's declaration; every file in it would repeat it.
  std::map<std::string, const Stack*> modules;
  for (const auto& stack : plan.stacks) {
    const std::string dir = module_directory(*stack.stack);
    if (stack.stack->name().size() > kMaxNameBytes) {
      problems.push_back(errors::stack_id_too_long(stack.stack->node().path(),
                                                   stack.stack->name().size(), kMaxNameBytes,
                                                   stack.stack->node().where()));
      modules.emplace(dir + "/", stack.stack);
    }
  }
  for (const auto& [file, content] : files) {
    bool reported = false;
    for (const auto& [dir, stack] : modules) reported = reported || file.rfind(dir, 0) == 0;
    if (reported) continue;
    std::size_t start = 0;
    while (start <= file.size()) {
      const std::size_t end = std::min(file.find('/', start), file.size());
      if (end - start > kMaxNameBytes) {
        problems.push_back(errors::generated_name_too_long(file, end - start, kMaxNameBytes));
        break;
      }
      start = end + 1;
    }
  }
  return problems;
}

}  // namespace keelson
