#!/usr/bin/env bash
# `drift` on what the real engine prints: OpenTofu reads a Terraform state
# (v4, as the AWS provider records an environment's resources) and prints it
# with `tofu show -json`, and makes a refresh-only plan of it against the
# schema-only provider (`tofu plan -refresh-only`, then `tofu show -json`);
# the app's `drift` reads both. The state as committed is in sync; altered
# copies (a changed value, a resource gone, a resource the code does not
# declare) must each report that drift, and exit 2.
#
#   tofu_drift_check.sh TOFU MIRROR PROGRAM SOURCE ROOT ENV STATE WORKDIR
#
# SOURCE is the app's generated output (copied whole, so that the root's
# module sources resolve), ROOT the environment's root inside it, STATE the
# environment's terraform.tfstate.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
absolute() { [[ $1 == /* ]] && echo "$1" || echo "$PWD/$1"; }
tofu=$(absolute "$1") mirror=$(absolute "$2") program=$(absolute "$3") source=$(absolute "$4")
root=$5 env=$6 state=$(absolute "$7") work=$8

rm -rf "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)
cp -R "$source" "$work/config"
printf 'provider_installation {\n  filesystem_mirror {\n    path    = "%s"\n    include = ["registry.opentofu.org/*/*"]\n  }\n}\n' \
  "$mirror" >"$work/tofurc"
export TF_CLI_CONFIG_FILE=$work/tofurc TF_DATA_DIR=$work/data TF_PLUGIN_CACHE_DIR=
export TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1 NO_COLOR=1
export KEELSON_SCHEMA_DATA_FILE=$here/../tofu/data_sources.json
unset TF_CLI_ARGS TF_WORKSPACE

# A local backend at a path of ours stands in for the S3 backend: the
# refresh-only plan reads the state from it.
cd "$work/config/$root"
printf '{"terraform": {"backend": {"local": {"path": "%s"}}}}\n' "$work/terraform.tfstate" \
  >backend_override.tf.json
"$tofu" init -input=false -no-color >"$work/init.log" 2>&1 || { cat "$work/init.log"; exit 1; }

# The altered copies, edited as a change outside Terraform would leave them.
python3 "$here/alter_state.py" "$state" "$work"

failures=0
# expect CASE KIND EXIT TEXT...: drift of the case's JSON (KIND state or
# plan) exits EXIT and prints every TEXT.
expect() {
  local name=$1 kind=$2 code=$3
  shift 3
  local status=0
  (cd "$work" && "$program" drift --env "$env" "--$kind" "$name.$kind.json") \
    >"$work/$name.$kind.out" 2>&1 || status=$?
  echo "--- drift --env $env --$kind $name.$kind.json (exit $status)"
  cat "$work/$name.$kind.out"
  if ((status != code)); then
    echo "FAIL $name ($kind): exit $status, expected $code"
    failures=$((failures + 1))
  fi
  local text
  for text in "$@"; do
    if ! grep -qF -- "$text" "$work/$name.$kind.out"; then
      echo "FAIL $name ($kind): no line with: $text"
      failures=$((failures + 1))
    fi
  done
}

for name in in-sync changed missing extra; do
  "$tofu" show -json "$work/$name.tfstate" >"$work/$name.state.json"
  cp "$work/$name.tfstate" "$work/terraform.tfstate"
  "$tofu" plan -refresh-only -input=false -no-color -out="$work/$name.tfplan" \
    >"$work/$name.plan.log" 2>&1 || { cat "$work/$name.plan.log"; exit 1; }
  "$tofu" show -json "$work/$name.tfplan" >"$work/$name.plan.json"
done

for kind in state plan; do
  expect in-sync "$kind" 0 "$env: in sync with in-sync.$kind.json (9 resource(s) as declared)"
  expect changed "$kind" 2 \
    "  module.network.aws_vpc.main" \
    '      tags.Owner: (none) -> "someone"' \
    "  module.storage.aws_s3_bucket_versioning.artifacts_versioning" \
    '      versioning_configuration[0].status: "Enabled" -> "Suspended"' \
    "$env: drift against changed.$kind.json: 2 changed, 0 missing, 0 not declared; 7 in sync"
  expect missing "$kind" 2 \
    "missing (1): declared, but not in the state" \
    "  module.storage.aws_s3_bucket_public_access_block.artifacts_public_access" \
    "$env: drift against missing.$kind.json: 0 changed, 1 missing, 0 not declared; 8 in sync"
  expect extra "$kind" 2 \
    "not declared (1): in the state, but not in the code" \
    "  module.storage.aws_s3_bucket.legacy" \
    "$env: drift against extra.$kind.json: 0 changed, 0 missing, 1 not declared; 9 in sync"
done

if ((failures)); then
  echo "tofu_drift_check: $failures failure(s)" >&2
  exit 1
fi
echo "tofu_drift_check: every case reported as expected"
