#ifndef KEELSON_PLAN_EXPRESSION_RENDERER_H_
#define KEELSON_PLAN_EXPRESSION_RENDERER_H_

#include <functional>
#include <string>
#include <string_view>

#include "dsl/expression.h"
#include "dsl/value.h"

namespace keelson {

/// Renders a reference (an Expr of kind kRef) as expression text in the
/// module being written: its own address, or the variable a cross-stack
/// reference was wired to.
using ReferenceRenderer = std::function<std::string(const Expr& reference)>;

/// `value` in Terraform's native expression syntax: `var.x`, `"a${b}"`,
/// `cidrsubnet(var.cidr, 8, count.index)`, `["a", "b"]`, `{"k" = v}`.
std::string render_hcl(const Value& value, const ReferenceRenderer& references);

/// The JSON string (unquoted) that carries expression `value` in Terraform's
/// JSON syntax: a string template as `a${b}c`, any other expression as `${...}`.
std::string render_template(const Value& value, const ReferenceRenderer& references);

/// `value` with every `environment_name()` in it replaced by the literal
/// `environment`, for what is written once per environment (a root's
/// provider settings). Parts without it are shared, not copied.
Value with_environment(const Value& value, std::string_view environment);

/// A literal for a JSON string template: `${` becomes `$${`, `%{` becomes `%%{`.
std::string escape_template(std::string_view literal);

/// The text of reference `ref` inside its own module, given its target's
/// address: `aws_vpc.main.id`, `aws_subnet.a[0].id`, `aws_subnet.a[*].id`,
/// `values(aws_subnet.a)[*].id`, `module.vpc.vpc_id`.
std::string local_reference(const Expr& ref, const ReferenceRenderer& references);

}  // namespace keelson

#endif  // KEELSON_PLAN_EXPRESSION_RENDERER_H_
