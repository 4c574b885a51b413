using HookGuard.Detectors;

namespace HookGuard.Hooks;

/// <summary>
/// Installs, removes and inspects HookGuard's hook scripts: in the hooks directory git actually uses for a repository,
/// in a team's shared (committed) hooks directory, or in a global hooks directory. A hook someone else wrote is never
/// lost: it is kept beside ours as <c>&lt;hook&gt;.hookguard-chained</c> and run first, or with <c>force</c> kept as
/// <c>&lt;hook&gt;.hookguard-backup</c>; uninstalling puts it back byte for byte. In a hook manager's directory
/// (Husky, Husky.Net) HookGuard adds a block to the manager's hook files instead.
/// </summary>
public sealed class HookInstaller
{
    /// <summary>
    /// The start of the marker line every script HookGuard writes carries (in full, e.g. <c># hookguard-managed-hook: pre-commit</c>).
    /// A hook file with a line starting with this text is HookGuard's; any other file is the user's.
    /// </summary>
    public const string Marker = "# hookguard-managed-hook:";

    /// <summary>Appended to a hook's file name to keep the foreign hook that <c>--force</c> replaced (not run).</summary>
    public const string BackupSuffix = ".hookguard-backup";

    /// <summary>Appended to a hook's file name to keep the foreign hook our script runs first.</summary>
    public const string ChainedSuffix = ".hookguard-chained";

    // Written beside a core.hooksPath HookGuard sets, in the same scope, so uninstall changes back only its own setting.
    private const string HooksPathKey = "core.hooksPath";
    private const string SetHooksPathKey = "hookguard.hooksPath";
    private const string PreviousHooksPathKey = "hookguard.previousHooksPath";

    private readonly IReadOnlyDictionary<string, string?>? _gitEnvironment;

    /// <summary>Creates an installer that runs git with this process's environment.</summary>
    public HookInstaller()
    {
    }

    /// <summary>Creates an installer that runs git with these variables set (null removes one); for tests.</summary>
    internal HookInstaller(IReadOnlyDictionary<string, string?>? gitEnvironment) => _gitEnvironment = gitEnvironment;

    /// <summary>git's name for <paramref name="hook"/>, e.g. <c>pre-commit</c>.</summary>
    public static string HookName(HookKind hook) => HookTemplates.Name(hook);

    /// <summary>
    /// The folder <c>--global</c> points the global <c>core.hooksPath</c> at when it is not set yet:
    /// <c>$XDG_CONFIG_HOME/hookguard/hooks</c>, else <c>~/.config/hookguard/hooks</c> (<c>%APPDATA%\hookguard\hooks</c> on Windows).
    /// </summary>
    public string DefaultGlobalHooksDirectory
    {
        get
        {
            var configHome = Variable("XDG_CONFIG_HOME");
            if (string.IsNullOrEmpty(configHome))
            {
                configHome = OperatingSystem.IsWindows()
                    ? Variable("APPDATA")
                    : Variable("HOME") is { Length: > 0 } home ? Path.Combine(home, ".config") : null;
            }

            if (string.IsNullOrEmpty(configHome))
            {
                throw new HookGuardEnvironmentException(
                    "cannot tell where your configuration folder is (HOME is not set)", "set HOME or XDG_CONFIG_HOME");
            }

            return Path.Combine(configHome, "hookguard", "hooks");
        }
    }

    /// <summary>
    /// Installs into the hooks directory git uses for the repository. A foreign hook is chained (or, with
    /// <paramref name="force"/>, replaced); in a Husky or Husky.Net directory our block is added to the manager's files.
    /// Nothing is changed when any hook is in the way (a kept hook's name already taken).
    /// </summary>
    /// <exception cref="HookGuardUsageException">A hook is in the way.</exception>
    /// <exception cref="HookGuardEnvironmentException">Not a (non-bare) git repository, git missing, or I/O failure.</exception>
    public HookInstallReport Install(string repositoryDirectory, IReadOnlyCollection<HookKind> hooks, bool force)
    {
        ArgumentNullException.ThrowIfNull(hooks);
        var location = HooksDirectoryLocator.LocateRepository(repositoryDirectory, _gitEnvironment);
        var manager = HookManagerBlocks.Detect(location.HooksDirectory);
        if (manager is not null)
        {
            var blocks = hooks.Distinct().Select(hook => HookManagerBlocks.Add(manager, hook)).ToList();
            return new HookInstallReport(location.HooksDirectory, manager, blocks, []);
        }

        return new HookInstallReport(location.HooksDirectory, null,
            InstallScripts(location.HooksDirectory, hooks, force, runsRepositoryHook: false), []);
    }

    /// <summary>
    /// Installs into <paramref name="sharedDirectory"/>, a folder inside the work tree that the team commits, and points
    /// this clone's <c>core.hooksPath</c> at it (as a path relative to the top of the work tree, so it means the same in
    /// every clone). The scripts also run each clone's own <c>.git/hooks</c>, which git stops running once core.hooksPath is set.
    /// </summary>
    /// <exception cref="HookGuardUsageException"><paramref name="sharedDirectory"/> is outside the work tree, or a hook is in the way.</exception>
    /// <exception cref="HookGuardEnvironmentException">Not a (non-bare) git repository, git missing, or I/O failure.</exception>
    public HookInstallReport InstallShared(string repositoryDirectory, string sharedDirectory, IReadOnlyCollection<HookKind> hooks, bool force)
    {
        ArgumentNullException.ThrowIfNull(hooks);
        var location = HooksDirectoryLocator.LocateRepository(repositoryDirectory, _gitEnvironment);
        var hooksPath = SharedHooksPath(location, sharedDirectory);
        var directory = Path.GetFullPath(Path.Combine(location.WorkTree, hooksPath));
        var outcomes = InstallScripts(directory, hooks, force, runsRepositoryHook: true);
        var changes = PointHooksPath(location.WorkTree, "local", hooksPath);
        return new HookInstallReport(directory, null, outcomes, changes);
    }

    /// <summary>
    /// Installs for every repository of this user: into the folder the global <c>core.hooksPath</c> names, or, when it is
    /// not set, into <see cref="DefaultGlobalHooksDirectory"/> with core.hooksPath set to it. The scripts run each
    /// repository's own hook first, so a project's hooks keep working.
    /// </summary>
    /// <exception cref="HookGuardUsageException">A hook is in the way.</exception>
    /// <exception cref="HookGuardEnvironmentException">git missing, or I/O failure.</exception>
    public HookInstallReport InstallGlobal(IReadOnlyCollection<HookKind> hooks, bool force)
    {
        ArgumentNullException.ThrowIfNull(hooks);
        var anywhere = AnyDirectory();
        var current = GitConfig.Get(anywhere, _gitEnvironment, HooksPathKey, "global");
        var directory = current is null ? DefaultGlobalHooksDirectory : ExpandHome(current.Value);
        var outcomes = InstallScripts(directory, hooks, force, runsRepositoryHook: true);
        var changes = current is null ? PointHooksPath(anywhere, "global", directory) : [];
        return new HookInstallReport(directory, null, outcomes, changes);
    }

    /// <summary>
    /// Removes HookGuard from the hooks directory git uses (or from <paramref name="sharedDirectory"/>), puts back every
    /// hook it chained or replaced, and changes back the core.hooksPath it set in this clone. Foreign hooks are never touched.
    /// </summary>
    /// <exception cref="HookGuardUsageException"><paramref name="sharedDirectory"/> is outside the work tree.</exception>
    /// <exception cref="HookGuardEnvironmentException">Not a (non-bare) git repository, git missing, or I/O failure.</exception>
    public HookRemoveReport Uninstall(string repositoryDirectory, IReadOnlyCollection<HookKind> hooks, string? sharedDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(hooks);
        var location = HooksDirectoryLocator.LocateRepository(repositoryDirectory, _gitEnvironment);
        var directory = sharedDirectory is null
            ? location.HooksDirectory
            : Path.GetFullPath(Path.Combine(location.WorkTree, SharedHooksPath(location, sharedDirectory)));
        var manager = HookManagerBlocks.Detect(directory);
        var outcomes = manager is not null
            ? hooks.Distinct().Select(hook => HookManagerBlocks.Remove(manager, hook)).ToList()
            : RemoveScripts(directory, hooks);
        if (sharedDirectory is not null)
        {
            HookFileSystem.DeleteIfEmptyDirectory(directory);
        }

        return new HookRemoveReport(directory, outcomes, RestoreHooksPath(location.WorkTree, "local"));
    }

    /// <summary>Removes HookGuard from the global hooks directory and changes back the global core.hooksPath it set.</summary>
    /// <exception cref="HookGuardEnvironmentException">git missing, or I/O failure.</exception>
    public HookRemoveReport UninstallGlobal(IReadOnlyCollection<HookKind> hooks)
    {
        ArgumentNullException.ThrowIfNull(hooks);
        var anywhere = AnyDirectory();
        var current = GitConfig.Get(anywhere, _gitEnvironment, HooksPathKey, "global");
        var directory = current is null ? DefaultGlobalHooksDirectory : ExpandHome(current.Value);
        var outcomes = RemoveScripts(directory, hooks);
        var changes = RestoreHooksPath(anywhere, "global");
        if (Path.GetFullPath(directory) == Path.GetFullPath(DefaultGlobalHooksDirectory))
        {
            HookFileSystem.DeleteIfEmptyDirectory(directory);
            HookFileSystem.DeleteIfEmptyDirectory(Path.GetDirectoryName(directory)!);
        }

        return new HookRemoveReport(directory, outcomes, changes);
    }

    /// <summary>What git will run for each hook in the repository, where that comes from, and what hides what.</summary>
    /// <exception cref="HookGuardEnvironmentException">Not a (non-bare) git repository, git missing, or I/O failure.</exception>
    public ProtectionStatus Status(string repositoryDirectory, IReadOnlyCollection<HookKind> hooks)
    {
        ArgumentNullException.ThrowIfNull(hooks);
        var location = HooksDirectoryLocator.LocateRepository(repositoryDirectory, _gitEnvironment);
        var setting = GitConfig.Get(location.WorkTree, _gitEnvironment, HooksPathKey);
        var manager = HookManagerBlocks.Detect(location.HooksDirectory);
        var states = hooks.Distinct()
            .Select(hook => manager is not null ? HookManagerBlocks.Inspect(manager, hook) : InspectScript(location.HooksDirectory, hook))
            .ToList();

        var warnings = new List<string>();
        var global = GitConfig.Get(location.WorkTree, _gitEnvironment, HooksPathKey, "global");
        if (setting is not null && global is not null && setting.Scope != "global"
            && Path.GetFullPath(ExpandHome(global.Value)) != location.HooksDirectory)
        {
            var setter = manager is null ? "" : $" (set by {manager.Name})";
            warnings.Add($"the {setting.Scope} core.hooksPath {setting.Value}{setter} hides the global hooks in {global.Value}: " +
                         "git does not run them in this repository");
        }

        if (location.HooksDirectory != location.DefaultHooksDirectory)
        {
            foreach (var state in states.Where(state => !state.IsProtected))
            {
                var own = InspectScript(location.DefaultHooksDirectory, state.Hook);
                if (own.IsProtected)
                {
                    warnings.Add($"HookGuard's {HookName(state.Hook)} hook in {location.DefaultHooksDirectory} does not run: " +
                                 $"core.hooksPath points git to {location.HooksDirectory}");
                }
            }
        }

        return new ProtectionStatus(location.WorkTree, location.HooksDirectory, setting, manager, states, warnings);
    }

    private static List<HookInstallOutcome> InstallScripts(string hooksDirectory, IReadOnlyCollection<HookKind> hooks, bool force, bool runsRepositoryHook)
    {
        // Decide every hook first, so a refusal leaves all of them untouched.
        var plan = new List<(HookKind Hook, string Path, HookInstallAction Action)>();
        foreach (var hook in hooks.Distinct())
        {
            var name = HookName(hook);
            var path = Path.Combine(hooksDirectory, name);
            var template = HookTemplates.Template(hook, runsRepositoryHook);
            var existing = HookFileSystem.ReadIfPresent(path);
            HookInstallAction action;
            if (existing is null)
            {
                action = HookInstallAction.Created;
            }
            else if (existing.AsSpan().SequenceEqual(template))
            {
                // git ignores a hook without the execute bit; giving it back is the only change then.
                action = HookFileSystem.IsExecutable(path) ? HookInstallAction.Unchanged : HookInstallAction.Updated;
            }
            else if (HookTemplates.IsOurs(existing))
            {
                action = HookInstallAction.Updated;
            }
            else
            {
                // A name HookGuard would move the foreign hook to is taken: never overwrite what is there.
                foreach (var suffix in new[] { ChainedSuffix, BackupSuffix })
                {
                    if (HookFileSystem.PathIsTaken(path + suffix))
                    {
                        throw new HookGuardUsageException(
                            $"{name} hook at {path} is not HookGuard's and {path + suffix} already exists; not changed",
                            "move one of the two away first; HookGuard never overwrites a hook it kept");
                    }
                }

                action = force ? HookInstallAction.Replaced : HookInstallAction.Chained;
            }

            plan.Add((hook, path, action));
        }

        HookFileSystem.CreateDirectory(hooksDirectory);
        var outcomes = new List<HookInstallOutcome>(plan.Count);
        foreach (var (hook, path, action) in plan)
        {
            string? keptPath = action switch
            {
                HookInstallAction.Chained => path + ChainedSuffix,
                HookInstallAction.Replaced => path + BackupSuffix,
                _ => null,
            };
            if (keptPath is not null)
            {
                HookFileSystem.Move(path, keptPath);
            }

            if (action != HookInstallAction.Unchanged)
            {
                HookFileSystem.WriteScript(path, HookTemplates.Template(hook, runsRepositoryHook));
            }

            outcomes.Add(new HookInstallOutcome(hook, path, action, keptPath));
        }

        return outcomes;
    }

    private static List<HookRemoveOutcome> RemoveScripts(string hooksDirectory, IReadOnlyCollection<HookKind> hooks)
    {
        var outcomes = new List<HookRemoveOutcome>();
        foreach (var hook in hooks.Distinct())
        {
            var path = Path.Combine(hooksDirectory, HookName(hook));
            var existing = HookFileSystem.ReadIfPresent(path);
            if (existing is not null && !HookTemplates.IsOurs(existing))
            {
                outcomes.Add(new HookRemoveOutcome(hook, path, HookRemoveAction.NotOurs));
                continue;
            }

            if (existing is not null)
            {
                HookFileSystem.Delete(path);
            }

            // A kept hook is put back even when our script was already deleted by hand: it is the user's hook.
            var kept = new[] { path + BackupSuffix, path + ChainedSuffix }.FirstOrDefault(HookFileSystem.PathIsTaken);
            if (kept is not null)
            {
                HookFileSystem.Move(kept, path);
                outcomes.Add(new HookRemoveOutcome(hook, path, HookRemoveAction.Restored));
            }
            else
            {
                outcomes.Add(new HookRemoveOutcome(hook, path,
                    existing is null ? HookRemoveAction.NotInstalled : HookRemoveAction.Removed));
            }
        }

        return outcomes;
    }

    private static HookState InspectScript(string hooksDirectory, HookKind hook)
    {
        var path = Path.Combine(hooksDirectory, HookName(hook));
        var chained = path + ChainedSuffix;
        var chainedPath = HookFileSystem.PathIsTaken(chained) ? chained : null;
        var existing = HookFileSystem.ReadIfPresent(path);
        if (existing is null)
        {
            return new HookState(hook, path, HookStateKind.Missing, null);
        }

        if (!HookTemplates.IsOurs(existing))
        {
            return new HookState(hook, path, HookStateKind.Foreign, null);
        }

        var kind = !HookFileSystem.IsExecutable(path) ? HookStateKind.NotExecutable
            : existing.AsSpan().SequenceEqual(HookTemplates.Template(hook, runsRepositoryHook: false))
              || existing.AsSpan().SequenceEqual(HookTemplates.Template(hook, runsRepositoryHook: true)) ? HookStateKind.Current
            : HookStateKind.Outdated;
        return new HookState(hook, path, kind, chainedPath);
    }

    /// <summary>Sets core.hooksPath in <paramref name="scope"/> to <paramref name="value"/>, remembering what it replaced.</summary>
    private List<GitConfigChange> PointHooksPath(string directory, string scope, string value)
    {
        var current = GitConfig.Get(directory, _gitEnvironment, HooksPathKey, scope);
        if (current?.Value == value)
        {
            return [];
        }

        var ownedBefore = GitConfig.Get(directory, _gitEnvironment, SetHooksPathKey, scope);
        if (current is not null && ownedBefore?.Value != current.Value)
        {
            // Someone else's setting: remembered so that uninstall can put it back.
            GitConfig.Set(directory, _gitEnvironment, scope, PreviousHooksPathKey, current.Value);
        }

        GitConfig.Set(directory, _gitEnvironment, scope, HooksPathKey, value);
        GitConfig.Set(directory, _gitEnvironment, scope, SetHooksPathKey, value);
        return [new GitConfigChange(scope, HooksPathKey, current?.Value, value)];
    }

    /// <summary>Puts core.hooksPath in <paramref name="scope"/> back as it was, if it still holds the value HookGuard set.</summary>
    private List<GitConfigChange> RestoreHooksPath(string directory, string scope)
    {
        var owned = GitConfig.Get(directory, _gitEnvironment, SetHooksPathKey, scope);
        if (owned is null)
        {
            return [];
        }

        var current = GitConfig.Get(directory, _gitEnvironment, HooksPathKey, scope);
        var previous = GitConfig.Get(directory, _gitEnvironment, PreviousHooksPathKey, scope);
        var changes = new List<GitConfigChange>();
        if (current?.Value == owned.Value)
        {
            if (previous is null)
            {
                GitConfig.Unset(directory, _gitEnvironment, scope, HooksPathKey);
            }
            else
            {
                GitConfig.Set(directory, _gitEnvironment, scope, HooksPathKey, previous.Value);
            }

            changes.Add(new GitConfigChange(scope, HooksPathKey, current.Value, previous?.Value));
        }

        // Changed by someone since: theirs now, so only HookGuard's own notes go.
        GitConfig.Unset(directory, _gitEnvironment, scope, SetHooksPathKey);
        GitConfig.Unset(directory, _gitEnvironment, scope, PreviousHooksPathKey);
        return changes;
    }

    /// <summary>The core.hooksPath value for a shared directory: relative to the top of the work tree, with '/'.</summary>
    private static string SharedHooksPath(RepositoryHooksLocation location, string sharedDirectory)
    {
        var full = Path.GetFullPath(sharedDirectory);
        var relative = Path.GetRelativePath(location.WorkTree, full);
        if (relative == "." || relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            throw new HookGuardUsageException(
                $"--shared {sharedDirectory}: not a folder inside the repository's work tree {location.WorkTree}",
                "name a folder the team commits, e.g. --shared .githooks");
        }

        if (relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)[0] == ".git")
        {
            throw new HookGuardUsageException(
                $"--shared {sharedDirectory}: inside .git, which is never committed",
                "name a folder the team commits, e.g. --shared .githooks");
        }

        return relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <summary>git expands a leading ~ in core.hooksPath; so must we.</summary>
    private string ExpandHome(string path) =>
        path.StartsWith("~/", StringComparison.Ordinal) && Variable("HOME") is { Length: > 0 } home
            ? Path.Combine(home, path[2..])
            : Path.GetFullPath(path);

    private string? Variable(string name) =>
        _gitEnvironment is not null && _gitEnvironment.TryGetValue(name, out var value)
            ? value
            : Environment.GetEnvironmentVariable(name);

    // Global config is the same from any directory; the temporary folder always exists.
    private static string AnyDirectory() => Path.GetTempPath();
}
