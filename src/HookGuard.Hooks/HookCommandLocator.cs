using System.Text.RegularExpressions;

namespace HookGuard.Hooks;

/// <summary>The command a HookGuard hook script would run, found the way the script finds it.</summary>
/// <param name="Path">The executable, or null when the script would find none (and so block every commit).</param>
/// <param name="Description">How it was found, for <c>hookguard status</c>.</param>
public sealed record HookCommand(string? Path, string Description)
{
    public bool Found => Path is not null;
}

/// <summary>
/// Mirrors the lookup in <c>hooks/hook-template.sh</c>, so that <c>hookguard status</c> can tell whether the hook will
/// find its command: a dotnet tool manifest at the top of the work tree that pins HookGuard means
/// <c>dotnet tool run hookguard</c>; otherwise <c>hookguard</c> on PATH, then in <c>~/.dotnet/tools</c>.
/// </summary>
public static partial class HookCommandLocator
{
    private static readonly string[] Manifests = [Path.Combine(".config", "dotnet-tools.json"), "dotnet-tools.json"];

    /// <param name="workTree">The top of the work tree: git runs hooks there.</param>
    /// <param name="getEnvironmentVariable">The environment the hook will see.</param>
    public static HookCommand Locate(string workTree, Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        var home = getEnvironmentVariable("HOME") ?? getEnvironmentVariable("USERPROFILE") ?? "";
        foreach (var manifest in Manifests)
        {
            var manifestPath = System.IO.Path.Combine(workTree, manifest);
            if (File.Exists(manifestPath) && PinsHookGuard().IsMatch(ReadOrEmpty(manifestPath)))
            {
                var dotnet = OnPath("dotnet", getEnvironmentVariable)
                    ?? Executable(System.IO.Path.Combine(getEnvironmentVariable("DOTNET_ROOT") ?? System.IO.Path.Combine(home, ".dotnet"), ExeName("dotnet")));
                return dotnet is null
                    ? new HookCommand(null, $"{manifest} pins HookGuard, but dotnet is not on PATH")
                    : new HookCommand(dotnet, $"dotnet tool run hookguard (the version pinned in {manifest}; run `dotnet tool restore` after cloning)");
            }
        }

        var onPath = OnPath("hookguard", getEnvironmentVariable);
        if (onPath is not null)
        {
            return new HookCommand(onPath, $"{onPath} (on PATH)");
        }

        foreach (var tools in new[] { getEnvironmentVariable("DOTNET_CLI_HOME") ?? home, home }.Distinct())
        {
            var candidate = Executable(System.IO.Path.Combine(tools, ".dotnet", "tools", ExeName("hookguard")));
            if (candidate is not null)
            {
                return new HookCommand(candidate, $"{candidate} (not on PATH; the hook looks in ~/.dotnet/tools too)");
            }
        }

        return new HookCommand(null, "not found on PATH nor in ~/.dotnet/tools: the hooks block every commit and push until it is installed");
    }

    private static string? OnPath(string name, Func<string, string?> getEnvironmentVariable)
    {
        var path = getEnvironmentVariable("PATH") ?? "";
        return path.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Executable(System.IO.Path.Combine(directory, ExeName(name))))
            .FirstOrDefault(found => found is not null);
    }

    private static string? Executable(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & anyExecute) != 0 ? path : null;
    }

    private static string ExeName(string name) => OperatingSystem.IsWindows() ? name + ".exe" : name;

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    // The same test as the script's grep: the package id as a JSON key.
    [GeneratedRegex("\"hookguard\"\\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex PinsHookGuard();
}
