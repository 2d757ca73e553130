#include "schema/bundled_schemas.h"

#include "schema/embed_file.h"

#if !defined(KEELSON_AWS_SCHEMA_FILE) || !defined(KEELSON_HELM_SCHEMA_FILE) || \
    !defined(KEELSON_KUBERNETES_SCHEMA_FILE)
#error "KEELSON_{AWS,HELM,KUBERNETES}_SCHEMA_FILE must name the provider schema files to embed"
#endif

KEELSON_EMBED_FILE(aws_schema, KEELSON_AWS_SCHEMA_FILE)
KEELSON_EMBED_FILE(helm_schema, KEELSON_HELM_SCHEMA_FILE)
KEELSON_EMBED_FILE(kubernetes_schema, KEELSON_KUBERNETES_SCHEMA_FILE)

namespace keelson::schema {

std::string_view bundled_aws_schema_json() { return keelson_embedded_aws_schema(); }

std::string_view bundled_helm_schema_json() { return keelson_embedded_helm_schema(); }

std::string_view bundled_kubernetes_schema_json() { return keelson_embedded_kubernetes_schema(); }

}  // namespace keelson::schema
