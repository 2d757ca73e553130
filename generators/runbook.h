#ifndef KEELSON_GENERATORS_RUNBOOK_H_
#define KEELSON_GENERATORS_RUNBOOK_H_

#include <string>

#include "generators/docs_model.h"

namespace keelson {

/// An environment's runbook, from what its modules declare and its values:
/// backup and restore of each RDS instance and ElastiCache replication
/// group (retention, windows, the AWS CLI commands with the identifiers the
/// environment produces), S3 versioning, the RPO/RTO the configuration
/// implies, disaster-recovery steps, drift check and rollback.
std::string runbook(const DocsModel& model, const DocEnvironment& env);

}  // namespace keelson

#endif  // KEELSON_GENERATORS_RUNBOOK_H_
