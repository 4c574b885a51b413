namespace HookGuard.Hooks;

/// <summary>What <see cref="HookInstaller.Uninstall"/> did to one hook script.</summary>
public enum HookRemoveAction
{
    /// <summary>Our script was deleted; there was no backup to put back.</summary>
    Removed,

    /// <summary>Our script was deleted (or already gone) and the hook it replaced was moved back, byte for byte.</summary>
    Restored,

    /// <summary>Neither our script nor a backup was there.</summary>
    NotInstalled,

    /// <summary>The script there is not HookGuard's; it was left alone.</summary>
    NotOurs,
}

/// <summary>The result of uninstalling one hook.</summary>
/// <param name="Hook">Which hook.</param>
/// <param name="ScriptPath">The full path of the script git runs for this hook.</param>
/// <param name="Action">What was done.</param>
public sealed record HookRemoveOutcome(HookKind Hook, string ScriptPath, HookRemoveAction Action);
