#ifndef KEELSON_EXAMPLES_FINOPS_PLATFORM_FINOPS_PLATFORM_H_
#define KEELSON_EXAMPLES_FINOPS_PLATFORM_FINOPS_PLATFORM_H_

#include <keelson.h>

namespace finops_platform {

/// Declares the FinOps platform on `app`; environments/*.yaml give what
/// differs between dev, staging and prod (accounts, sizes, budgets).
void declare(keelson::App& app);

}  // namespace finops_platform

#endif  // KEELSON_EXAMPLES_FINOPS_PLATFORM_FINOPS_PLATFORM_H_
