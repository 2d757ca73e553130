#ifndef KEELSON_SCHEMA_BUNDLED_AWS_SCHEMA_H_
#define KEELSON_SCHEMA_BUNDLED_AWS_SCHEMA_H_

#include <string_view>

namespace keelson::schema {

/// The hashicorp/aws provider schema (`terraform providers schema -json`
/// format) embedded in the binary at build time. The view stays valid for the
/// whole program.
std::string_view bundled_aws_schema_json();

}  // namespace keelson::schema

#endif  // KEELSON_SCHEMA_BUNDLED_AWS_SCHEMA_H_
