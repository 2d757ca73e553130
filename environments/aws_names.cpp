#include "environments/aws_names.h"

#include <fmt/core.h>

#include "dsl/pattern.h"

namespace keelson::aws {
namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string length_problem(std::string_view text, std::size_t min, std::size_t max) {
  if (text.size() < min || text.size() > max) {
    return fmt::format("it must be {} to {} characters long", min, max);
  }
  return {};
}

}  // namespace

bool is_region(std::string_view region) {
  // us-east-1, us-gov-west-1, us-isob-east-1, eusc-de-east-1 (European Sovereign Cloud)
  static const Pattern kRegion("[a-z]{2,4}(-(gov|iso[a-z]?|[a-z]{2}))?-[a-z]+-[0-9]{1,2}");
  return kRegion.full_match(region);
}

bool is_account_id(std::string_view account) {
  static const Pattern kAccount("[0-9]{12}");
  return kAccount.full_match(account);
}

bool is_role_arn(std::string_view arn) {
  static const Pattern kRoleArn("arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+");
  return kRoleArn.full_match(arn);
}

std::string session_name_problem(std::string_view name) {
  static const Pattern kName("[A-Za-z0-9+=,.@_-]+");
  if (auto problem = length_problem(name, 2, 64); !problem.empty()) return problem;
  return kName.full_match(name) ? std::string() : "it may contain only letters, digits and +=,.@_-";
}

std::string external_id_problem(std::string_view id) {
  static const Pattern kId("[A-Za-z0-9+=,.@:/_-]+");
  if (auto problem = length_problem(id, 2, 1224); !problem.empty()) return problem;
  return kId.full_match(id) ? std::string() : "it may contain only letters, digits and +=,.@:/_-";
}

std::string bucket_problem(std::string_view bucket) {
  static const Pattern kCharacters("[a-z0-9.-]+");
  static const Pattern kEnds("[a-z0-9].*[a-z0-9]");
  static const Pattern kIpAddress(R"([0-9]+\.[0-9]+\.[0-9]+\.[0-9]+)");
  if (auto problem = length_problem(bucket, 3, 63); !problem.empty()) return problem;
  if (!kCharacters.full_match(bucket)) {
    return "it may contain only lowercase letters, digits, dots and hyphens";
  }
  if (!kEnds.full_match(bucket)) return "it must start and end with a letter or digit";
  if (bucket.find("..") != std::string_view::npos) return "it must not contain two dots in a row";
  if (kIpAddress.full_match(bucket)) return "it must not look like an IP address";
  if (bucket.starts_with("xn--") || bucket.starts_with("sthree-")) {
    return "it starts with a prefix S3 reserves";
  }
  if (ends_with(bucket, "-s3alias") || ends_with(bucket, "--ol-s3")) {
    return "it ends with a suffix S3 reserves";
  }
  return {};
}

std::string dynamodb_table_problem(std::string_view table) {
  static const Pattern kTable("[A-Za-z0-9_.-]+");
  if (auto problem = length_problem(table, 3, 255); !problem.empty()) return problem;
  return kTable.full_match(table) ? std::string()
                                  : "it may contain only letters, digits, underscores, dots and "
                                    "hyphens";
}

std::string kms_key_problem(std::string_view key) {
  static const Pattern kKey("[!-~]+");
  if (auto problem = length_problem(key, 1, kArnLength); !problem.empty()) return problem;
  return kKey.full_match(key) ? std::string() : "it may not contain spaces or non-ASCII characters";
}

}  // namespace keelson::aws
