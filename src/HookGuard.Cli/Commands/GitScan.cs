using HookGuard.Cli.Scanning;
using HookGuard.Git;

namespace HookGuard.Cli.Commands;

/// <summary>The repository a git scan reads and the limits its git config sets (hookguard.maxFileSize), found once per scan.</summary>
internal sealed record GitScan(RepositoryLocation Location, StagedScanOptions Options)
{
    /// <exception cref="Detectors.HookGuardEnvironmentException">Not in a repository, or its config cannot be read.</exception>
    /// <exception cref="Detectors.HookGuardUsageException">hookguard.maxFileSize is not a valid size.</exception>
    public static GitScan Find(CliContext context)
    {
        var location = RepositoryLocator.Locate(context.WorkingDirectory, context.GetEnvironmentVariable);
        return new GitScan(location, StagedScanOptions.FromGitConfig(location, context.GetEnvironmentVariable));
    }

    public CommitChangeSource Commits() => new(Location, Options);

    /// <summary>The result with the limit applied and the files it kept out, for the report's summary and the hooks' notice.</summary>
    public ScanResult WithLimit(ScanResult result, IReadOnlyList<string> largeFiles) =>
        result with { MaxFileBytes = Options.MaxFileBytes, LargeFiles = largeFiles };
}
