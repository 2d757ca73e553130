#!/usr/bin/env bash
# The policy rules agree on their two inputs: the findings of `check` on an
# environment's model are those of `check --plan` on the plan OpenTofu makes
# of the same root (`tofu show -json`), rule by rule and resource by resource.
#
#   plan_agreement.sh TOFU MIRROR PROGRAM GENERATED ENV WORKDIR
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
tofu=$1 mirror=$2 program=$3 generated=$4 env=$5 work=$6
mkdir -p "$work"
work=$(cd "$work" && pwd)

bash "$here/../tofu/tofu_check.sh" "$tofu" "$mirror" "$generated" \
  "terraform/environments/$env" "$work/tofu" --show-json "$work/plan.json" >"$work/tofu.log" 2>&1 ||
  { cat "$work/tofu.log"; exit 1; }

# Exit 1 is "an error finding", not a failure of the command.
"$program" check --env "$env" --format json >"$work/model.json" || (($? == 1))
"$program" check --env "$env" --plan "$work/plan.json" --format json >"$work/plan-findings.json" ||
  (($? == 1))

# The model sees a counted resource once (`nat`), a plan each instance
# (`nat[0]`, `nat[1]`): findings are compared by resource.
# A chart's workloads (`chart.<chart>...`) are checked from the model only:
# Terraform plans their helm_release, not the Kubernetes objects it installs.
findings() {
  python3 -c 'import json, re, sys
for f in json.load(open(sys.argv[1])):
    if f["address"].startswith("chart."):
        continue
    address = re.sub(r"\[[^\]]*\]", "", f["address"])
    print(f["rule"], address, f["severity"], f.get("suppressed", ""))' "$1" | sort -u
}
findings "$work/model.json" >"$work/model.txt"
findings "$work/plan-findings.json" >"$work/plan.txt"
if ! diff -u "$work/model.txt" "$work/plan.txt"; then
  echo "plan_agreement: the model and the plan of $env disagree (- model, + plan)" >&2
  exit 1
fi
echo "plan_agreement: $env: $(wc -l <"$work/model.txt") finding(s), the same from the model and from the plan"
