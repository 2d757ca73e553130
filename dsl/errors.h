#ifndef KEELSON_DSL_ERRORS_H_
#define KEELSON_DSL_ERRORS_H_

#include <string>
#include <string_view>
#include <vector>

#include "dsl/diagnostic.h"

namespace keelson::errors {

/// The catalogue of model errors: one function per condition, named after it.
/// Each says what went wrong, where, and how to fix it, under a stable code.

Diagnostic invalid_id(std::string_view parent_path, std::string_view id, SourceLocation where);
Diagnostic duplicate_id(std::string_view parent_path, std::string_view id, SourceLocation where,
                        const SourceLocation& first);
Diagnostic tree_locked(std::string_view parent_path, std::string_view id, SourceLocation where);
Diagnostic child_not_found(std::string_view parent_path, std::string_view id,
                           const std::vector<std::string>& children, SourceLocation where);
Diagnostic resource_outside_stack(std::string_view path, SourceLocation where);
Diagnostic stack_not_under_app(std::string_view path, SourceLocation where);
Diagnostic invalid_resource_type(std::string_view path, std::string_view type,
                                 SourceLocation where);
Diagnostic logical_id_already_read(std::string_view path, std::string_view logical_id,
                                   SourceLocation where);
Diagnostic duplicate_logical_id(std::string_view path, std::string_view address,
                                std::string_view other_path, SourceLocation where);
Diagnostic count_and_for_each(std::string_view path, SourceLocation where);
Diagnostic reserved_attribute(std::string_view path, std::string_view name, SourceLocation where);
Diagnostic invalid_override_path(std::string_view path, std::string_view override_path,
                                 SourceLocation where);
Diagnostic invalid_suppression_reason(std::string_view path, std::string_view rule_id,
                                      bool multi_line, SourceLocation where);
Diagnostic invalid_rule_id(std::string_view path, std::string_view rule_id, SourceLocation where);
Diagnostic validation_failed(std::string_view path, std::string_view message, SourceLocation where);
Diagnostic duplicate_parameter(std::string_view name, SourceLocation where,
                               const SourceLocation& first);
Diagnostic invalid_parameter_name(std::string_view name, SourceLocation where);
Diagnostic invalid_parameter_default(std::string_view name, std::string_view problem,
                                     SourceLocation where);
Diagnostic sensitive_parameter_default(std::string_view name, SourceLocation where);
Diagnostic invalid_parameter_pattern(std::string_view name, std::string_view pattern,
                                     std::string_view problem, SourceLocation where);
Diagnostic duplicate_output(std::string_view path, std::string_view name, SourceLocation where);
Diagnostic unevaluable_expectation(std::string_view path, std::string_view name,
                                   SourceLocation where);
Diagnostic duplicate_provider(std::string_view reference, SourceLocation where);
Diagnostic provider_not_declared(std::string_view path, std::string_view type,
                                 std::string_view local_name, SourceLocation where);
Diagnostic foreign_reference(std::string_view path, std::string_view target_path,
                             SourceLocation where);
Diagnostic stack_cycle(const std::vector<std::string>& cycle, SourceLocation where);
Diagnostic no_stacks(std::string_view app);
Diagnostic stack_id_too_long(std::string_view path, std::size_t bytes, std::size_t limit,
                             SourceLocation where);
Diagnostic generated_name_too_long(std::string_view file, std::size_t bytes, std::size_t limit);
Diagnostic whole_reference_to_repeated(std::string_view path, std::string_view target_path,
                                       SourceLocation where);
Diagnostic reference_to_unset_instance(std::string_view path, std::string_view target_path,
                                       SourceLocation where);
Diagnostic unresolvable_provider_setting(std::string_view reference, std::string_view setting,
                                        std::string problem, SourceLocation where);
Diagnostic depends_on_itself(std::string_view path, SourceLocation where);
Diagnostic provider_without_source(std::string_view reference, bool source_missing,
                                   bool version_missing, SourceLocation where);

}  // namespace keelson::errors

#endif  // KEELSON_DSL_ERRORS_H_
