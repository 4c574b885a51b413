#!/usr/bin/env bash
# Times `hookguard scan staged` when one new file is staged (the case that looks for exact copies of files of HEAD by
# blob id) and when one file is edited (the case that does not), on a generated repository. Prints medians in ms.
# Usage: tests/perf/added-file-timing.sh [RUNS] [FILES]   (defaults: 20 runs, 10000 tracked files)
set -euo pipefail
runs=${1:-20}
files=${2:-10000}
. "$(dirname "$0")/lib.sh"
perf_setup

make_source_repo "$files"

printf 'namespace App;\n\npublic static class Added\n{\n    public const int Retries = 3;\n}\n' > src/added.cs
git add src/added.cs
added=(); for r in $(seq 1 "$runs"); do added+=("$(time_it hookguard scan staged)"); done
git rm -q --cached src/added.cs

echo "// edited: retries = 3" >> src/m1/c1.cs
git add src/m1/c1.cs
edited=(); for r in $(seq 1 "$runs"); do edited+=("$(time_it hookguard scan staged)"); done

printf 'runs=%s tracked_files=%s\n' "$runs" "$files"
printf 'scan staged, one added file    median %s ms\n' "$(printf '%s\n' "${added[@]}" | median)"
printf 'scan staged, one edited file   median %s ms\n' "$(printf '%s\n' "${edited[@]}" | median)"
