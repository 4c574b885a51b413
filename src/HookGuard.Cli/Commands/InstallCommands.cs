using HookGuard.Detectors;
using HookGuard.Hooks;
using McMaster.Extensions.CommandLineUtils;

namespace HookGuard.Cli.Commands;

/// <summary><c>hookguard install</c>, <c>uninstall</c> and <c>status</c> for one repository.</summary>
internal static class InstallCommands
{
    private static readonly HookKind[] AllHooks = Enum.GetValues<HookKind>();

    public static void ConfigureInstall(CommandLineApplication command, CliContext context)
    {
        command.Description = "Install HookGuard's git hooks into a repository (the hooks directory git actually uses).";
        var repo = RepoOption(command);
        var hook = command.Option("--hook <HOOK>", "Which hook: pre-commit, pre-push or all (default: all).", CommandOptionType.SingleValue);
        var force = command.Option("--force", "Replace an existing hook that is not HookGuard's (it is kept as <hook>.hookguard-backup).", CommandOptionType.NoValue);
        command.OnExecute(() =>
        {
            var hooks = ParseHooks(hook.Value());
            foreach (var outcome in new HookInstaller().Install(RepoDirectory(context, repo), hooks, force.HasValue()))
            {
                var name = HookInstaller.HookName(outcome.Hook);
                context.Out.WriteLine(outcome.Action switch
                {
                    HookInstallAction.Created => $"hookguard: installed {name} hook: {outcome.ScriptPath}",
                    HookInstallAction.Updated => $"hookguard: updated {name} hook to this version: {outcome.ScriptPath}",
                    HookInstallAction.Unchanged => $"hookguard: {name} hook already installed and current: {outcome.ScriptPath}",
                    _ => $"hookguard: replaced your {name} hook (kept as {outcome.BackupPath}): {outcome.ScriptPath}",
                });
            }

            return ExitCodes.Clean;
        });
    }

    public static void ConfigureUninstall(CommandLineApplication command, CliContext context)
    {
        command.Description = "Remove HookGuard's hooks from a repository, restoring any hook that --force replaced.";
        var repo = RepoOption(command);
        command.OnExecute(() =>
        {
            foreach (var outcome in new HookInstaller().Uninstall(RepoDirectory(context, repo), AllHooks))
            {
                var name = HookInstaller.HookName(outcome.Hook);
                context.Out.WriteLine(outcome.Action switch
                {
                    HookRemoveAction.Removed => $"hookguard: removed {name} hook: {outcome.ScriptPath}",
                    HookRemoveAction.Restored => $"hookguard: removed {name} hook and restored your previous one: {outcome.ScriptPath}",
                    HookRemoveAction.NotOurs => $"hookguard: {name} hook is not HookGuard's; left as it is: {outcome.ScriptPath}",
                    _ => $"hookguard: no {name} hook of HookGuard's to remove",
                });
            }

            return ExitCodes.Clean;
        });
    }

    public static void ConfigureStatus(CommandLineApplication command, CliContext context)
    {
        command.Description = "Tell whether git will run HookGuard in this repository (exit 0 protected, 1 not).";
        var repo = RepoOption(command);
        command.OnExecute(() =>
        {
            var protectedHooks = 0;
            var states = new HookInstaller().Status(RepoDirectory(context, repo), AllHooks);
            foreach (var state in states)
            {
                var name = HookInstaller.HookName(state.Hook);
                var verdict = !state.Exists ? "not installed"
                    : !state.IsOurs ? "a hook that is not HookGuard's (HookGuard does not run)"
                    : !state.IsCurrent ? "HookGuard, from another version (run `hookguard install` to update)"
                    : "HookGuard, current";
                protectedHooks += state.IsOurs ? 1 : 0;
                context.Out.WriteLine($"{name}: {verdict}: {state.ScriptPath}");
            }

            var allProtected = protectedHooks == states.Count;
            context.Out.WriteLine(allProtected ? "protected" : "not protected: run `hookguard install`");
            return allProtected ? ExitCodes.Clean : ExitCodes.SecretsFound;
        });
    }

    private static CommandOption RepoOption(CommandLineApplication command) =>
        command.Option("--repo <DIR>", "The repository (default: the current directory).", CommandOptionType.SingleValue);

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
