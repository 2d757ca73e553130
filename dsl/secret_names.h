#ifndef KEELSON_DSL_SECRET_NAMES_H_
#define KEELSON_DSL_SECRET_NAMES_H_

#include <string_view>

namespace keelson {

/// Whether a key or variable name says it holds a secret (`DB_PASSWORD`,
/// `adminPassword`, `apiKey`, `clientSecret`, `AUTH_TOKEN`): such a name
/// given a literal value would put a secret in plain text in a committed
/// values file. Names that only refer to a secret (`secretName`,
/// `existingSecret`, `passwordSecretKey`, `tokenFile`) are not secrets.
bool looks_like_secret_name(std::string_view name);

}  // namespace keelson

#endif  // KEELSON_DSL_SECRET_NAMES_H_
