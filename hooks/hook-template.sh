#!/bin/sh
# hookguard-managed-hook: @HOOK@
# Written by `hookguard install`: blocks @BLOCKED@ that add leaked API tokens.
# Remove it with `hookguard uninstall` (a hook it replaced is put back).
# Bypass once: `git @GIT_COMMAND@ --no-verify`, or HOOKGUARD_SKIP=1 in the environment.

if [ "${HOOKGUARD_SKIP:-}" = 1 ]; then
    echo "hookguard: HOOKGUARD_SKIP=1, @HOOK@ scan skipped" >&2
    exit 0
fi

# GUI git clients often lack ~/.dotnet/tools on PATH: look there too.
hookguard=$(command -v hookguard 2>/dev/null) || hookguard=
for tools in "${DOTNET_CLI_HOME:-$HOME}/.dotnet/tools" "$HOME/.dotnet/tools"; do
    for candidate in "$tools/hookguard" "$tools/hookguard.exe"; do
        if [ -z "$hookguard" ] && [ -f "$candidate" ] && [ -x "$candidate" ]; then
            hookguard=$candidate
        fi
    done
done
if [ -z "$hookguard" ]; then
    echo "hookguard: not installed (not on PATH nor in ~/.dotnet/tools), @GIT_COMMAND@ blocked; install it with 'dotnet tool install --global HookGuard' or install/install.sh from a HookGuard clone; bypass once with 'git @GIT_COMMAND@ --no-verify' or HOOKGUARD_SKIP=1" >&2
    exit 1
fi

exec "$hookguard" hook @HOOK@ "$@"
