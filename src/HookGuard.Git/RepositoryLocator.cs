using HookGuard.Detectors;

namespace HookGuard.Git;

/// <summary>
/// Finds the repository git itself would use in a directory, following git's own rules (setup.c): GIT_DIR and
/// GIT_WORK_TREE first, otherwise the nearest <c>.git</c> directory or <c>.git</c> file ("gitdir: path", as in
/// linked worktrees and submodules) walking up, stopping at GIT_CEILING_DIRECTORIES.
/// Done by hand because LibGit2Sharp's <c>Repository.Discover</c> returns null under Native AOT.
/// </summary>
public static class RepositoryLocator
{
    private const string NotARepositoryHint = "run this inside a git repository, or set GIT_DIR";

    public static RepositoryLocation Locate(string startDirectory, Func<string, string?> getEnvironmentVariable)
    {
        ArgumentException.ThrowIfNullOrEmpty(startDirectory);
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);

        var start = Normalize(Path.GetFullPath(startDirectory));
        if (!Directory.Exists(start))
        {
            throw new HookGuardEnvironmentException($"not a git repository: {start} (no such directory)");
        }

        var workTreeVariable = NullIfEmpty(getEnvironmentVariable("GIT_WORK_TREE"));
        var workTreeOverride = workTreeVariable is null ? null : Normalize(Path.GetFullPath(workTreeVariable, start));

        if (NullIfEmpty(getEnvironmentVariable("GIT_DIR")) is { } gitDirVariable)
        {
            var gitDirectory = ResolveGitDirectory(Normalize(Path.GetFullPath(gitDirVariable, start)))
                ?? throw new HookGuardEnvironmentException($"not a git repository: {gitDirVariable}", "GIT_DIR must name a git directory");
            // With GIT_DIR and no other hint, git takes the current directory as the top of the work tree.
            return Describe(gitDirectory, workTreeOverride, defaultWorkTree: start);
        }

        var ceilings = Ceilings(getEnvironmentVariable("GIT_CEILING_DIRECTORIES"));
        for (var directory = start; ;)
        {
            if (ResolveGitDirectory(Path.Combine(directory, ".git")) is { } gitDirectory)
            {
                return Describe(gitDirectory, workTreeOverride, defaultWorkTree: directory);
            }

            if (IsGitDirectory(directory))
            {
                return Describe(directory, workTreeOverride, defaultWorkTree: null);
            }

            var parent = Path.GetDirectoryName(directory);
            if (parent is null || ceilings.Contains(parent))
            {
                throw new HookGuardEnvironmentException($"not a git repository: {start}", NotARepositoryHint);
            }

            directory = parent;
        }
    }

    private static RepositoryLocation Describe(string gitDirectory, string? workTreeOverride, string? defaultWorkTree)
    {
        if (workTreeOverride is not null)
        {
            return new RepositoryLocation(gitDirectory, workTreeOverride);
        }

        // git ignores core.bare and core.worktree in a linked worktree's git directory (one with a commondir file).
        if (File.Exists(Path.Combine(gitDirectory, "commondir")))
        {
            return new RepositoryLocation(gitDirectory, defaultWorkTree);
        }

        var (bare, workTree) = ReadCoreSettings(Path.Combine(gitDirectory, "config"));
        if (bare == true)
        {
            return new RepositoryLocation(gitDirectory, null);
        }

        return workTree is null
            ? new RepositoryLocation(gitDirectory, defaultWorkTree)
            : new RepositoryLocation(gitDirectory, Normalize(Path.GetFullPath(workTree, gitDirectory)));
    }

    /// <summary>The git directory at <paramref name="path"/>: the directory itself, or the target of a gitfile.</summary>
    private static string? ResolveGitDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            return IsGitDirectory(path) ? path : null;
        }

        if (!File.Exists(path))
        {
            return null;
        }

        string content;
        try
        {
            content = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new HookGuardEnvironmentException($"cannot read {path}: {exception.Message}", exception);
        }

        const string Prefix = "gitdir:";
        var firstLine = content.Split('\n', 2)[0].TrimEnd('\r');
        if (!firstLine.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new HookGuardEnvironmentException($"invalid gitfile format: {path}");
        }

        var target = Normalize(Path.GetFullPath(firstLine[Prefix.Length..].Trim(), Path.GetDirectoryName(path)!));
        return IsGitDirectory(target)
            ? target
            : throw new HookGuardEnvironmentException($"not a git repository: {target}", $"{path} points to a missing git directory");
    }

    private static bool IsGitDirectory(string path) =>
        File.Exists(Path.Combine(path, "HEAD"))
        && (Directory.Exists(Path.Combine(path, "objects")) || File.Exists(Path.Combine(path, "commondir")));

    private static HashSet<string> Ceilings(string? variable)
    {
        var ceilings = new HashSet<string>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var entry in (variable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (Path.IsPathFullyQualified(entry))
            {
                ceilings.Add(Normalize(Path.GetFullPath(entry)));
            }
        }

        return ceilings;
    }

    /// <summary>Reads core.bare and core.worktree from one config file, as git does when it sets up a repository (no includes).</summary>
    private static (bool? Bare, string? WorkTree) ReadCoreSettings(string configPath)
    {
        if (!File.Exists(configPath))
        {
            return (null, null);
        }

        bool? bare = null;
        string? workTree = null;
        var inCore = false;
        foreach (var rawLine in File.ReadLines(configPath))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                var end = line.IndexOf(']', StringComparison.Ordinal);
                inCore = end > 0 && line[1..end].Trim().Equals("core", StringComparison.OrdinalIgnoreCase);
                continue;
            }

            if (!inCore)
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var key = (equals < 0 ? line : line[..equals]).Trim();
            // A key with no "=" is a boolean true.
            var value = equals < 0 ? "true" : ConfigValue(line[(equals + 1)..]);
            if (key.Equals("bare", StringComparison.OrdinalIgnoreCase))
            {
                bare = value.ToLowerInvariant() switch
                {
                    "true" or "yes" or "on" or "1" => true,
                    "false" or "no" or "off" or "0" or "" => false,
                    _ => bare,
                };
            }
            else if (key.Equals("worktree", StringComparison.OrdinalIgnoreCase))
            {
                workTree = value;
            }
        }

        return (bare, workTree);
    }

    /// <summary>A config value without quotes, escapes and trailing comment.</summary>
    private static string ConfigValue(string raw)
    {
        var value = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == '\\' && i + 1 < raw.Length)
            {
                i++;
                value.Append(raw[i] switch { 'n' => '\n', 't' => '\t', 'b' => '\b', var other => other });
            }
            else if (!quoted && c is '#' or ';')
            {
                break;
            }
            else
            {
                value.Append(c);
            }
        }

        return value.ToString().Trim();
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string Normalize(string fullPath) => Path.TrimEndingDirectorySeparator(fullPath);
}
