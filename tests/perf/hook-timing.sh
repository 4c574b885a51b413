#!/usr/bin/env bash
# Times the real pre-commit hook on a generated repository: `git commit` with the hook against
# `git commit --no-verify`, and `hookguard hook pre-commit` on its own. Prints medians in ms.
# Usage: tests/perf/hook-timing.sh [RUNS] [FILES]   (defaults: 20 runs, 2000 tracked files)
# Results and the machine they were taken on are recorded in docs/performance.md.
set -euo pipefail
runs=${1:-20}
files=${2:-2000}
. "$(dirname "$0")/lib.sh"
perf_setup

make_source_repo "$files"
hookguard install >/dev/null


# Each run stages a realistic small change: 3 edited files, 40 added lines.
stage_change() {
  for f in src/m1/c1.cs src/m2/c2.cs src/m3/c3.cs; do
    for j in $(seq 1 13); do echo "// change $1 line $j: retries = $j" >> "$f"; done
  done
  git add src/m1/c1.cs src/m2/c2.cs src/m3/c3.cs
}


with_hook=(); without=(); scan_only=()
for r in $(seq 1 "$runs"); do
  stage_change "a$r"; scan_only+=("$(time_it hookguard hook pre-commit)")
  with_hook+=("$(time_it git commit -qm "with hook $r")")
  stage_change "b$r"; without+=("$(time_it git commit -qm "without hook $r" --no-verify)")
done

printf 'runs=%s tracked_files=%s\n' "$runs" "$files"
printf 'git commit --no-verify      median %s ms\n' "$(printf '%s\n' "${without[@]}" | median)"
printf 'git commit (with hook)      median %s ms\n' "$(printf '%s\n' "${with_hook[@]}" | median)"
printf 'hookguard hook pre-commit   median %s ms\n' "$(printf '%s\n' "${scan_only[@]}" | median)"
