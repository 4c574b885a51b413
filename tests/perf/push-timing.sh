#!/usr/bin/env bash
# Times the real pre-push hook: `git push` of N new commits to a local bare remote with the hook
# against `git push --no-verify`, and `hookguard scan range` over the same commits. Medians in ms.
# Usage: tests/perf/push-timing.sh [RUNS] [COMMITS] [FILES]   (defaults: 10 runs, 50 commits, 2000 files)
# Results and the machine are recorded in docs/performance.md.
set -euo pipefail
runs=${1:-10}
commits=${2:-50}
files=${3:-2000}
. "$(dirname "$0")/lib.sh"
perf_setup

git init -q --bare "$work/remote.git"
make_source_repo "$files" -b main
git remote add origin "$work/remote.git"
git push -q --no-verify origin main
hookguard install >/dev/null


# N commits, each editing 3 files with 13 added lines (like a day of small commits).
make_commits() {
  for c in $(seq 1 "$commits"); do
    for f in "src/m$((c % 50))/c$c.cs" "src/m$(((c + 1) % 50))/c$((c + 1)).cs" "src/m$(((c + 2) % 50))/c$((c + 2)).cs"; do
      for j in $(seq 1 13); do echo "// $1 commit $c line $j: retries = $j" >> "$f"; done
    done
    git commit -qam "$1 commit $c" --no-verify
  done
}

with_hook=(); without=(); range=()
for r in $(seq 1 "$runs"); do
  make_commits "a$r"
  range+=("$(time_it hookguard scan range origin/main..HEAD)")
  with_hook+=("$(time_it git push -q origin main)")
  make_commits "b$r"
  without+=("$(time_it git push -q --no-verify origin main)")
done

printf 'runs=%s commits_per_push=%s tracked_files=%s\n' "$runs" "$commits" "$files"
printf 'git push --no-verify            median %s ms\n' "$(printf '%s\n' "${without[@]}" | median)"
printf 'git push (with pre-push hook)   median %s ms\n' "$(printf '%s\n' "${with_hook[@]}" | median)"
printf 'hookguard scan range            median %s ms\n' "$(printf '%s\n' "${range[@]}" | median)"
