#ifndef KEELSON_SYNTH_SCHEMA_CHECK_H_
#define KEELSON_SYNTH_SCHEMA_CHECK_H_

#include <string>
#include <vector>

#include "schema/provider_schema.h"
#include "schema/schema_validator.h"
#include "synth/synthesizer.h"

namespace keelson {

/// A schema finding traced back to the construct that produced it.
struct LocatedFinding {
  schema::Finding finding;
  std::string path;      ///< construct path, empty for provider settings
  SourceLocation where;  ///< the user's source line, when known
  std::string to_string() const;
};

/// Checks every resource, data source and provider configuration of a
/// synthesis against `schemas`, in file order.
std::vector<LocatedFinding> check_schemas(const Synthesis& synthesis,
                                          const schema::ProviderSchemas& schemas);

}  // namespace keelson

#endif  // KEELSON_SYNTH_SCHEMA_CHECK_H_
