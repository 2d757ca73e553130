#ifndef KEELSON_GENERATORS_ENVIRONMENT_PAGE_H_
#define KEELSON_GENERATORS_ENVIRONMENT_PAGE_H_

#include <string>

#include "generators/docs_model.h"

namespace keelson {

/// An environment's summary: where it deploys (region, account, state), the
/// modules its root calls, its parameter values (sensitive ones masked), its
/// charts' values files and its runbook.
std::string environment_page(const DocsModel& model, const DocEnvironment& env);

}  // namespace keelson

#endif  // KEELSON_GENERATORS_ENVIRONMENT_PAGE_H_
