using HookGuard.Cli.Reports;
using HookGuard.Cli.Scanning;
using HookGuard.Detectors;
using McMaster.Extensions.CommandLineUtils;

namespace HookGuard.Cli.Commands;

/// <summary>
/// <c>hookguard hook pre-commit|pre-push</c>: what the installed scripts run. Silent when clean; on a
/// finding it explains and blocks; when it cannot scan it blocks too (fail closed) and says how to bypass.
/// </summary>
internal static class HookCommand
{
    private static readonly HookKind PreCommit = new(
        "pre-commit", "commit", "the staged changes", "git commit --no-verify, or HOOKGUARD_SKIP=1 git commit ...",
        [
            "Commit blocked. Nothing has entered git history yet, so this is cheap to fix:",
            "  1. Move the value out of the file (see 'instead' above) and stage the file again.",
            "  2. If the token was ever pushed, pasted or shared anywhere, revoke and rotate it (see 'revoke').",
        ]);

    private static readonly HookKind PrePush = new(
        "pre-push", "push", "the commits being pushed", "git push --no-verify, or HOOKGUARD_SKIP=1 git push ...",
        [
            "Push blocked. These commits have not reached the remote, so remove the token from them before pushing:",
            "  1. Take the value out of the file and rewrite the commit that added it (see 'commit' above):",
            "     the latest commit: edit, `git add`, then `git commit --amend`;",
            "     an older one: `git rebase -i <commit>^`, mark it 'edit', fix the file, `git commit --amend`, `git rebase --continue`.",
            "  2. A token that was already pushed anywhere (another branch, remote or fork), pasted or logged is leaked:",
            "     revoke and rotate it (see 'revoke'); deleting it from history does not un-leak it.",
        ]);

    public static void Configure(CommandLineApplication command, CliContext context)
    {
        command.Description = "Run a git hook (called by the installed hook scripts).";
        command.Command("pre-commit", preCommit =>
        {
            preCommit.Description = "Scan the staged additions and block the commit if a secret is found.";
            var noColor = preCommit.Option("--no-color", "Never colour the output.", CommandOptionType.NoValue);
            preCommit.OnExecute(() => Run(context, PreCommit, noColor.HasValue(), () => ScanStagedCommand.ScanStaged(context)));
        });
        command.Command("pre-push", prePush =>
        {
            prePush.Description = "Scan every commit being pushed (git's ref lines on standard input) and block the push if a secret is found.";
            var remote = prePush.Argument("REMOTE", "The remote name git passes.");
            prePush.Argument("URL", "The remote URL git passes.");
            var noColor = prePush.Option("--no-color", "Never colour the output.", CommandOptionType.NoValue);
            prePush.OnExecute(() => Run(context, PrePush, noColor.HasValue(), () =>
            {
                var (result, reason) = ScanCommitsCommands.ScanPush(context, remote.Value);
                if (result is null)
                {
                    context.Error.WriteLine($"hookguard: nothing to scan: {reason}");
                }

                return result;
            }));
        });
        command.OnExecute(() =>
        {
            command.ShowHelp();
            return ExitCodes.Usage;
        });
    }

    private static int Run(CliContext context, HookKind hook, bool noColor, Func<ScanResult?> scan)
    {
        if (context.GetEnvironmentVariable("HOOKGUARD_SKIP") == "1")
        {
            context.Error.WriteLine($"hookguard: HOOKGUARD_SKIP=1, {hook.Operation} not scanned");
            return ExitCodes.Clean;
        }

        ScanResult? result;
        try
        {
            result = scan();
        }
        catch (Exception e) when (e is HookGuardEnvironmentException or HookGuardUsageException)
        {
            var hint = (e as HookGuardEnvironmentException)?.Hint ?? (e as HookGuardUsageException)?.Hint;
            var advice = hint is null ? "" : $" (hint: {hint})";
            context.Error.WriteLine($"hookguard: cannot scan this {hook.Operation}, so it is blocked: {DisplayText.Escape(CliApplication.SafeRedact(e.Message))}{advice}");
            context.Error.WriteLine($"hookguard: to {hook.Operation} without the scan: {hook.Bypass}");
            return e is HookGuardUsageException ? ExitCodes.Usage : ExitCodes.Environment;
        }

        if (result is null)
        {
            return ExitCodes.Clean;
        }

        WriteLargeFilesNotice(context, result);
        if (TextReportWriter.AllowedLine(result) is { } allowed)
        {
            context.Error.WriteLine(allowed);
        }

        if (result.Findings.Count == 0)
        {
            if (result.ExitCode != ExitCodes.Clean)
            {
                context.Error.WriteLine($"hookguard: could not read {TextReportWriter.Count(result.Statistics.UnreadableFiles, "file")}, so the {hook.Operation} is blocked; to {hook.Operation} without the scan: {hook.Bypass}");
            }

            return result.ExitCode;
        }

        var error = context.Error;
        new TextReportWriter(context.UseColor(noColor)).WriteFindings(error, result, hook.Where);
        error.WriteLine();
        foreach (var line in hook.Advice)
        {
            error.WriteLine(line);
        }

        error.WriteLine("  3. Not a real secret (a test value, an already revoked token)? Run the finding's 'ignore' command: it works");
        error.WriteLine($"     before the commit exists and survives rebases. Or put a {Detectors.Engine.SecretScanner.InlineAllowMarker} comment on the line.");
        error.WriteLine($"     To {hook.Operation} once without the scan: {hook.Bypass}");
        return ExitCodes.SecretsFound;
    }

    /// <summary>
    /// One line naming the files the size limit kept out, whether or not the hook blocks: a file nobody scanned is a
    /// hole, and the developer should know it is there and how to close it.
    /// </summary>
    private static void WriteLargeFilesNotice(CliContext context, ScanResult result)
    {
        if (result.LargeFiles.Count == 0 || result.MaxFileBytes is not { } limit)
        {
            return;
        }

        const int Named = 5;
        var names = string.Join(", ", result.LargeFiles.Take(Named).Select(DisplayText.Escape));
        if (result.LargeFiles.Count > Named)
        {
            names += $" and {result.LargeFiles.Count - Named} more";
        }

        context.Error.WriteLine($"hookguard: skipped {TextReportWriter.Count(result.LargeFiles.Count, "file")} over {SizeLimitText.Limit(limit, result.MaxFileSizeSetting)}: {names}");
    }

    private sealed record HookKind(string Name, string Operation, string Where, string Bypass, string[] Advice);
}
