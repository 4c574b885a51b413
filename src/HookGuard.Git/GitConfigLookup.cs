using LibGit2Sharp;

namespace HookGuard.Git;

/// <summary>
/// One config value as git would read it, through LibGit2Sharp's <see cref="Configuration"/>: the highest-precedence
/// file that sets it wins — the worktree's <c>config.worktree</c>, the repository's <c>config</c>, the global file,
/// the system file. Done level by level, by hand, for two gaps in LibGit2Sharp: a linked worktree's
/// <c>Repository.Config</c> misses the shared repository config (it looks in the worktree's own folder), and libgit2
/// ignores git's GIT_CONFIG_GLOBAL, GIT_CONFIG_SYSTEM and GIT_CONFIG_NOSYSTEM. Not read: <c>git -c</c> values
/// (GIT_CONFIG_PARAMETERS) and includeIf conditions that need the repository (a plain include.path is read).
/// </summary>
public static class GitConfigLookup
{
    public static string? Read(RepositoryLocation? location, string key, Func<string, string?> getEnvironmentVariable)
    {
        // One configuration holds the repository's file and the files libgit2 finds itself (~/.gitconfig, the XDG file,
        // the system file); the others are built only when they exist or git's variables name them.
        var (worktreeFile, repositoryFile) = location is null ? (null, null) : LocalFiles(location);
        using var configuration = Configuration.BuildFrom(File.Exists(repositoryFile) ? repositoryFile : null);

        // Highest precedence first: git reads them in the opposite order, the last one read winning.
        var local = (worktreeFile is null ? null : FromFile(worktreeFile, key)) ?? FromLevel(configuration, key, ConfigurationLevel.Local);
        if (local is not null)
        {
            return local;
        }

        var global = NonEmpty(getEnvironmentVariable("GIT_CONFIG_GLOBAL")) is { } globalFile
            ? FromFile(globalFile, key)
            : FromLevel(configuration, key, ConfigurationLevel.Global) ?? FromLevel(configuration, key, ConfigurationLevel.Xdg);
        if (global is not null || IsTrue(getEnvironmentVariable("GIT_CONFIG_NOSYSTEM")))
        {
            return global;
        }

        return NonEmpty(getEnvironmentVariable("GIT_CONFIG_SYSTEM")) is { } systemFile
            ? FromFile(systemFile, key)
            : FromLevel(configuration, key, ConfigurationLevel.System) ?? FromLevel(configuration, key, ConfigurationLevel.ProgramData);
    }

    /// <summary>The worktree's own file and the repository's: a linked worktree shares the config of its main repository (commondir).</summary>
    private static (string WorktreeFile, string RepositoryFile) LocalFiles(RepositoryLocation location)
    {
        var gitDirectory = location.GitDirectory;
        var commonDirFile = Path.Combine(gitDirectory, "commondir");
        var commonDirectory = File.Exists(commonDirFile)
            ? Path.GetFullPath(File.ReadAllText(commonDirFile).Trim(), gitDirectory)
            : gitDirectory;
        return (Path.Combine(gitDirectory, "config.worktree"), Path.Combine(commonDirectory, "config"));
    }

    /// <summary>The value one file sets (with the files it includes), or null; a missing file sets nothing.</summary>
    private static string? FromFile(string path, string key)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        // BuildFrom loads the file as the Local level (and the default files beside it, which are not asked).
        using var file = Configuration.BuildFrom(path);
        return FromLevel(file, key, ConfigurationLevel.Local);
    }

    /// <summary>The value at one level; a key present without a value (<c>[hookguard] maxFileSize</c>) reads as "".</summary>
    private static string? FromLevel(Configuration configuration, string key, ConfigurationLevel level) =>
        configuration.Get<string>(key, level) is { } entry ? entry.Value ?? "" : null;

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>git's boolean environment values (git_env_bool): true, yes, on or a non-zero number.</summary>
    private static bool IsTrue(string? value) =>
        value?.Trim().ToLowerInvariant() is { Length: > 0 } text
        && (text is "true" or "yes" or "on" || (long.TryParse(text, out var number) && number != 0));
}
