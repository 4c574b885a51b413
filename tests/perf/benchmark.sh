#!/usr/bin/env bash
# One-command benchmark of the shipped build (Native AOT by default): the pre-commit path on three sizes of
# staged change, the pre-push hook on 50 new commits, and `scan history` on 1,000 / 5,000 / 20,000 commits,
# each against what git itself needs to produce the same changes (the "floor"). Prints a Markdown report
# on stdout (progress goes to stderr), so a run can be pasted into docs/performance.md as it is.
#
# Usage: tests/perf/benchmark.sh [--runs N] [--quick] [--jit]
#   --runs N  median of N timed runs per command, after one untimed warm-up (default 10, the least the
#             performance issue accepts; history scans use min(N, 5) because each takes seconds)
#   --quick   smaller repositories and 3 runs, to check that the script works; not figures to publish
#   --jit     time the framework-dependent Release build (as lib.sh builds it) instead of Native AOT
#   HOOKGUARD_BIN=/path/to/hookguard  time that binary instead of building one (a JIT wrapper, an older build)
#
# Every repository has exactly one planted Stripe-shaped key (sk_live_ + 99 random alphanumerics, made up
# at run time so no real-looking token is ever stored in this repository, and never printed). The script
# checks that HookGuard reports exactly that one finding and that the hooks really block, and fails if not.
set -euo pipefail

runs=10
runs_given=0
quick=0
jit=0
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) [ $# -ge 2 ] || { echo "usage: $0 [--runs N] [--quick] [--jit]" >&2; exit 2; }
                runs=$2; runs_given=1; shift 2 ;;
        --runs=*) runs=${1#--runs=}; runs_given=1; shift ;;
        --quick) quick=1; shift ;;
        --jit) jit=1; shift ;;
        -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "usage: $0 [--runs N] [--quick] [--jit]" >&2; exit 2 ;;
    esac
done
case "$runs" in ''|*[!0-9]*|0) echo "--runs needs a positive whole number" >&2; exit 2 ;; esac
if [ "$quick" = 1 ] && [ "$runs_given" = 0 ]; then runs=3; fi
history_runs=$(( runs < 5 ? runs : 5 ))

# Sizes: "name files added_lines" for the staged changes, commit counts for the histories.
if [ "$quick" = 1 ]; then
    sizes=("small 10 500" "medium 50 2000" "large 200 20000")
    history_sizes=(200 500 1000)
    push_commits=20
else
    sizes=("small 10 500" "medium 200 20000" "large 2000 200000")
    history_sizes=(1000 5000 20000)
    push_commits=50
fi

# shellcheck source=tests/perf/lib.sh
. "$(dirname "$0")/lib.sh"
perf_init
# The C locale for our own text tools only (byte-sized characters for awk's length() in the fast-import
# stream, a fixed decimal point for sort and awk); the timed commands run in the caller's locale.
awk() { LC_ALL=C command awk "$@"; }
sort() { LC_ALL=C command sort "$@"; }
# Auto-gc would start in the middle of a timed commit once enough loose objects piled up; every
# repository here is packed once after its base commit instead, like a real clone.
git config --file "$GIT_CONFIG_GLOBAL" gc.auto 0
git config --file "$GIT_CONFIG_GLOBAL" init.defaultBranch main
git config --file "$GIT_CONFIG_GLOBAL" advice.detachedHead false

say() { printf '%s\n' "$*" >&2; }
die() { printf 'benchmark: %s\n' "$*" >&2; exit 1; }
# Anything a failing command printed, with a key that might be in it masked (HookGuard redacts its own
# output; git's might not).
show_redacted() { sed -E 's/sk_live_[A-Za-z0-9]+/sk_live_<redacted>/g' "$1" | head -n 40 >&2; }

# ---------------------------------------------------------------------------------------------------------
# The build that is timed.

build_kind=
build_start=$(date +%s)
if [ -n "${HOOKGUARD_BIN:-}" ]; then
    [ -x "$HOOKGUARD_BIN" ] || die "HOOKGUARD_BIN=$HOOKGUARD_BIN is not an executable file"
    bin_path=$(cd "$(dirname "$HOOKGUARD_BIN")" && pwd)/$(basename "$HOOKGUARD_BIN")
    if [ "$(basename "$bin_path")" = hookguard ]; then
        # Its own folder first on PATH, so the hooks run it directly (an AOT binary also finds its libgit2 there).
        export PATH="$(dirname "$bin_path"):$PATH"
    else
        mkdir -p "$work/bin"
        printf '#!/bin/sh\nexec "%s" "$@"\n' "$bin_path" > "$work/bin/hookguard"
        chmod +x "$work/bin/hookguard"
        export PATH="$work/bin:$PATH"
    fi
    build_kind="given binary (HOOKGUARD_BIN)"
    [ "$jit" = 1 ] && say "HOOKGUARD_BIN is set: --jit ignored"
elif [ "$jit" = 1 ]; then
    perf_build_jit
    bin_path="$work/artifacts/bin/HookGuard.Cli/release/hookguard.dll"
    build_kind="JIT (framework-dependent Release build, run as \`dotnet hookguard.dll\`)"
else
    case "$(uname -s)/$(uname -m)" in
        Linux/x86_64) rid=linux-x64 ;;
        Linux/aarch64|Linux/arm64) rid=linux-arm64 ;;
        Darwin/arm64) rid=osx-arm64 ;;
        Darwin/x86_64) rid=osx-x64 ;;
        *) die "no Native AOT runtime identifier known for $(uname -s)/$(uname -m); use --jit or HOOKGUARD_BIN" ;;
    esac
    if [ "${rid%%-*}" = linux ] && ldd --version 2>&1 | grep -qi musl; then rid="linux-musl-${rid#linux-}"; fi
    say "building Native AOT for $rid (about a minute)..."
    # A private artifacts path: nothing is built into the repository's bin/ or obj/.
    if ! dotnet publish "$root/src/HookGuard.Cli/HookGuard.Cli.csproj" -c Release -r "$rid" -p:PublishAot=true \
            --artifacts-path "$work/artifacts" -o "$work/aot" -v q -nologo > "$work/publish.log" 2>&1; then
        tail -n 40 "$work/publish.log" >&2
        die "dotnet publish failed"
    fi
    [ -x "$work/aot/hookguard" ] || die "dotnet publish wrote no $work/aot/hookguard"
    bin_path="$work/aot/hookguard"
    export PATH="$work/aot:$PATH"
    build_kind="Native AOT ($rid, Release)"
fi
build_note="the build took $(( $(date +%s) - build_start )) s, "
[ -n "${HOOKGUARD_BIN:-}" ] && build_note=
resolved=$(command -v hookguard) || die "hookguard is not on PATH"
hookguard --version >/dev/null 2>&1 || die "\`hookguard --version\` failed ($resolved)"

size_mb() { awk -v b="$(wc -c < "$1")" 'BEGIN { printf "%.1f", b / 1048576 }'; }
bin_size="$(size_mb "$bin_path") MB"
for lib in "$(dirname "$bin_path")"/libgit2-*; do
    [ -f "$lib" ] && bin_size="$bin_size (+ $(basename "$lib") $(size_mb "$lib") MB)"
done

# ---------------------------------------------------------------------------------------------------------
# Timing. bash 5's $EPOCHREALTIME reads the clock without starting a process; elsewhere `date +%s%N`
# (nanoseconds; the fork of date then counts in every sample, see the harness row of the report).

if [ -n "${EPOCHREALTIME:-}" ]; then
    clock="bash \$EPOCHREALTIME (µs, no process started)"
    now_us() { REPLY=${EPOCHREALTIME/[.,]/}; }
elif [ "$(date +%s%N)" != "$(date +%s)N" ]; then
    clock="\`date +%s%N\`"
    now_us() { REPLY=$(( $(date +%s%N) / 1000 )); }
else
    # BSD date has no %N (macOS's bash 3.2 has no $EPOCHREALTIME either).
    clock="perl Time::HiRes"
    now_us() { REPLY=$(perl -MTime::HiRes=time -e 'printf "%.0f", time * 1e6'); }
fi

mkdir -p "$work/samples"
# timed EXPECTED_EXIT CMD...: runs CMD once (stdout discarded, stderr kept in $work/stderr) and sets $ms to
# its wall time. A different exit code stops the benchmark: a timing of a hook that did not block, or of a
# command that failed, would be a wrong figure.
timed() {
    local expect=$1 rc=0 start; shift
    now_us; start=$REPLY
    "$@" >/dev/null 2>"$work/stderr" || rc=$?
    now_us
    local us=$(( REPLY - start ))
    printf -v ms '%d.%03d' $(( us / 1000 )) $(( us % 1000 ))
    if [ "$rc" -ne "$expect" ]; then
        show_redacted "$work/stderr"
        die "\`$*\` exited $rc, expected $expect (in $PWD)"
    fi
}
# record NAME: appends the last $ms to the samples of NAME; keep NAME does so except in the warm-up run
# ($r = 0 in the loops below).
record() { printf '%s\n' "$ms" >> "$work/samples/$1"; }
keep() { if [ "$r" -gt 0 ]; then record "$1"; fi; }
stat_of() {  # stat_of NAME median|min|max|n
    sort -n "$work/samples/$1" | awk -v what="$2" '{ a[NR] = $1 }
        END { if (what == "n") { print NR; exit }
              v = what == "min" ? a[1] : what == "max" ? a[NR] : (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)
              printf (v < 100 ? "%.1f" : "%.0f"), v }'
}
med() { stat_of "$1" median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf (b > 0 ? "%.1f×" : "n/a"), (b > 0 ? a / b : 0) }'; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { v = a - b; printf (v < 100 && v > -100 ? "%+.1f" : "%+.0f"), v }'; }
# Names measured, in order, for the table of spreads at the end.
measured=()
describe() { measured+=("$1|$2"); }

# peak_rss_kb CMD...: the maximum resident set size of one run of CMD, in KB, or n/a.
if /usr/bin/time -f %M -o /dev/null true >/dev/null 2>&1; then
    rss_tool="GNU \`/usr/bin/time -f %M\`"
    peak_rss_kb() { /usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null 2>&1 || true; tail -n 1 "$work/rss"; }
elif command -v python3 >/dev/null 2>&1; then
    rss_tool="python3 resource.getrusage(RUSAGE_CHILDREN).ru_maxrss"
    peak_rss_kb() {
        python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
r = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(r // 1024 if sys.platform == "darwin" else r)' "$@"
    }
else
    rss_tool="none found"
    peak_rss_kb() { echo n/a; }
fi
kb_to_mb() { case "$1" in *[!0-9]*|'') echo n/a ;; *) awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }' ;; esac; }

# ---------------------------------------------------------------------------------------------------------
# Generated content.

# A fresh Stripe-shaped key in $token (sk_live_ + 99 random alphanumerics). It reaches the generators only
# through the environment, so it is neither printed nor on a command line.
new_token() {
    local body
    body=$(LC_ALL=C tr -dc 'A-Za-z0-9' < /dev/urandom 2>/dev/null | head -c 99 || true)
    [ "${#body}" -eq 99 ] || die "could not read 99 random characters from /dev/urandom"
    export BENCH_TOKEN="sk_live_$body"
}

# awk functions shared by every generator: lines of C#, JavaScript, YAML and .properties files that vary
# from line to line. About 4% of them use the words the keyword prefilter reacts to (token, key, api,
# http://, secret) the way ordinary code does, so the engine does some work without any finding.
lines_awk='
function pick(n) { return int(rand() * n) }
function kind_of(i,    m) { m = i % 10; return m < 5 ? "cs" : m < 8 ? "js" : m < 9 ? "yaml" : "properties" }
function path_of(i,    k, d) {
  k = kind_of(i); d = i % 40
  if (k == "cs") return sprintf("src/Module%d/Service%d.cs", d, i)
  if (k == "js") return sprintf("web/src/module%d/handler%d.js", d, i)
  if (k == "yaml") return sprintf("deploy/env%d/service%d.yaml", d, i)
  return sprintf("config/app%d/settings%d.properties", d, i)
}
function header(kind, i) {
  if (kind == "cs") return sprintf("using System;\nusing System.Linq;\n\nnamespace App.Module%d;\n\npublic sealed class Service%d\n{", i % 40, i)
  if (kind == "js") return sprintf("import { process } from \"../lib/process.js\";\n\nexport class Handler%d {", i)
  if (kind == "yaml") return sprintf("service: service-%d\nspec:", i)
  return sprintf("# settings of app %d", i % 40)
}
function codeline(kind,    n, k) {
  n = ++serial
  if (rand() < 0.04) {
    k = pick(4)
    if (kind == "cs") {
      if (k == 0) return sprintf("        var cacheKey = $\"order:{orderId}:%d\";", n)
      if (k == 1) return sprintf("        var response = await http.GetAsync($\"http://localhost:5000/api/items/{id}?page=%d\", cancellationToken);", n % 50)
      if (k == 2) return sprintf("        // The access token expires after %d minutes, so refresh it before calling the API.", n % 60 + 1)
      return sprintf("        if (!options.Keys.Contains(key%d)) return null; // secret handling lives in Vault", n % 7)
    }
    if (kind == "js") {
      if (k == 0) return sprintf("    const url = `http://localhost:3000/api/v%d/items/${id}`;", n % 3 + 1)
      if (k == 1) return sprintf("    const key = `user:${userId}:%d`;", n)
      if (k == 2) return "    headers[\"Authorization\"] = `Bearer ${await this.tokens.current()}`;"
      return sprintf("    if (!apiClient.ready) await apiClient.connect(%d);", n % 9)
    }
    if (kind == "yaml") {
      if (k == 0) return sprintf("  api_url: http://api.internal.example/v%d", n % 4 + 1)
      if (k == 1) return sprintf("  key_rotation_days: %d", n % 90 + 1)
      if (k == 2) return sprintf("  token_ttl_minutes: %d", n % 60 + 5)
      return "  secret_ref: vault://payments/stripe"
    }
    if (k == 0) return sprintf("api.base.url=http://localhost:%d/api", 8000 + n % 100)
    if (k == 1) return sprintf("cache.key.prefix=app%d", n % 40)
    if (k == 2) return sprintf("session.token.lifetime=%dm", n % 120 + 1)
    return "secrets.provider=vault"
  }
  k = pick(8)
  if (kind == "cs") {
    if (k == 0) return sprintf("        var result%d = items.Where(x => x.Id > %d).Select(x => x.Name).ToList();", n, n % 500)
    if (k == 1) return sprintf("        if (count > %d) logger.LogDebug(\"processed {Count} items\", count);", n % 1000)
    if (k == 2) return sprintf("    public int Property%d { get; set; } = %d;", n, n % 100)
    if (k == 3) return sprintf("        // Retry up to %d times before giving up on the batch.", n % 9 + 1)
    if (k == 4) return sprintf("        total += values[%d %% values.Length] * factor;", n)
    if (k == 5) return sprintf("        await repository.SaveAsync(entity%d);", n % 300)
    if (k == 6) return sprintf("        throw new InvalidOperationException(\"state %d is not allowed here\");", n)
    return "        }"
  }
  if (kind == "js") {
    if (k == 0) return sprintf("    const item%d = list.filter((x) => x.id !== %d).map((x) => x.name);", n, n % 700)
    if (k == 1) return sprintf("    if (!response.ok) throw new Error(\"request %d failed: \" + response.status);", n)
    if (k == 2) return sprintf("  handle%d(event) { return process(event, %d); }", n, n % 31)
    if (k == 3) return sprintf("    // keep at most %d entries in memory", n % 64 + 16)
    if (k == 4) return sprintf("    this.total += this.values[%d] ?? 0;", n % 12)
    if (k == 5) return sprintf("    await this.store.save({ id: %d, at: Date.now() });", n)
    if (k == 6) return "    }"
    return sprintf("    console.debug(\"step\", %d, state);", n % 20)
  }
  if (kind == "yaml") {
    if (k == 0) return sprintf("  replicas: %d", n % 6 + 1)
    if (k == 1) return sprintf("    - name: worker-%d", n)
    if (k == 2) return sprintf("      image: registry.example.com/app/worker:%d.%d.0", n % 5, n % 17)
    if (k == 3) return sprintf("  timeout_seconds: %d", n % 120 + 1)
    if (k == 4) return sprintf("      memory: %dMi", (n % 8 + 1) * 128)
    if (k == 5) return sprintf("  # scaled by hand on %d", 20240000 + n % 9999)
    if (k == 6) return sprintf("      cpu: %dm", (n % 10 + 1) * 100)
    return sprintf("    region: eu-west-%d", n % 3 + 1)
  }
  if (k == 0) return sprintf("service.pool.size=%d", n % 64 + 1)
  if (k == 1) return sprintf("log.level.module%d=info", n % 40)
  if (k == 2) return sprintf("retry.max=%d", n % 9 + 1)
  if (k == 3) return sprintf("# tuned for %d requests per second", n % 5000)
  if (k == 4) return sprintf("queue.name=jobs-%d", n)
  if (k == 5) return sprintf("feature.flag%d.enabled=%s", n, n % 2 ? "true" : "false")
  if (k == 6) return sprintf("db.timeout.ms=%d", (n % 30 + 1) * 100)
  return ""
}
# The planted key, in a line of the same kind of file.
function tokenline(kind,    t) {
  t = ENVIRON["BENCH_TOKEN"]
  if (kind == "cs") return "        private const string PaymentsKey = \"" t "\";"
  if (kind == "js") return "    const payments = require(\"stripe\")(\"" t "\");"
  if (kind == "yaml") return "  payments_key: " t
  return "payments.key=" t
}
'

# JSON report checks: exactly one finding, of rule stripe-secret-key, or the benchmark stops.
expect_one_key() {  # expect_one_key REPORT WHAT
    local ids
    ids=$(grep -o '"ruleId": *"[^"]*"' "$1" | sed -E 's/.*"([^"]*)"$/\1/' | tr '\n' ' ')
    if [ "$ids" != "stripe-secret-key " ]; then
        say "findings in $2: ${ids:-none}"
        grep -o '"\(ruleId\|file\|line\)": *[^,]*' "$1" | head -n 30 >&2 || true
        die "$2: expected exactly one finding, of rule stripe-secret-key"
    fi
}
json_number() { grep -o "\"$2\": *[0-9]*" "$1" | head -n 1 | grep -o '[0-9]*$'; }

# A blocked commit or push must have been blocked by HookGuard, for the planted key.
expect_blocked_by_key() {
    grep -q 'stripe-secret-key' "$work/stderr" || { show_redacted "$work/stderr"; die "$1 failed, but not because HookGuard reported the key"; }
}

# ---------------------------------------------------------------------------------------------------------
# Machine.

cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)
[ -n "$cpu" ] || cpu=$(sed -n 's/^model name[[:space:]]*: *//p' /proc/cpuinfo 2>/dev/null | head -n 1)
[ -n "$cpu" ] || cpu=$(sysctl -n machdep.cpu.brand_string 2>/dev/null || echo unknown)
cores=$(nproc 2>/dev/null || sysctl -n hw.ncpu 2>/dev/null || echo '?')
if [ -r /proc/meminfo ]; then
    ram=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
else
    ram=$(sysctl -n hw.memsize 2>/dev/null | awk '{ printf "%.1f GiB", $1 / 1073741824 }')
fi
loadavg() { if [ -r /proc/loadavg ]; then cut -d' ' -f1-3 /proc/loadavg; else sysctl -n vm.loadavg 2>/dev/null | tr -d '{}' | xargs; fi; }
load_start=$(loadavg)
started=$(date -u '+%Y-%m-%d %H:%M UTC')
start_s=$(date +%s)

true_bin=$(type -P true)
timed 0 "$true_bin"
for _ in $(seq 1 "$runs"); do timed 0 "$true_bin"; record harness; done
describe harness "harness: start and wait for \`$true_bin\`"

# ---------------------------------------------------------------------------------------------------------
# 1-2. Pre-commit: staged changes of three sizes.

# make_staged_repo DIR FILES LINES: a repository of 2 x FILES tracked files, packed, and a staged change
# that inserts LINES lines (two blocks per file) into FILES of them, one of the lines being the key.
make_staged_repo() {
    local dir=$1 files=$2 lines=$3
    mkdir -p "$dir" "$work/next" && cd "$dir" && git init -q
    new_token
    awk -v files="$files" -v lines="$lines" -v next_dir="$work/next" -v seed="$files" "$lines_awk"'
    function emit(root, p, text,    d) {
      d = root "/" p; sub(/\/[^\/]*$/, "", d)
      if (!(d in made)) { system("mkdir -p \"" d "\""); made[d] = 1 }
      printf "%s\n", text > (root "/" p); close(root "/" p)
    }
    BEGIN {
      srand(seed)
      tokfile = int(files / 20) * 10            # a C# file in the middle of the changed ones
      for (i = 0; i < 2 * files; i++) {
        k = kind_of(i); p = path_of(i)
        head = header(k, i); body1 = ""; body2 = ""
        for (j = 0; j < 15; j++) body1 = body1 "\n" codeline(k)
        for (j = 0; j < 15; j++) body2 = body2 "\n" codeline(k)
        emit(".", p, head body1 body2)
        if (i >= files) continue
        count = int(lines / files) + (i < lines % files ? 1 : 0)
        add1 = ""; add2 = ""
        for (j = 0; j < count; j++) {
          l = (i == tokfile && j == int(count / 2)) ? tokenline(k) : codeline(k)
          if (j < count / 2) add1 = add1 "\n" l; else add2 = add2 "\n" l
        }
        emit(next_dir, p, head body1 add1 body2 add2)
      }
    }'
    git add -A && git commit -qm base --no-verify && git gc -q
    cp -R "$work/next/." . && rm -rf "$work/next"
    git add -A
    hookguard install >/dev/null
}

staged_rows=()
for size in "${sizes[@]}"; do
    read -r name files lines <<< "$size"
    say "pre-commit, $name: generating $((2 * files)) tracked files, staging $lines lines in $files of them..."
    repo="$work/staged-$name"
    make_staged_repo "$repo" "$files" "$lines"
    shortstat=$(git diff --cached --shortstat)
    case "$shortstat" in
        *" $files files changed, $lines insertions(+)"*) ;;
        *) die "$name: staged change is '$shortstat', expected $files files and $lines insertions" ;;
    esac
    hookguard scan staged --format json > "$work/report.json" && rc=0 || rc=$?
    [ "$rc" -eq 1 ] || die "$name: \`hookguard scan staged\` exited $rc, expected 1"
    expect_one_key "$work/report.json" "scan staged ($name)"
    scanned_mb=$(awk -v b="$(json_number "$work/report.json" bytes)" 'BEGIN { printf "%.2f", b / 1048576 }')

    say "pre-commit, $name: 1 warm-up + $runs timed runs of each command..."
    for r in $(seq 0 "$runs"); do
        # Interleaved, so a burst of load from elsewhere hits every command of a size alike.
        timed 0 git diff --cached -U0;                       keep "floor-$name"
        timed 1 hookguard scan staged;                       keep "scan-$name"
        timed 1 git commit -qm "bench $r";                   keep "hook-$name"
        expect_blocked_by_key "git commit with the hook ($name)"
        timed 0 git commit -qm "bench $r" --no-verify;       keep "plain-$name"
        git reset -q --soft HEAD~1                            # untimed: the same change is staged again
    done
    [ "$(git rev-list --count HEAD)" = 1 ] || die "$name: a commit went through"
    rss=$(kb_to_mb "$(peak_rss_kb hookguard scan staged)")

    describe "floor-$name" "$name: \`git diff --cached -U0\`"
    describe "scan-$name" "$name: \`hookguard scan staged\`"
    describe "plain-$name" "$name: \`git commit --no-verify\`"
    describe "hook-$name" "$name: \`git commit\` with the hook (blocked)"
    staged_rows+=("| $name | $files / $lines / $scanned_mb | $(med "floor-$name") | $(med "scan-$name") | $(ratio "$(med "scan-$name")" "$(med "floor-$name")") | $(med "plain-$name") | $(med "hook-$name") | $(minus "$(med "hook-$name")" "$(med "plain-$name")") | $(ratio "$(med "hook-$name")" "$(med "plain-$name")") | $rss |")
    cd "$work" && rm -rf "$repo"
done

# ---------------------------------------------------------------------------------------------------------
# 3. Pre-push: new commits on top of what a local bare remote already has.

say "pre-push: generating a repository, a bare remote and $push_commits new commits..."
push_files=1000
remote="$work/remote.git"
git init -q --bare "$remote"
repo="$work/push"
mkdir -p "$repo" && cd "$repo" && git init -q
new_token
awk -v files="$push_files" -v seed=7 "$lines_awk"'
BEGIN {
  srand(seed)
  for (i = 0; i < files; i++) {
    k = kind_of(i); p = path_of(i); d = p; sub(/\/[^\/]*$/, "", d)
    if (!(d in made)) { system("mkdir -p \"" d "\""); made[d] = 1 }
    text = header(k, i)
    for (j = 0; j < 30; j++) text = text "\n" codeline(k)
    printf "%s\n", text > p; close(p)
  }
}'
git add -A && git commit -qm base --no-verify && git gc -q
git remote add origin "$remote"
git push -q --no-verify origin main
remote_sha=$(git rev-parse HEAD)
# Each commit inserts 8-20 lines at one place in each of 3 files; commit number half-way plants the key.
for c in $(seq 1 "$push_commits"); do
    paths=$(awk -v c="$c" -v files="$push_files" "$lines_awk"'BEGIN { for (f = 0; f < 3; f++) print path_of((c * 37 + f * 311) % files) }')
    # shellcheck disable=SC2086  # the three paths have no spaces
    awk -v seed="$c" -v key=$(( c == push_commits / 2 )) "$lines_awk"'
    BEGIN {
      srand(seed)
      for (a = 1; a < ARGC; a++) {
        p = ARGV[a]; n = 0
        while ((getline l < p) > 0) lines[++n] = l
        close(p)
        k = p ~ /\.cs$/ ? "cs" : p ~ /\.js$/ ? "js" : p ~ /\.yaml$/ ? "yaml" : "properties"
        at = pick(n) + 1; count = 8 + pick(13)
        for (i = 1; i <= n; i++) {
          if (i == at) for (j = 0; j < count; j++) print ((key && a == 1 && j == 0) ? tokenline(k) : codeline(k)) > p
          print lines[i] > p
        }
        close(p)
      }
    }' $paths
    git commit -qam "change $c" --no-verify
done
local_sha=$(git rev-parse HEAD)
hookguard install >/dev/null
printf 'refs/heads/main %s refs/heads/main %s\n' "$local_sha" "$remote_sha" > "$work/push-stdin"
push_shortstat=$(git diff --shortstat "$remote_sha" "$local_sha" | sed "s/^ *//")
hookguard scan range "$remote_sha..$local_sha" --format json > "$work/report.json" && rc=0 || rc=$?
[ "$rc" -eq 1 ] || die "pre-push: \`hookguard scan range\` exited $rc, expected 1"
expect_one_key "$work/report.json" "scan range (pre-push)"

say "pre-push: 1 warm-up + $runs timed runs of each command..."
for r in $(seq 0 "$runs"); do
    timed 0 git log -p -U0 "$remote_sha..$local_sha";                      keep push-floor
    timed 1 hookguard hook pre-push origin "$remote" < "$work/push-stdin";  keep push-hookcmd
    expect_blocked_by_key "hookguard hook pre-push"
    timed 1 git push -q origin main;                                         keep push-hook
    expect_blocked_by_key "git push with the hook"
    timed 0 git push -q --no-verify --dry-run origin main;                   keep push-dry
    timed 0 git push -q --no-verify origin main;                             keep push-plain
    # Untimed: put both the remote's branch and our tracking ref back, so the next run pushes the same commits.
    git --git-dir="$remote" update-ref refs/heads/main "$remote_sha"
    git update-ref refs/remotes/origin/main "$remote_sha"
done
push_rss=$(kb_to_mb "$(peak_rss_kb hookguard hook pre-push origin "$remote" < "$work/push-stdin")")
describe push-floor "pre-push: \`git log -p -U0 remote..local\`"
describe push-hookcmd "pre-push: \`hookguard hook pre-push\`"
describe push-dry "pre-push: \`git push --no-verify --dry-run\`"
describe push-hook "pre-push: \`git push\` with the hook (blocked)"
describe push-plain "pre-push: \`git push --no-verify\`"
cd "$work" && rm -rf "$repo" "$remote"

# ---------------------------------------------------------------------------------------------------------
# 4. History: linear histories written by one `git fast-import` stream each (5,000 `git commit` calls
# would take minutes).

# make_history DIR COMMITS: a root commit of 300 files, then commits that each insert 2-8 lines into 1-3
# of them (and drop a line from files past 60 lines, so they stay small); the commit half-way adds the key.
make_history() {
    local dir=$1 commits=$2
    mkdir -p "$dir" && cd "$dir" && git init -q
    new_token
    awk -v commits="$commits" -v files=300 -v seed=11 "$lines_awk"'
    function data(text) { printf "data %d\n%s\n", length(text), text }
    function commit(msg) {
      n++
      printf "commit refs/heads/main\nmark :%d\ncommitter Bench <bench@example.invalid> %d +0000\n", n, 1700000000 + n * 600
      data(msg)
    }
    function put(f,    text, i) {
      text = ""
      for (i = 1; i <= count[f]; i++) text = text line[f, i] "\n"
      printf "M 100644 inline %s\n", path_of(f); data(text)
    }
    BEGIN {
      srand(seed)
      commit("initial")
      for (f = 0; f < files; f++) {
        count[f] = split(header(kind_of(f), f), h, "\n")
        for (i = 1; i <= count[f]; i++) line[f, i] = h[i]
        for (j = 0; j < 12; j++) line[f, ++count[f]] = codeline(kind_of(f))
        put(f)
      }
      for (c = 2; c <= commits; c++) {
        commit("change " c)
        touched = 1 + pick(3); delete picked
        for (t = 0; t < touched; t++) {
          do f = pick(files); while (f in picked)
          picked[f] = 1
          if (count[f] > 60) {                     # drop one line, past the header
            at = 5 + pick(count[f] - 5)
            for (i = at; i < count[f]; i++) line[f, i] = line[f, i + 1]
            delete line[f, count[f]]; count[f]--
          }
          at = 2 + pick(count[f]); add = 2 + pick(7)
          for (i = count[f]; i >= at; i--) line[f, i + add] = line[f, i]
          for (j = 0; j < add; j++) line[f, at + j] = (c == int(commits / 2) && t == 0 && j == 0) ? tokenline(kind_of(f)) : codeline(kind_of(f))
          count[f] += add
          put(f)
        }
      }
    }' | git fast-import --quiet
    git reset -q --hard main
    git gc -q
}

history_rows=()
for commits in "${history_sizes[@]}"; do
    say "history, $commits commits: generating with git fast-import..."
    repo="$work/history-$commits"
    make_history "$repo" "$commits"
    [ "$(git rev-list --count --all)" = "$commits" ] || die "history: expected $commits commits"
    hookguard scan history --format json > "$work/report.json" && rc=0 || rc=$?
    [ "$rc" -eq 1 ] || die "history ($commits): \`hookguard scan history\` exited $rc, expected 1"
    expect_one_key "$work/report.json" "scan history ($commits commits)"
    versions=$(json_number "$work/report.json" files)
    say "history, $commits commits: 1 warm-up + $history_runs timed runs of each command..."
    for r in $(seq 0 "$history_runs"); do
        timed 0 git log -p --all -U0;  keep "hfloor-$commits"
        timed 1 hookguard scan history; keep "hscan-$commits"
    done
    scan_rss=$(kb_to_mb "$(peak_rss_kb hookguard scan history)")
    log_rss=$(kb_to_mb "$(peak_rss_kb git log -p --all -U0)")
    describe "hfloor-$commits" "history $commits: \`git log -p --all -U0\`"
    describe "hscan-$commits" "history $commits: \`hookguard scan history\`"
    history_rows+=("| $commits | ${versions:-?} | $(med "hfloor-$commits") | $(med "hscan-$commits") | $(ratio "$(med "hscan-$commits")" "$(med "hfloor-$commits")") | $scan_rss | $log_rss |")
    cd "$work" && rm -rf "$repo"
done

# ---------------------------------------------------------------------------------------------------------
# 5. Report.

load_end=$(loadavg)
elapsed=$(( $(date +%s) - start_s ))
quick_note=
[ "$quick" = 1 ] && quick_note=" **--quick: smaller repositories and fewer runs, a smoke test, not figures to publish.**"
few_note=
[ "$runs" -lt 10 ] && few_note=" (fewer than the 10 the performance issue asks for)"

cat <<EOF
# HookGuard benchmark — $started

\`tests/perf/benchmark.sh$( [ "$runs_given" = 1 ] && printf ' --runs %s' "$runs")$( [ "$quick" = 1 ] && printf ' --quick')$( [ "$jit" = 1 ] && printf ' --jit')\`, commit $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD 2>/dev/null || printf ' (with uncommitted changes)').$quick_note

- machine: $cpu, $cores cores, $ram RAM, $(uname -sr)
- load average (1/5/15 min): $load_start at the start, $load_end at the end; ${build_note}the measurements took ${elapsed} s
- .NET SDK $(dotnet --version 2>/dev/null || echo 'not found'), $(git --version)
- build timed: $build_kind — \`$bin_path\`, $bin_size
- medians of $runs runs$few_note after one untimed warm-up per command, commands interleaved run by run; history: medians of $history_runs
- clock: $clock; harness overhead (start and wait for \`$true_bin\`): median $(med harness) ms, included in every figure
- peak RSS: $rss_tool, one extra run
- every repository holds exactly one planted Stripe-shaped key (made at run time); HookGuard reported exactly that one finding in each, and every hooked commit and push was blocked by it

## Pre-commit: staged changes

Each repository has twice as many tracked files as the change touches, packed; the staged change inserts
the lines in two blocks per file (C#, JavaScript, YAML and .properties; ~4% of lines mention token, key,
api, http:// or secret in ordinary ways). The commit with the hook is blocked by the key (exit 1), which
leaves the index as it was; the \`--no-verify\` commit is undone after each run (untimed).

| size | files / added lines / MB scanned | floor \`git diff --cached -U0\` ms | \`scan staged\` ms | scan / floor | \`commit --no-verify\` ms | \`commit\` with hook ms | hook adds ms | with / without | peak RSS of \`scan staged\` MB |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|
$(printf '%s\n' "${staged_rows[@]}")

## Pre-push: $push_commits new commits

A repository of $push_files tracked files pushed to a local bare remote, then $push_commits commits of 3 files each
($push_shortstat in all; the key in commit $((push_commits / 2))). The hook gets git's stdin line
\`refs/heads/main <local> refs/heads/main <remote>\`. Floor: \`git log -p -U0 remote..local\` (every commit's
own patch, which is what a pre-push scan reads). A blocked push stops after the ref negotiation and the hook,
before any object is sent, so its fair comparison is \`git push --no-verify --dry-run\` (the same negotiation
without the hook); the real \`git push --no-verify\` is shown too, and undone after each run (untimed).

| what | median ms |
|---|---:|
| floor: \`git log -p -U0 remote..local\` | $(med push-floor) |
| \`hookguard hook pre-push origin <url>\` (exit 1) | $(med push-hookcmd) |
| hook / floor | $(ratio "$(med push-hookcmd)" "$(med push-floor)") |
| \`git push --no-verify --dry-run\` | $(med push-dry) |
| \`git push\` with the hook (blocked, exit 1) | $(med push-hook) |
| hook adds (blocked push − dry run) | $(minus "$(med push-hook)" "$(med push-dry)") |
| \`git push --no-verify\` (real, succeeds) | $(med push-plain) |
| peak RSS of \`hookguard hook pre-push\` | $push_rss MB |

## History

Linear histories written by \`git fast-import\` over 300 files; each commit inserts 2-8 lines into 1-3
files; the key is added by the commit half-way. "File versions" is the report's \`scanned.files\`.

| commits | file versions | floor \`git log -p --all -U0\` ms | \`scan history\` ms | scan / floor | peak RSS of \`scan history\` MB | peak RSS of \`git log -p --all -U0\` MB |
|---|---:|---:|---:|---:|---:|---:|
$(printf '%s\n' "${history_rows[@]}")

## Spread of every measurement (ms)

| command | runs | min | median | max |
|---|---:|---:|---:|---:|
$(for m in "${measured[@]}"; do printf '| %s | %s | %s | %s | %s |\n' "${m#*|}" "$(stat_of "${m%%|*}" n)" "$(stat_of "${m%%|*}" min)" "$(med "${m%%|*}")" "$(stat_of "${m%%|*}" max)"; done)
EOF
