#ifndef KEELSON_GENERATORS_MODULE_PAGE_H_
#define KEELSON_GENERATORS_MODULE_PAGE_H_

#include <string>

#include "generators/docs_model.h"

namespace keelson {

/// A module's page, in the manner of terraform-docs: its resources (with
/// count / for_each), its inputs (type, description, default, whether
/// required, then each environment's value; sensitive ones masked) and its
/// outputs.
std::string module_page(const DocsModel& model, const DocModule& module);

/// `text` as inline code in a table cell.
std::string code_cell(const std::string& text);

}  // namespace keelson

#endif  // KEELSON_GENERATORS_MODULE_PAGE_H_
