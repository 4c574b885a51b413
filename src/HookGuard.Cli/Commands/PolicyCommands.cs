using System.Globalization;
using System.Text;
using HookGuard.Cli.Reports;
using HookGuard.Cli.Scanning;
using HookGuard.Config;
using HookGuard.Detectors;
using HookGuard.Detectors.Catalog;
using HookGuard.Detectors.Sources;
using HookGuard.Git;
using McMaster.Extensions.CommandLineUtils;

namespace HookGuard.Cli.Commands;

/// <summary><c>hookguard ignore</c> and <c>hookguard baseline create</c>: the files that say which findings are not leaks.</summary>
internal static class PolicyCommands
{
    private const string IgnoreHeader =
        "# HookGuard ignore list: findings that are not leaks (test values, revoked tokens). Commit this file.\n" +
        "# One fingerprint a line (RULE-ID:PATH:HASH), then '#', why, who and when. `hookguard ignore` writes the lines.\n";

    private const string BaselineHeader =
        "# HookGuard baseline: findings that were in this repository when HookGuard was adopted. They do not block;\n" +
        "# every other finding does. One fingerprint a line (RULE-ID:PATH:HASH), sorted. Regenerate: hookguard baseline create\n";

    public static void ConfigureIgnore(CommandLineApplication command, CliContext context)
    {
        command.Description = "Mark a finding as not a leak: append its fingerprint to .hookguardignore at the repository root. Works before the commit exists.";
        var fingerprint = command.Argument("FINGERPRINT", "RULE-ID:PATH:HASH, as a finding prints it.");
        var reason = command.Option("--reason <TEXT>", "Why this is not a leak (required; kept in the file with your git name and the date).", CommandOptionType.SingleValue);
        var config = command.Option("--config <FILE>", "The config whose custom rules the fingerprint may name.", CommandOptionType.SingleValue);
        command.OnExecute(() => Ignore(context, fingerprint.Value, reason.Value(), config.Value()));
    }

    public static void ConfigureBaseline(CommandLineApplication command, CliContext context)
    {
        command.Description = "Record the findings a repository already has, so that only new ones block.";
        command.Command("create", create =>
        {
            create.Description = "Write the fingerprints of the current findings (the tracked files, or with --from history every commit) to a baseline file.";
            var from = create.Option("--from <SOURCE>", "history: every commit reachable from any ref, instead of the tracked files as they are now.", CommandOptionType.SingleValue);
            var output = create.Option("--output <FILE>", $"Where to write it (default: {FingerprintFile.DefaultBaselineName} at the repository root).", CommandOptionType.SingleValue);
            var config = create.Option("--config <FILE>", "Use this config instead of the nearest .hookguard.json.", CommandOptionType.SingleValue);
            create.OnExecute(() => CreateBaseline(context, from.Value(), output.Value(), config.Value()));
        });
        command.OnExecute(() =>
        {
            command.ShowHelp();
            return ExitCodes.Usage;
        });
    }

    private static int Ignore(CliContext context, string? fingerprint, string? reason, string? configFile)
    {
        if (string.IsNullOrEmpty(fingerprint))
        {
            throw new HookGuardUsageException("ignore needs a FINGERPRINT (RULE-ID:PATH:HASH)", "a blocked commit prints the exact command for each finding");
        }

        if (!FingerprintFile.IsFingerprint(fingerprint))
        {
            // Not echoed: what was pasted by mistake may be the token itself.
            throw new HookGuardUsageException("not a fingerprint", "expected RULE-ID:PATH:HASH with a 16-digit hex HASH, as a finding prints it");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new HookGuardUsageException("ignore needs --reason: say why this is not a leak", "e.g. --reason \"test fixture, not a real token\"");
        }

        if (reason.Any(char.IsControl))
        {
            throw new HookGuardUsageException("--reason must be one line of text");
        }

        var location = RepositoryLocator.Locate(context.WorkingDirectory, context.GetEnvironmentVariable);
        var root = location.WorkingDirectory
            ?? throw new HookGuardEnvironmentException("a bare repository has no work tree for .hookguardignore", "run this in a clone with a work tree");
        var policy = PolicyOptions.Load(context, new PolicyOptions(configFile, null, ApplyBaseline: false), root);
        var ruleId = FingerprintFile.RuleId(fingerprint);
        if (policy.Config.FindRule(RuleCatalog.LoadEmbedded(), ruleId) is null)
        {
            throw new HookGuardUsageException($"unknown rule '{ruleId}' in the fingerprint", "`hookguard rules` lists the rule ids");
        }

        var path = policy.IgnorePath;
        var shownPath = Path.GetRelativePath(context.WorkingDirectory, path);
        if (policy.Ignored.Contains(fingerprint))
        {
            context.Out.WriteLine($"hookguard: already ignored in {shownPath}: {fingerprint}");
            return ExitCodes.Clean;
        }

        var who = Who(location, context);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var entry = $"{fingerprint}  # {reason.Trim()} ({who}, {today})\n";
        Append(path, entry);
        context.Out.WriteLine($"hookguard: ignored {fingerprint}");
        context.Out.WriteLine($"hookguard: wrote it to {shownPath}; commit that file so the whole team and CI skip it too");
        return ExitCodes.Clean;
    }

    /// <summary>"Name &lt;email&gt;" from git config, as git would sign a commit; what is missing is left out.</summary>
    private static string Who(RepositoryLocation location, CliContext context)
    {
        var name = GitConfigLookup.Read(location, "user.name", context.GetEnvironmentVariable);
        var email = GitConfigLookup.Read(location, "user.email", context.GetEnvironmentVariable);
        var who = $"{name} {(email is null ? "" : $"<{email}>")}".Trim();
        return who.Length == 0 ? "unknown (git user.name is not set)" : who.ReplaceLineEndings(" ");
    }

    /// <summary>Appends one entry, creating the file with its header, and first ending a last line a person left open.</summary>
    private static void Append(string path, string entry)
    {
        try
        {
            var existing = File.Exists(path) ? File.ReadAllText(path) : null;
            var text = new StringBuilder();
            if (existing is null)
            {
                text.Append(IgnoreHeader);
            }
            else if (existing.Length > 0 && !existing.EndsWith('\n'))
            {
                text.Append('\n');
            }

            File.AppendAllText(path, text.Append(entry).ToString(), new UTF8Encoding(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HookGuardEnvironmentException($"cannot write {path}: {e.Message}");
        }
    }

    private static int CreateBaseline(CliContext context, string? from, string? output, string? configFile)
    {
        if (from is not null && from != "history")
        {
            throw new HookGuardUsageException($"unknown --from '{from}'", "use --from history, or leave it out to scan the tracked files as they are");
        }

        // Old findings must all be listed, including those an older baseline covers.
        var policyOptions = new PolicyOptions(configFile, null, ApplyBaseline: false);
        Scanner.WarmUp();
        var scan = GitScan.Find(context, policyOptions);
        var root = scan.Location.WorkingDirectory ?? context.WorkingDirectory;
        ScanResult result;
        if (from == "history")
        {
            result = ScanCommitsCommands.ScanHistory(context, scan);
        }
        else
        {
            var statistics = new ScanStatistics();
            var fragments = new FileSystemSource(root, scan.Options.MaxFileBytes, scan.Options.ExcludePath).Read(TrackedFiles.List(scan.Location), statistics);
            result = scan.Scan(fragments, statistics);
        }

        var fingerprints = result.Findings.Select(f => f.Fingerprint).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var path = output is null ? Path.Combine(root, FingerprintFile.DefaultBaselineName) : context.ResolvePath(output);
        try
        {
            File.WriteAllText(path, BaselineHeader + string.Concat(fingerprints.Select(f => f + "\n")), new UTF8Encoding(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HookGuardEnvironmentException($"cannot write {path}: {e.Message}");
        }

        var configPath = Path.GetRelativePath(root, path).Replace('\\', '/');
        context.Out.WriteLine($"hookguard: wrote {TextReportWriter.Count(fingerprints.Count, "fingerprint")} to {Path.GetRelativePath(context.WorkingDirectory, path)}");
        context.Out.WriteLine($"hookguard: to let only new findings block, add  \"baseline\": \"{configPath}\"  to {HookGuardConfig.FileName} (or pass --baseline to a scan), and commit both files");
        return ExitCodes.Clean;
    }
}
