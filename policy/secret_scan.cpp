#include "policy/secret_scan.h"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "dsl/secret_names.h"

namespace keelson::policy {
namespace {

using nlohmann::json;

bool upper(char c) { return c >= 'A' && c <= 'Z'; }
bool lower(char c) { return c >= 'a' && c <= 'z'; }
bool digit(char c) { return c >= '0' && c <= '9'; }
bool alnum(char c) { return upper(c) || lower(c) || digit(c); }
bool hex(char c) { return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool base64(char c) { return alnum(c) || c == '+' || c == '/' || c == '=' || c == '_' || c == '-'; }
bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// How many characters from `at` satisfy `accept`.
template <typename Accept>
std::size_t run(std::string_view text, std::size_t at, Accept accept) {
  std::size_t n = 0;
  while (at + n < text.size() && accept(text[at + n])) ++n;
  return n;
}

char lowered(char c) { return upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

std::size_t find_nocase(std::string_view text, std::string_view word, std::size_t from = 0) {
  for (std::size_t i = from; i + word.size() <= text.size(); ++i) {
    std::size_t k = 0;
    while (k < word.size() && lowered(text[i + k]) == word[k]) ++k;
    if (k == word.size()) return i;
  }
  return std::string_view::npos;
}

// A value that stands for a secret instead of being one: a template or
// Terraform interpolation, a shell substitution, a placeholder in angle
// brackets, or an already masked value.
bool placeholder(std::string_view text) {
  return text.empty() || text.find("${") != std::string_view::npos ||
         text.find("{{") != std::string_view::npos || text.find("$(") != std::string_view::npos ||
         text.front() == '<' || text.front() == '$' || text.find("****") != std::string_view::npos;
}

SecretMatch token(std::string kind, std::string_view text) {
  return {std::move(kind), mask_secret(text)};
}

// The known credential formats, anywhere in `value`.
std::optional<SecretMatch> known_format(std::string_view value) {
  // Each format below needs one of these characters or 20 characters: most
  // values (names, numbers, CIDRs) are passed over after one look.
  const auto has = [&](char c) { return value.find(c) != std::string_view::npos; };
  const bool underscore = has('_'), dash = has('-'), dot = has('.'), colon = has(':'),
             equals = has('=');
  // AWS access key ids: a 4-letter prefix and 16 upper-case letters or digits.
  for (std::string_view prefix : {"AKIA", "ASIA"}) {
    if (value.size() < 20) break;
    for (auto at = value.find(prefix); at != std::string_view::npos;
         at = value.find(prefix, at + 1)) {
      const auto n = run(value, at + 4, [](char c) { return upper(c) || digit(c); });
      if (n == 16 && (at == 0 || !alnum(value[at - 1]))) {
        return token("AWS access key id", value.substr(at, 20));
      }
    }
  }
  if (const auto begin = dash ? value.find("-----BEGIN ") : std::string_view::npos;
      begin != std::string_view::npos) {
    const auto end = value.find("-----", begin + 11);
    if (end != std::string_view::npos &&
        value.substr(begin, end - begin).ends_with("PRIVATE KEY")) {
      return SecretMatch{"private key", "-----BEGIN ****"};
    }
  }
  const auto prefixed = [&](std::string_view prefix, std::size_t min,
                            bool (*accept)(char)) -> std::optional<std::string_view> {
    for (auto at = value.find(prefix); at != std::string_view::npos;
         at = value.find(prefix, at + 1)) {
      const auto n = run(value, at + prefix.size(), accept);
      if (n >= min && (at == 0 || !alnum(value[at - 1])))
        return value.substr(at, prefix.size() + n);
    }
    return std::nullopt;
  };
  const auto word = [](char c) { return alnum(c) || c == '_'; };
  const auto dashed = [](char c) { return alnum(c) || c == '-'; };
  if (underscore) {
    for (std::string_view prefix : {"ghp_", "gho_", "ghu_", "ghs_", "ghr_"})
      if (auto t = prefixed(prefix, 36, alnum)) return token("GitHub token", *t);
    if (auto t = prefixed("github_pat_", 22, word)) return token("GitHub token", *t);
    for (std::string_view prefix : {"sk_live_", "rk_live_"})
      if (auto t = prefixed(prefix, 16, alnum)) return token("Stripe live key", *t);
  }
  if (dash) {
    for (std::string_view prefix : {"xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-"})
      if (auto t = prefixed(prefix, 10, dashed)) return token("Slack token", *t);
  }
  // A JWT: three base64url parts, the first two JSON objects (`eyJ` is `{"`).
  for (auto at = dot ? value.find("eyJ") : std::string_view::npos; at != std::string_view::npos;
       at = value.find("eyJ", at + 1)) {
    const auto b64url = [](char c) { return alnum(c) || c == '_' || c == '-'; };
    const auto header = run(value, at, b64url);
    if (header < 10 || at + header >= value.size() || value[at + header] != '.') continue;
    const auto body_at = at + header + 1;
    if (value.substr(body_at, 3) != "eyJ") continue;
    const auto body = run(value, body_at, b64url);
    if (body_at + body >= value.size() || value[body_at + body] != '.') continue;
    const auto signature = run(value, body_at + body + 1, b64url);
    if (signature >= 10) return token("JSON web token", value.substr(at, header));
  }
  // scheme://user:password@host: shown with the password masked.
  for (auto at = colon ? value.find("://") : std::string_view::npos; at != std::string_view::npos;
       at = value.find("://", at + 1)) {
    const auto start = at + 3;
    const auto end = value.find_first_of("/?# \"'", start);
    const auto authority = value.substr(start, end == std::string_view::npos ? end : end - start);
    const auto at_sign = authority.rfind('@');
    if (at_sign == std::string_view::npos) continue;
    const auto colon = authority.find(':');
    if (colon == std::string_view::npos || colon > at_sign) continue;
    const auto password = authority.substr(colon + 1, at_sign - colon - 1);
    if (placeholder(password)) continue;
    auto scheme_at = at;
    while (scheme_at > 0 && (alnum(value[scheme_at - 1]) || value[scheme_at - 1] == '+' ||
                             value[scheme_at - 1] == '-' || value[scheme_at - 1] == '.')) {
      --scheme_at;
    }
    return SecretMatch{"URL with a password",
                       fmt::format("{}{}:****{}", value.substr(scheme_at, start - scheme_at),
                                   authority.substr(0, colon), authority.substr(at_sign))};
  }
  // `Password=...;` in a connection string or a query.
  for (std::string_view key : {"password=", "passwd=", "pwd=", "secret=", "token=", "apikey=",
                               "api_key=", "access_token="}) {
    if (!equals) break;
    for (auto at = find_nocase(value, key); at != std::string_view::npos;
         at = find_nocase(value, key, at + 1)) {
      if (at > 0 && (alnum(value[at - 1]) || value[at - 1] == '_')) continue;
      const auto from = at + key.size();
      const auto n = run(value, from, [](char c) {
        return !space(c) && c != ';' && c != '&' && c != '"' && c != '\'' && c != ',';
      });
      const auto secret = value.substr(from, n);
      if (!placeholder(secret)) {
        return SecretMatch{"password in a connection string",
                           fmt::format("{}****", value.substr(at, key.size()))};
      }
    }
  }
  return std::nullopt;
}

// Values that are long and varied but name or describe something: they are
// never secrets, so no entropy test sees them.
bool not_a_secret(std::string_view text) {
  if (text.starts_with("arn:")) return true;
  // Image and content digests: `sha256:...`, `repo@sha256:...`.
  for (std::string_view digest : {"sha256:", "sha512:", "sha1:", "md5:"})
    if (text.find(digest) != std::string_view::npos) return true;
  // A UUID: 8-4-4-4-12 hex digits.
  if (text.size() == 36) {
    bool uuid = true;
    for (std::size_t i = 0; i < 36 && uuid; ++i)
      uuid = (i == 8 || i == 13 || i == 18 || i == 23) ? text[i] == '-' : hex(text[i]);
    if (uuid) return true;
  }
  // A CIDR or an address: digits, dots, colons and a slash.
  bool address = true;
  for (char c : text) address = address && (hex(c) || c == '.' || c == ':' || c == '/');
  if (address && text.find_first_of(".:") != std::string_view::npos) return true;
  // A path, a URL, an interpolation.
  return text.front() == '/' || text.find("://") != std::string_view::npos || placeholder(text);
}

template <typename Accept>
bool all_of(std::string_view text, Accept accept) {
  for (char c : text)
    if (!accept(c)) return false;
  return true;
}

// The shape of an AWS secret access key: 40 base64 characters.
bool secret_access_key(std::string_view text) {
  return text.size() == 40 && all_of(text, [](char c) { return alnum(c) || c == '/' || c == '+'; });
}

}  // namespace

double shannon_entropy(std::string_view text) {
  if (text.empty()) return 0;
  std::array<std::size_t, 256> counts{};
  for (char c : text) ++counts[static_cast<unsigned char>(c)];
  double bits = 0;
  for (std::size_t n : counts) {
    if (n == 0) continue;
    const double p = static_cast<double>(n) / static_cast<double>(text.size());
    bits -= p * std::log2(p);
  }
  return bits;
}

std::string mask_secret(std::string_view text) {
  if (text.size() < 12) return "****";
  return std::string(text.substr(0, 4)) + "****";
}

std::optional<SecretMatch> detect_secret(std::string_view value, bool under_secret_name) {
  if (auto known = known_format(value)) return known;
  // The entropy tests below read 8 characters or more under a secret's
  // name, 20 or more elsewhere.
  if (value.size() < (under_secret_name ? 8U : 20U) || not_a_secret(value)) return std::nullopt;
  // The entropy tests read one token: a sentence or a document is not one.
  if (!all_of(value, [](char c) { return !space(c) && c != '"' && c != '\'' && c != ','; }))
    return std::nullopt;
  const double bits = shannon_entropy(value);
  const bool mixed = std::any_of(value.begin(), value.end(), upper) &&
                     std::any_of(value.begin(), value.end(), lower) &&
                     std::any_of(value.begin(), value.end(), digit);
  if (under_secret_name) {
    if (secret_access_key(value)) return token("AWS secret access key", value);
    // An ALL_CAPS constant or lower-case words are settings (`ROTATE`,
    // `required`), not passwords.
    const bool constant = all_of(value, [](char c) { return upper(c) || digit(c) || c == '_'; });
    const bool words = all_of(value, [](char c) { return lower(c) || c == '-' || c == '_'; });
    if (value.size() >= 8 && bits >= 2.5 && !constant && !words)
      return token("literal under a secret-looking name", value);
    return std::nullopt;
  }
  if (all_of(value, hex) && value.size() >= 32 && bits >= 3.0 && value.size() != 40 &&
      value.size() != 64) {
    return token("high-entropy hex string", value);
  }
  if (all_of(value, base64) && value.size() >= 20 && bits >= 4.5 && mixed)
    return token("high-entropy string", value);
  return std::nullopt;
}

namespace {

bool is_access_key_id(const json& value) {
  if (!value.is_string()) return false;
  const std::string& text = value.get_ref<const std::string&>();
  if (text.size() < 20 ||
      (text.find("AKIA") == std::string::npos && text.find("ASIA") == std::string::npos)) {
    return false;
  }
  const auto match = known_format(text);
  return match && match->kind == "AWS access key id";
}

// Paths are built only where a secret is found: most strings hold none.
void walk(const json& value, const std::string& path, bool secret_name, const json& skip,
          std::vector<SecretAt>& out) {
  if (skip == true) return;
  if (value.is_string()) {
    if (auto match = detect_secret(value.get_ref<const std::string&>(), secret_name))
      out.push_back({path, std::move(*match)});
    return;
  }
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      const json& inner = skip.is_array() && i < skip.size() ? skip[i] : json();
      if (value[i].is_primitive() && !value[i].is_string()) continue;
      walk(value[i], fmt::format("{}[{}]", path, i), secret_name, inner, out);
    }
    return;
  }
  if (!value.is_object()) return;
  // An access key id beside a 40-character value: that value is its secret.
  bool pair = false;
  for (const auto& [key, item] : value.items()) pair = pair || is_access_key_id(item);
  for (const auto& [key, item] : value.items()) {
    if (item.is_primitive() && !item.is_string()) continue;
    const json& inner = skip.is_object() && skip.contains(key) ? skip[key] : json();
    const auto here = [&] { return path.empty() ? key : path + "." + key; };
    if (item.is_string()) {
      if (inner == true) continue;
      const std::string& text = item.get_ref<const std::string&>();
      if (pair && secret_access_key(text)) {
        out.push_back({here(), token("AWS secret access key", text)});
      } else if (auto match = detect_secret(text, looks_like_secret_name(key))) {
        out.push_back({here(), std::move(*match)});
      }
      continue;
    }
    walk(item, here(), looks_like_secret_name(key), inner, out);
  }
}

}  // namespace

std::vector<SecretAt> scan_json(const json& value, const std::string& path, const json& skip) {
  std::vector<SecretAt> out;
  walk(value, path, false, skip, out);
  return out;
}

std::string describe_secrets(const std::vector<SecretAt>& found) {
  std::string out;
  for (const auto& at : found) {
    if (!out.empty()) out += "; ";
    out += fmt::format("{}: {} ({})", at.path, at.match.kind, at.match.masked);
  }
  return out;
}

}  // namespace keelson::policy
