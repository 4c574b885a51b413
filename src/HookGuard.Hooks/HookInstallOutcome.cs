namespace HookGuard.Hooks;

/// <summary>What <see cref="HookInstaller.Install"/> did to one hook script.</summary>
public enum HookInstallAction
{
    /// <summary>No script was there; ours was written.</summary>
    Created,

    /// <summary>An older HookGuard script (or the current one without its execute bit) was there; it was rewritten.</summary>
    Updated,

    /// <summary>The current HookGuard script was already there; the file was not touched.</summary>
    Unchanged,

    /// <summary>A foreign hook was there; it was moved to the backup path (<c>--force</c>) and ours was written.</summary>
    Replaced,
}

/// <summary>The result of installing one hook.</summary>
/// <param name="Hook">Which hook.</param>
/// <param name="ScriptPath">The full path of the script git will run.</param>
/// <param name="Action">What was done.</param>
/// <param name="BackupPath">Where the foreign hook was moved, for <see cref="HookInstallAction.Replaced"/>; otherwise null.</param>
public sealed record HookInstallOutcome(HookKind Hook, string ScriptPath, HookInstallAction Action, string? BackupPath);
