#!/usr/bin/env bash
# Times the real pre-push hook: `git push` of N new commits to a local bare remote with the hook
# against `git push --no-verify`, and `hookguard scan range` over the same commits. Medians in ms.
# Usage: tests/perf/push-timing.sh [RUNS] [COMMITS] [FILES]   (defaults: 10 runs, 50 commits, 2000 files)
# Results and the machine are recorded in docs/performance.md.
set -euo pipefail
runs=${1:-10}
commits=${2:-50}
files=${3:-2000}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "building Release..." >&2
dotnet build "$root/src/HookGuard.Cli/HookGuard.Cli.csproj" -c Release --artifacts-path "$work/artifacts" -v q -nologo >/dev/null
dll="$work/artifacts/bin/HookGuard.Cli/release/hookguard.dll"
mkdir -p "$work/bin"
printf '#!/bin/sh\nexec dotnet "%s" "$@"\n' "$dll" > "$work/bin/hookguard"
chmod +x "$work/bin/hookguard"
export PATH="$work/bin:$PATH" GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL="$work/gitconfig"
git config --file "$work/gitconfig" user.name bench
git config --file "$work/gitconfig" user.email bench@example.invalid

git init -q --bare "$work/remote.git"
repo="$work/repo"
mkdir -p "$repo" && cd "$repo" && git init -q -b main
echo "generating $files files..." >&2
for i in $(seq 1 "$files"); do
  d="src/m$((i % 50))"; mkdir -p "$d"
  printf 'namespace App;\n\npublic static class C%d\n{\n    public static int Value(int x) => x * %d + 1;\n}\n' "$i" "$i" > "$d/c$i.cs"
done
git add -A && git commit -qm initial --no-verify
git remote add origin "$work/remote.git"
git push -q --no-verify origin main
hookguard install >/dev/null

now_ms() { date +%s%N | awk '{printf "%.1f", $1/1000000}'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_it() { local s e; s=$(now_ms); "$@" >/dev/null 2>&1; e=$(now_ms); awk -v a="$s" -v b="$e" 'BEGIN{printf "%.1f\n", b-a}'; }

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
