#ifndef KEELSON_EXAMPLES_SERVERLESS_PLATFORM_SERVERLESS_PLATFORM_H_
#define KEELSON_EXAMPLES_SERVERLESS_PLATFORM_SERVERLESS_PLATFORM_H_

#include <keelson.h>

namespace serverless_platform {

/// Declares the serverless platform on `app`; environments/*.yaml give what
/// differs between development, staging and production.
void declare(keelson::App& app);

}  // namespace serverless_platform

#endif  // KEELSON_EXAMPLES_SERVERLESS_PLATFORM_SERVERLESS_PLATFORM_H_
