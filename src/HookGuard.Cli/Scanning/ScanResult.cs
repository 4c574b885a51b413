using HookGuard.Detectors;
using HookGuard.Detectors.Engine;

namespace HookGuard.Cli.Scanning;

/// <summary>What a scan found and what it looked at.</summary>
/// <param name="CommitSubjects">Full commit id to subject line, for scans of commits (empty otherwise).</param>
public sealed record ScanResult(IReadOnlyList<Finding> Findings, ScanStatistics Statistics, IReadOnlyDictionary<string, string> CommitSubjects)
{
    public ScanResult(IReadOnlyList<Finding> findings, ScanStatistics statistics)
        : this(findings, statistics, new Dictionary<string, string>())
    {
    }

    /// <summary>The size limit the scan applied (hookguard.maxFileSize), or null for a scan without one (stdin).</summary>
    public long? MaxFileBytes { get; init; }

    /// <summary>The setting that changes <see cref="MaxFileBytes"/>, for messages that name it.</summary>
    public string MaxFileSizeSetting { get; init; } = Git.StagedScanOptions.MaxFileSizeKey;

    /// <summary>Paths of the files skipped for being over <see cref="MaxFileBytes"/>, when the source names them (the git sources do).</summary>
    public IReadOnlyList<string> LargeFiles { get; init; } = [];

    /// <summary>Findings that an inline comment, the config's allow list, .hookguardignore or the baseline allowed (each has <see cref="Finding.AllowedBy"/>); they never block.</summary>
    public IReadOnlyList<Finding> Allowed { get; init; } = [];

    /// <summary>Secrets win; otherwise a scan that could not read everything fails closed.</summary>
    public int ExitCode => Findings.Count > 0 ? ExitCodes.SecretsFound
        : Statistics.UnreadableFiles > 0 ? ExitCodes.Environment
        : ExitCodes.Clean;
}
