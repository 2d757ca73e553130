#ifndef KEELSON_POLICY_SECRET_SCAN_H_
#define KEELSON_POLICY_SECRET_SCAN_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keelson::policy {

/// What a plaintext secret looks like, and how it is shown: never whole.
struct SecretMatch {
  std::string kind;    ///< e.g. `AWS access key id`, `URL with a password`
  std::string masked;  ///< e.g. `AKIA****`, `https://admin:****@db`
};

/// Shannon entropy of `text`, in bits per character.
double shannon_entropy(std::string_view text);

/// `text` with all but its first 4 characters hidden (`AKIA****`); a value
/// shorter than 12 characters shows nothing of itself (`****`).
std::string mask_secret(std::string_view text);

/// Whether `value` is a plaintext secret. Anywhere, a value is one when it
/// matches a known credential format (AWS access key ids, private key PEM
/// headers, GitHub, Slack and Stripe live tokens, JWTs, URLs with a
/// password, `password=...` in a connection string) or is one token of high
/// entropy: base64-like, 20+ characters, 4.5+ bits per character, mixing
/// letters and digits; hex, 32+ characters, 3.0+ bits, and not of a SHA-1
/// or SHA-256 digest's length. `under_secret_name` (the key says it holds a
/// secret: looks_like_secret_name) lowers the bar: any 8+ character token
/// of 2.5+ bits that is not a reference (ARN, `${...}`, path, plain URL) or
/// an ALL_CAPS constant, and a 40-character base64 token as an AWS secret
/// access key. ARNs, resource names, image digests (`sha256:...`), CIDRs,
/// UUIDs and policy documents are not secrets.
std::optional<SecretMatch> detect_secret(std::string_view value, bool under_secret_name);

/// One secret found in a JSON document.
struct SecretAt {
  std::string path;  ///< e.g. `environment[0].variables.DB_URL`
  SecretMatch match;
};

/// Every string in `value` that detect_secret() calls a secret, the bar
/// lowered under keys that look like secret names; `path` prefixes the
/// paths. `skip` (same layout, `true` at a place) leaves values out: those
/// a plan marks sensitive, which came from a vault or from a variable given
/// at plan time. In an object holding an AWS access key id, a 40-character
/// base64 sibling is its secret key.
std::vector<SecretAt> scan_json(const nlohmann::json& value, const std::string& path,
                                const nlohmann::json& skip = nullptr);

/// `found` for a message: `path: kind (masked)`, joined by `; `.
std::string describe_secrets(const std::vector<SecretAt>& found);

}  // namespace keelson::policy

#endif  // KEELSON_POLICY_SECRET_SCAN_H_
