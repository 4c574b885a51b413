<#
.SYNOPSIS
    Packs THIS clone of HookGuard and installs its `hookguard` command as a dotnet tool.

.DESCRIPTION
    Installs globally (%USERPROFILE%\.dotnet\tools, or $env:DOTNET_CLI_HOME\.dotnet\tools), or into
    -ToolPath DIR. Running it again updates the tool.

    It installs the Native AOT build for this machine (win-x64, linux-x64, linux-arm64, osx-arm64, osx-x64): a
    native program that starts in milliseconds, which a hook run on every commit needs. Native AOT needs the
    platform's C toolchain (on Windows, Visual Studio's "Desktop development with C++" workload); without it, or
    on another platform, the script says so and installs the portable, framework-dependent build instead (same
    behaviour, slower start). $env:HOOKGUARD_PORTABLE = '1' asks for the portable build directly.

    It always installs what this clone builds, never a package of the same version from a NuGet cache:
    every run packs fresh, uniquely versioned packages (<Version>-dev.<UTC timestamp>) into a temporary
    folder and installs from that folder alone (a temporary nuget.config that clears every other source).
    Needs only the .NET SDK (see global.json) and git; works from any current directory, in Windows
    PowerShell 5.1 and in PowerShell 7 (pwsh) on any OS.

.PARAMETER ToolPath
    Install into this folder instead of globally. A relative path is relative to the current directory.
    `--tool-path DIR` (or `--tool-path=DIR`), as install.sh spells it, means the same.

.EXAMPLE
    .\install\install.ps1

.EXAMPLE
    .\install\install.ps1 -ToolPath C:\tools\hookguard

.EXAMPLE
    .\install\install.ps1 --tool-path C:\tools\hookguard
#>
# PositionalBinding off: PowerShell passes `--tool-path` (GNU style) to a script as a positional value, not as a
# parameter name; it lands in $GnuStyleArguments, read below, so both spellings of the README's option work.
[CmdletBinding(PositionalBinding = $false)]
param(
    [ValidateNotNullOrEmpty()]
    [string] $ToolPath,

    [Parameter(ValueFromRemainingArguments = $true)]
    [string[]] $GnuStyleArguments
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
# PowerShell 7.3+: a native command's exit code is checked by hand below, never turned into an error.
$PSNativeCommandUseErrorActionPreference = $false

$onWindows = [Environment]::OSVersion.Platform -eq [PlatformID]::Win32NT

# Runs dotnet with an argument list in a folder; returns its exit code and its output (stdout and stderr) as lines.
function Invoke-Dotnet {
    param([string] $WorkingDirectory, [string[]] $Arguments)
    $previous = $ErrorActionPreference
    # Windows PowerShell turns each stderr line of a native command into an error record; keep them as text.
    $ErrorActionPreference = 'Continue'
    Push-Location -LiteralPath $WorkingDirectory
    try {
        $lines = @(& dotnet @Arguments 2>&1 | ForEach-Object { "$_" })
        return [pscustomobject]@{ ExitCode = $LASTEXITCODE; Lines = $lines }
    }
    finally {
        Pop-Location
        $ErrorActionPreference = $previous
    }
}

function Write-Lines([string[]] $Lines) {
    foreach ($line in $Lines) { [Console]::Error.WriteLine($line) }
}

$exitCode = 0
$work = $null
try {
    $usage = 'usage: install.ps1 [-ToolPath DIR | --tool-path DIR]'
    $rest = @($GnuStyleArguments | Where-Object { $null -ne $_ })
    if ($rest.Count -gt 0) {
        if ($rest[0] -like '--tool-path=*' -and $rest.Count -eq 1) {
            $ToolPath = $rest[0].Substring('--tool-path='.Length)
        }
        elseif ($rest[0] -eq '--tool-path' -and $rest.Count -eq 2) {
            $ToolPath = $rest[1]
        }
        else {
            throw "install.ps1: unexpected argument '$($rest[0])'; $usage"
        }
        if ([string]::IsNullOrWhiteSpace($ToolPath) -or $PSBoundParameters.ContainsKey('ToolPath')) {
            throw "install.ps1: --tool-path needs one folder; $usage"
        }
    }
    $toolPathGiven = -not [string]::IsNullOrWhiteSpace($ToolPath)

    $repoRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '..')).ProviderPath
    $project = Join-Path $repoRoot (Join-Path 'src' (Join-Path 'HookGuard.Cli' 'HookGuard.Cli.csproj'))
    if (-not (Test-Path -LiteralPath $project -PathType Leaf)) {
        throw "install.ps1: cannot find $project; run the install.ps1 inside a HookGuard clone"
    }

    if (-not (Get-Command dotnet -CommandType Application -ErrorAction SilentlyContinue)) {
        throw "install.ps1: dotnet not found on PATH; install the .NET SDK named in $(Join-Path $repoRoot 'global.json') (https://dot.net) and run this again"
    }

    # Run in the clone so global.json picks the SDK; fails clearly when that SDK is missing.
    $sdk = Invoke-Dotnet -WorkingDirectory $repoRoot -Arguments @('--version')
    if ($sdk.ExitCode -ne 0) {
        throw "install.ps1: no .NET SDK matching $(Join-Path $repoRoot 'global.json'): $(@($sdk.Lines) | Select-Object -First 1)"
    }
    $sdkVersion = (@($sdk.Lines) -join ' ').Trim()

    $props = Get-Content -LiteralPath (Join-Path $repoRoot 'Directory.Build.props') -Raw
    $match = [regex]::Match($props, '<Version>\s*([^<\s]+)\s*</Version>')
    if (-not $match.Success) {
        throw "install.ps1: no <Version> in $(Join-Path $repoRoot 'Directory.Build.props')"
    }
    $baseVersion = $match.Groups[1].Value
    $stamp = [DateTime]::UtcNow.ToString('yyyyMMddHHmmss', [Globalization.CultureInfo]::InvariantCulture)
    $version = if ($baseVersion.Contains('-')) { "$baseVersion.dev.$stamp" } else { "$baseVersion-dev.$stamp" }

    if ($toolPathGiven) {
        # Relative to where the user ran the script; the folder need not exist yet.
        $toolsDir = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($ToolPath)
        $location = @('--tool-path', $toolsDir)
    }
    else {
        $cliHome = if ($env:DOTNET_CLI_HOME) { $env:DOTNET_CLI_HOME } else { [Environment]::GetFolderPath('UserProfile') }
        $toolsDir = Join-Path (Join-Path $cliHome '.dotnet') 'tools'
        $location = @('--global')
    }

    $work = Join-Path ([IO.Path]::GetTempPath()) ('hookguard-install-' + [Guid]::NewGuid().ToString('N'))
    $packages = Join-Path $work 'packages'
    $null = New-Item -ItemType Directory -Path $packages -Force

    # Build outputs and the packages go to the temporary folder: nothing is left in the clone.
    function Invoke-Pack([string[]] $Extra) {
        Invoke-Dotnet -WorkingDirectory $repoRoot -Arguments (@(
            'pack', $project, '-c', 'Release', '-o', $packages, '--artifacts-path', (Join-Path $work 'artifacts'),
            "-p:Version=$version") + $Extra)
    }

    # The runtime identifier of this machine, if HookGuard ships a native build for it.
    $rid = $null
    if (-not $env:HOOKGUARD_PORTABLE) {
        $arch = [Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString()
        $os = if ($onWindows) { 'win' }
            elseif ([Runtime.InteropServices.RuntimeInformation]::IsOSPlatform([Runtime.InteropServices.OSPlatform]::OSX)) { 'osx' }
            elseif ([Runtime.InteropServices.RuntimeInformation]::IsOSPlatform([Runtime.InteropServices.OSPlatform]::Linux)) { 'linux' }
            else { $null }
        $candidate = switch ($arch) { 'X64' { "$os-x64" } 'Arm64' { "$os-arm64" } default { $null } }
        if ($os -and $candidate -in @('win-x64', 'linux-x64', 'linux-arm64', 'osx-arm64', 'osx-x64')) {
            $rid = $candidate
        }
        else {
            Write-Host "install.ps1: no native build of HookGuard for this platform ($arch); installing the portable build"
        }
    }

    $build = $null
    if ($rid) {
        Write-Host "Building HookGuard $version for $rid (Native AOT) from $repoRoot (SDK $sdkVersion); this takes a minute ..."
        $native = Invoke-Pack @('-r', $rid)
        if ($native.ExitCode -eq 0) {
            $build = "Native AOT, $rid"
        }
        else {
            # The usual cause is a missing C toolchain; the portable build needs none.
            Write-Warning 'install.ps1: the native build failed, so the portable build is installed instead (it starts slower).'
            Write-Lines (@($native.Lines) | Where-Object { $_ -match 'error' } | Select-Object -First 3)
            Write-Warning 'Native AOT needs the C toolchain (Windows: Visual Studio with "Desktop development with C++"): https://aka.ms/nativeaot-prerequisites'
            $rid = $null
        }
    }
    if (-not $rid) {
        $rid = 'any'
        Write-Host "Packing HookGuard $version (portable, framework-dependent) from $repoRoot (SDK $sdkVersion) ..."
        $portable = Invoke-Pack @('-r', 'any', '-p:PublishAot=false')
        if ($portable.ExitCode -ne 0) {
            Write-Lines $portable.Lines
            throw 'install.ps1: dotnet pack failed (output above)'
        }
        $build = 'portable, framework-dependent'
    }

    # The package `dotnet tool` installs first points to the platform packages; it names only the one built here,
    # so the tool installed is exactly that build. It holds no program, so nothing is compiled for it again.
    $pack = Invoke-Pack @('--no-build', "-p:ToolPackageRuntimeIdentifiers=$rid")
    if ($pack.ExitCode -ne 0) {
        Write-Lines $pack.Lines
        throw 'install.ps1: dotnet pack failed (output above)'
    }

    $config = Join-Path $work 'nuget.config'
    $source = [Security.SecurityElement]::Escape($packages)
    $configText = @"
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="hookguard-this-clone" value="$source" />
  </packageSources>
  <packageSourceMapping>
    <clear />
  </packageSourceMapping>
</configuration>
"@
    [IO.File]::WriteAllText($config, $configText, (New-Object Text.UTF8Encoding $false))

    # `update` installs the tool when it is absent (.NET 8 and later); --allow-downgrade lets a dev build
    # replace a newer release. Run outside the clone so no local tool manifest is involved.
    $tool = Invoke-Dotnet -WorkingDirectory $work -Arguments (@('tool', 'update', 'HookGuard') + $location + @(
        '--version', $version, '--configfile', $config, '--allow-downgrade'))
    if ($tool.ExitCode -ne 0) {
        Write-Lines $tool.Lines
        throw 'install.ps1: dotnet tool update failed (output above)'
    }

    $commandPath = Join-Path $toolsDir ($(if ($onWindows) { 'hookguard.exe' } else { 'hookguard' }))
    if (-not (Test-Path -LiteralPath $commandPath -PathType Leaf)) {
        throw "install.ps1: dotnet reported success but $commandPath is missing; output: $(@($tool.Lines) -join ' ')"
    }

    Write-Host "Installed HookGuard $version (${build}): $commandPath"

    $separator = [IO.Path]::PathSeparator
    $comparison = if ($onWindows) { [StringComparison]::OrdinalIgnoreCase } else { [StringComparison]::Ordinal }
    $wanted = $toolsDir.TrimEnd('\', '/')
    $onPath = @("$env:PATH" -split [regex]::Escape("$separator") | Where-Object {
            $_ -and [string]::Equals($_.TrimEnd('\', '/'), $wanted, $comparison)
        }).Count -gt 0
    if (-not $onPath) {
        if ($onWindows) {
            Write-Host "$toolsDir is not on your PATH. Add it for your user with this command, then open a new terminal:"
            Write-Host "    [Environment]::SetEnvironmentVariable('Path', [Environment]::GetEnvironmentVariable('Path', 'User') + ';$toolsDir', 'User')"
            Write-Host '(or: Settings > System > About > Advanced system settings > Environment Variables > Path > New)'
        }
        else {
            Write-Host "$toolsDir is not on your PATH. Add this line to ~/.bashrc (bash) or ~/.zshrc (zsh) and open a new terminal:"
            Write-Host "    export PATH=`"`$PATH:$toolsDir`""
            Write-Host "For pwsh, add this line to `$PROFILE:"
            Write-Host "    `$env:PATH += '${separator}$toolsDir'"
        }
        if ($toolPathGiven) {
            Write-Host '(git hooks find hookguard through PATH, or in ~/.dotnet/tools; a -ToolPath folder must be on PATH.)'
        }
    }

    Write-Host 'Next: cd your-repo; hookguard install'
}
catch {
    [Console]::Error.WriteLine($_.Exception.Message)
    $exitCode = 1
}
finally {
    if ($work -and (Test-Path -LiteralPath $work)) {
        Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    }
}
exit $exitCode
