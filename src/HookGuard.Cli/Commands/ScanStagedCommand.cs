using HookGuard.Cli.Scanning;
using HookGuard.Git;
using McMaster.Extensions.CommandLineUtils;

namespace HookGuard.Cli.Commands;

/// <summary><c>hookguard scan staged</c>: what the next commit would add.</summary>
internal static class ScanStagedCommand
{
    public static void Configure(CommandLineApplication command, CliContext context)
    {
        command.Description = "Scan the staged additions (the index against HEAD; every line for a first commit).";
        var options = new ScanOutputOptions(command);
        command.OnExecute(() => ScanReporting.Report(context, options, ScanStaged(context, options.Policy), "staged changes"));
    }

    /// <summary>Reads the index git names in GIT_INDEX_FILE when it runs a hook for `git commit PATH` or `-a`.</summary>
    public static ScanResult ScanStaged(CliContext context, PolicyOptions? policyOptions = null)
    {
        Scanner.WarmUp();
        var scan = GitScan.Find(context, policyOptions);
        var indexFile = context.GetEnvironmentVariable("GIT_INDEX_FILE");
        var staged = new StagedChangeSource(scan.Location, string.IsNullOrEmpty(indexFile) ? null : indexFile, scan.Options).Read();
        return scan.WithLimit(scan.Scan(staged.Fragments, staged.Statistics), staged.LargeFiles);
    }
}
