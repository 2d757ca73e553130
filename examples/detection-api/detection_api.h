#ifndef KEELSON_EXAMPLES_DETECTION_API_DETECTION_API_H_
#define KEELSON_EXAMPLES_DETECTION_API_DETECTION_API_H_

#include <keelson.h>

namespace detection_api {

/// Declares the reference architecture (multi-AZ VPC, EKS, RDS PostgreSQL,
/// Redis, ALB, CloudWatch) on `app`. Everything that differs between dev,
/// staging and prod is a parameter, given by environments/*.yaml.
void declare(keelson::App& app);

}  // namespace detection_api

#endif  // KEELSON_EXAMPLES_DETECTION_API_DETECTION_API_H_
