#!/bin/sh
# TEST DOUBLE of Rafay's `rctl` CLI, at its command-line boundary only. Rafay's real rctl cannot run in tests
# (it needs a Rafay controller); this stand-in is installed on the test sshd's PATH and behaves like rctl's
# documented output (reference §6.2): `apply -f FILE --v3` prints the v3 JSON array, `status apply ID`
# prints the legacy taskset JSON, `get cluster NAME ...` prints the YAML in state/cluster.yaml.
# `apply -f FILE --v3 --dry-run` is a STAND-IN preview (the real one's output is not documented): it reads the
# file, changes nothing and says it is the test double; mode no-dry-run answers like a Go CLI without the flag,
# mode dry-run-fail refuses the spec.
# It records every call in state/calls.log. The file state/mode makes it: ok (default) | fail | hang |
# garbage | legacy | taskset-fail | no-dry-run | dry-run-fail.
state="$(dirname "$0")/rctl-state"
mkdir -p "$state"
mode=$(cat "$state/mode" 2>/dev/null || echo ok)
echo "$*" >> "$state/calls.log"

case "$*" in
  "apply -f "*" --dry-run")
    file="$3"
    case "$mode" in
      no-dry-run) echo 'Error: unknown flag: --dry-run' >&2; exit 1 ;;
      dry-run-fail) echo 'Error: dry run: cluster spec rejected: the controller refuses this change' >&2; exit 1 ;;
    esac
    [ -f "$file" ] || { echo "Error: open $file: no such file or directory" >&2; exit 1; }
    echo "[rctl test double — a stand-in, not Rafay's rctl] dry run of $file: $(grep -c 'hostname:' "$file") node(s) read; nothing was applied"
    exit 0
    ;;
esac

case "$1 $2" in
  "apply -f")
    file="$3"
    [ -f "$file" ] || { echo "Error: open $file: no such file or directory" >&2; exit 1; }
    cp "$file" "$state/last-applied.yaml"
    echo "Applying $file" >&2
    case "$mode" in
      fail) echo 'Error: cluster spec rejected: nodes[0].hostname is already in use' >&2; exit 1 ;;
      hang) echo $$ > "$state/pid"; sleep 300 & echo $! > "$state/child-pid"; wait; exit 0 ;;
      garbage) printf 'this is not json {{{\n'; exit 0 ;;
      legacy) printf '{"taskset_id":"ts-legacy","operations":[],"comments":"no change","status":"PROVISION_TASKSET_STATUS_COMPLETE"}\n'; exit 0 ;;
    esac
    printf '[{"tasksetId":"ts-42","tasksetOperations":[{"operationName":"ClusterCreation","resourceName":"x","operationStatus":"PROVISION_TASK_STATUS_PENDING"}],"tasksetStatus":"PROVISION_TASKSET_STATUS_PENDING","comments":"Configuration is being applied to the cluster"}]\n'
    ;;
  "status apply")
    n=$(cat "$state/polls" 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > "$state/polls"
    if [ "$n" -lt 2 ]; then status=PROVISION_TASKSET_STATUS_INPROGRESS
    elif [ "$mode" = taskset-fail ]; then status=PROVISION_TASKSET_STATUS_FAILED
    else status=PROVISION_TASKSET_STATUS_COMPLETE; fi
    printf '{"taskset_id":"%s","operations":[],"comments":"","status":"%s"}\n' "$3" "$status"
    ;;
  "get cluster")
    if [ -f "$state/cluster.yaml" ]; then cat "$state/cluster.yaml"; else echo "Error: cluster $3 not found" >&2; exit 1; fi
    ;;
  *) echo "rctl double: unsupported command: $*" >&2; exit 2 ;;
esac
