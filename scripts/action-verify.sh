#!/usr/bin/env bash
# The verify step of action.yml: turns the action's inputs (RPA_ACTION_* variables) into flags of
# rpa-mock verify, writes an .ionapi secret to a file only this step reads, and keeps verify's exit
# code (0 passed, 1 a contract violation, 2 could not run). With a `check` input it runs
# rpa-mock calibrate --check instead (0 the tenant still matches, 1 it moved, 2 could not run).
# Tested by contract-tests/action.test.ts.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
if [ -n "${RPA_ACTION_CHECK:-}" ]; then
  args=(calibrate --environment "${RPA_ACTION_ENVIRONMENT:-default}" --check "$RPA_ACTION_CHECK" --out rpa-calibration.overlay.yaml)
else
  args=(verify --environment "${RPA_ACTION_ENVIRONMENT:-default}" --junit rpa-verify.xml --json rpa-verify.json)
fi
if [ -n "${RPA_ACTION_IONAPI:-}" ]; then
  ionapi="$(mktemp)"
  trap 'rm -f "$ionapi"' EXIT
  printf '%s' "$RPA_ACTION_IONAPI" > "$ionapi"
  args+=(--ionapi "$ionapi")
fi
[ -n "${RPA_ACTION_OVERLAY:-}" ] && [ -z "${RPA_ACTION_CHECK:-}" ] && args+=(--overlay "$RPA_ACTION_OVERLAY")
[ "${RPA_ACTION_ALLOW_EXECUTE:-false}" = "true" ] && args+=(--allow-execute)
# Further flags, split on spaces as a shell would (no quoting inside them).
read -r -a extra <<< "${RPA_ACTION_ARGS:-}"
[ -z "${RPA_TOKEN:-}" ] && unset RPA_TOKEN
[ -z "${RPA_BASE_URL:-}" ] && unset RPA_BASE_URL
exec node "$here/dist/cli/main.js" "${args[@]}" ${extra[@]+"${extra[@]}"}
