using HookGuard.Detectors;

namespace HookGuard.Cli.Reports;

public enum ReportFormat
{
    Text,
    Json,
}

public static class ReportFormats
{
    public static ReportFormat Parse(string? value) => value?.ToLowerInvariant() switch
    {
        null or "text" => ReportFormat.Text,
        "json" => ReportFormat.Json,
        "sarif" => throw new HookGuardUsageException("--format sarif is not available yet", "use --format text or --format json"),
        _ => throw new HookGuardUsageException($"unknown --format '{value}'", "use --format text or --format json"),
    };
}
