# Shared set-up for the timing scripts in this folder; source it, don't run it.
# After `perf_setup`: $root is the repository, $work a temporary folder removed on exit, a Release build of
# `hookguard` is first on PATH, git uses an isolated config with a bench identity, and now_ms, median and
# time_it are defined.

perf_setup() {
    perf_init
    perf_build_jit
}

# The parts of perf_setup, for scripts that time another build (benchmark.sh times Native AOT): $root, $work
# (removed on exit) and the isolated git config, without building anything.
perf_init() {
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL="$work/gitconfig"
    git config --file "$work/gitconfig" user.name bench
    git config --file "$work/gitconfig" user.email bench@example.invalid
}

# A framework-dependent Release build, run through a `hookguard` wrapper in $work/bin, first on PATH.
perf_build_jit() {
    echo "building Release..." >&2
    dotnet build "$root/src/HookGuard.Cli/HookGuard.Cli.csproj" -c Release --artifacts-path "$work/artifacts" -v q -nologo >/dev/null
    local dll="$work/artifacts/bin/HookGuard.Cli/release/hookguard.dll"
    mkdir -p "$work/bin"
    printf '#!/bin/sh\nexec dotnet "%s" "$@"\n' "$dll" > "$work/bin/hookguard"
    chmod +x "$work/bin/hookguard"
    export PATH="$work/bin:$PATH"
}

# Writes FILES small C# files under src/ in the current directory.
generate_sources() {
    local i d
    for i in $(seq 1 "$1"); do
        d="src/m$((i % 50))"; mkdir -p "$d"
        printf 'namespace App;\n\npublic static class C%d\n{\n    public static int Value(int x) => x * %d + 1;\n}\n' "$i" "$i" > "$d/c$i.cs"
    done
}

# Makes $work/repo (sets $repo), a repository whose first commit holds FILES generated files, and cds
# into it. Further arguments go to `git init` (`-b main`).
make_source_repo() {
    local files=$1; shift
    repo="$work/repo"
    mkdir -p "$repo" && cd "$repo" && git init -q "$@"
    echo "generating $files files..." >&2
    generate_sources "$files"
    git add -A && git commit -qm initial --no-verify
}

now_ms() { date +%s%N | awk '{printf "%.1f", $1/1000000}'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_it() { local s e; s=$(now_ms); "$@" >/dev/null 2>&1; e=$(now_ms); awk -v a="$s" -v b="$e" 'BEGIN{printf "%.1f\n", b-a}'; }
