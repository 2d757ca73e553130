#!/usr/bin/env bash
# Proves a Terraform configuration with the real language engine: OpenTofu
# runs `init` (offline, providers from the schema-only mirror), `validate`,
# and `test`: the root's tests/*.tftest.json plan it with its own
# terraform.tfvars.json and check their assertions. It checks the broken
# roots of tests/data/tofu; the examples' roots are checked by
# `validate --engine tofu --plan`, as users run it.
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
#   --show-json FILE      then plan the root and write the plan's JSON
#                         (`tofu show -json`) to FILE
# Any error or warning fails the check.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
absolute() { [[ $1 == /* ]] && echo "$1" || echo "$PWD/$1"; }
tofu=$1 mirror=$2 source=$3 root=$4 work=$5
shift 5
expect_error="" asserts=() show_json=""
while (($#)); do
  case $1 in
    --expect-error) expect_error=$2; shift 2 ;;
    --assert) asserts+=("$2"); shift 2 ;;
    --show-json) show_json=$(absolute "$2"); shift 2 ;;
    *) echo "tofu_check: unknown option $1" >&2; exit 2 ;;
  esac
done

rm -rf "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)
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

if [[ -n $show_json ]]; then
  # A plan needs an initialized backend: a local one stands in for the S3
  # backend (an override file replaces the backend block), nothing remote.
  cat >backend_override.tf.json <<EOF
{"terraform": {"backend": {"local": {"path": "$work/terraform.tfstate"}}}}
EOF
  step init init -input=false
else
  step init init -backend=false -input=false
fi
step validate validate

# The plan runs against the schema-only providers, as a real plan would
# against the real ones: what a resource computes is unknown. What data
# sources read from the cloud comes from data_sources.json beside this
# script (see tools/schemaprovider). OpenTofu's mock_provider is not used:
# it makes up known values for every computed attribute (an empty list for a block the
# cloud fills in, null for a name it generates), which fails configurations
# that a real plan accepts.
export KEELSON_SCHEMA_DATA_FILE=$here/data_sources.json

# The root's own tests (keelson writes tests/plan.tftest.json from what the
# stacks expect) run as they are; --assert adds a test file of its own.
if ((${#asserts[@]})); then
  assert_json=""
  for expr in "${asserts[@]}"; do
    [[ -z $assert_json ]] || assert_json+=","
    assert_json+=$'\n        {"condition": "${'"$expr"'}", "error_message": "'"$expr"' does not hold"}'
  done
  mkdir -p tests
  cat >tests/extra.tftest.json <<EOF
{
  "run": {
    "extra": {
      "command": "plan",
      "assert": [$assert_json
      ]
    }
  }
}
EOF
fi
if ! compgen -G 'tests/*.tftest.json' >/dev/null; then
  echo "tofu_check: $root has no tests/*.tftest.json to run" >&2
  exit 1
fi
# `tofu test` reads the root's terraform.tfvars.json itself, as plan does.
step test test

if [[ -n $show_json ]]; then
  step plan plan -input=false -out="$work/plan.out"
  "$tofu" show -json "$work/plan.out" >"$show_json"
fi

if [[ -n $expect_error ]]; then
  echo "tofu_check: every step passed; expected an error containing: $expect_error" >&2
  exit 1
fi
