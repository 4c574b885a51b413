using HookGuard.Detectors;

namespace HookGuard.Hooks;

/// <summary>One value of git config, with where it was set.</summary>
/// <param name="Value">The value.</param>
/// <param name="Scope">git's name for the scope: <c>local</c>, <c>global</c>, <c>system</c>, <c>worktree</c> or <c>command</c>.</param>
/// <param name="Origin">Where git read it, as git prints it (e.g. <c>file:.git/config</c>).</param>
public sealed record GitConfigEntry(string Value, string Scope, string Origin);

/// <summary>Reads and writes single git config values in one scope, through git itself.</summary>
internal static class GitConfig
{
    /// <summary>The effective value of <paramref name="key"/> (or its value in <paramref name="scope"/> only); null when unset.</summary>
    /// <param name="directory">Where git runs: a repository for its local config; any directory for the global scope.</param>
    public static GitConfigEntry? Get(string directory, IReadOnlyDictionary<string, string?>? environment, string key, string? scope = null)
    {
        string[] arguments = scope is null
            ? ["config", "--show-scope", "--show-origin", "--get", key]
            : ["config", "--" + scope, "--show-scope", "--show-origin", "--get", key];
        var result = GitCommand.Run(directory, environment, arguments);
        if (result.ExitCode == 1)
        {
            return null;
        }

        if (result.ExitCode != 0)
        {
            throw new HookGuardEnvironmentException(
                $"git config --get {key} failed (exit code {result.ExitCode}): {GitCommand.FirstLine(result.Error)}");
        }

        // "scope<TAB>origin<TAB>value"; the origin is quoted by git when it holds unusual characters.
        var line = result.Output.TrimEnd('\n', '\r');
        var parts = line.Split('\t', 3);
        return parts.Length == 3
            ? new GitConfigEntry(parts[2], parts[0], parts[1])
            : throw new HookGuardEnvironmentException($"unexpected answer from git config --get {key}: {GitCommand.FirstLine(line)}");
    }

    public static void Set(string directory, IReadOnlyDictionary<string, string?>? environment, string scope, string key, string value) =>
        Check(GitCommand.Run(directory, environment, "config", "--" + scope, key, value), $"git config --{scope} {key}");

    /// <summary>Removes <paramref name="key"/> from <paramref name="scope"/>; nothing happens when it is not set there.</summary>
    public static void Unset(string directory, IReadOnlyDictionary<string, string?>? environment, string scope, string key)
    {
        var result = GitCommand.Run(directory, environment, "config", "--" + scope, "--unset-all", key);
        if (result.ExitCode != 5)
        {
            // Exit code 5: the key was not set, which is what we wanted.
            Check(result, $"git config --{scope} --unset-all {key}");
        }
    }

    private static void Check(GitResult result, string command)
    {
        if (result.ExitCode != 0)
        {
            throw new HookGuardEnvironmentException(
                $"{command} failed (exit code {result.ExitCode}): {GitCommand.FirstLine(result.Error)}");
        }
    }
}
