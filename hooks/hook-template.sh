#!/bin/sh
# hookguard-managed-hook: @HOOK@
# Written by `hookguard install`: blocks @BLOCKED@ that add leaked API tokens.
# Remove it with `hookguard uninstall` (a hook it chains or replaced is put back).
# Bypass once: `git @GIT_COMMAND@ --no-verify`, or HOOKGUARD_SKIP=1 in the environment.

hookguard_hook=@HOOK@
# 1 in the global hooks folder (`hookguard install --global`): git then runs this script instead of the
# repository's own hook, so this script runs that hook itself.
hookguard_runs_repository_hook=@RUNS_REPOSITORY_HOOK@

# On push, git writes the pushed refs to stdin once; keep them, byte for byte, for every hook this script runs.
# (Shell built-ins only: a GUI git client's PATH may hold little more than git.)
hookguard_stdin=
if [ "$hookguard_hook" = pre-push ]; then
    while IFS= read -r hookguard_line; do
        hookguard_stdin="$hookguard_stdin$hookguard_line
"
    done
    hookguard_stdin="$hookguard_stdin$hookguard_line"
fi

hookguard_run() {
    if [ "$hookguard_hook" = pre-push ]; then
        # A hook that does not read its input must not make printf complain about the closed pipe.
        printf '%s' "$hookguard_stdin" 2>/dev/null | "$@"
    else
        "$@"
    fi
}

# Hooks that were there first run first, and their failure stops git as it would have without HookGuard.
hookguard_chained="${0%/*}/$hookguard_hook.hookguard-chained"
if [ -f "$hookguard_chained" ] && [ -x "$hookguard_chained" ]; then
    hookguard_run "$hookguard_chained" "$@" || exit $?
fi
if [ "$hookguard_runs_repository_hook" = 1 ]; then
    hookguard_own="$(git rev-parse --git-common-dir)/hooks/$hookguard_hook"
    if [ -f "$hookguard_own" ] && [ -x "$hookguard_own" ] && ! grep -q '^# hookguard-managed-hook:' "$hookguard_own"; then
        hookguard_run "$hookguard_own" "$@" || exit $?
    fi
fi

if [ "${HOOKGUARD_SKIP:-}" = 1 ]; then
    echo "hookguard: HOOKGUARD_SKIP=1, @HOOK@ scan skipped" >&2
    exit 0
fi

# A repository whose dotnet tool manifest pins HookGuard runs that version, the same for everyone.
for hookguard_manifest in .config/dotnet-tools.json dotnet-tools.json; do
    if [ -f "$hookguard_manifest" ] && grep -qi '"hookguard"[[:space:]]*:' "$hookguard_manifest"; then
        hookguard_dotnet=$(command -v dotnet 2>/dev/null) || hookguard_dotnet="${DOTNET_ROOT:-$HOME/.dotnet}/dotnet"
        if [ ! -x "$hookguard_dotnet" ]; then
            echo "hookguard: $hookguard_manifest pins HookGuard but dotnet is not on PATH, @GIT_COMMAND@ blocked; install the .NET SDK and run 'dotnet tool restore', or bypass once with 'git @GIT_COMMAND@ --no-verify' or HOOKGUARD_SKIP=1" >&2
            exit 1
        fi
        hookguard_run "$hookguard_dotnet" tool run hookguard hook @HOOK@ "$@"
        exit $?
    fi
done

# GUI git clients often lack ~/.dotnet/tools on PATH: look there too.
hookguard=$(command -v hookguard 2>/dev/null) || hookguard=
for hookguard_tools in "${DOTNET_CLI_HOME:-$HOME}/.dotnet/tools" "$HOME/.dotnet/tools"; do
    for hookguard_candidate in "$hookguard_tools/hookguard" "$hookguard_tools/hookguard.exe"; do
        if [ -z "$hookguard" ] && [ -f "$hookguard_candidate" ] && [ -x "$hookguard_candidate" ]; then
            hookguard=$hookguard_candidate
        fi
    done
done
if [ -z "$hookguard" ]; then
    echo "hookguard: not installed (not on PATH nor in ~/.dotnet/tools), @GIT_COMMAND@ blocked; install it with 'dotnet tool install --global HookGuard' or install/install.sh from a HookGuard clone; bypass once with 'git @GIT_COMMAND@ --no-verify' or HOOKGUARD_SKIP=1" >&2
    exit 1
fi

hookguard_run "$hookguard" hook @HOOK@ "$@"
