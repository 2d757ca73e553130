#ifndef KEELSON_SCHEMA_BUNDLED_SCHEMAS_H_
#define KEELSON_SCHEMA_BUNDLED_SCHEMAS_H_

#include <string_view>

namespace keelson::schema {

/// The provider schemas (`terraform providers schema -json` format) embedded
/// in the binary at build time: hashicorp/aws 6.25.0, hashicorp/helm 3.1.1 and
/// hashicorp/kubernetes 2.38.0. The views stay valid for the whole program.
std::string_view bundled_aws_schema_json();
std::string_view bundled_helm_schema_json();
std::string_view bundled_kubernetes_schema_json();

}  // namespace keelson::schema

#endif  // KEELSON_SCHEMA_BUNDLED_SCHEMAS_H_
