#!/usr/bin/env bash
# One command for the integration tests (`npm run test:integration`):
#   1. setup.sh: Debian packages + code-server + playwright-core into .work/ (idempotent);
#   2. the development build (node esbuild.mjs);
#   3. the suite in code-server against the development folder;
#   4. self-check: the same harness against a copy whose language server cannot load must exit 1
#      (so a green run means the tests can fail);
#   5. package.sh: the VSIX, installed into code-server, passes the smoke test.
# Options: --no-package skips 5, --no-self-check skips 4; other arguments go to runner.mjs (step 3).
# Environment: MULTUS_IT_FEATURES names the feature tests to run (default: all shipped features; 1 = all); VERBOSE=1 shows code-server's log.
set -uo pipefail
# Every feature the extension ships is tested by default; name a subset to narrow a run.
export MULTUS_IT_FEATURES="${MULTUS_IT_FEATURES:-quickfix,definition,references,rename,completion,preview}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="${MULTUS_IT_WORK:-$HERE/.work}"
PACKAGE=1 SELF_CHECK=1 RUNNER_ARGS=()
for a in "$@"; do
  case "$a" in
    --no-package) PACKAGE=0 ;;
    --no-self-check) SELF_CHECK=0 ;;
    *) RUNNER_ARGS+=("$a") ;;
  esac
done

summary=() failed=0
passed_n=0 failed_n=0 skipped_n=0
step() { # name command...   (adds the step's "integration: N passed, ..." lines to the totals)
  local name="$1"; shift
  local t0=$SECONDS log="$WORK/step.log"
  mkdir -p "$WORK"
  echo "=== $name"
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  summary+=("$(printf '%-28s %s (%ss)' "$name" "$([ $rc = 0 ] && echo ok || echo "FAILED, exit $rc")" $((SECONDS - t0)))")
  local counts
  counts="$(sed -n 's/^integration: \([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p' "$log")"
  while read -r p f s; do
    [ -n "$p" ] || continue
    passed_n=$((passed_n + p)) failed_n=$((failed_n + f)) skipped_n=$((skipped_n + s))
  done <<< "$counts"
  if [ $rc != 0 ]; then
    failed=1
    # A failed step without a failing test of its own (setup, build, timeout) counts as one failure.
    grep -Eq '^integration: [0-9]+ passed, [1-9]' "$log" || failed_n=$((failed_n + 1))
  fi
  return $rc
}

self_check() {
  # A copy of the extension whose server module throws on load (a missing module).
  local ext="$WORK/self-check-ext"
  rm -rf "$ext" && mkdir -p "$ext/dist"
  cp "$ROOT/package.json" "$ext/" && cp "$ROOT/dist/client.js" "$ext/dist/"
  echo "require('./module-that-does-not-exist');" > "$ext/dist/server.js"
  node "$HERE/runner.mjs" --ext "$ext" --files smoke.test.js --timeout 120 > "$WORK/self-check.log" 2>&1
  local rc=$?
  grep -E '^\[runner' "$WORK/self-check.log"
  # Exit 1 from a failed test, and the reason is the one planted (seen in the output channel's log).
  if [ $rc = 1 ] && grep -q "Cannot find module './module-that-does-not-exist'" "$WORK/self-check.log"; then
    echo "a language server that cannot load fails the run with exit 1, as it should"
    echo "integration: 1 passed, 0 failed, 0 skipped"
    return 0
  fi
  echo "expected exit 1 caused by the missing server module, got exit $rc; log: $WORK/self-check.log"
  echo "integration: 0 passed, 1 failed, 0 skipped"
  return 1
}

finish() {
  echo "=== summary"
  printf '%s\n' "${summary[@]}"
  echo "integration: $passed_n passed, $failed_n failed, $skipped_n skipped"
  exit $failed
}

step "setup" bash "$HERE/setup.sh" || finish
step "build" bash -c "cd '$ROOT' && node esbuild.mjs" || finish
step "suite (development folder)" node "$HERE/runner.mjs" "${RUNNER_ARGS[@]}"
step "beside Red Hat YAML (stub)" env MULTUS_IT_YAML_STUB=1 node "$HERE/runner.mjs" --files redHatYaml.test.js
[ $SELF_CHECK = 1 ] && step "self-check (broken server)" self_check
[ $PACKAGE = 1 ] && step "package + smoke (VSIX)" bash "$HERE/package.sh"
finish
