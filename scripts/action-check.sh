#!/usr/bin/env bash
# The check step of action.yml: runs `multus-networks check` from npm on the given paths, prints
# workflow annotations, writes SARIF when asked, and records the exit status as a step output
# (the action's last step fails with it, after the SARIF upload). Inputs come as INPUT_* variables.
set -uo pipefail
ACTION_PATH="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"
cd "${GITHUB_WORKSPACE:-.}"

spec="${INPUT_PACKAGE:-}"
if [ -z "$spec" ]; then
  version="$(node -p "require(process.argv[1]).version" "$ACTION_PATH/package.json")"
  spec="multus-networks@$version"
fi

# Paths: split on whitespace (names with spaces: use a folder above them).
read -r -d '' -a paths <<< "${INPUT_PATHS:-.}"
[ "${#paths[@]}" -gt 0 ] || paths=(.)
# Extra arguments: shell words, so quotes in the input group as the user wrote them.
eval "extra=(${INPUT_ARGS:-})"

sarif="${INPUT_SARIF_FILE:-}"
if [ -z "$sarif" ] && [ "${INPUT_UPLOAD_SARIF:-false}" = true ]; then sarif="multus-networks.sarif"; fi

run() { npm exec --yes --package="$spec" -- multus-networks check "$@"; }

status=0
if [ -n "$sarif" ]; then
  run --format sarif -o "$sarif" "${extra[@]}" -- "${paths[@]}"
  status=$?
  [ "$status" -le 1 ] && echo "sarif-file=$sarif" >> "${GITHUB_OUTPUT:-/dev/null}"
fi
if [ "${INPUT_ANNOTATIONS:-true}" = true ]; then
  run --format github "${extra[@]}" -- "${paths[@]}"
else
  run --format text --no-color "${extra[@]}" -- "${paths[@]}"
fi
text_status=$?
[ "$text_status" -gt "$status" ] && status=$text_status
echo "exit-code=$status" >> "${GITHUB_OUTPUT:-/dev/null}"
exit 0
