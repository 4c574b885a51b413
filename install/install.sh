#!/usr/bin/env bash
# Packs THIS clone of HookGuard and installs its `hookguard` command as a dotnet tool:
# globally (~/.dotnet/tools), or into DIR with --tool-path DIR. Running it again updates the tool.
#
#   install/install.sh [--tool-path DIR]
#
# It installs the Native AOT build for this machine (linux-x64, linux-arm64, osx-arm64, osx-x64): a native
# program that starts in milliseconds, which a hook run on every commit needs. Native AOT needs the platform's
# C toolchain (clang or gcc on Linux, the Xcode command line tools on macOS); without it, or on another platform,
# the script says so and installs the portable, framework-dependent build instead (same behaviour, slower start).
# HOOKGUARD_PORTABLE=1 asks for the portable build directly.
#
# It always installs what this clone builds, never a package of the same version from a NuGet cache:
# every run packs fresh, uniquely versioned packages (<Version>-dev.<UTC timestamp>) into a temporary
# folder and installs from that folder alone (a temporary nuget.config that clears every other source).
# Needs only the .NET SDK (see global.json) and git; works from any current directory.
set -euo pipefail

fail() {
    echo "install.sh: $*" >&2
    exit 1
}

usage() {
    echo "usage: install/install.sh [--tool-path DIR]"
    echo "  Packs this clone and installs the hookguard command globally (~/.dotnet/tools), or into DIR."
}

tool_path=
while [ $# -gt 0 ]; do
    case "$1" in
        --tool-path)
            [ $# -ge 2 ] && [ -n "$2" ] || { echo "install.sh: --tool-path needs a directory" >&2; usage >&2; exit 2; }
            tool_path=$2
            shift 2
            ;;
        --tool-path=*)
            tool_path=${1#--tool-path=}
            [ -n "$tool_path" ] || { echo "install.sh: --tool-path needs a directory" >&2; usage >&2; exit 2; }
            shift
            ;;
        -h | --help)
            usage
            exit 0
            ;;
        *)
            echo "install.sh: unknown argument: $1" >&2
            usage >&2
            exit 2
            ;;
    esac
done

# A relative --tool-path is relative to where the user ran the script.
if [ -n "$tool_path" ]; then
    case "$tool_path" in
        /*) ;;
        *) tool_path="$PWD/$tool_path" ;;
    esac
fi

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
repo_root=$(cd -- "$script_dir/.." && pwd -P)
project="$repo_root/src/HookGuard.Cli/HookGuard.Cli.csproj"
[ -f "$project" ] || fail "cannot find $project; run the install.sh inside a HookGuard clone"

command -v dotnet >/dev/null 2>&1 ||
    fail "dotnet not found on PATH; install the .NET SDK named in $repo_root/global.json (https://dot.net) and run this again"
# Run in the clone so global.json picks the SDK; fails clearly when that SDK is missing.
sdk_version=$(cd -- "$repo_root" && dotnet --version 2>&1) ||
    fail "no .NET SDK matching $repo_root/global.json: ${sdk_version%%$'\n'*}"

base_version=$(sed -n 's:.*<Version>[[:space:]]*\([^<[:space:]]*\)[[:space:]]*</Version>.*:\1:p' "$repo_root/Directory.Build.props" | head -n 1)
[ -n "$base_version" ] || fail "no <Version> in $repo_root/Directory.Build.props"
stamp=$(date -u +%Y%m%d%H%M%S)
case "$base_version" in
    *-*) version="$base_version.dev.$stamp" ;;
    *) version="$base_version-dev.$stamp" ;;
esac

work=$(mktemp -d "${TMPDIR:-/tmp}/hookguard-install.XXXXXX")
trap 'rm -rf -- "$work"' EXIT

# The runtime identifier of this machine, if HookGuard ships a native build for it.
native_rid() {
    local os arch
    case "$(uname -s)" in
        Linux)
            # glibc only: a musl system (Alpine) takes the portable build.
            if ldd --version 2>&1 | grep -qi musl; then return 1; fi
            os=linux ;;
        Darwin) os=osx ;;
        *) return 1 ;;
    esac
    case "$(uname -m)" in
        x86_64 | amd64) arch=x64 ;;
        aarch64 | arm64) arch=arm64 ;;
        *) return 1 ;;
    esac
    echo "$os-$arch"
}

# Packs one package of the tool; build output and packages go to the temporary folder: nothing is left in the clone.
pack() {
    dotnet pack "$project" -c Release -o "$work/packages" --artifacts-path "$work/artifacts" -p:Version="$version" "$@"
}

rid=
if [ -z "${HOOKGUARD_PORTABLE:-}" ]; then
    rid=$(native_rid) || rid=
    [ -n "$rid" ] || echo "install.sh: no native build of HookGuard for $(uname -s) $(uname -m); installing the portable build"
fi

build=
if [ -n "$rid" ]; then
    echo "Building HookGuard $version for $rid (Native AOT) from $repo_root (SDK $sdk_version); this takes a minute ..."
    if pack -r "$rid" >"$work/pack-native.log" 2>&1; then
        build="Native AOT, $rid"
    else
        # The usual cause is a missing C toolchain; the portable build needs none.
        echo "install.sh: the native build failed, so the portable build is installed instead (it starts slower)." >&2
        grep -E -m 3 "error|Error" "$work/pack-native.log" | sed 's/^/    /' >&2 || true
        echo "    Native AOT needs clang (or gcc) and zlib on Linux, the Xcode command line tools on macOS:" >&2
        echo "    https://aka.ms/nativeaot-prerequisites ; install them and run install.sh again." >&2
        rid=
    fi
fi
if [ -z "$rid" ]; then
    rid=any
    echo "Packing HookGuard $version (portable, framework-dependent) from $repo_root (SDK $sdk_version) ..."
    if ! pack -r any -p:PublishAot=false >"$work/pack-any.log" 2>&1; then
        cat "$work/pack-any.log" >&2
        fail "dotnet pack failed (output above)"
    fi
    build="portable, framework-dependent"
fi
# The package `dotnet tool` installs first points to the platform packages; it names only the one built here,
# so the tool installed is exactly that build. It holds no program, so nothing is compiled for it again.
if ! pack --no-build -p:ToolPackageRuntimeIdentifiers="$rid" >"$work/pack.log" 2>&1; then
    cat "$work/pack.log" >&2
    fail "dotnet pack failed (output above)"
fi

xml_escape() {
    printf '%s' "$1" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g'
}
cat >"$work/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="hookguard-this-clone" value="$(xml_escape "$work/packages")" />
  </packageSources>
  <packageSourceMapping>
    <clear />
  </packageSourceMapping>
</configuration>
EOF

if [ -n "$tool_path" ]; then
    location=(--tool-path "$tool_path")
    tools_dir=$tool_path
else
    location=(--global)
    tools_dir="${DOTNET_CLI_HOME:-$HOME}/.dotnet/tools"
fi

# `update` installs the tool when it is absent (.NET 8 and later); --allow-downgrade lets a dev build
# replace a newer release. Run outside the clone so no local tool manifest is involved.
if ! (cd -- "$work" && dotnet tool update HookGuard "${location[@]}" --version "$version" \
    --configfile "$work/nuget.config" --allow-downgrade) >"$work/tool.log" 2>&1; then
    cat "$work/tool.log" >&2
    fail "dotnet tool update failed (output above)"
fi

command_path="$tools_dir/hookguard"
[ -x "$command_path" ] || [ -x "$command_path.exe" ] ||
    fail "dotnet reported success but $command_path is missing; output: $(tr '\n' ' ' <"$work/tool.log")"

echo "Installed HookGuard $version ($build): $command_path"

case ":$PATH:" in
    *":$tools_dir:"* | *":$tools_dir/:"*) ;;
    *)
        if [ "$tools_dir" = "$HOME/.dotnet/tools" ]; then
            path_line='export PATH="$PATH:$HOME/.dotnet/tools"'
        else
            path_line="export PATH=\"\$PATH:$tools_dir\""
        fi
        case "$(basename -- "${SHELL:-sh}")" in
            zsh) profile="~/.zshrc" ;;
            bash) if [ "$(uname -s)" = Darwin ]; then profile="~/.bash_profile"; else profile="~/.bashrc"; fi ;;
            *) profile="~/.profile" ;;
        esac
        echo "$tools_dir is not on your PATH. Add this line to $profile (zsh: ~/.zshrc, bash: ~/.bashrc, other shells: ~/.profile) and open a new terminal:"
        echo "    $path_line"
        if [ -n "$tool_path" ]; then
            echo "(git hooks find hookguard through PATH, or in ~/.dotnet/tools; a --tool-path folder must be on PATH.)"
        fi
        ;;
esac

echo "Next: cd your-repo && hookguard install"
