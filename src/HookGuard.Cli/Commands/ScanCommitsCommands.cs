using HookGuard.Cli.Reports;
using HookGuard.Detectors;
using HookGuard.Cli.Scanning;
using HookGuard.Git;
using McMaster.Extensions.CommandLineUtils;

namespace HookGuard.Cli.Commands;

/// <summary><c>hookguard scan push</c>, <c>scan range</c> and <c>scan history</c>: the lines that commits added.</summary>
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
            var push = ScanPush(context, remote.Value, options.Policy);
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
            var scan = GitScan.Find(context, options.Policy);
            var source = scan.Commits();
            return ScanReporting.Report(context, options, ScanCommits(scan, source, source.CommitsInRange(range.Value)), $"the commits in {range.Value}");
        });
    }

    public static void ConfigureHistory(CommandLineApplication command, CliContext context)
    {
        command.Description = "Scan every commit reachable from any ref (branches, tags, remote-tracking refs), for audits; each secret is reported with the commit that introduced it.";
        var options = new ScanOutputOptions(command);
        command.OnExecute(() =>
        {
            // A bad --format must not wait for a scan of the whole history to be reported.
            _ = options.Format;
            Scanner.WarmUp();
            return ScanReporting.Report(context, options, ScanHistory(context, GitScan.Find(context, options.Policy)), "the history (all refs)");
        });
    }

    /// <summary>What a push would publish, scanned; or why there is nothing to scan.</summary>
    public static (ScanResult? Result, string Reason) ScanPush(CliContext context, string? remoteName, PolicyOptions? policyOptions = null)
    {
        var updates = PrePushInput.Parse(context.In);
        var scan = new Lazy<GitScan>(() => GitScan.Find(context, policyOptions));
        var source = new Lazy<CommitChangeSource>(() => scan.Value.Commits());
        if (updates.Count == 0 && FromPreCommitFramework(context, source) is { } frameworkUpdate)
        {
            updates = [frameworkUpdate];
            remoteName = context.GetEnvironmentVariable("PRE_COMMIT_REMOTE_NAME") ?? remoteName;
        }

        if (updates.Count == 0)
        {
            return (null, "no refs on standard input (git gives the hook one line per pushed ref)");
        }

        Scanner.WarmUp();
        var commits = source.Value.CommitsToPush(updates, string.IsNullOrEmpty(remoteName) ? "origin" : remoteName);
        return commits.Count == 0
            ? (null, updates.All(u => u.IsDeletion) ? "the push only deletes refs" : "no commits in this push are new to the remote")
            : (ScanCommits(scan.Value, source.Value, commits), "");
    }

    /// <summary>
    /// The pre-commit framework keeps git's stdin and describes the push in variables instead, for its first pushed ref
    /// only: PRE_COMMIT_TO_REF (what is pushed) and PRE_COMMIT_FROM_REF (what the remote has). For a new branch whose
    /// history reaches a root commit it sets neither ("all files"), only PRE_COMMIT_LOCAL_BRANCH (git's local ref) and
    /// PRE_COMMIT_REMOTE_NAME: then everything the remote lacks is scanned.
    /// </summary>
    private static PushUpdate? FromPreCommitFramework(CliContext context, Lazy<CommitChangeSource> source)
    {
        var to = context.GetEnvironmentVariable("PRE_COMMIT_TO_REF");
        var localRef = context.GetEnvironmentVariable("PRE_COMMIT_LOCAL_BRANCH");
        var remoteRef = context.GetEnvironmentVariable("PRE_COMMIT_REMOTE_BRANCH") ?? "";
        if (string.IsNullOrEmpty(to))
        {
            if (string.IsNullOrEmpty(localRef) || string.IsNullOrEmpty(context.GetEnvironmentVariable("PRE_COMMIT_REMOTE_NAME")))
            {
                return null;
            }

            var local = source.Value.ResolveCommit(localRef)
                ?? throw new HookGuardUsageException($"PRE_COMMIT_LOCAL_BRANCH names no commit: {DisplayText.Escape(localRef)}");
            return new PushUpdate(localRef, local, remoteRef, new string('0', local.Length));
        }

        if (!IsObjectId(to))
        {
            throw new HookGuardUsageException($"PRE_COMMIT_TO_REF is not a commit id: {DisplayText.Escape(to)}");
        }

        var from = context.GetEnvironmentVariable("PRE_COMMIT_FROM_REF");
        return new PushUpdate(
            localRef ?? "HEAD",
            to,
            remoteRef,
            // Anything but a plain commit id (the framework may name a parent, "abc^") is scanned as a new branch: more, never less.
            from is not null && IsObjectId(from) ? from : new string('0', to.Length));
    }

    private static bool IsObjectId(string value) =>
        value.Length is 40 or 64 && value.All(char.IsAsciiHexDigit);

    /// <summary>Every commit reachable from any ref, each secret once: with the commit that introduced it at its path.</summary>
    public static ScanResult ScanHistory(CliContext context, GitScan scan)
    {
        var source = scan.Commits();
        var commits = source.AllCommits();
        var collector = Scanner.FirstPerFingerprint(scan.Policy);
        CommitChanges changes;
        using (var progress = new ProgressLine(context, "commits"))
        {
            // Scanned as read: only findings are kept, not the history's text.
            changes = source.ReadHistory(commits, progress.Report, collector.Add);
        }

        return scan.WithLimit(collector.Finish(changes.Statistics, Subjects(changes)), changes.LargeFiles);
    }

    private static ScanResult ScanCommits(GitScan scan, CommitChangeSource source, IReadOnlyList<CommitInfo> commits)
    {
        var changes = source.Read(commits);
        return scan.WithLimit(scan.Scan(changes.Fragments, changes.Statistics, Subjects(changes)), changes.LargeFiles);
    }

    private static Dictionary<string, string> Subjects(CommitChanges changes) =>
        changes.Commits.ToDictionary(c => c.Sha, c => c.Subject, StringComparer.Ordinal);

    private static int NothingToScan(CliContext context, string reason)
    {
        context.Error.WriteLine($"hookguard: nothing to scan: {reason}");
        return ExitCodes.Clean;
    }
}
