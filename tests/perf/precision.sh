#!/usr/bin/env bash
# Precision on real code no one here wrote: scans large bodies of text that ship on a developer machine
# (the .NET SDK, the NuGet package folder, npm's global packages — or the folders given as arguments)
# with every rule, and prints per corpus the text lines scanned, the findings, findings per 100,000
# lines and the rules that fired. Nothing in these corpora is a live secret of ours, so every finding is
# a false positive or a vendor's published example; docs/precision.md records a run.
# Usage: tests/perf/precision.sh [DIR...]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
perf_setup

corpora=("$@")
if [ ${#corpora[@]} -eq 0 ]; then
    dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
    corpora+=("$dotnet_root")
    for nuget in "${NUGET_PACKAGES:-$HOME/.nuget/packages}" /opt/nuget/packages; do
        [ -d "$nuget" ] && corpora+=("$nuget")
    done
    if command -v npm >/dev/null 2>&1 && [ -d "$(npm root -g)" ]; then
        corpora+=("$(npm root -g)")
    fi
fi

printf '%-45s %12s %9s %14s\n' corpus "text lines" findings "per 100k lines"
for corpus in "${corpora[@]}"; do
    # Text lines, as the scanner sees them: files under the 5 MB limit that grep does not call binary.
    lines=$(find "$corpus" -type f -size -5M -print0 | xargs -0 grep -Ic '' 2>/dev/null | awk -F: '{s+=$NF} END {print s+0}')
    report="$work/report.json"
    hookguard scan path "$corpus" --format json > "$report" 2>/dev/null || true
    findings=$(grep -c '"ruleId":' "$report" || true)
    rate=$(awk -v f="$findings" -v l="$lines" 'BEGIN {printf "%.2f", (l > 0 ? f * 100000 / l : 0)}')
    printf '%-45s %12s %9s %14s\n' "$corpus" "$lines" "$findings" "$rate"
    if [ "$findings" -gt 0 ]; then
        grep -o '"ruleId": "[^"]*"' "$report" | sort | uniq -c | sort -rn | head -10 | sed 's/^/        /'
        grep -o '"file": "[^"]*"' "$report" | head -10 | sed 's/^/        /'
    fi
done
