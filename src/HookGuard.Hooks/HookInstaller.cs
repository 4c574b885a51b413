using HookGuard.Detectors;

namespace HookGuard.Hooks;

/// <summary>
/// Installs, removes and inspects HookGuard's hook scripts in the hooks directory git actually uses for a
/// repository. A hook the user wrote is never overwritten without <c>force</c>, and then it is kept beside
/// ours as <c>&lt;hook&gt;.hookguard-backup</c> and put back by <see cref="Uninstall"/>.
/// </summary>
public sealed class HookInstaller
{
    /// <summary>
    /// The start of the marker line every script HookGuard writes carries (in full, e.g. <c># hookguard-managed-hook: pre-commit</c>).
    /// A hook file with a line starting with this text is HookGuard's; any other file is the user's.
    /// </summary>
    public const string Marker = "# hookguard-managed-hook:";

    /// <summary>Appended to a hook's file name to keep the foreign hook that <c>--force</c> replaced.</summary>
    public const string BackupSuffix = ".hookguard-backup";

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
    /// Writes the current template for each hook. Nothing is changed when any hook is in the way
    /// (a foreign hook without <paramref name="force"/>, or a backup that would be overwritten).
    /// </summary>
    /// <exception cref="HookGuardUsageException">A foreign hook is there and <paramref name="force"/> is false, or its backup already exists.</exception>
    /// <exception cref="HookGuardEnvironmentException">Not a (non-bare) git repository, git missing, or I/O failure.</exception>
    public IReadOnlyList<HookInstallOutcome> Install(string repositoryDirectory, IReadOnlyCollection<HookKind> hooks, bool force)
    {
        ArgumentNullException.ThrowIfNull(hooks);
        var hooksDirectory = HooksDirectoryLocator.Locate(repositoryDirectory, _gitEnvironment);

        // Decide every hook first, so a refusal leaves all of them untouched.
        var plan = new List<(HookKind Hook, string Path, HookInstallAction Action)>();
        foreach (var hook in hooks.Distinct())
        {
            var name = HookName(hook);
            var path = Path.Combine(hooksDirectory, name);
            var existing = ReadIfPresent(path);
            HookInstallAction action;
            if (existing is null)
            {
                action = HookInstallAction.Created;
            }
            else if (existing.AsSpan().SequenceEqual(HookTemplates.Template(hook)))
            {
                // git ignores a hook without the execute bit; giving it back is the only change then.
                action = IsExecutable(path) ? HookInstallAction.Unchanged : HookInstallAction.Updated;
            }
            else if (HookTemplates.IsOurs(existing))
            {
                action = HookInstallAction.Updated;
            }
            else if (!force)
            {
                throw new HookGuardUsageException(
                    $"{name} hook already exists at {path} and is not HookGuard's; not changed",
                    $"run `hookguard install --force` to replace it (it is kept as {name}{BackupSuffix})");
            }
            else if (PathIsTaken(path + BackupSuffix))
            {
                throw new HookGuardUsageException(
                    $"{name} hook at {path} is not HookGuard's and a backup already exists at {path + BackupSuffix}; not changed",
                    "move one of the two away first; HookGuard never overwrites a backup");
            }
            else
            {
                action = HookInstallAction.Replaced;
            }

            plan.Add((hook, path, action));
        }

        CreateDirectory(hooksDirectory);
        var outcomes = new List<HookInstallOutcome>(plan.Count);
        foreach (var (hook, path, action) in plan)
        {
            string? backupPath = null;
            if (action == HookInstallAction.Replaced)
            {
                backupPath = path + BackupSuffix;
                Move(path, backupPath);
            }

            if (action is HookInstallAction.Created or HookInstallAction.Replaced or HookInstallAction.Updated)
            {
                WriteScript(path, HookTemplates.Template(hook));
            }

            outcomes.Add(new HookInstallOutcome(hook, path, action, backupPath));
        }

        return outcomes;
    }

    /// <summary>Removes HookGuard's scripts and puts back any hook that <c>--force</c> replaced. Foreign hooks are never touched.</summary>
    /// <exception cref="HookGuardEnvironmentException">Not a (non-bare) git repository, git missing, or I/O failure.</exception>
    public IReadOnlyList<HookRemoveOutcome> Uninstall(string repositoryDirectory, IReadOnlyCollection<HookKind> hooks)
    {
        ArgumentNullException.ThrowIfNull(hooks);
        var hooksDirectory = HooksDirectoryLocator.Locate(repositoryDirectory, _gitEnvironment);
        var outcomes = new List<HookRemoveOutcome>();
        foreach (var hook in hooks.Distinct())
        {
            var path = Path.Combine(hooksDirectory, HookName(hook));
            var backupPath = path + BackupSuffix;
            var existing = ReadIfPresent(path);
            if (existing is not null && !HookTemplates.IsOurs(existing))
            {
                outcomes.Add(new HookRemoveOutcome(hook, path, HookRemoveAction.NotOurs));
                continue;
            }

            if (existing is not null)
            {
                Delete(path);
            }

            // A backup is put back even when our script was already deleted by hand: it is the user's hook.
            if (PathIsTaken(backupPath))
            {
                Move(backupPath, path);
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

    /// <summary>For each hook: where git looks for it, whether a file is there, whether it is ours, and whether it is current.</summary>
    /// <exception cref="HookGuardEnvironmentException">Not a (non-bare) git repository, git missing, or I/O failure.</exception>
    public IReadOnlyList<HookState> Status(string repositoryDirectory, IReadOnlyCollection<HookKind> hooks)
    {
        ArgumentNullException.ThrowIfNull(hooks);
        var hooksDirectory = HooksDirectoryLocator.Locate(repositoryDirectory, _gitEnvironment);
        var states = new List<HookState>();
        foreach (var hook in hooks.Distinct())
        {
            var path = Path.Combine(hooksDirectory, HookName(hook));
            var existing = ReadIfPresent(path);
            states.Add(existing is null
                ? new HookState(hook, path, Exists: false, IsOurs: false, IsCurrent: false)
                : new HookState(hook, path, Exists: true, HookTemplates.IsOurs(existing),
                    existing.AsSpan().SequenceEqual(HookTemplates.Template(hook)) && IsExecutable(path)));
        }

        return states;
    }

    /// <summary>The file's bytes; null when nothing is there; empty for a dangling symbolic link (a foreign hook).</summary>
    private static byte[]? ReadIfPresent(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                throw new HookGuardEnvironmentException($"{path} is a directory, not a hook script");
            }

            var info = new FileInfo(path);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is not { Exists: true })
            {
                return [];
            }

            if (!info.Exists)
            {
                return null;
            }

            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HookGuardEnvironmentException($"cannot read {path}: {ex.Message}", ex);
        }
    }

    /// <summary>False only on Unix when the owner may not execute the file (git then skips the hook).</summary>
    private static bool IsExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        try
        {
            return (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HookGuardEnvironmentException($"cannot read the mode of {path}: {ex.Message}", ex);
        }
    }

    private static bool PathIsTaken(string path) =>
        File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;

    /// <summary>Writes the script next to its final name, makes it executable, then renames it into place.</summary>
    private static void WriteScript(string path, ReadOnlySpan<byte> content)
    {
        var temporary = Path.Combine(
            Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.hookguard-{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(content);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary,
                    UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                    UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
                    UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new HookGuardEnvironmentException($"cannot write {path}: {ex.Message}", ex);
        }
    }

    private static void Move(string from, string to)
    {
        try
        {
            File.Move(from, to, overwrite: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HookGuardEnvironmentException($"cannot move {from} to {to}: {ex.Message}", ex);
        }
    }

    private static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HookGuardEnvironmentException($"cannot delete {path}: {ex.Message}", ex);
        }
    }

    private static void CreateDirectory(string path)
    {
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HookGuardEnvironmentException($"cannot create the hooks directory {path}: {ex.Message}", ex);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the temporary file is hidden and named for us.
        }
    }
}
