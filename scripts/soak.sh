#!/usr/bin/env bash
# Soak test (not in CI): `npm test` on a fresh clone of this repository, N times in a row (default 5), while
# `stress-ng --cpu 2` keeps both cores busy, to show the suite passes the first time on a loaded machine.
# Prints each run's result (exit status, duration, the test counts it printed) and one summary line; exits 0 only
# when every run passed.
#
#   scripts/soak.sh [N]            N runs (default 5) of the committed HEAD
#   SOAK_REF=main scripts/soak.sh  another commit or branch
#   SOAK_CPU=0 scripts/soak.sh     no CPU hog (a baseline)
#
# Needs: git, npm, stress-ng (Debian: apt-get install stress-ng), and what `npm test` needs (see .ci/run).
# The real-VS-Code cache is shared with the checkout (VSCODE_TEST_CACHE, default <repo>/.vscode-test), so the
# clone does not download code-server again. Only loopback addresses are used, as in `npm test`.
set -euo pipefail

runs=${1:-5}
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "soak: N must be a positive whole number, not '$runs'" >&2; exit 2; }
repo=$(cd "$(dirname "$0")/.." && pwd)
ref=${SOAK_REF:-HEAD}
cpu=${SOAK_CPU:-2}
export VSCODE_TEST_CACHE=${VSCODE_TEST_CACHE:-$repo/.vscode-test}

command -v stress-ng >/dev/null || [[ $cpu == 0 ]] || { echo 'soak: stress-ng is not installed (apt-get install stress-ng), or set SOAK_CPU=0' >&2; exit 2; }
commit=$(git -C "$repo" rev-parse --verify "$ref^{commit}") || { echo "soak: no commit '$ref' in $repo" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/mks-soak-XXXXXX")
hog=
cleanup() {
  [[ -n $hog ]] && kill "$hog" 2>/dev/null && wait "$hog" 2>/dev/null
  rm -rf "$work/clone"
}
trap cleanup EXIT

echo "soak: $runs run(s) of npm test on a fresh clone of ${commit:0:12}, CPU hog: $([[ $cpu == 0 ]] && echo none || echo "stress-ng --cpu $cpu"); logs in $work"
echo "soak: cloning and installing (npm ci) once; each run starts from that clean clone (git clean -xdf keeps node_modules only)"
git clone -q --no-checkout "$repo" "$work/clone"
git -C "$work/clone" checkout -q "$commit"
(cd "$work/clone" && npm ci --no-audit --no-fund >"$work/npm-ci.log" 2>&1) || { echo "soak: npm ci failed, see $work/npm-ci.log" >&2; exit 1; }

if [[ $cpu != 0 ]]; then
  stress-ng --cpu "$cpu" --timeout 0 >"$work/stress-ng.log" 2>&1 &
  hog=$!
fi

passed=0
failed=0
results=()
for ((i = 1; i <= runs; i++)); do
  # A known state for every run: the committed tree, no build output, no test leftovers (node_modules stays).
  git -C "$work/clone" clean -q -xdf -e node_modules
  git -C "$work/clone" checkout -q -- .
  log="$work/run-$i.log"
  start=$(date +%s)
  status=0
  (cd "$work/clone" && npm test) >"$log" 2>&1 || status=$?
  seconds=$(($(date +%s) - start))
  # A run that crashes can leave processes behind (seen: vitest workers orphaned by a worker's fatal error, still
  # busy, growing to gigabytes): end every process still working in the clone, so the next run starts clean.
  left=0
  for proc in /proc/[0-9]*; do
    [[ $(readlink "$proc/cwd" 2>/dev/null) == "$work/clone"* ]] || continue
    kill -9 "${proc#/proc/}" 2>/dev/null && left=$((left + 1))
  done
  ((left == 0)) || echo "soak:   run $i left $left process(es) running in the clone; ended them"
  # The counts the two test runners print last: vitest's "Tests  N passed" and the VS Code suite's "N passed, N failed".
  vitest=$(grep -aE '^\s+Tests\s' "$log" | tail -1 | sed -E 's/\x1b\[[0-9;]*m//g; s/^\s+Tests\s+//' || true)
  vscode=$(grep -aE '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -1 || true)
  if ((status == 0)); then
    passed=$((passed + 1))
    word=PASS
  else
    failed=$((failed + 1))
    word=FAIL
  fi
  line="run $i/$runs: $word (exit $status) in ${seconds}s; vitest: ${vitest:-no count}; VS Code: ${vscode:-no count}"
  results+=("$line")
  echo "soak: $line"
  ((status == 0)) || echo "soak:   log: $log"
done

echo "soak: summary: $passed of $runs run(s) passed, $failed failed (commit ${commit:0:12}, CPU hog: $([[ $cpu == 0 ]] && echo none || echo "stress-ng --cpu $cpu"))"
((failed == 0))
