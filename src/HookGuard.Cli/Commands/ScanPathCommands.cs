using System.Text;
using HookGuard.Cli.Scanning;
using HookGuard.Detectors;
using HookGuard.Detectors.Sources;
using McMaster.Extensions.CommandLineUtils;

namespace HookGuard.Cli.Commands;

/// <summary><c>hookguard scan path</c> and <c>hookguard scan stdin</c>.</summary>
internal static class ScanPathCommands
{
    public static void ConfigurePath(CommandLineApplication command, CliContext context)
    {
        command.Description = "Scan files and directories on disk (whole files; .git folders are skipped).";
        var paths = command.Argument("PATH", "Files or directories.", multipleValues: true);
        var options = new ScanOutputOptions(command);
        command.OnExecute(() =>
        {
            if (paths.Values.Count == 0)
            {
                throw new HookGuardUsageException("scan path needs at least one PATH");
            }

            var statistics = new ScanStatistics();
            var repository = GitScan.TryLocate(context);
            // Findings name paths from the repository root when inside one, so fingerprints match the hook's.
            var root = repository?.WorkingDirectory ?? context.WorkingDirectory;
            var policy = PolicyOptions.Load(context, options.Policy, root);
            var limits = GitScan.ScanLimits(repository, policy, context);
            var source = new FileSystemSource(root, limits.MaxFileBytes, limits.ExcludePath);
            var fragments = source.Read(paths.Values.Select(p => context.ResolvePath(p!)), statistics);
            var result = Scanner.Scan(fragments, statistics, policy) with { MaxFileBytes = limits.MaxFileBytes, MaxFileSizeSetting = Reports.SizeLimitText.Setting(policy.Config) };
            return ScanReporting.Report(context, options, result, "the scanned files");
        });
    }

    public static void ConfigureStdin(CommandLineApplication command, CliContext context)
    {
        command.Description = "Scan text read from standard input.";
        var name = command.Option("--name <NAME>", "The file name to show in findings (default: stdin).", CommandOptionType.SingleValue);
        var options = new ScanOutputOptions(command);
        command.OnExecute(() =>
        {
            var policy = PolicyOptions.Load(context, options.Policy, GitScan.PolicyRoot(context));
            var text = context.In.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
            var statistics = new ScanStatistics { Files = 1, Bytes = Encoding.UTF8.GetByteCount(text) };
            var fragment = new ScanFragment(name.Value() ?? "stdin", 1, text);
            return ScanReporting.Report(context, options, Scanner.Scan([fragment], statistics, policy), "standard input");
        });
    }
}
