#!/usr/bin/env bash
# `check --format sarif` writes SARIF that the OASIS schema and GitHub code
# scanning accept: runs the command (exit 1 is "an error finding", not a
# failure) and validates its output (sarif_validate.py). Run from the
# repository's root, so that source paths are relative to it.
#
#   sarif_check.sh PYTHON SCHEMA OUT PROGRAM ARG...
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
python=$1 schema=$2 out=$3
shift 3
mkdir -p "$(dirname "$out")"
"$@" >"$out" || (($? == 1))
"$python" "$here/sarif_validate.py" "$schema" "$out"
