#include "stacks/storage_stack.h"

#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <utility>

#include "dsl/expression.h"
#include "dsl/suggest.h"
#include "stacks/iam.h"
#include "stacks/kms_key.h"
#include "stacks/props.h"

namespace keelson {
namespace {

// terraform appends 26 characters to a bucket_prefix; S3 names are at most 63.
constexpr std::size_t kMaxBucketPrefix = 37;
constexpr const char* kAccessLogsId = "access_logs";
// Ids of the stack's own constructs, which a bucket id must not take.
const std::set<std::string>& reserved_ids() {
  static const std::set<std::string> ids{kAccessLogsId,
                                         "current_aws_caller_identity",
                                         "current_aws_region",
                                         "elb_account",
                                         "kms",
                                         "replica_kms"};
  return ids;
}

using Encryption = StorageStack::Encryption;
using LifecycleRule = StorageStack::LifecycleRule;
using StorageClass = StorageStack::StorageClass;

const char* storage_class_name(StorageClass c) {
  switch (c) {
    case StorageClass::kStandardIa:
      return "STANDARD_IA";
    case StorageClass::kOnezoneIa:
      return "ONEZONE_IA";
    case StorageClass::kIntelligentTiering:
      return "INTELLIGENT_TIERING";
    case StorageClass::kGlacierIr:
      return "GLACIER_IR";
    case StorageClass::kGlacier:
      return "GLACIER";
    case StorageClass::kDeepArchive:
      return "DEEP_ARCHIVE";
  }
  return "GLACIER";
}

bool valid_name(const std::string& name) {
  if (name.empty() || name.front() == '-') return false;
  return std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::islower(c) || std::isdigit(c) || c == '-';
  });
}

// Bucket names allow no underscores or capitals; construct ids do.
std::string bucket_prefix(const std::string& name, const std::string& id) {
  std::string out = name + "-" + id + "-";
  for (char& c : out) {
    c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// Problems with one bucket's lifecycle rules, each naming the bucket and rule.
void check_lifecycle(const std::string& bucket, const std::vector<LifecycleRule>& rules,
                     std::vector<std::string>& out) {
  std::set<std::string> ids;
  for (const auto& rule : rules) {
    const std::string where = fmt::format("bucket \"{}\": lifecycle rule \"{}\"", bucket, rule.id);
    if (rule.id.empty())
      out.push_back(fmt::format("bucket \"{}\": a lifecycle rule needs an id", bucket));
    if (!ids.insert(rule.id).second) {
      out.push_back(
          fmt::format("{} is declared twice; rule ids must be unique in a bucket", where));
    }
    int latest_transition = 0;
    const char* latest_class = "";
    for (const auto& t : rule.transitions) {
      const char* cls = storage_class_name(t.storage_class);
      if (t.days <= 0) {
        out.push_back(
            fmt::format("{}: transition days to {} must be positive, got {}", where, cls, t.days));
      } else if ((t.storage_class == StorageClass::kStandardIa ||
                  t.storage_class == StorageClass::kOnezoneIa) &&
                 t.days < 30) {
        out.push_back(fmt::format("{}: a transition to {} needs at least 30 days, got {}", where,
                                  cls, t.days));
      }
      if (t.days > latest_transition) {
        latest_transition = t.days;
        latest_class = cls;
      }
    }
    if (rule.expiration_days) {
      const int days = *rule.expiration_days;
      if (days <= 0) {
        out.push_back(fmt::format("{}: expiration days must be positive, got {}", where, days));
      } else if (days <= latest_transition) {
        out.push_back(fmt::format(
            "{}: expiration after {} days must be later than every transition (the latest is {} "
            "days to {})",
            where, days, latest_transition, latest_class));
      }
    }
    if (rule.noncurrent_expiration_days && *rule.noncurrent_expiration_days <= 0) {
      out.push_back(fmt::format("{}: noncurrent version expiration days must be positive, got {}",
                                where, *rule.noncurrent_expiration_days));
    }
    if (rule.abort_incomplete_upload_days <= 0) {
      out.push_back(fmt::format("{}: abort_incomplete_upload_days must be positive, got {}", where,
                                rule.abort_incomplete_upload_days));
    }
    if (rule.transitions.empty() && !rule.expiration_days && !rule.noncurrent_expiration_days) {
      out.push_back(fmt::format(
          "{} does nothing: give it a transition, an expiration or a noncurrent expiration",
          where));
    }
  }
}

Value::Map lifecycle_rule_body(const LifecycleRule& rule) {
  Value::Map body{{"id", rule.id},
                  {"status", "Enabled"},
                  {"filter", Value::map({{"prefix", rule.prefix}})},
                  {"abort_incomplete_multipart_upload",
                   Value::map({{"days_after_initiation", rule.abort_incomplete_upload_days}})}};
  if (!rule.transitions.empty()) {
    Value::List transitions;
    for (const auto& t : rule.transitions) {
      transitions.push_back(
          Value::map({{"days", t.days}, {"storage_class", storage_class_name(t.storage_class)}}));
    }
    body.emplace("transition", std::move(transitions));
  }
  if (rule.expiration_days) {
    body.emplace("expiration", Value::map({{"days", *rule.expiration_days}}));
  }
  if (rule.noncurrent_expiration_days) {
    body.emplace("noncurrent_version_expiration",
                 Value::map({{"noncurrent_days", *rule.noncurrent_expiration_days}}));
  }
  return body;
}

// A bucket and the parts every bucket of the stack has.
struct SecureBucket {
  Resource* bucket = nullptr;
  Resource* versioning = nullptr;
  Resource* public_access = nullptr;
};

Resource& with_provider(Resource& r, const Provider* provider) {
  if (provider != nullptr) r.provider(*provider);
  return r;
}

// `kms_key` null means SSE-S3 (AES-256).
// The Name tag is the name prefix without its trailing hyphen.
SecureBucket secure_bucket(Stack& stack, const std::string& id, const std::string& prefix,
                           const Value& kms_key, const Provider* provider) {
  SecureBucket out;
  out.bucket = &with_provider(stack.resource("aws_s3_bucket", id), provider)
                    .set("bucket_prefix", prefix)
                    .set("force_destroy", false)
                    .set("tags", name_tags(prefix.substr(0, prefix.size() - 1)));
  const Value bucket = out.bucket->id();
  out.versioning =
      &with_provider(stack.resource("aws_s3_bucket_versioning", id + "_versioning"), provider)
           .set("bucket", bucket)
           .block("versioning_configuration", {{"status", "Enabled"}});
  Value::Map by_default{{"sse_algorithm", "AES256"}};
  if (!kms_key.is_null())
    by_default = {{"sse_algorithm", "aws:kms"}, {"kms_master_key_id", kms_key}};
  with_provider(
      stack.resource("aws_s3_bucket_server_side_encryption_configuration", id + "_encryption"),
      provider)
      .set("bucket", bucket)
      .block("rule", {{"apply_server_side_encryption_by_default", Value(std::move(by_default))},
                      {"bucket_key_enabled", !kms_key.is_null()}});
  out.public_access =
      &with_provider(stack.resource("aws_s3_bucket_public_access_block", id + "_public_access"),
                     provider)
           .set("bucket", bucket)
           .set("block_public_acls", true)
           .set("block_public_policy", true)
           .set("ignore_public_acls", true)
           .set("restrict_public_buckets", true);
  with_provider(stack.resource("aws_s3_bucket_ownership_controls", id + "_ownership"), provider)
      .set("bucket", bucket)
      .block("rule", {{"object_ownership", "BucketOwnerEnforced"}});
  return out;
}

// The bucket policy: TLS only, plus `extra` statements.
void bucket_policy(Stack& stack, const std::string& id, const SecureBucket& b,
                   std::vector<PolicyStatement> extra, const Provider* provider) {
  std::vector<PolicyStatement> statements{PolicyStatement{
      .sid = "DenyInsecureTransport",
      .effect = "Deny",
      .actions = {"s3:*"},
      .resources = {b.bucket->arn(), str(b.bucket->arn(), "/*")},
      .principals = "*",
      .conditions = Value::map({{"Bool", Value::map({{"aws:SecureTransport", "false"}})}})}};
  for (auto& s : extra) statements.push_back(std::move(s));
  // After the public access block: S3 rejects concurrent changes to one bucket.
  with_provider(stack.resource("aws_s3_bucket_policy", id + "_policy"), provider)
      .set("bucket", b.bucket->id())
      .set("policy", policy_document(statements))
      .depends_on(*b.public_access);
}

void add_lifecycle(Stack& stack, const std::string& id, const SecureBucket& b,
                   const std::vector<LifecycleRule>& rules, const Provider* provider) {
  if (rules.empty()) return;
  auto& config =
      with_provider(stack.resource("aws_s3_bucket_lifecycle_configuration", id + "_lifecycle"),
                    provider)
          .set("bucket", b.bucket->id())
          .depends_on(*b.versioning);
  for (const auto& rule : rules) config.block("rule", lifecycle_rule_body(rule));
}

bool uses_kms(const StorageStack::Bucket& b) {
  return b.encryption == Encryption::kKms ||
         (b.encryption == Encryption::kAuto && !b.alb_access_logs);
}

// Regions opened before August 2022, where ALB access logs are written by the
// region's Elastic Load Balancing account and the log-delivery service principal
// is not honoured: the regions the `aws_elb_service_account` data source knows
// (it fails in any other). Newer regions use only the service principal.
const Value::List& elb_account_regions() {
  static const Value::List kRegions = {
      "af-south-1",     "ap-east-1",      "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
      "ap-south-1",     "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ca-central-1",
      "cn-north-1",     "cn-northwest-1", "eu-central-1",   "eu-north-1",     "eu-south-1",
      "eu-west-1",      "eu-west-2",      "eu-west-3",      "me-south-1",     "sa-east-1",
      "us-east-1",      "us-east-2",      "us-gov-east-1",  "us-gov-west-1",  "us-west-1",
      "us-west-2"};
  return kRegions;
}

// Why checkov's S3 checks that a bucket's props turned off do not apply.
constexpr const char* kNoEventConsumer =
    "Nothing consumes object events: notifications feed processing pipelines, not a control";

void suppress_unused_choices(Resource& bucket, const StorageStack::Bucket& spec) {
  bucket.suppress("CKV2_AWS_62", kNoEventConsumer);
  // A replicated bucket passes: checkov finds its replication configuration.
  if (!spec.replicate) {
    bucket.suppress("CKV_AWS_144", "Cross-region replication is the bucket's replicate prop, off");
  }
  if (!uses_kms(spec)) {
    const char* reason = spec.alb_access_logs
                             ? "ALB access-log delivery supports only SSE-S3 (AES-256)"
                             : "SSE-S3 (AES-256), as the bucket's encryption prop asks";
    // checkov's and keelson's rule asking for a KMS key.
    bucket.suppress("CKV_AWS_145", reason).suppress("KSL-S3-002", reason);
  }
  if (!spec.access_logging) {
    bucket.suppress("CKV_AWS_18", "Server access logging is the bucket's access_logging prop, off");
  }
  if (spec.lifecycle.empty()) {
    bucket.suppress("CKV2_AWS_61", "The bucket's lifecycle prop declares no rule: objects are kept");
  }
}

}  // namespace

StorageStack::StorageStack(Construct& scope, const Id& id, Props props) : Stack(scope, id) {
  std::vector<std::string> problems;
  if (!valid_name(props.name)) {
    problems.push_back(
        fmt::format("name must be lowercase letters, digits and hyphens, not starting with a "
                    "hyphen, got \"{}\"",
                    props.name));
  }
  if (props.access_log_expiration_days <= 0) {
    problems.push_back(fmt::format("access_log_expiration_days must be positive, got {}",
                                   props.access_log_expiration_days));
  }
  const bool any_access_logging = std::any_of(props.buckets.begin(), props.buckets.end(),
                                              [](const Bucket& b) { return b.access_logging; });
  if (any_access_logging && valid_name(props.name)) {
    const std::string prefix = bucket_prefix(props.name, kAccessLogsId);
    if (prefix.size() > kMaxBucketPrefix) {
      problems.push_back(fmt::format(
          "the access-log bucket's name prefix \"{}\" has {} characters, S3 allows at most {}; "
          "shorten name",
          prefix, prefix.size(), kMaxBucketPrefix));
    }
  }

  // Decide which buckets are built; the rest are reported.
  std::vector<const Bucket*> buckets;
  std::set<std::string> seen;
  for (const auto& b : props.buckets) {
    if (b.id.empty()) {
      problems.push_back("a bucket needs an id");
      continue;
    }
    if (!seen.insert(b.id).second) {
      problems.push_back(fmt::format("bucket id \"{}\" is used twice; ids must be unique", b.id));
      continue;
    }
    if (reserved_ids().contains(b.id)) {
      problems.push_back(fmt::format(
          "bucket id \"{}\" is reserved for the stack's own resources (access_logs, account, kms, "
          "replica_kms); choose another",
          b.id));
      continue;
    }
    if (b.alb_access_logs && b.encryption == Encryption::kKms) {
      problems.push_back(fmt::format(
          "bucket \"{}\": ALB access logs need AES-256 (SSE-S3) encryption; ALB log delivery "
          "does not support KMS",
          b.id));
    }
    if (b.replicate && props.replica_provider == nullptr) {
      problems.push_back(fmt::format(
          "bucket \"{}\": replication needs replica_provider (an aliased AWS provider for the "
          "destination region)",
          b.id));
    }
    const std::string prefix = bucket_prefix(props.name, b.id + (b.replicate ? "-replica" : ""));
    if (prefix.size() > kMaxBucketPrefix) {
      problems.push_back(fmt::format(
          "bucket \"{}\": the name prefix \"{}\" has {} characters, S3 allows at most {}; shorten "
          "name or the bucket id",
          b.id, prefix, prefix.size(), kMaxBucketPrefix));
    }
    check_lifecycle(b.id, b.lifecycle, problems);
    buckets.push_back(&b);
  }
  if (!problems.empty()) {
    node().add_validation([problems] { return problems; });
  }

  // The account, for policies that scope service principals to it.
  Value account_id;
  const bool any_alb_logs = std::any_of(buckets.begin(), buckets.end(),
                                        [](const Bucket* b) { return b->alb_access_logs; });
  const bool any_config = std::any_of(buckets.begin(), buckets.end(),
                                      [](const Bucket* b) { return b->config_delivery; });
  if (any_access_logging || any_alb_logs || any_config) {
    account_id = shared_data("aws_caller_identity").attr("account_id");
  }
  // Who writes ALB access logs: the log-delivery service principal everywhere,
  // and in regions opened before August 2022 the region's ELB account, which
  // only `aws_elb_service_account` knows; the region is known at plan time.
  Value alb_log_writers;
  if (any_alb_logs) {
    const Value region = shared_data("aws_region").attr("region");
    const Value older_region = fn::contains(elb_account_regions(), region);
    auto& elb_account =
        data("aws_elb_service_account", "elb_account").count(when(older_region, 1, 0));
    const Value service = Value::list({"logdelivery.elasticloadbalancing.amazonaws.com"});
    const Value elb_arns = elb_account.all("arn");  // one ARN, or none in a newer region
    // Both branches maps of lists: objects with different keys would not unify.
    alb_log_writers =
        when(gt(fn::length(elb_arns), 0),
             fn::call("tomap", {Value::map({{"AWS", elb_arns}, {"Service", service}})}),
             fn::call("tomap", {Value::map({{"Service", service}})}));
  }

  // One customer-managed key for the KMS-encrypted buckets, unless one is given.
  const bool need_kms =
      std::any_of(buckets.begin(), buckets.end(), [](const Bucket* b) { return uses_kms(*b); });
  if (!props.kms_key_arn.is_null()) {
    kms_key_arn_ = props.kms_key_arn;
  } else if (need_kms) {
    auto& key = add<KmsKey>(
        "kms", KmsKeyProps{.description = fmt::format("Encrypts the {} S3 buckets.", props.name),
                           .alias = fmt::format("alias/{}-s3", props.name)});
    key.key().set("tags", name_tags(props.name + "-s3"));
    kms_key_arn_ = key.arn();
  }

  // The server access-log bucket: SSE-S3, as S3 log delivery needs.
  SecureBucket access_logs;
  if (any_access_logging) {
    access_logs = secure_bucket(*this, kAccessLogsId, bucket_prefix(props.name, kAccessLogsId),
                                nullptr, nullptr);
    access_logs_ = access_logs.bucket;
    constexpr const char* kSseS3Only =
        "S3 server access logs can be delivered only to an SSE-S3 (AES-256) bucket";
    access_logs.bucket->suppress("CKV_AWS_145", kSseS3Only)
        .suppress("KSL-S3-002", kSseS3Only)
        .suppress("CKV_AWS_144", "Access logs stay in the region of the buckets they log")
        .suppress("CKV2_AWS_62", kNoEventConsumer);
    add_lifecycle(*this, kAccessLogsId, access_logs,
                  {LifecycleRule{.id = "expire-access-logs",
                                 .expiration_days = props.access_log_expiration_days,
                                 .noncurrent_expiration_days = 7}},
                  nullptr);
  }

  // A key in the replica region for KMS-encrypted replicas: keys are regional.
  Value replica_key_arn;
  const bool need_replica_key = props.replica_provider != nullptr &&
                                std::any_of(buckets.begin(), buckets.end(), [](const Bucket* b) {
                                  return b->replicate && uses_kms(*b);
                                });
  if (need_replica_key) {
    auto& key = add<KmsKey>(
        "replica_kms",
        KmsKeyProps{.description = fmt::format("Encrypts the {} S3 replicas.", props.name)});
    key.key().provider(*props.replica_provider).set("tags", name_tags(props.name + "-s3-replica"));
    replica_key_arn = key.arn();
  }

  Value::List logged_bucket_arns;
  for (const Bucket* spec : buckets) {
    const std::string& bid = spec->id;
    const Value key = uses_kms(*spec) ? kms_key_arn_ : Value();
    SecureBucket b = secure_bucket(*this, bid, bucket_prefix(props.name, bid), key, nullptr);
    buckets_.emplace(bid, b.bucket);
    suppress_unused_choices(*b.bucket, *spec);

    std::vector<PolicyStatement> extra;
    if (spec->alb_access_logs) {
      // ALB writes `[<prefix>/]AWSLogs/<account>/...`: allow exactly that, with or without prefix.
      extra.push_back(PolicyStatement{
          .sid = "AlbAccessLogDelivery",
          .actions = {"s3:PutObject"},
          .resources = {str(b.bucket->arn(), "/AWSLogs/", account_id, "/*"),
                        str(b.bucket->arn(), "/*/AWSLogs/", account_id, "/*")},
          .principals = alb_log_writers});
    }
    if (spec->config_delivery) {
      const Value config = Value::map({{"Service", "config.amazonaws.com"}});
      const Value this_account =
          Value::map({{"StringEquals", Value::map({{"AWS:SourceAccount", account_id}})}});
      extra.push_back(PolicyStatement{.sid = "ConfigBucketCheck",
                                      .actions = {"s3:GetBucketAcl", "s3:ListBucket"},
                                      .resources = {b.bucket->arn()},
                                      .principals = config,
                                      .conditions = this_account});
      extra.push_back(PolicyStatement{
          .sid = "ConfigDelivery",
          .actions = {"s3:PutObject"},
          .resources = {str(b.bucket->arn(), "/AWSLogs/", account_id, "/Config/*"),
                        str(b.bucket->arn(), "/*/AWSLogs/", account_id, "/Config/*")},
          .principals = config,
          .conditions = Value::map(
              {{"StringEquals", Value::map({{"AWS:SourceAccount", account_id},
                                            {"s3:x-amz-acl", "bucket-owner-full-control"}})}})});
    }
    bucket_policy(*this, bid, b, std::move(extra), nullptr);
    add_lifecycle(*this, bid, b, spec->lifecycle, nullptr);

    if (spec->access_logging) {
      resource("aws_s3_bucket_logging", bid + "_logging")
          .set("bucket", b.bucket->id())
          .set("target_bucket", access_logs.bucket->id())
          .set("target_prefix", bid + "/");
      logged_bucket_arns.push_back(b.bucket->arn());
    }

    if (spec->replicate && props.replica_provider != nullptr) {
      const Provider* replica = props.replica_provider;
      const std::string rid = bid + "_replica";
      const Value dest_key = uses_kms(*spec) ? replica_key_arn : Value();
      SecureBucket dest =
          secure_bucket(*this, rid, bucket_prefix(props.name, rid), dest_key, replica);
      bucket_policy(*this, rid, dest, {}, replica);
      dest.bucket->suppress("CKV2_AWS_62", kNoEventConsumer)
          .suppress("CKV_AWS_18", "Only S3 replication writes a replica, and server access logs "
                                  "need a log bucket in its region: the source's access is logged");
      if (dest_key.is_null()) {
        dest.bucket->suppress("KSL-S3-002", "A replica is encrypted as its source: SSE-S3 "
                                            "(AES-256), as the bucket's encryption prop asks");
      }
      add_lifecycle(*this, rid, dest, spec->lifecycle, replica);

      std::vector<PolicyStatement> permissions{
          PolicyStatement{.sid = "ReadSourceConfiguration",
                          .actions = {"s3:GetReplicationConfiguration", "s3:ListBucket"},
                          .resources = {b.bucket->arn()}},
          PolicyStatement{.sid = "ReadSourceObjects",
                          .actions = {"s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl",
                                      "s3:GetObjectVersionTagging"},
                          .resources = {str(b.bucket->arn(), "/*")}},
          PolicyStatement{
              .sid = "WriteReplicas",
              .actions = {"s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"},
              .resources = {str(dest.bucket->arn(), "/*")}}};
      if (!key.is_null()) {
        permissions.push_back(PolicyStatement{
            .sid = "DecryptSource", .actions = {"kms:Decrypt"}, .resources = {key}});
        permissions.push_back(PolicyStatement{.sid = "EncryptReplicas",
                                              .actions = {"kms:Encrypt", "kms:GenerateDataKey"},
                                              .resources = {dest_key}});
      }
      auto& role =
          add<IamRole>(bid + "_replication",
                       IamRoleProps{.description = fmt::format("Replicates the {} bucket.", bid),
                                    .trust = trust_services({"s3.amazonaws.com"}),
                                    .inline_policy = std::move(permissions),
                                    .permissions_boundary = props.permissions_boundary});
      role.role().set("tags", name_tags(bucket_prefix(props.name, bid) + "replication"));

      Value::Map destination{{"bucket", dest.bucket->arn()}, {"storage_class", "STANDARD"}};
      Value::Map rule{{"id", "replicate-all"},
                      {"status", "Enabled"},
                      {"filter", Value::map({{"prefix", ""}})},
                      {"delete_marker_replication", Value::map({{"status", "Enabled"}})}};
      if (!key.is_null()) {
        destination.emplace("encryption_configuration",
                            Value::map({{"replica_kms_key_id", dest_key}}));
        rule.emplace(
            "source_selection_criteria",
            Value::map({{"sse_kms_encrypted_objects", Value::map({{"status", "Enabled"}})}}));
      }
      rule.emplace("destination", Value(std::move(destination)));
      // Both buckets must be versioned before replication can be configured.
      resource("aws_s3_bucket_replication_configuration", bid + "_replication_config")
          .set("bucket", b.bucket->id())
          .set("role", role.arn())
          .block("rule", std::move(rule))
          .depends_on(*b.versioning)
          .depends_on(*dest.versioning);
      output(rid + "_bucket_arn", dest.bucket->arn(),
             {.description = fmt::format("ARN of the replica of the {} bucket.", bid)});
    }

    output(bid + "_bucket_id", b.bucket->id(),
           {.description = fmt::format("Name of the {} bucket.", bid)});
    output(bid + "_bucket_arn", b.bucket->arn(),
           {.description = fmt::format("ARN of the {} bucket.", bid)});
  }

  if (access_logs.bucket != nullptr) {
    // S3 log delivery writes with the logging service principal, only for our buckets.
    bucket_policy(*this, kAccessLogsId, access_logs,
                  {PolicyStatement{
                      .sid = "S3ServerAccessLogDelivery",
                      .actions = {"s3:PutObject"},
                      .resources = {str(access_logs.bucket->arn(), "/*")},
                      .principals = Value::map({{"Service", "logging.s3.amazonaws.com"}}),
                      .conditions = Value::map(
                          {{"ArnLike", Value::map({{"aws:SourceArn", Value(logged_bucket_arns)}})},
                           {"StringEquals", Value::map({{"aws:SourceAccount", account_id}})}})}},
                  nullptr);
    output("access_logs_bucket_id", access_logs.bucket->id(),
           {.description = "Name of the bucket holding S3 server access logs."});
  }
  if (need_kms) {
    output("kms_key_arn", kms_key_arn_,
           {.description = "ARN of the KMS key encrypting the KMS-encrypted buckets."});
  }
}

Value StorageStack::bucket_attr(std::string_view id, const char* attribute,
                                const std::source_location& where) const {
  if (const auto it = buckets_.find(id); it != buckets_.end()) return it->second->attr(attribute);
  std::vector<std::string> ids;
  for (const auto& [name, bucket] : buckets_) ids.push_back(name);
  std::string hint = did_you_mean(id, ids);
  if (hint.empty()) {
    std::string known;
    for (const auto& name : ids) known += (known.empty() ? "" : ", ") + name;
    hint = known.empty() ? "the stack has no buckets" : "its buckets are: " + known;
  }
  node().scope()->report(
      Diagnostic{.code = "K1004",
                 .path = node().path(),
                 .message = fmt::format("storage stack \"{}\" has no bucket \"{}\"", name(), id),
                 .hint = std::move(hint),
                 .where = to_source_location(where)});
  return Value();
}

Value StorageStack::bucket_id(std::string_view id, std::source_location where) const {
  return bucket_attr(id, "id", where);
}

Value StorageStack::bucket_arn(std::string_view id, std::source_location where) const {
  return bucket_attr(id, "arn", where);
}

Value StorageStack::kms_key_arn(std::source_location where) const {
  if (kms_key_arn_.is_null()) {
    node().scope()->report(Diagnostic{
        .code = "K1004",
        .path = node().path(),
        .message = fmt::format(
            "storage stack \"{}\" has no KMS key: none was given and none of its buckets uses KMS",
            name()),
        .hint = "give a bucket `.encryption = StorageStack::Encryption::kKms`",
        .where = to_source_location(where)});
  }
  return kms_key_arn_;
}

Value StorageStack::access_log_bucket_id() const {
  return access_logs_ != nullptr ? access_logs_->id() : Value();
}

}  // namespace keelson
