#include "dsl/secret_names.h"

#include <string>
#include <vector>

namespace keelson {
namespace {

// Words a name is split into: `adminPassword`, `ADMIN_PASSWORD` and
// `admin-password` all give {admin, password}.
std::vector<std::string> words(std::string_view name) {
  std::vector<std::string> out;
  std::string word;
  char previous = 0;
  for (char c : name) {
    const bool upper = c >= 'A' && c <= 'Z';
    const bool alnum = upper || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum || (upper && previous >= 'a' && previous <= 'z')) {
      if (!word.empty()) out.push_back(std::move(word));
      word.clear();
    }
    if (alnum) word.push_back(upper ? static_cast<char>(c - 'A' + 'a') : c);
    previous = c;
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

// Whether the name, lower-cased without separators, holds a secret word at
// all: most names do not, and are answered without splitting them.
bool may_name_a_secret(std::string_view name) {
  std::string letters;
  letters.reserve(name.size());
  for (char c : name) {
    if (c >= 'A' && c <= 'Z')
      letters.push_back(static_cast<char>(c - 'A' + 'a'));
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      letters.push_back(c);
  }
  for (std::string_view word :
       {"passw", "secret", "token", "credential", "apikey", "privatekey", "accesskey"}) {
    if (letters.find(word) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

bool looks_like_secret_name(std::string_view name) {
  if (!may_name_a_secret(name)) return false;
  const auto parts = words(name);
  // `existingSecret` names a Secret made elsewhere: the safe way.
  if (parts.empty() || parts.front() == "existing") return false;
  // The last word says what the value is: `passwordSecretName` is a name.
  const std::string& last = parts.back();
  const bool names_something = last == "name" || last == "ref" || last == "file" ||
                               last == "path" || last == "key" || last == "arn" || last == "id" ||
                               last == "enabled";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& w = parts[i];
    const bool secret_word =
        w == "password" || w == "passwd" || w == "secret" || w == "token" || w == "credential" ||
        w == "credentials" || w == "apikey" || w == "privatekey" ||
        (w == "api" && i + 1 < parts.size() && parts[i + 1] == "key") ||
        ((w == "private" || w == "access") && i + 1 < parts.size() && parts[i + 1] == "key");
    if (!secret_word) continue;
    // `API_KEY`, `PRIVATE_KEY`, `SECRET_ACCESS_KEY` end in "key" yet are
    // secrets themselves; `adminPasswordKey` names a key of a Secret.
    const bool key_pair = (w == "api" || w == "private" || w == "access") && i + 2 == parts.size();
    if (key_pair || !names_something) return true;
  }
  return false;
}

}  // namespace keelson
