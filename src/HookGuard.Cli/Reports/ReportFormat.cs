using HookGuard.Detectors;

namespace HookGuard.Cli.Reports;

public enum ReportFormat
{
    Text,
    Json,

    /// <summary>SARIF 2.1.0, for code-scanning services.</summary>
    Sarif,
}

public static class ReportFormats
{
    public static ReportFormat Parse(string? value) => value?.ToLowerInvariant() switch
    {
        null or "text" => ReportFormat.Text,
        "json" => ReportFormat.Json,
        "sarif" => ReportFormat.Sarif,
        _ => throw new HookGuardUsageException($"unknown --format '{value}'", "use --format text, json or sarif"),
    };
}
