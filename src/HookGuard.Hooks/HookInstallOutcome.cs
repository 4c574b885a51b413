namespace HookGuard.Hooks;

/// <summary>What an install did to one hook.</summary>
public enum HookInstallAction
{
    /// <summary>No script was there; ours was written.</summary>
    Created,

    /// <summary>An older HookGuard script or block (or the current script without its execute bit) was there; it was rewritten.</summary>
    Updated,

    /// <summary>The current HookGuard script or block was already there; the file was not touched.</summary>
    Unchanged,

    /// <summary>A foreign hook was there; it was kept as <c>&lt;hook&gt;.hookguard-chained</c>, which our script runs first.</summary>
    Chained,

    /// <summary>A foreign hook was there; <c>--force</c> moved it to <c>&lt;hook&gt;.hookguard-backup</c> (not run) and ours was written.</summary>
    Replaced,

    /// <summary>A hook manager's file was there; our block was appended to it.</summary>
    BlockAdded,
}

/// <summary>The result of installing one hook.</summary>
/// <param name="Hook">Which hook.</param>
/// <param name="ScriptPath">The file HookGuard wrote: the script git runs, or the hook manager's file holding our block.</param>
/// <param name="Action">What was done.</param>
/// <param name="KeptPath">Where the foreign hook went, for <see cref="HookInstallAction.Chained"/> and <see cref="HookInstallAction.Replaced"/>; otherwise null.</param>
public sealed record HookInstallOutcome(HookKind Hook, string ScriptPath, HookInstallAction Action, string? KeptPath);

/// <summary>One git config value HookGuard set, changed back or removed.</summary>
/// <param name="Scope"><c>local</c> or <c>global</c>.</param>
/// <param name="Key">The key, e.g. <c>core.hooksPath</c>.</param>
/// <param name="OldValue">The value before; null when it was not set.</param>
/// <param name="NewValue">The value after; null when it is now unset.</param>
public sealed record GitConfigChange(string Scope, string Key, string? OldValue, string? NewValue);

/// <summary>The result of an install.</summary>
/// <param name="HooksDirectory">The hooks directory the scripts went to.</param>
/// <param name="Manager">The hook manager that owns that directory, when HookGuard added blocks to its files instead.</param>
/// <param name="Hooks">One outcome per hook.</param>
/// <param name="ConfigChanges">The git config HookGuard changed (core.hooksPath for --shared and --global).</param>
public sealed record HookInstallReport(
    string HooksDirectory, HookManager? Manager, IReadOnlyList<HookInstallOutcome> Hooks, IReadOnlyList<GitConfigChange> ConfigChanges);
