#ifndef KEELSON_GENERATORS_DOCS_SITE_H_
#define KEELSON_GENERATORS_DOCS_SITE_H_

#include "generators/docs_model.h"
#include "generators/file_set.h"

namespace keelson {

/// Every page of the documentation, by path relative to the docs directory:
/// `README.md` (index and Mermaid diagram), `architecture.dot`,
/// `modules/<stack>.md`, `environments/<env>.md`, `charts/<chart>.md` and
/// `runbooks/<env>.md`.
FileSet docs_site(const DocsModel& model);

}  // namespace keelson

#endif  // KEELSON_GENERATORS_DOCS_SITE_H_
