#ifndef KEELSON_DSL_SUPPRESSION_H_
#define KEELSON_DSL_SUPPRESSION_H_

#include <string>
#include <string_view>

#include "dsl/diagnostic.h"

namespace keelson {

/// A policy rule declared not to apply to one resource, with the reason and
/// the line that said so. Stored whatever the rule's origin (`CKV_AWS_144`
/// of checkov, `KSL-S3-001` of keelson's own policies); each consumer picks
/// the rules it knows.
struct Suppression {
  std::string rule_id;
  std::string reason;
  SourceLocation where;
};

/// Rule ids are upper-case words of letters and digits joined by `_` or
/// `-`, at least two of them: `CKV_AWS_144`, `CKV2_AWS_5`, `KSL-S3-001`.
bool is_valid_rule_id(std::string_view rule_id);

/// A rule checkov knows (`CKV_...`, `CKV2_...`), emitted as its skip comment.
bool is_checkov_rule(std::string_view rule_id);

/// checkov's skip comment for `suppression`: `checkov:skip=<id>:<reason>`.
std::string checkov_skip_comment(const Suppression& suppression);

}  // namespace keelson

#endif  // KEELSON_DSL_SUPPRESSION_H_
