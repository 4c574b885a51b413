using HookGuard.Cli.Scanning;
using HookGuard.Git;
using McMaster.Extensions.CommandLineUtils;

namespace HookGuard.Cli.Commands;

/// <summary><c>hookguard scan push</c> and <c>hookguard scan range</c>: the lines that commits added.</summary>
internal static class ScanCommitsCommands
{
    public static void ConfigurePush(CommandLineApplication command, CliContext context)
    {
        command.Description = "Scan the commits a push would publish; reads git's pre-push lines from standard input.";
        var remote = command.Argument("REMOTE", "The remote name (default: origin).");
        command.Argument("URL", "The remote URL (accepted for symmetry with the hook; not used).");
        var options = new ScanOutputOptions(command);
        command.OnExecute(() =>
        {
            var push = ScanPush(context, remote.Value);
            return push.Result is { } result ? ScanReporting.Report(context, options, result, "the pushed commits") : NothingToScan(context, push.Reason);
        });
    }

    public static void ConfigureRange(CommandLineApplication command, CliContext context)
    {
        command.Description = "Scan every commit in a revision range, e.g. origin/main..HEAD (for CI).";
        var range = command.Argument("REV-RANGE", "A..B (commits in B not in A), A...B, or one revision (everything reachable from it).");
        var options = new ScanOutputOptions(command);
        command.OnExecute(() =>
        {
            if (string.IsNullOrWhiteSpace(range.Value))
            {
                throw new Detectors.HookGuardUsageException("scan range needs a REV-RANGE, e.g. origin/main..HEAD");
            }

            Scanner.WarmUp();
            var source = new CommitChangeSource(RepositoryLocator.Locate(context.WorkingDirectory, context.GetEnvironmentVariable));
            return ScanReporting.Report(context, options, ScanCommits(source, source.CommitsInRange(range.Value)), $"the commits in {range.Value}");
        });
    }

    /// <summary>What a push would publish, scanned; or why there is nothing to scan.</summary>
    public static (ScanResult? Result, string Reason) ScanPush(CliContext context, string? remoteName)
    {
        var updates = PrePushInput.Parse(context.In);
        if (updates.Count == 0)
        {
            return (null, "no refs on standard input (git gives the hook one line per pushed ref)");
        }

        Scanner.WarmUp();
        var source = new CommitChangeSource(RepositoryLocator.Locate(context.WorkingDirectory, context.GetEnvironmentVariable));
        var commits = source.CommitsToPush(updates, string.IsNullOrEmpty(remoteName) ? "origin" : remoteName);
        return commits.Count == 0
            ? (null, updates.All(u => u.IsDeletion) ? "the push only deletes refs" : "no commits in this push are new to the remote")
            : (ScanCommits(source, commits), "");
    }

    private static ScanResult ScanCommits(CommitChangeSource source, IReadOnlyList<CommitInfo> commits)
    {
        var changes = source.Read(commits);
        var subjects = changes.Commits.ToDictionary(c => c.Sha, c => c.Subject, StringComparer.Ordinal);
        return Scanner.Scan(changes.Fragments, changes.Statistics, subjects);
    }

    private static int NothingToScan(CliContext context, string reason)
    {
        context.Error.WriteLine($"hookguard: nothing to scan: {reason}");
        return ExitCodes.Clean;
    }
}
