using HookGuard.Detectors;
using LibGit2Sharp;

namespace HookGuard.Git;

/// <summary>Limits shared by the git sources (<see cref="StagedChangeSource"/> and <see cref="CommitChangeSource"/>).</summary>
public sealed record StagedScanOptions
{
    /// <summary>The git config key that sets <see cref="MaxFileBytes"/>.</summary>
    public const string MaxFileSizeKey = "hookguard.maxFileSize";

    /// <summary>5 MB: larger files are almost always generated or data, and reading them would slow every commit.</summary>
    public const long DefaultMaxFileBytes = 5 * 1024 * 1024;

    /// <summary>
    /// The largest limit accepted: 1 GB. A file is decoded into one string, and .NET strings stop at about a billion
    /// characters; a limit above that could only turn a skipped file into a crash.
    /// </summary>
    public const long LargestMaxFileBytes = 1024 * 1024 * 1024;

    /// <summary>Files (staged, or as a commit has them) larger than this are skipped (and counted) instead of read.</summary>
    public long MaxFileBytes { get; init; } = DefaultMaxFileBytes;

    /// <summary>Whether a file, by its path from the repository root with '/' separators, is left out (the config's <c>exclude</c> globs); null excludes nothing.</summary>
    public Func<string, bool>? ExcludePath { get; init; }

    /// <summary>
    /// Whether the user may allow findings in a file, by its path as for <see cref="ExcludePath"/> (excluded, or named by
    /// an ignore or baseline entry): a copy of such a file is read whole, not as its changed lines, because the lines it
    /// copied were never checked or were accepted at the other path only. Null: no file.
    /// </summary>
    public Func<string, bool>? AllowsFindingsIn { get; init; }

    /// <summary>
    /// The options git config sets for a scan: <c>hookguard.maxFileSize</c>, an integer as <c>git config --type=int</c>
    /// reads it (optional k, m or g suffix for 1024, 1024², 1024³), from the worktree, repository, global or system config
    /// as git resolves them; the default when unset. Read once per scan.
    /// </summary>
    /// <param name="location">The repository, or null outside one (then only the global and system config are read).</param>
    /// <exception cref="HookGuardUsageException">The value is not such an integer, or not between 1 and 1g.</exception>
    /// <exception cref="HookGuardEnvironmentException">A config file cannot be read or parsed.</exception>
    public static StagedScanOptions FromGitConfig(RepositoryLocation? location, Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        string? text;
        try
        {
            text = GitConfigLookup.Read(location, MaxFileSizeKey, getEnvironmentVariable);
        }
        catch (Exception exception) when (exception is LibGit2SharpException or IOException or UnauthorizedAccessException)
        {
            throw new HookGuardEnvironmentException($"cannot read git config: {RepositoryAccess.OneLine(exception.Message)}", exception);
        }

        if (text is null)
        {
            return new StagedScanOptions();
        }

        const string Hint = "set a whole number of bytes, optionally with k, m or g: git config " + MaxFileSizeKey + " 10m";
        if (!GitSizeValue.TryParse(text, out var bytes))
        {
            throw new HookGuardUsageException($"bad {MaxFileSizeKey} '{text}': not a whole number with an optional k, m or g suffix", Hint);
        }

        return bytes is >= 1 and <= LargestMaxFileBytes
            ? new StagedScanOptions { MaxFileBytes = bytes }
            : throw new HookGuardUsageException($"bad {MaxFileSizeKey} '{text}': must be between 1 and 1g", Hint);
    }
}
