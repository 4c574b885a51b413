#!/usr/bin/env bash
# Times `hookguard scan history` on a generated repository of COMMITS commits (branches, merges, tags,
# reverts and re-applied changes, one leaked key added and later deleted), against `git log --all -p` for scale.
# Medians in ms. The repository is written by one `git fast-import` stream (about 7 s for 5,000
# commits, where 5,000 `git commit` calls would take minutes).
# Usage: tests/perf/history-timing.sh [RUNS] [COMMITS] [FILES]   (defaults: 5 runs, 5000 commits, 1000 files)
# Results and the machine are recorded in docs/performance.md.
set -euo pipefail
runs=${1:-5}
commits=${2:-5000}
files=${3:-1000}
. "$(dirname "$0")/lib.sh"
perf_setup

repo="$work/repo"
mkdir -p "$repo" && cd "$repo" && git init -q -b main
echo "generating $commits commits over $files files..." >&2
gen_start=$(date +%s%N)
# The stream: a root commit with every file; then main commits editing 3 files each (10 lines inserted
# somewhere in each). Every 40 commits a feature branch opens and gets 8 commits, interleaved in time
# with main's, on files main leaves alone meanwhile (every tenth file), then is merged with --no-ff;
# every fifth feature is never merged. Every 97th main commit reverts the previous main commit and the
# next one re-applies it (the same blobs again). A tag every 250 commits. The key: a clockwork key
# (40 random hex digits, made up at generation time) added in config/legacy.env and deleted later.
awk -v commits="$commits" -v files="$files" -v seed=42 '
function path(f) { return sprintf("src/m%d/c%d.cs", f % 20, f) }
function data(text) { printf "data %d\n%s\n", length(text), text }
function header(branch, message) {
  n++; t = 1600000000 + n * 600
  printf "commit refs/heads/%s\nmark :%d\ncommitter Bench <bench@example.invalid> %d +0000\n", branch, n, t
  data(message)
}
function edit(old, tag,    count, lines, at, i, text, j) {
  count = split(old, lines, "\n")
  at = int(rand() * count) + 1
  text = ""
  for (i = 1; i <= count; i++) {
    if (i == at) for (j = 1; j <= 10; j++) text = text sprintf("    // %s: retries = %d, timeout = %d ms\n", tag, j, int(rand() * 5000))
    text = text lines[i] (i < count ? "\n" : "")
  }
  return text
}
function put(f, text) { printf "M 100644 inline %s\n", path(f); data(text) }
function hex(count,    s, i) { s = ""; for (i = 0; i < count; i++) s = s substr("0123456789abcdef", int(rand() * 16) + 1, 1); return s }
BEGIN {
  srand(seed)
  header("main", "initial")
  for (f = 0; f < files; f++) {
    content[f] = sprintf("namespace App.M%d;\n\npublic static class C%d\n{\n    public static int Value(int x) => x * %d + 1;\n}", f % 20, f, f)
    put(f, content[f])
  }
  made = 1; feature = 0; open = 0; maintip = n; nexttag = 250
  while (made < commits) {
    if (!open && made % 40 == 0) {
      feature++; open = 1; fdone = 0; delete fcontent; delete fchanged
    }
    if (open && made % 2 == 0 && fdone < 8) {
      # A feature commit: one of every tenth file.
      f = (int(rand() * (files / 10))) * 10
      if (!(f in fcontent)) fcontent[f] = content[f]
      fcontent[f] = edit(fcontent[f], "feature " feature)
      header("feature-" feature, "feature " feature " commit " (fdone + 1))
      if (fdone == 0) printf "from :%d\n", maintip
      put(f, fcontent[f]); fchanged[f] = 1; fdone++; made++; ftip = n
      continue
    }
    if (open && fdone == 8) {
      open = 0
      if (feature % 5 != 0) {
        header("main", "Merge feature-" feature)
        printf "merge :%d\n", ftip
        for (f in fchanged) { content[f] = fcontent[f]; put(f, content[f]) }
        made++; maintip = n
        continue
      }
    }
    if (made % 97 == 0 && last_count > 0) {
      header("main", "Revert previous commit")
      for (i = 1; i <= last_count; i++) put(last_f[i], last_old[i])
      made++; maintip = n; reverted = 1
      continue
    }
    if (reverted) {
      header("main", "Reapply previous commit")
      for (i = 1; i <= last_count; i++) put(last_f[i], last_new[i])
      made++; maintip = n; reverted = 0
      continue
    }
    header("main", "main commit " made)
    last_count = 0; delete picked
    for (k = 0; k < 3; k++) {
      do { f = int(rand() * files) } while (f % 10 == 0 || f in picked)
      picked[f] = 1
      old = content[f]; content[f] = edit(old, "main " made)
      last_f[++last_count] = f; last_old[last_count] = old; last_new[last_count] = content[f]
      put(f, content[f])
    }
    if (!keyed && made >= 100) { printf "M 100644 inline config/legacy.env\n"; data("CLOCKWORK_API_KEY=" hex(40)); keyed = 1 }
    else if (keyed == 1 && made >= 300) { printf "D config/legacy.env\n"; keyed = 2 }
    made++; maintip = n
    if (made >= nexttag) { printf "reset refs/tags/v%d\nfrom :%d\n\n", nexttag / 250, n; nexttag += 250 }
  }
}
' > "$work/stream"
git fast-import --quiet < "$work/stream"
git reset -q --hard main
gen_ms=$(( ($(date +%s%N) - gen_start) / 1000000 ))


history=(); gitlog=()
for r in $(seq 1 "$runs"); do
  history+=("$(time_it hookguard scan history)")
  gitlog+=("$(time_it git log --all -p)")
done

printf 'commits=%s (all refs: %s) refs=%s files=%s generated in %s ms\n' "$commits" "$(git rev-list --all | wc -l)" "$(git for-each-ref | wc -l)" "$files" "$gen_ms"
# Exit code 1 expected: the key is found (in the commit that added it, although HEAD no longer has it).
(hookguard scan history || true) | tail -n 1
printf 'git log --all -p               median %s ms\n' "$(printf '%s\n' "${gitlog[@]}" | median)"
printf 'hookguard scan history         median %s ms\n' "$(printf '%s\n' "${history[@]}" | median)"
