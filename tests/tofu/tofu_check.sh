#!/usr/bin/env bash
# Proves a Terraform configuration with the real language engine: OpenTofu
# runs `init` (offline, providers from the schema-only mirror), `validate`,
# and `test` with a test file this script writes: one run that plans the root
# with its own terraform.tfvars.json (when it has one) and checks assertions.
#
#   tofu_check.sh TOFU MIRROR SOURCE ROOT WORKDIR [options]
#
# SOURCE is a directory copied whole to WORKDIR (so that a root's relative
# module sources still resolve); ROOT is the root module inside it
# (e.g. terraform/environments/prod). Options:
#   --expect-error TEXT   the check passes only if a step (init, validate or
#                         the plan) fails and its output contains TEXT (the
#                         negative tests)
#   --assert EXPR         an assertion on the plan, e.g.
#                         "length(module.network.nat_public_ips) == 3"
#                         (no double quotes inside); repeatable
# Any error or warning fails the check.
set -euo pipefail

tofu=$1 mirror=$2 source=$3 root=$4 work=$5
shift 5
expect_error="" asserts=()
while (($#)); do
  case $1 in
    --expect-error) expect_error=$2; shift 2 ;;
    --assert) asserts+=("$2"); shift 2 ;;
    *) echo "tofu_check: unknown option $1" >&2; exit 2 ;;
  esac
done

rm -rf "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)
absolute() { [[ $1 == /* ]] && echo "$1" || echo "$PWD/$1"; }
tofu=$(absolute "$tofu") mirror=$(absolute "$mirror") source=$(absolute "$source")
cp -R "$source" "$work/config"

# Providers come only from the mirror; nothing is read from or written to the
# user's home, and nothing is fetched.
cat >"$work/tofurc" <<EOF
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.opentofu.org/*/*"]
  }
}
EOF
export TF_CLI_CONFIG_FILE=$work/tofurc
export TF_DATA_DIR=$work/data
export TF_PLUGIN_CACHE_DIR=
export TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1 NO_COLOR=1
unset TF_CLI_ARGS TF_CLI_ARGS_init TF_CLI_ARGS_validate TF_CLI_ARGS_test TF_WORKSPACE

cd "$work/config/$root"

# Prints a command's output and fails if it failed or warned. One warning is
# about this check, not the configuration: init hashes the mirrored providers
# itself, so the lock file it writes holds this platform's checksums only.
run() {
  local log=$work/$1.log
  shift
  local status=0
  "$tofu" "$@" -no-color >"$log" 2>&1 || status=$?
  cat "$log"
  if ((status != 0)); then
    echo "tofu_check: \`tofu $*\` failed (exit $status)" >&2
    return 1
  fi
  if grep '^Warning: ' "$log" | grep -qv '^Warning: Incomplete lock file information for providers$'; then
    echo "tofu_check: \`tofu $*\` warned" >&2
    return 1
  fi
}

# Runs one step; a failure ends the check, which then passes only if the
# failure was expected and its output names the expected error.
step() {
  local name=$1
  run "$@" && return 0
  if [[ -n $expect_error ]]; then
    if grep -qF -- "$expect_error" "$work/$name.log"; then
      echo "tofu_check: \`tofu $name\` failed as expected ($expect_error)"
      exit 0
    fi
    echo "tofu_check: \`tofu $name\` failed, but not with: $expect_error" >&2
  fi
  exit 1
}

step init init -backend=false -input=false
step validate validate

assert_json=""
for expr in "${asserts[@]}"; do
  [[ -z $assert_json ]] || assert_json+=","
  assert_json+=$'\n        {"condition": "${'"$expr"'}", "error_message": "'"$expr"' does not hold"}'
done
# The plan runs against the schema-only providers, as a real plan would
# against the real ones: what a resource computes is unknown. What data
# sources read from the cloud comes from this file (see
# tools/schemaprovider). OpenTofu's mock_provider is not used: it makes up
# known values for every computed attribute (an empty list for a block the
# cloud fills in, null for a name it generates), which fails configurations
# that a real plan accepts.
cat >"$work/data.json" <<'EOF'
{
  "aws_availability_zones": {
    "names": ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"],
    "zone_ids": ["use1-az1", "use1-az2", "use1-az3", "use1-az4", "use1-az5", "use1-az6"]
  },
  "aws_caller_identity": {
    "account_id": "123456789012",
    "arn": "arn:aws:iam::123456789012:role/terraform",
    "user_id": "AROAEXAMPLE"
  },
  "aws_partition": {"partition": "aws", "dns_suffix": "amazonaws.com", "reverse_dns_prefix": "com.amazonaws"},
  "aws_region": {"name": "us-east-1", "region": "us-east-1", "endpoint": "ec2.us-east-1.amazonaws.com"},
  "aws_vpc_endpoint_service": {"service_name": "com.amazonaws.us-east-1.s3", "service_id": "vpce-svc-s3"}
}
EOF
export KEELSON_SCHEMA_DATA_FILE=$work/data.json
mkdir -p tests
cat >tests/environment.tftest.json <<EOF
{
  "run": {
    "plan": {
      "command": "plan",
      "assert": [$assert_json
      ]
    }
  }
}
EOF
var_file=()
[[ ! -f terraform.tfvars.json ]] || var_file=(-var-file=terraform.tfvars.json)
step test test "${var_file[@]}"

if [[ -n $expect_error ]]; then
  echo "tofu_check: every step passed; expected an error containing: $expect_error" >&2
  exit 1
fi
