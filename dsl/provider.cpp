#include "dsl/provider.h"

namespace keelson {

Provider::Provider(std::string local_name, ProviderOptions options, SourceLocation where)
    : local_name_(std::move(local_name)), options_(std::move(options)), where_(std::move(where)) {}

std::string Provider::reference() const {
  return options_.alias.empty() ? local_name_ : local_name_ + "." + options_.alias;
}

}  // namespace keelson
