#ifndef KEELSON_ENVIRONMENTS_DEFAULT_TAGS_H_
#define KEELSON_ENVIRONMENTS_DEFAULT_TAGS_H_

#include "dsl/app.h"
#include "environments/environment.h"

namespace keelson {

/// The tags every resource of `environment` carries through the AWS
/// provider's `default_tags`: keelson's own (`Environment`, `ManagedBy`),
/// then the App's, then the environment's; later wins.
Value::Map default_tags(const App& app, const Environment& environment);

}  // namespace keelson

#endif  // KEELSON_ENVIRONMENTS_DEFAULT_TAGS_H_
