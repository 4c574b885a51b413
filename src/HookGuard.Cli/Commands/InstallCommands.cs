using HookGuard.Cli.Reports;
using HookGuard.Config;
using HookGuard.Detectors;
using HookGuard.Detectors.Catalog;
using HookGuard.Hooks;
using McMaster.Extensions.CommandLineUtils;

namespace HookGuard.Cli.Commands;

/// <summary><c>hookguard install</c>, <c>uninstall</c> and <c>status</c>: per repository, a team's shared hooks directory, or global.</summary>
internal static class InstallCommands
{
    private static readonly HookKind[] AllHooks = Enum.GetValues<HookKind>();

    public static void ConfigureInstall(CommandLineApplication command, CliContext context)
    {
        command.Description = "Install HookGuard's git hooks: into a repository (the hooks directory git actually uses), a team's shared hooks directory, or globally.";
        var repo = RepoOption(command);
        var hook = command.Option("--hook <HOOK>", "Which hook: pre-commit, pre-push or all (default: all).", CommandOptionType.SingleValue);
        var shared = command.Option("--shared <DIR>", "Write the hooks into DIR inside the repository (for the team to commit) and point this clone's core.hooksPath at it.", CommandOptionType.SingleValue);
        var global = command.Option("--global", "Install for every repository of this user (the global core.hooksPath); each repository's own hooks still run first.", CommandOptionType.NoValue);
        var force = command.Option("--force", "Replace an existing hook that is not HookGuard's instead of chaining it (it is kept, not run, as <hook>.hookguard-backup).", CommandOptionType.NoValue);
        command.OnExecute(() =>
        {
            var hooks = ParseHooks(hook.Value());
            var installer = new HookInstaller();
            HookInstallReport report;
            if (global.HasValue())
            {
                RejectWith(shared, "--global");
                RejectWith(repo, "--global");
                report = installer.InstallGlobal(hooks, force.HasValue());
            }
            else if (shared.HasValue())
            {
                report = installer.InstallShared(RepoDirectory(context, repo), context.ResolvePath(shared.Value()!), hooks, force.HasValue());
            }
            else
            {
                report = installer.Install(RepoDirectory(context, repo), hooks, force.HasValue());
            }

            WriteInstallReport(context, report);
            if (report.Manager is { } manager)
            {
                context.Out.WriteLine($"hookguard: this repository's hooks are run by {manager.Name}; commit its hook files " +
                                      $"({manager.HookFilesDirectory}) so the whole team runs HookGuard");
            }

            if (shared.HasValue())
            {
                var setting = report.ConfigChanges.Count > 0 ? report.ConfigChanges[0].NewValue : shared.Value();
                context.Out.WriteLine($"hookguard: commit {setting}; after cloning, each teammate runs once: hookguard install --shared {setting}");
            }

            if (global.HasValue())
            {
                context.Out.WriteLine("hookguard: git now runs HookGuard in every repository of yours without its own core.hooksPath " +
                                      "(Husky and others set one: run `hookguard status` there, and `hookguard install` to add HookGuard to them)");
            }

            return ExitCodes.Clean;
        });
    }

    public static void ConfigureUninstall(CommandLineApplication command, CliContext context)
    {
        command.Description = "Remove HookGuard's hooks, put back every hook it chained or replaced, and change back the core.hooksPath it set.";
        var repo = RepoOption(command);
        var shared = command.Option("--shared <DIR>", "Remove the hooks from the shared directory DIR.", CommandOptionType.SingleValue);
        var global = command.Option("--global", "Remove the global install.", CommandOptionType.NoValue);
        command.OnExecute(() =>
        {
            var installer = new HookInstaller();
            HookRemoveReport report;
            if (global.HasValue())
            {
                RejectWith(shared, "--global");
                RejectWith(repo, "--global");
                report = installer.UninstallGlobal(AllHooks);
            }
            else
            {
                var sharedDirectory = shared.HasValue() ? context.ResolvePath(shared.Value()!) : null;
                report = installer.Uninstall(RepoDirectory(context, repo), AllHooks, sharedDirectory);
            }

            foreach (var outcome in report.Hooks)
            {
                var name = HookInstaller.HookName(outcome.Hook);
                context.Out.WriteLine(outcome.Action switch
                {
                    HookRemoveAction.Removed => $"hookguard: removed {name} hook: {outcome.ScriptPath}",
                    HookRemoveAction.Restored => $"hookguard: removed {name} hook and restored your previous one: {outcome.ScriptPath}",
                    HookRemoveAction.BlockRemoved => $"hookguard: removed HookGuard from {name} hook: {outcome.ScriptPath}",
                    HookRemoveAction.NotOurs => $"hookguard: {name} hook is not HookGuard's; left as it is: {outcome.ScriptPath}",
                    _ => $"hookguard: no {name} hook of HookGuard's to remove",
                });
            }

            WriteConfigChanges(context, report.ConfigChanges);
            return ExitCodes.Clean;
        });
    }

    public static void ConfigureStatus(CommandLineApplication command, CliContext context)
    {
        command.Description = "Tell what git will run for each hook here and whether that is HookGuard (exit 0 protected, 1 not).";
        var repo = RepoOption(command);
        command.OnExecute(() =>
        {
            var repositoryDirectory = RepoDirectory(context, repo);
            var status = new HookInstaller().Status(repositoryDirectory, AllHooks);
            var setting = status.HooksPathSetting;
            context.Out.WriteLine(setting is null
                ? $"hooks directory: {status.HooksDirectory} (git's default: core.hooksPath is not set)"
                : $"hooks directory: {status.HooksDirectory} (core.hooksPath = {setting.Value}, {setting.Scope} config, {setting.Origin})");
            if (status.Manager is { } manager)
            {
                context.Out.WriteLine($"hook manager: {manager.Name} (it runs the hook files in {manager.HookFilesDirectory})");
            }

            foreach (var state in status.Hooks)
            {
                var name = HookInstaller.HookName(state.Hook);
                var verdict = state.Kind switch
                {
                    HookStateKind.Missing => "not installed",
                    HookStateKind.Foreign => status.Manager is null
                        ? "a hook that is not HookGuard's (HookGuard does not run)"
                        : $"{status.Manager.Name}'s hook file without HookGuard (HookGuard does not run)",
                    HookStateKind.NotExecutable => "HookGuard, but not executable (git skips it; run `hookguard install`)",
                    HookStateKind.Outdated => "HookGuard, from another version (run `hookguard install` to update)",
                    _ => "HookGuard, current",
                };
                var chained = state.ChainedPath is null ? "" : $" (runs {state.ChainedPath} first)";
                context.Out.WriteLine($"{name}: {verdict}: {state.ScriptPath}{chained}");
            }

            var hookCommand = HookCommandLocator.Locate(status.WorkTree, context.GetEnvironmentVariable);
            context.Out.WriteLine($"hookguard command: {hookCommand.Description}");
            context.Out.WriteLine(ConfigLine(status.WorkTree));
            foreach (var warning in status.Warnings)
            {
                context.Out.WriteLine($"warning: {warning}");
            }

            var isProtected = status.IsProtected && hookCommand.Found;
            context.Out.WriteLine(isProtected ? "protected"
                : !status.IsProtected ? "not protected: run `hookguard install`"
                : "not protected: install the hookguard command (see README.md)");
            return isProtected ? ExitCodes.Clean : ExitCodes.SecretsFound;
        });
    }

    /// <summary>Which .hookguard.json the hooks apply here, or why they cannot: a broken config blocks every commit.</summary>
    private static string ConfigLine(string workTree)
    {
        var path = ConfigLoader.Find(workTree);
        if (path is null)
        {
            return $"config: none ({HookGuardConfig.FileName} not found from {workTree} up; built-in rules)";
        }

        try
        {
            ConfigLoader.LoadFile(path, RuleCatalog.LoadEmbedded());
            return $"config: {path}";
        }
        catch (HookGuardUsageException e)
        {
            return $"warning: the config has a problem, so the hooks block every commit and push until it is fixed: {DisplayText.Escape(CliApplication.SafeRedact(e.Message))}";
        }
    }

    private static void WriteInstallReport(CliContext context, HookInstallReport report)
    {
        foreach (var outcome in report.Hooks)
        {
            var name = HookInstaller.HookName(outcome.Hook);
            var owner = report.Manager is null ? "" : $"{report.Manager.Name}'s ";
            context.Out.WriteLine(outcome.Action switch
            {
                HookInstallAction.Created when report.Manager is not null => $"hookguard: created {owner}{name} hook with HookGuard in it: {outcome.ScriptPath}",
                HookInstallAction.Created => $"hookguard: installed {name} hook: {outcome.ScriptPath}",
                HookInstallAction.Updated => $"hookguard: updated {owner}{name} hook to this version: {outcome.ScriptPath}",
                HookInstallAction.Unchanged when report.Manager is not null => $"hookguard: {owner}{name} hook already has HookGuard, current: {outcome.ScriptPath}",
                HookInstallAction.Unchanged => $"hookguard: {name} hook already installed and current: {outcome.ScriptPath}",
                HookInstallAction.Chained => $"hookguard: installed {name} hook: {outcome.ScriptPath} (your hook is kept as {outcome.KeptPath} and runs first)",
                HookInstallAction.BlockAdded => $"hookguard: added HookGuard to {owner}{name} hook: {outcome.ScriptPath}",
                _ => $"hookguard: replaced your {name} hook (kept, not run, as {outcome.KeptPath}; `hookguard uninstall` puts it back): {outcome.ScriptPath}",
            });
        }

        WriteConfigChanges(context, report.ConfigChanges);
    }

    private static void WriteConfigChanges(CliContext context, IReadOnlyList<GitConfigChange> changes)
    {
        foreach (var change in changes)
        {
            var was = change.OldValue is null ? "was not set" : $"was {change.OldValue}";
            context.Out.WriteLine(change.NewValue is null
                ? $"hookguard: unset {change.Key} in the {change.Scope} git config (was {change.OldValue})"
                : $"hookguard: set {change.Key} = {change.NewValue} in the {change.Scope} git config ({was})");
        }
    }

    private static CommandOption RepoOption(CommandLineApplication command) =>
        command.Option("--repo <DIR>", "The repository (default: the current directory).", CommandOptionType.SingleValue);

    private static void RejectWith(CommandOption option, string other)
    {
        if (option.HasValue())
        {
            throw new HookGuardUsageException($"--{option.LongName} cannot be used with {other}");
        }
    }

    private static string RepoDirectory(CliContext context, CommandOption repo)
    {
        var directory = context.ResolvePath(repo.Value() ?? ".");
        return Directory.Exists(directory)
            ? directory
            : throw new HookGuardUsageException($"--repo {repo.Value()}: no such directory");
    }

    private static HookKind[] ParseHooks(string? value) => value switch
    {
        null or "all" => AllHooks,
        "pre-commit" => [HookKind.PreCommit],
        "pre-push" => [HookKind.PrePush],
        _ => throw new HookGuardUsageException($"unknown --hook '{value}'", "use --hook pre-commit, pre-push or all"),
    };
}
