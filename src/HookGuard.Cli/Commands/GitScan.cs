using HookGuard.Cli.Scanning;
using HookGuard.Config;
using HookGuard.Detectors;
using HookGuard.Detectors.Catalog;
using HookGuard.Git;

namespace HookGuard.Cli.Commands;

/// <summary>The repository a git scan reads, the policy it applies and the limits that follow from both, found once per scan.</summary>
internal sealed record GitScan(RepositoryLocation Location, StagedScanOptions Options, ScanPolicy Policy)
{
    /// <exception cref="HookGuardEnvironmentException">Not in a repository, or its config cannot be read.</exception>
    /// <exception cref="HookGuardUsageException">hookguard.maxFileSize is not a valid size, or the HookGuard config, ignore file or baseline is bad.</exception>
    public static GitScan Find(CliContext context, PolicyOptions? policyOptions = null)
    {
        var location = RepositoryLocator.Locate(context.WorkingDirectory, context.GetEnvironmentVariable);
        var policy = PolicyOptions.Load(context, policyOptions, location.WorkingDirectory ?? context.WorkingDirectory);
        return new GitScan(location, ScanLimits(location, policy, context), policy);
    }

    /// <summary>The size limit from the HookGuard config, else git config (hookguard.maxFileSize), else the default; the config's excludes.</summary>
    public static StagedScanOptions ScanLimits(RepositoryLocation? location, ScanPolicy policy, CliContext context)
    {
        var fromGit = policy.Config.MaxFileBytes is null ? StagedScanOptions.FromGitConfig(location, context.GetEnvironmentVariable) : new StagedScanOptions();
        return fromGit with
        {
            MaxFileBytes = policy.Config.MaxFileBytes ?? fromGit.MaxFileBytes,
            ExcludePath = policy.Config.ExcludePath,
            AllowsFindingsIn = policy.AllowsFindingsIn,
        };
    }

    /// <summary>The repository around the working directory, or null: <c>scan path</c>, <c>scan stdin</c>, <c>rules</c> and <c>explain</c> also work outside one.</summary>
    public static RepositoryLocation? TryLocate(CliContext context)
    {
        try
        {
            return RepositoryLocator.Locate(context.WorkingDirectory, context.GetEnvironmentVariable);
        }
        catch (HookGuardEnvironmentException)
        {
            return null;
        }
    }

    /// <summary>Where the policy files are looked for: the work tree's root, or outside a repository the working directory.</summary>
    public static string PolicyRoot(CliContext context) => TryLocate(context)?.WorkingDirectory ?? context.WorkingDirectory;

    public CommitChangeSource Commits() => new(Location, Options);

    public ScanResult Scan(IEnumerable<ScanFragment> fragments, ScanStatistics statistics, IReadOnlyDictionary<string, string>? commitSubjects = null) =>
        Scanner.Scan(fragments, statistics, Policy, commitSubjects);

    /// <summary>The result with the limit applied and the files it kept out, for the report's summary and the hooks' notice.</summary>
    public ScanResult WithLimit(ScanResult result, IReadOnlyList<string> largeFiles) =>
        result with { MaxFileBytes = Options.MaxFileBytes, MaxFileSizeSetting = Reports.SizeLimitText.Setting(Policy.Config), LargeFiles = largeFiles };
}

/// <summary>The <c>--config</c> and <c>--baseline</c> a command was given (null: found the usual way).</summary>
internal sealed record PolicyOptions(string? ConfigFile, string? BaselineFile, bool ApplyBaseline = true)
{
    /// <summary>The policy for a scan rooted at <paramref name="root"/> (the repository's work tree, else the working directory).</summary>
    public static ScanPolicy Load(CliContext context, PolicyOptions? options, string root) =>
        ScanPolicy.Load(
            root,
            options?.ConfigFile is { } config ? context.ResolvePath(config) : null,
            options?.BaselineFile is { } baseline ? context.ResolvePath(baseline) : null,
            RuleCatalog.LoadEmbedded,
            options?.ApplyBaseline ?? true);
}
