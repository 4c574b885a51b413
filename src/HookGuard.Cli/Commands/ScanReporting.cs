using HookGuard.Cli.Reports;
using HookGuard.Cli.Scanning;
using HookGuard.Detectors;

namespace HookGuard.Cli.Commands;

/// <summary>Writes a scan result in the chosen format and turns it into the exit code.</summary>
internal static class ScanReporting
{
    public static int Report(CliContext context, ScanOutputOptions options, ScanResult result, string where)
    {
        var format = options.Format;
        using var file = options.OutputFile is { } path ? OpenOutput(context.ResolvePath(path)) : null;
        var writer = file ?? context.Out;
        if (format == ReportFormat.Json)
        {
            JsonReportWriter.Write(writer, result);
        }
        else if (format == ReportFormat.Sarif)
        {
            SarifReportWriter.Write(writer, result);
        }
        else
        {
            if (result.Findings.Count > 0)
            {
                new TextReportWriter(file is null && context.UseColorOnOut(options.NoColor)).WriteFindings(writer, result, where);
                writer.WriteLine();
            }

            TextReportWriter.WriteSummary(writer, result);
        }

        return result.ExitCode;
    }

    private static StreamWriter OpenOutput(string path)
    {
        try
        {
            return new StreamWriter(path, append: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HookGuardEnvironmentException($"cannot write report to {path}: {e.Message}");
        }
    }
}
