#!/usr/bin/env bash
# The Rego policies (policy/rego) and keelson's rules report the same
# findings on the same plan: for every rule the Rego covers, the same
# (rule, address, severity) triples from `opa eval` as from
# `keelson check --plan --format json`. Suppressed findings count as found:
# a suppression accepts a finding, it does not unmake it, and the Rego knows
# none.
#
#   rego_agreement.sh OPA POLICY PROGRAM ENVIRONMENTS PLAN ENV WORKDIR [REGO...]
#
# POLICY is the Rego directory; ENVIRONMENTS holds ENV.yaml, which gives both
# the severities and the required tags; further REGO files or directories are
# loaded with the policy (the negative test adds a wrong rule this way).
set -euo pipefail

opa=$1 policy=$2 program=$3 environments=$4 plan=$5 env=$6 work=$7
shift 7
mkdir -p "$work"

extra=()
for rego in "$@"; do extra+=(-d "$rego"); done
"$opa" eval --fail --format json -d "$policy" "${extra[@]}" \
  -d "environment.$env:$environments/$env.yaml" -i "$plan" \
  '{"covered": data.keelson.covered, "findings": data.keelson.findings}' >"$work/opa.json"

# Exit 1 is "an error finding", not a failure of the command.
"$program" check --environments "$environments" --env "$env" --plan "$plan" --format json \
  >"$work/keelson.json" || (($? == 1))

python3 - "$work/opa.json" "$work/keelson.json" "$env" <<'PY'
import json, sys

value = json.load(open(sys.argv[1]))["result"][0]["expressions"][0]["value"]
covered = set(value["covered"])
if not covered:
    sys.exit("rego_agreement: the Rego covers no rule")
rego = {(f["rule"], f["address"], f["severity"]) for f in value["findings"]}
# An unused suppression is reported too, without an address: not a finding.
keelson = {(f["rule"], f["address"], f["severity"])
           for f in json.load(open(sys.argv[2])) if f["rule"] in covered and "address" in f}
for rule, address, severity in sorted(keelson - rego):
    print(f"- {rule} {address} {severity}  (keelson only)")
for rule, address, severity in sorted(rego - keelson):
    print(f"+ {rule} {address} {severity}  (Rego only)")
env = sys.argv[3]
if rego != keelson:
    print(f"rego_agreement: keelson and the Rego disagree on the plan of {env}")
    sys.exit(1)
rules = sorted({rule for rule, _, _ in rego})
print(f"rego_agreement: {env}: {len(rego)} finding(s) from {len(covered)} covered rule(s), "
      f"the same from keelson and the Rego: {' '.join(rules) or '-'}")
PY
