#include <doctest/doctest.h>

#include "dsl/secret_names.h"

using keelson::looks_like_secret_name;

TEST_CASE("names that hold secrets are told from names that point at one") {
  for (const char* name : {"password", "DB_PASSWORD", "adminPassword", "apiKey", "API_KEY",
                           "clientSecret", "AUTH_TOKEN", "AWS_SECRET_ACCESS_KEY", "private-key",
                           "credentials"}) {
    CAPTURE(name);
    CHECK(looks_like_secret_name(name));
  }
  for (const char* name : {"secretName", "existingSecret", "adminPasswordKey", "tokenFile",
                           "passwordSecretRef", "LOG_LEVEL", "DATABASE_SECRET_ARN", "keyId",
                           "userKey", "host", ""}) {
    CAPTURE(name);
    CHECK(!looks_like_secret_name(name));
  }
}
