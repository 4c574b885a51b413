using System.Globalization;
using HookGuard.Git;

namespace HookGuard.Cli.Reports;

/// <summary>How the size limit is named wherever a skipped file is mentioned, with the key that changes it.</summary>
public static class SizeLimitText
{
    /// <summary>"the 5 MB limit (hookguard.maxFileSize)": the size and the setting that changes it.</summary>
    public static string Limit(long maxFileBytes, string setting) => $"the {Size(maxFileBytes)} limit ({setting})";

    /// <summary>Where the limit of a scan comes from: the HookGuard config when it sets one, else git config (or the default).</summary>
    public static string Setting(Config.HookGuardConfig config) =>
        config is { MaxFileBytes: not null, SourcePath: { } path } ? $"maxFileSize in {Path.GetFileName(path)}" : StagedScanOptions.MaxFileSizeKey;

    /// <summary>Whole KB, MB or GB as git's k, m and g count them (1024, 1024², 1024³), otherwise bytes: "5 MB", "1,500 bytes".</summary>
    public static string Size(long bytes) => bytes switch
    {
        > 0 when bytes % (1024 * 1024 * 1024) == 0 => $"{bytes / (1024 * 1024 * 1024)} GB",
        > 0 when bytes % (1024 * 1024) == 0 => $"{bytes / (1024 * 1024)} MB",
        > 0 when bytes % 1024 == 0 => $"{bytes / 1024} KB",
        1 => "1 byte",
        _ => $"{bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes",
    };
}
