using HookGuard.Cli.Reports;
using HookGuard.Detectors;
using McMaster.Extensions.CommandLineUtils;

namespace HookGuard.Cli.Commands;

/// <summary>
/// <c>hookguard hook pre-commit</c>: what the installed script runs. Silent when clean; on a finding
/// it explains and blocks; when it cannot scan it blocks too (fail closed) and says how to bypass.
/// </summary>
internal static class HookCommand
{
    private const string Bypass = "git commit --no-verify, or HOOKGUARD_SKIP=1 git commit ...";

    public static void Configure(CommandLineApplication command, CliContext context)
    {
        command.Description = "Run a git hook (called by the installed hook scripts).";
        command.Command("pre-commit", preCommit =>
        {
            preCommit.Description = "Scan the staged additions and block the commit if a secret is found.";
            var noColor = preCommit.Option("--no-color", "Never colour the output.", CommandOptionType.NoValue);
            preCommit.OnExecute(() => RunPreCommit(context, noColor.HasValue()));
        });
        command.OnExecute(() =>
        {
            command.ShowHelp();
            return ExitCodes.Usage;
        });
    }

    private static int RunPreCommit(CliContext context, bool noColor)
    {
        if (context.GetEnvironmentVariable("HOOKGUARD_SKIP") == "1")
        {
            context.Error.WriteLine("hookguard: HOOKGUARD_SKIP=1, commit not scanned");
            return ExitCodes.Clean;
        }

        Scanning.ScanResult result;
        try
        {
            result = ScanStagedCommand.ScanStaged(context);
        }
        catch (HookGuardEnvironmentException e)
        {
            context.Error.WriteLine($"hookguard: cannot scan this commit, so it is blocked: {e.Message}");
            context.Error.WriteLine($"hookguard: to commit without the scan: {Bypass}");
            return ExitCodes.Environment;
        }

        if (result.Findings.Count == 0)
        {
            if (result.ExitCode != ExitCodes.Clean)
            {
                context.Error.WriteLine($"hookguard: could not read {TextReportWriter.Count(result.Statistics.UnreadableFiles, "staged file")}, so the commit is blocked; to commit without the scan: {Bypass}");
            }

            return result.ExitCode;
        }

        var error = context.Error;
        new TextReportWriter(context.UseColor(noColor)).WriteFindings(error, result.Findings, "the staged changes");
        error.WriteLine();
        error.WriteLine("Commit blocked. Nothing has entered git history yet, so this is cheap to fix:");
        error.WriteLine("  1. Move the value out of the file (see 'instead' above) and stage the file again.");
        error.WriteLine("  2. If the token was ever pushed, pasted or shared anywhere, revoke and rotate it (see 'revoke').");
        error.WriteLine($"  3. Not a real secret (a test value, an already revoked token)? Commit anyway with: {Bypass}");
        return ExitCodes.SecretsFound;
    }
}
