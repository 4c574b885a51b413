using System.Reflection;
using HookGuard.Cli.Commands;
using HookGuard.Detectors;
using HookGuard.Detectors.Catalog;
using McMaster.Extensions.CommandLineUtils;

namespace HookGuard.Cli;

/// <summary>Builds the command tree and runs it; the only place that turns failures into exit codes.</summary>
public static class CliApplication
{
    public static string Version { get; } =
        typeof(CliApplication).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Where reports send people for more about HookGuard (SARIF's informationUri); a placeholder until the project has its public home.</summary>
    public const string ProjectUri = "https://github.com/hookguard/hookguard";

    public static int Run(string[] args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (ScansGitChanges(args))
        {
            // Loading libgit2 (and the OpenSSL it initialises) overlaps building and parsing the command line.
            HookGuard.Git.GitLibrary.LoadInBackground();
        }

        var verbose = args.Contains("--verbose");
        try
        {
            using var app = Build(context);
            return Execute(app, args.Where(a => a != "--verbose").ToArray());
        }
        catch (CommandParsingException e)
        {
            return Fail(context, ExitCodes.Usage, e.Message, "run `hookguard --help` for usage");
        }
        catch (HookGuardUsageException e)
        {
            return Fail(context, ExitCodes.Usage, e.Message, e.Hint);
        }
        catch (HookGuardEnvironmentException e)
        {
            return Fail(context, ExitCodes.Environment, e.Message, e.Hint);
        }
        catch (RuleCatalogException e)
        {
            return Fail(context, ExitCodes.Environment, $"the built-in rule catalogue is broken: {e.Errors[0]}", "please report this");
        }
        catch (Exception e) when (!verbose)
        {
            // Messages never carry secret values (findings hold only redacted text), so printing one is safe.
            return Fail(context, ExitCodes.Environment, $"unexpected error: {e.GetType().Name}: {e.Message}", "run again with --verbose for details");
        }
    }

    /// <summary>The commands of <see cref="Build"/> that read changes through libgit2 first thing: the hooks and the git scans.</summary>
    internal static bool ScansGitChanges(string[] args) =>
        args is ["scan", "staged" or "push" or "range" or "history", ..] or ["hook", ..];

    /// <summary>
    /// What McMaster's Execute does, minus its DataAnnotations validation: that builds a ValidationContext through a
    /// constructor marked RequiresUnreferencedCode, the one trim warning of the Native AOT build. HookGuard attaches no
    /// validators (CommandTreeTests pins it), so validation could only succeed.
    /// </summary>
    private static int Execute(CommandLineApplication app, string[] args)
    {
        var command = app.Parse(args).SelectedCommand;
        return command.IsShowingInformation ? ExitCodes.Clean : command.Invoke();
    }

    private static int Fail(CliContext context, int exitCode, string message, string? hint)
    {
        // One line, whatever went wrong: scripts and hook output read it as one message. Messages can quote paths and
        // revisions from the repository, so they never reach the terminal raw.
        var advice = hint is null ? "" : $" (hint: {hint})";
        context.Error.WriteLine($"hookguard: error: {Reports.DisplayText.Escape(SafeRedact(message))}{advice}");

        return exitCode;
    }

    /// <summary>Redacts secrets in an error message; if even the rules cannot load, the message is printed as it is.</summary>
    internal static string SafeRedact(string message)
    {
        try
        {
            return Scanning.Scanner.RedactSecrets(message);
        }
        catch (RuleCatalogException)
        {
            return message;
        }
    }

    internal static CommandLineApplication Build(CliContext context)
    {
        var app = new CommandLineApplication(new ContextConsole(context), context.WorkingDirectory, throwOnUnexpectedArg: true)
        {
            Name = "hookguard",
            FullName = "HookGuard",
            Description = "Blocks leaked API tokens before the commit exists, and tells you how to revoke and rotate them.",
        };
        app.HelpOption(inherited: true);
        app.VersionOption("--version", Version);
        app.Command("install", c => InstallCommands.ConfigureInstall(c, context));
        app.Command("uninstall", c => InstallCommands.ConfigureUninstall(c, context));
        app.Command("status", c => InstallCommands.ConfigureStatus(c, context));
        app.Command("hook", c => HookCommand.Configure(c, context));
        app.Command("scan", scan =>
        {
            scan.Description = "Scan for secrets: staged changes, pushed commits, a commit range, the whole history, paths or standard input.";
            scan.Command("staged", c => ScanStagedCommand.Configure(c, context));
            scan.Command("push", c => ScanCommitsCommands.ConfigurePush(c, context));
            scan.Command("range", c => ScanCommitsCommands.ConfigureRange(c, context));
            scan.Command("history", c => ScanCommitsCommands.ConfigureHistory(c, context));
            scan.Command("path", c => ScanPathCommands.ConfigurePath(c, context));
            scan.Command("stdin", c => ScanPathCommands.ConfigureStdin(c, context));
            scan.OnExecute(() => ShowHelpAsUsageError(scan));
        });
        app.Command("ignore", c => PolicyCommands.ConfigureIgnore(c, context));
        app.Command("baseline", c => PolicyCommands.ConfigureBaseline(c, context));
        app.Command("rules", c => CatalogCommands.ConfigureRules(c, context));
        app.Command("explain", c => CatalogCommands.ConfigureExplain(c, context));
        app.OnExecute(() => ShowHelpAsUsageError(app));
        return app;
    }

    private static int ShowHelpAsUsageError(CommandLineApplication command)
    {
        command.ShowHelp();
        return ExitCodes.Usage;
    }
}
