#ifndef KEELSON_DSL_PROVIDER_H_
#define KEELSON_DSL_PROVIDER_H_

#include <string>

#include "dsl/diagnostic.h"
#include "dsl/value.h"

namespace keelson {

/// What a provider configuration is made of.
struct ProviderOptions {
  std::string source{};   ///< registry source, e.g. `hashicorp/random`; required for non-AWS
  std::string version{};  ///< version constraint, e.g. `~> 3.6`; required for non-AWS
  std::string alias{};    ///< empty for the default configuration
  /// Provider arguments: literals, parameters, environment_name(), and
  /// attributes of resources of the app's stacks (each root reads them from
  /// the producing module's outputs).
  Value::Map config{};
};

/// One provider configuration in every environment root. The default AWS
/// provider always exists and takes its region, account, role and tags from
/// the environment file; aliased AWS providers add to (and may override) that.
class Provider {
 public:
  Provider(std::string local_name, ProviderOptions options, SourceLocation where);

  const std::string& local_name() const { return local_name_; }
  const std::string& source() const { return options_.source; }
  const std::string& version() const { return options_.version; }
  const std::string& alias() const { return options_.alias; }
  const Value::Map& config() const { return options_.config; }
  const SourceLocation& where() const { return where_; }
  bool is_aws() const { return local_name_ == "aws"; }

  /// `aws` or `aws.replica`: how resources and module calls name it.
  std::string reference() const;

 private:
  std::string local_name_;
  ProviderOptions options_;
  SourceLocation where_;
};

}  // namespace keelson

#endif  // KEELSON_DSL_PROVIDER_H_
