#!/usr/bin/env bash
# Times the real pre-commit hook on a generated repository: `git commit` with the hook against
# `git commit --no-verify`, and `hookguard hook pre-commit` on its own. Prints medians in ms.
# Usage: tests/perf/hook-timing.sh [RUNS] [FILES]   (defaults: 20 runs, 2000 tracked files)
# Results and the machine they were taken on are recorded in docs/performance.md.
set -euo pipefail
runs=${1:-20}
files=${2:-2000}
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

repo="$work/repo"
mkdir -p "$repo" && cd "$repo" && git init -q
echo "generating $files files..." >&2
for i in $(seq 1 "$files"); do
  d="src/m$((i % 50))"; mkdir -p "$d"
  printf 'namespace App;\n\npublic static class C%d\n{\n    public static int Value(int x) => x * %d + 1;\n}\n' "$i" "$i" > "$d/c$i.cs"
done
git add -A && git commit -qm initial --no-verify
hookguard install >/dev/null

now_ms() { date +%s%N | awk '{printf "%.1f", $1/1000000}'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# Each run stages a realistic small change: 3 edited files, 40 added lines.
stage_change() {
  for f in src/m1/c1.cs src/m2/c2.cs src/m3/c3.cs; do
    for j in $(seq 1 13); do echo "// change $1 line $j: retries = $j" >> "$f"; done
  done
  git add src/m1/c1.cs src/m2/c2.cs src/m3/c3.cs
}

time_it() { local s e; s=$(now_ms); "$@" >/dev/null 2>&1; e=$(now_ms); awk -v a="$s" -v b="$e" 'BEGIN{printf "%.1f\n", b-a}'; }

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
