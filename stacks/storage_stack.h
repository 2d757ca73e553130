#ifndef KEELSON_STACKS_STORAGE_STACK_H_
#define KEELSON_STACKS_STORAGE_STACK_H_

#include <functional>
#include <map>
#include <optional>
#include <source_location>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/construct.h"
#include "dsl/provider.h"
#include "dsl/resource.h"
#include "dsl/stack.h"
#include "dsl/value.h"

namespace keelson {

/// Private, encrypted, versioned S3 buckets with TLS-only policies, typed
/// lifecycle rules, optional server access logging and optional cross-region
/// replication.
///
/// For a bucket with id `backups` the stack creates `aws_s3_bucket.backups`
/// and `aws_s3_bucket_<part>.backups_<part>` for its versioning, encryption,
/// public access block, ownership controls, policy, lifecycle, logging and
/// replication; a replicated bucket's destination is `aws_s3_bucket.backups_replica`
/// (with the same parts) and its role `aws_iam_role.backups_replication`.
class StorageStack : public Stack {
 public:
  /// Storage classes a lifecycle rule can move objects to.
  enum class StorageClass {
    kStandardIa,          ///< `STANDARD_IA` (at least 30 days)
    kOnezoneIa,           ///< `ONEZONE_IA` (at least 30 days)
    kIntelligentTiering,  ///< `INTELLIGENT_TIERING`
    kGlacierIr,           ///< `GLACIER_IR`
    kGlacier,             ///< `GLACIER` (Glacier Flexible Retrieval)
    kDeepArchive,         ///< `DEEP_ARCHIVE`
  };

  /// Move current objects to `storage_class` `days` after creation.
  struct Transition {
    int days = 30;                                        ///< days after creation, positive
    StorageClass storage_class = StorageClass::kGlacier;  ///< where the objects go
  };

  /// One lifecycle rule of a bucket. With versioning on, `expiration_days`
  /// turns current versions into noncurrent ones; `noncurrent_expiration_days`
  /// deletes those for good.
  struct LifecycleRule {
    /// Unique within the bucket.
    std::string id = "default";
    /// Objects under this key prefix; empty for the whole bucket.
    std::string prefix{};
    /// Moves to cheaper storage classes; expiration must come after all of them.
    std::vector<Transition> transitions{};
    /// Days after creation when current versions expire; none when unset.
    std::optional<int> expiration_days{};
    /// Days after becoming noncurrent when old versions are deleted; none when unset.
    std::optional<int> noncurrent_expiration_days{};
    /// Days after which unfinished multipart uploads are aborted.
    int abort_incomplete_upload_days = 7;
  };

  /// How a bucket's objects are encrypted at rest.
  enum class Encryption {
    kAuto,    ///< KMS, except AES-256 for an ALB access-log bucket
    kKms,     ///< SSE-KMS with the stack's key (or `Props::kms_key_arn`)
    kAes256,  ///< SSE-S3 (AES-256)
  };

  /// One bucket of the stack.
  struct Bucket {
    /// Construct id and name part, e.g. `backups`: unique in the stack.
    std::string id{};
    /// How objects are encrypted at rest.
    Encryption encryption = Encryption::kAuto;
    /// Receives ALB access logs: the policy lets the ELB log delivery service
    /// write, and encryption must be AES-256 (ALB log delivery has no KMS).
    bool alb_access_logs = false;
    /// Receives AWS Config's configuration history and snapshots (an
    /// `aws_config_delivery_channel`'s bucket): the policy lets
    /// `config.amazonaws.com`, for this account only, check the bucket and
    /// write below `[<prefix>/]AWSLogs/<account>/Config/`. With KMS
    /// encryption, the key must let `config.amazonaws.com` use it.
    bool config_delivery = false;
    /// Lifecycle rules; none by default.
    std::vector<LifecycleRule> lifecycle{};
    /// Writes S3 server access logs to the stack's access-log bucket.
    bool access_logging = false;
    /// Replicates to a bucket in the region of `Props::replica_provider`.
    bool replicate = false;
  };

  /// How the stack is configured.
  struct Props {
    /// Prefix of bucket names and Name tags: lowercase letters, digits, hyphens.
    std::string name = "app";
    /// The buckets, in order.
    std::vector<Bucket> buckets{};
    /// An existing KMS key ARN for KMS-encrypted buckets; null: the stack
    /// creates a key when a bucket needs one.
    Value kms_key_arn{};
    /// An aliased AWS provider (another region) for replication destinations;
    /// required when a bucket has `replicate`.
    const Provider* replica_provider = nullptr;
    /// Days the access-log bucket keeps server access logs.
    int access_log_expiration_days = 90;
    /// ARN of an IAM policy set as the permissions boundary of every IAM role
    /// the stack creates: what they may ever do, whatever is attached to
    /// them; null for none.
    Value permissions_boundary{};
  };

  /// Builds every bucket and its parts.
  StorageStack(Construct& scope, const Id& id, Props props);

  /// The name (`id`) of bucket `id`; an unknown id is reported with a suggestion.
  Value bucket_id(std::string_view id,
                  std::source_location where = std::source_location::current()) const;
  /// The ARN of bucket `id`; an unknown id is reported with a suggestion.
  Value bucket_arn(std::string_view id,
                   std::source_location where = std::source_location::current()) const;
  /// The ARN of the KMS key of KMS-encrypted buckets (given, or created);
  /// reported as an error when none was given and no bucket uses KMS.
  Value kms_key_arn(std::source_location where = std::source_location::current()) const;
  /// The name of the server access-log bucket; null when no bucket logs.
  Value access_log_bucket_id() const;

 private:
  Value bucket_attr(std::string_view id, const char* attribute,
                    const std::source_location& where) const;

  std::map<std::string, const Resource*, std::less<>> buckets_;
  Value kms_key_arn_;
  const Resource* access_logs_ = nullptr;
};

}  // namespace keelson

#endif  // KEELSON_STACKS_STORAGE_STACK_H_
