namespace HookGuard.Hooks;

/// <summary>What an uninstall did to one hook.</summary>
public enum HookRemoveAction
{
    /// <summary>Our script was deleted; there was no kept hook to put back.</summary>
    Removed,

    /// <summary>Our script was deleted (or already gone) and the hook it chained or replaced was moved back, byte for byte.</summary>
    Restored,

    /// <summary>Neither our script, our block nor a kept hook was there.</summary>
    NotInstalled,

    /// <summary>The script there is not HookGuard's; it was left alone.</summary>
    NotOurs,

    /// <summary>Our block was removed from a hook manager's file (or the file deleted, when HookGuard had created it).</summary>
    BlockRemoved,
}

/// <summary>The result of uninstalling one hook.</summary>
/// <param name="Hook">Which hook.</param>
/// <param name="ScriptPath">The script (or hook manager's file) concerned.</param>
/// <param name="Action">What was done.</param>
public sealed record HookRemoveOutcome(HookKind Hook, string ScriptPath, HookRemoveAction Action);

/// <summary>The result of an uninstall.</summary>
/// <param name="HooksDirectory">The hooks directory cleaned.</param>
/// <param name="Hooks">One outcome per hook.</param>
/// <param name="ConfigChanges">The git config HookGuard had set and now put back.</param>
public sealed record HookRemoveReport(string HooksDirectory, IReadOnlyList<HookRemoveOutcome> Hooks, IReadOnlyList<GitConfigChange> ConfigChanges);
